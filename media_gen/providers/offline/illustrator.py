"""The offline image model: a storybook illustration drawn with Pillow.

Families without an API key still get a picture for every scene. The picture is
composed from the scene's setting, time of day, characters and objects (hints the
offline storyteller passes as `look`, or keywords found in the prompt), and in
memory mode each person's first photo hangs in a golden locket with their name.
Everything is derived from the brief, so the same brief always gives the same picture.

Layers, back to front: sky, scenery (shaded by the time of day), lights that shine
through the dark, characters and objects (shaded more gently), things in front
(snow, sparkles, helmets), lockets, and the caption.
"""

import colorsys
import hashlib
import json
import math
import random
import re
from contextlib import contextmanager
from functools import cache, lru_cache
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from media_gen.providers.base import ImageBrief, Person

SIZE = 1024
FEET_Y = 884  # where characters stand
CAPTION_BOX = (28, 910, SIZE - 28, SIZE - 14)
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OUTLINE = (74, 52, 48)  # one ink colour for every outline keeps the storybook look
WHITE = (255, 255, 255)
MAX_CHARACTERS = 5
MAX_OBJECTS = 4
MAX_LOCKETS = 4
LABEL_MAX_WIDTH = 320
LOCKET_LARGE, LOCKET_SMALL = 200, 170  # portrait diameters for up to two lockets, and for more

TIMES = ("dawn", "day", "dusk", "night")
SETTINGS = (
    "forest",
    "castle",
    "space",
    "ocean",
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
    "underwater",
    "island",
    "lab",
    "meadow",
)

# Sky gradients, as (position from the top, colour) stops.
SKY = {
    "dawn": ((0.0, (118, 134, 206)), (0.35, (236, 176, 196)), (0.6, (255, 214, 166))),
    "day": ((0.0, (92, 166, 232)), (0.6, (196, 230, 250))),
    "dusk": ((0.0, (64, 60, 138)), (0.33, (192, 104, 146)), (0.6, (255, 168, 98))),
    "night": ((0.0, (10, 16, 48)), (0.6, (44, 58, 118))),
}
# Scenery is multiplied by the light of its time of day; characters get a gentler version.
LIGHT = {"dawn": (252, 230, 226), "day": WHITE, "dusk": (246, 196, 176), "night": (86, 102, 164)}
CHARACTER_LIGHT_SHARE = 0.5  # how much of the scenery's shading characters receive
INDOOR_LIGHT_SHARE = 0.35  # lamps keep indoor scenes bright
INDOOR_SETTINGS = {"lab"}
SPACE_LIGHT = (240, 236, 250)  # space has no time of day: one cool light
STAR_COUNTS = {"night": 140, "dusk": 22, "dawn": 10}
CLOUD = {
    "dawn": (255, 226, 228, 235),
    "day": (255, 255, 255, 240),
    "dusk": (255, 196, 176, 230),
    "night": (74, 84, 138, 150),
}
SUN = {"dawn": (255, 200, 120), "day": (255, 226, 92), "dusk": (255, 150, 80)}
MOON = (250, 244, 210)
STAR = (255, 250, 220)
WINDOW_GLASS = (186, 222, 240)
WINDOW_LIT = (255, 214, 120)
FLOWER_COLOURS = ((240, 90, 110), (255, 200, 60), (250, 250, 250), (170, 120, 230), (255, 140, 60), (240, 130, 190))

PALETTES = {
    "countryside": {
        "far": (150, 196, 170),
        "mid": (120, 184, 104),
        "near": (146, 206, 110),
        "path": (226, 200, 150),
        "tree": (76, 150, 84),
        "trunk": (120, 84, 56),
        "bush": (92, 164, 84),
    },
    "meadow": {
        "far": (170, 214, 160),
        "mid": (128, 196, 100),
        "near": (156, 214, 104),
        "tree": (80, 160, 80),
        "trunk": (122, 86, 58),
        "tuft": (104, 170, 74),
    },
    "forest": {
        "far": (118, 166, 150),
        "far_pine": (82, 138, 120),
        "mid": (96, 160, 96),
        "pine": (52, 120, 82),
        "tree": (74, 148, 78),
        "near": (126, 192, 96),
        "trunk": (108, 76, 54),
        "tuft": (90, 156, 70),
    },
    "castle": {
        "far": (156, 192, 168),
        "stone": (216, 206, 192),
        "stone_shade": (186, 174, 160),
        "roof": (92, 108, 196),
        "roof2": (196, 78, 92),
        "gate": (96, 72, 70),
        "mid": (122, 190, 96),
        "near": (148, 208, 108),
        "path": (224, 198, 150),
        "tree": (78, 152, 84),
        "trunk": (120, 84, 56),
    },
    "space": {
        "top": (8, 8, 38),
        "mid": (40, 22, 86),
        "bottom": (74, 40, 112),
        "ridge": (112, 100, 156),
        "ground": (186, 176, 208),
        "crater": (150, 138, 180),
        "planet": (236, 150, 96),
        "ring": (246, 214, 160),
        "moonlet": (120, 200, 200),
    },
    "ocean": {
        "far_sea": (126, 194, 222),
        "deep_sea": (42, 112, 182),
        "wave": (206, 236, 250),
        "isle": (96, 146, 140),
        "hull": (150, 90, 60),
        "sail": (252, 248, 236),
        "sand": (242, 216, 166),
        "wet_sand": (220, 190, 140),
    },
    "island": {
        "far_sea": (150, 226, 222),
        "deep_sea": (36, 168, 190),
        "wave": (220, 248, 248),
        "sand": (244, 222, 172),
        "wet_sand": (224, 198, 146),
        "grass": (112, 190, 92),
        "trunk": (164, 116, 74),
        "frond": (70, 164, 84),
    },
    "mountains": {
        "far": (156, 164, 206),
        "mid": (112, 130, 176),
        "snow": (250, 252, 255),
        "hill": (108, 168, 96),
        "pine": (54, 116, 82),
        "near": (144, 198, 104),
        "rock": (160, 158, 166),
    },
    "desert": {
        "pyramid": (232, 192, 124),
        "pyramid_shade": (198, 152, 96),
        "far": (240, 204, 146),
        "mid": (234, 178, 110),
        "near": (246, 212, 152),
        "ridge": (252, 228, 180),
        "cactus": (88, 156, 92),
        "rock": (190, 140, 100),
    },
    "jungle": {
        "far": (58, 120, 84),
        "canopy": (70, 150, 90),
        "canopy2": (48, 124, 78),
        "ground": (92, 160, 72),
        "leaf": (54, 146, 74),
        "leaf2": (90, 180, 80),
        "vine": (46, 110, 60),
        "trunk": (130, 96, 66),
    },
    "snow": {
        "far": (214, 226, 246),
        "far_shade": (184, 202, 236),
        "hill": (236, 242, 252),
        "near": (250, 251, 255),
        "shadow": (210, 222, 244),
        "pine": (54, 112, 96),
        "carrot": (246, 140, 50),
        "scarf": (220, 60, 70),
    },
    "city": {
        "skyline": (172, 170, 212),
        "skyline_window": (200, 198, 232),
        "pavement": (208, 202, 196),
        "joint": (186, 180, 176),
        "kerb": (170, 166, 166),
        "lamp": (70, 76, 96),
        "tree": (86, 160, 88),
        "facades": (
            (242, 170, 150),
            (250, 214, 140),
            (160, 200, 220),
            (190, 170, 220),
            (160, 210, 170),
            (240, 190, 200),
        ),
    },
    "village": {
        "far": (164, 206, 152),
        "mid": (132, 196, 106),
        "near": (152, 210, 112),
        "path": (214, 196, 160),
        "walls": ((250, 236, 206), (246, 214, 180), (232, 228, 240), (250, 226, 226)),
        "roofs": ((196, 90, 70), (150, 96, 70), (96, 110, 170), (180, 120, 60)),
        "door": (140, 92, 60),
        "fence": (248, 244, 236),
        "smoke": (236, 236, 240),
        "tree": (80, 156, 84),
        "trunk": (120, 84, 56),
    },
    "cave": {
        "rock": (70, 56, 78),
        "rock2": (92, 74, 100),
        "rim": (118, 96, 122),
        "floor": (90, 74, 92),
        "far": (120, 170, 140),
        "crystals": ((110, 230, 240), (200, 140, 250), (250, 150, 200)),
    },
    "school": {
        "far": (160, 204, 160),
        "brick": (196, 94, 72),
        "mortar": (176, 78, 60),
        "trim": (250, 244, 232),
        "roof": (120, 84, 80),
        "grass": (132, 200, 98),
        "yard": (200, 194, 186),
        "chalk": (252, 252, 250),
        "frame": (226, 86, 70),
        "tree": (80, 156, 84),
        "trunk": (120, 84, 56),
    },
    "farm": {
        "far": (176, 204, 124),
        "field": (214, 204, 110),
        "row": (190, 176, 90),
        "barn": (194, 62, 52),
        "barn_roof": (112, 64, 64),
        "trim": (250, 246, 238),
        "silo": (206, 208, 214),
        "fence": (180, 136, 96),
        "hay": (232, 192, 92),
        "hay_line": (200, 156, 70),
        "grass": (138, 202, 92),
        "stem": (80, 150, 70),
    },
    "sky": {
        "cloud": (252, 252, 255),
        "cloud_shade": (220, 230, 248),
        "balloons": (
            ((240, 90, 90), (255, 220, 100)),
            ((110, 170, 240), (250, 250, 250)),
            ((170, 120, 220), (120, 220, 190)),
        ),
        "basket": (160, 110, 70),
        "rainbow": ((240, 80, 80), (250, 160, 60), (250, 230, 90), (110, 200, 110), (90, 160, 230), (150, 110, 210)),
    },
    "underwater": {
        "top": (84, 204, 222),
        "mid": (30, 124, 184),
        "bottom": (16, 62, 122),
        "rock": (40, 102, 142),
        "kelp": (58, 160, 112),
        "sand": (222, 202, 152),
        "corals": ((250, 120, 140), (255, 160, 80), (200, 120, 230)),
        "fish": ((255, 160, 40), (250, 220, 80), (120, 200, 250), (250, 110, 150)),
    },
    "lab": {
        "wall": (208, 228, 222),
        "wainscot": (168, 196, 200),
        "shelf": (176, 128, 88),
        "frame": (250, 250, 250),
        "floor": (226, 228, 236),
        "tile_line": (196, 200, 214),
        "bench": (120, 130, 150),
        "bench_top": (90, 98, 118),
        "glass": (220, 240, 250),
        "liquids": ((250, 110, 160), (110, 220, 130), (100, 170, 250), (255, 170, 70), (180, 120, 240)),
        "lamp": (90, 100, 120),
    },
}

SKIN_TONES = ((255, 224, 196), (246, 204, 166), (230, 180, 136), (200, 140, 98), (160, 108, 74), (118, 78, 54))
HAIR_COLOURS = ((70, 46, 34), (120, 76, 44), (214, 164, 82), (40, 34, 36), (176, 84, 46), (150, 110, 70))
HAIR_STYLES = ("short", "long", "pigtails", "curly", "bun")
TROUSERS = ((70, 100, 160), (110, 84, 70), (80, 84, 100), (120, 70, 110), (60, 120, 110))
GREY_HAIR = (214, 214, 220)
CHEEK = (246, 150, 150)
GOLD = (238, 186, 62)
GOLD_DARK = (170, 120, 36)
GOLD_LIGHT = (255, 230, 140)
PAPER = (255, 248, 232)
INK = (92, 60, 40)

# Words in a character's name or description that change how they are drawn.
HAIR_WORDS = {
    "blond": (236, 196, 100),
    "blonde": (236, 196, 100),
    "golden": (236, 196, 100),
    "ginger": (206, 104, 50),
    "red": (190, 80, 46),
    "brown": (120, 76, 44),
    "black": (40, 34, 36),
    "dark": (56, 40, 34),
    "grey": GREY_HAIR,
    "gray": GREY_HAIR,
    "white": (240, 240, 244),
    "silver": GREY_HAIR,
}
STYLE_WORDS = {
    "curly": "curly",
    "curls": "curly",
    "long": "long",
    "pigtails": "pigtails",
    "ponytail": "pigtails",
    "bun": "bun",
    "short": "short",
    "bald": "bald",
}
ELDER_WORDS = {
    "grandma",
    "grandpa",
    "granny",
    "gran",
    "nana",
    "nan",
    "grandad",
    "granddad",
    "grandmother",
    "grandfather",
    "grandparent",
    "grandpop",
    "oma",
    "opa",
    "abuela",
    "abuelo",
    "nonna",
    "nonno",
}
ADULT_WORDS = {
    "mom",
    "mum",
    "mommy",
    "mummy",
    "mama",
    "mother",
    "dad",
    "daddy",
    "papa",
    "father",
    "aunt",
    "auntie",
    "uncle",
    "teacher",
    "king",
    "queen",
    "wizard",
    "witch",
    "captain",
    "parent",
    "grandparent",
} | ELDER_WORDS
# Hair styles that suit anyone named as a man or boy; the others stay possible for everyone else.
MALE_WORDS = {
    "grandpa",
    "grandad",
    "granddad",
    "grandfather",
    "grandpop",
    "opa",
    "abuelo",
    "nonno",
    "dad",
    "daddy",
    "papa",
    "father",
    "uncle",
    "king",
    "prince",
    "boy",
    "brother",
    "son",
    "mr",
    "sir",
    "husband",
}
MALE_STYLES = ("short", "curly", "short")
HAT_WORDS = {
    "wizard": "wizard",
    "witch": "wizard",
    "sorcerer": "wizard",
    "magician": "wizard",
    "king": "crown",
    "queen": "crown",
    "prince": "crown",
    "princess": "crown",
    "pirate": "pirate",
    "captain": "pirate",
}
CRITTERS = {
    "dog": "dog",
    "puppy": "dog",
    "pup": "dog",
    "cat": "cat",
    "kitten": "cat",
    "kitty": "cat",
    "bear": "bear",
    "teddy": "bear",
    "bunny": "bunny",
    "rabbit": "bunny",
    "hare": "bunny",
    "fox": "fox",
    "mouse": "mouse",
    "hamster": "mouse",
    "unicorn": "unicorn",
    "pony": "unicorn",
    "lion": "cat",
    "tiger": "cat",
}
TAILS = {
    "cat": (12, 0.62),
    "dog": (14, 0.4),
    "mouse": (6, 0.5),
    "unicorn": (20, 0.55),
}  # (width, height as share of size)
CRITTER_COLOURS = {
    "dog": ((204, 150, 96), (232, 206, 160), (140, 96, 62)),
    "cat": ((244, 164, 84), (170, 170, 180), (90, 90, 104)),
    "bear": ((156, 106, 66), (186, 130, 80)),
    "bunny": ((244, 244, 248), (206, 186, 164)),
    "fox": ((238, 124, 54),),
    "mouse": ((176, 176, 188),),
    "unicorn": ((252, 250, 255),),
}
BIRDS = {
    "owl": "owl",
    "bird": "bird",
    "birdie": "bird",
    "parrot": "bird",
    "chick": "bird",
    "penguin": "penguin",
    "duck": "bird",
}
DRAGONS = {"dragon": True, "dragonling": True, "dinosaur": False, "dino": False, "t-rex": False}
ROBOTS = {"robot", "robo", "droid", "android", "bot"}
ALIENS = {"alien", "martian"}
FAIRIES = {"fairy", "pixie", "sprite"}
HELMET_SETTINGS = {"space", "underwater"}

SETTING_WORDS = {
    "underwater": (
        "underwater",
        "under the sea",
        "under the ocean",
        "coral",
        "reef",
        "mermaid",
        "submarine",
        "seabed",
        "sea floor",
        "ocean floor",
        "diving",
        "scuba",
        "seaweed",
    ),
    "space": (
        "space",
        "outer space",
        "planet",
        "galaxy",
        "rocket",
        "spaceship",
        "astronaut",
        "asteroid",
        "comet",
        "alien",
        "nebula",
        "orbit",
        "spacecraft",
    ),
    "lab": ("lab", "laboratory", "experiment", "scientist", "invention", "inventor", "workshop", "science"),
    "cave": ("cave", "cavern", "tunnel", "underground", "grotto", "mine", "crystal cave"),
    "castle": (
        "castle",
        "palace",
        "kingdom",
        "mansion",
        "manor",
        "throne",
        "knight",
        "princess",
        "prince",
        "king",
        "queen",
        "tower",
        "fortress",
    ),
    "school": ("school", "classroom", "teacher", "playground", "recess", "schoolyard"),
    "farm": ("farm", "barn", "tractor", "cow", "pig", "chicken", "hay", "harvest", "farmer", "pasture"),
    "city": ("city", "skyscraper", "street", "downtown", "subway", "traffic", "metropolis"),
    "village": ("village", "cottage", "town", "hamlet", "market", "bakery"),
    "island": ("island", "beach", "palm", "lagoon", "shore", "seaside", "coconut"),
    "ocean": ("ocean", "sea", "ship", "boat", "sail", "sailing", "pirate", "waves", "voyage", "harbour", "harbor"),
    "jungle": ("jungle", "rainforest", "vine", "tropical", "parrot", "monkey", "tiger"),
    "desert": ("desert", "dune", "sand", "pyramid", "oasis", "camel", "cactus", "cacti"),
    "snow": (
        "snow",
        "snowy",
        "ice",
        "icy",
        "frozen",
        "winter",
        "arctic",
        "igloo",
        "penguin",
        "polar",
        "sled",
        "snowman",
    ),
    "mountains": ("mountain", "peak", "summit", "cliff", "climb", "valley", "alps"),
    "forest": ("forest", "woods", "woodland", "tree", "grove", "wood"),
    "sky": ("sky", "cloud", "flying", "fly", "flew", "balloon", "airplane", "kite", "soaring", "floating"),
    "meadow": (
        "meadow", "countryside", "garden", "flower", "park", "picnic", "field", "hill", "butterfly", "butterflies",
    ),
}
TIME_WORDS = {
    "night": (
        "night",
        "midnight",
        "moon",
        "moonlight",
        "moonlit",
        "stars",
        "starry",
        "starlight",
        "bedtime",
        "nighttime",
    ),
    "dusk": ("sunset", "dusk", "evening", "twilight", "sundown"),
    "dawn": ("dawn", "sunrise", "daybreak", "first light"),
}
ICON_WORDS = {
    "key": ("key",),
    "book": ("book", "diary", "spellbook", "journal", "storybook", "notebook"),
    "map": ("map", "scroll"),
    "lantern": ("lantern", "lamp", "torch", "candle", "flashlight"),
    "chest": ("chest", "treasure", "coin", "gold"),
    "crown": ("crown", "tiara"),
    "star": ("star",),
    "gem": ("gem", "crystal", "jewel", "diamond", "stone"),
    "ball": ("ball", "football"),
    "flower": ("flower", "rose", "tulip", "daisy", "sunflower", "bouquet"),
    "apple": ("apple", "fruit", "berry", "berries", "pear"),
    "balloon": ("balloon",),
    "wand": ("wand",),
    "shell": ("shell", "seashell", "pearl"),
    "cake": ("cake", "cupcake", "cookie", "muffin", "treat", "pie"),
    "heart": ("heart", "locket"),
    "compass": ("compass",),
    "egg": ("egg",),
    "kite": ("kite",),
    "gift": ("gift", "present", "parcel", "package", "box"),
}


def draw_scene(brief: ImageBrief, look: dict | None = None) -> bytes:
    """Draw the scene as a SIZE x SIZE PNG and return its bytes."""
    setting, time, characters, objects = _read_look(brief, look)
    seed_text = json.dumps([brief.seed, brief.prompt, setting, time, characters, objects])
    rng = random.Random(hashlib.sha256(seed_text.encode()).digest())
    painter = _Painter(setting, time, rng)
    lockets = _lockets(brief.people)

    if setting in OWN_BACKDROPS:
        OWN_BACKDROPS[setting](painter)
    else:
        _paint_sky(painter, keep_corners_free=bool(lockets))
    SETTING_PAINTERS.get(setting, _countryside)(painter)
    _place_cast(painter, characters, objects, {p.name.lower(): p for p in brief.people})

    picture = painter.finish()
    _hang_lockets(picture, lockets)
    _write_caption(picture, brief.scene_title.strip())

    out = BytesIO()
    picture.convert("RGB").save(out, "PNG")
    return out.getvalue()


# --- Reading the brief ---------------------------------------------------------------


def _read_look(brief: ImageBrief, look: dict | None):
    """Setting, time of day, characters and objects: the storyteller's hints, else what the prompt says."""
    look = look or {}
    prompt = brief.prompt.lower()
    if look.get("setting"):
        setting = _known(look["setting"], SETTINGS, SETTING_WORDS) or ""  # "" draws the generic landscape
    else:
        story = " ".join((brief.prompt, brief.scene_title, brief.scene_text)).lower()
        setting = _first_match(SETTING_WORDS, prompt) or _first_match(SETTING_WORDS, story) or ""
    if look.get("time_of_day"):
        time = _known(look["time_of_day"], TIMES, TIME_WORDS) or "day"
    else:
        time = _first_match(TIME_WORDS, prompt) or "day"
    characters = _texts(look["characters"]) if "characters" in look else _texts(p.name for p in brief.people)
    return setting, time, characters[:MAX_CHARACTERS], _texts(look.get("objects"))[:MAX_OBJECTS]


def _known(value, names, synonyms: dict):
    """`value` if it is one of `names`, else the name its words suggest ("enchanted woods" -> forest)."""
    text = str(value).strip().lower()
    return text if text in names else _first_match(synonyms, text)


def _texts(values) -> list[str]:
    if isinstance(values, str):
        values = [values]
    return [str(v).strip() for v in values or () if str(v).strip()]


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:e?s)?\b")


def _first_match(table: dict, text: str):
    """The key whose words appear earliest in `text`: a story usually names its main place first."""
    found = [(m.start(), key) for key, words in table.items() if (m := _pattern(words).search(text))]
    return min(found)[1] if found else None


def _icon_for(thing: str) -> str:
    """The icon for an object: the last word we know, as in 'treasure map' -> map."""
    text = thing.lower()
    found = [(m.end(), key) for key, words in ICON_WORDS.items() for m in _pattern(words).finditer(text)]
    return max(found)[1] if found else "sparkles"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z'-]*", text.lower()))


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.strip().lower().encode()).digest()


# --- Colours and small helpers --------------------------------------------------------


def _mix(a, b, amount: float):
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b))


def _lighter(colour, amount=0.3):
    return _mix(colour, WHITE, amount)


def _darker(colour, amount=0.2):
    return _mix(colour, (0, 0, 0), amount)


def _hsv(hue: float, saturation: float, value: float):
    return tuple(round(c * 255) for c in colorsys.hsv_to_rgb(hue % 1.0, saturation, value))


def _gradient(height: int, stops) -> Image.Image:
    """A vertical gradient SIZE wide: one column computed, then stretched."""
    rows = []
    for y in range(height):
        t = y / max(1, height - 1)
        upper = max((s for s in stops if s[0] <= t), default=stops[0], key=lambda s: s[0])
        lower = min((s for s in stops if s[0] >= t), default=stops[-1], key=lambda s: s[0])
        span = lower[0] - upper[0]
        rows.append(_mix(upper[1], lower[1], (t - upper[0]) / span if span else 0))
    column = Image.new("RGB", (1, height))
    column.putdata(rows)
    return column.resize((SIZE, height), Image.Resampling.NEAREST)


@lru_cache(maxsize=1)
def _glow_falloff() -> Image.Image:
    # Pillow's radial gradient reaches 181 at the middle of each edge; squaring the falloff softens the rim.
    return Image.radial_gradient("L").point(lambda v: round(255 * max(0.0, 1 - v / 181) ** 2))


def _composite(base: Image.Image, overlay: Image.Image, x: int, y: int) -> None:
    """alpha_composite that accepts overlays hanging off any edge."""
    left, top = max(0, -x), max(0, -y)
    right, bottom = min(overlay.width, base.width - x), min(overlay.height, base.height - y)
    if right > left and bottom > top:
        base.alpha_composite(overlay, dest=(x + left, y + top), source=(left, top, right, bottom))


def _star_points(cx, cy, outer, inner, points=5, turn=-math.pi / 2):
    return [
        (
            cx + (outer if i % 2 == 0 else inner) * math.cos(turn + i * math.pi / points),
            cy + (outer if i % 2 == 0 else inner) * math.sin(turn + i * math.pi / points),
        )
        for i in range(points * 2)
    ]


@cache
def _font(size: int):
    try:
        return ImageFont.truetype(FONT_PATH, size)
    except OSError:
        return ImageFont.load_default(size=size)  # Pillow's own font, bitmap if FreeType is missing


# --- The painter: layers and shared shapes ----------------------------------------------


class _Painter:
    """The layers of one picture and the shapes several settings share."""

    def __init__(self, setting: str, time: str, rng: random.Random):
        self.setting, self.time, self.rng = setting, time, rng
        self.night = time in ("dusk", "night")  # when windows and lanterns are lit
        self.indoor = setting in INDOOR_SETTINGS
        self.base = Image.new("RGBA", (SIZE, SIZE))
        self.land, self.lights, self.cast, self.front = (
            Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0)) for _ in range(4)
        )
        self.d = ImageDraw.Draw(self.land)
        self.sun = None  # (x, y) once the sky has a sun

    def finish(self) -> Image.Image:
        light = SPACE_LIGHT if self.setting == "space" else LIGHT[self.time]
        if self.indoor:
            light = _mix(light, WHITE, 1 - INDOOR_LIGHT_SHARE)
        picture = self.base
        picture.alpha_composite(ImageChops.multiply(self.land, Image.new("RGBA", self.land.size, light + (255,))))
        picture.alpha_composite(self.lights)
        cast_light = _mix(light, WHITE, 1 - CHARACTER_LIGHT_SHARE)
        picture.alpha_composite(ImageChops.multiply(self.cast, Image.new("RGBA", self.cast.size, cast_light + (255,))))
        picture.alpha_composite(self.front)
        return picture

    @contextmanager
    def sheet(self, layer: Image.Image):
        """Draw see-through shapes: on a clear sheet that is then laid over `layer`."""
        sheet = Image.new("RGBA", layer.size, (0, 0, 0, 0))
        yield ImageDraw.Draw(sheet)
        layer.alpha_composite(sheet)

    def glow(self, layer, centre, radius, colour, strength=1.0, squash=1.0):
        width, height = max(2, int(radius * 2)), max(2, int(radius * 2 * squash))
        mask = _glow_falloff().resize((width, height), Image.Resampling.BILINEAR)
        if strength != 1.0:
            mask = mask.point(lambda v: round(v * strength))
        spot = Image.new("RGBA", (width, height), tuple(colour[:3]) + (0,))
        spot.putalpha(mask)
        _composite(layer, spot, int(centre[0] - width / 2), int(centre[1] - height / 2))

    def wave(self, y, amplitude, waves=1.5, step=16):
        a, b = self.rng.uniform(0, math.tau), self.rng.uniform(0, math.tau)
        return [
            (
                x,
                y
                + amplitude
                * (
                    0.65 * math.sin(math.tau * waves * x / SIZE + a)
                    + 0.35 * math.sin(math.tau * waves * 2.7 * x / SIZE + b)
                ),
            )
            for x in range(-step, SIZE + step + 1, step)
        ]

    def hills(self, y, amplitude, colour, waves=1.5, draw=None):
        """Fill from a wavy line down to the bottom; returns the height of the line at any x."""
        points = self.wave(y, amplitude, waves)
        (draw or self.d).polygon(points + [(SIZE + 20, SIZE), (-20, SIZE)], fill=colour)
        return lambda x: _height_at(points, x)

    def window(self, box, radius=0, frame=WHITE, bars=True, draw=None):
        draw = draw or self.d
        draw.rounded_rectangle(box, radius, fill=WINDOW_GLASS, outline=frame, width=5)
        if self.night:
            ImageDraw.Draw(self.lights).rounded_rectangle(_shrink(box, 5), max(0, radius - 5), fill=WINDOW_LIT)
        if bars:
            x0, y0, x1, y1 = box
            draw.line(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1), fill=frame, width=4)
            draw.line((x0, (y0 + y1) / 2 + radius / 3, x1, (y0 + y1) / 2 + radius / 3), fill=frame, width=4)
            if self.night:  # the bars show dark against a lit window
                lit = ImageDraw.Draw(self.lights)
                lit.line(((x0 + x1) / 2, y0 + 5, (x0 + x1) / 2, y1 - 5), fill=_darker(WINDOW_LIT, 0.35), width=4)
                lit.line(
                    (x0 + 5, (y0 + y1) / 2 + radius / 3, x1 - 5, (y0 + y1) / 2 + radius / 3),
                    fill=_darker(WINDOW_LIT, 0.35),
                    width=4,
                )

    def pine(self, x, base, height, colour, snow=False, draw=None):
        draw = draw or self.d
        draw.rectangle((x - height * 0.05, base - height * 0.16, x + height * 0.05, base), fill=(104, 74, 56))
        for tier in range(3):
            top = base - height + tier * height * 0.24
            half = height * (0.2 + tier * 0.07)
            bottom = top + height * 0.42
            draw.polygon(((x, top), (x + half, bottom), (x - half, bottom)), fill=_lighter(colour, 0.06 * tier))
            if snow:
                draw.polygon(
                    (
                        (x, top),
                        (x + half * 0.42, top + height * 0.18),
                        (x + half * 0.14, top + height * 0.15),
                        (x - half * 0.1, top + height * 0.19),
                        (x - half * 0.42, top + height * 0.18),
                    ),
                    fill=WHITE,
                )

    def tree(self, x, base, height, leaf, trunk, draw=None):
        draw = draw or self.d
        width = height * 0.1
        draw.polygon(
            (
                (x - width, base),
                (x - width * 0.6, base - height * 0.6),
                (x + width * 0.6, base - height * 0.6),
                (x + width, base),
            ),
            fill=trunk,
        )
        cy, r = base - height * 0.66, height * 0.3
        for dx, dy, scale in ((-0.55, 0.2, 0.7), (0.55, 0.2, 0.7), (0, -0.25, 0.85), (0, 0.15, 0.9)):
            rr = r * scale
            draw.ellipse((x + dx * r - rr, cy + dy * r - rr, x + dx * r + rr, cy + dy * r + rr), fill=leaf)
        hr = r * 0.42
        draw.ellipse(
            (x - r * 0.45 - hr, cy - r * 0.35 - hr, x - r * 0.45 + hr, cy - r * 0.35 + hr), fill=_lighter(leaf, 0.18)
        )

    def bush(self, x, base, width, colour, draw=None):
        draw = draw or self.d
        r = width / 4
        for dx, scale in ((-1.1, 0.8), (1.1, 0.8), (0, 1.1)):
            rr = r * scale
            draw.ellipse((x + dx * r - rr, base - rr * 1.6, x + dx * r + rr, base + rr * 0.4), fill=colour)
        draw.ellipse((x - r * 0.8, base - r * 1.7, x - r * 0.1, base - r * 1.1), fill=_lighter(colour, 0.2))

    def cloud(self, draw, x, y, width, colour):
        h = width * 0.32
        for dx, dy, r in ((-0.28, 0.05, 0.5), (0.02, -0.28, 0.68), (0.3, 0.0, 0.5), (-0.05, 0.1, 0.55)):
            draw.ellipse(
                (x + dx * width - r * h, y + dy * h - r * h, x + dx * width + r * h, y + dy * h + r * h), fill=colour
            )
        draw.rounded_rectangle(
            (x - width * 0.48, y - h * 0.05, x + width * 0.48, y + h * 0.5), radius=h * 0.25, fill=colour
        )

    def leaf(self, draw, origin, angle, length, width, colour, droop=0.0, vein=True):
        """A pointed leaf along a gently drooping curve."""
        ox, oy = origin
        dx, dy = math.cos(angle), math.sin(angle)
        spine = [
            (ox + dx * length * t, oy + dy * length * t + droop * length * t * t) for t in (i / 10 for i in range(11))
        ]
        left, right = [], []
        for i, (sx, sy) in enumerate(spine):
            t = i / 10
            nx, ny = -(dy + 2 * droop * t), dx
            norm = math.hypot(nx, ny) or 1
            half = width * math.sin(math.pi * t) ** 0.8 / 2
            left.append((sx + nx / norm * half, sy + ny / norm * half))
            right.append((sx - nx / norm * half, sy - ny / norm * half))
        draw.polygon(left + right[::-1], fill=colour)
        if vein:
            draw.line(spine[:-1], fill=_darker(colour, 0.2), width=max(1, int(width / 14)))

    def palm(self, x, base, height, lean, trunk, frond, draw=None):
        draw = draw or self.d
        segments = 9
        top = (x, base)
        for i in range(segments + 1):
            t = i / segments
            cx, cy = x + lean * height * t * t, base - height * t
            r = height * (0.05 - 0.015 * t)
            draw.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), fill=trunk if i % 2 else _darker(trunk, 0.12))
            top = (cx, cy)
        for i in range(7):
            angle = math.pi + i * math.pi / 6 + self.rng.uniform(-0.12, 0.12)
            self.leaf(
                draw, top, angle, height * 0.5, height * 0.14, _mix(frond, (40, 110, 60), (i % 3) * 0.2), droop=0.55
            )
        for dx in (-0.04, 0.03):
            cr = height * 0.035
            draw.ellipse(
                (top[0] + dx * height - cr, top[1] + cr * 0.2, top[0] + dx * height + cr, top[1] + cr * 2.2),
                fill=(120, 84, 50),
            )

    def flowers(self, count, top, bottom, size=(5, 9), avoid_middle=False, draw=None):
        draw = draw or self.d
        for _ in range(count):
            x = self.rng.uniform(10, SIZE - 10)
            if avoid_middle and 300 < x < 724:
                x = self.rng.choice((self.rng.uniform(10, 300), self.rng.uniform(724, SIZE - 10)))
            y = self.rng.uniform(top, bottom)
            r = self.rng.uniform(*size) * (0.7 + 0.6 * (y - top) / max(1, bottom - top))
            colour = self.rng.choice(FLOWER_COLOURS)
            draw.line((x, y, x, y + r * 2.2), fill=(80, 150, 70), width=max(2, int(r / 3)))
            for i in range(5):
                a = i * math.tau / 5
                px, py = x + math.cos(a) * r * 0.7, y + math.sin(a) * r * 0.7
                draw.ellipse((px - r * 0.55, py - r * 0.55, px + r * 0.55, py + r * 0.55), fill=colour)
            draw.ellipse(
                (x - r * 0.4, y - r * 0.4, x + r * 0.4, y + r * 0.4),
                fill=(255, 214, 70) if colour != (255, 200, 60) else (200, 110, 40),
            )

    def tufts(self, count, top, bottom, colour, draw=None):
        draw = draw or self.d
        for _ in range(count):
            x, y = self.rng.uniform(0, SIZE), self.rng.uniform(top, bottom)
            h = 10 + 14 * (y - top) / max(1, bottom - top)
            for dx in (-0.5, 0, 0.5):
                draw.line((x, y, x + dx * h, y - h * (1.1 - abs(dx) * 0.5)), fill=colour, width=3)

    def fireflies(self, count, top, bottom):
        if self.time not in ("dusk", "night"):
            return
        for _ in range(count):
            x, y = self.rng.uniform(20, SIZE - 20), self.rng.uniform(top, bottom)
            self.glow(self.front, (x, y), 18, (255, 240, 140), 0.9)
            ImageDraw.Draw(self.front).ellipse((x - 2.5, y - 2.5, x + 2.5, y + 2.5), fill=(255, 255, 210))

    def birds(self, count, top, bottom, colour=(70, 70, 90)):
        for _ in range(count):
            x, y, w = self.rng.uniform(80, SIZE - 80), self.rng.uniform(top, bottom), self.rng.uniform(14, 24)
            self.d.arc((x - w, y - w * 0.5, x, y + w * 0.5), 200, 330, fill=colour, width=3)
            self.d.arc((x, y - w * 0.5, x + w, y + w * 0.5), 210, 340, fill=colour, width=3)

    def shells(self, count, top, bottom):
        for _ in range(count):
            x, y = (
                self.rng.choice((self.rng.uniform(30, 280), self.rng.uniform(744, 994))),
                self.rng.uniform(top, bottom),
            )
            if self.rng.random() < 0.5:
                self.d.polygon(_star_points(x, y, 16, 7), fill=(250, 140, 100))
            else:
                self.d.pieslice((x - 15, y - 13, x + 15, y + 15), 180, 360, fill=(250, 214, 200))
                for a in (200, 240, 270, 300, 340):
                    self.d.line(
                        (x, y + 1, x + 13 * math.cos(math.radians(a)), y + 1 + 13 * math.sin(math.radians(a))),
                        fill=(220, 170, 160),
                        width=2,
                    )

    def shore(self, y, sand, wet_sand):
        """A sandy beach with a line of foam where the water meets it."""
        edge = self.wave(y, 10, 2.2)
        self.d.polygon(edge + [(SIZE + 20, SIZE), (-20, SIZE)], fill=wet_sand)
        self.d.polygon([(x, yy + 14) for x, yy in edge] + [(SIZE + 20, SIZE), (-20, SIZE)], fill=sand)
        self.d.line(edge, fill=(252, 252, 255), width=7, joint="curve")

    def sea(self, top, far, deep, wave_colour):
        self.land.paste(_gradient(SIZE - top, ((0, far), (0.5, deep), (1, deep))).convert("RGBA"), (0, top))
        if self.sun and self.time != "night":  # the sun's glitter path on the water
            for i in range(18):
                y = top + 8 + i * i * 0.9
                w = 20 + i * 7
                self.d.line(
                    (self.sun[0] - w / 2 + self.rng.uniform(-20, 20), y, self.sun[0] + w / 2, y),
                    fill=_lighter(SUN[self.time], 0.5),
                    width=3,
                )
        for row in range(12):
            y = top + 14 + row * row * 2.2 + row * 6
            spacing = 50 + row * 14
            w = 10 + row * 4
            offset = self.rng.uniform(0, spacing)
            for x in range(-spacing, SIZE + spacing, spacing):
                xx = x + offset + (row % 2) * spacing / 2
                self.d.arc((xx - w, y - w * 0.4, xx + w, y + w * 0.4), 200, 340, fill=wave_colour, width=2 + row // 4)


def _height_at(points, x):
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / ((x1 - x0) or 1)
    return points[-1][1] if x > points[-1][0] else points[0][1]


def _shrink(box, by):
    x0, y0, x1, y1 = box
    return (x0 + by, y0 + by, x1 - by, y1 - by)


# --- Sky ----------------------------------------------------------------------------


def _paint_sky(p: _Painter, keep_corners_free: bool) -> None:
    p.base = _gradient(SIZE, SKY[p.time]).convert("RGBA")
    draw = ImageDraw.Draw(p.base)
    side = 1 if p.rng.random() < 0.5 else -1
    x = SIZE / 2 + side * (60 if keep_corners_free else p.rng.uniform(200, 300))

    if p.time in ("night", "dusk", "dawn"):
        count = STAR_COUNTS[p.time]
        for _ in range(count):
            sx, sy = p.rng.uniform(0, SIZE), p.rng.uniform(0, 460)
            if p.time != "night":
                sy *= 0.4  # only the darkest, highest sky shows stars before night
            r = p.rng.choice((1, 1, 1.5, 2, 2.5))
            draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=STAR)
        if p.time == "night":
            for _ in range(7):
                sx, sy = p.rng.uniform(30, SIZE - 30), p.rng.uniform(30, 420)
                draw.polygon(_star_points(sx, sy, 11, 3, 4), fill=STAR)

    if p.time == "night":
        _moon(p, (x, 180), 62)
    elif p.time == "day":
        p.sun = (x, 170)
        p.glow(p.base, p.sun, 230, SUN["day"], 0.55)
        draw.ellipse((x - 64, 106, x + 64, 234), fill=SUN["day"])
        draw.ellipse((x - 50, 120, x + 50, 220), fill=_lighter(SUN["day"], 0.4))
    else:
        p.sun = (x, 545)
        p.glow(p.base, (SIZE / 2, 560), 700, SUN[p.time], 0.55, squash=0.45)
        p.glow(p.base, p.sun, 260, SUN[p.time], 0.8)
        draw.ellipse((x - 90, 455, x + 90, 635), fill=_lighter(SUN[p.time], 0.35))

    with p.sheet(p.base) as clouds:
        for i in range(p.rng.randint(3, 5)):
            cx = (i + 0.5) * SIZE / 4.5 + p.rng.uniform(-60, 60)
            p.cloud(clouds, cx, p.rng.uniform(260, 430), p.rng.uniform(150, 250), CLOUD[p.time])


def _moon(p: _Painter, centre, radius):
    p.glow(p.base, centre, radius * 4, (200, 210, 255), 0.45)
    scale = 4  # drawn large and shrunk, for a smooth edge
    mask = Image.new("L", (radius * 2 * scale, radius * 2 * scale), 0)
    d = ImageDraw.Draw(mask)
    d.ellipse((0, 0, radius * 2 * scale, radius * 2 * scale), fill=255)
    d.ellipse((radius * 0.8 * scale, -radius * 0.35 * scale, radius * 2.6 * scale, radius * 1.6 * scale), fill=0)
    mask = mask.resize((radius * 2, radius * 2), Image.Resampling.LANCZOS)
    disc = Image.new("RGBA", mask.size, MOON + (0,))
    disc.putalpha(mask)
    _composite(p.base, disc, int(centre[0] - radius), int(centre[1] - radius))


# --- Settings -------------------------------------------------------------------------


def _countryside(p: _Painter) -> None:
    """The landscape for any setting we have no special drawing for."""
    c = PALETTES["countryside"]
    p.hills(560, 28, c["far"], 1.3)
    mid = p.hills(650, 24, c["mid"], 1.8)
    for x in (p.rng.uniform(60, 260), p.rng.uniform(330, 450), p.rng.uniform(700, 960)):
        p.tree(x, mid(x) + 10, p.rng.uniform(120, 170), c["tree"], c["trunk"])
    p.hills(760, 16, c["near"], 1.0)
    _winding_path(p, c["path"])
    for x in (p.rng.uniform(30, 200), p.rng.uniform(820, 990)):
        p.bush(x, p.rng.uniform(800, 860), 120, c["bush"])
    p.flowers(14, 780, 900, avoid_middle=True)
    p.birds(3, 200, 380)


def _winding_path(p: _Painter, colour):
    phase = p.rng.uniform(0, math.tau)
    left, right = [], []
    for i in range(15):
        t = i / 14
        y = SIZE - t * (SIZE - 660)
        half = 170 * (1 - t) ** 1.3 + 6
        cx = SIZE / 2 + 110 * math.sin(t * 4 + phase) * (1 - t * 0.6)
        left.append((cx - half, y))
        right.append((cx + half, y))
    p.d.polygon(left + right[::-1], fill=colour)


def _meadow(p: _Painter) -> None:
    c = PALETTES["meadow"]
    p.hills(570, 30, c["far"], 1.2)
    mid = p.hills(660, 26, c["mid"], 1.6)
    x = p.rng.choice((p.rng.uniform(120, 260), p.rng.uniform(760, 900)))
    p.tree(x, mid(x) + 8, 300, c["tree"], c["trunk"])
    p.hills(770, 14, c["near"], 1.0)
    p.tufts(40, 700, 1000, c["tuft"])
    p.flowers(28, 690, 780, size=(3, 5))
    p.flowers(30, 790, 1000, avoid_middle=True)
    if p.time in ("day", "dawn"):
        for _ in range(3):
            _butterfly(
                ImageDraw.Draw(p.front), p.rng.uniform(100, 920), p.rng.uniform(480, 640), p.rng.choice(FLOWER_COLOURS)
            )
    p.fireflies(16, 560, 860)


def _butterfly(draw, x, y, colour):
    for side in (-1, 1):
        draw.ellipse(
            (min(x, x + side * 24), y - 20, max(x, x + side * 24), y + 2), fill=colour, outline=OUTLINE, width=2
        )
        draw.ellipse(
            (min(x, x + side * 17), y - 2, max(x, x + side * 17), y + 16),
            fill=_lighter(colour, 0.35),
            outline=OUTLINE,
            width=2,
        )
    draw.rounded_rectangle((x - 3, y - 16, x + 3, y + 14), radius=3, fill=OUTLINE)


def _forest(p: _Painter) -> None:
    c = PALETTES["forest"]
    p.hills(540, 30, c["far"], 1.5)
    for i in range(17):
        x = i * 64 + p.rng.uniform(-20, 20)
        p.pine(x, 640 + p.rng.uniform(-16, 10), p.rng.uniform(150, 220), c["far_pine"])
    mid = p.hills(660, 18, c["mid"], 2.0)
    for i in range(7):
        x = 40 + i * 155 + p.rng.uniform(-30, 30)
        if p.rng.random() < 0.5:
            p.pine(x, mid(x) + 30, p.rng.uniform(260, 330), c["pine"])
        else:
            p.tree(
                x, mid(x) + 30, p.rng.uniform(240, 300), _mix(c["tree"], c["pine"], p.rng.uniform(0, 0.4)), c["trunk"]
            )
    p.hills(775, 14, c["near"], 1.2)
    # Big trees at both edges frame the scene like a book's border.
    for x in (-70, SIZE + 70):
        p.tree(x, SIZE, 920, _darker(c["tree"], 0.1), c["trunk"])
    for _ in range(5):
        mx = p.rng.choice((p.rng.uniform(60, 280), p.rng.uniform(744, 960)))
        my = p.rng.uniform(800, 880)
        s = p.rng.uniform(14, 24)
        p.d.rectangle((mx - s * 0.3, my - s * 0.8, mx + s * 0.3, my), fill=(250, 240, 220))
        p.d.pieslice((mx - s, my - s * 1.8, mx + s, my - s * 0.2), 180, 360, fill=(226, 70, 60))
        for ddx in (-0.5, 0.3):
            p.d.ellipse((mx + ddx * s - 3, my - s * 1.35 - 3, mx + ddx * s + 3, my - s * 1.35 + 3), fill=WHITE)
    p.tufts(40, 760, 1000, c["tuft"])
    p.flowers(8, 800, 960, avoid_middle=True)
    p.fireflies(22, 480, 860)


def _castle(p: _Painter) -> None:
    c = PALETTES["castle"]
    d = p.d
    p.hills(590, 26, c["far"], 1.3)
    cx, base = SIZE / 2 + p.rng.uniform(-70, 70), 660
    flag = p.rng.choice(FLOWER_COLOURS[:2] + FLOWER_COLOURS[3:])

    def battlements(x0, x1, top):
        for bx in range(int(x0), int(x1) - 10, 30):
            d.rectangle((bx, top - 18, bx + 16, top), fill=c["stone"])

    def tower(x, top, half, roof):
        d.rectangle((x - half, top, x + half, base), fill=c["stone"])
        d.rectangle((x + half * 0.45, top, x + half, base), fill=c["stone_shade"])
        d.polygon(((x - half - 14, top + 4), (x + half + 14, top + 4), (x, top - half * 2.6)), fill=roof)
        d.line((x, top - half * 2.6, x, top - half * 2.6 - 46), fill=OUTLINE, width=4)
        d.polygon(
            ((x + 2, top - half * 2.6 - 46), (x + 42, top - half * 2.6 - 36), (x + 2, top - half * 2.6 - 24)), fill=flag
        )
        p.window((x - 12, top + 40, x + 12, top + 86), radius=12, bars=False)

    d.rectangle((cx - 190, 470, cx + 190, base), fill=c["stone"])
    d.rectangle((cx + 60, 470, cx + 190, base), fill=c["stone_shade"])
    battlements(cx - 190, cx + 190, 470)
    tower(cx, 330, 58, c["roof"])
    battlements(cx - 58, cx + 58, 330)
    tower(cx - 225, 410, 48, c["roof2"])
    tower(cx + 225, 410, 48, c["roof2"])
    d.rectangle((cx - 48, 570, cx + 48, base), fill=c["gate"])
    d.pieslice((cx - 48, 522, cx + 48, 618), 180, 360, fill=c["gate"])
    for gx in range(int(cx - 36), int(cx + 40), 18):
        d.line((gx, 540, gx, base), fill=_darker(c["gate"], 0.3), width=3)
    for wx in (cx - 130, cx + 110):
        p.window((wx, 510, wx + 30, 560), radius=15, bars=False)
    p.hills(700, 14, c["mid"], 1.6)
    for x in (p.rng.uniform(40, 170), p.rng.uniform(860, 990)):
        p.tree(x, 740, p.rng.uniform(200, 250), c["tree"], c["trunk"])
    p.hills(790, 12, c["near"], 1.0)
    d.polygon(((cx - 40, 690), (cx + 40, 690), (cx + 260, SIZE), (cx - 260, SIZE)), fill=c["path"])
    p.flowers(16, 800, 960, avoid_middle=True)
    p.birds(2, 180, 320)
    p.fireflies(10, 600, 860)


def _space_backdrop(p: _Painter) -> None:
    c = PALETTES["space"]
    p.base = _gradient(SIZE, ((0, c["top"]), (0.5, c["mid"]), (1, c["bottom"]))).convert("RGBA")
    for colour, radius, strength in (
        ((170, 80, 210), 420, 0.45),
        ((60, 170, 210), 320, 0.35),
        ((240, 100, 170), 260, 0.3),
    ):
        p.glow(p.base, (p.rng.uniform(150, 870), p.rng.uniform(120, 500)), radius, colour, strength, squash=0.7)
    draw = ImageDraw.Draw(p.base)
    for _ in range(180):
        sx, sy, r = p.rng.uniform(0, SIZE), p.rng.uniform(0, 700), p.rng.choice((1, 1, 1.5, 2, 2.5))
        draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=STAR)
    for _ in range(10):
        draw.polygon(_star_points(p.rng.uniform(20, SIZE - 20), p.rng.uniform(20, 620), 12, 3, 4), fill=STAR)

    side = p.rng.choice((-1, 1))
    px, py, r = SIZE / 2 + side * 230, 250, 118
    draw.ellipse((px - r * 1.95, py - r * 0.42, px + r * 1.95, py + r * 0.42), outline=c["ring"], width=14)
    planet = Image.new("RGBA", (r * 2, r * 2), c["planet"] + (255,))
    bands = ImageDraw.Draw(planet)
    for i, y in enumerate(range(14, r * 2, 34)):
        bands.rectangle(
            (0, y, r * 2, y + 14), fill=_lighter(c["planet"], 0.25) if i % 2 else _darker(c["planet"], 0.12)
        )
    bands.ellipse((r * 0.35, r * 0.3, r * 0.9, r * 0.7), fill=_lighter(c["planet"], 0.4))
    mask = Image.new("L", planet.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, r * 2 - 1, r * 2 - 1), fill=255)
    planet.putalpha(mask)
    _composite(p.base, planet, int(px - r), int(py - r))
    draw.arc((px - r * 1.95, py - r * 0.42, px + r * 1.95, py + r * 0.42), 0, 180, fill=c["ring"], width=14)
    mx, my, mr = SIZE / 2 - side * 300, 150, 44
    draw.ellipse((mx - mr, my - mr, mx + mr, my + mr), fill=c["moonlet"])
    for dx, dy, cr in ((-14, -10, 10), (16, 8, 7), (-4, 20, 6)):
        draw.ellipse((mx + dx - cr, my + dy - cr, mx + dx + cr, my + dy + cr), fill=_darker(c["moonlet"], 0.15))
    # A shooting star.
    sx, sy = p.rng.uniform(300, 700), p.rng.uniform(420, 560)
    draw.line((sx, sy, sx - 160, sy - 60), fill=(200, 210, 255), width=3)
    draw.polygon(_star_points(sx, sy, 12, 4, 4), fill=STAR)


def _space(p: _Painter) -> None:
    c = PALETTES["space"]
    p.hills(690, 30, c["ridge"], 2.0)
    p.hills(770, 18, c["ground"], 1.2)
    for _ in range(8):
        x, y = p.rng.uniform(20, SIZE - 20), p.rng.uniform(790, 990)
        w = p.rng.uniform(30, 70) * (0.6 + (y - 790) / 300)
        p.d.ellipse((x - w, y - w * 0.3, x + w, y + w * 0.3), fill=_lighter(c["ground"], 0.3))
        p.d.ellipse((x - w * 0.85, y - w * 0.3, x + w * 0.85, y + w * 0.2), fill=c["crater"])
    # A parked rocket at one side.
    x, base = p.rng.choice((130, SIZE - 130)), 840
    red, body = (226, 72, 72), (244, 244, 250)
    p.d.polygon(((x - 40, base - 110), (x - 80, base), (x - 40, base - 30)), fill=red)
    p.d.polygon(((x + 40, base - 110), (x + 80, base), (x + 40, base - 30)), fill=red)
    p.d.rounded_rectangle((x - 42, base - 300, x + 42, base - 20), radius=40, fill=body)
    p.d.polygon(((x - 41, base - 250), (x, base - 360), (x + 41, base - 250)), fill=red)
    p.d.rectangle((x - 42, base - 30, x + 42, base - 14), fill=(170, 170, 190))
    p.d.ellipse((x - 24, base - 226, x + 24, base - 178), fill=(100, 180, 240), outline=(170, 170, 190), width=6)
    p.glow(p.lights, (x, base - 202), 40, (150, 220, 255), 0.6)


def _ocean(p: _Painter) -> None:
    c = PALETTES["ocean"]
    p.d.polygon(((p.rng.uniform(60, 300), 572), (p.rng.uniform(120, 200) + 200, 538), (500, 572)), fill=c["isle"])
    p.sea(570, c["far_sea"], c["deep_sea"], c["wave"])
    # A sailing ship in the middle distance.
    x, y = p.rng.uniform(560, 820), 660
    p.d.polygon(((x - 110, y), (x + 110, y), (x + 80, y + 44), (x - 80, y + 44)), fill=c["hull"])
    p.d.line((x - 110, y + 10, x + 110, y + 10), fill=_lighter(c["hull"], 0.3), width=5)
    p.d.line((x, y, x, y - 220), fill=OUTLINE, width=6)
    p.d.polygon(((x + 6, y - 210), (x + 6, y - 24), (x + 100, y - 24)), fill=c["sail"])
    p.d.polygon(((x - 6, y - 190), (x - 6, y - 30), (x - 90, y - 30)), fill=_darker(c["sail"], 0.05))
    p.d.polygon(((x, y - 220), (x + 40, y - 210), (x, y - 200)), fill=(230, 80, 80))
    p.birds(4, 220, 420)
    p.shore(800, c["sand"], c["wet_sand"])
    p.shells(5, 850, 990)


def _island(p: _Painter) -> None:
    c = PALETTES["island"]
    p.sea(590, c["far_sea"], c["deep_sea"], c["wave"])
    cx = SIZE / 2 + p.rng.uniform(-140, 140)
    p.d.ellipse((cx - 250, 600, cx + 250, 720), fill=c["wet_sand"])
    p.d.ellipse((cx - 230, 590, cx + 230, 700), fill=c["sand"])
    p.d.ellipse((cx - 150, 585, cx + 150, 650), fill=c["grass"])
    for dx, h, lean in ((-90, 250, -0.25), (20, 300, 0.2), (110, 210, 0.35)):
        p.palm(cx + dx, 635, h, lean, c["trunk"], c["frond"])
    p.birds(3, 200, 380)
    p.shore(810, c["sand"], c["wet_sand"])
    p.shells(6, 860, 1000)
    # A little sandcastle at one side.
    sx, base = p.rng.choice((80, SIZE - 80)), 880
    sand = _darker(c["sand"], 0.1)
    p.d.rectangle((sx - 50, base - 55, sx + 50, base), fill=sand)
    p.d.rectangle((sx - 20, base - 100, sx + 20, base - 55), fill=sand)
    for left, top in ((sx - 50, base - 67), (sx + 38, base - 67), (sx - 20, base - 112), (sx + 8, base - 112)):
        p.d.rectangle((left, top, left + 12, top + 12), fill=sand)
    p.d.line((sx, base - 112, sx, base - 150), fill=OUTLINE, width=3)
    p.d.polygon(((sx, base - 150), (sx + 26, base - 142), (sx, base - 134)), fill=(230, 80, 80))


def _mountains(p: _Painter) -> None:
    c = PALETTES["mountains"]
    for colour, base, heights, count in ((c["far"], 640, (300, 430), 4), (c["mid"], 680, (180, 300), 5)):
        xs = sorted(p.rng.uniform(-80, SIZE + 80) for _ in range(count))
        for x in xs:
            peak = base - p.rng.uniform(*heights)
            half = (base - peak) * p.rng.uniform(0.95, 1.3)
            p.d.polygon(((x - half, base), (x, peak), (x + half, base)), fill=colour)
            p.d.polygon(((x, peak), (x + half, base), (x + half * 0.15, base)), fill=_darker(colour, 0.1))
            cap = 0.3
            p.d.polygon(
                (
                    (x, peak),
                    (x + half * cap, peak + (base - peak) * cap),
                    (x + half * cap * 0.4, peak + (base - peak) * cap * 0.75),
                    (x, peak + (base - peak) * cap * 0.95),
                    (x - half * cap * 0.45, peak + (base - peak) * cap * 0.7),
                    (x - half * cap, peak + (base - peak) * cap),
                ),
                fill=c["snow"],
            )
    hill = p.hills(700, 22, c["hill"], 1.6)
    for _ in range(14):
        x = p.rng.uniform(0, SIZE)
        p.pine(x, hill(x) + p.rng.uniform(16, 50), p.rng.uniform(70, 120), c["pine"])
    p.hills(790, 14, c["near"], 1.0)
    for _ in range(4):
        x, y, w = (
            p.rng.choice((p.rng.uniform(20, 260), p.rng.uniform(764, 1000))),
            p.rng.uniform(820, 900),
            p.rng.uniform(30, 60),
        )
        p.d.chord((x - w, y - w * 0.9, x + w, y + w * 0.5), 180, 360, fill=c["rock"])
        p.d.chord((x - w * 0.8, y - w * 0.8, x + w * 0.2, y + w * 0.3), 180, 260, fill=_lighter(c["rock"], 0.25))
    p.flowers(14, 810, 960, avoid_middle=True)
    p.birds(3, 160, 300)


def _desert(p: _Painter) -> None:
    c = PALETTES["desert"]
    for x, half in ((p.rng.uniform(140, 320), 130), (p.rng.uniform(600, 880), 95)):
        p.d.polygon(((x - half, 620), (x, 620 - half * 1.1), (x + half, 620)), fill=c["pyramid"])
        p.d.polygon(((x, 620 - half * 1.1), (x + half, 620), (x + half * 0.2, 620)), fill=c["pyramid_shade"])
    for y, amp, colour in ((610, 22, c["far"]), (690, 32, c["mid"]), (790, 18, c["near"])):
        points = p.wave(y, amp, 1.1)
        p.d.polygon(points + [(SIZE + 20, SIZE), (-20, SIZE)], fill=colour)
        p.d.line(points, fill=c["ridge"], width=4)
    for x, h in ((p.rng.uniform(40, 200), 260), (p.rng.uniform(760, 980), 200), (p.rng.uniform(420, 600), 90)):
        _cactus(p, x, 820 if h > 100 else 720, h, c["cactus"])
    for _ in range(4):
        x, y, w = (
            p.rng.choice((p.rng.uniform(20, 280), p.rng.uniform(744, 1000))),
            p.rng.uniform(850, 960),
            p.rng.uniform(20, 40),
        )
        p.d.chord((x - w, y - w, x + w, y + w * 0.4), 180, 360, fill=c["rock"])
    p.birds(2, 200, 320)


def _cactus(p: _Painter, x, base, height, colour):
    w = height * 0.16
    p.d.rounded_rectangle((x - w / 2, base - height, x + w / 2, base), radius=w / 2, fill=colour)
    for side, up in ((-1, 0.55), (1, 0.4)):
        ax = x + side * w * 1.2
        y = base - height * up
        p.d.rounded_rectangle(
            (min(x, ax) - w * 0.35, y - w * 0.35, max(x, ax) + w * 0.35, y + w * 0.35), radius=w * 0.35, fill=colour
        )
        p.d.rounded_rectangle(
            (ax - w * 0.35, y - height * 0.3, ax + w * 0.35, y + w * 0.3), radius=w * 0.35, fill=colour
        )
    p.d.line(
        (x - w * 0.15, base - height + w * 0.6, x - w * 0.15, base - 6),
        fill=_lighter(colour, 0.2),
        width=max(2, int(w / 6)),
    )


def _jungle(p: _Painter) -> None:
    c = PALETTES["jungle"]
    p.hills(520, 40, c["far"], 2.0)
    for i in range(26):
        x, y, r = i * 42 + p.rng.uniform(-10, 10), 600 + p.rng.uniform(-50, 20), p.rng.uniform(50, 80)
        p.d.ellipse((x - r, y - r, x + r, y + r), fill=c["canopy"] if i % 2 else c["canopy2"])
    for x in (p.rng.uniform(150, 350), p.rng.uniform(650, 880)):
        p.palm(x, 720, p.rng.uniform(280, 340), p.rng.uniform(-0.3, 0.3), c["trunk"], c["leaf2"])
    p.hills(740, 18, c["ground"], 1.4)
    # Vines and leaves hanging from the top frame the picture.
    for i in range(7):
        x0 = i * 160 + p.rng.uniform(-30, 50)
        length = p.rng.uniform(160, 360)
        phase = p.rng.uniform(0, math.tau)
        vine = [(x0 + 18 * math.sin(phase + t / 40), t) for t in range(0, int(length), 12)]
        p.d.line(vine, fill=c["vine"], width=6)
        for j, (vx, vy) in enumerate(vine[2::3]):
            p.leaf(p.d, (vx, vy), math.pi / 4 if j % 2 else 3 * math.pi / 4, 30, 16, c["leaf2"], vein=False)
    for i in range(16):
        x = i * 70 + p.rng.uniform(-20, 20)
        p.d.ellipse((x - 60, -70, x + 60, 50 + p.rng.uniform(0, 30)), fill=c["canopy2"] if i % 2 else c["leaf"])
    for corner in (-1, 1):
        ox = 0 if corner < 0 else SIZE
        for k in range(6):
            angle = -math.pi / 2 - corner * (0.25 + k * 0.2)
            p.leaf(p.d, (ox, 1000), angle, p.rng.uniform(220, 300), 90, c["leaf"] if k % 2 else c["leaf2"], droop=0.25)
    for _ in range(6):
        fx, fy = p.rng.choice((p.rng.uniform(20, 230), p.rng.uniform(794, 1004))), p.rng.uniform(760, 900)
        colour = p.rng.choice(((246, 90, 120), (255, 140, 60), (250, 200, 70)))
        for k in range(5):
            a = k * math.tau / 5
            p.d.ellipse(
                (
                    fx + math.cos(a) * 12 - 11,
                    fy + math.sin(a) * 12 - 11,
                    fx + math.cos(a) * 12 + 11,
                    fy + math.sin(a) * 12 + 11,
                ),
                fill=colour,
            )
        p.d.ellipse((fx - 6, fy - 6, fx + 6, fy + 6), fill=(255, 230, 120))
    p.fireflies(18, 400, 860)


def _snow(p: _Painter) -> None:
    c = PALETTES["snow"]
    for _ in range(4):
        x, base = p.rng.uniform(-50, SIZE + 50), 620
        peak, half = base - p.rng.uniform(200, 320), p.rng.uniform(220, 320)
        p.d.polygon(((x - half, base), (x, peak), (x + half, base)), fill=c["far"])
        p.d.polygon(((x, peak), (x + half, base), (x + half * 0.1, base)), fill=c["far_shade"])
    hill = p.hills(660, 30, c["hill"], 1.4)
    for _ in range(10):
        x = p.rng.uniform(0, SIZE)
        p.pine(x, hill(x) + p.rng.uniform(20, 60), p.rng.uniform(110, 200), c["pine"], snow=True)
    near = p.wave(780, 14, 1.0)
    p.d.polygon(near + [(SIZE + 20, SIZE), (-20, SIZE)], fill=c["near"])
    p.d.line([(x, y + 6) for x, y in near], fill=c["shadow"], width=10)
    # A snowman keeps watch at one side.
    x, base = p.rng.choice((120, SIZE - 120)), 880
    for r, y in ((70, base - 70), (52, base - 180), (38, base - 262)):
        p.d.ellipse((x - r, y - r, x + r, y + r), fill=WHITE, outline=c["shadow"], width=4)
    hy = base - 262
    for dx in (-13, 13):
        p.d.ellipse((x + dx - 5, hy - 12, x + dx + 5, hy - 2), fill=(40, 40, 50))
    p.d.polygon(((x, hy + 2), (x + 40, hy + 10), (x, hy + 14)), fill=c["carrot"])
    p.d.rounded_rectangle((x - 42, hy + 26, x + 42, hy + 42), radius=8, fill=c["scarf"])
    p.d.rectangle((x + 14, hy + 34, x + 32, hy + 80), fill=c["scarf"])
    p.d.rectangle((x - 40, hy - 40, x + 40, hy - 30), fill=(50, 50, 60))
    p.d.rectangle((x - 26, hy - 90, x + 26, hy - 36), fill=(50, 50, 60))
    for side in (-1, 1):
        p.d.line((x + side * 48, base - 190, x + side * 110, base - 240), fill=(120, 84, 56), width=6)
    for y in (base - 200, base - 175, base - 150):
        p.d.ellipse((x - 5, y - 5, x + 5, y + 5), fill=(40, 40, 50))
    draw = ImageDraw.Draw(p.front)
    for _ in range(90):
        fx, fy, r = p.rng.uniform(0, SIZE), p.rng.uniform(0, FEET_Y), p.rng.choice((2, 3, 3, 4, 5))
        draw.ellipse((fx - r, fy - r, fx + r, fy + r), fill=(255, 255, 255, 220))


def _city(p: _Painter) -> None:
    c = PALETTES["city"]
    x = -20
    while x < SIZE:
        w, h = p.rng.uniform(60, 120), p.rng.uniform(170, 340)
        p.d.rectangle((x, 660 - h, x + w, 660), fill=c["skyline"])
        for wy in range(int(660 - h + 16), 640, 26):
            for wx in range(int(x + 10), int(x + w - 14), 20):
                if p.rng.random() < 0.6:
                    p.d.rectangle((wx, wy, wx + 8, wy + 12), fill=c["skyline_window"])
                    if p.night and p.rng.random() < 0.5:
                        ImageDraw.Draw(p.lights).rectangle((wx, wy, wx + 8, wy + 12), fill=_darker(WINDOW_LIT, 0.15))
        x += w + p.rng.uniform(-4, 10)
    x = -30
    facades = list(c["facades"])
    p.rng.shuffle(facades)
    i = 0
    while x < SIZE:
        w, h = p.rng.uniform(130, 190), p.rng.uniform(240, 420)
        colour = facades[i % len(facades)]
        top = 760 - h
        p.d.rectangle((x, top, x + w, 760), fill=colour)
        p.d.rectangle((x - 6, top - 14, x + w + 6, top), fill=_darker(colour, 0.15))
        if i % 3 == 1:
            p.d.line((x + w * 0.7, top - 14, x + w * 0.7, top - 70), fill=c["lamp"], width=4)
            p.d.ellipse((x + w * 0.7 - 6, top - 78, x + w * 0.7 + 6, top - 66), fill=(230, 80, 80))
        cols = max(2, int((w - 20) // 50))
        gap = (w - cols * 34) / (cols + 1)
        for wy in range(int(top + 30), 700, 70):
            for k in range(cols):
                wx = x + gap + k * (34 + gap)
                p.window((wx, wy, wx + 34, wy + 44), bars=False, frame=_lighter(colour, 0.5))
        p.d.rectangle((x + w / 2 - 24, 690, x + w / 2 + 24, 760), fill=_darker(colour, 0.35))
        x += w + 4
        i += 1
    p.d.rectangle((0, 760, SIZE, SIZE), fill=c["pavement"])
    p.d.rectangle((0, 760, SIZE, 772), fill=c["kerb"])
    for y in (820, 900, 990):
        p.d.line((0, y, SIZE, y), fill=c["joint"], width=3)
    for jx in range(0, SIZE, 120):
        p.d.line((jx, 772, jx - 40, SIZE), fill=c["joint"], width=3)
    for lx in (110, SIZE - 110):
        p.d.rectangle((lx - 7, 500, lx + 7, 860), fill=c["lamp"])
        p.d.rounded_rectangle((lx - 28, 470, lx + 28, 506), radius=10, fill=c["lamp"])
        p.d.rectangle((lx - 20, 480, lx + 20, 500), fill=(250, 240, 200))
        p.d.rectangle((lx - 16, 852, lx + 16, 866), fill=c["lamp"])
        if p.night:
            p.glow(p.lights, (lx, 500), 130, WINDOW_LIT, 0.8)
            ImageDraw.Draw(p.lights).rectangle((lx - 20, 480, lx + 20, 500), fill=(255, 236, 170))


def _village(p: _Painter) -> None:
    c = PALETTES["village"]
    p.hills(560, 30, c["far"], 1.2)
    mid = p.hills(640, 18, c["mid"], 1.3)
    for x in (p.rng.uniform(20, 80), p.rng.uniform(480, 560), p.rng.uniform(960, 1020)):
        p.tree(x, mid(x) + 40, p.rng.uniform(180, 230), c["tree"], c["trunk"])
    xs = (150, 390, 640, 880)
    for i, x in enumerate(xs):
        x += p.rng.uniform(-30, 30)
        w, h = p.rng.uniform(150, 190), p.rng.uniform(110, 140)
        base = mid(x) + 60
        wall, roof = c["walls"][i % 4], c["roofs"][(i + p.rng.randint(0, 3)) % 4]
        chimney_x = x + w * 0.25
        p.d.rectangle((chimney_x - 12, base - h - 90, chimney_x + 12, base - h), fill=_darker(roof, 0.2))
        for k in range(4):  # smoke puffs drifting up
            sr = 12 + k * 6
            sx, sy = chimney_x + k * 14 + 6, base - h - 110 - k * 36
            p.d.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=c["smoke"])
        p.d.rectangle((x - w / 2, base - h, x + w / 2, base), fill=wall)
        p.d.polygon(
            ((x - w / 2 - 20, base - h + 4), (x, base - h - w * 0.45), (x + w / 2 + 20, base - h + 4)), fill=roof
        )
        p.d.rounded_rectangle((x - 20, base - 70, x + 20, base), radius=14, fill=c["door"])
        for side in (-1, 1):
            wx = x + side * w * 0.3
            p.window((wx - 20, base - h + 24, wx + 20, base - h + 64), radius=4)
    fence_y = max(mid(x) for x in (0, SIZE / 2, SIZE)) + 90
    p.hills(fence_y + 10, 8, c["near"], 1.0)
    for fx in range(10, SIZE, 46):
        p.d.rounded_rectangle((fx - 6, fence_y - 44, fx + 6, fence_y + 10), radius=4, fill=c["fence"])
    for fy in (fence_y - 30, fence_y - 8):
        p.d.rectangle((0, fy, SIZE, fy + 8), fill=c["fence"])
    _winding_path(p, c["path"])
    p.flowers(16, fence_y + 30, 960, avoid_middle=True)
    p.birds(3, 180, 320)


def _cave(p: _Painter) -> None:
    c = PALETTES["cave"]
    p.hills(560, 24, c["far"], 1.5)
    rock = Image.new("RGBA", (SIZE, SIZE), c["rock"] + (255,))
    d = ImageDraw.Draw(rock)
    hole = (SIZE / 2 - 210, 250, SIZE / 2 + 210, 800)
    for grow, colour in ((110, c["rock2"]), (50, c["rim"])):
        d.ellipse((hole[0] - grow, hole[1] - grow, hole[2] + grow, hole[3] + grow * 0.3), fill=colour)
    d.ellipse(hole, fill=(0, 0, 0, 0))
    for i in range(14):
        x, h = i * 76 + p.rng.uniform(-10, 20), p.rng.uniform(60, 190)
        d.polygon(((x - 26, 0), (x + 26, 0), (x + 3, h)), fill=c["rock2"] if i % 2 else _darker(c["rock"], 0.15))
    p.land.alpha_composite(rock)
    p.d.polygon(p.wave(730, 16, 1.4) + [(SIZE + 20, SIZE), (-20, SIZE)], fill=c["floor"])
    p.glow(p.land, (SIZE / 2, 760), 420, _lighter(SKY[p.time][-1][1], 0.2), 0.5, squash=0.3)
    for x, h in ((p.rng.uniform(30, 120), 150), (p.rng.uniform(900, 990), 120), (p.rng.uniform(260, 330), 70)):
        p.d.polygon(((x - 34, 800), (x + 34, 800), (x + 4, 800 - h)), fill=c["rock2"])
    # Glowing crystals light the cave whatever the hour.
    for cx, base in ((p.rng.uniform(70, 190), 870), (p.rng.uniform(840, 960), 860), (p.rng.uniform(200, 260), 520)):
        colour = p.rng.choice(c["crystals"])
        p.glow(p.lights, (cx, base - 60), 150, colour, 0.6)
        lit = ImageDraw.Draw(p.lights)
        for dx, h, lean in ((-26, 90, -0.3), (0, 130, 0), (26, 80, 0.35), (48, 50, 0.5)):
            x = cx + dx
            tip = (x + lean * h, base - h)
            lit.polygon(
                (
                    (x - 12, base),
                    (x - 12 + lean * h * 0.8, base - h * 0.8),
                    tip,
                    (x + 12 + lean * h * 0.8, base - h * 0.8),
                    (x + 12, base),
                ),
                fill=colour,
            )
            lit.polygon(
                ((x, base), tip, (x + 12 + lean * h * 0.8, base - h * 0.8), (x + 12, base)), fill=_lighter(colour, 0.45)
            )
    for _ in range(10):
        x, y = p.rng.uniform(0, SIZE), p.rng.uniform(830, 1000)
        p.d.ellipse((x - 14, y - 6, x + 14, y + 6), fill=_lighter(c["floor"], 0.15))


def _school(p: _Painter) -> None:
    c = PALETTES["school"]
    p.hills(600, 24, c["far"], 1.2)
    x0, x1, top, base = 200, 824, 450, 720
    d = p.d
    d.rectangle((x0, top, x1, base), fill=c["brick"])
    for row, y in enumerate(range(top + 12, base, 22)):
        d.line((x0, y, x1, y), fill=c["mortar"], width=2)
        for bx in range(x0 + (row % 2) * 24, x1, 48):
            d.line((bx, y, bx, y - 22), fill=c["mortar"], width=2)
    d.rectangle((x0 - 12, top - 16, x1 + 12, top), fill=c["trim"])
    cx = (x0 + x1) / 2
    d.rectangle((cx - 40, top - 170, cx + 40, top - 16), fill=c["brick"])
    d.polygon(((cx - 60, top - 168), (cx, top - 240), (cx + 60, top - 168)), fill=c["roof"])
    d.pieslice((cx - 22, top - 150, cx + 22, top - 90), 180, 360, fill=(250, 210, 80))
    d.polygon(((cx - 130, top - 14), (cx, top - 110), (cx + 130, top - 14)), fill=c["trim"])
    d.ellipse((cx - 34, top - 86, cx + 34, top - 18), fill=WHITE, outline=OUTLINE, width=4)
    d.line((cx, top - 52, cx, top - 76), fill=OUTLINE, width=4)
    d.line((cx, top - 52, cx + 18, top - 52), fill=OUTLINE, width=4)
    for side in (-1, 1):
        for col in range(3):
            wx = cx + side * (110 + col * 95) - 30
            for wy in (top + 36, top + 146):
                p.window((wx, wy, wx + 60, wy + 76), frame=c["trim"])
    d.rectangle((cx - 56, base - 130, cx + 56, base), fill=c["trim"])
    d.rectangle((cx - 46, base - 120, cx + 46, base), fill=(70, 110, 170))
    d.line((cx, base - 120, cx, base), fill=c["trim"], width=4)
    fx = p.rng.choice((110, SIZE - 110))
    d.line((fx, base + 20, fx, top - 60), fill=(200, 200, 210), width=8)
    d.polygon(
        ((fx + 4, top - 56), (fx + 110, top - 30), (fx + 4, top - 4)),
        fill=p.rng.choice(FLOWER_COLOURS[:2] + FLOWER_COLOURS[3:]),
    )
    p.hills(740, 10, c["grass"], 1.0)
    d.polygon(((cx - 60, 730), (cx + 60, 730), (cx + 250, SIZE), (cx - 250, SIZE)), fill=c["yard"])
    for i, y in enumerate((760, 800, 850)):  # hopscotch squares chalked on the path
        s = 34 + i * 8
        d.rectangle((cx - s / 2, y, cx + s / 2, y + s), outline=c["chalk"], width=3)
    tx = SIZE - fx
    p.tree(tx, 800, 280, c["tree"], c["trunk"])
    p.tufts(26, 760, 1000, _darker(c["grass"], 0.15))
    p.flowers(10, 800, 960, avoid_middle=True)


def _farm(p: _Painter) -> None:
    c = PALETTES["farm"]
    far = p.wave(580, 24, 1.2)
    p.d.polygon(far + [(SIZE + 20, SIZE), (-20, SIZE)], fill=c["far"])
    field = p.wave(640, 14, 1.0)
    p.d.polygon(field + [(SIZE + 20, SIZE), (-20, SIZE)], fill=c["field"])
    for k in range(1, 6):
        p.d.line([(x, y + k * 14) for x, y in field], fill=c["row"], width=3)
    side = p.rng.choice((-1, 1))
    bx, base, w, h = SIZE / 2 + side * 250, 760, 250, 170
    roof = (
        (bx - w / 2 - 14, base - h),
        (bx - w / 2 + 20, base - h - 70),
        (bx, base - h - 110),
        (bx + w / 2 - 20, base - h - 70),
        (bx + w / 2 + 14, base - h),
    )
    sx = bx - side * (w / 2 + 60)
    p.d.rectangle((sx - 45, base - 300, sx + 45, base), fill=c["silo"])
    for y in range(base - 280, base, 40):
        p.d.line((sx - 45, y, sx + 45, y), fill=_darker(c["silo"], 0.1), width=3)
    p.d.chord((sx - 45, base - 345, sx + 45, base - 255), 180, 360, fill=_darker(c["barn"], 0.1))
    p.d.polygon(roof, fill=c["barn_roof"])
    p.d.rectangle((bx - w / 2, base - h, bx + w / 2, base), fill=c["barn"])
    p.d.line(roof, fill=c["trim"], width=6)
    door = (bx - 60, base - 120, bx + 60, base)
    p.d.rectangle(door, fill=_darker(c["barn"], 0.15), outline=c["trim"], width=6)
    p.d.line((door[0], door[1], door[2], door[3]), fill=c["trim"], width=6)
    p.d.line((door[0], door[3], door[2], door[1]), fill=c["trim"], width=6)
    p.window((bx - 26, base - h - 60, bx + 26, base - h - 10), frame=c["trim"])
    p.hills(790, 12, c["grass"], 1.0)
    for fx in range(0, SIZE, 60):
        p.d.rectangle((fx, 760, fx + 12, 830), fill=c["fence"])
    for fy in (774, 804):
        p.d.rectangle((0, fy, SIZE, fy + 10), fill=c["fence"])
    hx = SIZE / 2 - side * 120
    for dx in (0, 90):
        p.d.ellipse((hx + dx - 40, 650, hx + dx + 40, 730), fill=c["hay"])
        p.d.arc((hx + dx - 24, 666, hx + dx + 24, 714), 0, 300, fill=c["hay_line"], width=4)
    for _ in range(4):
        x = p.rng.choice((p.rng.uniform(20, 230), p.rng.uniform(794, 1000)))
        y = p.rng.uniform(720, 780)
        p.d.line((x, y, x, y + 130), fill=c["stem"], width=6)
        p.d.polygon(_star_points(x, y, 34, 18, 10), fill=(252, 206, 50))
        p.d.ellipse((x - 15, y - 15, x + 15, y + 15), fill=(130, 84, 50))
    p.tufts(20, 830, 1000, _darker(c["grass"], 0.15))
    p.birds(3, 180, 320)


def _sky(p: _Painter) -> None:
    c = PALETTES["sky"]
    if p.time in ("day", "dawn"):
        with p.sheet(p.land) as arcs:
            for i, colour in enumerate(c["rainbow"]):
                r = 470 - i * 20
                arcs.arc((SIZE / 2 - r, 720 - r, SIZE / 2 + r, 720 + r), 180, 360, fill=colour + (150,), width=21)
    draw = ImageDraw.Draw(p.land)
    for i in range(5):
        p.cloud(
            draw,
            i * 230 + p.rng.uniform(-40, 40),
            p.rng.uniform(540, 640),
            p.rng.uniform(200, 300),
            _darker(c["cloud"], 0.03),
        )
    for (a, b), (x, y, s) in zip(
        c["balloons"],
        ((p.rng.uniform(120, 260), 300, 0.9), (p.rng.uniform(700, 880), 230, 0.6), (p.rng.uniform(420, 600), 160, 0.4)),
    ):
        _balloon(p, x, y, 110 * s, a, b, c["basket"])
    p.birds(3, 380, 500)
    for x in range(-40, SIZE + 60, 110):  # the cloud the characters stand on
        r = p.rng.uniform(90, 130)
        y = p.rng.uniform(800, 830)
        draw.ellipse((x - r, y - r + 14, x + r, y + r + 14), fill=c["cloud_shade"])
    for x in range(-40, SIZE + 60, 110):
        r = p.rng.uniform(90, 120)
        y = p.rng.uniform(790, 820)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=c["cloud"])
    draw.rectangle((0, 860, SIZE, SIZE), fill=c["cloud"])


def _balloon(p: _Painter, x, y, r, colour, stripe, basket):
    for k, width in enumerate((1.0, 0.62, 0.26)):
        fill = colour if k % 2 == 0 else stripe
        p.d.ellipse((x - r * width, y - r, x + r * width, y + r * 1.05), fill=fill)
        p.d.polygon(
            (
                (x - r * width * 0.87, y + r * 0.5),
                (x + r * width * 0.87, y + r * 0.5),
                (x + r * 0.2 * width, y + r * 1.35),
                (x - r * 0.2 * width, y + r * 1.35),
            ),
            fill=fill,
        )
    for dx in (-0.2, 0.2):
        p.d.line((x + dx * r, y + r * 1.35, x + dx * r * 1.2, y + r * 1.65), fill=OUTLINE, width=2)
    p.d.rectangle((x - r * 0.25, y + r * 1.65, x + r * 0.25, y + r * 1.95), fill=basket)


def _underwater_backdrop(p: _Painter) -> None:
    c = PALETTES["underwater"]
    p.base = _gradient(SIZE, ((0, c["top"]), (0.45, c["mid"]), (1, c["bottom"]))).convert("RGBA")
    with p.sheet(p.base) as rays:
        for _ in range(6):
            x = p.rng.uniform(0, SIZE)
            spread = p.rng.uniform(60, 140)
            rays.polygon(
                ((x - 20, 0), (x + 20, 0), (x + spread + 160, 900), (x - spread + 160, 900)), fill=(255, 255, 255, 28)
            )
        for y in range(12, 60, 16):
            rays.line(
                [(x, y + 6 * math.sin(x / 40 + y)) for x in range(0, SIZE + 20, 20)], fill=(255, 255, 255, 70), width=3
            )


def _underwater(p: _Painter) -> None:
    c = PALETTES["underwater"]
    p.hills(640, 50, c["rock"], 2.2)
    p.hills(780, 14, c["sand"], 1.2)
    for i in range(9):
        x0 = i * 120 + p.rng.uniform(-30, 30)
        if 300 < x0 < 724 and i % 2:
            continue
        height, phase = p.rng.uniform(260, 460), p.rng.uniform(0, math.tau)
        base = 800 + p.rng.uniform(0, 40)
        centre = [(x0 + 22 * math.sin(phase + t / 50), base - t) for t in range(0, int(height), 10)]
        left = [(x - 12 * (1 - i2 / len(centre) * 0.7), y) for i2, (x, y) in enumerate(centre)]
        right = [(x + 12 * (1 - i2 / len(centre) * 0.7), y) for i2, (x, y) in enumerate(centre)]
        p.d.polygon(left + right[::-1], fill=_mix(c["kelp"], (30, 110, 80), p.rng.uniform(0, 0.5)))
    for x in (p.rng.uniform(40, 240), p.rng.uniform(780, 980)):
        _coral(p, x, 860, -math.pi / 2, 120, 5, p.rng.choice(c["corals"]))
    for _ in range(3):
        x, r = p.rng.choice((p.rng.uniform(30, 300), p.rng.uniform(724, 990))), p.rng.uniform(30, 50)
        colour = p.rng.choice(c["corals"])
        p.d.chord((x - r, 900 - r, x + r, 900 + r), 180, 360, fill=colour)
        for k in range(1, 3):
            p.d.arc(
                (x - r + k * 10, 900 - r + k * 10, x + r - k * 10, 900 + r - k * 10),
                190,
                350,
                fill=_darker(colour, 0.15),
                width=3,
            )
    for _ in range(7):
        _fish(
            p,
            p.rng.uniform(60, SIZE - 60),
            p.rng.uniform(180, 600),
            p.rng.uniform(22, 40),
            p.rng.choice(c["fish"]),
            p.rng.choice((-1, 1)),
        )
    p.shells(4, 900, 1000)
    bubbles = ImageDraw.Draw(p.front)
    for _ in range(26):
        x, y, r = p.rng.uniform(0, SIZE), p.rng.uniform(80, 860), p.rng.uniform(4, 14)
        bubbles.ellipse((x - r, y - r, x + r, y + r), outline=(235, 250, 255, 190), width=2)
        bubbles.ellipse((x - r * 0.5, y - r * 0.6, x - r * 0.1, y - r * 0.2), fill=(255, 255, 255, 200))


def _coral(p: _Painter, x, y, angle, length, depth, colour):
    if depth == 0 or length < 12:
        return
    x2, y2 = x + math.cos(angle) * length, y + math.sin(angle) * length
    p.d.line((x, y, x2, y2), fill=colour, width=int(4 + depth * 3))
    p.d.ellipse((x2 - depth * 1.5 - 2, y2 - depth * 1.5 - 2, x2 + depth * 1.5 + 2, y2 + depth * 1.5 + 2), fill=colour)
    for turn in (-0.45, 0.4):
        _coral(p, x2, y2, angle + turn + p.rng.uniform(-0.15, 0.15), length * 0.7, depth - 1, colour)


def _fish(p: _Painter, x, y, size, colour, facing):
    p.d.polygon(
        (
            (x - facing * size * 0.8, y),
            (x - facing * size * 1.5, y - size * 0.55),
            (x - facing * size * 1.5, y + size * 0.55),
        ),
        fill=_darker(colour, 0.1),
    )
    p.d.ellipse((x - size, y - size * 0.6, x + size, y + size * 0.6), fill=colour)
    p.d.line(
        (x - facing * size * 0.2, y - size * 0.55, x - facing * size * 0.2, y + size * 0.55),
        fill=WHITE,
        width=max(3, int(size / 6)),
    )
    ex = x + facing * size * 0.5
    p.d.ellipse((ex - size * 0.16, y - size * 0.26, ex + size * 0.16, y + size * 0.06), fill=WHITE)
    p.d.ellipse(
        (ex - size * 0.08 + facing * 2, y - size * 0.18, ex + size * 0.08 + facing * 2, y - size * 0.02), fill=OUTLINE
    )


def _lab(p: _Painter) -> None:
    c = PALETTES["lab"]
    d = p.d
    d.rectangle((0, 0, SIZE, 760), fill=c["wall"])
    d.rectangle((0, 560, SIZE, 760), fill=c["wainscot"])
    d.rectangle((0, 552, SIZE, 564), fill=_darker(c["wainscot"], 0.1))
    side = p.rng.choice((-1, 1))
    wx = SIZE / 2 + side * 250
    window = (wx - 150, 110, wx + 150, 420)
    d.rectangle(_shrink(window, -14), fill=c["frame"])
    d.rectangle(window, fill=(0, 0, 0, 0))  # a hole: the sky shows through
    d.line(((window[0] + window[2]) / 2, window[1], (window[0] + window[2]) / 2, window[3]), fill=c["frame"], width=10)
    d.line((window[0], 265, window[2], 265), fill=c["frame"], width=10)
    d.rectangle((window[0] - 30, window[3] + 10, window[2] + 30, window[3] + 26), fill=c["frame"])
    liquids = list(c["liquids"])
    sx = SIZE / 2 - side * 270
    for shelf_y in (250, 420):
        d.rectangle((sx - 190, shelf_y, sx + 190, shelf_y + 14), fill=c["shelf"])
        for k in range(5):
            fx = sx - 150 + k * 75
            colour = liquids[(k + shelf_y) % len(liquids)]
            _flask(p, fx, shelf_y, k % 3, colour, c["glass"])
    # A workbench with bubbling flasks, under a hanging lamp.
    bx = SIZE / 2 + side * 250
    d.rectangle((bx - 200, 590, bx + 200, 610), fill=c["bench_top"])
    d.rectangle((bx - 185, 610, bx - 165, 760), fill=c["bench"])
    d.rectangle((bx + 165, 610, bx + 185, 760), fill=c["bench"])
    for k in range(4):
        _flask(p, bx - 130 + k * 85, 590, (k + 1) % 3, liquids[(k + 2) % len(liquids)], c["glass"])
    lx = SIZE / 2
    d.line((lx, 0, lx, 120), fill=c["lamp"], width=5)
    d.pieslice((lx - 70, 100, lx + 70, 220), 180, 360, fill=c["lamp"])
    p.glow(p.lights, (lx, 190), 260, (255, 236, 180), 0.5 if p.night else 0.25)
    ImageDraw.Draw(p.lights).chord((lx - 30, 145, lx + 30, 185), 0, 180, fill=(255, 246, 210))
    d.rectangle((0, 760, SIZE, SIZE), fill=c["floor"])
    for y in (800, 860, 940):
        d.line((0, y, SIZE, y), fill=c["tile_line"], width=3)
    for k in range(-8, 9):
        top_x = SIZE / 2 + k * 90
        d.line((top_x, 760, SIZE / 2 + k * 200, SIZE), fill=c["tile_line"], width=3)


def _flask(p: _Painter, x, base, shape, liquid, glass):
    d = p.d
    if shape == 0:  # round-bottomed flask
        d.rectangle((x - 8, base - 100, x + 8, base - 50), fill=glass)
        d.ellipse((x - 30, base - 62, x + 30, base - 2), fill=glass)
        d.chord((x - 26, base - 58, x + 26, base - 6), 0, 180, fill=liquid)
    elif shape == 1:  # conical flask
        d.polygon(
            (
                (x - 9, base - 96),
                (x + 9, base - 96),
                (x + 9, base - 62),
                (x + 30, base),
                (x - 30, base),
                (x - 9, base - 62),
            ),
            fill=glass,
        )
        d.polygon(((x - 18, base - 34), (x + 18, base - 34), (x + 28, base - 3), (x - 28, base - 3)), fill=liquid)
    else:  # test tube
        d.rounded_rectangle((x - 11, base - 110, x + 11, base), radius=11, fill=glass)
        d.rounded_rectangle((x - 8, base - 60, x + 8, base - 3), radius=8, fill=liquid)
    if p.night:
        p.glow(p.lights, (x, base - 30), 45, liquid, 0.5)
    for k in range(3):
        r = 3 + k
        d.ellipse(
            (x - 6 + k * 5 - r, base - 115 - k * 16 - r, x - 6 + k * 5 + r, base - 115 - k * 16 + r),
            outline=glass,
            width=2,
        )


SETTING_PAINTERS = {
    "forest": _forest,
    "castle": _castle,
    "space": _space,
    "ocean": _ocean,
    "mountains": _mountains,
    "desert": _desert,
    "jungle": _jungle,
    "snow": _snow,
    "city": _city,
    "village": _village,
    "cave": _cave,
    "school": _school,
    "farm": _farm,
    "sky": _sky,
    "underwater": _underwater,
    "island": _island,
    "lab": _lab,
    "meadow": _meadow,
}
OWN_BACKDROPS = {"space": _space_backdrop, "underwater": _underwater_backdrop}


# --- Characters and objects -------------------------------------------------------------


def _place_cast(p: _Painter, characters, objects, people_by_name) -> None:
    """Stand the characters in a row with their objects between them."""
    row = []
    for i, name in enumerate(characters):
        row.append(("character", name))
        if i < len(objects):
            row.append(("object", objects[i]))
    row += [("object", thing) for thing in objects[len(characters) :]]
    if not row:
        return
    widths = [190 if kind == "character" else 110 for kind, _ in row]
    scale = min(1.0, 900 / sum(widths))
    x = SIZE / 2 - sum(widths) * scale / 2
    used_hues = []
    draw = ImageDraw.Draw(p.cast)
    for (kind, label), width in zip(row, widths):
        centre = x + width * scale / 2
        if kind == "character":
            person = people_by_name.get(label.lower())
            description = person.description if person else ""
            relation = person.relation if person else ""
            _draw_character(p, draw, centre, label, f"{relation} {description}", used_hues)
        else:
            _draw_icon(p, draw, _icon_for(label), centre, FEET_Y + 12, 84)
        x += width * scale


def _character_hue(name: str, used: list) -> float:
    """A hue from the name, turned away from hues already in the picture so everyone looks distinct."""
    hue = _digest(name)[0] / 255
    while any(min(abs(hue - u), 1 - abs(hue - u)) < 0.09 for u in used) and len(used) < 10:
        hue = (hue + 0.382) % 1.0  # the golden angle spreads hues evenly
    used.append(hue)
    return hue


def _draw_character(p: _Painter, draw, x, name, details, used_hues) -> None:
    words = _words(f"{name} {details}")
    hue = _character_hue(name, used_hues)
    if critter := next((CRITTERS[w] for w in words if w in CRITTERS), None):
        _draw_critter(draw, x, FEET_Y, critter, name, hue)
    elif bird := next((BIRDS[w] for w in words if w in BIRDS), None):
        _draw_bird(draw, x, FEET_Y, bird, hue)
    elif (dragon := next((w for w in words if w in DRAGONS), None)) is not None:
        _draw_dragon(draw, x, FEET_Y, hue, wings=DRAGONS[dragon])
    elif words & ROBOTS:
        _draw_robot(p, draw, x, FEET_Y, hue)
    else:
        _draw_person(p, draw, x, FEET_Y, name, words, hue)


def _draw_person(p: _Painter, draw, x, feet, name, words, hue) -> None:
    digest = _digest(name)
    elder = bool(words & ELDER_WORDS)
    height = 270 if words & ADULT_WORDS else 220
    head_r = height * (0.17 if height > 250 else 0.2)
    alien = bool(words & ALIENS)
    skin = _hsv(0.3 + hue * 0.1, 0.45, 0.8) if alien else SKIN_TONES[digest[1] % len(SKIN_TONES)]
    hair = GREY_HAIR if elder else HAIR_COLOURS[digest[2] % len(HAIR_COLOURS)]
    hair = next((HAIR_WORDS[w] for w in words if w in HAIR_WORDS), hair)
    male = bool(words & MALE_WORDS)
    styles = MALE_STYLES if male else HAIR_STYLES
    style = next((STYLE_WORDS[w] for w in words if w in STYLE_WORDS), styles[digest[3] % len(styles)])
    if alien:
        style = "bald"
    shirt = _hsv(hue, 0.55, 0.92)
    trousers = TROUSERS[digest[4] % len(TROUSERS)]
    dress = not male and style in ("long", "pigtails", "bun") and digest[5] % 2 == 0

    head_y = feet - height + head_r
    torso_top, torso_bottom = head_y + head_r * 0.8, feet - height * 0.3
    half = height * 0.17
    arm = max(8, int(height * 0.065))
    wave = 1 if digest[6] % 2 else -1  # which hand waves hello

    if words & FAIRIES:
        for side in (-1, 1):
            draw.ellipse(
                (
                    x + side * half * 0.3 - (half * 1.9 if side < 0 else 0),
                    torso_top - height * 0.12,
                    x + side * half * 0.3 + (half * 1.9 if side > 0 else 0),
                    torso_top + height * 0.22,
                ),
                fill=(220, 236, 255),
                outline=(170, 200, 240),
                width=3,
            )
    if style == "long":
        draw.rounded_rectangle(
            (x - head_r * 1.1, head_y - head_r * 0.6, x + head_r * 1.1, torso_top + height * 0.12),
            radius=head_r * 0.6,
            fill=hair,
            outline=OUTLINE,
            width=3,
        )
    for side in (-1, 1):  # legs and shoes
        lx = x + side * height * 0.075
        draw.rounded_rectangle(
            (lx - height * 0.05, torso_bottom - 8, lx + height * 0.05, feet - 6),
            radius=8,
            fill=skin if dress else trousers,
            outline=OUTLINE,
            width=3,
        )
        draw.ellipse(
            (lx - height * 0.07 + side * 6, feet - 20, lx + height * 0.07 + side * 6, feet + 4),
            fill=(70, 58, 70),
            outline=OUTLINE,
            width=3,
        )
    for side in (-1, 1):  # arms, drawn as an outline line under a coloured one
        shoulder = (x + side * half * 0.85, torso_top + arm)
        hand = (
            (x + side * (half + height * 0.12), torso_top - height * 0.08)
            if side == wave
            else (x + side * (half + height * 0.05), torso_bottom - 8)
        )
        draw.line((shoulder, hand), fill=OUTLINE, width=arm + 6)
        draw.line((shoulder, hand), fill=shirt, width=arm)
        hr = height * 0.045
        draw.ellipse((hand[0] - hr, hand[1] - hr, hand[0] + hr, hand[1] + hr), fill=skin, outline=OUTLINE, width=3)
    if dress:
        draw.polygon(
            (
                (x - half * 0.8, torso_top),
                (x + half * 0.8, torso_top),
                (x + half * 1.35, torso_bottom + height * 0.08),
                (x - half * 1.35, torso_bottom + height * 0.08),
            ),
            fill=shirt,
            outline=OUTLINE,
            width=3,
        )
    else:
        draw.rounded_rectangle(
            (x - half, torso_top, x + half, torso_bottom + 4), radius=half * 0.5, fill=shirt, outline=OUTLINE, width=3
        )
        draw.line(
            (x - half * 0.6, torso_top + height * 0.12, x + half * 0.6, torso_top + height * 0.12),
            fill=_lighter(shirt, 0.4),
            width=6,
        )
    _draw_head(p, draw, x, head_y, head_r, skin, hair, style, elder, alien)
    hat = next((HAT_WORDS[w] for w in words if w in HAT_WORDS), None)
    if hat:
        _draw_hat(draw, x, head_y, head_r, hat)
    if p.setting in HELMET_SETTINGS:
        helmet = ImageDraw.Draw(p.front)
        r = head_r * 1.45
        helmet.ellipse(
            (x - r, head_y - r, x + r, head_y + r), fill=(210, 236, 255, 60), outline=(240, 248, 255, 230), width=5
        )
        helmet.arc(
            (x - r * 0.75, head_y - r * 0.8, x + r * 0.5, head_y + r * 0.4),
            200,
            250,
            fill=(255, 255, 255, 220),
            width=6,
        )


def _draw_head(p, draw, x, y, r, skin, hair, style, elder, alien):
    if style == "pigtails":
        for side in (-1, 1):
            draw.ellipse(
                (x + side * r * 1.15 - r * 0.38, y - r * 0.1, x + side * r * 1.15 + r * 0.38, y + r * 0.65),
                fill=hair,
                outline=OUTLINE,
                width=3,
            )
    if style == "bun":
        draw.ellipse((x - r * 0.42, y - r * 1.45, x + r * 0.42, y - r * 0.65), fill=hair, outline=OUTLINE, width=3)
    if alien:
        for side in (-1, 1):
            draw.line((x + side * r * 0.4, y - r * 0.8, x + side * r * 0.8, y - r * 1.6), fill=OUTLINE, width=4)
            draw.ellipse(
                (x + side * r * 0.8 - 9, y - r * 1.6 - 9, x + side * r * 0.8 + 9, y - r * 1.6 + 9),
                fill=(250, 220, 90),
                outline=OUTLINE,
                width=3,
            )
    draw.ellipse((x - r, y - r, x + r, y + r), fill=skin, outline=OUTLINE, width=3)
    if style == "curly":
        for k in range(9):
            a = math.pi + k * math.pi / 8
            cx, cy = x + math.cos(a) * r * 0.92, y + math.sin(a) * r * 0.92
            draw.ellipse((cx - r * 0.32, cy - r * 0.32, cx + r * 0.32, cy + r * 0.32), fill=hair)
    elif style == "bald":
        if not alien:
            for side in (-1, 1):
                draw.chord(
                    (x + side * r * 0.7 - r * 0.3, y - r * 0.55, x + side * r * 0.7 + r * 0.3, y + r * 0.1),
                    90 if side < 0 else 270,
                    270 if side < 0 else 450,
                    fill=hair,
                )
    else:
        draw.chord(
            (x - r * 1.04, y - r * 1.08, x + r * 1.04, y + r * 0.5), 180, 360, fill=hair, outline=OUTLINE, width=3
        )
        draw.pieslice((x - r * 0.9, y - r * 0.75, x + r * 0.3, y + r * 0.15), 180, 270, fill=hair)
    eye_y = y + r * 0.12
    for side in (-1, 1):
        ex = x + side * r * 0.38
        draw.ellipse((ex - r * 0.12, eye_y - r * 0.16, ex + r * 0.12, eye_y + r * 0.16), fill=OUTLINE)
        draw.ellipse((ex - r * 0.02, eye_y - r * 0.1, ex + r * 0.07, eye_y - r * 0.01), fill=WHITE)
        draw.ellipse(
            (
                x + side * r * 0.62 - r * 0.15,
                y + r * 0.38 - r * 0.09,
                x + side * r * 0.62 + r * 0.15,
                y + r * 0.38 + r * 0.09,
            ),
            fill=_mix(skin, CHEEK, 0.6),
        )
        if elder:
            draw.ellipse((ex - r * 0.25, eye_y - r * 0.25, ex + r * 0.25, eye_y + r * 0.25), outline=OUTLINE, width=3)
    if elder:
        draw.line((x - r * 0.13, eye_y, x + r * 0.13, eye_y), fill=OUTLINE, width=3)
    draw.arc((x - r * 0.32, y + r * 0.12, x + r * 0.32, y + r * 0.6), 20, 160, fill=OUTLINE, width=4)


def _draw_hat(draw, x, head_y, r, hat):
    top = head_y - r * 0.75
    if hat == "crown":
        points = [(x - r * 0.7, top + r * 0.1)]
        for k in range(5):
            points.append((x - r * 0.7 + k * r * 0.35, top - r * (0.6 if k % 2 == 0 else 0.25)))
        points.append((x + r * 0.7, top + r * 0.1))
        draw.polygon(points, fill=GOLD, outline=OUTLINE, width=3)
        draw.ellipse((x - 7, top - r * 0.2 - 7, x + 7, top - r * 0.2 + 7), fill=(230, 70, 90))
    elif hat == "wizard":
        draw.polygon(
            ((x - r * 1.0, top + r * 0.15), (x + r * 1.0, top + r * 0.15), (x + r * 0.3, top - r * 1.8)),
            fill=(90, 70, 170),
            outline=OUTLINE,
            width=3,
        )
        draw.ellipse(
            (x - r * 1.25, top - r * 0.05, x + r * 1.25, top + r * 0.35), fill=(90, 70, 170), outline=OUTLINE, width=3
        )
        draw.polygon(_star_points(x + r * 0.05, top - r * 0.6, r * 0.28, r * 0.12), fill=(255, 220, 90))
    else:  # pirate
        draw.chord(
            (x - r * 1.2, top - r * 0.8, x + r * 1.2, top + r * 0.6),
            180,
            360,
            fill=(50, 46, 56),
            outline=OUTLINE,
            width=3,
        )
        draw.ellipse((x - 9, top - r * 0.35 - 9, x + 9, top - r * 0.35 + 9), fill=WHITE)


def _draw_critter(draw, x, feet, species, name, hue) -> None:
    digest = _digest(name)
    colours = CRITTER_COLOURS[species]
    fur = colours[digest[1] % len(colours)]
    light = _lighter(fur, 0.55)
    s = 170
    head_y, head_r = feet - s * 0.78, s * 0.3
    # Tails go behind the body.
    if species == "fox":
        draw.ellipse((x + s * 0.2, feet - s * 0.5, x + s * 0.75, feet - s * 0.22), fill=fur, outline=OUTLINE, width=3)
        draw.ellipse((x + s * 0.58, feet - s * 0.47, x + s * 0.75, feet - s * 0.27), fill=WHITE)
    elif species in TAILS:
        width, curl = TAILS[species]
        tail = _hsv(hue, 0.45, 0.95) if species == "unicorn" else fur
        _tail(
            draw,
            _curve((x + s * 0.25, feet - s * 0.12), (x + s * 0.75, feet - s * 0.02), (x + s * 0.55, feet - s * curl)),
            tail,
            width,
        )
    draw.ellipse((x - s * 0.38, feet - s * 0.62, x + s * 0.38, feet), fill=fur, outline=OUTLINE, width=3)
    draw.ellipse((x - s * 0.2, feet - s * 0.45, x + s * 0.2, feet - s * 0.05), fill=light)
    for side in (-1, 1):
        draw.ellipse(
            (x + side * s * 0.2 - s * 0.1, feet - s * 0.1, x + side * s * 0.2 + s * 0.1, feet + 4),
            fill=fur,
            outline=OUTLINE,
            width=3,
        )
    # Ears.
    for side in (-1, 1):
        ex = x + side * head_r * 0.62
        if species == "bunny":
            draw.ellipse(
                (ex - head_r * 0.22, head_y - head_r * 2.1, ex + head_r * 0.22, head_y - head_r * 0.5),
                fill=fur,
                outline=OUTLINE,
                width=3,
            )
            draw.ellipse(
                (ex - head_r * 0.1, head_y - head_r * 1.9, ex + head_r * 0.1, head_y - head_r * 0.7),
                fill=(250, 190, 200),
            )
        elif species in ("cat", "fox", "unicorn"):
            draw.polygon(
                (
                    (ex - head_r * 0.35, head_y - head_r * 0.6),
                    (ex + side * head_r * 0.12, head_y - head_r * 1.35),
                    (ex + head_r * 0.35, head_y - head_r * 0.6),
                ),
                fill=fur,
                outline=OUTLINE,
                width=3,
            )
        elif species != "dog":  # a dog's floppy ears go on after the head, in front of it
            er = head_r * (0.45 if species == "mouse" else 0.32)
            draw.ellipse(
                (ex - er, head_y - head_r * 0.75 - er, ex + er, head_y - head_r * 0.75 + er),
                fill=fur,
                outline=OUTLINE,
                width=3,
            )
            draw.ellipse(
                (ex - er * 0.5, head_y - head_r * 0.75 - er * 0.5, ex + er * 0.5, head_y - head_r * 0.75 + er * 0.5),
                fill=_lighter(fur, 0.4),
            )
    if species == "unicorn":  # a rainbow mane, tucked behind the head
        for k in range(6):
            angle = math.radians(-80 + k * 24)
            mx, my = x + math.cos(angle) * head_r * 0.98, head_y + math.sin(angle) * head_r * 0.98
            mr = head_r * 0.34
            draw.ellipse(
                (mx - mr, my - mr, mx + mr, my + mr), fill=_hsv(hue + k * 0.12, 0.4, 0.97), outline=OUTLINE, width=3
            )
    draw.ellipse((x - head_r, head_y - head_r, x + head_r, head_y + head_r), fill=fur, outline=OUTLINE, width=3)
    if species == "dog":
        for side in (-1, 1):
            draw.ellipse(
                (
                    x + side * head_r * 0.95 - head_r * 0.28,
                    head_y - head_r * 0.7,
                    x + side * head_r * 0.95 + head_r * 0.28,
                    head_y + head_r * 0.5,
                ),
                fill=_darker(fur, 0.25),
                outline=OUTLINE,
                width=3,
            )
    if species == "unicorn":
        draw.polygon(
            ((x - 9, head_y - head_r * 0.85), (x + 9, head_y - head_r * 0.85), (x, head_y - head_r * 1.9)),
            fill=GOLD,
            outline=OUTLINE,
            width=3,
        )
    draw.ellipse((x - head_r * 0.45, head_y + head_r * 0.05, x + head_r * 0.45, head_y + head_r * 0.7), fill=light)
    draw.ellipse((x - head_r * 0.15, head_y + head_r * 0.12, x + head_r * 0.15, head_y + head_r * 0.32), fill=OUTLINE)
    draw.arc((x - head_r * 0.25, head_y + head_r * 0.2, x, head_y + head_r * 0.5), 20, 160, fill=OUTLINE, width=3)
    draw.arc((x, head_y + head_r * 0.2, x + head_r * 0.25, head_y + head_r * 0.5), 20, 160, fill=OUTLINE, width=3)
    for side in (-1, 1):
        ex = x + side * head_r * 0.4
        draw.ellipse((ex - head_r * 0.12, head_y - head_r * 0.3, ex + head_r * 0.12, head_y), fill=OUTLINE)
        draw.ellipse(
            (ex - head_r * 0.02, head_y - head_r * 0.25, ex + head_r * 0.06, head_y - head_r * 0.15), fill=WHITE
        )
        if species in ("cat", "fox", "mouse"):
            for dy in (0.3, 0.45):
                draw.line(
                    (
                        x + side * head_r * 0.35,
                        head_y + head_r * dy,
                        x + side * head_r * 1.2,
                        head_y + head_r * (dy - 0.1),
                    ),
                    fill=OUTLINE,
                    width=2,
                )


def _curve(start, control, end, steps=14):
    """Points along a quadratic Bézier curve."""
    return [
        (
            (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t * t * end[0],
            (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t * t * end[1],
        )
        for t in (i / steps for i in range(steps + 1))
    ]


def _tail(draw, points, colour, width):
    """A thick outlined stroke with a round tip."""
    for fill, w in ((OUTLINE, width + 6), (colour, width)):
        draw.line(points, fill=fill, width=w, joint="curve")
        tx, ty = points[-1]
        draw.ellipse((tx - w / 2, ty - w / 2, tx + w / 2, ty + w / 2), fill=fill)


def _draw_bird(draw, x, feet, kind, hue) -> None:
    s = 150
    body = {"owl": (150, 110, 80), "penguin": (50, 56, 74)}.get(kind, _hsv(hue, 0.65, 0.92))
    belly = WHITE if kind == "penguin" else _lighter(body, 0.5)
    cy = feet - s * 0.45
    for side in (-1, 1):
        draw.line((x + side * 14, feet - 10, x + side * 20, feet), fill=(240, 150, 50), width=6)
    if kind == "owl":
        for side in (-1, 1):
            draw.polygon(
                (
                    (x + side * s * 0.18, cy - s * 0.36),
                    (x + side * s * 0.36, cy - s * 0.6),
                    (x + side * s * 0.34, cy - s * 0.28),
                ),
                fill=body,
                outline=OUTLINE,
                width=3,
            )
    draw.ellipse((x - s * 0.36, cy - s * 0.45, x + s * 0.36, cy + s * 0.45), fill=body, outline=OUTLINE, width=3)
    draw.ellipse((x - s * 0.22, cy - s * 0.05, x + s * 0.22, cy + s * 0.4), fill=belly)
    for side in (-1, 1):
        draw.chord(
            (x + side * s * 0.3 - s * 0.13, cy - s * 0.15, x + side * s * 0.3 + s * 0.13, cy + s * 0.3),
            90 if side < 0 else 270,
            270 if side < 0 else 450,
            fill=_darker(body, 0.15),
            outline=OUTLINE,
            width=3,
        )
        ex = x + side * s * 0.13
        er = s * (0.11 if kind == "owl" else 0.06)
        if kind == "owl":
            draw.ellipse((ex - er, cy - s * 0.2 - er, ex + er, cy - s * 0.2 + er), fill=WHITE, outline=OUTLINE, width=3)
        draw.ellipse((ex - 7, cy - s * 0.2 - 7, ex + 7, cy - s * 0.2 + 7), fill=OUTLINE)
        draw.ellipse((ex - 1, cy - s * 0.2 - 5, ex + 4, cy - s * 0.2), fill=WHITE)
    draw.polygon(
        ((x - 11, cy - s * 0.1), (x + 11, cy - s * 0.1), (x, cy + s * 0.02)),
        fill=(246, 160, 50),
        outline=OUTLINE,
        width=2,
    )


def _draw_dragon(draw, x, feet, hue, wings=True) -> None:
    s = 200
    scales = _hsv(0.33 + (hue - 0.5) * 0.5, 0.5, 0.78)
    belly = _mix(scales, (255, 236, 170), 0.6)
    body_top = feet - s * 0.62
    draw.polygon(
        ((x + s * 0.62, feet - s * 0.3), (x + s * 0.8, feet - s * 0.46), (x + s * 0.76, feet - s * 0.22)),
        fill=scales,
        outline=OUTLINE,
        width=3,
    )
    _tail(draw, _curve((x + s * 0.2, feet - s * 0.1), (x + s * 0.7, feet), (x + s * 0.68, feet - s * 0.3)), scales, 22)
    if wings:
        for side in (-1, 1):
            wx = x + side * s * 0.18
            draw.polygon(
                (
                    (wx, body_top + s * 0.1),
                    (wx + side * s * 0.45, body_top - s * 0.3),
                    (wx + side * s * 0.5, body_top + s * 0.05),
                    (wx + side * s * 0.38, body_top + s * 0.02),
                    (wx + side * s * 0.36, body_top + s * 0.22),
                    (wx + side * s * 0.2, body_top + s * 0.18),
                ),
                fill=_lighter(scales, 0.3),
                outline=OUTLINE,
                width=3,
            )
    draw.ellipse((x - s * 0.3, body_top, x + s * 0.3, feet), fill=scales, outline=OUTLINE, width=3)
    draw.ellipse((x - s * 0.17, body_top + s * 0.15, x + s * 0.17, feet - s * 0.04), fill=belly)
    for k in range(1, 4):
        y = body_top + s * 0.15 + k * s * 0.1
        draw.line((x - s * 0.12, y, x + s * 0.12, y), fill=_darker(belly, 0.15), width=3)
    for side in (-1, 1):
        draw.ellipse(
            (x + side * s * 0.17 - s * 0.1, feet - s * 0.09, x + side * s * 0.17 + s * 0.1, feet + 4),
            fill=scales,
            outline=OUTLINE,
            width=3,
        )
    hy, hr = body_top - s * 0.12, s * 0.22
    for side in (-1, 1):
        draw.polygon(
            (
                (x + side * hr * 0.3, hy - hr * 0.7),
                (x + side * hr * 0.75, hy - hr * 1.45),
                (x + side * hr * 0.75, hy - hr * 0.55),
            ),
            fill=(250, 236, 200),
            outline=OUTLINE,
            width=3,
        )
    draw.ellipse((x - hr * 1.05, hy - hr, x + hr * 1.05, hy + hr), fill=scales, outline=OUTLINE, width=3)
    draw.ellipse((x - hr * 0.6, hy + hr * 0.05, x + hr * 0.6, hy + hr * 0.85), fill=belly)
    for side in (-1, 1):
        draw.ellipse(
            (x + side * hr * 0.2 - 3, hy + hr * 0.25 - 3, x + side * hr * 0.2 + 3, hy + hr * 0.25 + 3), fill=OUTLINE
        )
        ex = x + side * hr * 0.45
        draw.ellipse(
            (ex - hr * 0.17, hy - hr * 0.45, ex + hr * 0.17, hy - hr * 0.05), fill=WHITE, outline=OUTLINE, width=2
        )
        draw.ellipse((ex - hr * 0.08, hy - hr * 0.35, ex + hr * 0.08, hy - hr * 0.08), fill=OUTLINE)
    draw.arc((x - hr * 0.35, hy + hr * 0.2, x + hr * 0.35, hy + hr * 0.7), 20, 160, fill=OUTLINE, width=4)


def _draw_robot(p: _Painter, draw, x, feet, hue) -> None:
    s = 210
    metal = _hsv(hue, 0.25, 0.86)
    dark = _darker(metal, 0.3)
    lit = ImageDraw.Draw(p.front)
    for side in (-1, 1):
        draw.rectangle(
            (x + side * s * 0.1 - 10, feet - s * 0.28, x + side * s * 0.1 + 10, feet - 10),
            fill=dark,
            outline=OUTLINE,
            width=3,
        )
        draw.rounded_rectangle(
            (x + side * s * 0.1 - 22, feet - 16, x + side * s * 0.1 + 22, feet + 2),
            radius=6,
            fill=metal,
            outline=OUTLINE,
            width=3,
        )
        draw.line((x + side * s * 0.22, feet - s * 0.6, x + side * s * 0.36, feet - s * 0.38), fill=OUTLINE, width=16)
        draw.line((x + side * s * 0.22, feet - s * 0.6, x + side * s * 0.36, feet - s * 0.38), fill=dark, width=10)
        draw.ellipse(
            (x + side * s * 0.36 - 13, feet - s * 0.38 - 13, x + side * s * 0.36 + 13, feet - s * 0.38 + 13),
            fill=metal,
            outline=OUTLINE,
            width=3,
        )
    draw.rounded_rectangle(
        (x - s * 0.22, feet - s * 0.66, x + s * 0.22, feet - s * 0.26), radius=16, fill=metal, outline=OUTLINE, width=3
    )
    for k, colour in enumerate(((240, 90, 90), (250, 210, 70), (100, 210, 120))):
        bx, by = x - s * 0.1 + k * s * 0.1, feet - s * 0.5
        draw.ellipse((bx - 8, by - 8, bx + 8, by + 8), fill=colour, outline=OUTLINE, width=2)
    draw.line((x - s * 0.12, feet - s * 0.36, x + s * 0.12, feet - s * 0.36), fill=dark, width=5)
    top = feet - s * 1.0
    draw.line((x, top - 30, x, top), fill=OUTLINE, width=4)
    draw.ellipse((x - 10, top - 44, x + 10, top - 24), fill=(240, 90, 90), outline=OUTLINE, width=3)
    p.glow(p.front, (x, top - 34), 30, (255, 120, 120), 0.6)
    draw.rounded_rectangle(
        (x - s * 0.2, top, x + s * 0.2, feet - s * 0.68), radius=18, fill=metal, outline=OUTLINE, width=3
    )
    draw.rounded_rectangle((x - s * 0.15, top + s * 0.05, x + s * 0.15, feet - s * 0.73), radius=12, fill=(40, 48, 66))
    eyes = (130, 240, 255)
    for side in (-1, 1):
        ex, ey = x + side * s * 0.07, top + s * 0.13
        lit.ellipse((ex - 9, ey - 9, ex + 9, ey + 9), fill=eyes + (255,))
    lit.arc((x - s * 0.07, top + s * 0.1, x + s * 0.07, top + s * 0.23), 20, 160, fill=eyes + (255,), width=4)


def _draw_icon(p: _Painter, draw, icon, x, base, s) -> None:
    """A small picture of an object, standing on `base` and about `s` pixels tall."""
    top, mid = base - s, base - s / 2
    ink = {"outline": OUTLINE, "width": 3}
    if icon == "key":
        draw.line((x - s * 0.1, mid, x + s * 0.45, mid), fill=OUTLINE, width=14)
        draw.line((x - s * 0.1, mid, x + s * 0.45, mid), fill=GOLD, width=8)
        for tx in (0.3, 0.42):
            draw.rectangle((x + s * tx - 4, mid, x + s * tx + 4, mid + s * 0.16), fill=GOLD, **ink)
        draw.ellipse((x - s * 0.45, mid - s * 0.2, x - s * 0.05, mid + s * 0.2), fill=GOLD, **ink)
        draw.ellipse((x - s * 0.33, mid - s * 0.08, x - s * 0.17, mid + s * 0.08), fill=(255, 255, 255, 0), **ink)
    elif icon == "book":
        colour = (200, 70, 80)
        draw.rounded_rectangle((x - s * 0.38, top + s * 0.2, x + s * 0.38, base), radius=6, fill=colour, **ink)
        draw.rectangle((x - s * 0.3, base - s * 0.14, x + s * 0.38, base - s * 0.04), fill=PAPER)
        draw.rectangle((x - s * 0.38, top + s * 0.2, x - s * 0.26, base), fill=_darker(colour, 0.2), **ink)
        draw.polygon(_star_points(x + s * 0.05, mid, s * 0.13, s * 0.06), fill=GOLD)
    elif icon == "map":
        draw.polygon(
            (
                (x - s * 0.45, top + s * 0.3),
                (x - s * 0.15, top + s * 0.22),
                (x + s * 0.15, top + s * 0.3),
                (x + s * 0.45, top + s * 0.22),
                (x + s * 0.45, base),
                (x + s * 0.15, base - s * 0.08),
                (x - s * 0.15, base),
                (x - s * 0.45, base - s * 0.08),
            ),
            fill=(244, 226, 180),
            **ink,
        )
        for fx in (-0.15, 0.15):
            draw.line((x + s * fx, top + s * 0.26, x + s * fx, base - 4), fill=(210, 186, 140), width=2)
        draw.line(
            (x - s * 0.35, base - s * 0.2, x - s * 0.1, mid, x + s * 0.1, base - s * 0.25), fill=(150, 110, 80), width=3
        )
        draw.line((x + s * 0.18, mid - s * 0.15, x + s * 0.34, mid + s * 0.01), fill=(220, 60, 60), width=5)
        draw.line((x + s * 0.18, mid + s * 0.01, x + s * 0.34, mid - s * 0.15), fill=(220, 60, 60), width=5)
    elif icon == "lantern":
        draw.arc((x - s * 0.15, top - s * 0.05, x + s * 0.15, top + s * 0.25), 180, 360, fill=OUTLINE, width=4)
        draw.rectangle((x - s * 0.22, top + s * 0.1, x + s * 0.22, top + s * 0.2), fill=(70, 70, 80), **ink)
        draw.rounded_rectangle(
            (x - s * 0.2, top + s * 0.2, x + s * 0.2, base - s * 0.1), radius=8, fill=(255, 220, 120), **ink
        )
        draw.rectangle((x - s * 0.25, base - s * 0.1, x + s * 0.25, base), fill=(70, 70, 80), **ink)
        p.glow(p.front, (x, mid), s * (1.3 if p.night else 0.7), (255, 220, 130), 0.7)
    elif icon == "chest":
        wood, band = (170, 110, 60), GOLD
        draw.chord((x - s * 0.45, top + s * 0.1, x + s * 0.45, top + s * 0.7), 180, 360, fill=wood, **ink)
        for cx in (-0.2, 0.0, 0.2):
            draw.ellipse(
                (x + s * cx - 10, top + s * 0.18, x + s * cx + 10, top + s * 0.38),
                fill=GOLD_LIGHT,
                outline=GOLD_DARK,
                width=2,
            )
        draw.rectangle((x - s * 0.45, top + s * 0.4, x + s * 0.45, base), fill=wood, **ink)
        for bx in (-0.3, 0.3):
            draw.rectangle((x + s * bx - 5, top + s * 0.4, x + s * bx + 5, base), fill=band)
        draw.rectangle((x - 9, top + s * 0.4, x + 9, top + s * 0.58), fill=band, **ink)
    elif icon == "crown":
        _draw_hat(draw, x, base - s * 0.05, s * 0.55, "crown")
    elif icon == "star":
        draw.polygon(_star_points(x, mid, s * 0.45, s * 0.2), fill=(255, 214, 60), **ink)
        p.glow(p.front, (x, mid), s, (255, 230, 120), 0.5)
    elif icon == "gem":
        colour = (110, 210, 240)
        draw.polygon(
            (
                (x - s * 0.35, top + s * 0.35),
                (x - s * 0.2, top + s * 0.15),
                (x + s * 0.2, top + s * 0.15),
                (x + s * 0.35, top + s * 0.35),
                (x, base),
            ),
            fill=colour,
            **ink,
        )
        draw.polygon(
            ((x - s * 0.2, top + s * 0.35), (x + s * 0.2, top + s * 0.35), (x, base - 6)), fill=_lighter(colour, 0.4)
        )
        p.glow(p.front, (x, mid), s * 0.9, colour, 0.5)
    elif icon == "ball":
        draw.ellipse((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), fill=(240, 80, 80), **ink)
        draw.chord((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), 300, 60, fill=WHITE)
        draw.chord((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), 120, 240, fill=(80, 150, 240))
        draw.ellipse((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), outline=OUTLINE, width=3)
    elif icon == "flower":
        draw.line((x, base, x, mid), fill=(80, 150, 70), width=6)
        p.leaf(draw, (x, base - s * 0.2), -math.pi / 4, s * 0.3, s * 0.14, (90, 170, 80), vein=False)
        for k in range(6):
            a = k * math.tau / 6
            px, py = x + math.cos(a) * s * 0.18, top + s * 0.3 + math.sin(a) * s * 0.18
            draw.ellipse((px - s * 0.13, py - s * 0.13, px + s * 0.13, py + s * 0.13), fill=(240, 110, 150), **ink)
        draw.ellipse((x - s * 0.12, top + s * 0.18, x + s * 0.12, top + s * 0.42), fill=(255, 214, 70), **ink)
    elif icon == "apple":
        draw.ellipse((x - s * 0.38, base - s * 0.7, x + s * 0.38, base), fill=(226, 60, 60), **ink)
        draw.line((x, base - s * 0.68, x + 4, base - s * 0.85), fill=(110, 80, 50), width=5)
        p.leaf(draw, (x + 3, base - s * 0.78), -0.4, s * 0.25, s * 0.13, (90, 170, 80), vein=False)
        draw.ellipse((x - s * 0.24, base - s * 0.55, x - s * 0.1, base - s * 0.38), fill=(250, 160, 160))
    elif icon == "balloon":
        colour = (240, 90, 120)
        draw.line((x, base, x + 6, base - s * 0.6, x, base - s * 1.0), fill=OUTLINE, width=2)
        draw.ellipse((x - s * 0.32, base - s * 1.75, x + s * 0.32, base - s * 1.0), fill=colour, **ink)
        draw.ellipse((x - s * 0.18, base - s * 1.6, x - s * 0.06, base - s * 1.4), fill=_lighter(colour, 0.5))
    elif icon == "wand":
        draw.line((x - s * 0.3, base, x + s * 0.15, top + s * 0.35), fill=OUTLINE, width=10)
        draw.line((x - s * 0.3, base, x + s * 0.15, top + s * 0.35), fill=(120, 90, 160), width=5)
        draw.polygon(_star_points(x + s * 0.18, top + s * 0.28, s * 0.28, s * 0.12), fill=(255, 214, 60), **ink)
        p.glow(p.front, (x + s * 0.18, top + s * 0.28), s * 0.8, (255, 230, 150), 0.6)
    elif icon == "shell":
        draw.pieslice(
            (x - s * 0.42, base - s * 0.8, x + s * 0.42, base + s * 0.05), 180, 360, fill=(250, 206, 196), **ink
        )
        for a in range(195, 350, 25):
            draw.line(
                (
                    x,
                    base - s * 0.38,
                    x + s * 0.4 * math.cos(math.radians(a)),
                    base - s * 0.38 + s * 0.42 * math.sin(math.radians(a)),
                ),
                fill=(220, 150, 140),
                width=3,
            )
        draw.rectangle((x - s * 0.1, base - s * 0.4, x + s * 0.1, base), fill=(250, 206, 196), **ink)
    elif icon == "cake":
        draw.polygon(
            ((x - s * 0.3, mid), (x + s * 0.3, mid), (x + s * 0.22, base), (x - s * 0.22, base)),
            fill=(240, 170, 90),
            **ink,
        )
        draw.ellipse((x - s * 0.38, top + s * 0.15, x + s * 0.38, mid + s * 0.1), fill=(250, 190, 210), **ink)
        draw.ellipse((x - 9, top + s * 0.02, x + 9, top + s * 0.2), fill=(220, 40, 60), **ink)
    elif icon == "heart":
        r = s * 0.22
        draw.ellipse((x - 2 * r, top + s * 0.15, x, top + s * 0.15 + 2 * r), fill=(240, 80, 110))
        draw.ellipse((x, top + s * 0.15, x + 2 * r, top + s * 0.15 + 2 * r), fill=(240, 80, 110))
        draw.polygon(
            ((x - 2 * r + 2, top + s * 0.15 + r * 1.2), (x + 2 * r - 2, top + s * 0.15 + r * 1.2), (x, base)),
            fill=(240, 80, 110),
        )
    elif icon == "compass":
        draw.ellipse((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), fill=GOLD, **ink)
        draw.ellipse((x - s * 0.31, base - s * 0.71, x + s * 0.31, base - s * 0.09), fill=PAPER)
        draw.polygon(((x, base - s * 0.68), (x + 8, mid - s * 0.1), (x - 8, mid - s * 0.1)), fill=(220, 60, 60))
        draw.polygon(((x, base - s * 0.12), (x + 8, mid - s * 0.1), (x - 8, mid - s * 0.1)), fill=(90, 90, 110))
    elif icon == "egg":
        draw.ellipse((x - s * 0.3, top + s * 0.1, x + s * 0.3, base), fill=(250, 240, 220), **ink)
        for dx, dy in ((-0.1, 0.35), (0.12, 0.5), (-0.05, 0.7), (0.15, 0.25)):
            draw.ellipse((x + s * dx - 6, top + s * dy - 6, x + s * dx + 6, top + s * dy + 6), fill=(130, 200, 160))
    elif icon == "kite":
        draw.line((x, base, x - s * 0.2, mid, x, top + s * 0.3), fill=OUTLINE, width=2)
        kx, ky = x + s * 0.2, top - s * 0.3
        draw.polygon(
            ((kx, ky - s * 0.4), (kx + s * 0.3, ky), (kx, ky + s * 0.55), (kx - s * 0.3, ky)),
            fill=(250, 200, 60),
            **ink,
        )
        draw.polygon(((kx, ky - s * 0.4), (kx + s * 0.3, ky), (kx, ky)), fill=(240, 90, 90))
        draw.polygon(((kx, ky + s * 0.55), (kx - s * 0.3, ky), (kx, ky)), fill=(240, 90, 90))
    elif icon == "gift":
        colour = (120, 170, 240)
        draw.rectangle((x - s * 0.36, top + s * 0.3, x + s * 0.36, base), fill=colour, **ink)
        draw.rectangle((x - s * 0.42, top + s * 0.18, x + s * 0.42, top + s * 0.36), fill=_lighter(colour, 0.2), **ink)
        draw.rectangle((x - 7, top + s * 0.18, x + 7, base), fill=(240, 90, 110))
        for side in (-1, 1):
            draw.ellipse(
                (x + side * s * 0.16 - s * 0.12, top + s * 0.02, x + side * s * 0.16 + s * 0.12, top + s * 0.2),
                outline=(240, 90, 110),
                width=6,
            )
    else:  # anything else: a little burst of magic sparkles
        for dx, dy, r in ((0, 0.45, 0.3), (-0.3, 0.15, 0.14), (0.3, 0.2, 0.17), (0.2, 0.75, 0.12)):
            draw.polygon(_star_points(x + s * dx, top + s * dy, s * r, s * r * 0.3, 4), fill=(255, 230, 120), **ink)
        p.glow(p.front, (x, mid), s * 0.9, (255, 236, 160), 0.5)


# --- Lockets and caption ------------------------------------------------------------------


def _lockets(people: tuple[Person, ...]) -> list[tuple[str, Image.Image]]:
    """(name, round portrait) for each person whose first photo we can read, up to MAX_LOCKETS."""
    photos = [(p.name, _decode(p.photos[0].data)) for p in people if p.photos]
    # A photo we cannot read is left out rather than spoiling the picture.
    photos = [(name, photo) for name, photo in photos if photo is not None][:MAX_LOCKETS]
    diameter = LOCKET_LARGE if len(photos) <= 2 else LOCKET_SMALL
    lockets = []
    for name, photo in photos:
        portrait = ImageOps.fit(photo, (diameter, diameter), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
        portrait.putalpha(_circle_mask(diameter))
        lockets.append((name, portrait))
    return lockets


def _decode(data: bytes) -> Image.Image | None:
    try:
        photo = Image.open(BytesIO(data))
        photo.draft("RGB", (LOCKET_LARGE * 2, LOCKET_LARGE * 2))  # JPEGs decode much faster at a reduced scale
        return ImageOps.exif_transpose(photo).convert("RGB")
    except Exception:  # Pillow raises many different errors for damaged or unknown files
        return None


def _hang_lockets(picture: Image.Image, lockets) -> None:
    """Each remembered person's photo in a gold locket near the top, their name beneath."""
    for index, (name, portrait) in enumerate(lockets):
        diameter = portrait.width
        spots = ((36, 36), (SIZE - 36 - diameter, 36), (36, 330), (SIZE - 36 - diameter, 330))
        _draw_locket(picture, portrait, spots[index], diameter, name)


@lru_cache(maxsize=4)
def _circle_mask(diameter: int) -> Image.Image:
    big = Image.new("L", (diameter * 4, diameter * 4), 0)
    ImageDraw.Draw(big).ellipse((0, 0, diameter * 4 - 1, diameter * 4 - 1), fill=255)
    return big.resize((diameter, diameter), Image.Resampling.LANCZOS)  # drawn large and shrunk for a smooth edge


def _draw_locket(picture, portrait, spot, diameter, name) -> None:
    x, y = spot
    ring = 14
    rim = diameter + ring * 2
    frame = Image.new("RGBA", (rim + 16, rim + 100), (0, 0, 0, 0))
    d = ImageDraw.Draw(frame)
    d.ellipse((8, 12, rim + 8, rim + 12), fill=(40, 30, 30, 90))  # soft shadow
    d.ellipse((rim / 2 - 14, -2, rim / 2 + 14, 26), outline=GOLD_DARK, width=6)  # the loop it hangs from
    d.ellipse((0, 4, rim, rim + 4), fill=GOLD, outline=GOLD_DARK, width=4)
    d.ellipse((6, 10, rim - 6, rim - 2), outline=GOLD_LIGHT, width=3)
    frame.alpha_composite(portrait, (ring, ring + 4))
    d.ellipse((ring - 2, ring + 2, ring + diameter + 2, ring + diameter + 6), outline=GOLD_DARK, width=3)
    picture.alpha_composite(frame, (x - ring, y - ring))
    if name.strip():
        _label(picture, name.strip(), x + diameter / 2, y + diameter + ring + 14, max_width=LABEL_MAX_WIDTH)


def _label(picture, text, centre_x, top, max_width) -> None:
    draw = ImageDraw.Draw(picture)
    font = _font(26)
    text = _fit_line(draw, text, font, max_width - 28)
    left, upper, right, lower = draw.textbbox((0, 0), text, font=font)
    w, h = right - left, lower - upper
    centre_x = min(max(centre_x, w / 2 + 24), SIZE - w / 2 - 24)  # keep the whole label in the picture
    box = (centre_x - w / 2 - 14, top, centre_x + w / 2 + 14, top + h + 16)
    draw.rounded_rectangle(box, radius=(h + 16) / 2, fill=PAPER, outline=GOLD_DARK, width=3)
    draw.text((centre_x - w / 2 - left, top + 8 - upper), text, font=font, fill=INK)


def _fit_line(draw, text, font, max_width) -> str:
    if draw.textlength(text, font=font) <= max_width:
        return text
    while text and draw.textlength(text + "…", font=font) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def _write_caption(picture: Image.Image, title: str) -> None:
    if not title:
        return
    x0, y0, x1, y1 = CAPTION_BOX
    with_margin = x1 - x0 - 60
    draw = ImageDraw.Draw(picture)
    for size in (46, 40, 34, 30):
        font = _font(size)
        lines = _wrap(draw, title, font, with_margin)
        if len(lines) <= (1 if size > 40 else 2):
            break
    if len(lines) > 2:
        lines = [lines[0], _fit_line(draw, " ".join(lines[1:]), font, with_margin)]
    panel = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    ImageDraw.Draw(panel).rounded_rectangle(
        CAPTION_BOX, radius=26, fill=PAPER + (236,), outline=(150, 110, 70, 255), width=4
    )
    picture.alpha_composite(panel)
    heights = [draw.textbbox((0, 0), line, font=font) for line in lines]
    gap = 6
    total = sum(b[3] - b[1] for b in heights) + gap * (len(lines) - 1)
    y = (y0 + y1) / 2 - total / 2
    for line, (left, upper, right, lower) in zip(lines, heights):
        draw.text(((x0 + x1) / 2 - (right - left) / 2 - left, y - upper), line, font=font, fill=INK)
        y += lower - upper + gap


def _wrap(draw, text, font, max_width) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + [current] if current else lines
