import asyncio
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels.routing import ChannelNameRouter
from channels.worker import Worker
from django.utils import timezone

from media_gen import jobs
from media_gen.providers.base import ProviderError
from media_gen.providers.offline import OfflineProvider
from media_gen.routing import GENERATION_CHANNELS, channel_routes
from media_gen.sweeper import GAVE_UP, MAX_ATTEMPTS, sweep
from stories import live
from stories.models import ImageAsset, Scene
from tests.helpers import draw, jobs_sent, make_story, write

pytestmark = pytest.mark.django_db


def test_the_text_job_writes_the_scene_and_queues_its_picture(django_capture_on_commit_callbacks):
    story, scene = make_story()
    with django_capture_on_commit_callbacks() as callbacks:
        scene = write(scene)
    assert scene.status == "complete"
    assert scene.attempts == 1
    assert scene.text and scene.image_prompt
    assert scene.finished_at is not None
    story.refresh_from_db()
    assert story.title == scene.title
    assert scene.image.status == "pending"
    assert scene.image.model.key == "offline"
    # The picture, and the scenes behind its choices written ahead.
    assert [callback.args[0] for callback in jobs_sent(callbacks)] == ["story-images"] + ["story-text"] * len(
        scene.choices
    )


def test_the_image_job_saves_a_png_in_the_tier_folder(media_root):
    _, scene = make_story(tier="nsfw")
    scene = draw(write(scene))
    image = scene.image
    assert image.status == "complete"
    path = media_root / image.file.name
    assert image.file.name == f"nsfw/images/{image.pk}.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(path.parent.glob(".part-*"))


def test_a_job_delivered_twice_runs_once(monkeypatch):
    _, scene = make_story()
    calls = []
    original = OfflineProvider.write_scene

    async def counting(self, brief, on_draft=None):
        calls.append(brief.scene_number)
        if len(calls) == 1:
            await jobs.run_text(scene.pk)  # the same message again, while the job runs
        return await original(self, brief)

    monkeypatch.setattr(OfflineProvider, "write_scene", counting)

    async def deliver_thrice():
        await jobs.run_text(scene.pk)
        await jobs.run_text(scene.pk)  # and once more after it finished

    async_to_sync(deliver_thrice)()
    scene.refresh_from_db()
    assert calls == [1]
    assert scene.status == "complete"
    assert scene.attempts == 1
    assert ImageAsset.objects.filter(scene=scene).count() == 1


def test_a_worker_takes_its_job_in_two_queries_and_the_scene_page_is_told(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The claim's update and one read, which serves the worker and names the scene to tell."""
    _, scene = make_story()
    picture = write(scene).image
    layer = get_channel_layer()
    viewer = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(live.group_name(scene.pk), viewer)
    held = []

    async def work(job):
        held.append((job.pk, job.status))

    with django_assert_num_queries(2), django_capture_on_commit_callbacks(execute=True):
        async_to_sync(jobs.run)(ImageAsset, picture.pk, work)

    assert held == [(picture.pk, "generating")]

    async def told():
        return await asyncio.wait_for(layer.receive(viewer), timeout=5)  # sent already: it fails, not waits

    message = async_to_sync(told)()
    assert (message["type"], message["parts"]) == ("scene.changed", ["image", "video"])


def test_a_provider_error_fails_the_job_with_its_message_and_keeps_the_story(monkeypatch):
    _, scene = make_story()
    scene = write(scene)

    async def blocked(self, brief):
        raise ProviderError("Blocked by the safety system.", permanent=True)

    monkeypatch.setattr(OfflineProvider, "draw", blocked)
    scene = draw(scene)
    assert scene.image.status == "failed"
    assert scene.image.error == "Blocked by the safety system."
    assert scene.status == "complete" and scene.choices


def test_transient_errors_are_retried(monkeypatch):
    _, scene = make_story()
    scene = write(scene)
    original = OfflineProvider.draw
    failures = [ProviderError("Busy", retry_after=0.01), ProviderError("Busy again")]

    async def flaky(self, brief):
        if failures:
            raise failures.pop(0)
        return await original(self, brief)

    monkeypatch.setattr(OfflineProvider, "draw", flaky)
    scene = draw(scene)
    assert scene.image.status == "complete"
    assert failures == []


def test_a_crash_fails_the_job_with_a_readable_message(monkeypatch):
    _, scene = make_story()

    async def crash(self, brief, on_draft=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(OfflineProvider, "write_scene", crash)
    scene = write(scene)
    assert scene.status == "failed"
    assert scene.error == "Something unexpected went wrong. Try again."
    assert "RuntimeError: boom" in scene.error_detail


def test_a_disk_full_write_fails_the_image_and_leaves_no_partial_file(monkeypatch, media_root):
    _, scene = make_story()
    scene = write(scene)
    import os

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("stories.storage.os.fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    scene = draw(scene)
    assert scene.image.status == "failed"
    assert scene.image.error == jobs.NOT_SAVED
    assert "OSError: [Errno 28] No space left on device" in scene.image.error_detail
    assert not [path for path in media_root.rglob("*") if path.is_file()]
    assert scene.status == "complete"


def test_the_sweeper_resends_a_job_whose_message_was_lost(settings):
    _, scene = make_story()  # on_commit never ran: the message is "lost"
    Scene.objects.filter(pk=scene.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    layer = get_channel_layer()
    assert sweep()["resent"] == 1
    message = async_to_sync(layer.receive)(Scene.channel)
    assert message == {"type": "job.run", "id": str(scene.pk)}
    assert sweep()["resent"] == 0  # not again until another interval has passed


def test_the_sweeper_requeues_a_job_stuck_in_generating_then_gives_up():
    _, scene = make_story()
    long_ago = timezone.now() - timedelta(hours=1)
    Scene.objects.filter(pk=scene.pk).update(status="generating", started_at=long_ago, attempts=1)
    assert sweep()["requeued"] == 1
    scene.refresh_from_db()
    assert scene.status == "pending"
    Scene.objects.filter(pk=scene.pk).update(status="generating", started_at=long_ago, attempts=MAX_ATTEMPTS)
    assert sweep()["failed"] == 1
    scene.refresh_from_db()
    assert scene.status == "failed" and scene.error == GAVE_UP


# Committing, and given back the seeded registry rows an earlier committing test flushed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_channels_worker_runs_jobs_sent_as_ids():
    """The real plumbing: a message on the layer reaches the consumer and runs the job."""
    _, scene = make_story()
    layer = get_channel_layer()

    async def serve_until_drawn():
        worker = Worker(ChannelNameRouter(channel_routes()), GENERATION_CHANNELS, layer)
        running = asyncio.ensure_future(worker.arun())
        await layer.send(Scene.channel, {"type": "job.run", "id": str(scene.pk)})
        for _ in range(200):
            await asyncio.sleep(0.05)
            image = await ImageAsset.objects.filter(scene_id=scene.pk, status="complete").afirst()
            if image:
                break
        running.cancel()
        return image

    image = async_to_sync(serve_until_drawn)()
    assert image is not None, "the worker did not write and draw the scene"


def test_a_full_channel_loses_no_job(settings, client, django_capture_on_commit_callbacks):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 1}}
    }
    form = {"prompt": "A busy evening", "text_model": "offline", "image_model": "offline"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/kids/story/start", form)
        second = client.post("/kids/story/start", form)  # the channel holds one message: this one is dropped
    assert first.status_code == second.status_code == 302
    assert Scene.objects.filter(status="pending").count() == 2
    layer = get_channel_layer()
    assert async_to_sync(layer.receive)(Scene.channel)["id"] == str(Scene.objects.order_by("queued_at")[0].pk)
    Scene.objects.update(queued_at=timezone.now() - timedelta(minutes=5))
    assert sweep()["resent"] == 2  # the sweeper sends both again (one more is dropped and waits)


def test_a_sweep_without_patience_takes_up_every_unfinished_job():
    """What the embedded worker does when the process starts: its predecessor is gone."""
    _, writing = make_story()
    Scene.objects.filter(pk=writing.pk).update(status="generating", started_at=timezone.now(), attempts=1)
    _, waiting = make_story()
    assert sweep() == {"resent": 0, "requeued": 0, "failed": 0}  # both still within their time
    assert sweep(patience=0) == {"resent": 1, "requeued": 1, "failed": 0}
    layer = get_channel_layer()
    sent = {async_to_sync(layer.receive)(Scene.channel)["id"] for _ in range(2)}
    assert sent == {str(writing.pk), str(waiting.pk)}
