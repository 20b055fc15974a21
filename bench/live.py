"""Live scenes: pushed over the scene page's socket against today's polling, in one run.

One process as `make run` serves it (daphne with the embedded worker); the fake OpenAI
server draws and writes in a process of its own.

- Swap-in delay: from a picture's job finished in the database (its `finished_at`) to the
  fragment at the client, pushed over a socket vs polled every 2 s (p50, p99).
- Choosing to first words on the next scene's page, with a model that starts streaming
  500 ms after the request: the title's and the text's first words over the socket, beside
  the model's own pace read straight from it, vs the finished text by polling.
- Requests per open tab per minute while a scene is being made.
- One process holding 500 open sockets while 20 scenes stream: push delay p50/p99 and memory.

    .venv/bin/python bench/live.py
"""

import asyncio
import random
import re
import statistics
import time
from datetime import timedelta

import httpx
import sandbox
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidHandshake

PICTURES = 200  # swap-in samples: half watched by a socket, half by a poller
CHOICES = 11  # choose-to-first-words samples, the first to warm up
SOCKETS, STREAMS = 500, 20
POLL_EVERY = 2.0  # seconds, as the page's hx-trigger
FUTURE = timedelta(days=1)  # jobs queued "tomorrow" wait until the bench releases them
# The scene being written, showing its title's first words, or its text's.
TITLE_DRAFT = re.compile(r'id="scene-text" aria-busy="true"[^>]*>\s*<h1>[^<\s]')
TEXT_DRAFT = re.compile(r'id="scene-text" aria-busy="true"[^>]*>\s*(?:<h1>[^<]*</h1>)?\s*<p>[^<\s]')


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def socket_url(server, scene_id):
    return server.url.replace("http", "ws") + f"/kids/story/scene/{scene_id}/live"


def release(model, ids):
    """Make jobs look lost, so the embedded sweeper (every second) sends them."""
    from django.utils import timezone

    model.objects.filter(pk__in=ids).update(queued_at=timezone.now() - timedelta(hours=1))


HANDSHAKES = asyncio.Semaphore(20)  # opened at once, as tabs do, not all in one burst


async def open_socket(server, scene_id):
    """The scene's socket; a handshake the busy server let time out is tried again, as the
    page's ws extension does."""
    while True:
        async with HANDSHAKES:
            try:
                return await connect(socket_url(server, scene_id), origin=server.url, open_timeout=30)
            except (OSError, TimeoutError, InvalidHandshake):
                await asyncio.sleep(random.uniform(0.5, 1.5))


async def arrivals(server, scene_id, wanted, opened=None):
    """time.time() when a message first matches each of `wanted` (name → test) on the scene's socket."""
    seen = {}
    async with await open_socket(server, scene_id) as socket:
        if opened:
            opened.set()
        async for message in socket:
            seen.update((name, time.time()) for name, test in wanted.items() if name not in seen and test(message))
            if len(seen) == len(wanted):
                return seen


async def poll(client, url, wanted, first_wait):
    """(time.time() when a poll answers with `wanted`, requests made, seconds polled)."""
    started = time.time()
    await asyncio.sleep(first_wait)
    requests = 0
    while True:
        tick = time.monotonic()
        response = await client.get(url, headers={"HX-Request": "true"})
        requests += 1
        if wanted(response.text):
            return time.time(), requests, time.time() - started
        await asyncio.sleep(max(0.0, POLL_EVERY - (time.monotonic() - tick)))


async def swap_in(server, scenes):
    """Per picture: (delay pushed, delay polled) in ms, and the pollers' requests per minute.

    Half the pictures are watched by sockets only, then the other half by pollers only, as
    the page does one or the other."""
    from asgiref.sync import sync_to_async

    from stories.models import ImageAsset

    images = {scene.pk: scene.image.pk for scene in scenes}
    watched, polled_scenes = scenes[: len(scenes) // 2], scenes[len(scenes) // 2 :]

    async def finish_one_by_one(batch):
        for scene in random.sample(batch, len(batch)):  # finishing at scattered moments
            await sync_to_async(release)(ImageAsset, [images[scene.pk]])
            await asyncio.sleep(0.2)

    opened = [asyncio.Event() for _ in watched]
    pushed = [
        asyncio.create_task(arrivals(server, scene.pk, {"picture": lambda m: "<img" in m}, event))
        for scene, event in zip(watched, opened)
    ]
    for event in opened:
        await event.wait()
    await finish_one_by_one(watched)
    pushed = await asyncio.gather(*pushed)

    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        polled = [
            asyncio.create_task(
                poll(client, f"/kids/story/image/{scene.pk}", lambda t: "<img" in t, random.uniform(0, POLL_EVERY))
            )
            for scene in polled_scenes
        ]
        await finish_one_by_one(polled_scenes)
        polled = await asyncio.gather(*polled)

    finished = await sync_to_async(lambda: dict(ImageAsset.objects.values_list("pk", "finished_at")))()
    push_ms = [(at["picture"] - finished[images[scene.pk]].timestamp()) * 1000 for at, scene in zip(pushed, watched)]
    poll_ms = [(at - finished[images[scene.pk]].timestamp()) * 1000 for (at, _, _), scene in zip(polled, polled_scenes)]
    per_minute = sum(n for _, n, _ in polled) / sum(seconds for _, _, seconds in polled) * 60
    return push_ms, poll_ms, per_minute


async def choose_to_first_words(server, scenes):
    """Per choice: ms from the POST to the title's and the text's first words over the socket,
    and to the whole text by polling. The first choice only warms up: a process's first job
    loads the model's SDK."""
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        await client.get(f"/kids/story/scene/{scenes[0].pk}")
        client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
        title, text, polled = [], [], []
        for scene in scenes:
            started = time.time()
            response = await client.post(f"/kids/story/choose/{scene.pk}/1")
            next_id = re.search(r"/story/scene/([0-9a-f-]{36})", response.headers["location"]).group(1)
            words = {"title": TITLE_DRAFT.search, "text": TEXT_DRAFT.search}
            pushed = asyncio.create_task(arrivals(server, next_id, words))
            # Today's page polls its text 2 s after loading, then every 2 s, until it is written.
            written = asyncio.create_task(
                poll(
                    client,
                    f"/kids/story/scene/{next_id}",
                    lambda t: "What happens next?" in t or "The End" in t,
                    POLL_EVERY,
                )
            )
            pushed, (written, _, _) = await pushed, await written
            title.append((pushed["title"] - started) * 1000)
            text.append((pushed["text"] - started) * 1000)
            polled.append((written - started) * 1000)
    return title[1:], text[1:], polled[1:]


async def the_model_alone(spec, scene_briefs):
    """ms from asking the model to its title's and its text's first words, read in this
    process by the provider's own draft reader: the floor under the page's first words."""
    from media_gen.providers import get_provider

    floors = {"title": [], "text": []}
    for brief in scene_briefs:
        seen, started = {}, time.time()

        async def on_draft(title, text, text_done, seen=seen, started=started):
            for part, words in (("title", title), ("text", text)):
                if words:
                    seen.setdefault(part, (time.time() - started) * 1000)

        await get_provider(spec).write_scene(brief, on_draft)
        for part in floors:
            floors[part].append(seen[part])
    return {part: statistics.median(times) for part, times in floors.items()}


async def many_sockets(server, scenes):
    """500 sockets on 20 scenes being written: ms from each scene finished to its final
    fragment at each socket, drafts per socket, and the server's memory (MB) as it went."""
    from asgiref.sync import sync_to_async

    from stories.models import Scene

    memory = {"before": rss_mb(server.process.pid)}
    opened = [asyncio.Event() for _ in range(SOCKETS)]
    counts = [0] * SOCKETS

    async def watch(number, scene):
        async with await open_socket(server, scene.pk) as socket:
            opened[number].set()
            async for message in socket:
                counts[number] += 1
                if "What happens next?" in message or "The End" in message:
                    return scene.pk, time.time()

    watchers = [asyncio.create_task(watch(n, scenes[n % len(scenes)])) for n in range(SOCKETS)]
    for event in opened:
        await event.wait()
    memory["500 sockets open"] = rss_mb(server.process.pid)
    await sync_to_async(release)(Scene, [scene.pk for scene in scenes])
    peak = memory["500 sockets open"]
    while not all(watcher.done() for watcher in watchers):
        peak = max(peak, rss_mb(server.process.pid))
        await asyncio.sleep(0.2)
    memory["peak while 20 stream"] = peak
    arrived = [watcher.result() for watcher in watchers]
    finished = await sync_to_async(lambda: dict(Scene.objects.values_list("pk", "finished_at")))()
    delays = [(at - finished[pk].timestamp()) * 1000 for pk, at in arrived]
    return delays, sum(counts) / SOCKETS, memory


async def measure_all(server, waiting, chosen, streams, floor_inputs):
    return (
        await the_model_alone(*floor_inputs),
        await swap_in(server, waiting),
        await choose_to_first_words(server, chosen),
        await many_sockets(server, streams),
    )


def line(samples):
    p50, p99 = sandbox.percentile(samples, 0.5), sandbox.percentile(samples, 0.99)
    return f"p50 {p50:7.0f} ms  p99 {p99:7.0f} ms"


def main():
    fake = {"stream_pieces": 30, "stream_pace": 0.1, "latency": {"/v1/chat/completions": 0.5}}
    with sandbox.fake_server("FakeOpenAI", **fake) as base_url:
        env = {
            "OPENAI_API_KEY": "bench",
            "OPENAI_BASE_URL": base_url,
            "JOB_SWEEP_INTERVAL": "1",
            "JOB_PENDING_RESEND_AFTER": "0",
        }
        workdir = sandbox.setup(**env)
        from django.utils import timezone

        from media_gen import briefs
        from stories.models import ImageAsset, ImageModel, Scene, Story, TextModel
        from storyteller.tiers import get_tier
        from tests.appserver import AppServer

        painter, writer = ImageModel.objects.get(key="gpt-image-1-mini"), TextModel.objects.get(key="openai")
        tomorrow = timezone.now() + FUTURE
        waiting = sandbox.add_stories(PICTURES)
        ImageAsset.objects.filter(scene__in=waiting).update(
            status="pending", file="", model=painter, queued_at=tomorrow, finished_at=None
        )
        chosen = sandbox.add_stories(CHOICES)
        Story.objects.filter(scenes__in=chosen).update(text_model=writer, image_model=painter)
        streams = [
            Story.start(get_tier("kids"), prompt=f"Stream {n}", text_model=writer, image_model=painter)[1]
            for n in range(STREAMS)
        ]
        Scene.objects.filter(pk__in=[scene.pk for scene in streams]).update(queued_at=tomorrow)
        waiting = list(Scene.objects.filter(pk__in=[s.pk for s in waiting]).select_related("image"))
        floor_inputs = (briefs.model_spec(writer), [briefs.scene_brief(scene) for scene in chosen[:3]])

        server = AppServer(workdir, DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}", **env).start()
        try:
            floor, (push_ms, poll_ms, polls_per_minute), (title, text, written), (crowd_ms, per_socket, memory) = (
                asyncio.run(measure_all(server, waiting, chosen, streams, floor_inputs))
            )
        finally:
            server.stop()

    print("Live scenes: push over the scene page's socket vs polling every 2 s (one daphne process, embedded worker)")
    print(
        f"  swap-in delay, job finished → fragment at the client ({PICTURES // 2} pictures each; "
        "target push p99 ≤ 100 ms)"
    )
    print(f"    push      {line(push_ms)}")
    print(f"    polling   {line(poll_ms)}")
    ratio = sandbox.percentile(poll_ms, 0.5) / max(1.0, sandbox.percentile(push_ms, 0.5))
    print(f"    polling's p50 is {ratio:.0f}× push's")
    print(
        f"  choose → first words on the next page ({CHOICES - 1} choices after one to warm up; the model starts "
        "streaming 500 ms after the request; target ≤ 800 ms)"
    )
    print(f"    push, the title's first words    {line(title)}   (the model alone: {floor['title']:.0f} ms)")
    print(f"    push, the text's first words     {line(text)}   (the model alone: {floor['text']:.0f} ms)")
    print(f"    polling, the whole text          {line(written)}")
    parts = 3  # text, picture and clip each poll while unfinished
    print("  requests per open tab per minute while a scene is made")
    print(f"    polling   {polls_per_minute * parts:5.0f} ({polls_per_minute:.0f} per unfinished part, {parts} parts)")
    print("    push          0 (one socket, opened with the page)")
    print(f"  {SOCKETS} sockets on {STREAMS} scenes being streamed, one process")
    print(f"    final fragment pushed      {line(crowd_ms)}   ({per_socket:.1f} messages per socket)")
    print("    memory (RSS)               " + ", ".join(f"{k} {v:.0f} MB" for k, v in memory.items()))
    print(
        f"    polling instead: {SOCKETS} tabs × {polls_per_minute * parts / 60:.1f} requests/s = "
        f"{SOCKETS * polls_per_minute * parts / 60:.0f} requests/s"
    )


if __name__ == "__main__":
    main()
