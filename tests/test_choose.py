import os
import subprocess
import sys
import threading
import time
import uuid

import psycopg
import pytest
from django.urls import reverse

from stories.models import Scene
from tests.appserver import ROOT
from tests.conftest import require
from tests.helpers import make_story, write

pytestmark = pytest.mark.django_db


def choose_url(scene, choice_id, tier="kids"):
    return reverse("stories:choose", kwargs={"tier": tier, "scene_id": scene.id, "choice_id": choice_id})


def test_choosing_creates_and_queues_the_next_scene(client, django_capture_on_commit_callbacks):
    story, scene = make_story()
    scene = write(scene)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(choose_url(scene, "2"))
    next_scene = Scene.objects.get(story=story, number=2)
    assert response.status_code == 302
    assert response["Location"] == next_scene.get_absolute_url()
    assert next_scene.previous == scene
    assert next_scene.status == "pending"
    assert len(callbacks) == 1
    scene.refresh_from_db()
    assert scene.chosen_choice_id == "2"


def test_the_next_scene_follows_the_choice_taken(client):
    _, scene = make_story()
    scene = write(scene)
    client.post(choose_url(scene, "1"))
    next_scene = write(Scene.objects.get(number=2))
    assert [earlier.pk for earlier in next_scene.path()] == [scene.pk]
    assert next_scene.path()[0].chosen_choice == scene.choices[0]


def test_a_double_submit_makes_one_next_scene(client):
    story, scene = make_story()
    scene = write(scene)
    first = client.post(choose_url(scene, "1"))
    second = client.post(choose_url(scene, "1"))
    assert story.scenes.count() == 2
    assert first["Location"] == second["Location"]


def test_a_different_choice_after_choosing_goes_to_the_story_as_it_went(client):
    story, scene = make_story()
    scene = write(scene)
    first = client.post(choose_url(scene, "1"))
    other = client.post(choose_url(scene, "2"), follow=True)
    assert story.scenes.count() == 2
    assert other.redirect_chain[0][0] == first["Location"]
    assert "This story already went on with" in other.content.decode()


def test_a_choice_that_is_not_in_the_scene_is_404(client):
    story, scene = make_story()
    scene = write(scene)
    response = client.post(choose_url(scene, "9"))
    assert response.status_code == 404
    assert "That choice isn" in response.content.decode()
    assert story.scenes.count() == 1


def test_choosing_before_the_scene_is_written_is_404(client):
    story, scene = make_story()
    assert client.post(choose_url(scene, "1")).status_code == 404
    assert story.scenes.count() == 1


def test_there_is_nothing_to_choose_on_an_ending(client):
    story, scene = make_story()
    scene = write(scene)
    Scene.objects.filter(pk=scene.pk).update(is_ending=True, choices=[])
    response = client.post(choose_url(scene, "1"))
    assert response.status_code == 404
    assert "the end of the story" in response.content.decode()
    assert story.scenes.count() == 1


def test_choose_rejects_get(client):
    _, scene = make_story()
    assert client.get(choose_url(scene, "1")).status_code == 405


def test_a_whole_story_plays_to_its_ending(client):
    story, scene = make_story()
    while True:
        scene = write(scene)
        assert scene.status == "complete", scene.error
        if scene.is_ending:
            break
        client.post(choose_url(scene, scene.choices[-1]["id"]))
        scene = Scene.objects.get(story=story, number=scene.number + 1)
    assert scene.number == story.target_scenes
    body = client.get(scene.get_absolute_url()).content.decode()
    assert "The End" in body
    assert "What happens next?" not in body


@pytest.mark.postgres
def test_two_choices_at_once_make_one_next_scene(tmp_path):
    """Two requests choose on one scene at the same moment (a double tap, two tabs): on
    PostgreSQL, where the second really runs alongside the first, the row lock makes it
    wait and take the scene the first made. (SQLite serialises writes, so only PostgreSQL
    shows it.)"""
    from tests.test_scaleout import POSTGRES, services_are_up

    require(services_are_up(), "PostgreSQL must run on 127.0.0.1 (.ci/run starts it)")
    database = f"storyteller_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    try:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "storyteller.settings", "DATABASE_URL": f"{POSTGRES}/{database}",
               "MEDIA_ROOT": str(tmp_path)}
        env.pop("REDIS_URL", None)
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); from tests import test_choose; test_choose.race()"],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def race():
    """The first choice holds its transaction open until the second is waiting on a lock."""
    from django.db import connection

    story, scene = make_story()
    scene = write(scene)
    second_waits_for = {}
    started = threading.Event()
    results = {}
    original = Scene.enqueue

    def enqueue_when_the_second_waits(next_scene):
        if threading.current_thread().name == "first":
            started.set()
            with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as watcher:
                for _ in range(3000):  # until the second choice waits on the first's lock (30 s at most)
                    if second_waits_for.get("pid") and watcher.execute(
                        "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [second_waits_for["pid"]]
                    ).fetchone()[0] == "Lock":
                        break
                    time.sleep(0.01)
                else:
                    raise AssertionError("the second choice never waited for the first")
        original(next_scene)

    Scene.enqueue = enqueue_when_the_second_waits

    def choose(name):
        try:
            if name == "second":
                started.wait(30)
                connection.ensure_connection()
                second_waits_for["pid"] = connection.connection.info.backend_pid
            results[name] = Scene.objects.get(pk=scene.pk).choose("1").pk
        except Exception as error:
            results[name] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=choose, args=(name,), name=name) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results["first"] == results["second"], results
    assert story.scenes.count() == 2
