"""Books: peak RSS growth while the EPUB and the PDF of a story of 10, 50, 100 and 200
scenes are written, each scene with its own 1024 x 1024 picture from the offline illustrator.

Each figure is the highest of RUNS fresh processes (RSS counts qpdf's C++ memory, which
tracemalloc cannot see; the allocator's fragmentation moves it by a few MB from run to
run): each makes the story, writes a one-scene book to load fonts and libraries, then
resets the peak (VmHWM) and writes the book. "Before" is the PDF laid out as one fpdf2
document, as it was until the book was laid out in parts of PAGES_PER_PART pages joined
by qpdf. Linux only (/proc).

    .venv/bin/python bench/books.py
"""

import json
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sandbox

SCENE_COUNTS = (10, 50, 100, 200)
RUNS = 3
ONE_DOCUMENT = 10**9  # PAGES_PER_PART that puts every page in one fpdf2 document
PLACES = ("forest", "castle", "beach", "space", "city", "farm", "mountain", "underwater", "desert", "village")
SCENE_TEXT = (
    "The fox walked on through the tall grass, past the old mill and the sleeping cows, "
    "until the path turned towards the river. “Do you hear that?” whispered the owl. "
    "Somewhere ahead, a little bell was ringing, softly, as if it did not want to wake anyone. "
) * 3


def status_kb(field):
    line = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith(field))
    return int(line.split()[1])


def draw_pictures(media_root, count):
    """`count` different scenes drawn by the offline illustrator, as the image job stores them."""
    from media_gen.providers.base import ImageBrief
    from media_gen.providers.offline import illustrator

    folder = Path(media_root) / "kids" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        place = PLACES[number % len(PLACES)]
        brief = ImageBrief(
            tier_slug="kids", prompt=f"A fox in the {place}", scene_title=f"Scene {number + 1}", seed=number
        )
        (folder / f"scene-{number}.png").write_bytes(illustrator.draw_scene(brief))


def add_story(count):
    """A story of `count` chosen scenes in a row, each with a finished picture drawn earlier."""
    from django.utils import timezone

    from stories.models import ImageAsset, ImageModel, Scene, Story, TextModel

    image_model = ImageModel.objects.get(key="offline")
    story = Story.objects.create(
        tier="kids",
        prompt="A fox's long walk",
        title=f"The fox's walk of {count} scenes",
        text_model=TextModel.objects.get(key="offline"),
        image_model=image_model,
    )
    now, previous = timezone.now(), None
    for number in range(count):
        previous = Scene.objects.create(
            story=story,
            number=number + 1,
            previous=previous,
            choice_id="1" if previous else "",
            chosen_at=now + timedelta(seconds=number),
            status="complete",
            title=f"Scene {number + 1}",
            text=SCENE_TEXT,
            choices=[{"id": "1", "text": "Go on"}] if number < count - 1 else [],
            is_ending=number == count - 1,
            image_prompt="A fox",
        )
        ImageAsset.objects.create(
            scene=previous, tier="kids", model=image_model, status="complete", file=f"kids/images/scene-{number}.png"
        )
    return story


def measure(media_root, extension, count, pages_per_part):
    """In this (fresh) process: (peak RSS growth in MB, the book's size in bytes, seconds)."""
    sandbox.setup(MEDIA_ROOT=media_root)
    from gallery import books

    if pages_per_part:
        books.PAGES_PER_PART = pages_per_part
    write = books.write_epub if extension == "epub" else books.write_pdf
    warm_up, story = add_story(1), add_story(count)
    with tempfile.TemporaryFile() as book:
        write(warm_up, warm_up.path_to(), book)
    scenes = story.path_to()
    with tempfile.TemporaryFile() as book:
        Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS
        before, started = status_kb("VmRSS"), time.perf_counter()
        write(story, scenes, book)
        seconds, peak = time.perf_counter() - started, status_kb("VmHWM")
        size = book.tell()
    return (peak - before) / 1024, size, seconds


def measured(media_root, extension, count, pages_per_part=0):
    """(the highest peak RSS growth of RUNS fresh processes, the book's size, the fastest seconds)."""
    runs = []
    for _ in range(RUNS):
        output = subprocess.run(
            [sys.executable, __file__, "measure", media_root, extension, str(count), str(pages_per_part)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(json.loads(output.splitlines()[-1]))
    return max(growth for growth, _, _ in runs), runs[0][1], min(seconds for _, _, seconds in runs)


def main():
    workdir = sandbox.setup()
    media_root = str(workdir / "media")
    draw_pictures(media_root, max(SCENE_COUNTS))
    rows = [
        ("EPUB", "epub", 0),
        ("PDF before (one fpdf2 document)", "pdf", ONE_DOCUMENT),
        ("PDF after (parts joined by qpdf)", "pdf", 0),
    ]
    figures = {}
    print(f"Books: peak RSS growth while writing the book (1024 x 1024 pictures, highest of {RUNS} processes)")
    for label, extension, pages_per_part in rows:
        figures[label] = [measured(media_root, extension, count, pages_per_part) for count in SCENE_COUNTS]
        print(f"  {label}")
        smallest = figures[label][0][0]
        for count, (growth, size, seconds) in zip(SCENE_COUNTS, figures[label], strict=True):
            print(
                f"    {count:3} scenes: {growth:5.1f} MB (x{growth / smallest:.2f} of {SCENE_COUNTS[0]} scenes), "
                f"{size / 2**20:.1f} MB book, {seconds:.1f} s"
            )
    before, after = figures[rows[1][0]], figures[rows[2][0]]
    print("  PDF after/before")
    for count, (old, old_size, old_seconds), (new, new_size, new_seconds) in zip(
        SCENE_COUNTS, before, after, strict=True
    ):
        print(
            f"    {count:3} scenes: memory x{new / old:.2f}, time x{new_seconds / old_seconds:.2f}, "
            f"book +{(new_size - old_size) / 1024:.0f} KB (a font subset per part)"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["measure"]:
        media_root, extension, count, pages_per_part = sys.argv[2:]
        print(json.dumps(measure(media_root, extension, int(count), int(pages_per_part))))
    else:
        main()
