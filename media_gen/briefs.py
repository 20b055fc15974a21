"""Rows into what providers take: a ModelSpec for the model, and a brief for the job.

Providers know nothing of the database; this is where the worker reads what they need.
"""

import mimetypes
from pathlib import Path

from django.conf import settings

from media_gen.providers.base import (
    ImageBrief,
    ModelSpec,
    PathStep,
    Person,
    Photo,
    SceneBrief,
    SpeechBrief,
    VideoBrief,
)
from stories import prompts
from stories.models import JobStatus, registry
from stories.prompts import SCENE_SCHEMA
from storyteller.tiers import get_tier


def model_spec(model):
    """A TextModel, ImageModel or VoiceModel row as the provider sees it."""
    return ModelSpec(
        provider=model.provider,
        api_model=model.api_model,
        display_name=model.display_name,
        base_url=model.endpoint,
        api_key=model.api_key,
        key_name=model.key_name,
        supports_input_fidelity=getattr(model, "supports_input_fidelity", False),
    )


def video_spec(provider):
    """The clip maker: xAI (its video model is a setting, XAI_VIDEO_MODEL), or the offline animator."""
    return ModelSpec(
        provider=provider,
        base_url=registry.base_url(provider),
        api_key=registry.api_key(provider),
        key_name=registry.key_name(provider),
    )


def person_brief(person, with_photos=False):
    photos = (photo_brief(photo) for photo in person.photos.all()) if with_photos else ()
    return Person(
        name=person.name,
        relation=person.relation,
        description=person.description,
        photos=tuple(photo for photo in photos if photo is not None),
    )


def photo_brief(photo):
    """A reference photo for a provider, or None when its file has gone from disk."""
    try:
        with photo.file.storage.open(photo.file.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return None
    return Photo(filename=Path(photo.file.name).name, data=data, mime=photo.mime)


def cast(story, with_photos=False):
    """The people memory mode brings into the story, as briefs."""
    return tuple(person_brief(person, with_photos) for person in story.people(with_photos=with_photos))


def scene_brief(scene):
    """What a text model needs to write `scene`, from the story so far."""
    story = scene.story
    tier = get_tier(story.tier)
    people = cast(story)
    system, user = prompts.scene_messages(scene, people)
    path = [
        PathStep(text=earlier.text, choice=earlier.taken["text"] if earlier.taken else "") for earlier in scene.path()
    ]
    return SceneBrief(
        tier_slug=tier.slug,
        guidelines=tier.guidelines,
        story_prompt=story.prompt,
        scene_number=scene.number,
        target_scenes=story.target_scenes,
        path=tuple(path),
        people=people,
        seed=story.seed,
        system=system,
        user=user,
        schema=SCENE_SCHEMA,
    )


def image_brief(image):
    """What an image model needs to draw the scene of `image`."""
    scene = image.scene
    story = scene.story
    return ImageBrief(
        tier_slug=story.tier,
        prompt=prompts.image_prompt(scene),
        scene_title=scene.title,
        scene_text=scene.text,
        people=cast(story, with_photos=image.model.supports_references),
        seed=story.seed + scene.number,
        hints=scene.picture_hints,
    )


def video_brief(video):
    """Image-to-video from the scene's picture when it has one, else text-to-video."""
    scene = video.scene
    image = getattr(scene, "image", None)
    picture = None
    if image is not None and image.status == JobStatus.COMPLETE and image.file_exists:
        with image.file.open("rb") as handle:
            picture = handle.read()
    return VideoBrief(
        tier_slug=scene.story.tier,
        prompt=prompts.video_prompt(scene),
        image=picture,
        image_mime=mimetypes.guess_type(image.file.name)[0] if picture else "image/png",
        duration=settings.VIDEO_DURATION,
        aspect_ratio=settings.VIDEO_ASPECT_RATIO,
        resolution=settings.VIDEO_RESOLUTION,
    )


def speech_brief(audio):
    """What a voice needs to read the scene of `audio` aloud."""
    return SpeechBrief(
        tier_slug=audio.tier,
        text=prompts.narration_text(audio.scene),
        voice=audio.voice.voice,
        style=prompts.NARRATION_STYLE,
    )
