import pytest
from django.urls import reverse
from django.utils.html import escape

from stories.models import ImageAsset, Scene, Story, VideoAsset
from tests.helpers import POLLING, draw, jobs_sent, make_story, play, write

pytestmark = pytest.mark.django_db


def scene_url(scene, name="stories:scene", tier="kids"):
    return reverse(name, kwargs={"tier": tier, "scene_id": scene.id})


def test_a_pending_scene_renders_at_once_with_polling_fragments(client):
    _, scene = make_story()
    body = client.get(scene_url(scene)).content.decode()
    assert "is writing the next scene" in body
    assert f'hx-get="{scene_url(scene)}" {POLLING}' in body
    assert f'hx-get="{scene_url(scene, "stories:image")}" {POLLING}' in body


def test_the_text_fragment_stops_polling_once_written(client):
    _, scene = make_story()
    scene = write(scene)
    response = client.get(scene_url(scene), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<section class="scene-text" id="scene-text">' in body
    assert 'id="story-title" hx-swap-oob="true"' in body and escape(scene.story.title) in body
    assert "hx-trigger" not in body
    assert escape(scene.text[:40]) in body
    for choice in scene.choices:
        assert (
            reverse("stories:choose", kwargs={"tier": "kids", "scene_id": scene.id, "choice_id": choice["id"]}) in body
        )
    assert "<html" not in body


def test_the_image_fragment_swaps_in_the_picture_when_drawn(client):
    _, scene = make_story()
    scene = write(scene)
    drawing = client.get(scene_url(scene, "stories:image"), HTTP_HX_REQUEST="true").content.decode()
    assert "Drawing the picture with Offline illustrator" in drawing
    assert POLLING in drawing
    scene = draw(scene)
    drawn = client.get(scene_url(scene, "stories:image"), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in drawn
    assert reverse("media", kwargs={"tier": "kids", "kind": "images", "pk": scene.image.pk}) in drawn
    assert "Drawn by Offline illustrator" in drawn


def test_image_status_answers_json(client):
    _, scene = make_story()
    assert client.get(scene_url(scene, "stories:image")).json() == {"status": "pending"}
    scene = play(scene)
    data = client.get(scene_url(scene, "stories:image")).json()
    assert data["status"] == "complete"
    assert data["url"] == f"/kids/media/images/{scene.image.pk}"
    assert data["model"] == "Offline illustrator"


def test_the_scene_answers_json_when_asked(client):
    story, scene = make_story()
    scene = play(scene)
    data = client.get(scene_url(scene), HTTP_ACCEPT="application/json").json()
    assert data["id"] == str(scene.id)
    assert data["story_id"] == str(story.id)
    assert data["status"] == "complete"
    assert data["text"] == scene.text
    assert [{"id": choice["id"], "text": choice["text"]} for choice in data["choices"]] == scene.choices
    assert 3 <= len(data["choices"]) <= 4
    assert {choice["scene_id"] for choice in data["choices"]} == {None}  # written ahead, but nobody chose them
    assert {choice["explored"] for choice in data["choices"]} == {False}
    assert data["previous_id"] is None
    assert data["is_ending"] is False
    assert data["image"] == {
        "status": "complete",
        "url": f"/kids/media/images/{scene.image.pk}",
        "model": "Offline illustrator",
    }
    assert data["video"] == {"status": "none", "url": None}


def test_a_missing_image_file_shows_as_no_picture(client):
    _, scene = make_story()
    scene = play(scene)
    scene.image.file.storage.delete(scene.image.file.name)
    assert client.get(scene_url(scene, "stories:image")).json()["status"] == "none"
    body = client.get(scene_url(scene)).content.decode()
    assert "No picture" in body
    assert client.get(f"/kids/media/images/{scene.image.pk}").status_code == 404


def test_a_failed_image_offers_a_retry_that_queues_it_again(client, django_capture_on_commit_callbacks):
    _, scene = make_story()
    scene = write(scene)
    ImageAsset.objects.filter(pk=scene.image.pk).update(status="failed", error="Blocked by the safety system.")
    body = client.get(scene_url(scene)).content.decode()
    assert "Blocked by the safety system." in body
    assert scene_url(scene, "stories:image_retry") in body
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(scene_url(scene, "stories:image_retry"), HTTP_HX_REQUEST="true")
    assert len(jobs_sent(callbacks)) == 1
    assert POLLING in response.content.decode()
    scene.image.refresh_from_db()
    assert scene.image.status == "pending" and scene.image.error == ""
    scene = draw(scene)
    assert scene.image.status == "complete"


def test_retrying_an_image_that_did_not_fail_changes_nothing(client):
    _, scene = make_story()
    scene = play(scene)
    response = client.post(scene_url(scene, "stories:image_retry"), HTTP_ACCEPT="application/json")
    assert response.json()["status"] == "complete"


def test_a_scene_id_that_does_not_exist_is_404(client):
    import uuid

    assert client.get(f"/kids/story/scene/{uuid.uuid4()}").status_code == 404
    assert client.get("/kids/story/scene/not-a-uuid").status_code == 404


NOSCRIPT_REFRESH = '<noscript><meta http-equiv="refresh" content="5"></noscript>'


def test_without_javascript_a_scene_being_made_says_so_and_reloads_itself(client):
    _, scene = make_story()
    for unfinished in (scene, write(scene)):  # text still coming; then the picture
        body = client.get(scene_url(unfinished)).content.decode()
        assert NOSCRIPT_REFRESH in body.split("</head>")[0]
        assert f'or <a href="{scene_url(scene)}">reload it now</a>' in body
    finished = client.get(scene_url(draw(write(scene)))).content.decode()
    assert "http-equiv" not in finished and "reload it now" not in finished


def test_without_javascript_a_clip_being_made_keeps_the_page_reloading(client):
    _, scene = make_story(video_mode=True)
    scene = play(scene)
    assert NOSCRIPT_REFRESH in client.get(scene_url(scene)).content.decode()
    VideoAsset.objects.filter(pk=scene.video.pk).update(status="failed", error="The clip expired.")
    assert "http-equiv" not in client.get(scene_url(scene)).content.decode()  # a retry button waits instead


def test_a_failed_scene_stops_reloading(client):
    _, scene = make_story()
    Scene.objects.filter(pk=scene.pk).update(status="failed", error="The storyteller is away.")
    assert "http-equiv" not in client.get(scene_url(scene)).content.decode()


def test_the_opening_scene_shows_the_storytellers_notice(client):
    story, scene = make_story()
    scene = play(scene)
    assert "story-notice" not in client.get(scene_url(scene)).content.decode()
    Story.objects.filter(pk=story.pk).update(notice="Monsters became a grumpy bear who wants his nap.")
    shown = client.get(scene_url(scene)).content.decode()
    assert '<p class="story-notice" role="note">Monsters became a grumpy bear who wants his nap.</p>' in shown
    fragment = client.get(scene_url(scene), HTTP_HX_REQUEST="true").content.decode()
    assert "story-notice" in fragment  # it arrives with the text the page is waiting for


def test_later_scenes_leave_the_notice_to_the_opening_one(client):
    story, scene = make_story()
    scene = play(scene)
    Story.objects.filter(pk=story.pk).update(notice="Monsters became a grumpy bear.")
    second = write(scene.choose("1"))
    assert "story-notice" not in client.get(scene_url(second)).content.decode()
