"""The illustrator's colours, sizes and word tables: data only."""

SIZE = 1024
FEET_Y = 884  # where characters stand
CAPTION_BOX = (28, 910, SIZE - 28, SIZE - 14)
OUTLINE = (74, 52, 48)  # one ink colour for every outline keeps the storybook look
WHITE = (255, 255, 255)
MAX_CHARACTERS = 5
MAX_LOCKETS = 4
LABEL_MAX_WIDTH = 320
LOCKET_LARGE, LOCKET_SMALL = 200, 170  # portrait diameters for up to two lockets, and for more


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
    "mansion": {
        "far": (120, 140, 150),
        "wall": (150, 130, 140),
        "roof": (80, 70, 92),
        "door": (96, 60, 52),
        "ground": (104, 128, 96),
        "trunk": (84, 70, 66),
        "fence": (50, 48, 58),
        "path": (176, 164, 150),
        "tuft": (86, 112, 80),
    },
    "valley": {
        "volcano": (136, 110, 100),
        "lava": (240, 110, 50),
        "smoke": (220, 220, 226, 170),
        "mid": (120, 170, 90),
        "near": (150, 196, 96),
        "trunk": (140, 100, 64),
        "frond": (70, 150, 70),
        "fern": (60, 140, 76),
        "tuft": (96, 160, 70),
    },
    "lake": {
        "far": (150, 190, 170),
        "pine": (70, 130, 96),
        "water": (96, 160, 206),
        "ripple": (190, 226, 246),
        "jetty": (160, 116, 76),
        "shore": (140, 196, 110),
        "reed": (96, 140, 70),
        "cattail": (120, 80, 50),
    },
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
    "detective": "detective",
    "chef": "chef",
    "baker": "chef",
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
    "mansion": ("mansion", "manor", "haunted", "detective", "victorian", "butler"),
    "valley": ("dinosaur", "dino", "prehistoric", "volcano", "jurassic", "t-rex"),
    "lake": ("lake", "pond", "river", "fishing", "jetty", "canoe"),
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
