"""A throwaway Storyteller for one benchmark: a temporary SQLite database and media folder.

import sandbox
workdir = sandbox.setup(JOB_CONCURRENCY="100")  # before importing anything from the app
"""

import atexit
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAKE_SERVER = """
import json, sys
from tests import fakes
with getattr(fakes, sys.argv[1])() as fake:
    for name, value in json.loads(sys.argv[2]).items():
        setattr(fake, name, value)
    print(fake.base_url, flush=True)
    sys.stdin.read()
"""


def setup(**env):
    """Configure Django on a fresh database (env: settings overrides) and migrate it."""
    workdir = Path(tempfile.mkdtemp(prefix="storyteller-bench-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "storyteller.settings",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "SECRET_KEY": "bench",
            "LOG_LEVEL": "WARNING",
            **env,
        }
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return workdir


@contextmanager
def fake_server(kind, **attributes):
    """A fake provider server (`kind`: "FakeXAI", "FakeOpenAI"…) in a process of its own, so
    its work is not counted as the app's.

    Yields its base URL; `attributes` are set on the fake (latency, video_pending_polls…).
    """
    process = subprocess.Popen(
        [sys.executable, "-c", FAKE_SERVER, kind, json.dumps(attributes)],
        # Quiet: requests still waiting when the app stops end in "connection reset" tracebacks.
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield process.stdout.readline().strip()
    finally:
        process.stdin.close()
        process.wait(10)


def fake_xai(**attributes):
    return fake_server("FakeXAI", **attributes)


def add_stories(count, tier="kids", video_mode=False, picture=None):
    """`count` stories, each with one written scene and its finished picture, in bulk.

    The pictures' files are written only when `picture` (PNG bytes) is given.
    """
    from django.utils import timezone

    from stories.models import ImageAsset, ImageModel, Scene, Story, TextModel

    text_model, image_model = TextModel.objects.get(key="offline"), ImageModel.objects.get(key="offline")
    stories = Story.objects.bulk_create(
        Story(
            tier=tier,
            prompt=f"Story {n}",
            title=f"Story {n}",
            text_model=text_model,
            image_model=image_model,
            video_mode=video_mode,
        )
        for n in range(count)
    )
    scenes = Scene.objects.bulk_create(
        Scene(
            story=story,
            number=1,
            status="complete",
            title=story.title,
            text="Once upon a time.",
            choices=[{"id": "1", "text": "Go on"}],
            image_prompt="A castle",
            finished_at=timezone.now(),
            chosen_at=timezone.now(),  # an opening scene: on show, as the pages expect
        )
        for story in stories
    )
    images = ImageAsset.objects.bulk_create(
        ImageAsset(scene=scene, tier=tier, model=image_model, status="complete", file=f"{tier}/images/{scene.pk}.png")
        for scene in scenes
    )
    if picture:
        for image in images:
            path = Path(image.file.path)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(picture)
    return scenes


def percentile(samples, fraction):
    return statistics.quantiles(samples, n=100, method="inclusive")[round(fraction * 100) - 1]
