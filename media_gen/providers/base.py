"""What every provider receives and returns, and the one error type they raise.

Providers never touch the database: the job runner (media_gen.jobs) turns rows into
briefs, calls a provider, and stores what comes back.
"""

import asyncio
import logging
import random
import time
from dataclasses import dataclass, field

from django.conf import settings

log = logging.getLogger(__name__)


class ProviderError(Exception):
    """A provider call failed. `permanent` says whether trying again could help."""

    def __init__(self, message, *, permanent=False, retry_after=None, request_id=""):
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after  # seconds the provider asked us to wait, if any
        self.request_id = request_id


async def with_retries(call, *args):
    """The one retry policy for every provider call.

    Transient errors (429, 5xx, timeouts, dropped connections) are retried with
    exponential backoff and full jitter, waiting at least what Retry-After asked for;
    permanent errors are raised at once. SDK-internal retries are off, so this is the
    only place that decides.
    """
    for attempt in range(settings.PROVIDER_RETRIES + 1):
        try:
            return await call(*args)
        except ProviderError as error:
            too_long = (error.retry_after or 0) > settings.PROVIDER_RETRY_MAX_DELAY
            if error.permanent or too_long or attempt == settings.PROVIDER_RETRIES:
                raise
            backoff = min(settings.PROVIDER_RETRY_MAX_DELAY, settings.PROVIDER_RETRY_BASE_DELAY * 2**attempt)
            delay = max(error.retry_after or 0, random.uniform(backoff / 2, backoff))
            log.info("Retrying in %.1fs after: %s", delay, error.message)
            await asyncio.sleep(delay)


@dataclass(frozen=True)
class Photo:
    filename: str
    data: bytes
    mime: str  # image/png, image/jpeg or image/webp


@dataclass(frozen=True)
class Person:
    name: str
    relation: str = ""  # how they relate to the reader: "my sister", "our dog"
    description: str = ""  # a short visual description
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class PathStep:
    """A scene already told, and the choice the reader took from it."""

    text: str
    choice: str


@dataclass(frozen=True)
class SceneBrief:
    """Everything a text model needs to write the next scene."""

    tier_slug: str
    tier_title: str
    guidelines: str  # the tier's content rules, put into every prompt
    story_prompt: str  # what the family asked for
    scene_number: int  # 1 for the opening scene
    target_scenes: int  # roughly how long the story should run before an ending
    path: tuple[PathStep, ...] = ()
    people: tuple[Person, ...] = ()  # memory mode only
    seed: int = 0


@dataclass
class SceneDraft:
    """A written scene, as a text model returned it."""

    title: str
    text: str
    choices: list[str]
    is_ending: bool
    image_prompt: str  # a description of the illustration for this scene
    usage: dict = field(default_factory=dict)
    request_id: str = ""


@dataclass(frozen=True)
class ImageBrief:
    """Everything an image model needs to illustrate a scene."""

    tier_slug: str
    prompt: str  # the scene's image prompt with the tier's style rules
    scene_title: str = ""
    scene_text: str = ""
    people: tuple[Person, ...] = ()  # with photos only in memory mode and when the model takes references
    seed: int = 0


@dataclass
class ImageResult:
    data: bytes
    mime: str
    usage: dict = field(default_factory=dict)
    request_id: str = ""


class Provider:
    """One outside service (or the offline one) for one model row.

    Subclasses implement the capabilities they have and raise ProviderError, with
    `permanent=True` for anything that retrying cannot fix.
    """

    def __init__(self, model=None):
        self.model = model

    async def write_scene(self, brief: SceneBrief) -> SceneDraft:
        raise NotImplementedError(f"{type(self).__name__} does not write text")

    async def draw(self, brief: ImageBrief) -> ImageResult:
        raise NotImplementedError(f"{type(self).__name__} does not draw images")

    async def submit_video(self, brief: "VideoBrief") -> str:
        """Start a clip; returns the provider's request id, to be stored before polling."""
        raise NotImplementedError(f"{type(self).__name__} does not make videos")

    async def poll_video(self, request_id: str) -> "VideoPoll":
        raise NotImplementedError(f"{type(self).__name__} does not make videos")

    async def render_video(self, brief: "VideoBrief", dest, *, request_id="", on_submitted=None) -> dict:
        """Make the clip and write the MP4 into the binary file `dest`; returns usage.

        A hosted provider submits once, hands the request id to `on_submitted` (so it is
        stored before any waiting), polls until done and downloads the result. Given a
        `request_id`, it resumes polling that request instead of paying for a new one.
        """
        from media_gen.downloads import download

        if not request_id:
            request_id = await with_retries(self.submit_video, brief)
            await on_submitted(request_id)
        deadline = time.monotonic() + settings.VIDEO_TIMEOUT
        while True:
            poll = await with_retries(self.poll_video, request_id)
            if poll.status == "done":
                break
            if poll.status != "pending":
                raise ProviderError(poll.error or f"The clip {poll.status}.", permanent=True, request_id=request_id)
            if time.monotonic() > deadline:
                raise ProviderError("The clip took too long to make and was given up.", permanent=True)
            await asyncio.sleep(settings.VIDEO_POLL_INTERVAL)
        await download(poll.url, dest, max_bytes=settings.VIDEO_MAX_BYTES)
        return poll.usage


@dataclass(frozen=True)
class VideoBrief:
    """Everything a video model needs to animate a scene."""

    tier_slug: str
    prompt: str  # what happens in the scene, with the tier's rules
    image: bytes | None = None  # the scene picture (image-to-video); None for text-to-video
    image_mime: str = "image/png"
    duration: int = 8
    aspect_ratio: str = "1:1"
    resolution: str = "720p"


@dataclass
class VideoPoll:
    """Where a submitted clip stands."""

    status: str  # "pending", "done", "failed" or "expired"
    url: str = ""  # where to download it from, when done
    error: str = ""
    usage: dict = field(default_factory=dict)
