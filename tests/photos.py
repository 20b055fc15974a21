"""Photos made in code for the memory-mode tests, and people to hold them."""

import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageChops

from stories.models import Person
from stories.photos import clean_photo

MAGENTA = (255, 0, 255)


def photo_bytes(fmt="PNG", size=(64, 48), color=MAGENTA, mode="RGB", **save_options):
    out = BytesIO()
    Image.new(mode, size, color).save(out, fmt, **save_options)
    return out.getvalue()


def magenta_pixels(picture: bytes) -> int:
    """How many pixels of a picture are close to MAGENTA."""
    red, green, blue = Image.open(BytesIO(picture)).convert("RGB").split()
    high, low = (lambda v: 255 if v > 200 else 0), (lambda v: 255 if v < 90 else 0)
    both = ImageChops.multiply(ImageChops.multiply(red.point(high), green.point(low)), blue.point(high))
    return both.histogram()[255]


def upload(data, name="photo.png"):
    return SimpleUploadedFile(name, data)


def blank_png(width, height):
    """A valid black-and-white PNG of any size, built without holding its pixels in memory:
    zeros compress to almost nothing, which is what makes a decompression bomb."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then 1 bit per pixel
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def make_person(tier="kids", name="Ava", photos=(), **fields):
    """A person with photos (PNG bytes each), stored as an upload would be."""
    person = Person.objects.create(tier=tier, name=name, **fields)
    for data in photos:
        person.add_photo(clean_photo(upload(data)))
    return person
