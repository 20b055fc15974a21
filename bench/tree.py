"""Story trees: how soon a choice answers, and what the map and the reader cost.

1. Choose-to-text: daphne with the embedded worker and a fake OpenAI text model (in its
   own process) that takes 8 s per scene. The time from the choose POST to the moment the
   scene JSON says the text is complete, with writing ahead (the tier default) and without
   (KIDS_WRITE_AHEAD=false). Target: p50 ≤ 300 ms with it.
2. The map and the reader of stories of 20 and 200 scenes: database queries (target: the
   same at both sizes) and the median time of a request, in-process.

    .venv/bin/python bench/tree.py
"""

import sqlite3
import statistics
import time

import httpx
import sandbox

TEXT_SECONDS = 8
STORIES = 5  # each gives one sample without writing ahead, and one per choice with it
WAIT = 120


def wait_for(condition, what):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.02)
    raise RuntimeError(f"timed out waiting for {what}")


def post(client, url, **data):
    return client.post(url, data=data, headers={"X-CSRFToken": client.cookies["csrftoken"]})


def start_story(client, number):
    client.get("/kids/").raise_for_status()  # the CSRF cookie
    response = post(
        client,
        "/kids/story/start",
        prompt=f"A lighthouse keeper's {number}th night",
        text_model="openai",
        image_model="offline",
    )
    return response.headers["location"]


def scene_json(client, url):
    return client.get(url, headers={"Accept": "application/json"}).json()


def choose_to_text(client, scene, choice_id):
    """Milliseconds from the choose POST to a complete text on the scene it leads to.

    Then waits for that scene's picture, as a family reads the scene before choosing
    again, so one sample's drawing does not slow the next.
    """
    started = time.perf_counter()
    response = post(client, f"/kids/story/choose/{scene['id']}/{choice_id}")
    location = response.headers["location"]
    wait_for(lambda: scene_json(client, location)["status"] == "complete", "the chosen scene's text")
    elapsed = (time.perf_counter() - started) * 1000
    wait_for(lambda: scene_json(client, location)["image"]["status"] == "complete", "the chosen scene's picture")
    return elapsed


def texts_written_ahead(database, scenes):
    """How many scenes behind the choices of `scenes` have their text (read from the app's database)."""
    parents = [scene["id"].replace("-", "") for scene in scenes]
    with sqlite3.connect(database) as connection:
        return connection.execute(
            f"SELECT count(*) FROM stories_scene WHERE status = 'complete' AND previous_id IN ({','.join('?' * len(parents))})",
            parents,
        ).fetchone()[0]


def openings(client, count):
    urls = [start_story(client, number) for number in range(count)]
    return [
        wait_for(lambda url=url: (data := scene_json(client, url))["status"] == "complete" and data, "an opening")
        for url in urls
    ]


def measure_choosing(workdir, base_url, write_ahead):
    """Choose-to-text samples from an app with or without writing ahead."""
    from tests.appserver import AppServer

    database = workdir / f"write-ahead-{write_ahead}.sqlite3"
    server = AppServer(
        workdir,
        DATABASE_URL=f"sqlite:///{database}",
        OPENAI_API_KEY="bench",
        OPENAI_BASE_URL=base_url,
        KIDS_WRITE_AHEAD=str(write_ahead).lower(),
    ).start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            scenes = openings(client, STORIES)
            if not write_ahead:
                return [choose_to_text(client, scene, scene["choices"][0]["id"]) for scene in scenes]
            # Give the scenes behind every choice their 8 s, as a family reading the scene would.
            total = sum(len(scene["choices"]) for scene in scenes)
            wait_for(lambda: texts_written_ahead(database, scenes) == total, "the texts written ahead")
            return [choose_to_text(client, scene, choice["id"]) for scene in scenes for choice in scene["choices"]]
    finally:
        server.stop()


def measure_pages():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from stories.models import ImageModel, Story, TextModel
    from storyteller.tiers import get_tier
    from tests.helpers import grow_tree

    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for size in (20, 200):
        story, opening = Story.start(
            get_tier("kids"),
            prompt="A maze",
            text_model=TextModel.objects.get(key="offline"),
            image_model=ImageModel.objects.get(key="offline"),
        )
        scenes = grow_tree(opening, size)
        for page, url in (
            ("map", f"/kids/gallery/{story.pk}/map"),
            ("reader", f"/kids/gallery/{story.pk}/?scene={scenes[-1].pk}"),
        ):
            client.get(url)  # warm up
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            queries = len(captured)  # now: the next request empties the log it reads from
            assert response.status_code == 200
            timings = []
            for _ in range(7):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            rows.append((size, page, queries, statistics.median(timings), len(response.content) / 1024))
    return rows


def main():
    latency = {"/v1/chat/completions": TEXT_SECONDS, "/v1/responses": TEXT_SECONDS}
    with sandbox.fake_server("FakeOpenAI", latency=latency) as base_url:
        workdir = sandbox.setup()
        choosing = {
            label: measure_choosing(workdir, base_url, write_ahead)
            for label, write_ahead in (("with writing ahead", True), ("without", False))
        }
    print(
        f"Choose-to-text: daphne with the embedded worker, a fake text model taking {TEXT_SECONDS} s a scene "
        "(target: p50 ≤ 300 ms with writing ahead)"
    )
    for label, samples in choosing.items():
        print(
            f"  {label:<20} {len(samples):>2} chooses: p50 {statistics.median(samples):7.0f} ms   "
            f"max {max(samples):7.0f} ms"
        )
    print("Map and reader (in-process, median of 7; target: the same queries at both sizes)")
    for size, page, queries, median, kilobytes in measure_pages():
        print(f"  {size:>3} scenes, {page:<6}: {queries} queries, {median:6.1f} ms, {kilobytes:4.0f} KB")


if __name__ == "__main__":
    main()
