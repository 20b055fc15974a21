import pytest
from django.urls import reverse

from stories.models import Scene
from tests.helpers import make_story, write

pytestmark = pytest.mark.django_db


def choose_url(scene, choice_id, tier="kids"):
    return reverse("stories:choose", kwargs={"tier": tier, "scene_id": scene.id, "choice_id": choice_id})


def test_choosing_creates_and_queues_the_next_scene(client, django_capture_on_commit_callbacks):
    story, scene = make_story()
    scene = write(scene)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(choose_url(scene, "2"))
    next_scene = Scene.objects.get(story=story, number=2)
    assert response.status_code == 302
    assert response["Location"] == next_scene.get_absolute_url()
    assert next_scene.previous == scene
    assert next_scene.status == "pending"
    assert len(callbacks) == 1
    scene.refresh_from_db()
    assert scene.chosen_choice_id == "2"


def test_the_next_scene_follows_the_choice_taken(client):
    _, scene = make_story()
    scene = write(scene)
    client.post(choose_url(scene, "1"))
    next_scene = write(Scene.objects.get(number=2))
    assert [earlier.pk for earlier in next_scene.path()] == [scene.pk]
    assert next_scene.path()[0].chosen_choice == scene.choices[0]


def test_a_double_submit_makes_one_next_scene(client):
    story, scene = make_story()
    scene = write(scene)
    first = client.post(choose_url(scene, "1"))
    second = client.post(choose_url(scene, "1"))
    assert story.scenes.count() == 2
    assert first["Location"] == second["Location"]


def test_a_different_choice_after_choosing_goes_to_the_story_as_it_went(client):
    story, scene = make_story()
    scene = write(scene)
    first = client.post(choose_url(scene, "1"))
    other = client.post(choose_url(scene, "2"), follow=True)
    assert story.scenes.count() == 2
    assert other.redirect_chain[0][0] == first["Location"]
    assert "This story already went on with" in other.content.decode()


def test_a_choice_that_is_not_in_the_scene_is_404(client):
    story, scene = make_story()
    scene = write(scene)
    response = client.post(choose_url(scene, "9"))
    assert response.status_code == 404
    assert "That choice isn" in response.content.decode()
    assert story.scenes.count() == 1


def test_choosing_before_the_scene_is_written_is_404(client):
    story, scene = make_story()
    assert client.post(choose_url(scene, "1")).status_code == 404
    assert story.scenes.count() == 1


def test_there_is_nothing_to_choose_on_an_ending(client):
    story, scene = make_story()
    scene = write(scene)
    Scene.objects.filter(pk=scene.pk).update(is_ending=True, choices=[])
    response = client.post(choose_url(scene, "1"))
    assert response.status_code == 404
    assert "the end of the story" in response.content.decode()
    assert story.scenes.count() == 1


def test_choose_rejects_get(client):
    _, scene = make_story()
    assert client.get(choose_url(scene, "1")).status_code == 405


def test_a_whole_story_plays_to_its_ending(client):
    story, scene = make_story()
    while True:
        scene = write(scene)
        assert scene.status == "complete", scene.error
        if scene.is_ending:
            break
        client.post(choose_url(scene, scene.choices[-1]["id"]))
        scene = Scene.objects.get(story=story, number=scene.number + 1)
    assert scene.number == story.target_scenes
    body = client.get(scene.get_absolute_url()).content.decode()
    assert "The End" in body
    assert "What happens next?" not in body
