""" "Read the whole story to me" in a real browser: Chromium plays each scene's reading by
the offline narrator in turn, follows it down the page, pauses and resumes."""

import pytest

from tests.browser import app, browser, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

# A short written story, so each reading lasts a couple of seconds.
MAKE_STORY = """
from django.utils import timezone
from stories.models import ImageModel, Scene, Story, TextModel
story = Story.objects.create(tier="kids", prompt="A fox", title="The Fox Reads",
                             text_model=TextModel.objects.get(key="offline"),
                             image_model=ImageModel.objects.get(key="offline"))
previous = None
for number, text in enumerate(["A fox woke up.", "The fox found a lantern.", "The fox went home."], start=1):
    previous = Scene.objects.create(story=story, number=number, previous=previous, status="complete", text=text,
                                    choices=[{"id": "1", "text": "On"}] if number < 3 else [],
                                    choice_id="1" if previous else "", chosen_at=timezone.now(),
                                    is_ending=number == 3)
print(story.id)
"""


def test_read_the_whole_story_to_me_moves_from_scene_to_scene(app, page):
    story_id = app.manage("shell", "-c", MAKE_STORY).strip().splitlines()[-1]
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
