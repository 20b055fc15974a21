"""The offline provider: a procedural storyteller, a Pillow illustrator, a pan-and-zoom
animator and an eSpeak NG narrator. No network and no key: it makes the app usable (and
testable) anywhere."""

import asyncio

from media_gen.providers.audio import pcm_to_mp3
from media_gen.providers.base import AudioResult, ImageBrief, ImageResult, Provider, ProviderError
from media_gen.providers.offline import animator, illustrator, narrator, storyteller

ANIMATION_SECONDS = 4.0


class OfflineProvider(Provider):
    async def write_scene(self, brief, on_draft=None):
        return storyteller.write_scene(brief)

    async def draw(self, brief):
        # Drawing and encoding are CPU work: keep them off the event loop so other jobs keep moving.
        png = await asyncio.to_thread(illustrator.draw_scene, brief)
        return ImageResult(data=png, mime="image/png", usage={"images": 1})

    async def speak(self, brief):
        return await asyncio.to_thread(self._speak, brief)

    @staticmethod
    def _speak(brief):
        try:
            pcm, rate = narrator.speak(brief.text, brief.voice)
        except narrator.NarratorError as error:
            raise ProviderError(str(error), permanent=True) from None
        if not pcm:
            raise ProviderError("The offline narrator found nothing to read.", permanent=True)
        return AudioResult(data=pcm_to_mp3(pcm, rate), mime="audio/mpeg", usage={"characters": len(brief.text)})

    async def render_video(self, brief, dest, *, request_id="", on_submitted=None):
        await asyncio.to_thread(self._animate, brief, dest)
        return {"videos": 1, "seconds": ANIMATION_SECONDS}

    @staticmethod
    def _animate(brief, dest):
        # Text-to-video when the scene has no picture: draw one first, then animate it.
        image = brief.image or illustrator.draw_scene(ImageBrief(tier_slug=brief.tier_slug, prompt=brief.prompt))
        animator.animate(image, dest, seconds=ANIMATION_SECONDS)
