"""The download guard: https or the provider's own host, public addresses, size and time caps."""

import asyncio
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from media_gen.providers import downloads
from media_gen.providers.base import ProviderError
from media_gen.providers.downloads import DownloadFailed, check_peer, download

CLIP = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        server = self.server.owner
        server.requests.append(self.path)
        server.encodings.append(self.headers.get("Accept-Encoding"))
        status, headers, chunks = server.routes.get(self.path, (404, {}, [b"not here"]))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
        except ConnectionError:
            pass  # the client gave up, as it should

    def log_message(self, *args):
        pass


class Server:
    """An HTTP/1.0 server on 127.0.0.1 answering `routes`: path -> (status, headers, body chunks)."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.encodings = []  # the Accept-Encoding of each request
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.owner = self
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def provider(settings):
    """The provider's own host: allowed although it is plain http on loopback."""
    server = Server()
    settings.XAI_BASE_URL = server.url + "/v1"
    yield server
    server.close()


@pytest.fixture
def elsewhere():
    """Another local server that no setting allows."""
    server = Server()
    yield server
    server.close()


def fetch(url, max_bytes=10 * 2**20, **options):
    dest = io.BytesIO()
    asyncio.run(download(url, dest, max_bytes=max_bytes, **options))
    return dest.getvalue()


def refusal(url, **options):
    with pytest.raises(ProviderError) as caught:
        fetch(url, **options)
    return caught.value


def test_it_streams_a_file_from_the_provider_host(provider):
    provider.routes["/clip.mp4"] = (200, {"Content-Length": str(len(CLIP))}, [CLIP[:1000], CLIP[1000:]])
    assert fetch(provider.url + "/clip.mp4") == CLIP


def test_it_asks_for_the_body_uncompressed(provider):
    """A compressed body could inflate far past the cap in one chunk: only identity is accepted."""
    provider.routes["/clip.mp4"] = (200, {}, [CLIP])
    fetch(provider.url + "/clip.mp4")
    assert provider.encodings == ["identity"]


def test_it_follows_redirects_on_the_provider_host(provider):
    provider.routes["/old"] = (302, {"Location": "/clip.mp4"}, [])
    provider.routes["/clip.mp4"] = (200, {}, [CLIP])
    assert fetch(provider.url + "/old") == CLIP


def test_it_refuses_plain_http(elsewhere):
    elsewhere.routes["/clip.mp4"] = (200, {}, [CLIP])
    for url in (elsewhere.url + "/clip.mp4", "http://example.com/clip.mp4", "ftp://example.com/clip.mp4"):
        error = refusal(url)
        assert error.permanent and "only https://" in error.detail
    assert elsewhere.requests == []


@pytest.mark.parametrize("scheme, host", [("https", "127.0.0.1"), ("https", "localhost"), ("http", "127.0.0.1")])
def test_it_refuses_a_redirect_to_a_loopback_address(provider, elsewhere, scheme, host):
    elsewhere.routes["/secret"] = (200, {}, [b"the router's admin page"])
    provider.routes["/clip.mp4"] = (302, {"Location": f"{scheme}://{host}:{elsewhere.port}/secret"}, [])
    error = refusal(provider.url + "/clip.mp4")
    assert error.permanent and "refused" in error.detail
    assert provider.requests == ["/clip.mp4"] and elsewhere.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.1/clip.mp4",
        "https://192.168.1.1/clip.mp4",
        "https://169.254.169.254/latest/meta-data/",  # link-local: cloud metadata
        "https://[::1]/clip.mp4",
        "https://[::ffff:127.0.0.1]/clip.mp4",  # loopback dressed as IPv6
        "https://[fd00::1]/clip.mp4",
        "https://0.0.0.0/clip.mp4",
        "https://224.0.0.1/clip.mp4",
    ],
)
def test_it_refuses_private_and_local_addresses_before_connecting(url):
    error = refusal(url)
    assert error.permanent and "private or local address" in error.detail


def test_it_checks_the_address_it_actually_connected_to():
    class Stream:
        def __init__(self, address):
            self.address = address

        def get_extra_info(self, info):
            return (self.address, 443) if info == "server_addr" else None

    def answered_from(address):
        return httpx.Response(200, extensions={"network_stream": Stream(address)})

    check_peer(answered_from("93.184.216.34"), "cdn.example.com")
    check_peer(answered_from("::ffff:93.184.216.34"), "cdn.example.com")  # as a dual-stack socket tells it
    with pytest.raises(DownloadFailed, match="private or local"):
        check_peer(answered_from("127.0.0.1"), "cdn.example.com")  # DNS changed after the check
    # IPv4 addresses dressed as IPv6 are judged as IPv4: as IPv6 these two would pass for public.
    for mapped in ("::ffff:100.64.0.1", "::ffff:224.0.0.1"):  # carrier-grade NAT, multicast
        with pytest.raises(DownloadFailed, match="private or local"):
            check_peer(answered_from(mapped), "cdn.example.com")
    with pytest.raises(DownloadFailed, match="could not tell"):
        check_peer(httpx.Response(200), "cdn.example.com")


def test_a_host_whose_address_changed_after_the_check_is_refused_before_reading(monkeypatch, elsewhere):
    """DNS rebinding: the name resolved to a public address for the check, then to this machine."""

    async def public_when_checked(url):
        return False  # not a provider's host, and every address DNS gave was public

    monkeypatch.setattr(downloads, "check_url", public_when_checked)
    elsewhere.routes["/secret"] = (200, {}, [b"the router's admin page"])
    dest = io.BytesIO()
    with pytest.raises(ProviderError) as caught:
        asyncio.run(download(elsewhere.url + "/secret", dest, max_bytes=10_000))
    assert "private or local" in caught.value.detail
    assert caught.value.permanent and dest.getvalue() == b""


def test_it_refuses_a_body_declared_too_large_before_reading_it(provider):
    released = threading.Event()

    def first_bytes_then_more_later():
        yield b"x" * 100
        released.wait(10)  # the rest would come later: only the declared length can tell it is too big
        yield b"x" * 9_900

    provider.routes["/big.mp4"] = (200, {"Content-Length": str(10_000)}, first_bytes_then_more_later())
    dest = io.BytesIO()
    try:
        with pytest.raises(ProviderError) as caught:
            asyncio.run(download(provider.url + "/big.mp4", dest, max_bytes=5_000, timeout=5))
    finally:
        released.set()
    assert "larger than allowed" in caught.value.detail
    assert caught.value.permanent and dest.getvalue() == b""


def test_it_stops_a_body_that_grows_past_the_cap(provider):
    provider.routes["/endless.mp4"] = (200, {}, (b"x" * 4096 for _ in range(10_000)))  # no length: 40 MB
    dest = io.BytesIO()
    with pytest.raises(ProviderError) as caught:
        asyncio.run(download(provider.url + "/endless.mp4", dest, max_bytes=100_000, what="clip"))
    assert caught.value.message == "The finished clip was too large to keep."
    assert "larger than allowed (at most 100,000 bytes)" in caught.value.detail
    assert caught.value.permanent and len(dest.getvalue()) <= 100_000


def test_it_refuses_endless_redirects(provider):
    provider.routes["/loop"] = (302, {"Location": "/loop"}, [])
    error = refusal(provider.url + "/loop")
    assert error.permanent and "redirects" in error.detail
    assert len(provider.requests) == 6


def test_a_vanished_file_is_permanent_and_a_server_error_is_not(provider):
    provider.routes["/busy.mp4"] = (503, {}, [])
    assert refusal(provider.url + "/gone.mp4").permanent
    error = refusal(provider.url + "/busy.mp4")
    assert not error.permanent and "HTTP 503" in error.detail


def test_the_family_reads_plain_words_and_the_admin_reads_the_reason(provider):
    error = refusal(provider.url + "/gone.mp4", what="clip")
    assert error.message == "We couldn't fetch the finished clip. Try again in a moment."
    assert "HTTP 404 from 127.0.0.1" in error.detail


def test_it_gives_up_on_a_stalled_download(provider):
    released = threading.Event()

    def stall():
        yield b"x"
        released.wait(10)

    provider.routes["/slow.mp4"] = (200, {}, stall())
    try:
        error = refusal(provider.url + "/slow.mp4", timeout=0.5)
    finally:
        released.set()
    assert not error.permanent and "took longer" in error.detail
