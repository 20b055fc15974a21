"""Recovery: seconds from a worker's death (SIGKILL, mid-job) to its job running again.

Scale-out mode with the default clocks (JOB_LEASE, JOB_HEARTBEAT_INTERVAL,
JOB_SWEEP_INTERVAL): real PostgreSQL and Redis on 127.0.0.1, `manage.py jobworker`
processes, and the fake xAI server answering text, pictures and clips, held back so that
the killed worker is in the middle of the job. Once the job is claimed, a second worker
starts, the first is killed, and the clock runs until the second has claimed the job
again. Before leases a dead worker's job waited for JOB_GENERATING_DEADLINE (600 s) and the
next sweep (up to 30 s). Target: under 30 s.

    .venv/bin/python bench/recovery.py
"""

import time

import sandbox

WORKDIR = sandbox.setup()  # Django set up, for the test deployment's imports

from tests.fakes import FakeXAI  # noqa: E402
from tests.test_scaleout import Deployment, services_are_up, wait_for  # noqa: E402

FOREVER = 3600.0  # seconds the fake holds a request back: longer than any run here
STORY = (
    "from tests.helpers import make_story; make_story(text_model='grok', image_model='grok-imagine', video_mode=True)"
)
JOBS = (  # what is measured, the table of its row, and how the fake holds it back
    ("text", "stories_scene", {"latency": {"/v1/chat/*": FOREVER, "/v1/responses": FOREVER}}),
    ("picture", "stories_imageasset", {"latency": {"/v1/images/*": FOREVER}}),
    ("clip", "stories_videoasset", {"video_pending_polls": 10**6}),
)


def seconds_to_recover(workdir, table, hold_back):
    with FakeXAI() as xai:
        for name, value in hold_back.items():
            setattr(xai, name, value)
        # The real clocks: only the shape of the test deployment is borrowed.
        deployment = Deployment(
            workdir,
            XAI_API_KEY="xai-bench-key",
            XAI_BASE_URL=xai.base_url,
            JOB_SWEEP_INTERVAL="5",
            VIDEO_POLL_INTERVAL="5",
            LOG_LEVEL="INFO",
        )
        try:
            deployment.manage("migrate", "--noinput")
            doomed = deployment.start_worker()
            deployment.manage("shell", "-c", STORY)
            claim = f"SELECT claimed_by FROM {table} WHERE status = 'generating'"
            try:
                (first,) = wait_for(lambda: deployment.query(claim), f"the {table} job to start", timeout=120)
                deployment.start_worker()
                assert doomed.poll() is None, "the worker died before it was killed"
            except AssertionError:
                print(doomed.log.read_text()[-3000:])
                raise
            doomed.kill()
            killed_at = time.monotonic()
            wait_for(lambda: deployment.query(claim) not in ([], [first]), "the job to run again", timeout=300)
            return time.monotonic() - killed_at
        finally:
            deployment.close()


def main():
    if not services_are_up():
        raise SystemExit("Redis and PostgreSQL must run on 127.0.0.1")
    for kind, table, hold_back in JOBS:
        (WORKDIR / kind).mkdir()
        seconds = seconds_to_recover(WORKDIR / kind, table, hold_back)
        print(f"{kind:8} killed mid-job, running again after {seconds:5.1f} s", flush=True)


if __name__ == "__main__":
    main()
