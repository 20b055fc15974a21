"""The key object of a scene, one small drawing each, picked from a table."""

import math

from media_gen.providers.offline.illustrator.painter import (
    darker,
    lighter,
    star_points,
)
from media_gen.providers.offline.illustrator.palette import (
    GOLD,
    GOLD_DARK,
    GOLD_LIGHT,
    OUTLINE,
    PAPER,
    WHITE,
)


def _key(p, draw, x, base, s, top, mid, ink):
    draw.line((x - s * 0.1, mid, x + s * 0.45, mid), fill=OUTLINE, width=14)
    draw.line((x - s * 0.1, mid, x + s * 0.45, mid), fill=GOLD, width=8)
    for tx in (0.3, 0.42):
        draw.rectangle((x + s * tx - 4, mid, x + s * tx + 4, mid + s * 0.16), fill=GOLD, **ink)
    draw.ellipse((x - s * 0.45, mid - s * 0.2, x - s * 0.05, mid + s * 0.2), fill=GOLD, **ink)
    draw.ellipse((x - s * 0.33, mid - s * 0.08, x - s * 0.17, mid + s * 0.08), fill=(255, 255, 255, 0), **ink)


def _book(p, draw, x, base, s, top, mid, ink):
    colour = (200, 70, 80)
    draw.rounded_rectangle((x - s * 0.38, top + s * 0.2, x + s * 0.38, base), radius=6, fill=colour, **ink)
    draw.rectangle((x - s * 0.3, base - s * 0.14, x + s * 0.38, base - s * 0.04), fill=PAPER)
    draw.rectangle((x - s * 0.38, top + s * 0.2, x - s * 0.26, base), fill=darker(colour, 0.2), **ink)
    draw.polygon(star_points(x + s * 0.05, mid, s * 0.13, s * 0.06), fill=GOLD)


def _map(p, draw, x, base, s, top, mid, ink):
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


def _lantern(p, draw, x, base, s, top, mid, ink):
    draw.arc((x - s * 0.15, top - s * 0.05, x + s * 0.15, top + s * 0.25), 180, 360, fill=OUTLINE, width=4)
    draw.rectangle((x - s * 0.22, top + s * 0.1, x + s * 0.22, top + s * 0.2), fill=(70, 70, 80), **ink)
    draw.rounded_rectangle(
        (x - s * 0.2, top + s * 0.2, x + s * 0.2, base - s * 0.1), radius=8, fill=(255, 220, 120), **ink
    )
    draw.rectangle((x - s * 0.25, base - s * 0.1, x + s * 0.25, base), fill=(70, 70, 80), **ink)
    p.glow(p.cast_front, (x, mid), s * (1.3 if p.night else 0.7), (255, 220, 130), 0.7)


def _chest(p, draw, x, base, s, top, mid, ink):
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


def _crown(p, draw, x, base, s, top, mid, ink):
    draw_hat(draw, x, base - s * 0.05, s * 0.55, "crown")


def _star(p, draw, x, base, s, top, mid, ink):
    draw.polygon(star_points(x, mid, s * 0.45, s * 0.2), fill=(255, 214, 60), **ink)
    p.glow(p.cast_front, (x, mid), s, (255, 230, 120), 0.5)


def _gem(p, draw, x, base, s, top, mid, ink):
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
        ((x - s * 0.2, top + s * 0.35), (x + s * 0.2, top + s * 0.35), (x, base - 6)), fill=lighter(colour, 0.4)
    )
    p.glow(p.cast_front, (x, mid), s * 0.9, colour, 0.5)


def _ball(p, draw, x, base, s, top, mid, ink):
    draw.ellipse((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), fill=(240, 80, 80), **ink)
    draw.chord((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), 300, 60, fill=WHITE)
    draw.chord((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), 120, 240, fill=(80, 150, 240))
    draw.ellipse((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), outline=OUTLINE, width=3)


def _flower(p, draw, x, base, s, top, mid, ink):
    draw.line((x, base, x, mid), fill=(80, 150, 70), width=6)
    p.leaf(draw, (x, base - s * 0.2), -math.pi / 4, s * 0.3, s * 0.14, (90, 170, 80), vein=False)
    for k in range(6):
        a = k * math.tau / 6
        px, py = x + math.cos(a) * s * 0.18, top + s * 0.3 + math.sin(a) * s * 0.18
        draw.ellipse((px - s * 0.13, py - s * 0.13, px + s * 0.13, py + s * 0.13), fill=(240, 110, 150), **ink)
    draw.ellipse((x - s * 0.12, top + s * 0.18, x + s * 0.12, top + s * 0.42), fill=(255, 214, 70), **ink)


def _apple(p, draw, x, base, s, top, mid, ink):
    draw.ellipse((x - s * 0.38, base - s * 0.7, x + s * 0.38, base), fill=(226, 60, 60), **ink)
    draw.line((x, base - s * 0.68, x + 4, base - s * 0.85), fill=(110, 80, 50), width=5)
    p.leaf(draw, (x + 3, base - s * 0.78), -0.4, s * 0.25, s * 0.13, (90, 170, 80), vein=False)
    draw.ellipse((x - s * 0.24, base - s * 0.55, x - s * 0.1, base - s * 0.38), fill=(250, 160, 160))


def _balloon(p, draw, x, base, s, top, mid, ink):
    colour = (240, 90, 120)
    draw.line((x, base, x + 6, base - s * 0.6, x, base - s * 1.0), fill=OUTLINE, width=2)
    draw.ellipse((x - s * 0.32, base - s * 1.75, x + s * 0.32, base - s * 1.0), fill=colour, **ink)
    draw.ellipse((x - s * 0.18, base - s * 1.6, x - s * 0.06, base - s * 1.4), fill=lighter(colour, 0.5))


def _wand(p, draw, x, base, s, top, mid, ink):
    draw.line((x - s * 0.3, base, x + s * 0.15, top + s * 0.35), fill=OUTLINE, width=10)
    draw.line((x - s * 0.3, base, x + s * 0.15, top + s * 0.35), fill=(120, 90, 160), width=5)
    draw.polygon(star_points(x + s * 0.18, top + s * 0.28, s * 0.28, s * 0.12), fill=(255, 214, 60), **ink)
    p.glow(p.cast_front, (x + s * 0.18, top + s * 0.28), s * 0.8, (255, 230, 150), 0.6)


def _shell(p, draw, x, base, s, top, mid, ink):
    draw.pieslice((x - s * 0.42, base - s * 0.8, x + s * 0.42, base + s * 0.05), 180, 360, fill=(250, 206, 196), **ink)
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


def _cake(p, draw, x, base, s, top, mid, ink):
    draw.polygon(
        ((x - s * 0.3, mid), (x + s * 0.3, mid), (x + s * 0.22, base), (x - s * 0.22, base)),
        fill=(240, 170, 90),
        **ink,
    )
    draw.ellipse((x - s * 0.38, top + s * 0.15, x + s * 0.38, mid + s * 0.1), fill=(250, 190, 210), **ink)
    draw.ellipse((x - 9, top + s * 0.02, x + 9, top + s * 0.2), fill=(220, 40, 60), **ink)


def _heart(p, draw, x, base, s, top, mid, ink):
    r = s * 0.22
    draw.ellipse((x - 2 * r, top + s * 0.15, x, top + s * 0.15 + 2 * r), fill=(240, 80, 110))
    draw.ellipse((x, top + s * 0.15, x + 2 * r, top + s * 0.15 + 2 * r), fill=(240, 80, 110))
    draw.polygon(
        ((x - 2 * r + 2, top + s * 0.15 + r * 1.2), (x + 2 * r - 2, top + s * 0.15 + r * 1.2), (x, base)),
        fill=(240, 80, 110),
    )


def _compass(p, draw, x, base, s, top, mid, ink):
    draw.ellipse((x - s * 0.4, base - s * 0.8, x + s * 0.4, base), fill=GOLD, **ink)
    draw.ellipse((x - s * 0.31, base - s * 0.71, x + s * 0.31, base - s * 0.09), fill=PAPER)
    draw.polygon(((x, base - s * 0.68), (x + 8, mid - s * 0.1), (x - 8, mid - s * 0.1)), fill=(220, 60, 60))
    draw.polygon(((x, base - s * 0.12), (x + 8, mid - s * 0.1), (x - 8, mid - s * 0.1)), fill=(90, 90, 110))


def _egg(p, draw, x, base, s, top, mid, ink):
    draw.ellipse((x - s * 0.3, top + s * 0.1, x + s * 0.3, base), fill=(250, 240, 220), **ink)
    for dx, dy in ((-0.1, 0.35), (0.12, 0.5), (-0.05, 0.7), (0.15, 0.25)):
        draw.ellipse((x + s * dx - 6, top + s * dy - 6, x + s * dx + 6, top + s * dy + 6), fill=(130, 200, 160))


def _kite(p, draw, x, base, s, top, mid, ink):
    draw.line((x, base, x - s * 0.2, mid, x, top + s * 0.3), fill=OUTLINE, width=2)
    kx, ky = x + s * 0.2, top - s * 0.3
    draw.polygon(
        ((kx, ky - s * 0.4), (kx + s * 0.3, ky), (kx, ky + s * 0.55), (kx - s * 0.3, ky)),
        fill=(250, 200, 60),
        **ink,
    )
    draw.polygon(((kx, ky - s * 0.4), (kx + s * 0.3, ky), (kx, ky)), fill=(240, 90, 90))
    draw.polygon(((kx, ky + s * 0.55), (kx - s * 0.3, ky), (kx, ky)), fill=(240, 90, 90))


def _gift(p, draw, x, base, s, top, mid, ink):
    colour = (120, 170, 240)
    draw.rectangle((x - s * 0.36, top + s * 0.3, x + s * 0.36, base), fill=colour, **ink)
    draw.rectangle((x - s * 0.42, top + s * 0.18, x + s * 0.42, top + s * 0.36), fill=lighter(colour, 0.2), **ink)
    draw.rectangle((x - 7, top + s * 0.18, x + 7, base), fill=(240, 90, 110))
    for side in (-1, 1):
        draw.ellipse(
            (x + side * s * 0.16 - s * 0.12, top + s * 0.02, x + side * s * 0.16 + s * 0.12, top + s * 0.2),
            outline=(240, 90, 110),
            width=6,
        )


def _sparkles(p, draw, x, base, s, top, mid, ink):
    for dx, dy, r in ((0, 0.45, 0.3), (-0.3, 0.15, 0.14), (0.3, 0.2, 0.17), (0.2, 0.75, 0.12)):
        draw.polygon(star_points(x + s * dx, top + s * dy, s * r, s * r * 0.3, 4), fill=(255, 230, 120), **ink)
    p.glow(p.cast_front, (x, mid), s * 0.9, (255, 236, 160), 0.5)


def _fishing_rod(p, draw, x, base, s, top, mid, ink):
    draw.line((x - s * 0.4, base, x + s * 0.35, top), fill=OUTLINE, width=9)
    draw.line((x - s * 0.4, base, x + s * 0.35, top), fill=(150, 100, 60), width=5)
    draw.line((x + s * 0.35, top, x + s * 0.42, mid + s * 0.2), fill=OUTLINE, width=2)
    draw.ellipse((x + s * 0.36, mid + s * 0.2, x + s * 0.48, mid + s * 0.32), fill=(230, 60, 60), **ink)
    draw.ellipse((x - s * 0.3, base - s * 0.28, x - s * 0.12, base - s * 0.1), fill=(200, 200, 210), **ink)


def _ballet_shoes(p, draw, x, base, s, top, mid, ink):
    pink = (246, 170, 196)
    for dx in (-0.22, 0.18):
        draw.ellipse((x + s * (dx - 0.2), base - s * 0.3, x + s * (dx + 0.2), base), fill=pink, **ink)
        draw.ellipse((x + s * (dx - 0.1), base - s * 0.24, x + s * (dx + 0.1), base - s * 0.08), fill=lighter(pink))
        draw.line((x + s * dx, base - s * 0.28, x + s * (dx + 0.12), top + s * 0.3), fill=pink, width=5)
    draw.polygon(star_points(x, top + s * 0.2, s * 0.14, s * 0.06), fill=GOLD, **ink)


def _magnifier(p, draw, x, base, s, top, mid, ink):
    draw.line((x + s * 0.1, mid + s * 0.05, x + s * 0.42, base), fill=OUTLINE, width=18)
    draw.line((x + s * 0.1, mid + s * 0.05, x + s * 0.42, base), fill=(120, 80, 50), width=11)
    draw.ellipse(
        (x - s * 0.4, top + s * 0.05, x + s * 0.2, mid + s * 0.15), fill=(200, 230, 250), outline=OUTLINE, width=8
    )
    draw.arc((x - s * 0.3, top + s * 0.15, x + s * 0.05, mid), 200, 260, fill=WHITE, width=5)


def _music(p, draw, x, base, s, top, mid, ink):
    for dx, dy in ((-0.25, 0.0), (0.2, -0.12)):
        hx, hy = x + s * dx, base - s * 0.12 + s * dy
        draw.ellipse((hx - s * 0.14, hy - s * 0.1, hx + s * 0.14, hy + s * 0.1), fill=(60, 60, 90), **ink)
        draw.line((hx + s * 0.12, hy, hx + s * 0.12, top + s * 0.1 + s * dy), fill=OUTLINE, width=7)
    draw.line((x - s * 0.13, top + s * 0.1, x + s * 0.32, top - s * 0.02), fill=OUTLINE, width=12)


def _telescope(p, draw, x, base, s, top, mid, ink):
    for dx in (-0.25, 0.25):
        draw.line((x, mid, x + s * dx, base), fill=OUTLINE, width=6)
    draw.polygon(
        (
            (x - s * 0.45, mid + s * 0.02),
            (x + s * 0.35, top),
            (x + s * 0.45, top + s * 0.18),
            (x - s * 0.38, mid + s * 0.18),
        ),
        fill=(70, 110, 190),
        **ink,
    )
    draw.ellipse((x + s * 0.3, top - s * 0.04, x + s * 0.5, top + s * 0.22), fill=(200, 230, 250), **ink)


def _rocket(p, draw, x, base, s, top, mid, ink):
    body = (236, 236, 244)
    for side in (-1, 1):
        draw.polygon(
            (
                (x + side * s * 0.16, mid + s * 0.05),
                (x + side * s * 0.38, base),
                (x + side * s * 0.16, base - s * 0.12),
            ),
            fill=(220, 70, 70),
            **ink,
        )
    draw.ellipse((x - s * 0.18, top, x + s * 0.18, base - s * 0.05), fill=body, **ink)
    draw.ellipse((x - s * 0.09, mid - s * 0.22, x + s * 0.09, mid - s * 0.04), fill=(120, 190, 240), **ink)
    draw.polygon(
        ((x - s * 0.1, base - s * 0.06), (x + s * 0.1, base - s * 0.06), (x, base + s * 0.14)), fill=(255, 170, 60)
    )


def _boat(p, draw, x, base, s, top, mid, ink):
    draw.polygon(
        ((x - s * 0.48, mid + s * 0.2), (x + s * 0.48, mid + s * 0.2), (x + s * 0.32, base), (x - s * 0.32, base)),
        fill=(170, 100, 60),
        **ink,
    )
    draw.line((x, mid + s * 0.2, x, top), fill=OUTLINE, width=6)
    draw.polygon(((x + 4, top + s * 0.04), (x + s * 0.4, mid + s * 0.12), (x + 4, mid + s * 0.12)), fill=WHITE, **ink)


# vocabulary.OBJECTS: how each is drawn.
OBJECTS = {
    "key": _key,
    "book": _book,
    "map": _map,
    "lantern": _lantern,
    "chest": _chest,
    "crown": _crown,
    "star": _star,
    "gem": _gem,
    "ball": _ball,
    "flower": _flower,
    "apple": _apple,
    "balloon": _balloon,
    "wand": _wand,
    "shell": _shell,
    "cake": _cake,
    "heart": _heart,
    "compass": _compass,
    "egg": _egg,
    "kite": _kite,
    "gift": _gift,
    "fishing rod": _fishing_rod,
    "ballet shoes": _ballet_shoes,
    "magnifier": _magnifier,
    "music": _music,
    "telescope": _telescope,
    "rocket": _rocket,
    "boat": _boat,
    "sparkles": _sparkles,
}


def draw_object(p, draw, name, x, base, size) -> None:
    """The object `name`, standing on `base` and about `size` pixels tall; sparkles for any other."""
    OBJECTS.get(name, _sparkles)(p, draw, x, base, size, base - size, base - size / 2, {"outline": OUTLINE, "width": 3})


def draw_hat(draw, x, head_y, r, hat):
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
        draw.polygon(star_points(x + r * 0.05, top - r * 0.6, r * 0.28, r * 0.12), fill=(255, 220, 90))
    elif hat == "chef":
        draw.rounded_rectangle(
            (x - r * 0.6, top - r * 0.9, x + r * 0.6, top + r * 0.2),
            radius=r * 0.2,
            fill=WHITE,
            outline=OUTLINE,
            width=3,
        )
        for dx in (-0.45, 0, 0.45):
            draw.ellipse(
                (x + (dx - 0.35) * r, top - r * 1.25, x + (dx + 0.35) * r, top - r * 0.6),
                fill=WHITE,
                outline=OUTLINE,
                width=3,
            )
    elif hat == "detective":
        draw.chord(
            (x - r * 1.05, top - r * 0.55, x + r * 1.05, top + r * 0.5),
            180,
            360,
            fill=(150, 110, 70),
            outline=OUTLINE,
            width=3,
        )
        draw.rectangle((x - r * 1.3, top - r * 0.05, x + r * 1.3, top + r * 0.08), fill=(120, 86, 56))
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
