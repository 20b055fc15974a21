"""The whole story loop in a real browser: Playwright driving Debian's Chromium."""

import re

import pytest

from tests.browser import app, browser, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_a_whole_story_from_prompt_to_gallery(app, page):
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "A shy robot named Bolt explores a moonlit forest")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    scene_urls = [page.url]

    # The page came back at once with indicators; text and picture arrive without a reload.
    marker = page.evaluate("() => (window.__sameDocument = Math.random())")
    page.wait_for_selector("#scene-text .choices button")
    page.wait_for_selector("#scene-image img")
    assert page.evaluate("() => window.__sameDocument") == marker
    assert page.locator("#scene-image img").evaluate("img => img.naturalWidth") == 1024
    title = page.locator("#scene-text h1").inner_text()
    assert title
    assert page.locator("#story-title").inner_text() == title  # the heading learnt the story's name

    while page.locator("#scene-text .choices button").count():
        page.locator("#scene-text .choices button").first.click()
        page.wait_for_url(lambda url: url not in scene_urls)
        scene_urls.append(page.url)
        page.wait_for_selector("#scene-text:not([aria-busy])")
    assert page.locator(".ending").inner_text() == "The End"
    page.wait_for_selector("#scene-image img")

    page.click("text=Read the whole story")
    assert page.locator(".reader-scene").count() == len(scene_urls)
    assert page.locator(".path-choice").count() == len(scene_urls) - 1

    page.goto(f"{app.url}/kids/gallery/")
    card = page.locator(".story-card", has_text=title)
    assert card.count() == 1
    assert "1 ending" in card.inner_text()
    assert card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")


def test_the_clip_swaps_in_and_plays(app, page):
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "A penguin learns to fly over a snowy island")
    page.check("input[name=video_mode]")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    marker = page.evaluate("() => (window.__sameDocument = Math.random())")
    assert page.locator("#scene-video[aria-busy]").count() == 1  # a visible indicator first

    video = page.wait_for_selector("#scene-video video", timeout=60_000)
    assert page.evaluate("() => window.__sameDocument") == marker
    assert video.get_attribute("controls") is not None
    # The clip takes the still's place, with the still as its poster: not both on the page.
    assert page.locator("#scene-image").is_hidden()
    assert video.get_attribute("poster") == page.locator("#scene-image img").get_attribute("src")
    page.evaluate("v => { v.muted = true; return v.play(); }", video)
    page.wait_for_function("v => v.readyState >= 2 && v.currentTime > 0.3", arg=video, timeout=20_000)
    assert page.evaluate("v => v.error", video) is None


def test_going_back_and_choosing_the_other_door_shows_both_branches_on_the_map(app, page):
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "Two doors in an old lighthouse")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    opening = page.url
    doors = page.locator("#scene-text .choices button")
    doors.first.wait_for()
    first_door, other_door = (doors.nth(n).inner_text() for n in (0, 1))

    doors.first.click()
    page.wait_for_url(lambda url: url != opening)
    first_branch = page.url
    page.wait_for_selector("#scene-text h1")
    page.click("text=← Back")
    page.wait_for_url(opening)
    assert "Explored" in page.locator("#scene-text .choices button").first.inner_text()

    page.locator("#scene-text .choices button").nth(1).click()
    page.wait_for_url(lambda url: url not in (opening, first_branch))
    other_branch = page.url
    page.wait_for_selector("#scene-text h1")

    page.click("text=Map")
    assert page.locator(".map-fork").count() == 1
    cards = page.locator("a.map-card")
    assert cards.count() == 3
    hrefs = [cards.nth(n).get_attribute("href") for n in range(3)]
    assert [f"{app.url}{href}" for href in hrefs] == [opening, first_branch, other_branch]
    assert first_door in cards.nth(1).inner_text() and other_door in cards.nth(2).inner_text()
    assert "You are here" in cards.nth(2).inner_text()
    cards.nth(1).click()
    page.wait_for_url(first_branch)


def test_without_javascript_a_scene_reloads_itself_until_it_is_finished(app, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "A snail named Pip races a leaf down a stream")
    page.click("button[type=submit]")  # a plain form post
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    assert "still being made" in page.locator(".noscript-note").inner_text()
    # Nothing polls without JavaScript: only the page's own refresh can bring the picture.
    page.wait_for_selector("#scene-image img", timeout=60_000)
    assert page.locator("#scene-text .choices button").count()
    assert page.locator("meta[http-equiv=refresh]").count() == 0  # finished: it stays put
    assert page.locator(".noscript-note").count() == 0
    context.close()


def test_a_whole_story_share_link_opens_every_branch_through_its_map_without_javascript(app, page, browser):
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "A kite that wants to see the sea")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    opening = page.url
    page.locator("#scene-text .choices button").first.click()
    page.wait_for_url(lambda url: url != opening)
    page.wait_for_selector("#scene-image img")
    first_branch = page.locator("#scene-text h1").inner_text()
    page.click("text=← Back")
    page.wait_for_url(opening)
    page.locator("#scene-text .choices button").nth(1).click()
    page.wait_for_url(lambda url: url != opening)
    page.wait_for_selector("#scene-image img")

    page.click("text=Map")
    page.click("text=Read the latest path")
    assert page.locator("input[name=scene][value='']").is_checked()  # the whole story, unless a path was asked for
    page.select_option("select[name=expires_in]", "")
    page.click("text=Make a share link")
    link = page.locator("input[aria-label='Share link']").input_value()

    # Someone else, signed out, with no JavaScript.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    visitor = context.new_page()
    visitor.goto(link)
    visitor.click("text=see them all on the map")
    cards = visitor.locator("a.map-card")
    assert cards.count() == 3 and visitor.locator("text=You are here").count() == 0
    assert all(cards.nth(n).get_attribute("href").startswith(link.removeprefix(app.url)) for n in range(3))
    cards.nth(1).click()
    assert visitor.locator(".reader-scene").count() == 2
    assert first_branch in visitor.locator(".reader-scene").nth(1).inner_text()
    picture = visitor.locator(".reader-scene img").nth(1)
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert visitor.locator(".site-nav").count() == 0
    context.close()


def test_a_share_link_is_copied_with_a_click_and_revoked_only_when_confirmed(app, browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(f"{app.url}/kids/")
    page.fill("textarea[name=prompt]", "A snail who wants to win a race")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/kids/story/scene/[0-9a-f-]+$"))
    page.click("#story-title")
    page.click("text=Make a share link")
    link = page.locator("input[aria-label='Share link']").input_value()

    page.click("button[data-copy]")
    page.wait_for_function("() => document.querySelector('button[data-copy]').textContent === 'Copied'")
    assert page.evaluate("() => navigator.clipboard.readText()") == link

    page.click("text=Revoke…")  # the first click only asks
    assert page.locator("text=Yes, stop this link").is_visible()
    visitor = browser.new_context().new_page()
    assert visitor.goto(link).status == 200
    page.click("text=Yes, stop this link")
    message = page.locator(".message", has_text="That link no longer opens the story.")
    assert message.is_visible() and message.bounding_box()["y"] < 800  # in view where the page lands
    assert visitor.goto(link).status == 404
    visitor.context.close()
    context.close()
