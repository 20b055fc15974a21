"""Running the generation worker inside the web process (embedded mode)."""

import asyncio
import logging
import sys

from channels.layers import get_channel_layer
from channels.routing import ChannelNameRouter
from channels.worker import Worker

from media_gen.routing import GENERATION_CHANNELS, channel_routes
from media_gen.sweeper import sweep_forever

log = logging.getLogger(__name__)

_tasks = set()


def start_embedded_worker():
    """Schedule the worker and the sweeper on daphne's event loop once it runs.

    Only under daphne: its Twisted reactor drives the asyncio loop the web requests
    use, so the in-memory channel layer is shared between views and worker.
    """
    if "daphne.server" not in sys.modules:
        return
    from twisted.internet import reactor

    def start():
        loop = asyncio.get_event_loop()
        worker = Worker(ChannelNameRouter(channel_routes()), GENERATION_CHANNELS, get_channel_layer())
        # The embedded worker is the only one there is: whatever was unfinished when the
        # process last stopped was abandoned by it, so take it up again at once.
        for coro in (worker.arun(), sweep_forever(first_patience=0)):
            task = loop.create_task(coro)
            _tasks.add(task)
        log.info("Embedded worker listening on %s", ", ".join(GENERATION_CHANNELS))

    reactor.callWhenRunning(start)
