"""Embedded mode as `make run` runs it: daphne with the worker inside, in a subprocess."""

import json
import time
import urllib.request

from tests.appserver import AppServer

ABANDONED = """
from django.utils import timezone
from stories.models import ImageModel, TextModel
from stories.models import Story
from storyteller.tiers import get_tier
story, scene = Story.start(get_tier("kids"), prompt="A lighthouse at the end of the world",
                           text_model=TextModel.objects.get(key="offline"),
                           image_model=ImageModel.objects.get(key="offline"))
# As if the last process died while writing it.
type(scene).objects.filter(pk=scene.pk).update(status="generating", started_at=timezone.now(), attempts=1)
print(scene.get_absolute_url())
"""


def scene_json(url):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


def test_a_restarted_app_takes_up_what_the_last_process_left_unfinished(tmp_path):
    server = AppServer(tmp_path)
    server.manage("migrate", "--noinput", "-v0")
    scene_path = server.manage("shell", "-c", ABANDONED).strip().splitlines()[-1]
    server.start()
    try:
        deadline = time.monotonic() + 30  # far below the 600 s a stuck job would otherwise wait
        while (data := scene_json(server.url + scene_path))["image"]["status"] != "complete":
            assert time.monotonic() < deadline, data
            time.sleep(0.2)
        assert data["status"] == "complete" and data["text"]
    finally:
        server.stop()
