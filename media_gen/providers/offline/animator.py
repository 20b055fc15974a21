"""The offline video model: a slow Ken Burns pan and zoom over a scene picture.

It needs no network and no API key, so families without one still get a moving
picture for each scene. The clip opens on the whole picture and drifts in; a caption
the offline illustrator wrote under its picture (it says where, in the PNG's
`caption_top` text) stays still and whole while the picture above it moves. The motion
is derived from the image bytes, so the same picture always gives the same clip.
"""

import hashlib
import math
import os
import shutil
import tempfile
from fractions import Fraction
from io import BytesIO

import av
from PIL import Image, ImageOps

# Zoom is the picture side divided by the visible window side: 1.0 shows it all.
ZOOM_NEAR = 1.28
# How far the window centre may travel, as a share of the room it has to move.
PAN_REACH = 0.85
# Directions the camera drifts in (dx, dy); picked per picture.
PAN_DIRECTIONS = ((1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1), (0, 1), (0, -1))
# Main profile + yuv420p plays in every browser that plays H.264.
ENCODER_OPTIONS = {"crf": "26", "preset": "veryfast", "profile": "main"}
MIN_SIZE = 16


def animate(image: bytes, dest, *, seconds: float = 4.0, fps: int = 24, size: int = 512) -> None:
    """Write an H.264 MP4 of `size`x`size` pixels panning over `image` to `dest`.

    `dest` is a file path or a writable, seekable binary file object.
    Raises ValueError when `image` is not a picture or the settings make no sense.
    """
    if seconds <= 0 or fps <= 0:
        raise ValueError(f"A clip needs a positive length and frame rate, got {seconds} s at {fps} fps.")
    size -= size % 2  # yuv420p needs even dimensions
    if size < MIN_SIZE:
        raise ValueError(f"A clip must be at least {MIN_SIZE} pixels wide.")

    scene = _Scene(image, size)
    if isinstance(dest, (str, os.PathLike)):
        _encode(scene, dest, seconds, fps, size)
        return
    # Faststart rewrites the finished file by reopening it by name, which a file object has not got.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "clip.mp4")
        _encode(scene, path, seconds, fps, size)
        with open(path, "rb") as clip:
            shutil.copyfileobj(clip, dest)


class _Scene:
    """The picture split into the art the camera moves over and the caption that stays still."""

    def __init__(self, data: bytes, size: int):
        picture = _open_picture(data, size)
        top = _caption_top(picture)
        self.art = picture.crop((0, 0, picture.width, top)) if top else picture
        # The art fills the frame above the caption strip, in the same share of the height as in the picture.
        self.art_height = round(size * top / picture.height) if top else size
        self.caption = (
            picture.crop((0, top, picture.width, picture.height)).resize(
                (size, size - self.art_height), Image.Resampling.LANCZOS
            )
            if top
            else None
        )
        digest = hashlib.sha256(data).digest()  # picks the camera move, so a picture always moves the same way
        self.start, self.end = _camera_path(self.art.size, size / self.art_height, digest)

    def frame(self, progress: float, size: int) -> Image.Image:
        box = _window_at(self.start, self.end, _ease(progress))
        art = self.art.resize((size, self.art_height), Image.Resampling.BILINEAR, box=box)
        if self.caption is None:
            return art
        frame = Image.new("RGB", (size, size))
        frame.paste(art)
        frame.paste(self.caption, (0, self.art_height))
        return frame


def _encode(scene: _Scene, path, seconds: float, fps: int, size: int) -> None:
    frame_count = max(1, round(seconds * fps))
    time_base = Fraction(1, fps)
    # Faststart puts the index first, so browsers start playing before the whole file arrives.
    with av.open(path, mode="w", format="mp4", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=fps, options=ENCODER_OPTIONS)
        stream.width = stream.height = size
        stream.pix_fmt = "yuv420p"
        for index in range(frame_count):
            progress = index / (frame_count - 1) if frame_count > 1 else 0.0
            frame = av.VideoFrame.from_image(scene.frame(progress, size))
            frame.pts = index
            frame.time_base = time_base
            container.mux(stream.encode(frame))
        container.mux(stream.encode())


def _open_picture(data: bytes, size: int) -> Image.Image:
    try:
        picture = Image.open(BytesIO(data))
        caption_top = picture.info.get("caption_top")
        picture.draft("RGB", (size * 2, size * 2))  # JPEGs decode faster at a reduced scale
        picture = ImageOps.exif_transpose(picture).convert("RGB")
    except Exception as error:  # Pillow raises many different errors for damaged or unknown files
        raise ValueError(f"The scene picture could not be read as an image: {error}") from error
    height = picture.height
    # Work from a copy about as large as the closest zoom needs, so every frame resizes quickly.
    longest = math.ceil(size * ZOOM_NEAR * max(picture.size) / min(picture.size))
    if max(picture.size) > longest:
        picture.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    if caption_top:
        picture.info["caption_top"] = str(round(int(caption_top) * picture.height / height))
    return picture


def _caption_top(picture: Image.Image) -> int:
    """Where the caption the illustrator wrote starts, in rows from the top; 0 when there is none."""
    try:
        top = int(picture.info.get("caption_top", 0))
    except ValueError:
        return 0
    return top if picture.height // 2 < top < picture.height else 0


def _camera_path(art_size, aspect, digest: bytes):
    """Where the camera window starts (the whole picture, or as much of it as the frame's shape
    holds) and ends (closer in, drifted one way): (centre x, centre y, width) each."""
    width, height = art_size
    whole = min(width, height * aspect)
    dx, dy = PAN_DIRECTIONS[digest[1] % len(PAN_DIRECTIONS)]
    near = whole / ZOOM_NEAR
    room_x = (width - near) / 2 * PAN_REACH
    room_y = (height - near / aspect) / 2 * PAN_REACH
    start = (width / 2, height / 2, whole, aspect)
    end = (width / 2 + dx * room_x, height / 2 + dy * room_y, near, aspect)
    return start, end


def _window_at(start, end, amount):
    centre_x, centre_y, window_width, aspect = (a + (b - a) * amount for a, b in zip(start, end, strict=True))
    half_width, half_height = window_width / 2, window_width / aspect / 2
    return (centre_x - half_width, centre_y - half_height, centre_x + half_width, centre_y + half_height)


def _ease(progress: float) -> float:
    """Slow at both ends, so the camera drifts rather than jerks."""
    return 0.5 - 0.5 * math.cos(math.pi * progress)
