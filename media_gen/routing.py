"""The worker's channels (each job class names its own: `Scene.channel` is "story-text"),
and the scene page's WebSocket."""

from django.urls import path

from stories.models import JOB_CLASSES

GENERATION_CHANNELS = tuple(job_class.channel for job_class in JOB_CLASSES)


def channel_routes():
    from media_gen.consumers import JobConsumer

    return {channel: JobConsumer.as_asgi() for channel in GENERATION_CHANNELS}


def websocket_routes():
    from media_gen.live import SceneLive

    return [path("<str:tier>/story/scene/<uuid:scene_id>/live", SceneLive.as_asgi())]
