"""daphne as `make run` and `make web` start it: `python -m storyteller.server` takes daphne's arguments.

Twisted, under daphne, reads a whole request body before the app sees any of it, and
parses a multipart one in memory on the way, at about 13 times its size (django/daphne#483).
This server never parses it (daphne hands Django the raw bytes, and Django parses them
itself), and refuses a body larger than REQUEST_MAX_BYTES with 413 before keeping any of
it: by its Content-Length, or once a chunked one passes the limit.
"""

import logging
from io import BytesIO

import daphne.server  # first: it installs the asyncio reactor everything else runs on
from daphne.cli import CommandLineInterface
from daphne.http_protocol import HTTPFactory, WebRequest
from django.conf import settings

from storyteller.limits import TOO_LARGE_HEADERS, too_large_page

log = logging.getLogger(__name__)


class BoundedRequest(WebRequest):
    refused = False

    def __init__(self, channel, *args, **kwargs):
        # daphne never reads the parsed form (request.args): parsing costs memory and nothing else.
        super().__init__(channel, *args, parsePOSTFormSubmission=False, **kwargs)
        self.received = 0

    def gotLength(self, length):
        if length is not None and length > settings.REQUEST_MAX_BYTES:
            self.refuse()
        else:
            super().gotLength(length)

    def handleContentChunk(self, data):
        self.received += len(data)
        if self.refused:
            # Read and dropped: closing with unread data resets the connection, which can
            # lose the 413 on its way. A client still sending after as much again is cut off.
            if self.received > 2 * settings.REQUEST_MAX_BYTES:
                self.channel.loseConnection()
        elif self.received > settings.REQUEST_MAX_BYTES:
            self.refuse()
        else:
            super().handleContentChunk(data)

    def requestReceived(self, command, path, version):
        if self.refused:
            self.channel.loseConnection()  # the whole body has been read and dropped: now it can close
        else:
            super().requestReceived(command, path, version)

    def refuse(self):
        log.warning("Refused a body over REQUEST_MAX_BYTES (%d) from %s", settings.REQUEST_MAX_BYTES, self.client)
        self.refused = True
        if self.content is not None:
            self.content.close()
        self.content = BytesIO()  # stays empty
        # Asked to confirm before sending the body, the client gets the 413 instead.
        self.requestHeaders.removeHeader(b"Expect")
        # Before the request line is all parsed, so written as Twisted writes its own 400s.
        page = too_large_page()
        headers = [*TOO_LARGE_HEADERS, (b"content-length", b"%d" % len(page))]
        head = b"".join(b"%s: %s\r\n" % header for header in headers)
        self.channel.transport.write(b"HTTP/1.1 413 Content Too Large\r\n" + head + b"\r\n" + page)


class BoundedHTTPFactory(HTTPFactory):
    def buildProtocol(self, addr):
        protocol = super().buildProtocol(addr)
        protocol.requestFactory = BoundedRequest
        return protocol


if __name__ == "__main__":
    # daphne's Server.run() builds its factory by this module-level name; it offers no other hook.
    daphne.server.HTTPFactory = BoundedHTTPFactory
    CommandLineInterface.entrypoint()
