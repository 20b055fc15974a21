"""Google Gemini: pictures (generate_content with the IMAGE modality), scenes (a JSON
response schema) and speech (the AUDIO modality), through the google-genai SDK."""

import asyncio
import json
import re
import wave
from contextlib import contextmanager

import httpx2  # the transport google-genai uses; its errors pass through unwrapped
from django.conf import settings
from google import genai
from google.genai import errors, types

from media_gen.providers.audio import pcm_to_mp3, wav_to_pcm
from media_gen.providers.base import (
    TLS_CONTEXT,
    AudioResult,
    DraftStream,
    Provider,
    ProviderError,
    ask_twice,
    parse_scene,
)

MAX_REFERENCES = 14  # reference images Gemini image models take alongside the prompt
PCM_RATE = 24_000  # Gemini speech is 16-bit mono PCM at 24 kHz unless its mime type says otherwise
BLOCKING = ("SAFETY", "PROHIBITED", "BLOCKLIST", "SPII")  # in block and finish reasons that mean "refused"


class GeminiProvider(Provider):
    label = "Gemini"
    key_name = "GEMINI_API_KEY"

    def client(self):
        key = self.spec.api_key
        if not key:
            raise ProviderError(f"No Gemini key is set — add {self.key_name}.", permanent=True)
        # The SDK retries nothing unless asked (retry_options): with_retries stays the only loop.
        options = types.HttpOptions(
            base_url=self.spec.base_url,
            timeout=int(settings.PROVIDER_TIMEOUT * 1000),
            client_args={"verify": TLS_CONTEXT},
            async_client_args={"verify": TLS_CONTEXT},
        )
        return genai.Client(api_key=key, http_options=options).aio

    @contextmanager
    def sdk_errors(self):
        """Turn what google-genai raises into ProviderErrors."""
        try:
            yield
        except errors.APIError as error:
            details = error.details.get("error", {}).get("details", []) if isinstance(error.details, dict) else []
            reasons = {detail.get("reason") for detail in details}
            delays = [detail["retryDelay"] for detail in details if "retryDelay" in detail]
            raise self.http_error(
                error.code,
                error.message,
                code="API_KEY_INVALID" if "API_KEY_INVALID" in reasons else error.status or "",
                retry_after=float(delays[0].removesuffix("s")) if delays else None,  # RetryInfo: "47s"
            ) from error
        except httpx2.TimeoutException as error:
            raise self.network_error(timed_out=True) from error
        except httpx2.TransportError as error:
            raise self.network_error(timed_out=False) from error
        except json.JSONDecodeError as error:
            raise self.unreadable() from error

    async def write_scene(self, brief, on_draft=None):
        config = types.GenerateContentConfig(
            system_instruction=brief.system, response_mime_type="application/json", response_json_schema=brief.schema
        )
        drafts = DraftStream(on_draft)
        async with self.client() as client:

            async def ask():
                await drafts.start()
                last = None
                with self.sdk_errors():
                    async for chunk in await client.models.generate_content_stream(
                        model=self.spec.api_model, contents=brief.user, config=config
                    ):
                        last = chunk
                        await drafts.add(chunk.text or "")
                if last is None or (last.candidates and last.candidates[0].finish_reason is None):
                    # A stream cut on the way ends with no error and no finish reason: ask again.
                    raise ProviderError("Gemini stopped answering half-way.")
                # The last chunk says how it finished; the text is every chunk's joined.
                return (last, drafts.answer), usage_of(last)

            return await ask_twice(ask, self.read_scene)

    def read_scene(self, answer, usage):
        last, text = answer
        request_id = last.response_id or ""
        if not last.candidates:
            reason = last.prompt_feedback.block_reason if last.prompt_feedback else None
            raise ProviderError(f"Gemini refused to write this scene ({name(reason)}).", request_id=request_id)
        finish = name(last.candidates[0].finish_reason)
        if finish == "MAX_TOKENS":
            raise ProviderError("The model's answer was cut off before the end.", request_id=request_id)
        if any(word in finish for word in BLOCKING):
            raise ProviderError(f"Gemini refused to write this scene ({finish}).", request_id=request_id)
        return parse_scene(text, usage=usage, request_id=request_id)

    async def draw(self, brief):
        # Reference photos go first, as inline image parts, then the prompt.
        photos = brief.photos(MAX_REFERENCES)
        contents = [types.Part.from_bytes(data=photo.data, mime_type=photo.mime) for photo in photos]
        config = types.GenerateContentConfig(
            response_modalities=["IMAGE"], image_config=types.ImageConfig(aspect_ratio="1:1")
        )
        async with self.client() as client:
            with self.sdk_errors():
                response = await client.models.generate_content(
                    model=self.spec.api_model, contents=[*contents, brief.prompt], config=config
                )
        request_id = response.response_id or ""
        candidate, parts = self.first_candidate(response)
        for part in parts:
            if part.inline_data and part.inline_data.data and not part.thought:  # thought parts are drafts
                usage = {"images": 1, **usage_of(response)}
                return self.picture(part.inline_data.data, usage=usage, request_id=request_id)
        finish = name(candidate.finish_reason)
        if any(word in finish for word in BLOCKING):
            raise self.blocked(finish, request_id=request_id)
        said = " ".join(part.text for part in parts if part.text and not part.thought)[:200]
        raise ProviderError(
            f"Gemini answered without a picture ({finish}){': ' + said if said else '.'}",
            permanent=True,
            request_id=request_id,
        )

    def first_candidate(self, response):
        """The answer's first candidate and its parts; an answer without one was blocked."""
        if not response.candidates:
            reason = response.prompt_feedback.block_reason if response.prompt_feedback else None
            raise self.blocked(name(reason), request_id=response.response_id or "")
        candidate = response.candidates[0]
        return candidate, candidate.content.parts if candidate.content and candidate.content.parts else []

    async def speak(self, brief):
        # Gemini reads the text word for word: how to read it goes in the part's speech metadata.
        part = types.Part(text=brief.text, speech_metadata=types.SpeechMetadata(style=brief.style or None))
        config = types.GenerateContentConfig(
            response_modalities=["AUDIO"],
            speech_config=types.SpeechConfig(
                voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=brief.voice))
            ),
        )
        async with self.client() as client:
            with self.sdk_errors():
                response = await client.models.generate_content(
                    model=self.spec.api_model, contents=[types.Content(role="user", parts=[part])], config=config
                )
        request_id = response.response_id or ""
        candidate, parts = self.first_candidate(response)
        audio = next((part.inline_data for part in parts if part.inline_data and part.inline_data.data), None)
        if audio is None:
            finish = name(candidate.finish_reason)
            if any(word in finish for word in BLOCKING):
                raise self.blocked(finish, request_id=request_id)
            raise ProviderError(f"Gemini answered without speech ({finish}).", permanent=True, request_id=request_id)
        pcm, rate = self.samples(audio.data, audio.mime_type or "")
        mp3 = await asyncio.to_thread(pcm_to_mp3, pcm, rate)
        return AudioResult(data=mp3, mime="audio/mpeg", usage=usage_of(response), request_id=request_id)

    def samples(self, data, mime):
        """Raw PCM (`audio/L16;codec=pcm;rate=24000`) or a WAV file, as (samples, rate)."""
        if data[:4] == b"RIFF":
            try:
                return wav_to_pcm(data)
            except (wave.Error, EOFError):
                raise self.unreadable("speech") from None
        if not mime.lower().startswith(("audio/l16", "audio/pcm")) or len(data) < 2:
            raise self.unreadable("speech")
        rate = re.search(r"rate=(\d+)", mime)
        return data, int(rate.group(1)) if rate else PCM_RATE


def name(reason):
    """An SDK enum (or None) as its plain name: FinishReason.IMAGE_SAFETY → "IMAGE_SAFETY"."""
    return getattr(reason, "name", None) or str(reason or "no reason given")


def usage_of(response):
    metadata = response.usage_metadata
    if metadata is None:
        return {}
    found = {
        "input_tokens": metadata.prompt_token_count,
        "output_tokens": metadata.candidates_token_count,
        "total_tokens": metadata.total_token_count,
    }
    return {key: value for key, value in found.items() if isinstance(value, int)}
