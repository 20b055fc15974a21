"""Gallery: the story list with 10, 100 and 1,000 stories of five scenes each.

Counts the database queries of the first and the last page (target: the same whatever
the number of stories) and times them in-process with Django's test client (median of
several requests).

    .venv/bin/python bench/gallery.py
"""

import statistics
import time

import sandbox

SIZES = (10, 100, 1000)
SCENES = 5


def add_stories(count):
    from stories.models import Scene

    openings = sandbox.add_stories(count)
    Scene.objects.bulk_create(
        Scene(story_id=opening.story_id, number=number, status="complete", text="And then…")
        for opening in openings
        for number in range(2, SCENES + 1)
    )


def main():
    sandbox.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gallery.views import STORIES_PER_PAGE

    client = Client(HTTP_HOST="127.0.0.1")
    print(
        f"Gallery: /kids/gallery/ with stories of {SCENES} scenes, {STORIES_PER_PAGE} a page (in-process, median of 7)"
    )
    total = 0
    for size in SIZES:
        add_stories(size - total)
        total = size
        last = -(-size // STORIES_PER_PAGE)
        for page in sorted({1, last}):
            cards = min(STORIES_PER_PAGE, size - (page - 1) * STORIES_PER_PAGE)
            url = f"/kids/gallery/?page={page}"
            client.get(url)  # warm up
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            queries = len(captured)  # now: the next request empties the log it reads from
            assert response.status_code == 200 and response.content.count(b"story-card-link") == cards
            timings = []
            for _ in range(7):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            print(
                f"  {size:>5} stories, page {page:>2}: {queries} queries, {statistics.median(timings):6.1f} ms, "
                f"{len(response.content) / 1024:4.0f} KB"
            )


if __name__ == "__main__":
    main()
