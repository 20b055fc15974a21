"""What a newcomer meets first: the address to open, in the README and from `make run`."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_make_run_prints_the_address_before_it_serves():
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    # -n prints what `make run` would do, and does none of it.
    planned = subprocess.run(
        ["make", "-n", "run", "PORT=8123", "HOST=127.0.0.1"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    announce = next(i for i, line in enumerate(planned) if "Storyteller: open http://127.0.0.1:8123/kids/" in line)
    serve = next(i for i, line in enumerate(planned) if "storyteller.server" in line)
    assert announce < serve


def test_the_readmes_first_screen_gives_the_address_to_open():
    first_screen = "\n".join(README.splitlines()[:30])
    assert "make run" in first_screen
    assert "http://127.0.0.1:8000/kids/" in first_screen


def test_the_readme_shows_every_page_on_a_laptop_and_a_phone():
    shown = set(re.findall(r'src="(docs/[\w-]+\.png)"', README))
    assert shown == {
        f"docs/{page}-{size}.png" for page in ("home", "scene", "reader", "gallery") for size in ("desktop", "phone")
    }
    for path in shown:
        assert 5_000 < (ROOT / path).stat().st_size < 400_000  # there, and small enough to keep in git
