"""The offline provider: a procedural storyteller, a Pillow illustrator and a pan-and-zoom
animator. No network and no key: it makes the app usable (and testable) anywhere."""

import asyncio

from media_gen.providers.base import ImageResult, Provider
from media_gen.providers.offline import illustrator, storyteller


class OfflineProvider(Provider):
    async def write_scene(self, brief):
        return storyteller.write_scene(brief)

    async def draw(self, brief):
        # Drawing is CPU work: keep it off the event loop so other jobs keep moving.
        png = await asyncio.to_thread(illustrator.draw_scene, brief)
        return ImageResult(data=png, mime="image/png", usage={"images": 1})
