"""Leases: the worker running a job renews it; a job whose lease lapsed is taken back, and
the claim it was taken from can no longer finish it.

(The real processes, killed and stopped, are in test_scaleout.py.)
"""

import asyncio
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.utils import timezone

from media_gen import jobs
from media_gen.providers.offline import OfflineProvider
from media_gen.sweeper import sweep
from stories.models import ImageAsset, Scene
from tests.helpers import make_story, write
from tests.test_sweeper import NOTHING, as_read_earlier

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(hours=1)


@pytest.fixture(autouse=True)
def lease(settings):
    settings.JOB_LEASE = 20
    settings.JOB_GENERATING_DEADLINE = 10**6  # whatever is taken back here, the lease rule took it


def claimed(job_class, pk):
    """The job as the worker that claimed it holds it."""
    job = job_class.claim(pk)
    assert job_class.objects.get(pk=pk).claimed_by == job.claimed_by
    return job


def lapse(job):
    type(job).objects.filter(pk=job.pk).update(heartbeat_at=LONG_AGO)


def test_a_job_whose_lease_lapsed_is_taken_back_long_before_its_deadline():
    _, scene = make_story()
    lapse(claimed(Scene, scene.pk))
    async_to_sync(get_channel_layer().flush)()
    assert sweep()["requeued"] == 1
    scene.refresh_from_db()
    assert scene.status == "pending"
    assert async_to_sync(get_channel_layer().receive)(Scene.channel)["id"] == str(scene.pk)


def test_a_job_whose_worker_renews_its_lease_is_left_to_it():
    _, scene = make_story()
    job = claimed(Scene, scene.pk)
    Scene.objects.filter(pk=scene.pk).update(started_at=LONG_AGO)  # long-running, but its worker is alive
    assert job.renew_lease()
    assert sweep() == NOTHING
    scene.refresh_from_db()
    assert scene.status == "generating"


def test_a_lease_renewed_after_the_sweep_read_it_is_left_to_its_worker(monkeypatch):
    _, scene = make_story()
    job = claimed(Scene, scene.pk)
    lapse(job)
    seen_by_the_sweeper = list(Scene.objects.stuck())
    assert job.renew_lease()  # a busy worker, late but alive
    as_read_earlier(monkeypatch, "stuck", seen_by_the_sweeper)
    assert sweep() == NOTHING
    scene.refresh_from_db()
    assert (scene.status, scene.claimed_by) == ("generating", job.claimed_by)


def test_a_lease_is_renewed_only_by_the_claim_that_holds_it():
    _, scene = make_story()
    old = claimed(Scene, scene.pk)
    lapse(old)
    sweep()
    new = claimed(Scene, scene.pk)
    assert not old.renew_lease()
    assert new.renew_lease()


def test_the_worker_renews_the_lease_while_the_work_runs(monkeypatch, settings):
    settings.JOB_HEARTBEAT_INTERVAL = 0
    _, scene = make_story()
    original = OfflineProvider.write_scene
    renewed = []

    async def until_renewed(self, brief, on_draft=None):
        # The work goes on until the worker has renewed the lease (at least) twice.
        async with asyncio.timeout(30):
            while len(renewed) < 2:
                row = await Scene.objects.aget(pk=scene.pk)
                if row.heartbeat_at > max(renewed, default=row.started_at):
                    renewed.append(row.heartbeat_at)
                await asyncio.sleep(0)
        return await original(self, brief)

    monkeypatch.setattr(OfflineProvider, "write_scene", until_renewed)
    assert write(scene).status == "complete"


def test_a_worker_cannot_finish_a_job_taken_back_from_it():
    _, scene = make_story()
    stale = claimed(Scene, scene.pk)
    lapse(stale)
    sweep()
    current = claimed(Scene, scene.pk)
    assert not stale.mark_failed("Too late")
    assert not stale.mark_complete(text="A stale scene")
    scene.refresh_from_db()
    assert (scene.status, scene.text, scene.claimed_by) == ("generating", "", current.claimed_by)


def test_a_worker_cannot_finish_a_job_no_longer_generating():
    _, scene = make_story()
    job = claimed(Scene, scene.pk)
    assert job.hand_back()
    assert not job.mark_complete(text="A scene nobody is waiting for")
    scene.refresh_from_db()
    assert (scene.status, scene.text) == ("pending", "")


def test_a_picture_finished_after_it_was_taken_back_removes_the_file_it_wrote(monkeypatch, media_root):
    _, scene = make_story()
    scene = write(scene)
    original = OfflineProvider.draw

    async def taken_back_meanwhile(self, brief):
        # While this worker draws, its lease lapses and another worker claims the picture.
        picture = await sync_to_async(ImageAsset.objects.get)(scene=scene)
        await sync_to_async(lapse)(picture)
        await sync_to_async(sweep)()
        await sync_to_async(ImageAsset.claim)(picture.pk)
        return await original(self, brief)

    monkeypatch.setattr(OfflineProvider, "draw", taken_back_meanwhile)
    async_to_sync(jobs.run_image)(scene.image.pk)
    picture = ImageAsset.objects.get(scene=scene)
    assert (picture.status, picture.file.name, picture.attempts) == ("generating", "", 2)
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_a_job_handed_back_is_queued_again_with_its_attempt_returned():
    _, scene = make_story()
    job = claimed(Scene, scene.pk)
    async_to_sync(get_channel_layer().flush)()
    assert job.hand_back()
    scene.refresh_from_db()
    assert (scene.status, scene.attempts) == ("pending", 0)
    assert async_to_sync(get_channel_layer().receive)(Scene.channel)["id"] == str(scene.pk)
    assert not job.hand_back()  # once


def test_a_stopping_worker_hands_back_the_jobs_it_is_running(monkeypatch):
    _, scene = make_story()
    original = OfflineProvider.write_scene

    async def stopped_meanwhile(self, brief, on_draft=None):
        assert await sync_to_async(jobs.hand_back_running)() == 1
        return await original(self, brief)

    monkeypatch.setattr(OfflineProvider, "write_scene", stopped_meanwhile)
    scene = write(scene)
    assert (scene.status, scene.text, scene.attempts) == ("pending", "", 0)
    assert jobs.running == {}
