"""Latency: the scene page and the status fragment while 50 clips are being made.

One process, as `make run` serves it: daphne with the worker inside, 50 clip jobs polling
the fake xAI server (in its own process) at the default VIDEO_POLL_INTERVAL, and
requests for a scene whose clip is still coming. Also counts the database queries of a
status poll (target: p99 ≤ 50 ms, at most 2 queries per poll).

    .venv/bin/python bench/latency.py
"""

import time
from datetime import timedelta

import httpx
import sandbox

JOBS = 50
REQUESTS = 300  # of each page


def measure(client, url, headers=None):
    """Milliseconds for each of REQUESTS sequential GETs (after a few to warm up)."""
    for _ in range(10):
        client.get(url, headers=headers).raise_for_status()
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url, headers=headers).raise_for_status()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def queries_per_request(url, **headers):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", **headers)
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def main():
    with sandbox.fake_xai(video_pending_polls=100_000, video_empty_202=False) as base_url:
        env = {
            "XAI_API_KEY": "bench",
            "XAI_BASE_URL": base_url,
            "JOB_SWEEP_INTERVAL": "1",
            "JOB_PENDING_RESEND_AFTER": "3600",
        }
        workdir = sandbox.setup(**env)
        from django.utils import timezone

        from media_gen.providers.base import ImageBrief
        from media_gen.providers.offline.illustrator import draw_scene
        from stories.models import VideoAsset
        from tests.appserver import AppServer

        picture = draw_scene(ImageBrief(tier_slug="kids", prompt="A castle on a hill"))
        scenes = sandbox.add_stories(JOBS, video_mode=True, picture=picture)
        clips = VideoAsset.objects.bulk_create(VideoAsset(scene=scene, tier="kids", provider="xai") for scene in scenes)
        scene_url = f"/kids/story/scene/{scenes[0].pk}"
        status_url = f"/kids/story/video/{scenes[0].pk}"
        fragment = {"HX-Request": "true"}

        server = AppServer(workdir, DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}", **env).start()
        try:
            with httpx.Client(base_url=server.url, timeout=30) as client:
                idle = measure(client, scene_url), measure(client, status_url, fragment)
                # The clips' messages are "lost": the embedded sweeper sends all 50 within a second.
                VideoAsset.objects.update(queued_at=timezone.now() - timedelta(hours=2))
                while VideoAsset.objects.filter(status="generating").count() < JOBS:
                    time.sleep(0.1)
                busy = measure(client, scene_url), measure(client, status_url, fragment)
                still_running = VideoAsset.objects.filter(status="generating").count()
        finally:
            server.stop()
        assert still_running == len(clips), "the clips did not keep running while measuring"

    print(f"Latency: daphne with the embedded worker, {REQUESTS} sequential requests each (target: status p99 ≤ 50 ms)")
    for label, timings in (("idle", idle), (f"{JOBS} clips running", busy)):
        print(f"  {label}:")
        for page, samples in zip(("scene page", "status fragment"), timings):
            p50, p99 = sandbox.percentile(samples, 0.5), sandbox.percentile(samples, 0.99)
            print(f"    {page:<16} p50 {p50:5.1f} ms   p99 {p99:5.1f} ms")
    counts = {
        "video status fragment": queries_per_request(status_url, HTTP_HX_REQUEST="true"),
        "image status fragment": queries_per_request(status_url.replace("/video/", "/image/"), HTTP_HX_REQUEST="true"),
        "status JSON": queries_per_request(status_url),
        "scene page": queries_per_request(scene_url),
    }
    print("  queries per request (target: ≤ 2 per status poll): " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
