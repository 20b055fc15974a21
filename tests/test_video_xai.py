"""Video mode against a fake xAI server over real HTTP (provider-contracts.md §3.d)."""

import asyncio
import base64
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone

from media_gen import jobs
from media_gen.sweeper import sweep
from stories.models import VideoAsset
from tests.fakes import FakeXAI
from tests.helpers import draw, film, make_story, play, write

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def fake_server():
    with FakeXAI() as fake:
        yield fake


@pytest.fixture
def xai(fake_server, settings):
    fake_server.reset()
    fake_server.videos.clear()
    fake_server.video_pending_polls = 2
    fake_server.video_empty_202 = "alternate"
    fake_server.video_size = None
    fake_server.video_url_status = None
    settings.XAI_API_KEY = "xai-test-key"
    settings.XAI_BASE_URL = fake_server.base_url
    settings.VIDEO_POLL_INTERVAL = 0.01
    return fake_server


def clip_for(video_mode_scene):
    return film(play(video_mode_scene))


def test_the_clip_is_submitted_once_polled_and_downloaded(xai, media_root):
    _, scene = make_story(video_mode=True)
    scene = play(scene)
    assert scene.video.provider == "xai"
    scene = film(scene)
    video = scene.video
    assert video.status == "complete", video.error
    assert xai.video_submissions == 1
    job = next(iter(xai.videos.values()))
    assert video.request_id == job.id
    assert job.polls == 3  # two 202s (one with an empty body), then done
    submitted = xai.requests_to("/v1/videos/generations")[0]
    assert submitted.headers["authorization"] == "Bearer xai-test-key"
    body = submitted.json
    assert body["model"] == "grok-imagine-video"
    assert (body["duration"], body["aspect_ratio"], body["resolution"]) == (8, "1:1", "720p")
    assert body["image"]["url"].startswith("data:image/png;base64,")
    sent_picture = base64.b64decode(body["image"]["url"].split(",", 1)[1])
    assert sent_picture == (media_root / scene.image.file.name).read_bytes()  # image-to-video
    assert (media_root / video.file.name).read_bytes()[4:8] == b"ftyp"
    assert video.file.name == f"kids/videos/{video.pk}.mp4"


def test_without_a_picture_the_clip_is_made_from_the_text(xai, monkeypatch):
    from media_gen.providers.base import ProviderError
    from media_gen.providers.offline import OfflineProvider

    async def refuse(self, brief):
        raise ProviderError("No picture.", permanent=True)

    _, scene = make_story(video_mode=True)
    scene = write(scene)
    monkeypatch.setattr(OfflineProvider, "draw", refuse)
    scene = film(draw(scene))
    assert scene.video.status == "complete"
    body = xai.requests_to("/v1/videos/generations")[0].json
    assert "image" not in body
    assert body["prompt"]


@pytest.mark.parametrize(
    "outcome, message",
    [("failed", "Video generation failed: out of GPUs"), ("expired", "expired"), ("moderated", "moderation")],
)
def test_a_clip_the_provider_gives_up_on_fails_with_its_message(xai, outcome, message):
    xai.next_video(outcome, error_message="Video generation failed: out of GPUs")
    _, scene = make_story(video_mode=True)
    scene = clip_for(scene)
    assert scene.video.status == "failed"
    assert message in scene.video.error
    assert xai.video_submissions == 1
    assert scene.image.status == "complete" and scene.status == "complete"


def test_a_clip_that_takes_too_long_is_given_up(xai, settings):
    settings.VIDEO_TIMEOUT = 0.2
    xai.video_pending_polls = 10_000
    _, scene = make_story(video_mode=True)
    scene = clip_for(scene)
    assert scene.video.status == "failed"
    assert "took too long" in scene.video.error
    assert xai.video_submissions == 1


def test_a_download_that_404s_fails_the_clip_in_plain_words(xai, media_root, client):
    xai.expire_video_urls(404)
    _, scene = make_story(video_mode=True)
    scene = clip_for(scene)
    assert scene.video.status == "failed"
    assert scene.video.error == "We couldn't fetch the finished clip. Try again in a moment."
    assert "HTTP 404" in scene.video.error_detail  # for the admin, never the page
    assert "HTTP 404" not in client.get(scene.get_absolute_url()).content.decode()
    assert not list(media_root.rglob("*.mp4"))


def test_an_oversized_download_fails_and_leaves_nothing(xai, settings, media_root):
    settings.VIDEO_MAX_BYTES = 100_000
    xai.video_size = 5_000_000
    _, scene = make_story(video_mode=True)
    scene = clip_for(scene)
    assert scene.video.status == "failed"
    assert scene.video.error == "The finished clip was too large to keep."
    assert "larger than allowed" in scene.video.error_detail
    assert not [path for path in media_root.rglob("*") if path.is_file() and "videos" in path.parts]


def test_a_worker_stopped_mid_poll_resumes_the_same_request(xai, settings):
    xai.video_pending_polls = 10_000
    settings.VIDEO_POLL_INTERVAL = 0.05
    _, scene = make_story(video_mode=True)
    scene = play(scene)
    video_pk = scene.video.pk

    async def stop_mid_poll():
        task = asyncio.ensure_future(jobs.run_video(video_pk))
        for _ in range(200):
            await asyncio.sleep(0.05)
            job = next(iter(xai.videos.values()), None)
            if job and job.polls >= 2:
                break
        task.cancel()  # the worker dies while waiting for the clip

    async_to_sync(stop_mid_poll)()
    video = VideoAsset.objects.get(pk=scene.video.pk)
    assert video.status == "generating" and video.request_id
    # The sweeper finds it past its deadline and queues it again; the next run polls.
    VideoAsset.objects.filter(pk=video.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert sweep()["requeued"] == 1
    next(iter(xai.videos.values())).pending_polls = 0
    scene = film(scene)
    assert scene.video.status == "complete", scene.video.error
    assert scene.video.request_id == video.request_id
    assert xai.video_submissions == 1
    assert scene.video.attempts == 2


def test_a_duplicate_message_never_submits_twice(xai):
    _, scene = make_story(video_mode=True)
    scene = play(scene)
    video_pk = scene.video.pk

    async def deliver_twice():
        await asyncio.gather(jobs.run_video(video_pk), jobs.run_video(video_pk))

    async_to_sync(deliver_twice)()
    assert xai.video_submissions == 1
    assert VideoAsset.objects.get(pk=scene.video.pk).status == "complete"


def test_a_failed_clip_retried_is_a_new_request(xai):
    xai.next_video("failed", error_message="Try later")
    _, scene = make_story(video_mode=True)
    scene = clip_for(scene)
    assert scene.video.status == "failed"
    assert scene.video.retry()
    scene = film(scene)
    assert scene.video.status == "complete"
    assert xai.video_submissions == 2
