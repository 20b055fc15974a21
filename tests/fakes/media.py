"""Real (cheap) images and videos for the fakes, and input-image checks.

Images are a solid colour derived from a text (the prompt), so tests can tell
images apart: `colour_for(prompt)` is the colour of every pixel (exact for PNG and
WebP, approximate for JPEG).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
import threading
from functools import lru_cache

from PIL import Image

FORMATS = {"png": ("PNG", "image/png"), "jpeg": ("JPEG", "image/jpeg"), "jpg": ("JPEG", "image/jpeg"),
           "webp": ("WEBP", "image/webp")}


def colour_for(text: str) -> tuple[int, int, int]:
    """The RGB colour the fakes paint an image for this prompt."""
    d = hashlib.sha256((text or "").encode("utf-8")).digest()
    return d[0], d[1], d[2]


@lru_cache(maxsize=64)
def _render(width: int, height: int, colour: tuple[int, int, int], fmt: str, alpha: bool) -> bytes:
    pil_format, _ = FORMATS[fmt]
    mode = "RGBA" if alpha and pil_format != "JPEG" else "RGB"
    img = Image.new(mode, (width, height), colour + ((0,) if mode == "RGBA" else ()))
    buf = io.BytesIO()
    kwargs = {"quality": 90} if pil_format == "JPEG" else {}
    if pil_format == "WEBP":
        kwargs = {"lossless": True}
    img.save(buf, pil_format, **kwargs)
    return buf.getvalue()


def make_image(width: int, height: int, text: str = "", fmt: str = "png", *, transparent: bool = False) -> bytes:
    """Encoded image bytes (png/jpeg/webp) of the given size, coloured by `text`."""
    return _render(int(width), int(height), colour_for(text), fmt.lower(), transparent)


def mime_of(fmt: str) -> str:
    return FORMATS[fmt.lower()][1]


def sniff_image(data: bytes) -> tuple[str, int, int] | None:
    """(PIL format, width, height) if `data` is a decodable image, else None."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            return img.format, img.width, img.height
    except Exception:
        return None


_DATA_URI = re.compile(r"\Adata:(?P<mime>image/[a-zA-Z0-9.+-]+);base64,(?P<data>.*)\Z", re.S)


def decode_data_uri(uri: str) -> tuple[str, bytes] | None:
    """(mime, bytes) for a `data:image/...;base64,...` URI with valid base64, else None."""
    m = _DATA_URI.match(uri or "")
    if not m:
        return None
    try:
        return m.group("mime"), base64.b64decode(m.group("data"), validate=True)
    except (binascii.Error, ValueError):
        return None


def b64decode_strict(data: str) -> bytes | None:
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError, TypeError):
        return None


def size_for_ratio(ratio: str, long_or_area: int = 1024, *, multiple: int = 16) -> tuple[int, int]:
    """A WxH with roughly `long_or_area`² pixels and the given "W:H" aspect ratio."""
    w, h = (float(x) for x in ratio.split(":"))
    r = w / h
    width = (long_or_area * r ** 0.5)
    height = (long_or_area / r ** 0.5)
    return (max(multiple, round(width / multiple) * multiple), max(multiple, round(height / multiple) * multiple))


# ------------------------------------------------------------------------ video

_mp4_lock = threading.Lock()
_mp4_cache: bytes | None = None


def sample_mp4() -> bytes:
    """A small valid H.264 MP4: 1 s, 64x64, 8 frames at 8 fps (built once with PyAV)."""
    global _mp4_cache
    with _mp4_lock:
        if _mp4_cache is None:
            import av

            buf = io.BytesIO()
            with av.open(buf, mode="w", format="mp4") as container:
                stream = container.add_stream("libx264", rate=8)
                stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
                for i in range(8):
                    frame = av.VideoFrame.from_image(Image.new("RGB", (64, 64), (i * 30, 90, 200)))
                    for packet in stream.encode(frame):
                        container.mux(packet)
                for packet in stream.encode():
                    container.mux(packet)
            _mp4_cache = buf.getvalue()
        return _mp4_cache


def padded_stream(payload: bytes, total: int, chunk: int = 1 << 20):
    """Yield `payload` then zero bytes up to `total` bytes, in chunks (constant memory)."""
    sent = 0
    head = payload[:total]
    for i in range(0, len(head), chunk):
        piece = head[i:i + chunk]
        sent += len(piece)
        yield piece
    zeros = bytes(chunk)
    while sent < total:
        n = min(chunk, total - sent)
        sent += n
        yield zeros if n == chunk else bytes(n)
