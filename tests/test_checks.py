"""System checks that say when the configuration does not fit the way the app runs."""

import os
import subprocess
import sys

import pytest
from django.core.checks import run_checks

from tests.appserver import ROOT

REDIS_LAYER = "channels_redis.core.RedisChannelLayer"


def warnings():
    return sorted(message.id for message in run_checks() if message.id.startswith("media_gen."))


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


@pytest.mark.parametrize("env", [{}, {"REDIS_URL": "redis://127.0.0.1:6379/0", "DATABASE_URL": "postgres://x@h/db"}])
def test_the_settings_of_both_modes_pass_the_checks(env):
    """The real settings module, as `make run` and `make web`/`make worker` load it."""
    environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env={**environment, "DJANGO_SETTINGS_MODULE": "storyteller.settings", **env},
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stderr
