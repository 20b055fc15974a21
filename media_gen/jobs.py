"""The generation jobs the worker runs: claim the row, call the provider, store the result.

Each job is idempotent on its row: a duplicate message finds the row already claimed
and does nothing, so the channel layer may deliver twice (or the sweeper resend) safely.
"""

import asyncio
import logging
import tempfile

from asgiref.sync import sync_to_async
from django.core.files import File
from django.core.files.base import ContentFile

from media_gen import briefs
from media_gen.providers import get_provider
from media_gen.providers.base import ProviderError, with_retries
from stories.models import ImageAsset, Scene, VideoAsset

log = logging.getLogger(__name__)

IMAGE_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}


async def run(job_class, pk, work):
    """Claim job `pk` and run `work(job)`; any failure is recorded on the row."""
    if not await sync_to_async(job_class.claim)(pk):
        return  # another worker has it, or it already finished
    job = await job_class.objects.aget(pk=pk)
    try:
        await work(job)
    except ProviderError as error:
        log.info("%s %s failed: %s", job_class.__name__, pk, error.message)
        await sync_to_async(job.mark_failed)(error.message)
    except OSError as error:
        log.exception("%s %s could not save its file", job_class.__name__, pk)
        await sync_to_async(job.mark_failed)(f"Could not save the file: {error.strerror or error}.")
    except Exception:
        log.exception("%s %s crashed", job_class.__name__, pk)
        await sync_to_async(job.mark_failed)("Something unexpected went wrong. Try again.")


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
    brief, spec = await sync_to_async(_image_inputs)(asset)
    provider = await provider_for(spec)
    result = await with_retries(provider.draw, brief)
    extension = IMAGE_EXTENSIONS.get(result.mime, ".png")
    await sync_to_async(_store_file)(
        asset, f"image{extension}", ContentFile(result.data), usage=result.usage, request_id=result.request_id
    )


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
