"""What models are asked: the scene schema and the words of every prompt, from the story."""

from storyteller.tiers import get_tier

# The JSON every text model answers with (strict structured output). Title and text come
# first, so a streamed answer shows them first.
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


def scene_messages(scene, people=()):
    """The system and user messages that ask a language model for `scene`, given the
    scenes that led to it and the people memory mode brings in."""
    story = scene.story
    tier = get_tier(story.tier)
    system = (
        "You write interactive choose-your-own-adventure stories, one scene at a time. "
        f"{tier.guidelines} "
        "Answer only with JSON matching the given schema: a title, the scene text in short "
        "paragraphs separated by blank lines, 3 or 4 choices, whether this scene ends the "
        "story, and a vivid description of one illustration for the scene."
    )
    lines = [f"The family asked for: {story.prompt}"]
    if people:
        lines.append("Include these real people as characters, by name:")
        for person in people:
            details = ", ".join(part for part in (person.relation, person.description) if part)
            lines.append(f"- {person.name}" + (f" ({details})" if details else ""))
    for number, earlier in enumerate(scene.path(), start=1):
        taken = earlier.taken
        lines.append(f"\nScene {number}:\n{earlier.text}\nThe reader chose: {taken['text'] if taken else ''}")
    if scene.number >= story.target_scenes:
        lines.append(f"\nWrite scene {scene.number}: the ending. No choices; is_ending is true.")
    elif scene.number == 1:
        lines.append(f"\nWrite the opening scene. The story should end after about {story.target_scenes} scenes.")
    else:
        lines.append(
            f"\nWrite scene {scene.number} of about {story.target_scenes}, following the reader's last choice."
        )
    return system, "\n".join(lines)


def image_prompt(scene):
    """What an image model is asked to draw for a written scene."""
    return f"{scene.image_prompt}\n\nStyle and content rules: {get_tier(scene.story.tier).guidelines}"


def video_prompt(scene):
    """What a video model is asked to animate for a scene."""
    guidelines = get_tier(scene.story.tier).guidelines
    return f"{scene.image_prompt or scene.text[:500]}\n\nGentle camera movement. {guidelines}"


# How a voice that takes directions (OpenAI's instructions, Gemini's speech style) reads a scene.
NARRATION_STYLE = (
    "A warm, gentle storyteller reading a picture book aloud to a child at bedtime: unhurried, "
    "friendly and expressive, with small pauses between sentences."
)


def narration_text(scene):
    """What is read aloud for a scene: its title, its text, and the end when it is the end."""
    parts = [scene.title, scene.text, "The End." if scene.is_ending else ""]
    return "\n\n".join(part.strip() for part in parts if part.strip())
