"""Choices that answer at once: when a chosen scene's text is written, the scenes behind
its choices are written ahead (text only). Pictures, clips and narration cost money, so
they wait until someone chooses the scene."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone
from django.utils.html import escape

from media_gen import briefs, jobs
from media_gen.sweeper import sweep
from stories.models import ImageAsset, Scene, VideoAsset
from tests.fakes import FakeOpenAI
from tests.helpers import jobs_sent, make_story, serving, write
from tests.test_choose import branch, choose_url

pytestmark = pytest.mark.django_db

fake = serving(FakeOpenAI, "OPENAI", "sk-test-openai-key")
RUNNERS = {Scene: jobs.run_text, ImageAsset: jobs.run_image, VideoAsset: jobs.run_video}


def work_off_every_job():
    """Run every pending job as the worker would, until none is left."""
    while pending := [
        (kind, pk) for kind in RUNNERS for pk in kind.objects.filter(status="pending").values_list("pk", flat=True)
    ]:
        for kind, pk in pending:
            async_to_sync(RUNNERS[kind])(pk)


def test_a_written_scene_writes_ahead_behind_every_choice(django_capture_on_commit_callbacks):
    _, scene = make_story()
    with django_capture_on_commit_callbacks() as callbacks:
        scene = write(scene)
    ahead = list(scene.branches.order_by("choice_id"))
    assert [(step.choice_id, step.number, step.status, step.chosen_at) for step in ahead] == [
        (choice["id"], 2, "pending", None) for choice in scene.choices
    ]
    queued = {callback.args for callback in jobs_sent(callbacks)}
    assert {("story-text", step.pk) for step in ahead} <= queued


def test_a_scene_written_ahead_gets_no_picture_and_writes_nothing_further(django_capture_on_commit_callbacks):
    _, scene = make_story()
    scene = write(scene)
    with django_capture_on_commit_callbacks() as callbacks:
        ahead = write(branch(scene, "1"))
    assert ahead.status == "complete" and ahead.text
    assert not ImageAsset.objects.filter(scene=ahead).exists()
    assert not ahead.branches.exists()
    assert jobs_sent(callbacks) == []


def test_no_picture_is_asked_for_a_scene_nobody_chose(fake, client):
    _, scene = make_story(image_model="gpt-image-1.5", video_mode=True)
    work_off_every_job()
    assert Scene.objects.filter(status="complete").count() == 1 + len(Scene.objects.get(pk=scene.pk).choices)
    assert len(fake.requests_to(FakeOpenAI.IMAGES_GENERATIONS)) == 1  # the opening's
    client.post(choose_url(scene, "2"))
    work_off_every_job()
    assert len(fake.requests_to(FakeOpenAI.IMAGES_GENERATIONS)) == 2
    assert set(ImageAsset.objects.values_list("scene", flat=True)) == {scene.pk, branch(scene, "2").pk}


def test_choosing_a_scene_written_ahead_shows_it_at_once_and_starts_its_picture(
    client, django_capture_on_commit_callbacks
):
    _, scene = make_story()
    scene = write(scene)
    ahead = write(branch(scene, "2"))
    with django_capture_on_commit_callbacks() as callbacks:
        page = client.post(choose_url(scene, "2"), follow=True).content.decode()
    assert escape(ahead.title) in page and "is writing the next scene" not in page
    chosen = Scene.objects.select_related("image").get(pk=ahead.pk)
    assert chosen.chosen_at is not None
    assert chosen.image.status == "pending"
    # Its picture, and in turn the scenes behind its own choices.
    assert [args[0] for args in (callback.args for callback in jobs_sent(callbacks))] == (
        ["story-images"] + ["story-text"] * len(chosen.choices)
    )


def test_a_scene_chosen_while_it_is_being_written_gets_its_picture(client, monkeypatch):
    _, scene = make_story()
    scene = write(scene)
    read_by_the_worker = briefs.scene_brief

    def chosen_meanwhile(row):
        # The worker has read the row, not chosen yet; now someone takes that choice.
        client.post(choose_url(scene, "1"))
        return read_by_the_worker(row)

    monkeypatch.setattr(briefs, "scene_brief", chosen_meanwhile)
    written = write(branch(scene, "1"))
    assert written.chosen_at is not None
    assert written.image.status == "pending"


def test_an_ending_writes_nothing_ahead():
    _, scene = make_story()
    Scene.objects.filter(pk=scene.pk).update(number=6)  # the kids tier ends its stories at scene 6
    scene = write(scene)
    assert scene.is_ending
    assert not scene.branches.exists()


def test_the_tier_setting_turns_writing_ahead_off(no_write_ahead):
    _, scene = make_story()
    scene = write(scene)
    assert scene.image.status == "pending"
    assert not scene.branches.exists()


def test_a_scene_written_ahead_that_failed_is_tried_again_when_chosen(client, django_capture_on_commit_callbacks):
    _, scene = make_story()
    scene = write(scene)
    ahead = branch(scene, "3")
    Scene.objects.filter(pk=ahead.pk).update(status="failed", error="The model was busy.")
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(choose_url(scene, "3"))
    ahead.refresh_from_db()
    assert (ahead.status, ahead.error) == ("pending", "")
    assert [callback.args for callback in jobs_sent(callbacks)] == [("story-text", ahead.pk)]


def test_the_sweeper_resends_a_lost_text_written_ahead_and_still_draws_nothing_for_it():
    _, scene = make_story()
    scene = write(scene)
    Scene.objects.filter(previous=scene).update(queued_at=timezone.now() - timedelta(hours=1))
    assert sweep()["resent"] == len(scene.choices)
    work_off_every_job()
    assert ImageAsset.objects.count() == 1
    assert ImageAsset.objects.get().scene_id == scene.pk
