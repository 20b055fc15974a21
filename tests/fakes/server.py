"""Shared plumbing for the fake provider servers: a real HTTP server on 127.0.0.1.

Each fake is a `FakeServer` subclass that declares its routes. The base class
records every request, applies the configured latency, consumes scripted
responses (faults) in order per route, and writes the answer (plain, or streamed
with chunked transfer encoding).

Order of handling for every request:
  1. record it (`fake.requests`)
  2. `fake.latency` (float, or dict {route pattern: seconds})
  3. route lookup (unknown path -> provider-style 404)
  4. auth check (route-dependent)
  5. request validation (what the real API rejects)  -- inside the route handler
  6. the next scripted item for this route, if any      -- `fake.script(...)`
  7. the normal answer
"""

from __future__ import annotations

import fnmatch
import json as jsonlib
import re
import socket
import sys
import threading
import traceback
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# --------------------------------------------------------------------------- data


class Headers(dict):
    """A dict with case-insensitive keys (stored lower-cased)."""

    def __init__(self, items: Iterable[tuple[str, str]] | dict | None = None):
        super().__init__()
        if items:
            for k, v in items.items() if isinstance(items, dict) else items:
                self[k] = v

    def __setitem__(self, key, value):
        key = key.lower()
        if key in self:  # repeated header: join like HTTP does
            value = f"{dict.__getitem__(self, key)}, {value}"
        super().__setitem__(key, value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return super().__contains__(key.lower() if isinstance(key, str) else key)

    def get(self, key, default=None):
        return super().get(key.lower(), default)


@dataclass
class Part:
    """One part of a multipart/form-data body."""

    name: str
    data: bytes
    filename: str | None = None
    content_type: str | None = None
    headers: Headers = field(default_factory=Headers)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


@dataclass
class Recorded:
    """A request as the fake received it."""

    method: str
    path: str  # without the query string
    headers: Headers
    body: bytes
    json: object = None  # parsed JSON body, or None
    form: dict[str, list[Part]] | None = None  # multipart body: name -> parts
    query: dict[str, list[str]] = field(default_factory=dict)
    status: int | None = None  # status the fake answered with (set after handling)

    def form_value(self, name: str, default=None):
        """Text of the first multipart part called `name`."""
        parts = (self.form or {}).get(name)
        return parts[0].text if parts else default

    def files(self) -> list[Part]:
        """All multipart parts that carry a filename, in order."""
        return [p for parts in (self.form or {}).values() for p in parts if p.filename is not None]


@dataclass
class Response:
    """A canned answer. Exactly one of `json` / `body` / `chunks` is normally given.

    chunks: an iterable of bytes streamed with chunked transfer encoding (or with
            `Content-Length: length` when `length` is set).
    delay:  seconds to wait before answering (interrupted by `stop()`).
    """

    status: int = 200
    json: object = None
    body: bytes | str | None = None
    headers: dict | None = None
    delay: float = 0.0
    chunks: Iterable[bytes] | None = None
    length: int | None = None
    content_type: str | None = None


@dataclass
class Mode:
    """A scripted *behaviour* handled by the route's normal responder
    (e.g. "answer with truncated JSON", "the image is moderated")."""

    kind: str
    opts: dict = field(default_factory=dict)


ScriptItem = Response | Mode | Callable[[Recorded], "Response | Mode | None"]


# ---------------------------------------------------------------------- helpers


def parse_multipart(body: bytes, content_type: str) -> dict[str, list[Part]] | None:
    """Parse a multipart/form-data body. Returns None when it is not valid multipart."""
    m = re.search(r'boundary="?([^";]+)"?', content_type or "")
    if not m:
        return None
    boundary = b"--" + m.group(1).encode("latin-1")
    if not body.startswith(boundary) and boundary not in body:
        return None
    form: dict[str, list[Part]] = {}
    segments = body.split(boundary)
    for seg in segments[1:]:
        if seg.startswith(b"--"):
            break  # closing boundary
        if seg.startswith(b"\r\n"):
            seg = seg[2:]
        if seg.endswith(b"\r\n"):
            seg = seg[:-2]
        head, sep, data = seg.partition(b"\r\n\r\n")
        if not sep:
            return None
        headers = Headers()
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip()] = v.strip()
        disp = headers.get("content-disposition", "")
        nm = re.search(r'(?:^|;)\s*name="((?:[^"\\]|\\.)*)"', disp)
        if not nm:
            return None
        fn = re.search(r'(?:^|;)\s*filename="((?:[^"\\]|\\.)*)"', disp)
        part = Part(
            name=nm.group(1),
            data=data,
            filename=fn.group(1) if fn else None,
            content_type=headers.get("content-type"),
            headers=headers,
        )
        form.setdefault(part.name, []).append(part)
    return form


def new_id(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex


#: Put among a Response's chunks: the connection drops there, in the middle of the body
#: (chunked encoding left unfinished), as when a provider's stream breaks half-way.
CUT_OFF = b"<cut off>"


def sse(events: Iterable[object], *, done: bool = False, event_names: bool = False) -> Iterable[bytes]:
    """Encode objects as `data: <json>` server-sent events (optionally `event: <type>` lines)."""
    for ev in events:
        line = b""
        if event_names and isinstance(ev, dict) and "type" in ev:
            line += f"event: {ev['type']}\n".encode()
        line += b"data: " + jsonlib.dumps(ev, separators=(",", ":")).encode() + b"\n\n"
        yield line
    if done:
        yield b"data: [DONE]\n\n"


# ----------------------------------------------------------------------- server


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeProvider/1.0"
    sys_version = ""

    def setup(self):
        super().setup()
        self.server.fake._track(self.connection, add=True)

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.fake._track(self.connection, add=False)

    def log_message(self, format, *args):  # silence
        pass

    def _any(self):
        self.server.fake._serve(self)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _any


@dataclass
class _Route:
    method: str
    pattern: re.Pattern
    handler: Callable
    auth: bool = True


class FakeServer:
    """Base class. Subclasses call `self.route(method, regex, handler, auth=...)` in
    `_setup_routes()` and implement `check_auth(req)` and `error(status, message, ...)`."""

    api_prefix = ""  # "/v1" for OpenAI-compatible fakes

    def __init__(self, *, latency: float | dict = 0.0, api_key: str | None = None):
        self.latency = latency
        #: if set, only this key is accepted; otherwise any non-empty key is.
        self.api_key = api_key
        #: seconds between two chunks of a streamed answer (the pace a model writes at)
        self.stream_pace = 0.0
        self.requests: list[Recorded] = []
        #: unexpected exceptions raised inside the fake (should stay empty)
        self.errors: list[str] = []
        self._scripts: list[tuple[str | None, str, list]] = []  # (method, pattern, queue)
        self._lock = threading.RLock()
        self._routes: list[_Route] = []
        self._server: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._conns: set = set()
        self._port: int | None = None
        self._setup_routes()

    # ------------------------------------------------------------- lifecycle

    def start(self):
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name=f"{type(self).__name__}-{self.port}",
        )
        self._thread.start()
        return self

    def stop(self):
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            conns = list(self._conns)
        for c in conns:  # close kept-alive connections so nothing is served after stop
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(timeout=5)
        self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def port(self) -> int:
        """The listening port (still known after `stop()`, when connections are refused)."""
        if self._server is not None:
            self._port = self._server.server_address[1]
        if self._port is None:
            raise RuntimeError("fake server not started")
        return self._port

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin + self.api_prefix

    def url(self, path: str) -> str:
        return self.origin + path

    # ------------------------------------------------------------- recording

    def requests_to(self, path: str, method: str | None = None) -> list[Recorded]:
        """Recorded requests whose path equals `path` (or matches it as a glob)."""
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method.upper()) and _path_matches(path, r.path)
            ]

    def last(self, path: str | None = None) -> Recorded:
        reqs = self.requests_to(path) if path else list(self.requests)
        if not reqs:
            raise AssertionError(f"no request recorded{' to ' + path if path else ''}")
        return reqs[-1]

    def clear(self):
        """Forget recorded requests (scripts are kept)."""
        with self._lock:
            self.requests.clear()

    def reset(self):
        """Forget recorded requests, pending scripts and recorded errors."""
        with self._lock:
            self.requests.clear()
            self._scripts.clear()
            self.errors.clear()

    # ------------------------------------------------------------- scripting

    def script(self, route: str, *items: ScriptItem, times: int = 1):
        """Queue answers for `route`, consumed in order by the next matching requests
        that pass auth and validation. `route` is a path ("/v1/images/generations") or a
        glob ("/v1/videos/*"), or alternatives "a|b", optionally prefixed with a method ("GET /v1/videos/*").
        Items: `Response`, `Mode`, or `callable(req) -> Response | Mode | None` (None means
        "answer normally"). `times` repeats the whole sequence."""
        method, _, pattern = route.partition(" ") if " " in route else (None, "", route)
        method = method.upper() if method else None
        with self._lock:
            for m, p, q in self._scripts:
                if m == method and p == pattern:
                    q.extend(list(items) * times)
                    return self
            self._scripts.append((method, pattern, list(items) * times))
        return self

    def pending_scripts(self, route: str | None = None) -> int:
        """How many scripted items are still queued (for `route`, or in total)."""
        with self._lock:
            return sum(len(q) for m, p, q in self._scripts if route is None or p == route or f"{m} {p}" == route)

    def fail_next(
        self,
        route: str,
        status: int = 500,
        *,
        json=None,
        body=None,
        headers=None,
        message: str | None = None,
        code: str | None = None,
        type: str | None = None,
        delay: float = 0.0,
        should_retry: bool | None = None,
        times: int = 1,
    ):
        """Answer the next `times` requests to `route` with an error in this provider's
        envelope (or with the exact `json`/`body` given)."""
        hdrs = dict(headers or {})
        if should_retry is not None:
            hdrs["x-should-retry"] = "true" if should_retry else "false"
        if json is None and body is None:
            json = self.error_body(status, message, code=code, type=type)
        return self.script(route, Response(status, json=json, body=body, headers=hdrs, delay=delay), times=times)

    def slow_next(self, route: str, delay: float, *, times: int = 1):
        """Answer the next requests normally, but only after `delay` seconds
        (use a delay longer than the client's timeout to provoke a timeout)."""

        def _slow(req):
            self.sleep(delay)
            return None

        return self.script(route, _slow, times=times)

    def malformed_next(self, route: str, *, status: int = 200, body: bytes = b'{"created": 17637', times: int = 1):
        """Answer with a body that is not valid JSON (Content-Type still application/json)."""
        return self.script(route, Response(status, body=body, content_type="application/json"), times=times)

    def sleep(self, seconds: float):
        """Sleep that `stop()` interrupts."""
        if seconds > 0:
            self._stopping.wait(seconds)

    # ------------------------------------------------ to be used by subclasses

    def route(self, method: str, regex: str, handler, *, auth: bool = True):
        self._routes.append(_Route(method.upper(), re.compile(regex + r"\Z"), handler, auth))

    def _setup_routes(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def check_auth(self, req: Recorded) -> Response | None:
        return None

    def error_body(self, status: int, message: str | None = None, *, code=None, type=None, param=None) -> dict:
        raise NotImplementedError

    def error(self, status: int, message: str | None = None, *, headers=None, **kw) -> Response:
        return Response(status, json=self.error_body(status, message, **kw), headers=headers)

    def not_found(self, req: Recorded) -> Response:
        return self.error(404, f"Invalid URL ({req.method} {req.path})")

    def extra_headers(self, req: Recorded, resp: Response) -> dict:
        """Headers added to every answer (request ids, rate-limit headers...)."""
        return {}

    def scripted(self, req: Recorded) -> Response | Mode | None:
        """Pop the next scripted item for this request's route (None if nothing queued)."""
        with self._lock:
            item = None
            for m, p, q in self._scripts:
                if q and (m is None or m == req.method) and _path_matches(p, req.path):
                    item = q.pop(0)
                    break
        if item is None:
            return None
        if callable(item) and not isinstance(item, (Response, Mode)):
            item = item(req)
        return item

    # -------------------------------------------------------------- internals

    def _track(self, conn, *, add: bool):
        with self._lock:
            (self._conns.add if add else self._conns.discard)(conn)

    def _read_body(self, h: BaseHTTPRequestHandler) -> bytes:
        if "chunked" in (h.headers.get("Transfer-Encoding") or "").lower():
            out = bytearray()
            while True:
                size = int(h.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while h.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += h.rfile.read(size)
                h.rfile.readline()
        length = int(h.headers.get("Content-Length") or 0)
        return h.rfile.read(length) if length else b""

    def _serve(self, h: BaseHTTPRequestHandler):
        try:
            split = urlsplit(h.path)
            body = self._read_body(h)
            headers = Headers(list(h.headers.items()))
            ctype = headers.get("content-type", "")
            parsed = None
            form = None
            if "multipart/form-data" in ctype:
                form = parse_multipart(body, ctype)
            elif body:
                try:
                    parsed = jsonlib.loads(body)
                except ValueError:
                    parsed = None
            req = Recorded(h.command, split.path, headers, body, parsed, form, parse_qs(split.query))
            with self._lock:
                self.requests.append(req)
            self.sleep(self._latency_for(req.path))
            try:
                resp = self._dispatch(req)
            except Exception:  # a bug in the fake: answer 500 and remember it
                tb = traceback.format_exc()
                self.errors.append(tb)
                print(tb, file=sys.stderr)
                resp = self.error(500, "fake server internal error")
            if isinstance(resp, Mode) or resp is None:
                raise TypeError(f"route handler returned {resp!r}")
            req.status = resp.status
            if resp.delay:
                self.sleep(resp.delay)
            if self._stopping.is_set():
                h.close_connection = True
                return
            self._write(h, req, resp)
        except (TimeoutError, BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            h.close_connection = True

    def _latency_for(self, path: str) -> float:
        lat = self.latency
        if isinstance(lat, dict):
            for pat, sec in lat.items():
                if _path_matches(pat, path):
                    return sec
            return 0.0
        return float(lat or 0.0)

    def _dispatch(self, req: Recorded) -> Response:
        path_matched = False
        for r in self._routes:
            m = r.pattern.match(req.path)
            if not m:
                continue
            path_matched = True
            if r.method != req.method and not (r.method == "GET" and req.method == "HEAD"):
                continue
            if r.auth:
                denied = self.check_auth(req)
                if denied is not None:
                    return denied
            return r.handler(req, **m.groupdict())
        if path_matched:
            return self.error(405, f"Method {req.method} not allowed for {req.path}")
        return self.not_found(req)

    def _write(self, h: BaseHTTPRequestHandler, req: Recorded, resp: Response):
        headers = Headers()
        body = None
        if resp.chunks is None:
            if resp.json is not None:
                body = jsonlib.dumps(resp.json).encode()
                headers["Content-Type"] = resp.content_type or "application/json"
            else:
                body = resp.body if isinstance(resp.body, bytes) else (resp.body or "").encode()
                if resp.content_type:
                    headers["Content-Type"] = resp.content_type
            headers["Content-Length"] = str(len(body))
        else:
            headers["Content-Type"] = resp.content_type or "application/octet-stream"
            if resp.length is not None:
                headers["Content-Length"] = str(resp.length)
            else:
                headers["Transfer-Encoding"] = "chunked"
        for k, v in {**self.extra_headers(req, resp), **(resp.headers or {})}.items():
            dict.__setitem__(headers, k.lower(), str(v))  # overrides, no joining
        h.send_response(resp.status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        if req.method == "HEAD":
            return
        if body is not None:
            h.wfile.write(body)
            h.wfile.flush()
            return
        chunked = resp.length is None
        for number, chunk in enumerate(resp.chunks):
            if number:
                self.sleep(self.stream_pace)
            if self._stopping.is_set() or chunk is CUT_OFF:
                h.close_connection = True
                return
            if not chunk:
                continue
            if chunked:
                h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            else:
                h.wfile.write(chunk)
            h.wfile.flush()
        if chunked:
            h.wfile.write(b"0\r\n\r\n")
            h.wfile.flush()


def _path_matches(pattern: str, path: str) -> bool:
    """Exact path, glob ("/v1/videos/*"), or alternatives separated by "|"."""
    return any(p == path or fnmatch.fnmatchcase(path, p) for p in pattern.split("|"))
