import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storyteller.settings")
django_asgi_app = get_asgi_application()

# Import after Django is set up.
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ChannelNameRouter, ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler  # noqa: E402

from media_gen.routing import channel_routes, websocket_routes  # noqa: E402
from media_gen.worker import start_embedded_worker  # noqa: E402
from storyteller.limits import RequestBodyLimit  # noqa: E402
from storyteller.startup import run_system_checks  # noqa: E402

# ASGI servers run no system checks of their own: a misconfiguration stops the start here.
run_system_checks()

application = ProtocolTypeRouter(
    {
        "http": RequestBodyLimit(ASGIStaticFilesHandler(django_asgi_app)),
        # The scene page's live parts: signed in as on the pages, from this site's pages only.
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_routes()))),
        "channel": ChannelNameRouter(channel_routes()),
    }
)

if settings.EMBEDDED_WORKER:
    start_embedded_worker()
