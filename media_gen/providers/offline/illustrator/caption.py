"""The caption under the picture, and the lockets with remembered people's photos."""

from functools import cache, lru_cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont, ImageOps

from media_gen.providers.base import Person
from media_gen.providers.offline.illustrator.palette import (
    CAPTION_BOX,
    GOLD,
    GOLD_DARK,
    GOLD_LIGHT,
    INK,
    LABEL_MAX_WIDTH,
    LOCKET_LARGE,
    LOCKET_SMALL,
    MAX_LOCKETS,
    PAPER,
    SIZE,
)

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@cache
def typeface(size: int):
    try:
        return ImageFont.truetype(FONT_PATH, size)
    except OSError:
        return ImageFont.load_default(size=size)  # Pillow's own font, bitmap if FreeType is missing


def lockets(people: tuple[Person, ...]) -> list[tuple[str, Image.Image]]:
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
    except Exception:  # noqa: BLE001  (Pillow raises many different errors for damaged or unknown files)
        return None


def hang_lockets(picture: Image.Image, lockets) -> None:
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
    font = typeface(26)
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


def write_caption(picture: Image.Image, title: str) -> None:
    if not title:
        return
    x0, y0, x1, y1 = CAPTION_BOX
    with_margin = x1 - x0 - 60
    draw = ImageDraw.Draw(picture)
    for size in (46, 40, 34, 30):
        font = typeface(size)
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
