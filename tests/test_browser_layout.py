"""The pages' layout at a laptop's size (1280×800) and a phone's (390×844), read from the
boxes the browser lays out, not from screenshots."""

import re

import pytest

from tests.browser import app, browser  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=SIZES)
def size(request):
    return request.param


@pytest.fixture
def page(browser, size):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def story(app, browser):
    """A story with its opening scene written and drawn: the addresses of that scene and of the reader."""
    page = browser.new_page()
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "A girl named Ava and her grandpa fly a kite by the sea")
    page.click(".start-form button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    page.wait_for_selector("#scene-image img")
    addresses = {"scene": page.url, "reader": app.url + page.locator("#story-title").get_attribute("href")}
    page.close()
    return addresses


@pytest.fixture(scope="module")
def grown_up(app):
    """A superuser (who may enter every tier and the admin): (username, password)."""
    app.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; User.objects.create_superuser('admin', password='pw')",
    )
    return "admin", "pw"


def sign_in(page, app, username, password, next_url):
    page.goto(f"{app.url}/accounts/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click(".login-form button[type=submit]")
    page.wait_for_url(f"{app.url}{next_url}")


def box(page, selector):
    element = page.locator(selector).first
    element.wait_for()
    return element.bounding_box()


def open_scene(page, url):
    """The scene page once its socket's first message (every part again) is swapped in, so
    nothing measured is replaced while it is measured."""
    page.add_init_script(
        "document.addEventListener('htmx:wsAfterMessage', () => (window.wsMessages = (window.wsMessages || 0) + 1))"
    )
    page.goto(url)
    page.wait_for_function("() => window.wsMessages >= 1")


def test_the_reader_shows_picture_and_text_side_by_side_on_a_laptop_and_stacked_on_a_phone(page, story, size):
    page.goto(story["reader"])
    picture, text = box(page, ".reader-scene .scene-image"), box(page, ".reader-scene .scene-text")
    if size == "desktop":
        assert picture["x"] + picture["width"] <= text["x"]  # the text on the picture's right
        assert text["y"] == pytest.approx(picture["y"], abs=1)  # in one row
        assert picture["width"] > 400
    else:
        assert text["y"] >= picture["y"] + picture["height"]  # the text below the picture
        assert picture["width"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]


def test_a_scene_shows_its_picture_beside_its_text_on_a_laptop_and_above_it_on_a_phone(page, story, size):
    open_scene(page, story["scene"])
    picture, text = box(page, "#scene-image"), box(page, "#scene-text")
    if size == "desktop":
        assert picture["x"] + picture["width"] <= text["x"]
        assert text["y"] == pytest.approx(picture["y"], abs=1)
    else:
        assert text["y"] >= picture["y"] + picture["height"]


def test_the_sign_in_labels_stand_above_their_inputs(page, app, size):
    page.goto(f"{app.url}/accounts/login/?next=/nsfw/")
    for name in ("username", "password"):
        label, field = box(page, f"label[for=id_{name}]"), box(page, f"#id_{name}")
        assert label["y"] + label["height"] <= field["y"]
        assert label["x"] == pytest.approx(field["x"], abs=1)
    form, field = box(page, ".login-form"), box(page, "#id_username")
    assert field["width"] == pytest.approx(form["width"], abs=1)  # the inputs fill the form


@pytest.mark.parametrize("tier", ["kids", "nsfw"])
def test_the_header_keeps_to_one_row(page, app, grown_up, size, tier):
    sign_in(page, app, *grown_up, next_url=f"/{tier}/")  # signed in: "Sign out" is in the header too
    header = box(page, ".site-header")
    parts = [box(page, selector) for selector in (".brand", ".site-nav", ".sign-out")]
    assert max(part["height"] for part in parts) < 50
    assert header["height"] < 70
    for part, next_part in zip(parts, parts[1:]):  # side by side, in order, none over another
        assert part["x"] + part["width"] <= next_part["x"]
    for part in parts:
        assert part["y"] + part["height"] <= header["y"] + header["height"]
        assert part["x"] + part["width"] <= SIZES[size]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]


@pytest.fixture(scope="module")
def admin_rows(app, failed_clip):
    """A failed clip (failed_clip) and a share link, so their admin lists have a row to lay out."""
    app.manage(
        "shell",
        "-c",
        "from stories.models import ShareLink, Story; "
        "ShareLink.objects.create(tier='kids', story=Story.objects.first())",
    )


@pytest.mark.parametrize(
    "model_list", ["imagemodel", "textmodel", "voicemodel", "videoasset", "imageasset", "sharelink", "scene", "story"]
)
def test_an_admin_list_fits_its_box_on_a_laptop(browser, app, grown_up, admin_rows, model_list):
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    sign_in(page, app, *grown_up, next_url=f"/admin/stories/{model_list}/")
    # The list shares the screen with the admin's menu and its filters: every column shows.
    results, table = box(page, "#changelist .results"), box(page, "#result_list")
    assert table["x"] + table["width"] <= results["x"] + results["width"] + 1
    assert console_errors == []  # nothing missing, the icon included
    context.close()


@pytest.mark.parametrize("model_list", ["imagemodel", "textmodel", "voicemodel"])
def test_the_admin_model_list_shows_enabled_without_scrolling_on_a_laptop(browser, app, grown_up, model_list):
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    sign_in(page, app, *grown_up, next_url=f"/admin/stories/{model_list}/")
    results = box(page, "#changelist .results")
    visible_right = min(results["x"] + results["width"], SIZES["desktop"]["width"])
    for selector in ("#result_list th.column-enabled", "#result_list input[name$='-enabled']"):
        enabled = box(page, selector)
        assert enabled["x"] + enabled["width"] <= visible_right
    context.close()


@pytest.fixture(scope="module")
def failed_clip(app, browser):
    """The address of a scene whose clip failed with a long reason."""
    page = browser.new_page()
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "A boy named Leo builds a raft for his cat")
    page.click(".start-form button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    scene_id = page.url.rsplit("/", 1)[1]
    page.close()
    app.manage(
        "shell",
        "-c",
        "from stories.models import VideoAsset; "
        f"VideoAsset.objects.create(scene_id='{scene_id}', tier='kids', provider='xai', status='failed', "
        'error="We couldn\'t fetch the finished clip. Try again in a moment.")',
    )
    return f"{app.url}/kids/story/scene/{scene_id}"


def test_a_failed_clips_try_again_button_keeps_to_one_line(page, failed_clip, size):
    open_scene(page, failed_clip)
    laid_out = page.evaluate(
        """() => {
            const button = document.querySelector(".video-failed .button");
            const text = document.createRange();
            text.selectNodeContents(button);
            return {
                lines: text.getClientRects().length,
                message: document.querySelector(".video-failed p").getBoundingClientRect().right,
                button: button.getBoundingClientRect().left,
                width: document.documentElement.scrollWidth,
            };
        }"""
    )
    assert laid_out["lines"] == 1
    assert laid_out["message"] <= laid_out["button"]  # beside the message, not over it
    assert laid_out["width"] <= SIZES[size]["width"]


@pytest.fixture(scope="module")
def ending_map(app, failed_clip):
    """The map of a story whose one scene ends it (failed_clip's story, made to end there)."""
    scene_id = failed_clip.rsplit("/", 1)[1]
    story_id = app.manage(
        "shell",
        "-c",
        "from stories.models import Scene; "
        f"Scene.objects.filter(pk='{scene_id}').update(is_ending=True); "
        f"print(Scene.objects.get(pk='{scene_id}').story_id)",
    ).split()[-1]
    return f"{app.url}/kids/gallery/{story_id}/map"


def test_the_end_on_the_map_lines_up_with_its_card_and_shows_as_a_label(page, ending_map, size):
    page.goto(ending_map)
    laid_out = page.evaluate(
        """() => {
            const card = document.querySelector(".map-ending");
            const pill = card.querySelector(".pill");
            return {
                pill: pill.getBoundingClientRect().left,
                title: card.querySelector(".map-card-title").getBoundingClientRect().left,
                pillColour: getComputedStyle(pill).backgroundColor,
                cardColour: getComputedStyle(card).backgroundColor,
                text: pill.textContent,
            };
        }"""
    )
    assert laid_out["text"] == "The End"
    assert laid_out["pill"] == pytest.approx(laid_out["title"], abs=1)
    assert laid_out["pillColour"] != laid_out["cardColour"]  # a label, not an unexplained indent
