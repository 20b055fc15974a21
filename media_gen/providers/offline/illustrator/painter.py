"""One picture's layers, the shapes several places share, colour helpers and the sky."""

import colorsys
import itertools
import math
import random
from contextlib import contextmanager
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw

from media_gen.providers.offline.illustrator.palette import (
    CHARACTER_LIGHT_SHARE,
    CLOUD,
    FLOWER_COLOURS,
    INDOOR_LIGHT_SHARE,
    INDOOR_SETTINGS,
    LIGHT,
    MOON,
    SIZE,
    SKY,
    SPACE_LIGHT,
    STAR,
    STAR_COUNTS,
    SUN,
    WHITE,
    WINDOW_GLASS,
    WINDOW_LIT,
)


def mix(a, b, amount: float):
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b))


def lighter(colour, amount=0.3):
    return mix(colour, WHITE, amount)


def darker(colour, amount=0.2):
    return mix(colour, (0, 0, 0), amount)


def hsv(hue: float, saturation: float, value: float):
    return tuple(round(c * 255) for c in colorsys.hsv_to_rgb(hue % 1.0, saturation, value))


def gradient(height: int, stops) -> Image.Image:
    """A vertical gradient SIZE wide: one column computed, then stretched."""
    rows = []
    for y in range(height):
        t = y / max(1, height - 1)
        upper = max((s for s in stops if s[0] <= t), default=stops[0], key=lambda s: s[0])
        lower = min((s for s in stops if s[0] >= t), default=stops[-1], key=lambda s: s[0])
        span = lower[0] - upper[0]
        rows.append(mix(upper[1], lower[1], (t - upper[0]) / span if span else 0))
    column = Image.new("RGB", (1, height))
    column.putdata(rows)
    return column.resize((SIZE, height), Image.Resampling.NEAREST)


@lru_cache(maxsize=1)
def glow_falloff() -> Image.Image:
    # Pillow's radial gradient reaches 181 at the middle of each edge; squaring the falloff softens the rim.
    return Image.radial_gradient("L").point(lambda v: round(255 * max(0.0, 1 - v / 181) ** 2))


def composite(base: Image.Image, overlay: Image.Image, x: int, y: int) -> None:
    """alpha_composite that accepts overlays hanging off any edge."""
    left, top = max(0, -x), max(0, -y)
    right, bottom = min(overlay.width, base.width - x), min(overlay.height, base.height - y)
    if right > left and bottom > top:
        base.alpha_composite(overlay, dest=(x + left, y + top), source=(left, top, right, bottom))


def star_points(cx, cy, outer, inner, points=5, turn=-math.pi / 2):
    return [
        (
            cx + (outer if i % 2 == 0 else inner) * math.cos(turn + i * math.pi / points),
            cy + (outer if i % 2 == 0 else inner) * math.sin(turn + i * math.pi / points),
        )
        for i in range(points * 2)
    ]


class Painter:
    """The layers of one picture and the shapes several settings share."""

    def __init__(self, setting: str, time: str, rng: random.Random):
        self.setting, self.time, self.rng = setting, time, rng
        self.night = time in ("dusk", "night")  # when windows and lanterns are lit
        self.indoor = setting in INDOOR_SETTINGS
        self.base = Image.new("RGBA", (SIZE, SIZE))
        # Scenery (land, its lights, what stands in front of everyone) and the characters (cast, and
        # the see-through parts drawn over them: helmets, glows) are kept apart, so that each can be
        # framed on its own.
        self.land, self.lights, self.front, self.cast, self.cast_front = (
            Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0)) for _ in range(5)
        )
        self.d = ImageDraw.Draw(self.land)
        self.sun = None  # (x, y) once the sky has a sun

    @property
    def light(self):
        """What the scenery is multiplied by: the time of day's light."""
        light = SPACE_LIGHT if self.setting == "space" else LIGHT[self.time]
        return mix(light, WHITE, 1 - INDOOR_LIGHT_SHARE) if self.indoor else light

    def scenery(self) -> Image.Image:
        """The sky, the land in its light and the lit windows: everything behind the characters."""
        picture = self.base.copy()
        picture.alpha_composite(ImageChops.multiply(self.land, Image.new("RGBA", self.land.size, self.light + (255,))))
        picture.alpha_composite(self.lights)
        return picture

    def characters(self) -> Image.Image:
        """The cast, shaded more gently than the scenery, with what is drawn over them."""
        cast_light = mix(self.light, WHITE, 1 - CHARACTER_LIGHT_SHARE)
        layer = ImageChops.multiply(self.cast, Image.new("RGBA", self.cast.size, cast_light + (255,)))
        layer.alpha_composite(self.cast_front)
        return layer

    @contextmanager
    def sheet(self, layer: Image.Image):
        """Draw see-through shapes: on a clear sheet that is then laid over `layer`."""
        sheet = Image.new("RGBA", layer.size, (0, 0, 0, 0))
        yield ImageDraw.Draw(sheet)
        layer.alpha_composite(sheet)

    def glow(self, layer, centre, radius, colour, strength=1.0, squash=1.0):
        width, height = max(2, int(radius * 2)), max(2, int(radius * 2 * squash))
        mask = glow_falloff().resize((width, height), Image.Resampling.BILINEAR)
        if strength != 1.0:
            mask = mask.point(lambda v: round(v * strength))
        spot = Image.new("RGBA", (width, height), tuple(colour[:3]) + (0,))
        spot.putalpha(mask)
        composite(layer, spot, int(centre[0] - width / 2), int(centre[1] - height / 2))

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

    def hills(self, y, amplitude, waves, colour, draw=None):
        """Fill from a wavy line down to the bottom; returns the height of the line at any x."""
        points = self.wave(y, amplitude, waves)
        (draw or self.d).polygon(points + [(SIZE + 20, SIZE), (-20, SIZE)], fill=colour)
        return lambda x: height_at(points, x)

    def rolling_hills(self, colours, far, mid, trees, height, sink):
        """Far hills, nearer hills and a few round trees growing on them: the open country many places
        start from. `far` and `mid` are (y, amplitude, waves); the trees stand at the xs in `trees`,
        `height` (low, high) tall, `sink` pixels into the hill. Returns the nearer hill's height at any x."""
        self.hills(*far, colours["far"])
        on = self.hills(*mid, colours["mid"])
        for x in trees:
            self.tree(x, on(x) + sink, self.rng.uniform(*height), colours["tree"], colours["trunk"])
        return on

    def pine_row(self, base, count, heights, colour, rise=(-10, 10)):
        """A row of pines along a far ridge, spread evenly across the picture."""
        spacing = SIZE / (count - 1)
        for i in range(count):
            x = i * spacing + self.rng.uniform(-20, 20)
            self.pine(x, base + self.rng.uniform(*rise), self.rng.uniform(*heights), colour)

    def window(self, box, radius=0, frame=WHITE, bars=True, draw=None):
        draw = draw or self.d
        draw.rounded_rectangle(box, radius, fill=WINDOW_GLASS, outline=frame, width=5)
        if self.night:
            ImageDraw.Draw(self.lights).rounded_rectangle(shrink(box, 5), max(0, radius - 5), fill=WINDOW_LIT)
        if bars:
            x0, y0, x1, y1 = box
            draw.line(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1), fill=frame, width=4)
            draw.line((x0, (y0 + y1) / 2 + radius / 3, x1, (y0 + y1) / 2 + radius / 3), fill=frame, width=4)
            if self.night:  # the bars show dark against a lit window
                lit = ImageDraw.Draw(self.lights)
                lit.line(((x0 + x1) / 2, y0 + 5, (x0 + x1) / 2, y1 - 5), fill=darker(WINDOW_LIT, 0.35), width=4)
                lit.line(
                    (x0 + 5, (y0 + y1) / 2 + radius / 3, x1 - 5, (y0 + y1) / 2 + radius / 3),
                    fill=darker(WINDOW_LIT, 0.35),
                    width=4,
                )

    def pine(self, x, base, height, colour, snow=False, draw=None):
        draw = draw or self.d
        draw.rectangle((x - height * 0.05, base - height * 0.16, x + height * 0.05, base), fill=(104, 74, 56))
        for tier in range(3):
            top = base - height + tier * height * 0.24
            half = height * (0.2 + tier * 0.07)
            bottom = top + height * 0.42
            draw.polygon(((x, top), (x + half, bottom), (x - half, bottom)), fill=lighter(colour, 0.06 * tier))
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
            (x - r * 0.45 - hr, cy - r * 0.35 - hr, x - r * 0.45 + hr, cy - r * 0.35 + hr), fill=lighter(leaf, 0.18)
        )

    def bush(self, x, base, width, colour, draw=None):
        draw = draw or self.d
        r = width / 4
        for dx, scale in ((-1.1, 0.8), (1.1, 0.8), (0, 1.1)):
            rr = r * scale
            draw.ellipse((x + dx * r - rr, base - rr * 1.6, x + dx * r + rr, base + rr * 0.4), fill=colour)
        draw.ellipse((x - r * 0.8, base - r * 1.7, x - r * 0.1, base - r * 1.1), fill=lighter(colour, 0.2))

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
            draw.line(spine[:-1], fill=darker(colour, 0.2), width=max(1, int(width / 14)))

    def palm(self, x, base, height, lean, trunk, frond, draw=None):
        draw = draw or self.d
        segments = 9
        top = (x, base)
        for i in range(segments + 1):
            t = i / segments
            cx, cy = x + lean * height * t * t, base - height * t
            r = height * (0.05 - 0.015 * t)
            draw.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), fill=trunk if i % 2 else darker(trunk, 0.12))
            top = (cx, cy)
        for i in range(7):
            angle = math.pi + i * math.pi / 6 + self.rng.uniform(-0.12, 0.12)
            self.leaf(
                draw, top, angle, height * 0.5, height * 0.14, mix(frond, (40, 110, 60), (i % 3) * 0.2), droop=0.55
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
                self.d.polygon(star_points(x, y, 16, 7), fill=(250, 140, 100))
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
        self.land.paste(gradient(SIZE - top, ((0, far), (0.5, deep), (1, deep))).convert("RGBA"), (0, top))
        if self.sun and self.time != "night":  # the sun's glitter path on the water
            for i in range(18):
                y = top + 8 + i * i * 0.9
                w = 20 + i * 7
                self.d.line(
                    (self.sun[0] - w / 2 + self.rng.uniform(-20, 20), y, self.sun[0] + w / 2, y),
                    fill=lighter(SUN[self.time], 0.5),
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


def height_at(points, x):
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / ((x1 - x0) or 1)
    return points[-1][1] if x > points[-1][0] else points[0][1]


def shrink(box, by):
    x0, y0, x1, y1 = box
    return (x0 + by, y0 + by, x1 - by, y1 - by)


# --- Sky ----------------------------------------------------------------------------


def paint_sky(p: Painter, keep_corners_free: bool, cloudy: bool = False) -> None:
    p.base = gradient(SIZE, SKY[p.time]).convert("RGBA")
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
                draw.polygon(star_points(sx, sy, 11, 3, 4), fill=STAR)

    if cloudy:
        pass  # the clouds hide the sun and the moon
    elif p.time == "night":
        moon(p, (x, 180), 62)
    elif p.time == "day":
        p.sun = (x, 170)
        p.glow(p.base, p.sun, 230, SUN["day"], 0.55)
        draw.ellipse((x - 64, 106, x + 64, 234), fill=SUN["day"])
        draw.ellipse((x - 50, 120, x + 50, 220), fill=lighter(SUN["day"], 0.4))
    else:
        p.sun = (x, 545)
        p.glow(p.base, (SIZE / 2, 560), 700, SUN[p.time], 0.55, squash=0.45)
        p.glow(p.base, p.sun, 260, SUN[p.time], 0.8)
        draw.ellipse((x - 90, 455, x + 90, 635), fill=lighter(SUN[p.time], 0.35))

    with p.sheet(p.base) as clouds:
        count = p.rng.randint(7, 9) if cloudy else p.rng.randint(3, 5)
        for i in range(count):
            cx = (i + 0.5) * SIZE / (count + 0.5) + p.rng.uniform(-60, 60)
            p.cloud(clouds, cx, p.rng.uniform(260, 430), p.rng.uniform(150, 250), CLOUD[p.time])


def moon(p: Painter, centre, radius):
    p.glow(p.base, centre, radius * 4, (200, 210, 255), 0.45)
    scale = 4  # drawn large and shrunk, for a smooth edge
    mask = Image.new("L", (radius * 2 * scale, radius * 2 * scale), 0)
    d = ImageDraw.Draw(mask)
    d.ellipse((0, 0, radius * 2 * scale, radius * 2 * scale), fill=255)
    d.ellipse((radius * 0.8 * scale, -radius * 0.35 * scale, radius * 2.6 * scale, radius * 1.6 * scale), fill=0)
    mask = mask.resize((radius * 2, radius * 2), Image.Resampling.LANCZOS)
    disc = Image.new("RGBA", mask.size, MOON + (0,))
    disc.putalpha(mask)
    composite(p.base, disc, int(centre[0] - radius), int(centre[1] - radius))
