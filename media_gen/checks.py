"""System checks: warn when the configuration does not fit the way the app is run."""

import sys

from channels.layers import InMemoryChannelLayer
from channels_redis.core import RedisChannelLayer
from channels_redis.utils import decode_hosts
from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils.module_loading import import_string
from redis.asyncio.connection import DEFAULT_SOCKET_TIMEOUT


def layer_class():
    return import_string(settings.CHANNEL_LAYERS["default"]["BACKEND"])


@register()
def check_worker_can_hear_the_web(app_configs, **kwargs):
    if issubclass(layer_class(), InMemoryChannelLayer) and not settings.EMBEDDED_WORKER:
        return [
            Warning(
                "The in-memory channel layer with EMBEDDED_WORKER off: no worker will ever receive a job.",
                hint="The in-memory layer lives inside one process. Set REDIS_URL to run separate workers, "
                "or leave EMBEDDED_WORKER on.",
                id="media_gen.W001",
            )
        ]
    return []


@register()
def check_database_fits_several_processes(app_configs, **kwargs):
    sqlite = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    if sqlite and not issubclass(layer_class(), InMemoryChannelLayer):
        return [
            Warning(
                "SQLite with several web and worker processes: they queue on one file lock, "
                "and processes on other machines cannot share it.",
                hint="Set DATABASE_URL to a PostgreSQL database for scale-out.",
                id="media_gen.W002",
            )
        ]
    return []


@register()
def check_redis_outlives_idle_reads(app_configs, **kwargs):
    """redis-py's socket_timeout must exceed channels-redis's blocking read, or an idle worker dies."""
    config = settings.CHANNEL_LAYERS["default"]
    if not issubclass(layer_class(), RedisChannelLayer):
        return []
    hosts = decode_hosts(config.get("CONFIG", {}).get("hosts"))
    timeouts = [host.get("socket_timeout", DEFAULT_SOCKET_TIMEOUT) for host in hosts]
    if any(timeout is not None and timeout <= RedisChannelLayer.brpop_timeout for timeout in timeouts):
        return [
            Warning(
                f"A Redis host's socket_timeout is not above {RedisChannelLayer.brpop_timeout} s, "
                "the channel layer's blocking read: an idle worker would die.",
                hint="Set socket_timeout (for example 10) in each host of CHANNEL_LAYERS.",
                id="media_gen.W003",
            )
        ]
    return []


@register()
def check_deadline_outlasts_clips(app_configs, **kwargs):
    if settings.JOB_GENERATING_DEADLINE <= settings.VIDEO_TIMEOUT:
        return [
            Warning(
                "JOB_GENERATING_DEADLINE is not longer than VIDEO_TIMEOUT: the sweeper would start a second "
                "worker on clips still being made, however alive their workers.",
                hint="Keep JOB_GENERATING_DEADLINE well above VIDEO_TIMEOUT (defaults: 600 and 300 seconds).",
                id="media_gen.W004",
            )
        ]
    return []


@register()
def check_lease_outlasts_heartbeats(app_configs, **kwargs):
    if settings.JOB_LEASE <= 2 * settings.JOB_HEARTBEAT_INTERVAL:
        return [
            Warning(
                "JOB_LEASE is not longer than two JOB_HEARTBEAT_INTERVALs: one late heartbeat of a busy "
                "worker would let the sweeper start a second worker on its job.",
                hint="Keep JOB_LEASE several heartbeats long (defaults: 15 and 3 seconds).",
                id="media_gen.W005",
            )
        ]
    return []


# ASGI servers other than daphne: the embedded worker needs daphne's Twisted reactor.
OTHER_SERVERS = ("uvicorn", "hypercorn", "granian")


@register()
def check_embedded_worker_has_its_server(app_configs, **kwargs):
    """The embedded worker runs on daphne's event loop; under another server it never starts."""
    server = next((name for name in OTHER_SERVERS if name in sys.modules), None)
    if settings.EMBEDDED_WORKER and server and "daphne.server" not in sys.modules:
        return [
            Error(
                f"EMBEDDED_WORKER is on, but the app is served by {server}: the worker inside the web "
                "process only runs under daphne, so no story would ever be written.",
                hint="Serve with daphne (`make run`), or set REDIS_URL and EMBEDDED_WORKER=false and run "
                "`manage.py jobworker` processes (`make worker`).",
                id="media_gen.E001",
            )
        ]
    return []
