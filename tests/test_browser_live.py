"""The live scene page in a real browser: the text grows as a (fake) model streams it, the
picture and the clip swap in over the socket with no polling, and without a socket the
page still completes by polling."""

import re

import pytest

from tests.appserver import AppServer
from tests.browser import browser, page  # noqa: F401  (fixtures)
from tests.fakes import FakeOpenAI

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def writer():
    """A fake OpenAI streaming its scenes slowly: a piece every 0.3 s, twelve pieces."""
    with FakeOpenAI() as fake:
        fake.stream_pieces = 12
        fake.stream_pace = 0.3
        yield fake


@pytest.fixture(scope="module")
def app(tmp_path_factory, writer):
    server = AppServer(
        tmp_path_factory.mktemp("app"), OPENAI_API_KEY="sk-test-openai-key", OPENAI_BASE_URL=writer.base_url
    ).start()
    yield server
    server.stop()


def start_story(app, page, prompt):
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", prompt)
    page.check("input[name=text_model][value=openai]", force=True)  # a radio styled as a card
    page.check("input[name=video_mode]")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))


def polls(requests):
    """The fragment requests htmx made (polling sends HX-Request)."""
    return [request.url for request in requests if request.headers.get("hx-request")]


def test_the_text_grows_in_place_and_the_picture_and_clip_arrive_without_polling(app, page):
    requests = []
    page.on("request", lambda request: requests.append(request))
    start_story(app, page, "A shy robot named Bolt explores a moonlit forest")
    marker = page.evaluate("() => (window.__sameDocument = Math.random())")
    page.wait_for_selector("article.scene.live")  # the socket is open: from here on, nothing polls
    requests.clear()

    # Part of the text is on the page while the scene is still being written.
    page.wait_for_function("""() => {
        const text = document.querySelector('#scene-text[aria-busy] p');
        return text && text.textContent.trim().length > 0 && !document.querySelector('.choices');
    }""")
    page.wait_for_selector("#scene-text .choices button")
    page.wait_for_selector("#scene-image img", state="attached")  # hidden once the clip takes its place
    page.wait_for_selector("#scene-video video", timeout=60_000)
    assert page.evaluate("() => window.__sameDocument") == marker
    assert page.locator("#story-title").inner_text() == page.locator("#scene-text h1").inner_text()
    assert polls(requests) == []


def test_with_the_socket_blocked_the_page_completes_by_polling(app, page):
    page.route_web_socket(re.compile(r"/live$"), lambda socket: socket.close(code=1011, reason="blocked"))
    requests = []
    page.on("request", lambda request: requests.append(request))
    start_story(app, page, "A penguin learns to fly over a snowy island")

    page.wait_for_selector("#scene-text .choices button", timeout=60_000)
    page.wait_for_selector("#scene-image img", state="attached", timeout=60_000)
    page.wait_for_selector("#scene-video video", timeout=60_000)
    assert polls(requests)
