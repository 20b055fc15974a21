"""The worker's channels: each job class names its own (`Scene.channel` is "story-text")."""

from stories.models import JOB_CLASSES

GENERATION_CHANNELS = tuple(job_class.channel for job_class in JOB_CLASSES)


def channel_routes():
    from media_gen.consumers import JobConsumer

    return {channel: JobConsumer.as_asgi() for channel in GENERATION_CHANNELS}
