"""The offline video model turns a scene picture into a short pan-and-zoom MP4."""

import itertools
from io import BytesIO

import av
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from media_gen.providers.base import ImageBrief
from media_gen.providers.offline import vocabulary
from media_gen.providers.offline.animator import animate
from media_gen.providers.offline.illustrator import draw_scene


def scene_png(size=(1024, 1024)) -> bytes:
    """A picture with plenty of detail, so any camera movement shows."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(0, max(size), 64):
        draw.line((i, 0, i, size[1]), fill=(230, 60, 60), width=6)
        draw.ellipse((i, i * size[1] / max(size), i + 40, i * size[1] / max(size) + 40), fill=(40, 120, 240))
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def captioned_scene() -> bytes:
    """A picture from the offline illustrator, with its caption under it."""
    hints = vocabulary.hints(
        place="forest",
        time="day",
        object="lantern",
        characters=[
            {"name": "Mia", "kind": "girl", "figure": "person", "colour": "red", "pose": "wave", "role": "hero"}
        ],
    )
    return draw_scene(ImageBrief(tier_slug="kids", prompt="", scene_title="Into the Whispering Woods", hints=hints))


def mean_difference(a, b) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


def frames_of(video: BytesIO):
    video.seek(0)
    with av.open(video) as container:
        return [frame.to_image() for frame in container.decode(video=0)]


def test_it_writes_a_playable_h264_mp4():
    video = BytesIO()
    animate(scene_png(), video, seconds=4.0, fps=24, size=512)

    data = video.getvalue()
    assert data[4:8] == b"ftyp"
    assert data.index(b"moov") < data.index(b"mdat")  # faststart: browsers can play while it loads
    video.seek(0)
    with av.open(video) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.profile in ("Baseline", "Constrained Baseline", "Main")
        assert stream.pix_fmt == "yuv420p"
        assert (stream.width, stream.height) == (512, 512)
        assert container.duration / av.time_base == pytest.approx(4.0, abs=0.1)
    frames = frames_of(video)
    assert len(frames) == 96
    moved = sum(ImageStat.Stat(ImageChops.difference(frames[0], frames[-1])).mean) / 3
    assert moved > 10


def test_it_moves_smoothly():
    video = BytesIO()
    animate(scene_png(), video, seconds=2.0, fps=12, size=256)
    frames = frames_of(video)

    steps = [sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3 for a, b in itertools.pairwise(frames)]
    whole = sum(ImageStat.Stat(ImageChops.difference(frames[0], frames[-1])).mean) / 3
    assert max(steps) < whole  # no single frame jumps as far as the whole clip travels
    assert steps[0] < steps[len(steps) // 2]  # eases in: slow at the start


def test_it_follows_the_requested_length_rate_and_size(tmp_path):
    path = tmp_path / "scene.mp4"
    animate(scene_png((800, 600)), path, seconds=1.5, fps=10, size=301)

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (300, 300)  # even, as yuv420p needs
        assert stream.average_rate == 10
        assert sum(1 for _ in container.decode(video=0)) == 15


def test_it_is_deterministic():
    first, second = BytesIO(), BytesIO()
    animate(scene_png(), first, seconds=1.0, size=128)
    animate(scene_png(), second, seconds=1.0, size=128)

    assert first.getvalue() == second.getvalue()


def test_it_rejects_a_non_image():
    with pytest.raises(ValueError, match="could not be read as an image"):
        animate(b"this is not a picture", BytesIO())
    with pytest.raises(ValueError):
        animate(b"", BytesIO())


def test_it_rejects_nonsense_settings():
    with pytest.raises(ValueError):
        animate(scene_png(), BytesIO(), seconds=0)
    with pytest.raises(ValueError):
        animate(scene_png(), BytesIO(), size=4)


def test_the_clip_starts_from_the_whole_picture():
    png = captioned_scene()
    video = BytesIO()
    animate(png, video, seconds=1.0, fps=12, size=256)
    first, *_, last = frames_of(video)
    whole = Image.open(BytesIO(png)).convert("RGB").resize((256, 256), Image.Resampling.LANCZOS)
    assert mean_difference(first, whole) < 4  # only what H.264 loses
    assert mean_difference(last, whole) > 10  # and then it moves


def test_the_caption_stays_whole_and_still():
    png = captioned_scene()
    video = BytesIO()
    animate(png, video, seconds=1.0, fps=12, size=256)
    caption_rows = (0, round(256 * 910 / 1024) + 2, 256, 256)
    whole = Image.open(BytesIO(png)).convert("RGB").resize((256, 256), Image.Resampling.LANCZOS)
    frames = frames_of(video)
    art_moved = mean_difference(frames[0].crop((0, 0, 256, 200)), frames[-1].crop((0, 0, 256, 200)))
    assert art_moved > 10
    assert mean_difference(frames[0].crop(caption_rows), whole.crop(caption_rows)) < 8  # H.264 softens text a little
    for frame in frames:
        assert mean_difference(frame.crop(caption_rows), frames[0].crop(caption_rows)) < 2


def test_a_picture_without_a_caption_moves_all_over():
    video = BytesIO()
    animate(scene_png(), video, seconds=1.0, fps=12, size=256)
    first, *_, last = frames_of(video)
    assert mean_difference(first.crop((0, 230, 256, 256)), last.crop((0, 230, 256, 256))) > 10
