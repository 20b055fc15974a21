"""An over-large request body is refused with 413 before it is kept: the real server, over real HTTP."""

import re
from pathlib import Path

import httpx
import pytest
from asgiref.sync import async_to_sync
from django.conf import settings

from storyteller.limits import RequestBodyLimit
from tests.appserver import ROOT, AppServer

MB = 2**20
BOUNDARY = "storyteller-test-boundary"


def memory(pid, field):
    """VmRSS (memory held now) or VmHWM (the most held since the last reset_peak), in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)) * 1024


def reset_peak(pid):
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM starts again from VmRSS


def multipart_photo(size):
    """A form with one photo of `size` bytes, streamed a megabyte at a time."""
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\nAva\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="photo"; filename="ava.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    for _ in range(size // MB):
        yield bytes(MB)
    yield bytes(size % MB)
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def multipart_length(size):
    return sum(len(part) for part in multipart_photo(0)) + size


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = AppServer(tmp_path_factory.mktemp("request-limit")).start()
    httpx.get(f"{server.url}/kids/people/add").raise_for_status()  # code and templates loaded
    yield server
    server.stop()


def post_photo(server, size, headers=()):
    return httpx.post(
        f"{server.url}/kids/people/add",
        content=multipart_photo(size),
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", **dict(headers)},
        timeout=120,
    )


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_200_mb_upload_is_refused_without_being_kept(server, declared):
    size = 200 * MB
    reset_peak(server.process.pid)
    before = memory(server.process.pid, "VmRSS")
    headers = {"Content-Length": str(multipart_length(size))} if declared else {}
    # Sent whole or cut off part way (the server may close once it has answered),
    # httpx reads the answer the server sent first.
    response = post_photo(server, size, headers)
    assert response.status_code == 413
    assert "That upload is too big" in response.text
    assert memory(server.process.pid, "VmHWM") - before < 50 * MB
    assert httpx.get(f"{server.url}/kids/").status_code == 200  # and it goes on serving


def test_a_photo_just_over_its_own_limit_reaches_the_app_for_its_kind_answer(server):
    page = httpx.get(f"{server.url}/kids/people/add")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = httpx.post(
        f"{server.url}/kids/people/add",
        data={"name": "Ava", "csrfmiddlewaretoken": token},
        files={"photo": ("ava.png", bytes(settings.PHOTO_MAX_BYTES + 1), "image/png")},
        cookies=page.cookies,
    )
    assert response.status_code == 400
    assert "That photo is too large" in response.text


def test_make_run_make_web_and_the_deployments_start_the_bounded_server():
    for path in ("Makefile", "Procfile", "deploy/storyteller-web@.service"):
        text = (ROOT / path).read_text()
        assert "-m storyteller.server" in text and "bin/daphne" not in text and " daphne -b" not in text, path


# The ASGI guard, for servers other than daphne.


def asgi_post(chunks, headers=()):
    """Run a POST through the guard in front of an app that reads the whole body; what was sent, what the app got."""
    sent, got = [], []
    messages = [{"type": "http.request", "body": chunk, "more_body": True} for chunk in chunks]
    messages.append({"type": "http.request", "body": b"", "more_body": False})

    async def receive():
        return messages.pop(0)

    async def send(message):
        sent.append(message)

    async def app(scope, receive, send):
        while (message := await receive())["type"] == "http.request":
            got.append(message["body"])
            if not message["more_body"]:
                await send({"type": "http.response.start", "status": 200, "headers": []})
                await send({"type": "http.response.body", "body": b"ok"})
                return

    scope = {"type": "http", "method": "POST", "path": "/", "headers": list(headers)}
    async_to_sync(RequestBodyLimit(app))(scope, receive, send)
    return sent, b"".join(got)


def test_the_asgi_guard_refuses_a_declared_length_over_the_limit(settings):
    settings.REQUEST_MAX_BYTES = 100
    sent, got = asgi_post([bytes(101)], headers=[(b"content-length", b"101")])
    assert sent[0]["status"] == 413 and b"That upload is too big" in sent[1]["body"]
    assert got == b""


def test_the_asgi_guard_refuses_a_body_once_it_passes_the_limit(settings):
    settings.REQUEST_MAX_BYTES = 100
    sent, got = asgi_post([bytes(60), bytes(60), bytes(60)])
    assert [message.get("status") for message in sent] == [413, None]
    assert got == bytes(60)  # the app saw nothing past the limit, and answered nothing


def test_the_asgi_guard_lets_a_body_within_the_limit_through(settings):
    settings.REQUEST_MAX_BYTES = 100
    sent, got = asgi_post([bytes(50), bytes(50)], headers=[(b"content-length", b"100")])
    assert sent[0]["status"] == 200 and got == bytes(100)
