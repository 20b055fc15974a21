"""Reference photo uploads: only real JPEG, PNG or WebP pictures, re-encoded on the way in.

Whether a file is a photo is decided by decoding it with Pillow, never by its name. What
is stored is a fresh encoding of the pixels, so EXIF and other metadata (GPS location
above all) never reach the disk, and so never reach a provider either.
"""

import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# The decoders Pillow may try: anything else is refused before it is parsed.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 40_000_000
# Providers gain nothing from more (and charge for the bytes): larger photos are scaled down.
MAX_SIDE = 2048
JPEG_QUALITY = 90
# What we store, by extension: JPEG for photos, PNG when there is transparency to keep.
STORED_TYPES = {".jpg": "image/jpeg", ".png": "image/png"}

UNREADABLE = "That file isn't a photo we can read — use a JPEG, PNG or WebP."
DAMAGED = "That photo seems to be damaged or cut short — try saving it again, or pick another one."
TOO_MANY_PIXELS = f"That photo has too many pixels (max {MAX_PIXELS // 1_000_000} megapixels)."


@dataclass(frozen=True)
class CleanPhoto:
    """An upload that passed every check, re-encoded and ready to store."""

    content: ContentFile  # named image.jpg or image.png
    width: int
    height: int


def too_large_message():
    return f"That photo is too large (max {round(settings.PHOTO_MAX_BYTES / 2**20, 1):g} MB)."


def clean_photo(upload) -> CleanPhoto:
    """Check an uploaded file and re-encode it, or raise ValidationError with a readable message."""
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(too_large_message(), code="too_large")
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice it; here that is an error too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _decode(upload)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from None
    return _reencode(image)


def _decode(upload) -> Image.Image:
    try:
        image = Image.open(upload, formats=ACCEPTED_FORMATS)
        image.verify()  # checksums and structure, without decoding the pixels
    except (SyntaxError, ValueError, OSError):  # Pillow's UnidentifiedImageError is an OSError
        raise ValidationError(UNREADABLE, code="unreadable") from None
    # Checked on the header's size, before a single pixel is decoded.
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
    try:
        upload.seek(0)
        image = Image.open(upload, formats=ACCEPTED_FORMATS)  # verify() leaves the image unusable
        image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # big JPEGs decode at a reduced scale, much faster
        image.load()
    except (SyntaxError, ValueError, OSError):  # "image file is truncated" is an OSError
        raise ValidationError(DAMAGED, code="damaged") from None
    return image


def _reencode(image: Image.Image) -> CleanPhoto:
    # The colour profile is not personal data; kept (when it still fits the pixels) so phone photos look right.
    icc_profile = image.info.get("icc_profile") if image.mode in ("RGB", "RGBA") else None
    image = ImageOps.exif_transpose(image)  # the orientation lives in EXIF, which is about to go
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = BytesIO()
    # Only what is passed to save() is written: no exif, xmp or text chunks.
    if has_alpha:
        image.save(out, "PNG", optimize=True, icc_profile=icc_profile)
        name = "image.png"
    else:
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, icc_profile=icc_profile)
        name = "image.jpg"
    return CleanPhoto(content=ContentFile(out.getvalue(), name=name), width=image.width, height=image.height)
