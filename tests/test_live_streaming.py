"""Streamed scenes on the live page: the fake OpenAI, xAI and Gemini servers stream their
answers (SSE, as the real APIs do) at a set pace, the worker's job runs, and a socket
watches the scene's text grow.

These tests commit (transaction=True): a push is read by the socket from the database
the moment the job writes it, as it happens between a worker and a web process.
"""

import asyncio
import html
import re

import pytest
from asgiref.sync import async_to_sync

# The SDKs load on a worker's first job, holding up the event loop for seconds on a busy
# machine: loaded here, so the sockets' waits measure the stream, not the imports.
import media_gen.providers.gemini  # noqa: F401
import media_gen.providers.xai  # noqa: F401
from media_gen import briefs, jobs
from media_gen.providers import get_provider
from media_gen.providers.base import DraftStream, with_retries
from stories.models import Scene
from tests.fakes import DEFAULT_SCENE, FakeGemini, FakeOpenAI, FakeXAI
from tests.helpers import make_story, serving
from tests.test_live import WAIT, live_path, open_socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = (
    "Mia followed the fox's glowing tail to an old oak tree at the edge of the wood.\n\n"
    "A tiny door in its trunk stood ajar, and warm lantern light spilled across the moss. "
    "Somebody inside was humming a song Mia almost knew.\n\n"
    "The fox sat down, curled its tail around its paws, and looked at her as if to say: your turn."
)

openai_server = serving(FakeOpenAI, "OPENAI", "sk-test-openai-key")
xai_server = serving(FakeXAI, "XAI", "xai-test-key")
gemini_server = serving(FakeGemini, "GEMINI", "gemini-test-key")
SERVERS = {"openai": "openai_server", "grok": "xai_server", "gemini": "gemini_server"}


@pytest.fixture(params=SERVERS)
def streaming(request, settings):
    """(text model key, its fake server) streaming a three-paragraph scene in twelve pieces."""
    fake = request.getfixturevalue(SERVERS[request.param])
    fake.scene_json = {**DEFAULT_SCENE, "text": TEXT}
    fake.stream_pieces = 12
    fake.stream_pace = 0.1
    settings.LIVE_DRAFT_INTERVAL = 0  # a draft for every piece
    return request.param, fake


def plain(markup):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def draft_of(message):
    """The draft text a pushed message shows (None when it shows no text being written)."""
    found = re.search(r'id="scene-text" aria-busy="true"[^>]*>(.*?)<div class="loading writing">', message, re.S)
    return plain(found.group(1)) if found else None


def watch_the_scene_being_written(scene, late_viewer=False):
    """Every message a socket gets while the scene's text job runs, until the finished
    scene; with `late_viewer`, also the first message of a socket opened mid-stream."""
    path = live_path(scene)

    async def watch():
        socket, _ = await open_socket(path)
        messages = [await socket.receive_from(timeout=WAIT)]
        job = asyncio.ensure_future(jobs.run_text(scene.pk))
        late = None
        while "What happens next?" not in messages[-1]:
            messages.append(await socket.receive_from(timeout=WAIT))
            if late_viewer and late is None and len([m for m in messages if draft_of(m)]) == 2:
                late_socket, _ = await open_socket(path)
                late = await late_socket.receive_from(timeout=WAIT)
                await late_socket.disconnect()
        await job
        await socket.disconnect()
        return messages, late

    return async_to_sync(watch)()


def test_the_socket_receives_growing_drafts_before_the_finished_scene(streaming):
    key, fake = streaming
    _, scene = make_story(text_model=key)
    messages, _ = watch_the_scene_being_written(scene)

    drafts = [draft for draft in map(draft_of, messages) if draft]
    assert len(drafts) >= 3
    assert all(len(earlier) < len(later) for earlier, later in zip(drafts, drafts[1:]))  # growing
    finished = plain(TEXT)
    assert all(finished.startswith(draft.removeprefix(DEFAULT_SCENE["title"]).strip()) for draft in drafts)
    assert "What happens next?" in messages[-1] and draft_of(messages[-1]) is None
    assert Scene.objects.get(pk=scene.pk).draft_text == ""  # the finished text took its place


def test_a_viewer_arriving_mid_stream_gets_the_draft_so_far(streaming):
    key, fake = streaming
    _, scene = make_story(text_model=key)
    _, late = watch_the_scene_being_written(scene, late_viewer=True)
    assert draft_of(late)
    assert "scene-image" in late  # and every other part with it


def test_a_stream_broken_half_way_is_asked_again_and_leaves_one_clean_text(streaming):
    key, fake = streaming
    fake.cut_off_next()
    _, scene = make_story(text_model=key)
    messages, _ = watch_the_scene_being_written(scene)

    scene = Scene.objects.get(pk=scene.pk)
    assert scene.status == "complete" and scene.text == TEXT
    assert len([request for request in fake.requests if request.method == "POST"]) == 2
    finished = plain(TEXT)
    for draft in filter(None, map(draft_of, messages)):  # never two answers glued together
        assert finished.startswith(draft.removeprefix(DEFAULT_SCENE["title"]).strip())


def test_a_retried_stream_starts_its_draft_again_from_nothing(streaming):
    key, fake = streaming
    fake.cut_off_next()
    _, scene = make_story(text_model=key)
    brief, spec = briefs.scene_brief(scene), briefs.model_spec(scene.story.text_model)
    shown = []

    async def on_draft(title, text, text_done):
        shown.append((title, text))

    draft = async_to_sync(with_retries)(get_provider(spec).write_scene, brief, on_draft)
    assert draft.text == TEXT
    restart = shown.index(("", ""), 1)  # the second answer began by clearing the first one's words
    assert any(text for _, text in shown[:restart])
    assert all(TEXT.startswith(text) for _, text in shown)


@pytest.mark.django_db  # no database needed: the closest mark keeps the module's commits away
def test_the_first_words_go_out_at_once_and_later_drafts_wait_their_turn(settings):
    settings.LIVE_DRAFT_INTERVAL = 3600  # within one turn for the whole test
    shown = []

    async def on_draft(title, text, text_done):
        shown.append((title, text))

    async def stream():
        drafts = DraftStream(on_draft)
        for piece in ['{"title": "The Hollow', ' Oak", "text": "Mia', " followed the fox. ", "A tiny door "]:
            await drafts.add(piece)

    asyncio.run(stream())
    # The title alone starts the turn; the first words don't wait for it to end; the rest do.
    # Words still being written may be cut short ("Hollow…", "Mia…"): only whole ones show.
    assert shown == [("The", ""), ("The Hollow Oak", "Mia followed the fox.")]


@pytest.mark.django_db
def test_a_draft_says_when_its_text_is_whole(settings):
    settings.LIVE_DRAFT_INTERVAL = 0
    shown = []

    async def on_draft(title, text, text_done):
        shown.append((text, text_done))

    async def stream():
        drafts = DraftStream(on_draft)
        for piece in ['{"title": "The Oak", "text": "Mia ran', ' home."', ', "choices": ["Knock', ' on the door"]']:
            await drafts.add(piece)

    asyncio.run(stream())
    # While the text's string is open it may end mid-word; once a later key begins it is whole.
    assert shown == [("Mia", False), ("Mia ran", False), ("Mia ran home.", True), ("Mia ran home.", True)]
