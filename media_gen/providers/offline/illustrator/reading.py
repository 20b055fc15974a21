"""Hints for a scene another text model wrote: read from the words of its prompt and text."""

import hashlib
import re
from functools import cache

from media_gen.providers.offline import vocabulary, words
from media_gen.providers.offline.illustrator.palette import MAX_CHARACTERS, SETTING_WORDS, TIME_WORDS


def hints_from_text(brief) -> dict:
    """Place, time, weather, the family's people and a key object, as the prompt's words suggest.
    The framing comes from the text too, so that one story's scenes are not all framed alike."""
    prompt = brief.prompt.lower()
    story = f"{brief.prompt} {brief.scene_title} {brief.scene_text}".lower()
    place = first_match(SETTING_WORDS, prompt) or first_match(SETTING_WORDS, story) or "countryside"
    weather = next((weather for pattern, weather in words.WEATHER_WORDS if re.search(pattern, prompt)), "clear")
    turn = hashlib.sha256(story.encode()).digest()
    characters = [_person(person) for person in brief.people[:MAX_CHARACTERS] if person.name.strip()]
    return vocabulary.hints(
        place=place,
        time=first_match(TIME_WORDS, prompt) or "day",
        weather=weather,
        shot=vocabulary.SHOTS[turn[0] % len(vocabulary.SHOTS)],
        stage=vocabulary.STAGES[turn[1] % 3],
        flip=turn[2] % 2 == 1,
        object=words.object_for(prompt),
        characters=characters,
    )


def _person(person):
    described = f"{person.relation} {person.description}".lower()
    kind = next(
        (words.singular(word) for word in re.findall(r"[a-z]+", described) if words.singular(word) in words.KINDS), ""
    )
    _, figure, age, outfit = words.KINDS.get(kind, ("they", "person", "child", ""))
    colours = list(vocabulary.COLOURS)
    colour = colours[hashlib.sha256(person.name.encode()).digest()[0] % len(colours)]
    return {
        "name": person.name.strip(),
        "kind": kind,
        "figure": figure,
        "colour": colour,
        "pose": "wave",
        "role": "friend",
        "age": age,
        "outfit": outfit,
        "look": person.description,
    }


@cache
def _pattern(found: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(word) for word in sorted(found, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:e?s)?\b")


def first_match(table: dict, text: str):
    """The key whose words appear earliest in `text`: a story usually names its main place first."""
    found = [(match.start(), key) for key, listed in table.items() if (match := _pattern(listed).search(text))]
    return min(found)[1] if found else None
