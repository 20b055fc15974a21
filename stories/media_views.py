"""Tier-scoped media: a file is served only under the tier its row belongs to.

Range requests let browsers seek in clips (Safari plays no video without them), the
validators let them revalidate cheaply, and the body is streamed in chunks. Behind
nginx or Apache, MEDIA_ACCEL hands the transfer itself to the web server once the
ownership check has passed. Use it in production: daphne applies no backpressure, so
it holds whatever part of a file a slow client has not read yet.
"""

import asyncio
import mimetypes
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage
from django.core.handlers.asgi import ASGIRequest
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from stories.models import MEDIA_MODELS

CHUNK_SIZE = 256 * 1024
# One range only: a multi-range request may be answered with the whole file (RFC 9110 §14.2).
# At most 18 digits (an exabyte): a longer position is absurd, so its header is ignored
# like any other malformed one instead of reaching int(), whose digit limit would be a 500.
RANGE_PATTERN = re.compile(r"bytes=(\d{0,18})-(\d{0,18})", re.IGNORECASE)


class RangeNotSatisfiable(Exception):
    pass


@dataclass(frozen=True)
class StoredFile:
    storage: Storage
    name: str
    size: int
    modified: datetime

    @property
    def etag(self) -> str:
        # The file is replaced by a rename on every write, so mtime and size identify a version.
        return f'"{int(self.modified.timestamp() * 1_000_000):x}-{self.size:x}"'

    @property
    def last_modified(self) -> int:
        return int(self.modified.timestamp())

    @property
    def content_type(self) -> str:
        return mimetypes.guess_type(self.name)[0] or "application/octet-stream"


@require_safe
def media_file(request, tier, kind, pk):
    """A generated file or reference photo, for its own tier only (404 for any other)."""
    return serve_file(request, owned_file(tier, kind, pk))


def serve_file(request, file: FieldFile):
    """A file of media storage, once the caller has checked who may see it."""
    stored = stored_file(file)
    headers = {
        "Content-Type": stored.content_type,
        "ETag": stored.etag,
        "Last-Modified": http_date(stored.last_modified),
        "Accept-Ranges": "bytes",
        # Protected tiers' files must never sit in a shared cache; browsers revalidate.
        "Cache-Control": "private, no-cache",
    }
    precondition = get_conditional_response(
        request, etag=stored.etag, last_modified=stored.last_modified, response=HttpResponse(headers=headers)
    )
    if precondition.status_code != 200:
        return precondition  # 304 Not Modified or 412 Precondition Failed
    if settings.MEDIA_ACCEL:
        return accelerated_response(stored, headers)
    try:
        byte_range = requested_range(request, stored)
    except RangeNotSatisfiable:
        return HttpResponse(status=416, headers={"Content-Range": f"bytes */{stored.size}"})
    return streamed_response(request, stored, headers, byte_range)


def owned_file(tier, kind: str, pk) -> FieldFile:
    try:
        model = MEDIA_MODELS[kind]
    except KeyError:
        raise Http404("No such kind of media.") from None
    row = model.objects.filter(pk=pk, tier=tier.slug).first()
    if row is None or not row.file:
        raise Http404("No such file.")
    return row.file


def stored_file(file: FieldFile) -> StoredFile:
    storage = file.storage
    try:
        return StoredFile(storage, file.name, storage.size(file.name), storage.get_modified_time(file.name))
    except FileNotFoundError:
        raise Http404("That file is gone.") from None


def requested_range(request, stored: StoredFile) -> tuple[int, int] | None:
    """The byte range to send as (first, last), inclusive; None for the whole file.

    A Range header that is absent, malformed, for several ranges, or made stale by
    If-Range is ignored, as RFC 9110 allows; one that starts past the end is refused.
    """
    match = RANGE_PATTERN.fullmatch(request.headers.get("Range", "").strip())
    if request.method != "GET" or not match or match.groups() == ("", "") or not if_range_holds(request, stored):
        return None
    first, last = match.groups()
    if not first:  # a suffix: the last N bytes
        if int(last) == 0 or stored.size == 0:
            raise RangeNotSatisfiable
        return max(stored.size - int(last), 0), stored.size - 1
    if last and int(last) < int(first):
        return None
    if int(first) >= stored.size:
        raise RangeNotSatisfiable
    return int(first), min(int(last) if last else stored.size - 1, stored.size - 1)


def if_range_holds(request, stored: StoredFile) -> bool:
    """If-Range: send the part only if the client's copy is still this version."""
    validator = request.headers.get("If-Range")
    if validator is None:
        return True
    if validator.startswith('"'):
        return validator == stored.etag  # strong comparison: weak tags never match
    return parse_http_date_safe(validator) == stored.last_modified


def streamed_response(request, stored: StoredFile, headers: dict, byte_range: tuple[int, int] | None):
    first, last = byte_range or (0, stored.size - 1)
    length = last - first + 1
    headers = {**headers, "Content-Length": str(length)}
    if byte_range:
        headers["Content-Range"] = f"bytes {first}-{last}/{stored.size}"
    status = 206 if byte_range else 200
    if request.method == "HEAD":
        return HttpResponse(status=status, headers=headers)
    return StreamingHttpResponse(segment(request, stored, first, length), status=status, headers=headers)


def segment(request, stored: StoredFile, first: int, length: int) -> Iterator[bytes] | AsyncIterator[bytes]:
    # Django reads a sync iterator whole before sending it under ASGI (and an async one
    # whole under WSGI), so hand each server the kind it streams.
    reader = async_chunks if isinstance(request, ASGIRequest) else chunks
    return reader(stored, first, length)


def chunks(stored: StoredFile, first: int, length: int) -> Iterator[bytes]:
    with open_at(stored, first) as handle:
        while length > 0 and (chunk := handle.read(min(CHUNK_SIZE, length))):
            length -= len(chunk)
            yield chunk


async def async_chunks(stored: StoredFile, first: int, length: int) -> AsyncIterator[bytes]:
    # Reads run off the event loop, which also runs the embedded worker.
    with await asyncio.to_thread(open_at, stored, first) as handle:
        while length > 0 and (chunk := await asyncio.to_thread(handle.read, min(CHUNK_SIZE, length))):
            length -= len(chunk)
            yield chunk


def open_at(stored: StoredFile, first: int) -> File:
    handle = stored.storage.open(stored.name, "rb")
    handle.seek(first)
    return handle


def accelerated_response(stored: StoredFile, headers: dict) -> HttpResponse:
    """Let nginx (X-Accel-Redirect) or Apache/lighttpd (X-Sendfile) send the file.

    The web server then answers Range and conditional requests itself, and sets the
    validators and length from the file.
    """
    # The value is checked at start-up (stories.checks).
    if settings.MEDIA_ACCEL == "x-accel-redirect":
        handoff = {"X-Accel-Redirect": settings.MEDIA_ACCEL_PREFIX.rstrip("/") + "/" + quote(stored.name)}
    else:
        handoff = {"X-Sendfile": stored.storage.path(stored.name)}
    return HttpResponse(
        headers={"Content-Type": headers["Content-Type"], "Cache-Control": headers["Cache-Control"], **handoff}
    )
