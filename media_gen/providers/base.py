"""What every provider receives and returns, and the one error type they raise.

Providers are plain Python: they never touch the database. The job runner
(media_gen.jobs) turns rows into a ModelSpec and briefs, calls a provider, and stores
what comes back.
"""

import asyncio
import base64
import json
import logging
import random
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from itertools import chain, zip_longest

import jiter
from django.conf import settings

log = logging.getLogger(__name__)

# Building an SSL context costs about 25 ms of CPU, which every provider request and poll
# would pay with a fresh HTTP client: all clients share this one instead.
TLS_CONTEXT = ssl.create_default_context()


class ProviderError(Exception):
    """A provider call failed. `permanent` says whether trying again could help.

    `message` is what the family reads (a child may be reading): plain words, no status
    codes or addresses. `detail` is the technical account for the admin and the log.
    """

    def __init__(self, message, *, permanent=False, retry_after=None, request_id="", detail=""):
        super().__init__(message)
        self.message = message
        self.detail = detail
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
            log.info("Retrying in %.1fs after: %s %s", delay, error.message, error.detail)
            await asyncio.sleep(delay)


def retry_after(headers):
    """Seconds an answer's `retry-after-ms` or `retry-after` (seconds or an HTTP date) asks
    us to wait, or None."""
    try:
        if milliseconds := headers.get("retry-after-ms"):
            return max(0.0, float(milliseconds) / 1000)
        if not (value := headers.get("retry-after")):
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


async def ask_twice(ask, read):
    """Ask for a scene; a bad answer (cut off, refused, not the JSON asked for) is asked for
    once more, and a second bad one fails for good.

    `ask()` returns (answer, usage); `read(answer, usage)` returns a SceneDraft or raises
    ProviderError. The failure is permanent so the retry policy does not ask a third time.
    """
    spent = {}
    for _ in range(2):
        answer, usage = await ask()
        spent = add_usage(spent, usage)
        try:
            return read(answer, spent)
        except ProviderError as error:
            log.info("Asking again after a bad scene: %s", error.message)
            bad = error
    raise ProviderError(
        f"{bad.message} It was asked twice; try again.", permanent=True, request_id=bad.request_id, detail=bad.detail
    )


class DraftStream:
    """A scene's JSON as it streams in, read with jiter's partial mode: the title and the
    text so far go to `on_draft(title, text, text_done)` (a coroutine function, or None) in
    whole words, the first words as soon as they come, then at most every LIVE_DRAFT_INTERVAL
    seconds; `text_done` once the text is whole and the model has moved on to the choices.
    The schema puts title and text first, so they arrive first."""

    def __init__(self, on_draft):
        self.on_draft = on_draft
        self.answer = ""
        self.has_words = False  # a draft with words went out: from then on, drafts wait their turn
        self.next_draft = 0.0

    async def start(self):
        """A new answer (a retry, a second ask) starts from nothing: the last one's draft goes,
        so two answers are never shown glued together."""
        self.answer, self.has_words = "", False
        if self.on_draft:
            await self.on_draft("", "", False)

    async def add(self, delta):
        self.answer += delta
        now = time.monotonic()
        if not (self.on_draft and delta) or (self.has_words and now < self.next_draft):
            return
        try:
            scene = jiter.from_json(self.answer.encode(), partial_mode="trailing-strings")
        except ValueError:
            return
        if not isinstance(scene, dict) or not isinstance(scene.get("text", ""), str):
            return
        last = list(scene)[-1] if scene else None  # the key being written; the strings before it are closed

        def whole_words(key):
            words = str(scene.get(key) or "")
            return words[: max(words.rfind(" "), words.rfind("\n")) + 1] if key == last else words

        title, text = whole_words("title").strip(), whole_words("text").strip()
        text_done = "text" in scene and last != "text"
        if now < self.next_draft and not text:
            return  # only the title grew: it waits its turn, the first words don't
        await self.on_draft(title, text, text_done)
        self.has_words = bool(text)
        self.next_draft = now + settings.LIVE_DRAFT_INTERVAL


def add_usage(total, usage):
    """Two usage records (token and image counts, cost ticks) added up."""
    return {key: total.get(key, 0) + usage.get(key, 0) for key in {**total, **usage}}


def image_mime(data):
    """The type of an image file from its first bytes (PNG, JPEG or WebP), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


@dataclass(frozen=True)
class ModelSpec:
    """The model a provider is asked to use, with where and how to reach it."""

    provider: str  # "openai", "xai", "gemini", "offline", "openai-compatible"
    api_model: str = ""  # the provider's model id
    display_name: str = ""
    base_url: str = ""
    api_key: str = field(default="", repr=False)
    key_name: str = ""  # where the key is set, named when it is missing or refused
    supports_input_fidelity: bool = False


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
    guidelines: str  # the tier's content rules, put into every prompt
    story_prompt: str  # what the family asked for
    scene_number: int  # 1 for the opening scene
    target_scenes: int  # roughly how long the story should run before an ending
    path: tuple[PathStep, ...] = ()
    people: tuple[Person, ...] = ()  # memory mode only
    seed: int = 0
    # What a language model is sent: the system and user messages, and the answer's JSON schema.
    system: str = ""
    user: str = ""
    schema: dict = field(default_factory=dict)


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
    hints: dict = field(default_factory=dict)  # what the offline illustrator draws, when the storyteller knows
    notice: str = ""  # something the family should know about how their idea was read


@dataclass(frozen=True)
class ImageBrief:
    """Everything an image model needs to illustrate a scene."""

    tier_slug: str
    prompt: str  # the scene's image prompt with the tier's style rules
    scene_title: str = ""
    scene_text: str = ""
    people: tuple[Person, ...] = ()  # with photos only in memory mode and when the model takes references
    seed: int = 0
    hints: dict = field(default_factory=dict)  # the scene's picture hints, when its storyteller gave them

    def photos(self, limit):
        """Up to `limit` reference photos, one of each person before a second of anyone."""
        rounds = zip_longest(*(person.photos for person in self.people))
        return [photo for photo in chain.from_iterable(rounds) if photo is not None][:limit]


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

    label = ""  # the service as people read it in messages: "OpenAI"
    key_name = ""  # where its key is set, named when the key is refused: "OPENAI_API_KEY"
    safety_system = "safety system"  # what the service calls its content filter

    def __init__(self, spec: ModelSpec):
        self.spec = spec

    def http_error(self, status, detail="", *, code="", retry_after=None, request_id=""):
        """An error answer as a ProviderError: what is worth retrying, said so a person understands.

        Transient: 408, 409, 429 and 5xx. Permanent: every other 4xx (a moderation block, a
        refused key, a retired model, an invalid request) and an account out of credit.
        The status code, and the provider's own words for an invalid or failed request, go
        into the error's detail for the admin; a refused-key answer's words are dropped, as
        they may echo part of the key. (Any configured key in them, whole or masked, is
        hidden before the error is stored or logged: Job.mark_failed, storyteller.keys.RedactKeys.)
        """
        detail = " ".join(str(detail or "").split())[:300]
        lowered = detail.lower()

        def error(message, permanent=True, words=""):
            return ProviderError(
                message,
                permanent=permanent,
                retry_after=retry_after,
                request_id=request_id,
                detail=f"HTTP {status}: {words}" if words else f"HTTP {status}",
            )

        if code == "insufficient_quota":
            return error(f"The {self.label} account is out of credit — check its plan and billing.")
        if status < 500 and (code in ("moderation_blocked", "content_policy_violation") or "safety system" in lowered):
            return self.blocked(request_id=request_id)
        if status == 429:
            return error(f"{self.label} is busy right now. Try again in a minute.", False)
        if status in (408, 409) or status >= 500:
            return error(f"{self.label} had a temporary problem. Try again in a moment.", False, detail)
        if status == 401 or code in ("invalid_api_key", "API_KEY_INVALID") or "api key" in lowered:
            return error(f"The {self.label} key was refused — check {self.key_name}.")
        if status == 404 and self.spec.api_model:
            return error(
                f"{self.label} does not know “{self.spec.api_model}”: "
                "this model was retired — pick another in the admin."
            )
        return error(f"{self.label} couldn't do this one. Try again, or pick another model.", words=detail)

    def blocked(self, reason="", *, request_id=""):
        """A moderation block: permanent, and said so that a person knows what to do next."""
        because = f" ({reason})" if reason else ""
        return ProviderError(
            f"Blocked by {self.label}'s {self.safety_system}{because} — try another choice or another model.",
            permanent=True,
            request_id=request_id,
        )

    def network_error(self, *, timed_out):
        if timed_out:
            return ProviderError(f"{self.label} took too long to answer.")
        return ProviderError(f"Could not reach {self.label}.")

    def unreadable(self, what="an answer"):
        return ProviderError(f"{self.label} sent {what} that could not be read.", permanent=True)

    def picture(self, data, *, usage=None, request_id=""):
        """An ImageResult from the bytes or base64 text (an optional `data:…;base64,` prefix
        is dropped) a service sent, checked to be a PNG, JPEG or WebP file."""
        if isinstance(data, str):
            try:
                data = base64.b64decode(data.split("base64,")[-1], validate=True)
            except ValueError:
                raise self.unreadable("a picture") from None
        if not (mime := image_mime(data)):
            raise self.unreadable("a picture")
        return ImageResult(data=data, mime=mime, usage=usage or {}, request_id=request_id)

    async def write_scene(self, brief: SceneBrief, on_draft=None) -> SceneDraft:
        """Write a scene; a streaming provider hands `on_draft(title, text, text_done)` what it has so far."""
        raise NotImplementedError(f"{type(self).__name__} does not write text")

    async def draw(self, brief: ImageBrief) -> ImageResult:
        raise NotImplementedError(f"{type(self).__name__} does not draw images")

    async def speak(self, brief: "SpeechBrief") -> "AudioResult":
        raise NotImplementedError(f"{type(self).__name__} does not speak")

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
        from media_gen.providers.downloads import download

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
        await download(poll.url, dest, max_bytes=settings.VIDEO_MAX_BYTES, what="clip")
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


@dataclass(frozen=True)
class SpeechBrief:
    """Everything a voice needs to read a scene aloud."""

    tier_slug: str
    text: str  # what is read, word for word
    voice: str  # the provider's voice name: "coral", "Kore", "en-us"
    style: str = ""  # how to read it (a warm storyteller), for voices that take directions


@dataclass
class AudioResult:
    data: bytes
    mime: str  # audio/mpeg or audio/wav
    usage: dict = field(default_factory=dict)
    request_id: str = ""


def parse_scene(content, *, usage=None, request_id=""):
    """A model's JSON answer as a SceneDraft, or a ProviderError saying what was wrong."""
    try:
        data = json.loads(content)
    except (TypeError, ValueError):
        raise ProviderError("The model's answer was not valid JSON.", request_id=request_id) from None
    if not isinstance(data, dict):
        raise ProviderError("The model's answer was not a JSON object.", request_id=request_id)
    text = data.get("text")
    choices = data.get("choices")
    is_ending = data.get("is_ending")
    if not isinstance(text, str) or not text.strip():
        raise ProviderError("The model's answer had no scene text.", request_id=request_id)
    if not isinstance(is_ending, bool):
        raise ProviderError("The model's answer did not say whether the story ends.", request_id=request_id)
    if not isinstance(choices, list) or not all(isinstance(choice, str) and choice.strip() for choice in choices):
        raise ProviderError("The model's answer had malformed choices.", request_id=request_id)
    if not is_ending and not choices:
        raise ProviderError("The model's answer had no choices for a scene that does not end.", request_id=request_id)
    return SceneDraft(
        title=str(data.get("title") or "").strip(),
        text=text.strip(),
        choices=[choice.strip() for choice in choices[:4]],
        is_ending=is_ending,
        image_prompt=str(data.get("image_prompt") or text[:500]).strip(),
        usage=usage or {},
        request_id=request_id,
    )
