"""Choosing: every choice of every scene can be taken, in any order, and leads to its own
scene, made once; nothing already written is rewritten."""

import pytest
from django.urls import reverse

from media_gen import briefs
from stories.models import Scene
from tests.helpers import make_story, write

pytestmark = pytest.mark.django_db


def choose_url(scene, choice_id, tier="kids"):
    return reverse("stories:choose", kwargs={"tier": tier, "scene_id": scene.id, "choice_id": choice_id})


def branch(scene, choice_id):
    return Scene.objects.get(previous=scene, choice_id=choice_id)


def test_choosing_creates_and_queues_the_next_scene(client, no_write_ahead, django_capture_on_commit_callbacks):
    story, scene = make_story()
    scene = write(scene)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(choose_url(scene, "2"))
    next_scene = branch(scene, "2")
    assert response.status_code == 302
    assert response["Location"] == next_scene.get_absolute_url()
    assert (next_scene.number, next_scene.status) == (2, "pending")
    assert next_scene.chosen_at is not None
    assert len(callbacks) == 1
    assert story.scenes.count() == 2


def test_choosing_goes_to_the_scene_behind_that_choice(client):
    _, scene = make_story()
    scene = write(scene)
    response = client.post(choose_url(scene, "2"))
    chosen = branch(scene, "2")
    assert response["Location"] == chosen.get_absolute_url()
    assert chosen.chosen_at is not None
    assert list(scene.branches.chosen()) == [chosen]


def test_two_choices_taken_in_turn_give_two_branches(client):
    story, scene = make_story()
    scene = write(scene)
    first = client.post(choose_url(scene, "1"))
    second = client.post(choose_url(scene, "2"))
    assert first["Location"] == branch(scene, "1").get_absolute_url()
    assert second["Location"] == branch(scene, "2").get_absolute_url()
    assert sorted(scene.branches.chosen().values_list("choice_id", flat=True)) == ["1", "2"]
    assert story.scenes.chosen().count() == 3


def test_taking_a_choice_again_returns_the_same_scene_unchanged(client):
    story, scene = make_story()
    scene = write(scene)
    client.post(choose_url(scene, "1"))
    written = write(branch(scene, "1"))
    client.post(choose_url(scene, "2"))  # went back and tried the other door
    again = client.post(choose_url(scene, "1"))  # and back to the first
    assert again["Location"] == written.get_absolute_url()
    after = branch(scene, "1")
    assert (after.text, after.chosen_at, after.finished_at) == (written.text, written.chosen_at, written.finished_at)
    assert story.scenes.filter(previous=scene).count() == len(scene.choices)


def test_a_double_submit_makes_one_next_scene(client, no_write_ahead):
    story, scene = make_story()
    scene = write(scene)
    first = client.post(choose_url(scene, "1"))
    second = client.post(choose_url(scene, "1"))
    assert story.scenes.count() == 2
    assert first["Location"] == second["Location"]


def test_each_branch_is_written_from_its_own_choice(client):
    _, scene = make_story()
    scene = write(scene)
    for choice in scene.choices[:2]:
        client.post(choose_url(scene, choice["id"]))
        brief = briefs.scene_brief(branch(scene, choice["id"]))
        assert [step.choice for step in brief.path] == [choice["text"]]
        assert f"The reader chose: {choice['text']}" in brief.user


def test_the_path_of_a_scene_says_the_choice_taken_on_the_way(client):
    _, scene = make_story()
    scene = write(scene)
    client.post(choose_url(scene, "2"))
    second = write(branch(scene, "2"))
    client.post(choose_url(second, "1"))
    third = branch(second, "1")
    assert [(step.pk, step.taken["id"]) for step in third.path()] == [(scene.pk, "2"), (second.pk, "1")]


def test_a_scene_nobody_chose_yet_is_not_shown(client):
    _, scene = make_story()
    scene = write(scene)
    ahead = branch(scene, "1")
    assert ahead.chosen_at is None
    assert client.get(ahead.get_absolute_url()).status_code == 404
    assert client.post(choose_url(ahead, "1")).status_code == 404


def test_a_choice_that_is_not_in_the_scene_is_404(client):
    story, scene = make_story()
    scene = write(scene)
    response = client.post(choose_url(scene, "9"))
    assert response.status_code == 404
    assert "That choice isn" in response.content.decode()
    assert story.scenes.chosen().count() == 1


def test_choosing_before_the_scene_is_written_is_404(client):
    story, scene = make_story()
    assert client.post(choose_url(scene, "1")).status_code == 404
    assert story.scenes.chosen().count() == 1


def test_there_is_nothing_to_choose_on_an_ending(client):
    story, scene = make_story()
    scene = write(scene)
    Scene.objects.filter(pk=scene.pk).update(is_ending=True, choices=[])
    response = client.post(choose_url(scene, "1"))
    assert response.status_code == 404
    assert "the end of the story" in response.content.decode()
    assert story.scenes.chosen().count() == 1


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
        scene = branch(scene, scene.choices[-1]["id"])
    assert scene.number == story.target_scenes
    body = client.get(scene.get_absolute_url()).content.decode()
    assert "The End" in body
    assert "What happens next?" not in body
