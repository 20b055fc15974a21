"""The scene page's WebSocket: pushes the page's live parts as HTML while they change.

The domain announces changes on the scene's group (stories.live); this consumer, in
whichever web process holds the socket, reads the scene again and sends each part whose
HTML changed, rendered from the same partials the page and its polling use. htmx's ws
extension swaps each top-level element into the element with its id.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.template.loader import render_to_string

from stories import live
from stories.models import Scene
from storyteller.tiers import can_enter, get_tier


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
        self.sent = {}  # part → the HTML this socket last sent
        # Join before reading, so no change falls between what is sent now and the next news.
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # A late or returning viewer gets every part as it is now, the draft so far included.
        await self.push(live.PARTS)

    def may_watch(self):
        """Unknown tiers and scenes, other tiers' scenes and closed tiers are refused alike."""
        if self.tier is None or not can_enter(self.scope["user"], self.tier):
            return False
        return Scene.objects.filter(pk=self.scene_id, story__tier=self.tier.slug).exists()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def scene_changed(self, message):
        await self.push(message["parts"])

    async def push(self, parts):
        html = await database_sync_to_async(self.render)(parts)
        if html is None:
            await self.close(code=1000)  # the story was deleted: a normal close, so the page stops asking
            return
        # A part with nothing to show (no clip outside video mode) renders empty: not sent.
        changed = [part for part in parts if html[part] and html[part] != self.sent.get(part)]
        if changed:
            self.sent.update((part, html[part]) for part in changed)
            await self.send(text_data="\n".join(html[part] for part in changed))

    def render(self, parts):
        """Each part's HTML as the page renders it now; None once the scene is gone."""
        scene = Scene.objects.select_related("story__text_model", "image__model", "video").filter(pk=self.scene_id)
        if (scene := scene.first()) is None:
            return None
        context = {"tier": self.tier, "scene": scene, "story": scene.story, "live": True}
        request = page_request(self.scope)
        return {part: render_to_string(f"stories/scene.html#{part}", context, request).strip() for part in parts}


def page_request(scope):
    """A stand-in for the page's request, so the parts render as they do on the page: the
    choices' forms carry a CSRF token that matches the browser's cookie."""
    request = HttpRequest()
    request.COOKIES = scope.get("cookies", {})
    request.user = scope["user"]
    CsrfViewMiddleware(lambda request: None).process_request(request)
    return request
