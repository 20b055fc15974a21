"""Browser fixtures: the real app in a subprocess, and Playwright driving Debian's Chromium.

A browser test module imports them: `from tests.browser import app, browser, page`.
"""

import shutil

import pytest

from tests.appserver import AppServer
from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    server = AppServer(tmp_path_factory.mktemp("app")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    require(shutil.which(CHROMIUM) or shutil.which("chromium"), "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
