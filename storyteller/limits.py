"""The largest request body the app takes (REQUEST_MAX_BYTES), and the page that refuses one.

daphne refuses a larger body itself, before keeping any of it (storyteller.server). The
ASGI guard here holds the same line under any other ASGI server, where Django would
otherwise spool a whole body to disk before a view could look at it.
"""

from django.conf import settings
from django.template.loader import render_to_string

TOO_LARGE_HEADERS = [(b"content-type", b"text/html; charset=utf-8"), (b"connection", b"close")]


def too_large_page() -> bytes:
    return render_to_string("413.html", {"photo_max_mb": round(settings.PHOTO_MAX_BYTES / 2**20, 1)}).encode()


def declares_too_much(headers) -> bool:
    for name, value in headers:
        if name.lower() == b"content-length":
            try:
                return int(value) > settings.REQUEST_MAX_BYTES
            except ValueError:  # unreadable (or past int()'s digit limit): counted as it arrives
                return False
    return False


class RequestBodyLimit:
    """ASGI middleware: a body declared or received beyond REQUEST_MAX_BYTES is answered 413."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if declares_too_much(scope["headers"]):
            return await self.refuse(send)
        received = 0

        async def bounded_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > settings.REQUEST_MAX_BYTES:
                    await self.refuse(send)
                    # Django stops reading on a disconnect and sends no response of its own.
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, bounded_receive, send)

    async def refuse(self, send):
        page = too_large_page()
        headers = [*TOO_LARGE_HEADERS, (b"content-length", str(len(page)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": page})
