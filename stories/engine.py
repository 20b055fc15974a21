"""The story engine: turning a story into what models are asked, and their answers into scenes."""

import json
import mimetypes

from django.conf import settings

from media_gen.providers.base import (
    ImageBrief,
    PathStep,
    ProviderError,
    SceneBrief,
    SceneDraft,
    VideoBrief,
)
from storyteller.tiers import get_tier

# The JSON every text model answers with (strict structured output).
SCENE_SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "description": "The story title for the first scene, else a scene heading."},
        "text": {"type": "string", "description": "The scene, 80 to 250 words, in short paragraphs."},
        "choices": {
            "type": "array",
            "items": {"type": "string"},
            "description": "3 or 4 short choices for what the reader does next; empty for an ending.",
        },
        "is_ending": {"type": "boolean"},
        "image_prompt": {"type": "string", "description": "A description of the illustration for this scene."},
    },
    "required": ["title", "text", "choices", "is_ending", "image_prompt"],
    "additionalProperties": False,
}


def scene_brief(scene, people=()):
    """What a text model needs to write `scene`, from the story so far."""
    story = scene.story
    tier = get_tier(story.tier)
    path = []
    for earlier in scene.path():
        chosen = earlier.chosen_choice
        path.append(PathStep(text=earlier.text, choice=chosen["text"] if chosen else ""))
    return SceneBrief(
        tier_slug=tier.slug,
        tier_title=tier.title,
        guidelines=tier.guidelines,
        story_prompt=story.prompt,
        scene_number=scene.number,
        target_scenes=story.target_scenes,
        path=tuple(path),
        people=tuple(people),
        seed=story.seed,
    )


def image_brief(scene, people=()):
    story = scene.story
    tier = get_tier(story.tier)
    return ImageBrief(
        tier_slug=tier.slug,
        prompt=f"{scene.image_prompt}\n\nStyle and content rules: {tier.guidelines}",
        scene_title=scene.title,
        scene_text=scene.text,
        people=tuple(people),
        seed=story.seed + scene.number,
    )


def video_brief(scene):
    """Image-to-video from the scene's picture when it has one, else text-to-video."""
    story = scene.story
    tier = get_tier(story.tier)
    image = getattr(scene, "image", None)
    picture = None
    if image is not None and image.status == "complete" and image.file_exists:
        with image.file.open("rb") as handle:
            picture = handle.read()
    return VideoBrief(
        tier_slug=tier.slug,
        prompt=f"{scene.image_prompt or scene.text[:500]}\n\nGentle camera movement. {tier.guidelines}",
        image=picture,
        image_mime=mimetypes.guess_type(image.file.name)[0] if picture else "image/png",
        duration=settings.VIDEO_DURATION,
        aspect_ratio=settings.VIDEO_ASPECT_RATIO,
        resolution=settings.VIDEO_RESOLUTION,
    )


def scene_messages(brief):
    """The system and user messages that ask a language model for the next scene."""
    system = (
        "You write interactive choose-your-own-adventure stories, one scene at a time. "
        f"{brief.guidelines} "
        "Answer only with JSON matching the given schema: a title, the scene text in short "
        "paragraphs separated by blank lines, 3 or 4 choices, whether this scene ends the "
        "story, and a vivid description of one illustration for the scene."
    )
    lines = [f"The family asked for: {brief.story_prompt}"]
    if brief.people:
        lines.append("Include these real people as characters, by name:")
        for person in brief.people:
            details = ", ".join(part for part in (person.relation, person.description) if part)
            lines.append(f"- {person.name}" + (f" ({details})" if details else ""))
    for number, step in enumerate(brief.path, start=1):
        lines.append(f"\nScene {number}:\n{step.text}\nThe reader chose: {step.choice}")
    if brief.scene_number >= brief.target_scenes:
        lines.append(f"\nWrite scene {brief.scene_number}: the ending. No choices; is_ending is true.")
    elif brief.scene_number == 1:
        lines.append(f"\nWrite the opening scene. The story should end after about {brief.target_scenes} scenes.")
    else:
        lines.append(
            f"\nWrite scene {brief.scene_number} of about {brief.target_scenes}, following the reader's last choice."
        )
    return system, "\n".join(lines)


def parse_scene(content, *, usage=None, request_id=""):
    """A model's JSON answer as a SceneDraft, or a ProviderError saying what was wrong."""
    try:
        data = json.loads(content)
    except (TypeError, ValueError):
        raise ProviderError("The model's answer was not valid JSON.", request_id=request_id) from None
    if not isinstance(data, dict):
        raise ProviderError("The model's answer was not a JSON object.", request_id=request_id)
    text = data.get("text")
    choices = data.get("choices")
    is_ending = data.get("is_ending")
    if not isinstance(text, str) or not text.strip():
        raise ProviderError("The model's answer had no scene text.", request_id=request_id)
    if not isinstance(is_ending, bool):
        raise ProviderError("The model's answer did not say whether the story ends.", request_id=request_id)
    if not isinstance(choices, list) or not all(isinstance(choice, str) and choice.strip() for choice in choices):
        raise ProviderError("The model's answer had malformed choices.", request_id=request_id)
    if not is_ending and not choices:
        raise ProviderError("The model's answer had no choices for a scene that does not end.", request_id=request_id)
    return SceneDraft(
        title=str(data.get("title") or "").strip(),
        text=text.strip(),
        choices=[choice.strip() for choice in choices[:4]],
        is_ending=is_ending,
        image_prompt=str(data.get("image_prompt") or text[:500]).strip(),
        usage=usage or {},
        request_id=request_id,
    )
