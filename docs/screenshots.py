"""Retake the README's screenshots: the home, scene, reader and gallery pages, desktop and phone.

    .venv/bin/python docs/screenshots.py            # starts its own app on the offline models
    .venv/bin/python docs/screenshots.py --url http://127.0.0.1:8000   # or uses a running one

Plays stories to their end with the offline storyteller and illustrator, as a newcomer
would after `make run`, through Playwright driving Debian's Chromium (/usr/bin/chromium).
The PNGs are reduced to 256 colours so each stays a few hundred kilobytes.
"""

import argparse
import io
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.appserver import AppServer  # noqa: E402  (the repository root is on the path only now)
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# The story the screenshots follow, and two more so the gallery has a few covers.
PROMPTS = [
    "A girl named Ava and her grandpa look for a lost kite in a windy forest",
    "A shy robot named Bolt explores a moonlit forest",
    "An octopus opens a bakery under the sea",
]


def play_to_the_end(page, url, prompt):
    """Start a story and always take the first choice; the URL of its opening scene."""
    page.goto(f"{url}/kids/")
    page.fill("textarea[name=prompt]", prompt)
    page.click(".start-form button[type=submit]")
    page.wait_for_url("**/story/scene/**")
    opening = page.url
    while True:
        page.wait_for_selector("#scene-text:not([aria-busy])", timeout=60_000)
        page.wait_for_selector("#scene-image img", timeout=60_000)
        if not page.locator("#scene-text .choices button").count():
            return opening
        previous = page.url
        page.locator("#scene-text .choices button").first.click()
        page.wait_for_url(lambda now, previous=previous: now != previous)


def save(page, path):
    """A screenshot of what the window shows, in 256 colours."""
    picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size // 1024} KB")


def take(url, out):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=SIZES["desktop"])
        page.set_default_timeout(60_000)
        for prompt in PROMPTS[1:]:
            play_to_the_end(page, url, prompt)
        opening = play_to_the_end(page, url, PROMPTS[0])
        page.goto(opening)
        reader = page.locator("#story-title").get_attribute("href")
        pages = {"home": "/kids/", "scene": opening, "reader": reader, "gallery": "/kids/gallery/"}
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            for name, address in pages.items():
                page.goto(address if address.startswith("http") else url + address)
                page.wait_for_load_state("networkidle")
                save(page, out / f"{name}-{size}.png")
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running app to use (default: start one on the offline models)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="where the PNGs go (default: docs/)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.url:
        take(args.url.rstrip("/"), args.out)
        return
    with tempfile.TemporaryDirectory() as workdir:
        # No provider keys: every model on offer is an offline one.
        keys = {name: "" for name in ("OPENAI_API_KEY", "XAI_API_KEY", "GEMINI_API_KEY")}
        server = AppServer(workdir, **keys).start()
        try:
            take(server.url, args.out)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
