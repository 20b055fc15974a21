"""The scene page's WebSocket: who may open it, and what it pushes while a scene is made."""

import asyncio
import re
import threading

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.utils.html import escape

from media_gen import live as live_socket
from stories import live as stories_live
from stories.models import AudioAsset, JobStatus, Scene
from storyteller.asgi import application
from storyteller.tiers import get_tier
from tests.helpers import make_story, narrate, play, write

# Committed, as between a worker and a web process: a change's render reads the scene on a
# connection of its own.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WAIT = 30  # seconds a test waits for a message: generous, the machine may be busy


def live_path(scene, tier=None):
    return f"/{tier or scene.story.tier}/story/scene/{scene.pk}/live"


async def open_socket(path, client=None, origin="http://127.0.0.1:8000"):
    """A socket as the scene page opens it, with the browser's cookies (signed in, if `client` is)."""
    headers = [(b"origin", origin.encode())]
    if client is not None and client.cookies:
        cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
        headers.append((b"cookie", cookies.encode()))
    socket = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await socket.connect(timeout=WAIT)
    return socket, connected


def opens(path, client=None, **options):
    async def attempt():
        socket, connected = await open_socket(path, client, **options)
        await socket.disconnect()
        return connected

    return async_to_sync(attempt)()


def first_message(path, client=None):
    """What a new socket on `path` is sent first: every part of the scene as it is now."""

    async def watch():
        socket, connected = await open_socket(path, client)
        assert connected
        first = await socket.receive_from(timeout=WAIT)
        await socket.disconnect()
        return first

    return async_to_sync(watch)()


def ids(html):
    return re.findall(r'<\w+ [^>]*\bid="([\w-]+)"', html)


def test_a_viewer_gets_every_part_of_the_scene_at_once():
    _, scene = make_story(video_mode=True)

    first = first_message(live_path(scene))
    assert ids(first) == ["scene-text", "scene-image", "scene-video", "scene-audio"]
    assert "is writing the next scene" in first


def test_a_late_viewer_gets_the_draft_so_far():
    _, scene = make_story()
    Scene.claim(scene.pk)
    scene.refresh_from_db()
    scene.save_draft("The Hollow Oak", "Mia followed the fox.\n\nA tiny door")

    first = first_message(live_path(scene))
    assert "<h1>The Hollow Oak</h1>" in first
    assert "<p>Mia followed the fox.</p>" in first and "<p>A tiny door</p>" in first


def test_an_opening_whose_text_is_whole_names_the_story_and_says_the_choices_come_next(client):
    _, scene = make_story()
    Scene.claim(scene.pk)
    scene.refresh_from_db()
    scene.save_draft("The Hollow Oak", "Mia followed the fox.")
    page = client.get(scene.get_absolute_url()).content.decode()
    assert re.search(r'id="story-title"[^>]*>The Hollow Oak</a>', page)  # the heading, while it is written
    assert "is writing on…" in page

    scene.save_draft("The Hollow Oak", "Mia followed the fox.", text_done=True)
    first = first_message(live_path(scene))
    assert re.search(r'<a id="story-title" hx-swap-oob="true"[^>]*>The Hollow Oak</a>', first)
    assert "is thinking of what could happen next…" in first and "is writing on" not in first


def test_a_finished_scene_arrives_with_choices_that_can_be_posted(client):
    _, scene = make_story()
    scene = write(scene)
    client.get(scene.get_absolute_url())  # the page sets the CSRF cookie the socket then carries

    first = first_message(live_path(scene), client)
    assert 'id="story-title"' in first and escape(scene.title) in first  # the heading learns the story's name
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', first).group(1)
    choice = scene.choices[0]["id"]
    response = client.post(f"/kids/story/choose/{scene.pk}/{choice}", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_part_is_pushed_when_its_job_changes():
    _, scene = make_story()

    path = live_path(scene)

    async def watch():
        socket, _ = await open_socket(path)
        await socket.receive_from(timeout=WAIT)  # every part, as it is now
        await sync_to_async(play)(scene)
        pushed = []
        while not await socket.receive_nothing(timeout=0.5):
            pushed.append(await socket.receive_from())
        await socket.disconnect()
        return pushed

    pushed = async_to_sync(watch)()
    assert "".join(pushed).count("<img") == 1
    assert any("What happens next?" in message for message in pushed)


def test_every_viewer_of_a_change_shares_one_render_and_keeps_its_own_token(monkeypatch):
    _, scene = make_story()
    viewers = [Client(), Client()]
    for viewer in viewers:
        viewer.get(scene.get_absolute_url())  # each browser its own CSRF cookie
    renders, announced = [], []
    real_render, real_send = live_socket.render_parts, stories_live._send

    def counted_render(*args):
        renders.append(args)
        return real_render(*args)

    def counted_send(*args):
        announced.append(args)
        return real_send(*args)

    async def watch():
        sockets = [(await open_socket(live_path(scene), viewer))[0] for viewer in viewers]
        for socket in sockets:
            await socket.receive_from(timeout=WAIT)  # every part, as it is now
        monkeypatch.setattr(live_socket, "render_parts", counted_render)
        monkeypatch.setattr(stories_live, "_send", counted_send)
        await sync_to_async(write)(scene)
        pushed = []
        for socket in sockets:
            message = await socket.receive_from(timeout=WAIT)
            while "What happens next?" not in message:
                message = await socket.receive_from(timeout=WAIT)
            pushed.append(message)
        for socket in sockets:
            await socket.disconnect()
        return pushed

    pushed = async_to_sync(watch)()
    assert announced and len(renders) == len(announced)  # one render a change, not one a socket
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1) for html in pushed]
    post = f"/kids/story/choose/{scene.pk}/{Scene.objects.get(pk=scene.pk).choices[0]['id']}"
    # Each page's forms carry a token for its own browser's cookie, not another viewer's.
    for (viewer, other), token in zip([viewers, viewers[::-1]], tokens):
        for cookies, answer in ((viewer.cookies, 302), (other.cookies, 403)):
            browser = Client(enforce_csrf_checks=True)
            browser.cookies = cookies
            assert browser.post(post, {"csrfmiddlewaretoken": token}).status_code == answer


def test_a_push_does_not_wait_behind_the_sync_work_of_its_process():
    _, scene = make_story()
    Scene.claim(scene.pk)
    path = live_path(scene)
    release = threading.Event()

    async def watch():
        socket, _ = await open_socket(path)
        await socket.receive_from(timeout=WAIT)
        await sync_to_async(Scene.objects.filter(pk=scene.pk).update)(draft_title="The Hollow Oak")
        # The one thread that runs this process's sync code is busy (a worker's database work).
        busy = asyncio.ensure_future(sync_to_async(release.wait)())
        try:
            await socket.send_input({"type": "scene.changed", "parts": ["text"], "change": "drafted"})
            return await socket.receive_from(timeout=WAIT)
        finally:
            release.set()
            await busy
            await socket.disconnect()

    assert "<h1>The Hollow Oak</h1>" in async_to_sync(watch)()


def test_a_scene_with_its_picture_and_reading_renders_in_two_queries(django_assert_num_queries):
    _, scene = make_story()
    scene = play(scene)
    AudioAsset.queue_for(scene)
    scene = narrate(scene)
    with django_assert_num_queries(2):  # the scene with all the page shows of it, and its doors taken
        html = live_socket.render_parts(get_tier("kids"), scene.pk, stories_live.PARTS)
    assert "<img" in html["image"] and "<audio" in html["audio"]


def test_a_viewer_leaving_mid_render_leaves_the_render_to_the_others(monkeypatch):
    started, release = threading.Event(), threading.Event()

    def slow_render(tier, scene_id, parts):
        started.set()
        release.wait(WAIT)
        return {"text": "<p>The fox waited.</p>"}

    monkeypatch.setattr(live_socket, "render_parts", slow_render)

    async def two_viewers():
        renders = live_socket.SharedRenders()
        leaving = asyncio.ensure_future(renders.get("change", None, "scene", ["text"]))
        staying = asyncio.ensure_future(renders.get("change", None, "scene", ["text"]))
        await asyncio.to_thread(started.wait, WAIT)
        leaving.cancel()  # its socket closed
        release.set()
        return await staying

    assert asyncio.run(two_viewers()) == {"text": "<p>The fox waited.</p>"}


def test_nothing_is_sent_again_when_nothing_changed():
    _, scene = make_story()

    path = live_path(scene)

    async def watch():
        socket, _ = await open_socket(path)
        await socket.receive_from(timeout=WAIT)
        await socket.send_input({"type": "scene.changed", "parts": ["text", "image", "video"], "change": "again"})
        quiet = await socket.receive_nothing(timeout=0.5)
        await socket.disconnect()
        return quiet

    assert async_to_sync(watch)()


def test_the_socket_closes_when_the_story_is_deleted():
    story, scene = make_story()
    path = live_path(scene)

    async def watch():
        socket, _ = await open_socket(path)
        await socket.receive_from(timeout=WAIT)
        await sync_to_async(story.delete)()
        await socket.send_input({"type": "scene.changed", "parts": ["text"], "change": "deleted"})
        closed = await socket.receive_output(timeout=WAIT)
        await socket.disconnect()
        return closed

    assert async_to_sync(watch)() == {"type": "websocket.close", "code": 1000}


# Refused at the handshake: what the pages would answer with 404 or the sign-in page.


def grant(user, codename="access_nsfw"):
    user.user_permissions.add(Permission.objects.get(codename=codename))


def test_a_scene_of_another_tier_is_refused(client):
    grant(user := User.objects.create_user("parent", password="pw"))
    client.force_login(user)
    _, kids_scene = make_story(tier="kids")
    _, nsfw_scene = make_story(tier="nsfw")
    assert opens(live_path(kids_scene), client)
    assert opens(live_path(nsfw_scene), client)
    assert not opens(live_path(kids_scene, tier="nsfw"), client)
    assert not opens(live_path(nsfw_scene, tier="kids"), client)


def test_an_unknown_scene_or_tier_is_refused():
    _, scene = make_story()
    assert not opens(f"/kids/story/scene/{'0' * 8}-0000-0000-0000-{'0' * 12}/live")
    assert not opens(live_path(scene, tier="nowhere"))


def test_a_protected_tier_refuses_anyone_without_its_permission(client):
    _, scene = make_story(tier="nsfw")
    assert not opens(live_path(scene))  # nobody signed in
    client.force_login(user := User.objects.create_user("guest", password="pw"))
    assert not opens(live_path(scene), client)  # signed in, without the permission
    grant(user)
    assert opens(live_path(scene), client)


def test_a_socket_from_another_site_is_refused():
    _, scene = make_story()
    assert opens(live_path(scene))
    assert not opens(live_path(scene), origin="https://elsewhere.example")


def test_a_stale_attempt_keeps_its_draft_to_itself():
    _, scene = make_story()
    Scene.claim(scene.pk)
    stale = Scene.objects.get(pk=scene.pk)
    # The job is taken back and runs again: the first attempt's stream must not show.
    Scene.objects.filter(pk=scene.pk).update(status=JobStatus.PENDING)
    Scene.claim(scene.pk)
    stale.save_draft("Old", "The first attempt's words")
    assert Scene.objects.get(pk=scene.pk).draft_text == ""
