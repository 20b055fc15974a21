import asyncio

from channels.consumer import AsyncConsumer
from django.conf import settings

from media_gen import jobs
from stories.models import AudioAsset, ImageAsset, Scene, VideoAsset

JOBS = {
    Scene.channel: jobs.run_text,
    ImageAsset.channel: jobs.run_image,
    VideoAsset.channel: jobs.run_video,
    AudioAsset.channel: jobs.run_audio,
}


class JobConsumer(AsyncConsumer):
    """Runs each job it is sent as its own task, so one process works on many at once.

    (A Channels consumer handles its messages one after another; waiting here would make
    a slow clip hold up every other job on the channel.)
    """

    running: set[asyncio.Task] = set()
    slots: asyncio.Semaphore | None = None

    async def job_run(self, message):
        run = JOBS[self.scope["channel"]]
        task = asyncio.ensure_future(self._bounded(run(message["id"])))
        self.running.add(task)  # keep a reference until done, or the task may vanish
        task.add_done_callback(self.running.discard)

    @classmethod
    async def _bounded(cls, job):
        if cls.slots is None:
            cls.slots = asyncio.Semaphore(settings.JOB_CONCURRENCY)
        async with cls.slots:
            await job
