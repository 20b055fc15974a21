"""The generation jobs the worker runs: claim the row, call the provider, store the result.

Each job is idempotent on its row: a duplicate message finds the row already claimed
and does nothing, so the channel layer may deliver twice (or the sweeper resend) safely.
"""

import asyncio
import logging
import tempfile
import traceback

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile

from media_gen import briefs
from media_gen.providers import get_provider
from media_gen.providers.base import ProviderError, with_retries
from stories.models import AudioAsset, ImageAsset, Scene, VideoAsset

log = logging.getLogger(__name__)

IMAGE_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}
AUDIO_EXTENSIONS = {"audio/mpeg": ".mp3", "audio/wav": ".wav"}
# What people read when the fault is ours, not the provider's: the OS error or traceback
# goes to the admin (error_detail) and the log, never to a child's screen.
NOT_SAVED = "It couldn't be saved just now. Please try again in a little while."
UNEXPECTED = "Something unexpected went wrong. Try again."

# The jobs this process is running, by claim token: what it hands back when it stops.
running = {}


async def run(job_class, pk, work):
    """Claim job `pk` and run `work(job)` under its lease; any failure is recorded on the row."""
    job = await sync_to_async(job_class.claim)(pk)
    if job is None:
        return  # another worker has it, or it already finished
    try:
        await leased(job, work)
    except ProviderError as error:
        log.info("%s %s failed: %s %s", job_class.__name__, pk, error.message, error.detail)
        await sync_to_async(job.mark_failed)(error.message, detail=error.detail)
    except OSError:
        log.exception("%s %s could not save its file", job_class.__name__, pk)
        await sync_to_async(job.mark_failed)(NOT_SAVED, detail=traceback.format_exc())
    except Exception:
        log.exception("%s %s crashed", job_class.__name__, pk)
        await sync_to_async(job.mark_failed)(UNEXPECTED, detail=traceback.format_exc())


async def leased(job, work):
    """Run `work(job)` while renewing the job's lease, so no sweeper takes it back meanwhile."""
    running[job.claimed_by] = job
    heartbeat = asyncio.ensure_future(keep_lease(job))
    try:
        await work(job)
    finally:
        heartbeat.cancel()
        running.pop(job.claimed_by, None)


async def keep_lease(job):
    while True:
        await asyncio.sleep(settings.JOB_HEARTBEAT_INTERVAL)
        try:
            if not await sync_to_async(job.renew_lease)():
                # Taken back (or retried) meanwhile: its new run owns the row, and this one's
                # result will be refused when it finishes.
                log.warning("%s %s is no longer this worker's", type(job).__name__, job.pk)
                return
        except Exception:
            log.exception("Could not renew the lease of %s %s; trying again", type(job).__name__, job.pk)


def hand_back_running():
    """Requeue every job this process is running (it is stopping); returns how many."""
    return sum(job.hand_back() for job in list(running.values()))


async def provider_for(spec):
    """The spec's provider. Its first use imports an SDK, seconds of work on a busy machine:
    in a thread of its own, so neither the event loop (pages, pushes) nor the thread the
    database work runs in (sockets' handshakes) waits for it."""
    return await asyncio.to_thread(get_provider, spec)


async def write_scene(scene):
    brief, spec = await sync_to_async(_text_inputs)(scene)
    provider = await provider_for(spec)
    # The scene's viewers see the text grow while the model streams it.
    draft = await with_retries(provider.write_scene, brief, sync_to_async(scene.save_draft))
    await sync_to_async(scene.complete_text)(draft)


def _text_inputs(scene):
    return briefs.scene_brief(scene), briefs.model_spec(scene.story.text_model)


async def draw_image(asset):
    await store_answer(asset, _image_inputs, lambda provider: provider.draw, "image", IMAGE_EXTENSIONS, ".png")


def _image_inputs(asset):
    return briefs.image_brief(asset), briefs.model_spec(asset.model)


async def make_clip(video):
    brief = await sync_to_async(briefs.video_brief)(video)
    provider = await provider_for(briefs.video_spec(video.provider))
    # Download (or encode) into an anonymous temporary file, then store it in one rename:
    # memory stays flat whatever the clip's size, and no partial file is ever visible.
    with tempfile.TemporaryFile() as clip:
        usage = await provider.render_video(
            brief, clip, request_id=video.request_id, on_submitted=sync_to_async(video.save_request_id)
        )
        clip.seek(0)
        await sync_to_async(_store_file)(video, "clip.mp4", File(clip), usage=usage)


async def read_aloud(audio):
    await store_answer(audio, _speech_inputs, lambda provider: provider.speak, "narration", AUDIO_EXTENSIONS, ".mp3")


def _speech_inputs(audio):
    return briefs.speech_brief(audio), briefs.model_spec(audio.voice)


async def store_answer(asset, inputs, ask, name, extensions, default_extension):
    """A picture's or a narration's run: the row's brief and spec (`inputs`), the provider's
    answer to `ask` under the retry policy, and its bytes stored as `name` with the extension
    its MIME type calls for."""
    brief, spec = await sync_to_async(inputs)(asset)
    provider = await provider_for(spec)
    result = await with_retries(ask(provider), brief)
    extension = extensions.get(result.mime, default_extension)
    await sync_to_async(_store_file)(
        asset, name + extension, ContentFile(result.data), usage=result.usage, request_id=result.request_id
    )


def _store_file(asset, name, content, **fields):
    """Save the asset's new file (replacing a retry's earlier one) and complete the job."""
    asset.delete_file()
    asset.file.save(name, content, save=False)
    if not asset.mark_complete(file=asset.file.name, **fields):
        asset.delete_file()  # the job was taken from us (retried or swept) meanwhile


async def run_text(pk):
    await run(Scene, pk, write_scene)


async def run_image(pk):
    await run(ImageAsset, pk, draw_image)


async def run_video(pk):
    await run(VideoAsset, pk, make_clip)


async def run_audio(pk):
    await run(AudioAsset, pk, read_aloud)
