"""Small builders for tests: stories, scenes and a way to run the worker's jobs in-line."""

from dataclasses import replace

import pytest
from asgiref.sync import async_to_sync

from media_gen import briefs, jobs
from stories.models import ImageModel, Scene, Story, TextModel
from stories.models.jobs import send_job
from storyteller.tiers import get_tier

# What a live part that polls carries: every 2 s, while the page has no socket open.
POLLING = "hx-trigger=\"every 2s [!this.closest('.live')]\""


def make_story(
    tier="kids",
    prompt="A brave girl named Ava finds a dragon egg",
    text_model="offline",
    image_model="offline",
    **options,
):
    story, scene = Story.start(
        get_tier(tier),
        prompt=prompt,
        text_model=TextModel.objects.get(key=text_model),
        image_model=ImageModel.objects.get(key=image_model),
        **options,
    )
    return story, scene


def write(scene):
    """Run the scene's text job as the worker would, and return the fresh row."""
    async_to_sync(jobs.run_text)(scene.pk)
    return Scene.objects.get(pk=scene.pk)


def draw(scene):
    async_to_sync(jobs.run_image)(scene.image.pk)
    return Scene.objects.select_related("image").get(pk=scene.pk)


def play(scene):
    """Write and draw a scene."""
    return draw(write(scene))


def film(scene):
    """Run the scene's video job."""
    async_to_sync(jobs.run_video)(scene.video.pk)
    return Scene.objects.select_related("image", "video").get(pk=scene.pk)


def narrate(scene):
    """Run the scene's narration job."""
    async_to_sync(jobs.run_audio)(scene.audio.pk)
    return Scene.objects.select_related("audio__voice").get(pk=scene.pk)


def cast(monkeypatch, *people):
    """Make every story's cast these people (their photos only where photos are asked for)."""

    def people_of(story, with_photos=False):
        return people if with_photos else tuple(replace(person, photos=()) for person in people)

    monkeypatch.setattr(briefs, "cast", people_of)


def serving(fake_class, setting_prefix, key):
    """A fixture running a fake provider server, with the app's base URL and key pointed at it."""

    @pytest.fixture
    def fake(settings):
        with fake_class() as server:
            setattr(settings, f"{setting_prefix}_BASE_URL", server.base_url)
            setattr(settings, f"{setting_prefix}_API_KEY", key)
            yield server
            assert server.errors == []

    return fake


def grow_tree(opening, count):
    """Give the story of `opening` (written or not) `count` chosen, written scenes in all,
    three branches to a scene, each with a finished picture row: in bulk, for sizes."""
    from datetime import timedelta

    from stories.models import ImageAsset

    story = opening.story
    choices = [{"id": str(number), "text": f"Door {number}"} for number in (1, 2, 3)]
    Scene.objects.filter(pk=opening.pk).update(status="complete", text="Once upon a time.", choices=choices)
    scenes = [opening]
    for index in range(1, count):
        parent = scenes[(index - 1) // 3]
        scenes.append(
            Scene(
                story=story,
                previous=parent,
                choice_id=str((index - 1) % 3 + 1),
                number=parent.number + 1,
                status="complete",
                title=f"Scene {index}",
                text="And then…",
                choices=choices,
                chosen_at=opening.chosen_at + timedelta(seconds=index),
            )
        )
    Scene.objects.bulk_create(scenes[1:])
    ImageAsset.objects.bulk_create(
        ImageAsset(
            scene=scene,
            tier=story.tier,
            model=story.image_model,
            status="complete",
            file=f"{story.tier}/images/{scene.pk}.png",
        )
        for scene in scenes
        if not ImageAsset.objects.filter(scene=scene).exists()
    )
    return scenes


def jobs_sent(callbacks):
    """The on-commit callbacks that send a job to its worker (not the news for live pages)."""
    return [callback for callback in callbacks if callback.func is send_job]
