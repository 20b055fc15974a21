"""Twenty people choosing at once on one scene, half one door and half the other, make
exactly two scenes: on SQLite and on PostgreSQL, each in a process of its own on a fresh
database (the test database's transaction would hide the race)."""

import os
import subprocess
import sys
import threading
import uuid

import pytest

from tests.appserver import ROOT
from tests.conftest import require

POSTGRES = "postgresql://postgres@127.0.0.1:5432"
PEOPLE = 20


def run_race(database_url):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from tests import test_choose_concurrently as t; t.race()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "storyteller.settings",
            "DATABASE_URL": database_url,
            "KIDS_WRITE_AHEAD": "false",
        },  # no scene is there yet: every choose races to make it
    )
    assert result.returncode == 0, result.stderr


def test_twenty_concurrent_chooses_of_two_choices_make_two_scenes_on_sqlite(tmp_path):
    run_race(f"sqlite:///{tmp_path / 'race.sqlite3'}")


def test_twenty_concurrent_chooses_of_two_choices_make_two_scenes_on_postgresql():
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=2)
    except psycopg.Error:
        admin = None
    require(admin is not None, "PostgreSQL must run on 127.0.0.1 (.ci/run starts it)")
    database = f"storyteller_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{database}"')
        try:
            run_race(f"{POSTGRES}/{database}")
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def race():
    from django.core.management import call_command
    from django.db import connection

    from stories.models import Scene, jobs
    from tests.helpers import make_story, write

    call_command("migrate", verbosity=0)
    sent = []
    jobs.send_job = lambda channel, pk: sent.append((channel, pk))  # what was queued, once committed
    _, scene = make_story()
    scene = write(scene)
    sent.clear()
    start = threading.Barrier(PEOPLE)
    reached, errors = [], []

    def choose(choice_id):
        try:
            start.wait()
            reached.append((choice_id, Scene.objects.get(pk=scene.pk).choose(choice_id).pk))
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    people = [threading.Thread(target=choose, args=(str(person % 2 + 1),)) for person in range(PEOPLE)]
    for person in people:
        person.start()
    for person in people:
        person.join()
    assert errors == []
    branches = dict(Scene.objects.filter(previous=scene).values_list("choice_id", "pk"))
    assert sorted(branches) == ["1", "2"]
    assert sorted(reached) == sorted((choice_id, branches[choice_id]) for choice_id, _ in reached)
    assert len(reached) == PEOPLE
    assert sorted(sent) == sorted(("story-text", pk) for pk in branches.values())
