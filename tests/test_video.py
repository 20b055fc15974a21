import av
import pytest
from django.urls import reverse

from media_gen.jobs import NOT_SAVED
from stories.models import Scene, VideoAsset
from tests.helpers import POLLING, draw, film, jobs_sent, make_story, play, write

pytestmark = pytest.mark.django_db


def url(scene, name, tier="kids"):
    return reverse(name, kwargs={"tier": tier, "scene_id": scene.id})


def test_a_clip_is_queued_once_the_picture_is_drawn(django_capture_on_commit_callbacks):
    _, scene = make_story(video_mode=True)
    scene = write(scene)
    assert not VideoAsset.objects.exists()
    with django_capture_on_commit_callbacks() as callbacks:
        scene = draw(scene)
    assert scene.video.status == "pending"
    assert scene.video.provider == "offline"
    assert scene.video.tier == "kids"
    assert len(jobs_sent(callbacks)) == 1


def test_no_clip_without_video_mode():
    _, scene = make_story()
    play(scene)
    assert not VideoAsset.objects.exists()


def test_the_offline_clip_is_an_h264_mp4_of_the_scene_picture(media_root):
    _, scene = make_story(tier="nsfw", video_mode=True)
    scene = film(play(scene))
    video = scene.video
    assert video.status == "complete", video.error
    assert video.file.name == f"nsfw/videos/{video.pk}.mp4"
    with av.open(str(media_root / video.file.name)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert float(container.duration / av.time_base) == pytest.approx(4.0, abs=0.2)
    assert video.usage["videos"] == 1


def test_a_failed_picture_still_gets_a_clip_from_the_text(monkeypatch):
    from media_gen.providers.base import ProviderError
    from media_gen.providers.offline import OfflineProvider

    async def refuse(self, brief):
        raise ProviderError("No picture today.", permanent=True)

    _, scene = make_story(video_mode=True)
    scene = write(scene)
    monkeypatch.setattr(OfflineProvider, "draw", refuse)
    scene = draw(scene)
    assert scene.image.status == "failed"
    monkeypatch.undo()
    scene = film(scene)
    assert scene.video.status == "complete"


def test_video_status_json_follows_the_clip(client):
    _, scene = make_story(video_mode=True)
    assert client.get(url(scene, "stories:video")).json() == {"status": "none"}
    scene = play(scene)
    assert client.get(url(scene, "stories:video")).json() == {"status": "pending"}
    scene = film(scene)
    assert client.get(url(scene, "stories:video")).json() == {
        "status": "complete",
        "url": f"/kids/media/videos/{scene.video.pk}",
    }
    scene_json = client.get(url(scene, "stories:scene"), HTTP_ACCEPT="application/json").json()
    assert scene_json["video"] == {"status": "complete", "url": f"/kids/media/videos/{scene.video.pk}"}


def test_the_player_fragment_polls_then_swaps_in_the_video(client):
    _, scene = make_story(video_mode=True)
    page = client.get(url(scene, "stories:scene")).content.decode()
    assert "The clip starts once the picture is drawn" in page
    scene = play(scene)
    waiting = client.get(url(scene, "stories:video"), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="scene-video"' in waiting and POLLING in waiting
    scene = film(scene)
    done = client.get(url(scene, "stories:video"), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done
    # The clip takes the still's place, with the still as its poster.
    assert (
        f'<video src="/kids/media/videos/{scene.video.pk}" controls playsinline preload="metadata"'
        f' poster="/kids/media/images/{scene.image.pk}">'
    ) in done


def test_a_failed_clip_shows_a_retry_and_the_scene_stays_whole(client, django_capture_on_commit_callbacks):
    _, scene = make_story(video_mode=True)
    scene = play(scene)
    VideoAsset.objects.filter(pk=scene.video.pk).update(status="failed", error="The clip expired.")
    page = client.get(url(scene, "stories:scene")).content.decode()
    assert "The clip couldn't be made." in page and "The clip expired." in page
    assert f"/kids/media/images/{scene.image.pk}" in page  # the picture still shows
    assert "What happens next?" in page
    assert client.get(url(scene, "stories:video")).json() == {"status": "failed", "error": "The clip expired."}
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url(scene, "stories:video_retry"), HTTP_ACCEPT="application/json")
    assert response.json() == {"status": "pending"}
    assert len(jobs_sent(callbacks)) == 1
    assert film(scene).video.status == "complete"


def test_retrying_a_clip_that_did_not_fail_changes_nothing(client):
    _, scene = make_story(video_mode=True)
    scene = film(play(scene))
    response = client.post(url(scene, "stories:video_retry"), HTTP_ACCEPT="application/json")
    assert response.json()["status"] == "complete"


def test_a_deleted_clip_shows_as_no_video(client):
    _, scene = make_story(video_mode=True)
    scene = film(play(scene))
    scene.video.file.storage.delete(scene.video.file.name)
    assert client.get(url(scene, "stories:video")).json() == {"status": "none"}
    page = client.get(url(scene, "stories:scene")).content.decode()
    assert "<video" not in page and "couldn" not in page
    assert client.get(scene.story.get_absolute_url()).status_code == 200


def test_a_corrupt_clip_on_disk_is_served_as_is_and_never_breaks_the_page(client, media_root):
    _, scene = make_story(video_mode=True)
    scene = film(play(scene))
    (media_root / scene.video.file.name).write_bytes(b"not a video")
    served = client.get(scene.video.get_media_url())
    assert served.status_code == 200 and b"".join(served.streaming_content) == b"not a video"
    assert client.get(url(scene, "stories:scene")).status_code == 200
    assert client.get(scene.story.get_absolute_url()).status_code == 200


def test_a_disk_full_write_fails_the_clip_and_leaves_no_partial_file(monkeypatch, media_root):
    _, scene = make_story(video_mode=True)
    scene = play(scene)
    real_replace = __import__("os").replace

    def full_disk(src, dst):
        if str(dst).endswith(".mp4"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr("stories.storage.os.replace", full_disk)
    scene = film(scene)
    assert scene.video.status == "failed"
    assert scene.video.error == NOT_SAVED
    assert "OSError: [Errno 28] No space left on device" in scene.video.error_detail
    assert list((media_root / "kids").rglob("*.mp4")) == []
    assert not [p for p in media_root.rglob(".part-*")]
    assert scene.image.status == "complete" and scene.status == "complete"


def test_the_gallery_and_reader_show_clips(client):
    story, scene = make_story(video_mode=True)
    scene = film(play(scene))
    assert "▶ Video" in client.get("/kids/gallery/").content.decode()
    reader = client.get(story.get_absolute_url()).content.decode()
    assert f'<video src="/kids/media/videos/{scene.video.pk}" controls playsinline preload="metadata">' in reader


def test_deleting_a_story_removes_its_clips(client, media_root, django_capture_on_commit_callbacks):
    story, scene = make_story(video_mode=True)
    scene = film(play(scene))
    clip = media_root / scene.video.file.name
    assert clip.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("gallery:delete", kwargs={"tier": "kids", "story_id": story.id}))
    assert not clip.exists()
    assert not Scene.objects.exists()


def test_clips_of_another_tier_are_404(client):
    _, scene = make_story(video_mode=True)
    scene = film(play(scene))
    assert client.get(f"/kids/media/videos/{scene.video.pk}").status_code == 200
    client.force_login(
        __import__("django.contrib.auth.models", fromlist=["User"]).User.objects.create_superuser("a", "", "pw")
    )
    assert client.get(f"/nsfw/media/videos/{scene.video.pk}").status_code == 404
    assert client.get(url(scene, "stories:video", tier="nsfw")).status_code == 404
    assert client.post(url(scene, "stories:video_retry", tier="nsfw")).status_code == 404


def test_the_clip_admin_lists_failures_and_plays_clips(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("admin", "", "pw"))
    _, done = make_story(video_mode=True)
    done = film(play(done))
    _, broken = make_story(video_mode=True, prompt="A lighthouse keeper's cat")
    broken = play(broken)
    VideoAsset.objects.filter(pk=broken.video.pk).update(
        status="failed", error="The clip expired.", request_id="req-42"
    )
    listing = client.get("/admin/stories/videoasset/?status__exact=failed").content.decode()
    assert "The clip expired." in listing
    assert "req-42" in client.get(f"/admin/stories/videoasset/{broken.video.pk}/change/").content.decode()
    assert str(done.video.pk) not in listing
    everything = client.get("/admin/stories/videoasset/").content.decode()
    assert f'<video src="/kids/media/videos/{done.video.pk}" controls playsinline preload="none"' in everything
    response = client.post(
        "/admin/stories/videoasset/", {"action": "delete_files", "_selected_action": [str(done.video.pk)]}, follow=True
    )
    assert "Deleted 1 file(s)." in response.content.decode()
    done.video.refresh_from_db()
    assert not done.video.file
