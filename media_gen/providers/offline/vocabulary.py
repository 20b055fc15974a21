"""The words the offline storyteller and illustrator share: what a scene's picture shows.

The storyteller writes a scene's hints as a plain dict (it is stored in a JSONField),
and the illustrator draws from it:

    {
        "place": "underwater",            # one of PLACES
        "time": "day",                    # one of TIMES
        "weather": "clear",               # one of WEATHERS
        "mood": "cheerful",               # one of MOODS
        "shot": "wide",                   # one of SHOTS: how near the camera stands
        "stage": "left",                  # one of STAGES: where the characters stand
        "flip": False,                    # the backdrop seen from the other side
        "region": "the sea",              # the story's place, as the story names it (free text)
        "spot": "the coral reef",         # where in the place the scene happens (free text)
        "object": "cake",                 # one of OBJECTS: the scene's key object, or ""
        "characters": [                   # the hero first, then whoever else is there
            {"name": "Olly", "kind": "octopus", "figure": "octopus", "colour": "purple", "pose": "wave",
             "role": "hero", "age": "child", "outfit": "", "look": ""},
        ],
    }

In a character, `kind` is what the story calls them (free text: "octopus", "grandma"),
`figure` how they are drawn (FIGURES), `colour` a key of COLOURS, `pose` one of POSES,
`role` one of ROLES, `age` one of AGES, `outfit` one of OUTFITS, and `look` a remembered
person's own description ("silver curly hair, round red glasses"), read for hair and hats.

`hints(...)` builds and checks one; `read(...)` takes any dict and keeps only what it
understands, so a hint from an older storyteller never breaks a drawing.
"""

PLACES = (
    "forest",
    "castle",
    "mansion",
    "space",
    "ocean",
    "underwater",
    "mountains",
    "desert",
    "jungle",
    "snow",
    "city",
    "village",
    "cave",
    "school",
    "farm",
    "sky",
    "island",
    "lab",
    "meadow",
    "valley",
    "lake",
    "countryside",
)
TIMES = ("dawn", "day", "dusk", "night")
WEATHERS = ("clear", "cloudy", "rain", "snow", "fog")
MOODS = ("cheerful", "calm", "curious", "tense", "mysterious", "joyful")
SHOTS = ("wide", "near", "far")
STAGES = ("left", "centre", "right")
POSES = ("stand", "wave", "point", "jump", "sit")
ROLES = ("hero", "companion", "friend", "helper")
AGES = ("child", "adult", "elder")
OUTFITS = ("", "crown", "wizard", "pirate", "detective", "helmet", "tutu", "chef")
# What a character is drawn as; every storyteller kind maps to one of these.
FIGURES = (
    "person",
    "dog",
    "cat",
    "bear",
    "bunny",
    "fox",
    "mouse",
    "unicorn",
    "owl",
    "bird",
    "penguin",
    "dragon",
    "dinosaur",
    "robot",
    "octopus",
    "fish",
    "alien",
    "fairy",
    "monkey",
    "elephant",
)
COLOURS = {
    "red": (222, 76, 70),
    "orange": (240, 140, 60),
    "yellow": (246, 206, 72),
    "green": (96, 178, 96),
    "teal": (60, 170, 170),
    "blue": (74, 130, 220),
    "purple": (150, 96, 200),
    "pink": (238, 128, 176),
    "brown": (150, 100, 64),
    "grey": (150, 150, 162),
    "white": (246, 246, 250),
    "black": (60, 56, 64),
    "gold": (236, 186, 62),
    "silver": (196, 200, 214),
}
# The key object of a scene, drawn large beside the characters.
OBJECTS = (
    "key",
    "book",
    "map",
    "lantern",
    "chest",
    "crown",
    "star",
    "gem",
    "ball",
    "flower",
    "apple",
    "balloon",
    "wand",
    "shell",
    "cake",
    "heart",
    "compass",
    "egg",
    "kite",
    "gift",
    "fishing rod",
    "ballet shoes",
    "magnifier",
    "music",
    "telescope",
    "rocket",
    "boat",
    "sparkles",
)
# Places without a sky of their own: no sun, no clouds, no weather.
SKYLESS = {"space", "underwater", "cave", "lab"}
INDOORS = {"lab", "school", "mansion"}


def hints(
    *,
    place,
    time,
    weather="clear",
    mood="cheerful",
    shot="wide",
    stage="centre",
    flip=False,
    region="",
    spot="",
    object="",
    characters=(),
):
    """One scene's hints, checked against the vocabulary (a ValueError names the bad value)."""
    for value, allowed in (
        (place, PLACES),
        (time, TIMES),
        (weather, WEATHERS),
        (mood, MOODS),
        (shot, SHOTS),
        (stage, STAGES),
        (object or "sparkles", OBJECTS),
    ):
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {allowed}")
    for character in characters:
        for key, allowed in (
            ("figure", FIGURES),
            ("colour", COLOURS),
            ("pose", POSES),
            ("role", ROLES),
            ("age", AGES),
            ("outfit", OUTFITS),
        ):
            if character.get(key, allowed[0] if isinstance(allowed, tuple) else "red") not in allowed:
                raise ValueError(f"{character.get(key)!r} is not one of {tuple(allowed)}")
    return {
        "place": place,
        "time": time,
        "weather": "clear" if place in SKYLESS else weather,
        "mood": mood,
        "shot": shot,
        "stage": stage,
        "flip": bool(flip),
        "region": region,
        "spot": spot,
        "object": object,
        "characters": [dict(character) for character in characters],
    }


def read(raw) -> dict:
    """The hints in `raw` that the vocabulary knows, with defaults for the rest."""
    raw = raw if isinstance(raw, dict) else {}

    def pick(key, allowed, default):
        value = raw.get(key)
        return value if value in allowed else default

    characters = []
    for character in raw.get("characters") or ():
        if not isinstance(character, dict):
            continue
        characters.append(
            {
                "name": str(character.get("name") or "").strip(),
                "kind": str(character.get("kind") or "").strip().lower(),
                "figure": character.get("figure") if character.get("figure") in FIGURES else "person",
                "colour": character.get("colour") if character.get("colour") in COLOURS else "",
                "pose": character.get("pose") if character.get("pose") in POSES else "stand",
                "role": character.get("role") if character.get("role") in ROLES else "friend",
                "age": character.get("age") if character.get("age") in AGES else "child",
                "outfit": character.get("outfit") if character.get("outfit") in OUTFITS else "",
                "look": str(character.get("look") or ""),
            }
        )
    return {
        "place": pick("place", PLACES, "meadow"),
        "time": pick("time", TIMES, "day"),
        "weather": pick("weather", WEATHERS, "clear"),
        "mood": pick("mood", MOODS, "cheerful"),
        "shot": pick("shot", SHOTS, "wide"),
        "stage": pick("stage", STAGES, "centre"),
        "flip": bool(raw.get("flip")),
        "region": str(raw.get("region") or ""),
        "spot": str(raw.get("spot") or ""),
        "object": pick("object", OBJECTS, ""),
        "characters": characters,
    }
