"""Memory: peak RSS growth of the worker while it downloads and stores a 200 MB clip.

The clip job runs in this process against the fake xAI server (in its own process), which
streams a 200 MB MP4. The clip is streamed to a temporary file and moved into the media
folder, so memory should stay flat (target: growth < 20 MB). Linux only (/proc).

    .venv/bin/python bench/memory.py
"""

import time
from pathlib import Path

import sandbox

CLIP_BYTES = 200 * 1024 * 1024


def status_kb(field):
    line = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith(field))
    return int(line.split()[1])


def make_clip():
    """Run one clip job; (peak RSS growth in MB, seconds)."""
    from asgiref.sync import async_to_sync

    from media_gen import jobs
    from stories.models import VideoAsset

    (scene,) = sandbox.add_stories(1, video_mode=True)
    clip = VideoAsset.objects.create(scene=scene, tier="kids", provider="xai")
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS
    before, started = status_kb("VmRSS"), time.perf_counter()
    async_to_sync(jobs.run_video)(clip.pk)
    seconds, peak = time.perf_counter() - started, status_kb("VmHWM")
    clip.refresh_from_db()
    assert clip.status == "complete" and clip.file.size == CLIP_BYTES, clip.error
    clip.delete_file()
    return (peak - before) / 1024, seconds


def main():
    with sandbox.fake_xai(video_pending_polls=0, video_size=CLIP_BYTES) as base_url:
        sandbox.setup(XAI_API_KEY="bench", XAI_BASE_URL=base_url, VIDEO_POLL_INTERVAL="0.1")
        make_clip()  # warm up: imports, first connections
        growth, seconds = make_clip()
    print("Memory: one 200 MB clip downloaded and stored by the clip job")
    print(f"  peak RSS growth {growth:.1f} MB (target < 20 MB), {CLIP_BYTES / 2**20 / seconds:.0f} MB/s")


if __name__ == "__main__":
    main()
