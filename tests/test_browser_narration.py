""" "Read to me" and "Read the whole story to me" in a real browser, read by the offline
narrator: a reading that arrives on an open scene page plays (over the socket or by polling),
one already there waits for a press; the reader plays each scene's reading in turn, follows it
down the page, pauses and resumes; a shared story says which scenes it has no reading for."""

import json
import re

import pytest

from tests.browser import app, browser, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

# A short written story, so each reading lasts a couple of seconds; the scenes numbered in
# READ get their reading now, and SHARE makes a link to the whole story.
MAKE_STORY = """
from asgiref.sync import async_to_sync
from django.utils import timezone
from media_gen import jobs
from stories.models import AudioAsset, ImageModel, Scene, ShareLink, Story, TextModel
story = Story.objects.create(tier="kids", prompt="A fox", title="The Fox Reads", narration=NARRATION,
                             text_model=TextModel.objects.get(key="offline"),
                             image_model=ImageModel.objects.get(key="offline"))
scenes, previous = [], None
for number, text in enumerate(["A fox woke up.", "The fox found a lantern.", "The fox went home."], start=1):
    previous = Scene.objects.create(story=story, number=number, previous=previous, status="complete", text=text,
                                    choices=[{"id": "1", "text": "On"}] if number < 3 else [],
                                    choice_id="1" if previous else "", chosen_at=timezone.now(),
                                    is_ending=number == 3)
    scenes.append(previous)
for number in READ:
    async_to_sync(jobs.run_audio)(AudioAsset.queue_for(scenes[number - 1]).pk)
link = ShareLink.objects.create(tier="kids", story=story).get_absolute_url() if SHARE else None
print(json.dumps({"story": str(story.id), "scenes": [str(scene.id) for scene in scenes], "link": link}))
"""

PLAYING = """(selector) => {
    const player = document.querySelector(selector);
    return player && !player.paused && player.currentTime > 0;
}"""


def make_story(app, narration=False, read=(), share=False):
    code = f"import json\nNARRATION, READ, SHARE = {narration}, {list(read)}, {share}\n" + MAKE_STORY
    return json.loads(app.manage("shell", "-c", code).strip().splitlines()[-1])


def scene_url(app, scene_id):
    return f"{app.url}/kids/story/scene/{scene_id}"


def status_asked(requests):
    """The narration status requests the page made itself (polling)."""
    return [request.url for request in requests if "/story/audio/" in request.url and request.method == "GET"]


def test_read_to_me_plays_the_reading_as_it_arrives_over_the_socket(app, page):
    story = make_story(app)
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(scene_url(app, story["scenes"][0]))
    page.wait_for_selector("article.scene.live")  # the socket is open: nothing polls
    page.click("text=Read to me")
    page.wait_for_function(PLAYING, arg="#scene-audio audio", timeout=60_000)
    assert status_asked(requests) == []  # it came over the socket


def test_read_to_me_plays_the_reading_as_it_arrives_by_polling_without_a_socket(app, page):
    story = make_story(app)
    page.route_web_socket(re.compile(r"/live$"), lambda socket: socket.close(code=1011, reason="blocked"))
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(scene_url(app, story["scenes"][0]))
    page.click("text=Read to me")
    page.wait_for_function(PLAYING, arg="#scene-audio audio", timeout=60_000)
    assert status_asked(requests)


def test_in_a_story_read_aloud_each_scene_plays_its_reading_as_it_arrives(app, page):
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "A fox finds a lantern")
    page.check("input[name=narration]")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    page.wait_for_selector("article.scene.live")
    # Chromium lets it play: the tap that started the story, on this site, carries over to its page.
    page.wait_for_function(PLAYING, arg="#scene-audio audio", timeout=60_000)
    with page.expect_navigation():
        page.click(".choices button >> nth=0")  # the next scene's reading starts by itself too
    page.wait_for_function(PLAYING, arg="#scene-audio audio", timeout=60_000)


def test_a_reading_already_there_when_the_page_opens_waits_for_a_press(app, page):
    story = make_story(app, read=[1])
    page.add_init_script(
        "document.addEventListener('htmx:wsAfterMessage', () => (window.wsMessages = (window.wsMessages || 0) + 1))"
    )
    page.goto(scene_url(app, story["scenes"][1]))
    page.click("text=← Back")  # a tap on this site: Chromium would let the next page play by itself
    page.wait_for_url(scene_url(app, story["scenes"][0]))
    assert page.evaluate("() => navigator.userActivation.hasBeenActive")
    # The socket's first message brings every part again, the player too: it stays put.
    page.wait_for_function("() => window.wsMessages >= 1")
    page.wait_for_function("() => document.querySelector('#scene-audio audio').readyState >= 1")  # its length shows
    assert page.evaluate("() => document.querySelector('#scene-audio audio').paused")
    box = page.locator("#scene-audio audio").bounding_box()
    page.mouse.click(box["x"] + 24, box["y"] + box["height"] / 2)  # the player's own play button
    page.wait_for_function(PLAYING, arg="#scene-audio audio")


def test_a_reading_being_played_plays_on_when_the_socket_comes_back(app, page):
    story = make_story(app, read=[1])
    sockets = []

    def through(socket):
        socket.connect_to_server()
        sockets.append(socket)

    page.route_web_socket(re.compile(r"/live$"), through)
    page.add_init_script(
        "document.addEventListener('htmx:wsAfterMessage', () => (window.wsMessages = (window.wsMessages || 0) + 1))"
    )
    page.goto(scene_url(app, story["scenes"][0]))
    page.wait_for_function("() => window.wsMessages >= 1")
    page.wait_for_function("() => document.querySelector('#scene-audio audio').readyState >= 1")  # ready to press
    box = page.locator("#scene-audio audio").bounding_box()
    page.mouse.click(box["x"] + 24, box["y"] + box["height"] / 2)  # the player's own play button
    page.wait_for_function(PLAYING, arg="#scene-audio audio")
    page.evaluate("() => { window.playing = document.querySelector('#scene-audio audio'); }")

    # The server restarts; the page opens a new socket, whose first message repeats every part.
    sockets[0].close(code=1012, reason="Service restart")
    page.wait_for_function("() => window.wsMessages >= 2", timeout=30_000)
    # The player on the page is the one that was playing, not a new one starting from nothing.
    assert page.evaluate("() => document.querySelector('#scene-audio audio') === window.playing")
    assert page.evaluate("() => window.playing.currentTime > 0")


def test_a_shared_story_says_which_scenes_have_no_reading_and_reads_the_others(app, page):
    story = make_story(app, read=[1, 3], share=True)
    page.goto(app.url + story["link"])  # signed out: nobody here may ask for the missing reading
    assert page.locator("#read-aloud").inner_text().endswith("Scene 2 has no reading yet: the reading skips it.")
    assert page.locator("#scene-2 .no-reading").is_visible()
    assert page.locator("#scene-1 .no-reading, #scene-3 .no-reading").count() == 0
    page.click("text=Read the whole story to me")
    page.wait_for_selector("#scene-1.reading")
    page.wait_for_function(PLAYING, arg="#read-aloud audio")
    page.wait_for_selector("#scene-3.reading", timeout=60_000)
    page.wait_for_function(PLAYING, arg="#read-aloud audio")
    page.wait_for_function("() => document.querySelector('[data-read-status]').textContent === 'The End'")


def test_read_the_whole_story_to_me_moves_from_scene_to_scene(app, page):
    story_id = make_story(app)["story"]
    page.goto(f"{app.url}/kids/gallery/{story_id}/")
    page.click("text=Read the whole story to me")

    page.wait_for_selector("#scene-1.reading")
    page.wait_for_function("() => !document.querySelector('#read-aloud audio').paused")
    page.wait_for_selector("#scene-2.reading", timeout=60_000)
    assert page.locator(".reader-scene.reading").count() == 1

    # Pause holds the reading where it is; Resume goes on from there to the next scene.
    page.wait_for_function("() => !document.querySelector('#read-aloud audio').paused", timeout=60_000)
    page.click("[data-read-pause]")
    assert page.evaluate("() => document.querySelector('#read-aloud audio').paused")
    assert page.locator("[data-read-pause]").inner_text() == "Resume"
    assert page.locator("#scene-2.reading").count() == 1
    page.click("[data-read-pause]")
    page.wait_for_selector("#scene-3.reading", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('[data-read-status]').textContent === 'The End'", timeout=60_000
    )

    # Each scene was read by the offline narrator, asked for as the reading reached it.
    for status_url in page.evaluate(
        "() => [...document.querySelectorAll('.reader-scene')].map(scene => scene.dataset.narration)"
    ):
        answer = page.request.get(app.url + status_url, headers={"Accept": "application/json"})
        assert answer.json()["status"] == "complete"
        assert answer.json()["voice"] == "Offline narrator"
