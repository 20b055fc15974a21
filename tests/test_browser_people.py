"""Memory mode in a real browser: add a person with a photo, then see them in a story."""

import re

import pytest

from tests.browser import app, browser, page  # noqa: F401 (pytest fixtures)
from tests.photos import MAGENTA, magenta_pixels, photo_bytes

pytestmark = pytest.mark.browser


def test_a_person_added_with_a_photo_shows_up_in_a_memory_mode_story(app, page):  # noqa: F811
    page.goto(f"{app.url}/kids/")
    page.click("nav >> text=People")
    page.click("text=Add a person")
    page.fill("input[name=name]", "Zephyrine")
    page.fill("input[name=relation]", "my sister")
    page.fill("textarea[name=description]", "curly red hair and green glasses")
    page.set_input_files(
        "input[name=photo]",
        files=[
            {"name": "zephyrine.png", "mimeType": "image/png", "buffer": photo_bytes(size=(400, 400), color=MAGENTA)}
        ],
    )
    page.click(".person-form button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/people/[0-9a-f-]+/$"))
    assert "Zephyrine is one of the family now." in page.locator(".messages").inner_text()
    thumbnail = page.locator(".photo-thumb")
    thumbnail.wait_for()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth") == 400

    page.goto(f"{app.url}/kids/")
    assert "1 person from" in page.locator(".memory-note").inner_text()
    page.fill("textarea[name=prompt]", "A picnic in a sunny meadow")
    page.check("input[name=memory_mode]")
    page.click(".start-form button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))

    page.wait_for_selector("#scene-text .choices button")
    assert "Zephyrine" in page.locator("#scene-text").inner_text()
    src = page.wait_for_selector("#scene-image img").get_attribute("src")
    picture = page.request.get(f"{app.url}{src}")
    assert picture.ok
    assert magenta_pixels(picture.body()) > 5000  # her photo, framed in the scene
