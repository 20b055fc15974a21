"""The scene page's live parts ("text", "image", "video", "audio"): the domain says when one changed.

Whoever holds a page's WebSocket listens on the scene's group and renders the parts again
(media_gen.live), so the domain needs nothing from the socket side, and in scale-out the
word travels through Redis from the worker to whichever web process holds the socket.
"""

import uuid
from functools import partial

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

PARTS = ("text", "image", "video", "audio")


def group_name(scene_id):
    return f"scene-{scene_id}"


def announce(scene_id, parts):
    """Tell the scene's viewers that these parts changed, once the current transaction commits.

    After the commit, so a viewer reading the row sees the change; robust, so a lost
    announcement (the page polls without a socket anyway) never undoes a finished job.
    """
    transaction.on_commit(partial(_send, scene_id, tuple(parts)), robust=True)


def _send(scene_id, parts):
    # The change's own id lets every socket of a web process share one render of it.
    message = {"type": "scene.changed", "parts": list(parts), "change": uuid.uuid4().hex}
    async_to_sync(get_channel_layer().group_send)(group_name(scene_id), message)
