"""Small builders for tests: stories, scenes and a way to run the worker's jobs in-line."""

from dataclasses import replace

import pytest
from asgiref.sync import async_to_sync

from media_gen import briefs, jobs
from stories.models import ImageModel, Scene, Story, TextModel
from stories.models.jobs import send_job
from storyteller.tiers import get_tier

# What a live part that polls carries: every 2 s, while the page has no socket open.
POLLING = 'hx-trigger="every 2s [!this.closest(\'.live\')]"'


def make_story(tier="kids", prompt="A brave girl named Ava finds a dragon egg", text_model="offline",
               image_model="offline", **options):
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


def jobs_sent(callbacks):
    """The on-commit callbacks that send a job to its worker (not the news for live pages)."""
    return [callback for callback in callbacks if callback.func is send_job]
