"""Concurrency: 1, 10 and 100 clips at once in one worker process.

Each clip is made by the fake xAI server (in its own process) with a fixed generation
delay, polled at the default VIDEO_POLL_INTERVAL (5 s): submitted, polled until done,
downloaded and stored, as in production. If the worker runs clips side by side, 100 take
about as long as 1 (target: ratio ≤ 1.2). The worker's CPU time per clip is the cost that
does not overlap, whatever the delay.

    .venv/bin/python bench/concurrency.py
"""

import asyncio
import time

import sandbox

PENDING_POLLS = 2  # the clip is done at the third poll: a generation delay of 2 × VIDEO_POLL_INTERVAL
ROUNDS = (1, 10, 100)


async def make_clips(count, layer, picture):
    """Queue `count` clips at once; (wall seconds until the last is stored, worker CPU seconds)."""
    from asgiref.sync import sync_to_async
    from django.db.models import Max
    from django.utils import timezone

    from stories.models import VideoAsset

    @sync_to_async
    def queue_clips():
        scenes = sandbox.add_stories(count, video_mode=True, picture=picture)
        return VideoAsset.objects.bulk_create(VideoAsset(scene=scene, tier="kids", provider="xai") for scene in scenes)

    clips = VideoAsset.objects.filter(pk__in=[clip.pk for clip in await queue_clips()])
    cpu, sent = time.process_time(), timezone.now()
    async for clip in clips:
        await layer.send(VideoAsset.channel, {"type": "job.run", "id": str(clip.pk)})
    while await clips.exclude(status__in=("complete", "failed")).aexists():
        await asyncio.sleep(0.25)  # seldom: the jobs share the database thread with this
    cpu = time.process_time() - cpu
    assert not await clips.filter(status="failed").aexists(), "some clips failed"
    last = (await clips.aaggregate(last=Max("finished_at")))["last"]
    return (last - sent).total_seconds(), cpu


async def run_rounds(picture):
    from channels.layers import get_channel_layer
    from channels.routing import ChannelNameRouter
    from channels.worker import Worker

    from media_gen.routing import channel_routes
    from stories.models import VideoAsset

    layer = get_channel_layer()
    worker = asyncio.ensure_future(Worker(ChannelNameRouter(channel_routes()), [VideoAsset.channel], layer).arun())
    await make_clips(1, layer, picture)  # warm up: imports, first connections
    results = {count: await make_clips(count, layer, picture) for count in ROUNDS}
    worker.cancel()
    return results


def main():
    with sandbox.fake_xai(video_pending_polls=PENDING_POLLS, video_empty_202=False) as base_url:
        sandbox.setup(XAI_API_KEY="bench", XAI_BASE_URL=base_url, JOB_CONCURRENCY="100")
        from django.conf import settings

        from media_gen.providers.base import ImageBrief
        from media_gen.providers.offline.illustrator import draw_scene

        picture = draw_scene(ImageBrief(tier_slug="kids", prompt="A castle on a hill"))  # image-to-video, as in use
        results = asyncio.run(run_rounds(picture))
    delay = PENDING_POLLS * settings.VIDEO_POLL_INTERVAL
    print(f"Concurrency: clips at once in one worker process (JOB_CONCURRENCY=100, {delay:g} s generation delay)")
    for count, (wall, _) in results.items():
        print(f"  {count:>3} clips: {wall:6.2f} s wall")
    print(f"  ratio 100 clips / 1 clip: {results[100][0] / results[1][0]:.2f} (target ≤ 1.2)")
    print(f"  worker CPU per clip, 100 at once: {results[100][1] * 10:.0f} ms")


if __name__ == "__main__":
    main()
