"""Tier-scoped media: Range, validators, content types, streaming and X-Accel."""

import asyncio
import tracemalloc
from contextlib import contextmanager

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile
from django.core.handlers.asgi import ASGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from stories.models import VideoAsset
from tests.helpers import make_story, play
from tests.photos import make_person, photo_bytes

pytestmark = pytest.mark.django_db

CLIP = bytes(range(256)) * 40  # 10240 bytes in which every offset is recognisable
LARGE = 200 * 2**20
MB = 2**20


def make_clip(tier="kids", data=CLIP):
    _, scene = make_story(tier=tier)
    video = VideoAsset.objects.create(scene=scene, tier=tier, provider="offline", status="complete")
    video.file.save("clip.mp4", ContentFile(data))
    return video


def media_url(asset, kind="videos", tier=None):
    return reverse("media", kwargs={"tier": tier or asset.tier, "kind": kind, "pk": asset.pk})


def body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def clip():
    return make_clip()


@pytest.fixture
def grown_up(client):
    """A signed-in user who may enter the protected tier, so a 404 there means "not yours"."""
    user = User.objects.create_user("parent")
    user.user_permissions.add(Permission.objects.get(codename="access_nsfw"))
    client.force_login(user)
    return user


def test_it_serves_the_whole_clip_with_its_validators(client, clip):
    response = client.get(media_url(clip))
    assert response.status_code == 200
    assert body(response) == CLIP
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == str(len(CLIP))
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize(
    "header, first, last",
    [
        ("bytes=0-99", 0, 99),  # the first bytes
        ("bytes=1000-1999", 1000, 1999),  # a middle range
        ("bytes=-500", 9740, 10239),  # a suffix range: the last 500 bytes
        ("bytes=10000-", 10000, 10239),  # from an offset to the end
        ("bytes=10000-99999", 10000, 10239),  # past the end: cut at the end
        ("bytes=-99999", 0, 10239),  # a suffix longer than the file: all of it
    ],
)
def test_it_serves_a_range(client, clip, header, first, last):
    response = client.get(media_url(clip), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(CLIP)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert body(response) == CLIP[first : last + 1]


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=99999-100000", "bytes=-0"])
def test_an_unsatisfiable_range_is_416(client, clip, header):
    response = client.get(media_url(clip), HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(CLIP)}"


@pytest.mark.parametrize("header", ["bytes=5-3", "bytes=0-1,5-6", "items=0-5", "bytes=x-y"])
def test_a_range_it_cannot_use_gets_the_whole_file(client, clip, header):
    response = client.get(media_url(clip), HTTP_RANGE=header)
    assert response.status_code == 200 and body(response) == CLIP


@pytest.mark.parametrize("header", ["bytes=" + "9" * 4301 + "-", "bytes=0-" + "9" * 4301, "bytes=-" + "9" * 4301])
def test_a_range_with_absurdly_long_numbers_gets_the_whole_file(client, clip, header):
    response = client.get(media_url(clip), HTTP_RANGE=header)
    assert response.status_code == 200 and body(response) == CLIP


def test_a_fresh_copy_is_not_sent_again(client, clip):
    first = client.get(media_url(clip))
    by_etag = client.get(media_url(clip), HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(media_url(clip), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag["ETag"] == first["ETag"] and not by_etag.content
    assert client.get(media_url(clip), HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_if_range_sends_the_part_only_for_the_same_version(client, clip):
    validators = client.get(media_url(clip))
    for current in (validators["ETag"], validators["Last-Modified"]):
        assert client.get(media_url(clip), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=current).status_code == 206
    for stale in ('"other"', f"W/{validators['ETag']}", "Mon, 01 Jan 2001 00:00:00 GMT"):
        response = client.get(media_url(clip), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=stale)
        assert response.status_code == 200 and body(response) == CLIP


def test_head_sends_the_headers_without_the_body(client, clip):
    response = client.head(media_url(clip))
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(CLIP)) and response["Accept-Ranges"] == "bytes"
    assert response.content == b""


def test_it_rejects_writes(client, clip):
    assert client.post(media_url(clip)).status_code == 405


def test_each_kind_has_its_content_type(client):
    _, scene = make_story()
    image = play(scene).image
    person = make_person(photos=[photo_bytes()])
    photo = person.photos.get()
    assert client.get(media_url(image, "images"))["Content-Type"] == "image/png"
    assert client.get(media_url(photo, "photos"))["Content-Type"] == photo.mime


def test_another_tiers_file_is_404(client, clip, grown_up):
    photo = make_person(tier="nsfw", photos=[photo_bytes()]).photos.get()
    assert client.get(media_url(clip, tier="nsfw")).status_code == 404
    assert client.get(media_url(photo, "photos", tier="kids")).status_code == 404


def test_a_row_whose_file_is_gone_is_404(client, clip):
    clip.file.storage.delete(clip.file.name)
    assert client.get(media_url(clip)).status_code == 404


def test_a_row_without_a_file_is_404(client):
    _, scene = make_story()
    video = VideoAsset.objects.create(scene=scene, tier="kids", provider="offline", status="failed")
    assert client.get(media_url(video)).status_code == 404


def test_there_is_no_global_media_url(client, clip):
    assert client.get(f"/media/{clip.file.name}").status_code == 404


def test_x_accel_redirect_hands_the_file_to_nginx(client, clip, settings, grown_up):
    settings.MEDIA_ACCEL = "x-accel-redirect"
    response = client.get(media_url(clip))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{clip.file.name}"
    assert response["Content-Type"] == "video/mp4"
    assert client.get(media_url(clip, tier="nsfw")).status_code == 404


def test_x_sendfile_names_the_file_on_disk(client, clip, settings, media_root):
    settings.MEDIA_ACCEL = "x-sendfile"
    assert client.get(media_url(clip))["X-Sendfile"] == str(media_root / clip.file.name)


# Under daphne, Django's ASGI handler sends the response: these go through it directly.


@contextmanager
def database_connection_kept():
    """What Django's test clients do: the test's transaction must outlive the request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


async def asgi_get(path, headers=(), keep_body=True):
    """GET through the ASGI handler; returns the status, headers and body (or its size)."""
    answer = {"body": b"", "size": 0}
    requested = False

    async def receive():
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Future()  # the client stays connected

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {name.decode().lower(): value.decode() for name, value in message["headers"]}
        else:
            answer["size"] += len(message.get("body", b""))
            if keep_body:
                answer["body"] += message.get("body", b"")

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *((name.encode(), value.encode()) for name, value in headers)],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    with database_connection_kept():
        await ASGIHandler()(scope, receive, send)
    return answer


def test_the_asgi_server_gets_the_same_answers(clip):
    whole = async_to_sync(asgi_get)(media_url(clip))
    part = async_to_sync(asgi_get)(media_url(clip), [("range", "bytes=-500")])
    assert whole["status"] == 200 and whole["body"] == CLIP
    assert part["status"] == 206 and part["body"] == CLIP[-500:]
    assert part["headers"]["content-range"] == f"bytes 9740-10239/{len(CLIP)}"


@contextmanager
def memory_growth():
    """Peak Python allocations (bytes) while the block runs.

    (Not peak RSS: the process's peak is often already higher, from earlier tests, so its
    growth would read 0 whatever the block did. bench/memory.py measures RSS on its own.)
    """
    growth = {}
    tracemalloc.start()
    try:
        yield growth
    finally:
        growth["allocated"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


@pytest.fixture
def large_clip(clip):
    """A 200 MB clip that takes no disk space: a sparse file of zeros."""
    with open(clip.file.path, "wb") as handle:
        handle.truncate(LARGE)
    return clip


def test_a_large_file_streams_with_flat_memory_under_asgi(large_clip):
    with memory_growth() as growth:
        answer = async_to_sync(asgi_get)(media_url(large_clip), keep_body=False)
    assert answer["status"] == 200 and answer["size"] == LARGE
    assert growth["allocated"] < 20 * MB


def test_a_large_file_streams_with_flat_memory_under_wsgi(client, large_clip):
    with memory_growth() as growth:
        response = client.get(media_url(large_clip), HTTP_RANGE=f"bytes=1-{LARGE - 2}")
        size = sum(len(chunk) for chunk in response.streaming_content)
    assert response.status_code == 206 and size == LARGE - 2
    assert growth["allocated"] < 20 * MB
