"""One painter per place, and the table that picks it."""

import math

from PIL import Image, ImageDraw

from media_gen.providers.offline.illustrator.painter import (
    Painter,
    composite,
    darker,
    gradient,
    lighter,
    mix,
    shrink,
    star_points,
)
from media_gen.providers.offline.illustrator.palette import (
    FEET_Y,
    FLOWER_COLOURS,
    OUTLINE,
    PALETTES,
    SIZE,
    SKY,
    STAR,
    WHITE,
    WINDOW_LIT,
)


def _countryside(p: Painter) -> None:
    """The landscape for any setting we have no special drawing for."""
    c = PALETTES["countryside"]
    trees = (p.rng.uniform(60, 260), p.rng.uniform(330, 450), p.rng.uniform(700, 960))
    p.rolling_hills(c, (560, 28, 1.3), (650, 24, 1.8), trees, (120, 170), sink=10)
    p.hills(760, 16, 1.0, c["near"])
    _winding_path(p, c["path"])
    for x in (p.rng.uniform(30, 200), p.rng.uniform(820, 990)):
        p.bush(x, p.rng.uniform(800, 860), 120, c["bush"])
    p.flowers(14, 780, 900, avoid_middle=True)
    p.birds(3, 200, 380)


def _winding_path(p: Painter, colour):
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


def _meadow(p: Painter) -> None:
    c = PALETTES["meadow"]
    tree = p.rng.choice((p.rng.uniform(120, 260), p.rng.uniform(760, 900)))
    p.rolling_hills(c, (570, 30, 1.2), (660, 26, 1.6), (tree,), (300, 300), sink=8)
    p.hills(770, 14, 1.0, c["near"])
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
            fill=lighter(colour, 0.35),
            outline=OUTLINE,
            width=2,
        )
    draw.rounded_rectangle((x - 3, y - 16, x + 3, y + 14), radius=3, fill=OUTLINE)


def _forest(p: Painter) -> None:
    c = PALETTES["forest"]
    p.hills(540, 30, 1.5, c["far"])
    p.pine_row(640, 17, (150, 220), c["far_pine"], rise=(-16, 10))
    mid = p.hills(660, 18, 2.0, c["mid"])
    for i in range(7):
        x = 40 + i * 155 + p.rng.uniform(-30, 30)
        if p.rng.random() < 0.5:
            p.pine(x, mid(x) + 30, p.rng.uniform(260, 330), c["pine"])
        else:
            p.tree(
                x, mid(x) + 30, p.rng.uniform(240, 300), mix(c["tree"], c["pine"], p.rng.uniform(0, 0.4)), c["trunk"]
            )
    p.hills(775, 14, 1.2, c["near"])
    # Big trees at both edges frame the scene like a book's border.
    for x in (-70, SIZE + 70):
        p.tree(x, SIZE, 920, darker(c["tree"], 0.1), c["trunk"])
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


def _castle(p: Painter) -> None:
    c = PALETTES["castle"]
    d = p.d
    p.hills(590, 26, 1.3, c["far"])
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
        d.line((gx, 540, gx, base), fill=darker(c["gate"], 0.3), width=3)
    for wx in (cx - 130, cx + 110):
        p.window((wx, 510, wx + 30, 560), radius=15, bars=False)
    p.hills(700, 14, 1.6, c["mid"])
    for x in (p.rng.uniform(40, 170), p.rng.uniform(860, 990)):
        p.tree(x, 740, p.rng.uniform(200, 250), c["tree"], c["trunk"])
    p.hills(790, 12, 1.0, c["near"])
    d.polygon(((cx - 40, 690), (cx + 40, 690), (cx + 260, SIZE), (cx - 260, SIZE)), fill=c["path"])
    p.flowers(16, 800, 960, avoid_middle=True)
    p.birds(2, 180, 320)
    p.fireflies(10, 600, 860)


def _space_backdrop(p: Painter) -> None:
    c = PALETTES["space"]
    p.base = gradient(SIZE, ((0, c["top"]), (0.5, c["mid"]), (1, c["bottom"]))).convert("RGBA")
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
        draw.polygon(star_points(p.rng.uniform(20, SIZE - 20), p.rng.uniform(20, 620), 12, 3, 4), fill=STAR)

    side = p.rng.choice((-1, 1))
    px, py, r = SIZE / 2 + side * 230, 250, 118
    draw.ellipse((px - r * 1.95, py - r * 0.42, px + r * 1.95, py + r * 0.42), outline=c["ring"], width=14)
    planet = Image.new("RGBA", (r * 2, r * 2), c["planet"] + (255,))
    bands = ImageDraw.Draw(planet)
    for i, y in enumerate(range(14, r * 2, 34)):
        bands.rectangle((0, y, r * 2, y + 14), fill=lighter(c["planet"], 0.25) if i % 2 else darker(c["planet"], 0.12))
    bands.ellipse((r * 0.35, r * 0.3, r * 0.9, r * 0.7), fill=lighter(c["planet"], 0.4))
    mask = Image.new("L", planet.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, r * 2 - 1, r * 2 - 1), fill=255)
    planet.putalpha(mask)
    composite(p.base, planet, int(px - r), int(py - r))
    draw.arc((px - r * 1.95, py - r * 0.42, px + r * 1.95, py + r * 0.42), 0, 180, fill=c["ring"], width=14)
    mx, my, mr = SIZE / 2 - side * 300, 150, 44
    draw.ellipse((mx - mr, my - mr, mx + mr, my + mr), fill=c["moonlet"])
    for dx, dy, cr in ((-14, -10, 10), (16, 8, 7), (-4, 20, 6)):
        draw.ellipse((mx + dx - cr, my + dy - cr, mx + dx + cr, my + dy + cr), fill=darker(c["moonlet"], 0.15))
    # A shooting star.
    sx, sy = p.rng.uniform(300, 700), p.rng.uniform(420, 560)
    draw.line((sx, sy, sx - 160, sy - 60), fill=(200, 210, 255), width=3)
    draw.polygon(star_points(sx, sy, 12, 4, 4), fill=STAR)


def _space(p: Painter) -> None:
    c = PALETTES["space"]
    p.hills(690, 30, 2.0, c["ridge"])
    p.hills(770, 18, 1.2, c["ground"])
    for _ in range(8):
        x, y = p.rng.uniform(20, SIZE - 20), p.rng.uniform(790, 990)
        w = p.rng.uniform(30, 70) * (0.6 + (y - 790) / 300)
        p.d.ellipse((x - w, y - w * 0.3, x + w, y + w * 0.3), fill=lighter(c["ground"], 0.3))
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


def _ocean(p: Painter) -> None:
    c = PALETTES["ocean"]
    p.d.polygon(((p.rng.uniform(60, 300), 572), (p.rng.uniform(120, 200) + 200, 538), (500, 572)), fill=c["isle"])
    p.sea(570, c["far_sea"], c["deep_sea"], c["wave"])
    # A sailing ship in the middle distance.
    x, y = p.rng.uniform(560, 820), 660
    p.d.polygon(((x - 110, y), (x + 110, y), (x + 80, y + 44), (x - 80, y + 44)), fill=c["hull"])
    p.d.line((x - 110, y + 10, x + 110, y + 10), fill=lighter(c["hull"], 0.3), width=5)
    p.d.line((x, y, x, y - 220), fill=OUTLINE, width=6)
    p.d.polygon(((x + 6, y - 210), (x + 6, y - 24), (x + 100, y - 24)), fill=c["sail"])
    p.d.polygon(((x - 6, y - 190), (x - 6, y - 30), (x - 90, y - 30)), fill=darker(c["sail"], 0.05))
    p.d.polygon(((x, y - 220), (x + 40, y - 210), (x, y - 200)), fill=(230, 80, 80))
    p.birds(4, 220, 420)
    p.shore(800, c["sand"], c["wet_sand"])
    p.shells(5, 850, 990)


def _island(p: Painter) -> None:
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
    sand = darker(c["sand"], 0.1)
    p.d.rectangle((sx - 50, base - 55, sx + 50, base), fill=sand)
    p.d.rectangle((sx - 20, base - 100, sx + 20, base - 55), fill=sand)
    for left, top in ((sx - 50, base - 67), (sx + 38, base - 67), (sx - 20, base - 112), (sx + 8, base - 112)):
        p.d.rectangle((left, top, left + 12, top + 12), fill=sand)
    p.d.line((sx, base - 112, sx, base - 150), fill=OUTLINE, width=3)
    p.d.polygon(((sx, base - 150), (sx + 26, base - 142), (sx, base - 134)), fill=(230, 80, 80))


def _mountains(p: Painter) -> None:
    c = PALETTES["mountains"]
    for colour, base, heights, count in ((c["far"], 640, (300, 430), 4), (c["mid"], 680, (180, 300), 5)):
        xs = sorted(p.rng.uniform(-80, SIZE + 80) for _ in range(count))
        for x in xs:
            peak = base - p.rng.uniform(*heights)
            half = (base - peak) * p.rng.uniform(0.95, 1.3)
            p.d.polygon(((x - half, base), (x, peak), (x + half, base)), fill=colour)
            p.d.polygon(((x, peak), (x + half, base), (x + half * 0.15, base)), fill=darker(colour, 0.1))
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
    hill = p.hills(700, 22, 1.6, c["hill"])
    for _ in range(14):
        x = p.rng.uniform(0, SIZE)
        p.pine(x, hill(x) + p.rng.uniform(16, 50), p.rng.uniform(70, 120), c["pine"])
    p.hills(790, 14, 1.0, c["near"])
    for _ in range(4):
        x, y, w = (
            p.rng.choice((p.rng.uniform(20, 260), p.rng.uniform(764, 1000))),
            p.rng.uniform(820, 900),
            p.rng.uniform(30, 60),
        )
        p.d.chord((x - w, y - w * 0.9, x + w, y + w * 0.5), 180, 360, fill=c["rock"])
        p.d.chord((x - w * 0.8, y - w * 0.8, x + w * 0.2, y + w * 0.3), 180, 260, fill=lighter(c["rock"], 0.25))
    p.flowers(14, 810, 960, avoid_middle=True)
    p.birds(3, 160, 300)


def _desert(p: Painter) -> None:
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


def _cactus(p: Painter, x, base, height, colour):
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
        fill=lighter(colour, 0.2),
        width=max(2, int(w / 6)),
    )


def _jungle(p: Painter) -> None:
    c = PALETTES["jungle"]
    p.hills(520, 40, 2.0, c["far"])
    for i in range(26):
        x, y, r = i * 42 + p.rng.uniform(-10, 10), 600 + p.rng.uniform(-50, 20), p.rng.uniform(50, 80)
        p.d.ellipse((x - r, y - r, x + r, y + r), fill=c["canopy"] if i % 2 else c["canopy2"])
    for x in (p.rng.uniform(150, 350), p.rng.uniform(650, 880)):
        p.palm(x, 720, p.rng.uniform(280, 340), p.rng.uniform(-0.3, 0.3), c["trunk"], c["leaf2"])
    p.hills(740, 18, 1.4, c["ground"])
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


def _snow(p: Painter) -> None:
    c = PALETTES["snow"]
    for _ in range(4):
        x, base = p.rng.uniform(-50, SIZE + 50), 620
        peak, half = base - p.rng.uniform(200, 320), p.rng.uniform(220, 320)
        p.d.polygon(((x - half, base), (x, peak), (x + half, base)), fill=c["far"])
        p.d.polygon(((x, peak), (x + half, base), (x + half * 0.1, base)), fill=c["far_shade"])
    hill = p.hills(660, 30, 1.4, c["hill"])
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


def _city(p: Painter) -> None:
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
                        ImageDraw.Draw(p.lights).rectangle((wx, wy, wx + 8, wy + 12), fill=darker(WINDOW_LIT, 0.15))
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
        p.d.rectangle((x - 6, top - 14, x + w + 6, top), fill=darker(colour, 0.15))
        if i % 3 == 1:
            p.d.line((x + w * 0.7, top - 14, x + w * 0.7, top - 70), fill=c["lamp"], width=4)
            p.d.ellipse((x + w * 0.7 - 6, top - 78, x + w * 0.7 + 6, top - 66), fill=(230, 80, 80))
        cols = max(2, int((w - 20) // 50))
        gap = (w - cols * 34) / (cols + 1)
        for wy in range(int(top + 30), 700, 70):
            for k in range(cols):
                wx = x + gap + k * (34 + gap)
                p.window((wx, wy, wx + 34, wy + 44), bars=False, frame=lighter(colour, 0.5))
        p.d.rectangle((x + w / 2 - 24, 690, x + w / 2 + 24, 760), fill=darker(colour, 0.35))
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


def _village(p: Painter) -> None:
    c = PALETTES["village"]
    trees = (p.rng.uniform(20, 80), p.rng.uniform(480, 560), p.rng.uniform(960, 1020))
    mid = p.rolling_hills(c, (560, 30, 1.2), (640, 18, 1.3), trees, (180, 230), sink=40)
    xs = (150, 390, 640, 880)
    for i, x in enumerate(xs):
        x += p.rng.uniform(-30, 30)
        w, h = p.rng.uniform(150, 190), p.rng.uniform(110, 140)
        base = mid(x) + 60
        wall, roof = c["walls"][i % 4], c["roofs"][(i + p.rng.randint(0, 3)) % 4]
        chimney_x = x + w * 0.25
        p.d.rectangle((chimney_x - 12, base - h - 90, chimney_x + 12, base - h), fill=darker(roof, 0.2))
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
    p.hills(fence_y + 10, 8, 1.0, c["near"])
    for fx in range(10, SIZE, 46):
        p.d.rounded_rectangle((fx - 6, fence_y - 44, fx + 6, fence_y + 10), radius=4, fill=c["fence"])
    for fy in (fence_y - 30, fence_y - 8):
        p.d.rectangle((0, fy, SIZE, fy + 8), fill=c["fence"])
    _winding_path(p, c["path"])
    p.flowers(16, fence_y + 30, 960, avoid_middle=True)
    p.birds(3, 180, 320)


def _cave(p: Painter) -> None:
    c = PALETTES["cave"]
    p.hills(560, 24, 1.5, c["far"])
    rock = Image.new("RGBA", (SIZE, SIZE), c["rock"] + (255,))
    d = ImageDraw.Draw(rock)
    hole = (SIZE / 2 - 210, 250, SIZE / 2 + 210, 800)
    for grow, colour in ((110, c["rock2"]), (50, c["rim"])):
        d.ellipse((hole[0] - grow, hole[1] - grow, hole[2] + grow, hole[3] + grow * 0.3), fill=colour)
    d.ellipse(hole, fill=(0, 0, 0, 0))
    for i in range(14):
        x, h = i * 76 + p.rng.uniform(-10, 20), p.rng.uniform(60, 190)
        d.polygon(((x - 26, 0), (x + 26, 0), (x + 3, h)), fill=c["rock2"] if i % 2 else darker(c["rock"], 0.15))
    p.land.alpha_composite(rock)
    p.d.polygon(p.wave(730, 16, 1.4) + [(SIZE + 20, SIZE), (-20, SIZE)], fill=c["floor"])
    p.glow(p.land, (SIZE / 2, 760), 420, lighter(SKY[p.time][-1][1], 0.2), 0.5, squash=0.3)
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
                ((x, base), tip, (x + 12 + lean * h * 0.8, base - h * 0.8), (x + 12, base)), fill=lighter(colour, 0.45)
            )
    for _ in range(10):
        x, y = p.rng.uniform(0, SIZE), p.rng.uniform(830, 1000)
        p.d.ellipse((x - 14, y - 6, x + 14, y + 6), fill=lighter(c["floor"], 0.15))


def _school(p: Painter) -> None:
    c = PALETTES["school"]
    p.hills(600, 24, 1.2, c["far"])
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
    p.hills(740, 10, 1.0, c["grass"])
    d.polygon(((cx - 60, 730), (cx + 60, 730), (cx + 250, SIZE), (cx - 250, SIZE)), fill=c["yard"])
    for i, y in enumerate((760, 800, 850)):  # hopscotch squares chalked on the path
        s = 34 + i * 8
        d.rectangle((cx - s / 2, y, cx + s / 2, y + s), outline=c["chalk"], width=3)
    tx = SIZE - fx
    p.tree(tx, 800, 280, c["tree"], c["trunk"])
    p.tufts(26, 760, 1000, darker(c["grass"], 0.15))
    p.flowers(10, 800, 960, avoid_middle=True)


def _farm(p: Painter) -> None:
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
        p.d.line((sx - 45, y, sx + 45, y), fill=darker(c["silo"], 0.1), width=3)
    p.d.chord((sx - 45, base - 345, sx + 45, base - 255), 180, 360, fill=darker(c["barn"], 0.1))
    p.d.polygon(roof, fill=c["barn_roof"])
    p.d.rectangle((bx - w / 2, base - h, bx + w / 2, base), fill=c["barn"])
    p.d.line(roof, fill=c["trim"], width=6)
    door = (bx - 60, base - 120, bx + 60, base)
    p.d.rectangle(door, fill=darker(c["barn"], 0.15), outline=c["trim"], width=6)
    p.d.line((door[0], door[1], door[2], door[3]), fill=c["trim"], width=6)
    p.d.line((door[0], door[3], door[2], door[1]), fill=c["trim"], width=6)
    p.window((bx - 26, base - h - 60, bx + 26, base - h - 10), frame=c["trim"])
    p.hills(790, 12, 1.0, c["grass"])
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
        p.d.polygon(star_points(x, y, 34, 18, 10), fill=(252, 206, 50))
        p.d.ellipse((x - 15, y - 15, x + 15, y + 15), fill=(130, 84, 50))
    p.tufts(20, 830, 1000, darker(c["grass"], 0.15))
    p.birds(3, 180, 320)


def _sky(p: Painter) -> None:
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
            darker(c["cloud"], 0.03),
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


def _balloon(p: Painter, x, y, r, colour, stripe, basket):
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


def _underwater_backdrop(p: Painter) -> None:
    c = PALETTES["underwater"]
    p.base = gradient(SIZE, ((0, c["top"]), (0.45, c["mid"]), (1, c["bottom"]))).convert("RGBA")
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


def _underwater(p: Painter) -> None:
    c = PALETTES["underwater"]
    p.hills(640, 50, 2.2, c["rock"])
    p.hills(780, 14, 1.2, c["sand"])
    for i in range(9):
        x0 = i * 120 + p.rng.uniform(-30, 30)
        if 300 < x0 < 724 and i % 2:
            continue
        height, phase = p.rng.uniform(260, 460), p.rng.uniform(0, math.tau)
        base = 800 + p.rng.uniform(0, 40)
        centre = [(x0 + 22 * math.sin(phase + t / 50), base - t) for t in range(0, int(height), 10)]
        left = [(x - 12 * (1 - i2 / len(centre) * 0.7), y) for i2, (x, y) in enumerate(centre)]
        right = [(x + 12 * (1 - i2 / len(centre) * 0.7), y) for i2, (x, y) in enumerate(centre)]
        p.d.polygon(left + right[::-1], fill=mix(c["kelp"], (30, 110, 80), p.rng.uniform(0, 0.5)))
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
                fill=darker(colour, 0.15),
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


def _coral(p: Painter, x, y, angle, length, depth, colour):
    if depth == 0 or length < 12:
        return
    x2, y2 = x + math.cos(angle) * length, y + math.sin(angle) * length
    p.d.line((x, y, x2, y2), fill=colour, width=int(4 + depth * 3))
    p.d.ellipse((x2 - depth * 1.5 - 2, y2 - depth * 1.5 - 2, x2 + depth * 1.5 + 2, y2 + depth * 1.5 + 2), fill=colour)
    for turn in (-0.45, 0.4):
        _coral(p, x2, y2, angle + turn + p.rng.uniform(-0.15, 0.15), length * 0.7, depth - 1, colour)


def _fish(p: Painter, x, y, size, colour, facing):
    p.d.polygon(
        (
            (x - facing * size * 0.8, y),
            (x - facing * size * 1.5, y - size * 0.55),
            (x - facing * size * 1.5, y + size * 0.55),
        ),
        fill=darker(colour, 0.1),
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


def _lab(p: Painter) -> None:
    c = PALETTES["lab"]
    d = p.d
    d.rectangle((0, 0, SIZE, 760), fill=c["wall"])
    d.rectangle((0, 560, SIZE, 760), fill=c["wainscot"])
    d.rectangle((0, 552, SIZE, 564), fill=darker(c["wainscot"], 0.1))
    side = p.rng.choice((-1, 1))
    wx = SIZE / 2 + side * 250
    window = (wx - 150, 110, wx + 150, 420)
    d.rectangle(shrink(window, -14), fill=c["frame"])
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


def _flask(p: Painter, x, base, shape, liquid, glass):
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


def _mansion(p: Painter) -> None:
    """A tall old house behind an iron fence, bare trees on either side."""
    c = PALETTES["mansion"]
    p.hills(600, 20, 1.1, c["far"])
    cx = SIZE / 2 + p.rng.uniform(-120, 120)
    for x0, x1, top in ((cx - 260, cx - 90, 420), (cx + 90, cx + 260, 440), (cx - 110, cx + 110, 330)):
        p.d.rectangle((x0, top, x1, 720), fill=c["wall"])
        p.d.polygon(((x0 - 20, top), ((x0 + x1) / 2, top - 110), (x1 + 20, top)), fill=c["roof"])
        for wy in range(int(top) + 40, 660, 95):
            for wx in ((x0 + x1) / 2 - 50, (x0 + x1) / 2 + 18):
                p.window((wx, wy, wx + 32, wy + 56), radius=16)
    p.d.rectangle((cx - 36, 620, cx + 36, 720), fill=c["door"])
    p.d.rectangle((cx + 130, 210, cx + 160, 300), fill=c["roof"])  # a chimney
    p.hills(730, 10, 1.0, c["ground"])
    for x in (p.rng.uniform(30, 160), p.rng.uniform(860, 990)):
        _bare_tree(p, x, 780, p.rng.uniform(260, 340), c["trunk"])
    for fx in range(0, SIZE + 30, 34):
        p.d.line((fx, 742, fx, 812), fill=c["fence"], width=6)
        p.d.polygon(((fx - 7, 746), (fx + 7, 746), (fx, 730)), fill=c["fence"])
    p.d.rectangle((0, 756, SIZE, 764), fill=c["fence"])
    p.d.polygon(((cx - 40, 730), (cx + 40, 730), (cx + 220, SIZE), (cx - 220, SIZE)), fill=c["path"])
    p.tufts(24, 800, 1000, c["tuft"])


def _bare_tree(p: Painter, x, base, height, colour):
    """A leafless tree: a trunk that forks twice."""

    def branch(x0, y0, angle, length, width):
        if width < 3:
            return
        x1, y1 = x0 + math.cos(angle) * length, y0 - math.sin(angle) * length
        p.d.line((x0, y0, x1, y1), fill=colour, width=int(width))
        for turn in (-0.45, 0.4):
            branch(x1, y1, angle + turn + p.rng.uniform(-0.1, 0.1), length * 0.68, width * 0.62)

    branch(x, base, math.pi / 2, height * 0.42, 22)


def _valley(p: Painter) -> None:
    """A prehistoric valley: a smoking volcano, giant ferns and palms."""
    c = PALETTES["valley"]
    vx = p.rng.uniform(250, 780)
    p.d.polygon(((vx - 330, 640), (vx - 60, 300), (vx + 60, 300), (vx + 330, 640)), fill=c["volcano"])
    p.d.polygon(((vx - 60, 300), (vx + 60, 300), (vx + 30, 350), (vx - 10, 330), (vx - 40, 360)), fill=c["lava"])
    with p.sheet(p.land) as smoke:
        for k in range(5):
            r = 40 + k * 16
            smoke.ellipse((vx - r + k * 24, 250 - k * 60 - r, vx + r + k * 24, 250 - k * 60 + r), fill=c["smoke"])
    mid = p.hills(660, 22, 1.7, c["mid"])
    for x in (p.rng.uniform(40, 220), p.rng.uniform(800, 990)):
        p.palm(x, mid(x) + 40, p.rng.uniform(280, 360), p.rng.uniform(-0.3, 0.3), c["trunk"], c["frond"])
    p.hills(780, 12, 1.1, c["near"])
    for _ in range(6):
        x = p.rng.choice((p.rng.uniform(0, 300), p.rng.uniform(724, SIZE)))
        for k in range(5):
            p.leaf(p.d, (x, 880), math.pi + 0.35 + k * 0.58, 150, 46, c["fern"], droop=0.25)
    p.tufts(30, 800, 1000, c["tuft"])


def _lake(p: Painter) -> None:
    """A still lake under hills, with reeds at the shore and a little jetty."""
    c = PALETTES["lake"]
    p.hills(560, 26, 1.4, c["far"])
    p.pine_row(640, 9, (120, 170), c["pine"], rise=(-8, 8))
    p.d.rectangle((0, 640, SIZE, 790), fill=c["water"])
    for row in range(8):
        y = 655 + row * 17
        x = p.rng.uniform(0, 200)
        while x < SIZE:
            p.d.line((x, y, x + p.rng.uniform(30, 70), y), fill=c["ripple"], width=3)
            x += p.rng.uniform(120, 220)
    side = p.rng.choice((-1, 1))
    jx = SIZE / 2 + side * 260
    p.d.polygon(((jx - 40, 700), (jx + 40, 700), (jx + 60, 800), (jx - 60, 800)), fill=c["jetty"])
    for px in (jx - 34, jx + 34):
        p.d.line((px, 700, px, 730), fill=darker(c["jetty"], 0.3), width=6)
    p.hills(800, 10, 1.0, c["shore"])
    for _ in range(26):
        x = p.rng.choice((p.rng.uniform(0, 280), p.rng.uniform(744, SIZE)))
        top = p.rng.uniform(700, 760)
        p.d.line((x, top, x + p.rng.uniform(-6, 6), 820), fill=c["reed"], width=4)
        p.d.ellipse((x - 5, top - 8, x + 5, top + 22), fill=c["cattail"])
    p.flowers(10, 830, 980, avoid_middle=True)
    p.birds(2, 200, 340)


# place: (what paints the sky, None for the day's own sky; what paints the place)
PAINTERS = {
    "forest": (None, _forest),
    "castle": (None, _castle),
    "mansion": (None, _mansion),
    "space": (_space_backdrop, _space),
    "ocean": (None, _ocean),
    "underwater": (_underwater_backdrop, _underwater),
    "mountains": (None, _mountains),
    "desert": (None, _desert),
    "jungle": (None, _jungle),
    "snow": (None, _snow),
    "city": (None, _city),
    "village": (None, _village),
    "cave": (None, _cave),
    "school": (None, _school),
    "farm": (None, _farm),
    "sky": (None, _sky),
    "island": (None, _island),
    "lab": (None, _lab),
    "meadow": (None, _meadow),
    "valley": (None, _valley),
    "lake": (None, _lake),
    "countryside": (None, _countryside),
}


def paint(p: Painter, place: str) -> None:
    PAINTERS[place][1](p)
