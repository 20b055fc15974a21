"""Scale-out: web and `jobworker` processes sharing PostgreSQL and Redis.

Every deployment here gets its own PostgreSQL database, Redis key prefix and media folder
(so test runs on one machine keep apart), and runs the real processes: daphne for the web,
`manage.py jobworker` workers.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest
import redis
from asgiref.sync import async_to_sync
from channels_redis.core import RedisChannelLayer

from media_gen.routing import GENERATION_CHANNELS
from stories.models import Scene
from tests.appserver import ROOT, AppServer
from tests.conftest import require
from tests.fakes import FakeOpenAI, FakeXAI

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

REDIS = "redis://127.0.0.1:6379"
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
WAIT = 60  # seconds: generous, the machine may be busy


def services_are_up():
    try:
        redis.Redis.from_url(REDIS, socket_timeout=2).ping()
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=2).close()
    except (redis.RedisError, psycopg.Error):
        return False
    return True


@pytest.fixture(scope="module", autouse=True)
def services():
    require(services_are_up(), "Redis and PostgreSQL must run on 127.0.0.1 (.ci/run starts them)")


def wait_for(condition, what, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Deployment:
    """One scale-out install: its own database, Redis keys and media, and its processes."""

    def __init__(self, workdir, **env):
        self.workdir = Path(workdir)
        self.database = f"storyteller_test_{uuid.uuid4().hex[:12]}"
        self.env = {
            "DATABASE_URL": f"{POSTGRES}/{self.database}",
            "REDIS_URL": REDIS,
            "REDIS_KEY_PREFIX": f"{self.database}:",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "SECRET_KEY": "scale-out-tests",
            "JOB_SWEEP_INTERVAL": "1",
            "VIDEO_POLL_INTERVAL": "0.2",
            **env,
        }
        self.workers = []
        self.web = None
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')

    def admin(self):
        return psycopg.connect(f"{POSTGRES}/postgres", autocommit=True)

    def query(self, sql, *params):
        with psycopg.connect(self.env["DATABASE_URL"]) as connection:
            return connection.execute(sql, params).fetchall()

    def start_web(self):
        """daphne without the embedded worker (it migrates the database first)."""
        self.web = AppServer(self.workdir, EMBEDDED_WORKER="false", **self.env).start()
        return self.web

    def manage(self, *args):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "storyteller.settings", **self.env}
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)

    def start_worker(self, *channels, options=()):
        log = self.workdir / f"worker-{len(self.workers)}.log"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "storyteller.settings", "PYTHONUNBUFFERED": "1", **self.env}
        process = subprocess.Popen(
            [sys.executable, "manage.py", "jobworker", *options, *(channels or GENERATION_CHANNELS)],
            cwd=ROOT,
            env=env,
            stdout=open(log, "wb"),
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.workers.append(process)
        wait_for(lambda: b"Worker listening" in log.read_bytes() or process.poll() is not None, "the worker to start")
        assert process.poll() is None, log.read_text()
        return process

    def layer(self):
        """The deployment's channel layer, as its processes configure it."""
        return RedisChannelLayer(hosts=[{"address": REDIS, "socket_timeout": 10}], prefix=self.env["REDIS_KEY_PREFIX"])

    def send(self, channel, job_ids):
        """Messages straight onto the layer, as duplicate deliveries would be."""
        layer = self.layer()

        async def send_all():
            for job_id in job_ids:
                await layer.send(channel, {"type": "job.run", "id": str(job_id)})

        async_to_sync(send_all)()

    def close(self):
        for process in self.workers:
            if process.poll() is None:
                process.kill()
                process.wait()
        if self.web:
            self.web.stop()
        async_to_sync(self.layer().flush)()  # its keys only: other runs may share this Redis
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


class Browser:
    """Just enough of a browser for the story pages: cookies and the CSRF header."""

    def __init__(self, web):
        self.client = httpx.Client(base_url=web.url, timeout=30)
        self.client.get("/kids/").raise_for_status()
        self.client.headers["X-CSRFToken"] = self.client.cookies["csrftoken"]

    def start_story(self, **fields):
        form = {
            "prompt": "A brave girl named Ava finds a dragon egg",
            "text_model": "offline",
            "image_model": "offline",
        }
        return self.redirected_scene(self.client.post("/kids/story/start", data={**form, **fields}))

    def choose(self, scene_id, choice_id):
        return self.redirected_scene(self.client.post(f"/kids/story/choose/{scene_id}/{choice_id}"))

    @staticmethod
    def redirected_scene(response):
        assert response.status_code == 302, response.text
        return re.search(r"/story/scene/([0-9a-f-]{36})", response.headers["location"]).group(1)

    def scene(self, scene_id):
        return self.client.get(f"/kids/story/scene/{scene_id}", headers={"Accept": "application/json"}).json()


def test_every_key_the_layer_writes_starts_with_the_configured_prefix():
    prefix = f"storyteller_test_{uuid.uuid4().hex[:12]}:"
    send = (
        "import django; django.setup(); from asgiref.sync import async_to_sync;"
        "from channels.layers import get_channel_layer;"
        "async_to_sync(get_channel_layer().send)('prefix-check', {'type': 'nothing'})"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storyteller.settings",
        "REDIS_URL": REDIS,
        "REDIS_KEY_PREFIX": prefix,
    }
    subprocess.run([sys.executable, "-c", send], cwd=ROOT, env=env, check=True, capture_output=True)
    client = redis.Redis.from_url(REDIS)
    keys = client.keys(f"{prefix}*")
    if keys:
        client.delete(*keys)
    assert keys == [f"{prefix}prefix-check".encode()]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """A web process and two workers for all channels, shared by the tests below."""
    deployment = Deployment(tmp_path_factory.mktemp("scaleout"))
    try:
        deployment.start_web()
        deployment.start_worker()
        deployment.start_worker()
        yield deployment
    finally:
        deployment.close()


def test_a_story_is_made_end_to_end_by_separate_worker_processes(shared):
    browser = Browser(shared.web)
    scene_id = browser.start_story(video_mode="on")

    def finished():
        scene = browser.scene(scene_id)
        return scene if scene["image"].get("url") and scene["video"].get("url") else None

    scene = wait_for(finished, "the scene, its picture and its clip")
    assert scene["status"] == "complete" and scene["choices"]
    clip = browser.client.get(scene["video"]["url"])
    assert clip.status_code == 200 and clip.content[4:8] == b"ftyp"
    assert browser.client.get(scene["image"]["url"]).content[:8] == b"\x89PNG\r\n\x1a\n"

    next_id = browser.choose(scene_id, scene["choices"][0]["id"])
    wait_for(lambda: browser.scene(next_id)["status"] == "complete", "the next scene")
    assert "Embedded worker" not in shared.web.logs()


def test_two_workers_never_run_the_same_job(shared):
    browser = Browser(shared.web)
    for worker in shared.workers:
        worker.send_signal(signal.SIGSTOP)
    try:
        scene_ids = [browser.start_story(prompt=f"Story number {n}") for n in range(6)]
        shared.send(Scene.channel, scene_ids * 3)  # each job delivered four times in all
    finally:
        for worker in shared.workers:
            worker.send_signal(signal.SIGCONT)

    wait_for(
        lambda: (
            shared.query(
                "SELECT count(*) FROM stories_imageasset i JOIN stories_scene s ON s.id = i.scene_id "
                "WHERE s.id = ANY(%s) AND i.status = 'complete'",
                [uuid.UUID(pk) for pk in scene_ids],
            )[0][0]
            == len(scene_ids)
        ),
        "every story's first picture",
    )
    attempts = shared.query(
        "SELECT s.attempts, i.attempts FROM stories_scene s JOIN stories_imageasset i ON i.scene_id = s.id "
        "WHERE s.id = ANY(%s)",
        [uuid.UUID(pk) for pk in scene_ids],
    )
    assert attempts == [(1, 1)] * len(scene_ids)


def test_an_idle_worker_outlives_the_redis_read_timeout(shared):
    time.sleep(7)  # channels-redis blocks 5 s per read; redis-py must not time out first
    assert all(worker.poll() is None for worker in shared.workers)
    browser = Browser(shared.web)
    scene_id = browser.start_story()
    wait_for(lambda: browser.scene(scene_id)["status"] == "complete", "the scene")


def test_an_idle_worker_stops_cleanly_on_sigterm(shared):
    worker = shared.workers.pop()
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(30) == 0
    assert "Worker stopped" in worker.log.read_text()


def test_a_worker_stopped_with_sigterm_finishes_its_running_clip_first(shared):
    (worker,) = shared.workers  # the last one, so the clip is surely its own
    browser = Browser(shared.web)
    scene_id = browser.start_story(video_mode="on")
    wait_for(lambda: browser.scene(scene_id)["video"]["status"] == "generating", "the clip to start")
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(WAIT) == 0
    assert browser.scene(scene_id)["video"]["status"] == "complete"
    assert "waiting up to 30s for 1 running jobs" in worker.log.read_text()


def clip_deployment(tmp_path, xai, **env):
    """Clips from the fake xAI; jobs are taken back only by the lease rule (the deadline is far off)."""
    clocks = {"JOB_GENERATING_DEADLINE": "100000", "JOB_LEASE": "2", "JOB_HEARTBEAT_INTERVAL": "0.2"}
    return Deployment(tmp_path, XAI_API_KEY="xai-test-key", XAI_BASE_URL=xai.base_url, **{**clocks, **env})


def submitted_clip(deployment):
    """Start a story in video mode and wait for its clip to be accepted by xAI: its request id.

    (xAI writes and draws too: the workers only wait, where the offline models do real work,
    and a busy machine would blur what these tests measure.)
    """
    deployment.manage(
        "shell",
        "-c",
        "from tests.helpers import make_story; make_story(text_model='grok', image_model='grok-imagine', video_mode=True)",
    )

    def submitted():
        rows = deployment.query("SELECT request_id FROM stories_videoasset WHERE request_id <> ''")
        return rows[0][0] if rows else None

    return wait_for(submitted, "the clip to be submitted")


def test_a_worker_killed_mid_clip_loses_it_to_another_worker_when_its_lease_lapses(tmp_path):
    with FakeXAI() as xai:
        xai.video_pending_polls = 10**6  # the clip is being made until the test says it is done
        deployment = clip_deployment(tmp_path, xai)
        try:
            deployment.manage("migrate", "--noinput")
            killed = deployment.start_worker()
            request_id = submitted_clip(deployment)
            other = deployment.start_worker()  # started after the claim, so the clip is surely the killed one's
            (claim,) = deployment.query("SELECT claimed_by FROM stories_videoasset")
            killed.kill()
            killed.wait()

            wait_for(
                lambda: (
                    deployment.query("SELECT claimed_by FROM stories_videoasset WHERE status = 'generating'")
                    not in ([], [claim])
                ),
                "the other worker to take the clip back and run it",
            )
            assert "requeued 1 stuck" in other.log.read_text()  # by its sweeper, long before the deadline
            xai.videos[request_id].pending_polls = 0
            wait_for(
                lambda: deployment.query("SELECT status FROM stories_videoasset")[0][0] == "complete",
                "the clip to be finished by the other worker",
            )
            ((file, attempts, stored_id),) = deployment.query(
                "SELECT file, attempts, request_id FROM stories_videoasset"
            )
            assert xai.video_submissions == 1
            assert stored_id == request_id and attempts == 2
            assert (tmp_path / "media" / file).read_bytes()[4:8] == b"ftyp"
        finally:
            deployment.close()


def test_a_worker_stopped_with_sigterm_hands_back_its_running_clip_for_another_to_resume(tmp_path):
    with FakeXAI() as xai:
        xai.video_pending_polls = 10**6
        # No sweeper resends or takes back anything here: what the next worker runs, it was handed.
        deployment = clip_deployment(tmp_path, xai, JOB_PENDING_RESEND_AFTER="100000", JOB_LEASE="100000")
        try:
            deployment.manage("migrate", "--noinput")
            stopped = deployment.start_worker(options=["--grace", "0"])
            request_id = submitted_clip(deployment)
            stopped.send_signal(signal.SIGTERM)
            assert stopped.wait(WAIT) == 0
            assert "Handed back 1 unfinished jobs" in stopped.log.read_text()
            assert deployment.query("SELECT status, attempts FROM stories_videoasset") == [("pending", 0)]

            deployment.start_worker()
            xai.videos[request_id].pending_polls = 0
            wait_for(
                lambda: deployment.query("SELECT status FROM stories_videoasset")[0][0] == "complete",
                "the clip to be finished by the next worker",
            )
            assert xai.video_submissions == 1
            assert deployment.query("SELECT attempts, request_id FROM stories_videoasset") == [(1, request_id)]
        finally:
            deployment.close()


def test_a_worker_process_streams_a_scene_and_the_web_processes_push_it(tmp_path):
    """The drafts travel from the worker through Redis to the web process holding each socket;
    a late viewer on another web process reads the draft so far from the database."""
    from websockets.sync.client import connect

    from tests.test_live_streaming import TEXT, draft_of, plain

    with FakeOpenAI() as writer:
        writer.scene_json = {**writer.scene_json, "text": TEXT}
        writer.stream_pieces, writer.stream_pace = 16, 0.3
        deployment = Deployment(
            tmp_path,
            OPENAI_API_KEY="sk-test-openai-key",
            OPENAI_BASE_URL=writer.base_url,
            LIVE_DRAFT_INTERVAL="0.1",
        )
        (tmp_path / "other").mkdir()
        other_web = AppServer(tmp_path / "other", EMBEDDED_WORKER="false", **deployment.env)
        try:
            web = deployment.start_web()
            other_web.start()
            deployment.start_worker()
            browser = Browser(web)
            scene_id = browser.start_story(text_model="openai")
            live = f"/kids/story/scene/{scene_id}/live"

            def socket(server):
                return connect(server.url.replace("http", "ws") + live, origin=server.url, open_timeout=WAIT)

            with socket(web) as viewer:
                messages, late = [viewer.recv(timeout=WAIT)], None
                while "What happens next?" not in messages[-1]:
                    messages.append(viewer.recv(timeout=WAIT))
                    if late is None and len(list(filter(None, map(draft_of, messages)))) == 2:
                        with socket(other_web) as late_viewer:
                            late = late_viewer.recv(timeout=WAIT)

            drafts = list(filter(None, map(draft_of, messages)))
            assert len(drafts) >= 3
            assert all(len(earlier) < len(later) for earlier, later in zip(drafts, drafts[1:]))
            assert plain(TEXT) in plain(messages[-1])
            assert draft_of(late)
            assert "Embedded worker" not in web.logs()
        finally:
            if other_web.process:
                other_web.stop()
            deployment.close()
