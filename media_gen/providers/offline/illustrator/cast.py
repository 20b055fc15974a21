"""The characters: children, grown-ups, animals and creatures, and where they stand."""

import colorsys
import hashlib
import math
import re

from PIL import ImageDraw

from media_gen.providers.offline.illustrator.objects import draw_hat, draw_object
from media_gen.providers.offline.illustrator.painter import (
    Painter,
    darker,
    hsv,
    lighter,
    mix,
)
from media_gen.providers.offline.illustrator.palette import (
    ADULT_WORDS,
    ALIENS,
    CHEEK,
    CRITTER_COLOURS,
    ELDER_WORDS,
    FAIRIES,
    FEET_Y,
    GOLD,
    GREY_HAIR,
    HAIR_COLOURS,
    HAIR_STYLES,
    HAIR_WORDS,
    HAT_WORDS,
    HELMET_SETTINGS,
    MALE_STYLES,
    MALE_WORDS,
    MAX_CHARACTERS,
    OUTLINE,
    SIZE,
    SKIN_TONES,
    STYLE_WORDS,
    TAILS,
    TROUSERS,
    WHITE,
)
from media_gen.providers.offline.vocabulary import COLOURS


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.strip().lower().encode()).digest()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z'-]*", text.lower()))


# How wide a character or the key object stands in the row, at full size.
CHARACTER_WIDTH, OBJECT_WIDTH, ROW_WIDTH = 190, 140, 900
OBJECT_SIZE = 120
LIFTS = {"jump": 46, "sit": -12}  # how far a pose raises someone off the ground
RAISED_HANDS = {"wave": "one", "point": "one", "jump": "both"}
FIGURE_CRITTERS = {
    "dog": "dog",
    "cat": "cat",
    "bear": "bear",
    "bunny": "bunny",
    "fox": "fox",
    "mouse": "mouse",
    "unicorn": "unicorn",
    "monkey": "bear",
    "elephant": "bear",
}
FIGURE_BIRDS = {"owl": "owl", "bird": "bird", "penguin": "penguin"}
# Words that draw a person as their age or outfit says (see palette.ELDER_WORDS, HAT_WORDS...).
AGE_WORDS = {"adult": "parent", "elder": "grandparent", "child": ""}
OUTFIT_WORDS = {
    "crown": "king",
    "wizard": "wizard",
    "pirate": "pirate",
    "detective": "detective",
    "chef": "chef",
    "tutu": "tutu",
    "helmet": "helmet",
    "": "",
}


def place_cast(p: Painter, hints, people_by_name) -> None:
    """Stand the characters in a row around the stage's middle, the key object beside the hero."""
    row = [("character", character) for character in hints["characters"][:MAX_CHARACTERS]]
    if hints["object"]:
        row.insert(min(1, len(row)), ("object", hints["object"]))
    if not row:
        return
    widths = [CHARACTER_WIDTH if kind == "character" else OBJECT_WIDTH for kind, _ in row]
    scale = min(1.0, ROW_WIDTH / sum(widths))
    middle = SIZE * {"left": 0.3, "centre": 0.5, "right": 0.7}[hints["stage"]]
    half = sum(widths) * scale / 2
    x = min(max(middle - half, SIZE / 2 - ROW_WIDTH / 2), SIZE / 2 + ROW_WIDTH / 2 - 2 * half)
    used_hues = []
    draw = ImageDraw.Draw(p.cast)
    for (kind, item), width in zip(row, widths, strict=True):
        centre = x + width * scale / 2
        if kind == "character":
            person = people_by_name.get(item["name"].lower())
            look = " ".join(
                filter(
                    None, (item.get("look"), person.description if person else "", person.relation if person else "")
                )
            )
            draw_character(p, draw, centre, {**item, "look": look}, used_hues)
        else:
            draw_object(p, draw, item, centre, FEET_Y + 12, OBJECT_SIZE)
        x += width * scale


def _character_hue(name: str, used: list, colour="") -> float:
    """The character's own colour as a hue, or one from the name turned away from hues already in the
    picture, so everyone looks distinct."""
    if colour in COLOURS:
        hue = colorsys.rgb_to_hsv(*(c / 255 for c in COLOURS[colour]))[0]
        used.append(hue)
        return hue
    hue = _digest(name)[0] / 255
    while any(min(abs(hue - u), 1 - abs(hue - u)) < 0.09 for u in used) and len(used) < 10:
        hue = (hue + 0.382) % 1.0  # the golden angle spreads hues evenly
    used.append(hue)
    return hue


def draw_character(p: Painter, draw, x, character, used_hues) -> None:
    """One character of the hints, drawn as their figure, coloured and posed."""
    name, figure, colour = character["name"], character["figure"], character.get("colour", "")
    hue = _character_hue(name or figure, used_hues, colour)
    feet = FEET_Y - LIFTS.get(character.get("pose"), 0)
    fur = COLOURS.get(colour)
    if figure in FIGURE_CRITTERS:
        _draw_critter(draw, x, feet, FIGURE_CRITTERS[figure], name, hue, fur=fur)
        if figure == "elephant":
            _trunk(draw, x, feet, fur or COLOURS["grey"])
    elif figure in FIGURE_BIRDS:
        _draw_bird(draw, x, feet, FIGURE_BIRDS[figure], hue)
    elif figure in ("dragon", "dinosaur"):
        _draw_dragon(draw, x, feet, hue, wings=figure == "dragon")
    elif figure == "robot":
        _draw_robot(p, draw, x, feet, hue)
    elif figure == "octopus":
        _draw_octopus(draw, x, feet, fur or COLOURS["purple"], name)
    elif figure == "fish":
        _draw_fish(draw, x, feet, fur or COLOURS["orange"])
    else:
        found = _words(
            " ".join(
                (
                    name,
                    character.get("kind", ""),
                    AGE_WORDS.get(character.get("age"), ""),
                    OUTFIT_WORDS.get(character.get("outfit"), ""),
                    character.get("look", ""),
                )
            )
        )
        found |= {"alien"} if figure == "alien" else {"fairy"} if figure == "fairy" else set()
        _draw_person(p, draw, x, feet, name, found, hue, raised=RAISED_HANDS.get(character.get("pose"), ""))


def _trunk(draw, x, feet, colour):
    s = 170
    draw.line(
        _curve((x - s * 0.05, feet - s * 0.62), (x - s * 0.1, feet - s * 0.3), (x + s * 0.12, feet - s * 0.28)),
        fill=OUTLINE,
        width=26,
        joint="curve",
    )
    draw.line(
        _curve((x - s * 0.05, feet - s * 0.62), (x - s * 0.1, feet - s * 0.3), (x + s * 0.12, feet - s * 0.28)),
        fill=colour,
        width=18,
        joint="curve",
    )


def _draw_octopus(draw, x, feet, colour, name):
    """A round head and eight curling arms."""
    s = 180
    for k in range(8):
        side = -1 if k < 4 else 1
        reach = (k % 4 + 1) * s * 0.13
        arm = _curve(
            (x + side * s * 0.08 * (k % 4), feet - s * 0.45),
            (x + side * reach, feet - s * 0.1),
            (x + side * (reach + s * 0.12), feet - s * (0.2 if k % 2 else 0.02)),
        )
        draw.line(arm, fill=OUTLINE, width=26, joint="curve")
        draw.line(arm, fill=darker(colour, 0.08 * (k % 2)), width=18, joint="curve")
    draw.ellipse((x - s * 0.36, feet - s * 1.02, x + s * 0.36, feet - s * 0.36), fill=colour, outline=OUTLINE, width=4)
    draw.ellipse((x - s * 0.24, feet - s * 0.92, x - s * 0.06, feet - s * 0.8), fill=lighter(colour, 0.35))
    _face(draw, x, feet - s * 0.62, s * 0.36)


def _draw_fish(draw, x, feet, colour):
    """A big friendly fish, floating a little off the ground."""
    s, cy = 170, feet - 120
    draw.polygon(
        ((x + s * 0.3, cy), (x + s * 0.62, cy - s * 0.3), (x + s * 0.62, cy + s * 0.3)),
        fill=colour,
        outline=OUTLINE,
        width=4,
    )
    draw.ellipse((x - s * 0.5, cy - s * 0.34, x + s * 0.4, cy + s * 0.34), fill=colour, outline=OUTLINE, width=4)
    draw.chord((x - s * 0.2, cy - s * 0.52, x + s * 0.2, cy - s * 0.12), 180, 360, fill=darker(colour, 0.15))
    _face(draw, x - s * 0.22, cy, s * 0.3)


def _face(draw, x, y, r):
    """Two shining eyes and a smile, for creatures without a head of their own."""
    for side in (-1, 1):
        ex = x + side * r * 0.38
        draw.ellipse((ex - r * 0.16, y - r * 0.2, ex + r * 0.16, y + r * 0.14), fill=WHITE, outline=OUTLINE, width=3)
        draw.ellipse((ex - r * 0.07, y - r * 0.08, ex + r * 0.07, y + r * 0.08), fill=OUTLINE)
    draw.arc((x - r * 0.3, y, x + r * 0.3, y + r * 0.4), 20, 160, fill=OUTLINE, width=4)


def _draw_person(p: Painter, draw, x, feet, name, words, hue, raised="one") -> None:
    digest = _digest(name)
    elder = bool(words & ELDER_WORDS)
    height = 270 if words & ADULT_WORDS else 220
    head_r = height * (0.17 if height > 250 else 0.2)
    alien = bool(words & ALIENS)
    skin = hsv(0.3 + hue * 0.1, 0.45, 0.8) if alien else SKIN_TONES[digest[1] % len(SKIN_TONES)]
    hair = GREY_HAIR if elder else HAIR_COLOURS[digest[2] % len(HAIR_COLOURS)]
    hair = next((HAIR_WORDS[w] for w in words if w in HAIR_WORDS), hair)
    male = bool(words & MALE_WORDS)
    styles = MALE_STYLES if male else HAIR_STYLES
    style = next((STYLE_WORDS[w] for w in words if w in STYLE_WORDS), styles[digest[3] % len(styles)])
    if alien:
        style = "bald"
    shirt = hsv(hue, 0.55, 0.92)
    trousers = TROUSERS[digest[4] % len(TROUSERS)]
    dress = "tutu" in words or not male and style in ("long", "pigtails", "bun") and digest[5] % 2 == 0

    head_y = feet - height + head_r
    torso_top, torso_bottom = head_y + head_r * 0.8, feet - height * 0.3
    half = height * 0.17
    arm = max(8, int(height * 0.065))
    wave = 1 if digest[6] % 2 else -1  # which hand waves hello
    up = {"one": (wave,), "both": (-1, 1)}.get(raised, ())

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
            if side in up
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
            fill=lighter(shirt, 0.4),
            width=6,
        )
    _draw_head(p, draw, x, head_y, head_r, skin, hair, style, elder, alien)
    hat = next((HAT_WORDS[w] for w in words if w in HAT_WORDS), None)
    if hat:
        draw_hat(draw, x, head_y, head_r, hat)
    if p.setting in HELMET_SETTINGS or "helmet" in words:
        helmet = ImageDraw.Draw(p.cast_front)
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
            fill=mix(skin, CHEEK, 0.6),
        )
        if elder:
            draw.ellipse((ex - r * 0.25, eye_y - r * 0.25, ex + r * 0.25, eye_y + r * 0.25), outline=OUTLINE, width=3)
    if elder:
        draw.line((x - r * 0.13, eye_y, x + r * 0.13, eye_y), fill=OUTLINE, width=3)
    draw.arc((x - r * 0.32, y + r * 0.12, x + r * 0.32, y + r * 0.6), 20, 160, fill=OUTLINE, width=4)


def _draw_critter(draw, x, feet, species, name, hue, fur=None) -> None:
    digest = _digest(name)
    colours = CRITTER_COLOURS[species]
    fur = fur or colours[digest[1] % len(colours)]
    light = lighter(fur, 0.55)
    s = 170
    head_y, head_r = feet - s * 0.78, s * 0.3
    # Tails go behind the body.
    if species == "fox":
        draw.ellipse((x + s * 0.2, feet - s * 0.5, x + s * 0.75, feet - s * 0.22), fill=fur, outline=OUTLINE, width=3)
        draw.ellipse((x + s * 0.58, feet - s * 0.47, x + s * 0.75, feet - s * 0.27), fill=WHITE)
    elif species in TAILS:
        width, curl = TAILS[species]
        tail = hsv(hue, 0.45, 0.95) if species == "unicorn" else fur
        _tail(
            draw,
            _curve((x + s * 0.25, feet - s * 0.12), (x + s * 0.75, feet - s * 0.02), (x + s * 0.55, feet - s * curl)),
            tail,
            width,
        )
    draw.ellipse((x - s * 0.38, feet - s * 0.62, x + s * 0.38, feet), fill=fur, outline=OUTLINE, width=3)
    draw.ellipse((x - s * 0.2, feet - s * 0.45, x + s * 0.2, feet - s * 0.05), fill=light)
    _paws(draw, x, feet, s * 0.2, s * 0.1, fur)
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
                fill=lighter(fur, 0.4),
            )
    if species == "unicorn":  # a rainbow mane, tucked behind the head
        for k in range(6):
            angle = math.radians(-80 + k * 24)
            mx, my = x + math.cos(angle) * head_r * 0.98, head_y + math.sin(angle) * head_r * 0.98
            mr = head_r * 0.34
            draw.ellipse(
                (mx - mr, my - mr, mx + mr, my + mr), fill=hsv(hue + k * 0.12, 0.4, 0.97), outline=OUTLINE, width=3
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
                fill=darker(fur, 0.25),
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


def _paws(draw, x, feet, apart, height, colour):
    """Two round feet, `apart` either side of x."""
    for side in (-1, 1):
        draw.ellipse(
            (x + side * apart - height * 1.1, feet - height, x + side * apart + height * 1.1, feet + 4),
            fill=colour,
            outline=OUTLINE,
            width=3,
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
    body = {"owl": (150, 110, 80), "penguin": (50, 56, 74)}.get(kind, hsv(hue, 0.65, 0.92))
    belly = WHITE if kind == "penguin" else lighter(body, 0.5)
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
            fill=darker(body, 0.15),
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
    scales = hsv(0.33 + (hue - 0.5) * 0.5, 0.5, 0.78)
    belly = mix(scales, (255, 236, 170), 0.6)
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
                fill=lighter(scales, 0.3),
                outline=OUTLINE,
                width=3,
            )
    draw.ellipse((x - s * 0.3, body_top, x + s * 0.3, feet), fill=scales, outline=OUTLINE, width=3)
    draw.ellipse((x - s * 0.17, body_top + s * 0.15, x + s * 0.17, feet - s * 0.04), fill=belly)
    for k in range(1, 4):
        y = body_top + s * 0.15 + k * s * 0.1
        draw.line((x - s * 0.12, y, x + s * 0.12, y), fill=darker(belly, 0.15), width=3)
    _paws(draw, x, feet, s * 0.17, s * 0.09, scales)
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


def _draw_robot(p: Painter, draw, x, feet, hue) -> None:
    s = 210
    metal = hsv(hue, 0.25, 0.86)
    dark = darker(metal, 0.3)
    lit = ImageDraw.Draw(p.cast_front)
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
    p.glow(p.cast_front, (x, top - 34), 30, (255, 120, 120), 0.6)
    draw.rounded_rectangle(
        (x - s * 0.2, top, x + s * 0.2, feet - s * 0.68), radius=18, fill=metal, outline=OUTLINE, width=3
    )
    draw.rounded_rectangle((x - s * 0.15, top + s * 0.05, x + s * 0.15, feet - s * 0.73), radius=12, fill=(40, 48, 66))
    eyes = (130, 240, 255)
    for side in (-1, 1):
        ex, ey = x + side * s * 0.07, top + s * 0.13
        lit.ellipse((ex - 9, ey - 9, ex + 9, ey + 9), fill=eyes + (255,))
    lit.arc((x - s * 0.07, top + s * 0.1, x + s * 0.07, top + s * 0.23), 20, 160, fill=eyes + (255,), width=4)
