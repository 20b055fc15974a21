"""The scene page's WebSocket: pushes the page's live parts as HTML while they change.

The domain announces changes on the scene's group (stories.live); this consumer, in
whichever web process holds the socket, reads the scene again and sends each part whose
HTML changed, rendered from the same partials the page and its polling use. htmx's ws
extension swaps each top-level element into the element with its id.
"""

import asyncio
import secrets
from collections import OrderedDict

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.template.loader import render_to_string

from stories import live
from stories.models import Scene
from storyteller.tiers import can_enter, get_tier

# Stands in a shared render for each viewer's own CSRF token (the one thing in the parts that
# differs between viewers); random, so no story's words can hold it.
CSRF_STAND_IN = secrets.token_hex(16)


class SceneLive(AsyncWebsocketConsumer):
    """WS /<tier>/story/scene/<scene_id>/live, with the same tier rule as the pages."""

    async def connect(self):
        kwargs = self.scope["url_route"]["kwargs"]
        self.tier = get_tier(kwargs["tier"])
        self.scene_id = kwargs["scene_id"]
        if not await database_sync_to_async(self.may_watch)():
            await self.close()  # before accepting: the handshake is refused
            return
        self.group = live.group_name(self.scene_id)
        self.csrf_token = viewer_csrf_token(self.scope)
        self.sent = {}  # part → the HTML this socket last sent
        # Join before reading, so no change falls between what is sent now and the next news.
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # A late or returning viewer gets every part as it is now, the draft so far included.
        await self.push(await database_sync_to_async(render_parts)(self.tier, self.scene_id, live.PARTS))

    def may_watch(self):
        """Unknown tiers and scenes, other tiers' scenes and closed tiers are refused alike."""
        if self.tier is None or not can_enter(self.scope["user"], self.tier):
            return False
        return Scene.objects.filter(pk=self.scene_id, story__tier=self.tier.slug).exists()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def dispatch(self, message):
        # Channels closes stale database connections before every handler, on the one thread
        # that runs the process's sync code, queued behind the embedded worker's writes. News
        # of a change reads the database only in the shared render, which closes them itself.
        if message["type"] == "scene.changed":
            await self.scene_changed(message)
        else:
            await super().dispatch(message)

    async def scene_changed(self, message):
        await self.push(await renders.get(message["change"], self.tier, self.scene_id, message["parts"]))

    async def push(self, html):
        if html is None:
            await self.close(code=1000)  # the story was deleted: a normal close, so the page stops asking
            return
        # A part with nothing to show (no clip outside video mode) renders empty: not sent.
        changed = [part for part, markup in html.items() if markup and markup != self.sent.get(part)]
        if changed:
            self.sent.update((part, html[part]) for part in changed)
            message = "\n".join(html[part] for part in changed)
            await self.send(text_data=message.replace(CSRF_STAND_IN, self.csrf_token))


def render_parts(tier, scene_id, parts):
    """Each part's HTML as the page renders it now, the CSRF token left as its stand-in;
    None once the scene is gone."""
    if (scene := Scene.objects.for_page().filter(pk=scene_id).first()) is None:
        return None
    context = {"tier": tier, "scene": scene, "story": scene.story, "live": True, "csrf_token": CSRF_STAND_IN}
    return {part: render_to_string(f"stories/scene.html#{part}", context).strip() for part in parts}


class SharedRenders:
    """One render per announced change in this process, however many sockets watch the scene.

    Every socket on the scene's group gets the same announcement: the first to read it starts
    the render, the others wait for that one. The last few are kept, so a socket reading the
    news a little later still finds its render.
    """

    def __init__(self, keep=256):
        self.keep = keep
        self.tasks = OrderedDict()  # change → the task rendering it

    async def get(self, change, tier, scene_id, parts):
        task = self.tasks.get(change)
        if task is None:
            # On a thread of its own, not the one that runs the process's other sync code (the
            # embedded worker's writes): the change is committed, any connection reads it.
            render = database_sync_to_async(render_parts, thread_sensitive=False)
            task = asyncio.ensure_future(render(tier, scene_id, parts))
            self.tasks[change] = task
            if len(self.tasks) > self.keep:
                self.tasks.popitem(last=False)
        # Shielded: a socket closing while it waits must not cancel the render for the others.
        return await asyncio.shield(task)


renders = SharedRenders()


def viewer_csrf_token(scope):
    """The CSRF token for the page's forms: one that matches the browser's cookie, as the page's own."""
    request = HttpRequest()
    request.COOKIES = scope.get("cookies", {})
    CsrfViewMiddleware(lambda request: None).process_request(request)
    return get_token(request)
