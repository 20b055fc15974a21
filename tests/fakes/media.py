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

FORMATS = {
    "png": ("PNG", "image/png"),
    "jpeg": ("JPEG", "image/jpeg"),
    "jpg": ("JPEG", "image/jpeg"),
    "webp": ("WEBP", "image/webp"),
}


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
    width = long_or_area * r**0.5
    height = long_or_area / r**0.5
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
        piece = head[i : i + chunk]
        sent += len(piece)
        yield piece
    zeros = bytes(chunk)
    while sent < total:
        n = min(chunk, total - sent)
        sent += n
        yield zeros if n == chunk else bytes(n)


# ------------------------------------------------------------------------ speech

SPEECH_RATE = 24_000
SECONDS_PER_WORD = 0.4  # about 150 words a minute, like a person reading aloud


def speech_pcm(text: str, rate: int = SPEECH_RATE) -> bytes:
    """Mono 16-bit PCM that "reads" `text`: a tone of about a reading's length (never silent)."""
    import math
    import struct

    seconds = max(1, len((text or "").split())) * SECONDS_PER_WORD
    count = int(seconds * rate)
    return b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(count))


def speech_file(text: str, fmt: str = "mp3") -> bytes:
    """The speech of `text` as an mp3, wav or raw pcm (24 kHz) file."""
    import wave

    pcm = speech_pcm(text)
    if fmt == "pcm":
        return pcm
    buf = io.BytesIO()
    if fmt == "wav":
        with wave.open(buf, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SPEECH_RATE)
            wav.writeframes(pcm)
        return buf.getvalue()
    import av

    with av.open(buf, "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=SPEECH_RATE, layout="mono")
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(pcm) // 2)
        frame.planes[0].update(pcm)
        frame.sample_rate = SPEECH_RATE
        cutter = av.AudioResampler(
            format=stream.codec_context.format,
            layout="mono",
            rate=SPEECH_RATE,
            frame_size=stream.codec_context.frame_size,
        )
        for piece in [*cutter.resample(frame), *cutter.resample(None), None]:
            for packet in stream.encode(piece):
                container.mux(packet)
    return buf.getvalue()


def audio_seconds(data: bytes) -> float:
    """How long an audio file (mp3, wav…) plays, decoded with PyAV."""
    import av

    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.audio[0]
        return sum(frame.samples for frame in container.decode(stream)) / stream.rate


def audio_peak(data: bytes) -> float:
    """The loudest sample of an audio file, from 0 (silence) to 1."""
    import av

    peak = 0.0
    with av.open(io.BytesIO(data)) as container:
        resampler = av.AudioResampler(format="s16", layout="mono")
        for frame in container.decode(container.streams.audio[0]):
            for piece in resampler.resample(frame):
                samples = memoryview(bytes(piece.planes[0])[: piece.samples * 2]).cast("h")
                peak = max(peak, max((abs(sample) for sample in samples), default=0) / 32768)
    return peak
