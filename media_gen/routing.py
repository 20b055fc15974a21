"""The worker channels. `python manage.py runworker story-text story-images story-videos`."""

TEXT_CHANNEL = "story-text"
IMAGE_CHANNEL = "story-images"
VIDEO_CHANNEL = "story-videos"
GENERATION_CHANNELS = (TEXT_CHANNEL, IMAGE_CHANNEL, VIDEO_CHANNEL)


def channel_routes():
    from media_gen.consumers import JobConsumer

    return {channel: JobConsumer.as_asgi() for channel in GENERATION_CHANNELS}
