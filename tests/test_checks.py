"""System checks that say when the configuration does not fit the way the app runs."""

import os
import subprocess
import sys
from types import ModuleType

import pytest
from django.core.checks import run_checks

from tests.appserver import ROOT

REDIS_LAYER = "channels_redis.core.RedisChannelLayer"


def warnings():
    return sorted(message.id for message in run_checks() if message.id.startswith("media_gen."))


def errors():
    return sorted(message.id for message in run_checks() if message.is_serious())


def redis_layer(**host):
    return {"default": {"BACKEND": REDIS_LAYER, "CONFIG": {"hosts": [{"address": "redis://127.0.0.1:6379/0", **host}]}}}


@pytest.fixture
def postgres(monkeypatch, settings):
    # The checks only read the engine's name; nothing connects with it.
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")


def test_the_embedded_mode_needs_no_warning():
    assert warnings() == []


def test_it_warns_about_the_in_memory_layer_without_the_embedded_worker(settings):
    settings.EMBEDDED_WORKER = False
    assert warnings() == ["media_gen.W001"]


def test_it_warns_about_sqlite_with_separate_processes(settings):
    settings.CHANNEL_LAYERS = redis_layer(socket_timeout=10)
    settings.EMBEDDED_WORKER = False
    assert warnings() == ["media_gen.W002"]


def test_postgresql_and_redis_fit_scale_out(settings, postgres):
    settings.CHANNEL_LAYERS = redis_layer(socket_timeout=10)
    settings.EMBEDDED_WORKER = False
    assert warnings() == []


@pytest.mark.parametrize("host", [{}, {"socket_timeout": 5}])
def test_it_warns_when_redis_would_time_out_an_idle_worker(settings, postgres, host):
    settings.CHANNEL_LAYERS = redis_layer(**host)
    assert warnings() == ["media_gen.W003"]


def test_it_warns_when_the_sweeper_would_requeue_clips_still_being_made(settings):
    settings.JOB_GENERATING_DEADLINE = 300
    settings.VIDEO_TIMEOUT = 300
    assert warnings() == ["media_gen.W004"]


def test_it_warns_when_one_late_heartbeat_would_lose_a_live_workers_job(settings):
    settings.JOB_HEARTBEAT_INTERVAL = 10
    settings.JOB_LEASE = 20
    assert warnings() == ["media_gen.W005"]
    settings.JOB_LEASE = 21
    assert warnings() == []


@pytest.mark.parametrize("env", [{}, {"REDIS_URL": "redis://127.0.0.1:6379/0", "DATABASE_URL": "postgres://x@h/db"}])
def test_the_settings_of_both_modes_pass_the_checks(env):
    """The real settings module, as `make run` and `make web`/`make worker` load it."""
    environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "storyteller.settings", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stderr


def test_the_default_tiers_and_media_settings_are_sound():
    assert errors() == []


def test_it_refuses_no_tiers(settings):
    settings.STORYTELLER_TIERS = {}
    assert errors() == ["stories.E001"]


@pytest.mark.parametrize(
    "change",
    [
        {"protected": "yes"},
        {"target_scenes": 0},
        {"title": ""},
        {"default_image_model": None},
        {"colour": "blue"},
        {"write_ahead": "off"},
        {"idea_placeholder": ["A dragon"]},
    ],
)
def test_it_names_a_tier_setting_that_is_wrong(settings, change):
    settings.STORYTELLER_TIERS = {
        **settings.STORYTELLER_TIERS,
        "kids": {**settings.STORYTELLER_TIERS["kids"], **change},
    }
    (message,) = [message for message in run_checks() if message.is_serious()]
    assert message.id == "stories.E002"
    assert "'kids'" in message.msg and next(iter(change)) in message.msg


def test_it_refuses_a_tier_slug_no_url_can_hold(settings):
    settings.STORYTELLER_TIERS = {"Big Kids": settings.STORYTELLER_TIERS["kids"]}
    assert errors() == ["stories.E002"]


def test_it_refuses_an_unknown_media_accel_mode(settings):
    settings.MEDIA_ACCEL = "x-magic"
    assert errors() == ["stories.E003"]


def test_it_refuses_the_embedded_worker_under_another_server(settings, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", ModuleType("uvicorn"))
    monkeypatch.delitem(sys.modules, "daphne.server", raising=False)
    assert errors() == ["media_gen.E001"]
    settings.EMBEDDED_WORKER = False
    settings.CHANNEL_LAYERS = redis_layer(socket_timeout=10)
    assert errors() == []


def test_the_web_process_will_not_start_misconfigured():
    """daphne runs no checks of its own: the ASGI module runs them and stops on an error."""
    result = subprocess.run(
        [sys.executable, "-c", "import storyteller.asgi"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "storyteller.settings", "MEDIA_ACCEL": "x-magic"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "stories.E003" in result.stderr
