"""The sweeper as several workers run it, and the `sweep_jobs` command.

(The basics are in test_worker.py; the sweeper inside `jobworker` is in test_scaleout.py.)
"""

from datetime import timedelta
from io import StringIO

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.management import call_command
from django.utils import timezone

from media_gen.sweeper import GAVE_UP, MAX_ATTEMPTS, sweep
from stories.models import ImageAsset, JobQuerySet, Scene, VideoAsset
from tests.helpers import make_story, write

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(hours=1)
NOTHING = {"resent": 0, "requeued": 0, "failed": 0}


def as_read_earlier(monkeypatch, method, rows):
    """The sweep of another worker that read these rows before this one acted on them."""
    monkeypatch.setattr(
        JobQuerySet, method, lambda queryset, after=None: rows if queryset.model is Scene else queryset.none()
    )


def test_a_lost_job_seen_by_two_sweepers_is_resent_once(monkeypatch):
    _, scene = make_story()
    Scene.objects.filter(pk=scene.pk).update(queued_at=LONG_AGO)
    seen_by_the_other_worker = list(Scene.objects.lost())
    assert sweep()["resent"] == 1
    as_read_earlier(monkeypatch, "lost", seen_by_the_other_worker)
    assert sweep() == NOTHING


def test_a_stuck_job_claimed_again_meanwhile_is_left_to_its_new_worker(monkeypatch):
    _, scene = make_story()
    Scene.objects.filter(pk=scene.pk).update(status="generating", started_at=LONG_AGO, attempts=1)
    seen_by_the_other_worker = list(Scene.objects.stuck())
    assert sweep()["requeued"] == 1
    assert Scene.claim(scene.pk)  # a worker takes the requeued job
    as_read_earlier(monkeypatch, "stuck", seen_by_the_other_worker)
    assert sweep() == NOTHING
    scene.refresh_from_db()
    assert (scene.status, scene.attempts) == ("generating", 2)


def test_lost_pictures_and_clips_are_resent_on_their_own_channels():
    _, scene = make_story(video_mode=True)
    scene = write(scene)
    video = VideoAsset.objects.create(scene=scene, tier="kids", provider="offline")
    ImageAsset.objects.filter(scene=scene).update(queued_at=LONG_AGO)
    VideoAsset.objects.filter(pk=video.pk).update(queued_at=LONG_AGO)
    async_to_sync(get_channel_layer().flush)()
    assert sweep()["resent"] == 2
    layer = get_channel_layer()
    assert async_to_sync(layer.receive)(ImageAsset.channel)["id"] == str(scene.image.pk)
    assert async_to_sync(layer.receive)(VideoAsset.channel)["id"] == str(video.pk)


def test_a_picture_given_up_on_still_gets_its_clip_from_the_text():
    _, scene = make_story(video_mode=True)
    scene = write(scene)
    ImageAsset.objects.filter(scene=scene).update(status="generating", started_at=LONG_AGO, attempts=MAX_ATTEMPTS)
    assert sweep()["failed"] == 1
    scene = Scene.objects.select_related("image", "video").get(pk=scene.pk)
    assert (scene.image.status, scene.image.error) == ("failed", GAVE_UP)
    assert scene.video.status == "pending"


def test_sweep_jobs_says_what_it_did_in_one_line():
    _, scene = make_story()
    Scene.objects.filter(pk=scene.pk).update(queued_at=LONG_AGO)
    out, err = StringIO(), StringIO()
    call_command("sweep_jobs", stdout=out, stderr=err)
    assert out.getvalue() == "Resent 1 lost job, requeued 0 stuck jobs, failed 0 out of attempts.\n"
    assert "in-memory channel layer" in err.getvalue()  # the tests' layer reaches no other process
