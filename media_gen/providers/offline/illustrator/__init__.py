"""The offline image model: a storybook illustration drawn with Pillow.

Families without an API key still get a picture for every scene. The picture is drawn
from the scene's hints (vocabulary.py: place, time, weather, the characters present, the
key object and the framing) that the offline storyteller writes; a scene another text
model wrote has no hints, and then the prompt's words set the scene (reading.py). In memory
mode each person's first photo hangs in a golden locket with their name. Everything is
derived from the brief, so the same brief always gives the same picture.

Layers, back to front: sky and scenery (painted for the place and shaded by the time of
day), the characters and the key object, what stands in front (snow, bubbles, fireflies),
the weather, the lockets and the caption. The framing moves the camera: the scenery may
be seen from the other side (`flip`) or from closer (`shot`), and the characters stand
left, centre or right (`stage`), near or far.
"""

import hashlib
import json
import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageOps, PngImagePlugin

from media_gen.providers.base import ImageBrief
from media_gen.providers.offline import vocabulary
from media_gen.providers.offline.illustrator import caption, cast, reading, settings
from media_gen.providers.offline.illustrator.painter import Painter, paint_sky
from media_gen.providers.offline.illustrator.palette import CAPTION_BOX, FEET_Y, SIZE

__all__ = ["SIZE", "draw_scene"]

# How each shot frames the scene: the scenery's zoom, the characters' scale and where their feet are.
SHOTS = {"wide": (1.0, 1.0, FEET_Y), "near": (1.3, 1.3, FEET_Y + 30), "far": (1.0, 0.68, FEET_Y - 90)}
STAGE_X = {"left": 0.3, "centre": 0.5, "right": 0.7}
WEATHER_VEILS = {
    "fog": (226, 230, 236, 190),
    "cloudy": (180, 186, 200, 50),
    "rain": (120, 130, 150, 70),
    "snow": (235, 240, 250, 40),
}


def draw_scene(brief: ImageBrief) -> bytes:
    """Draw the scene as a SIZE x SIZE PNG and return its bytes."""
    hints = vocabulary.read(brief.hints) if brief.hints else reading.hints_from_text(brief)
    seed_text = json.dumps([brief.seed, brief.prompt if not brief.hints else "", hints], sort_keys=True)
    rng = random.Random(hashlib.sha256(seed_text.encode()).digest())
    painter = Painter(hints["place"], hints["time"], rng)
    lockets = caption.lockets(brief.people)

    backdrop, _ = settings.PAINTERS[hints["place"]]
    if backdrop:
        backdrop(painter)
    else:
        paint_sky(painter, keep_corners_free=bool(lockets), cloudy=hints["weather"] != "clear")
    settings.paint(painter, hints["place"])
    cast.place_cast(painter, hints, {person.name.lower(): person for person in brief.people})

    picture = _frame(painter, hints)
    _weather(picture, hints["weather"], rng)
    caption.hang_lockets(picture, lockets)
    caption.write_caption(picture, brief.scene_title.strip())

    out = BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("caption_top", str(CAPTION_BOX[1] if brief.scene_title.strip() else SIZE))
    picture.convert("RGB").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _frame(painter, hints) -> Image.Image:
    """The scenery seen from where the shot puts the camera, with the characters in it."""
    zoom, scale, feet = SHOTS[hints["shot"]]
    centre_x = SIZE * STAGE_X[hints["stage"]]
    scenery, front = painter.scenery(), painter.front
    if hints["flip"]:
        scenery, front = ImageOps.mirror(scenery), ImageOps.mirror(front)
    if zoom != 1.0:
        scenery, front = (_zoom(layer, zoom, (centre_x, SIZE * 0.62)) for layer in (scenery, front))
    characters = painter.characters()
    if scale != 1.0 or feet != FEET_Y:
        characters = _move(characters, scale, (centre_x, FEET_Y), (centre_x, feet))
    scenery.alpha_composite(characters)
    scenery.alpha_composite(front)
    return scenery


def _zoom(layer, zoom, centre):
    side = SIZE / zoom
    left = min(max(centre[0] - side / 2, 0), SIZE - side)
    top = min(max(centre[1] - side / 2, 0), SIZE - side)
    return layer.resize((SIZE, SIZE), Image.Resampling.BICUBIC, box=(left, top, left + side, top + side))


def _move(layer, scale, anchor, to):
    """The layer scaled by `scale` about `anchor`, which lands on `to`."""
    scaled = layer.resize((round(SIZE * scale), round(SIZE * scale)), Image.Resampling.BICUBIC)
    moved = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    offset = (round(to[0] - anchor[0] * scale), round(to[1] - anchor[1] * scale))
    left, top = max(0, -offset[0]), max(0, -offset[1])
    box = (left, top, min(scaled.width, SIZE - offset[0]), min(scaled.height, SIZE - offset[1]))
    moved.alpha_composite(scaled, dest=(offset[0] + left, offset[1] + top), source=box)
    return moved


def _weather(picture, weather, rng):
    if weather == "clear":
        return
    veil = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(veil)
    colour = WEATHER_VEILS[weather]
    if weather == "fog":  # a thin veil everywhere, thicker low down, where fog lies
        draw.rectangle((0, 0, SIZE, SIZE), fill=colour[:3] + (110,))
        for band in range(12):
            top = SIZE * (0.35 + band * 0.05)
            draw.rectangle((0, top, SIZE, SIZE), fill=colour[:3] + (colour[3] // 12,))
    else:
        draw.rectangle((0, 0, SIZE, SIZE), fill=colour)
    if weather == "rain":
        for _ in range(160):
            x, y = rng.uniform(0, SIZE), rng.uniform(0, SIZE)
            draw.line((x, y, x - 8, y + 26), fill=(220, 230, 250, 150), width=2)
    elif weather == "snow":
        for _ in range(140):
            x, y, r = rng.uniform(0, SIZE), rng.uniform(0, SIZE), rng.uniform(2, 5)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, 220))
    picture.alpha_composite(veil)
