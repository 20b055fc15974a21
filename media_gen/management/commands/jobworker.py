"""`manage.py jobworker <channel>…`: Channels' worker for the generation jobs, plus the job
sweeper, stopping cleanly. (Its own name: Channels' `runworker` stays as Channels made it.)

On SIGTERM (or Ctrl-C) it stops taking messages, gives the jobs in progress `--grace`
seconds to finish, hands back those still running (pending again, and sent again, for
another worker), and exits. Grace first: a text or picture in progress is a provider call
already paid for that usually ends within seconds, and handing it back at once would throw
its answer away and pay again (`--grace 0` hands back at once). A clip handed back costs
nothing: the next worker resumes polling its stored request.
"""

import asyncio
import logging
import signal

from asgiref.sync import sync_to_async
from channels.layers import InMemoryChannelLayer, get_channel_layer
from channels.management.commands import runworker
from channels.routing import get_default_application
from django.core.management import CommandError

from media_gen import jobs
from media_gen.consumers import JobConsumer
from media_gen.sweeper import sweep_forever

log = logging.getLogger(__name__)


class Command(runworker.Command):
    help = "Run the generation worker (and the job sweeper) on the given channels."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--grace",
            type=float,
            default=30.0,
            help="Seconds running jobs get to finish on SIGTERM before they are handed back (default 30).",
        )

    def handle(self, *args, channels, layer, grace, **options):
        channel_layer = get_channel_layer(layer)
        if channel_layer is None:
            raise CommandError("You do not have any CHANNEL_LAYERS configured.")
        if isinstance(channel_layer, InMemoryChannelLayer):
            raise CommandError(
                "The in-memory channel layer lives inside one process: a separate worker would never "
                "hear from the web. Set REDIS_URL, or run only the web process (its worker is built in)."
            )
        worker = self.worker_class(
            application=get_default_application(), channels=channels, channel_layer=channel_layer
        )
        asyncio.run(serve(worker, grace))


async def serve(worker, grace):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log.info("Worker listening on %s", ", ".join(worker.channels))
    listening = asyncio.ensure_future(worker.arun())
    sweeping = asyncio.ensure_future(sweep_forever())
    stopping = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({listening, sweeping, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if stopping not in done:
        done.pop().result()  # the channel layer failed: exit with its error, for the supervisor to restart us
    # Stop listening and sweeping: cancel everything but the jobs in progress.
    for task in asyncio.all_tasks() - JobConsumer.running - {asyncio.current_task()}:
        task.cancel()
    if JobConsumer.running:
        log.info("Stopping: waiting up to %gs for %d running jobs", grace, len(JobConsumer.running))
        _, unfinished = await asyncio.wait(set(JobConsumer.running), timeout=grace)
        if unfinished:
            handed_back = await sync_to_async(jobs.hand_back_running)()
            log.warning("Handed back %d unfinished jobs for another worker", handed_back)
    log.info("Worker stopped")
