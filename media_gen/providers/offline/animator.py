"""The offline video model: a slow Ken Burns pan and zoom over a scene picture.

It needs no network and no API key, so families without one still get a moving
picture for each scene. The motion is derived from the image bytes, so the same
picture always gives the same clip.
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
ZOOM_FAR = 1.04
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

    picture = _open_picture(image, size)
    digest = hashlib.sha256(image).digest()  # picks the camera move, so a picture always moves the same way
    if isinstance(dest, (str, os.PathLike)):
        _encode(picture, dest, seconds, fps, size, digest)
        return
    # Faststart rewrites the finished file by reopening it by name, which a file object has not got.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "clip.mp4")
        _encode(picture, path, seconds, fps, size, digest)
        with open(path, "rb") as clip:
            shutil.copyfileobj(clip, dest)


def _encode(picture: Image.Image, path, seconds: float, fps: int, size: int, digest: bytes) -> None:
    start, end = _camera_path(picture.size, digest)
    frame_count = max(1, round(seconds * fps))
    time_base = Fraction(1, fps)
    # Faststart puts the index first, so browsers start playing before the whole file arrives.
    with av.open(path, mode="w", format="mp4", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=fps, options=ENCODER_OPTIONS)
        stream.width = stream.height = size
        stream.pix_fmt = "yuv420p"
        for index in range(frame_count):
            progress = index / (frame_count - 1) if frame_count > 1 else 0.0
            box = _window_at(start, end, _ease(progress))
            frame = av.VideoFrame.from_image(picture.resize((size, size), Image.Resampling.BILINEAR, box=box))
            frame.pts = index
            frame.time_base = time_base
            container.mux(stream.encode(frame))
        container.mux(stream.encode())


def _open_picture(data: bytes, size: int) -> Image.Image:
    try:
        picture = Image.open(BytesIO(data))
        picture.draft("RGB", (size * 2, size * 2))  # JPEGs decode faster at a reduced scale
        picture = ImageOps.exif_transpose(picture).convert("RGB")
    except Exception as error:  # Pillow raises many different errors for damaged or unknown files
        raise ValueError(f"The scene picture could not be read as an image: {error}") from error
    # Work from a copy about as large as the closest zoom needs, so every frame resizes quickly.
    longest = math.ceil(size * ZOOM_NEAR * max(picture.size) / min(picture.size))
    if max(picture.size) > longest:
        picture.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    return picture


def _camera_path(picture_size, digest: bytes):
    """Where the camera window starts and ends: (centre x, centre y, side) each."""
    width, height = picture_size
    side = min(width, height)
    zoom_in = digest[0] % 2 == 0
    dx, dy = PAN_DIRECTIONS[digest[1] % len(PAN_DIRECTIONS)]

    def window(zoom, direction):
        window_side = side / zoom
        room_x = (width - window_side) / 2 * PAN_REACH
        room_y = (height - window_side) / 2 * PAN_REACH
        return (width / 2 + dx * direction * room_x, height / 2 + dy * direction * room_y, window_side)

    near, far = window(ZOOM_NEAR, 1), window(ZOOM_FAR, -1)
    return (far, near) if zoom_in else (near, far)


def _window_at(start, end, amount):
    centre_x, centre_y, side = (a + (b - a) * amount for a, b in zip(start, end))
    half = side / 2
    return (centre_x - half, centre_y - half, centre_x + half, centre_y + half)


def _ease(progress: float) -> float:
    """Slow at both ends, so the camera drifts rather than jerks."""
    return 0.5 - 0.5 * math.cos(math.pi * progress)
