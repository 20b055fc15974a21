"""OpenAI (GPT Image models, chat models) and any OpenAI-compatible text server, through the
`openai` SDK. xAI's provider builds on the same chat code (media_gen.providers.xai)."""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field

import openai
from django.conf import settings

from media_gen.providers.audio import audio_mime
from media_gen.providers.base import (
    TLS_CONTEXT,
    AudioResult,
    DraftStream,
    Provider,
    ProviderError,
    ask_twice,
    parse_scene,
    retry_after,
)

MAX_REFERENCES = 16  # images.edit takes up to 16 input images


class ChatProvider(Provider):
    """Writes scenes through chat completions with a strict JSON schema."""

    label = "OpenAI"
    key_name = "OPENAI_API_KEY"

    @property
    def api_key(self):
        return self.spec.api_key

    def check_key(self):
        if not self.api_key:
            raise ProviderError(f"No {self.label} key is set — add {self.key_name}.", permanent=True)

    def client(self):
        self.check_key()
        # max_retries=0: with_retries is the only retry loop.
        return openai.AsyncOpenAI(
            base_url=self.spec.base_url,
            api_key=self.api_key,
            max_retries=0,
            timeout=settings.PROVIDER_TIMEOUT,
            http_client=openai.DefaultAsyncHttpxClient(verify=TLS_CONTEXT),
        )

    @contextmanager
    def sdk_errors(self):
        """Turn what the openai SDK raises into ProviderErrors."""
        try:
            yield
        except openai.APIStatusError as error:
            body = error.body
            # OpenAI nests {"message", "code"}; xAI may answer {"code": "<a phrase>", "error": "<message>"}.
            detail = body.get("message", "") if isinstance(body, dict) else body
            raise self.http_error(
                error.status_code,
                detail,
                code=error.code or "",
                retry_after=retry_after(error.response.headers),
                request_id=error.request_id or "",
            ) from error
        except openai.APITimeoutError as error:
            raise self.network_error(timed_out=True) from error
        except openai.APIConnectionError as error:
            raise self.network_error(timed_out=False) from error
        except (openai.APIResponseValidationError, json.JSONDecodeError) as error:
            # The SDK does not wrap a 200 answer whose JSON is broken.
            raise self.unreadable() from error
        except openai.APIError as error:
            # An error event in the middle of a stream: the service broke off, like a 5xx.
            raise ProviderError(f"{self.label} broke off its answer: {error.message}"[:300]) from error

    async def write_scene(self, brief, on_draft=None):
        messages = [{"role": "system", "content": brief.system}, {"role": "user", "content": brief.user}]
        response_format = {
            "type": "json_schema",
            "json_schema": {"name": "scene", "strict": True, "schema": brief.schema},
        }
        drafts = DraftStream(on_draft)
        async with self.client() as client:

            async def ask():
                await drafts.start()
                with self.sdk_errors():
                    stream = await client.chat.completions.create(
                        model=self.spec.api_model,
                        messages=messages,
                        response_format=response_format,
                        stream=True,
                        stream_options={"include_usage": True},
                    )
                    answer = StreamedChat(request_id=stream.response.headers.get("x-request-id", ""))
                    async with stream:
                        async for chunk in stream:
                            await drafts.add(answer.add(chunk))
                if answer.finish_reason is None:
                    # The stream ended without saying why: cut off on the way, worth asking again.
                    raise ProviderError(f"{self.label} stopped answering half-way.", request_id=answer.request_id)
                return answer, answer.usage

            return await ask_twice(ask, self.read_scene)

    def read_scene(self, answer, usage):
        request_id = answer.request_id
        if answer.refusal:
            raise ProviderError(f"The model refused to write this scene: {answer.refusal}", request_id=request_id)
        if answer.finish_reason == "length":
            raise ProviderError("The model's answer was cut off before the end.", request_id=request_id)
        if answer.finish_reason == "content_filter":
            raise ProviderError(f"The scene was stopped by {self.label}'s content filter.", request_id=request_id)
        return parse_scene(answer.content, usage=usage, request_id=request_id)


@dataclass
class StreamedChat:
    """A chat completion put together from its streamed chunks."""

    request_id: str
    content: str = ""
    refusal: str = ""
    finish_reason: str | None = None
    usage: dict = field(default_factory=dict)

    def add(self, chunk):
        """Take in one chunk; returns the piece of content it brought."""
        self.request_id = self.request_id or chunk.id or ""
        if chunk.usage:  # the last chunk, asked for with include_usage
            self.usage = usage_of(chunk.usage, prompt="prompt_tokens", output="completion_tokens")
        if not chunk.choices:
            return ""
        choice = chunk.choices[0]
        self.finish_reason = choice.finish_reason or self.finish_reason
        self.refusal += choice.delta.refusal or ""
        self.content += choice.delta.content or ""
        return choice.delta.content or ""


class OpenAIProvider(ChatProvider):
    """GPT Image models draw; chat models write."""

    async def draw(self, brief):
        photos = brief.photos(MAX_REFERENCES)
        common = {"model": self.spec.api_model, "prompt": brief.prompt, "size": "1024x1024"}
        # GPT image models always answer base64 and reject `response_format`: never send it.
        async with self.client() as client:
            with self.sdk_errors():
                if photos:
                    response = await client.images.edit(
                        image=[(photo.filename, photo.data, photo.mime) for photo in photos],
                        input_fidelity="high" if self.spec.supports_input_fidelity else openai.omit,
                        **common,
                    )
                else:
                    response = await client.images.generate(**common)
        request_id = response._request_id or ""
        if not response.data or not response.data[0].b64_json:
            raise self.unreadable("an answer without a picture")
        usage = {"images": 1, **usage_of(response.usage, prompt="input_tokens", output="output_tokens")}
        return self.picture(response.data[0].b64_json, usage=usage, request_id=request_id)

    async def speak(self, brief):
        # `instructions` sets the delivery (gpt-4o-mini-tts; the older tts-1 models ignore it).
        async with self.client() as client:
            with self.sdk_errors():
                response = await client.audio.speech.create(
                    model=self.spec.api_model,
                    voice=brief.voice,
                    input=brief.text,
                    instructions=brief.style or openai.omit,
                    response_format="mp3",
                )
        data = response.content
        if not (mime := audio_mime(data)):
            raise self.unreadable("speech")
        return AudioResult(
            data=data,
            mime=mime,
            usage={"characters": len(brief.text)},
            request_id=response.response.headers.get("x-request-id", ""),
        )


class OpenAICompatibleProvider(ChatProvider):
    """A text model on any OpenAI-compatible server (Ollama, LocalAI, vLLM…): the base URL
    and the name of its key variable are set on the model row in the admin."""

    @property
    def label(self):
        return self.spec.display_name

    @property
    def key_name(self):
        return self.spec.key_name or "a key variable on the model in the admin"

    @property
    def api_key(self):
        # Local servers often need no key, but the SDK insists on one (and would
        # otherwise fall back to OPENAI_API_KEY, sending OpenAI's key elsewhere).
        return self.spec.api_key or "unused"


def usage_of(usage, *, prompt, output):
    """Token counts (and xAI's cost in 1e-10 USD ticks, when given) as a flat dict."""
    if usage is None:
        return {}
    found = {
        "input_tokens": getattr(usage, prompt, None),
        "output_tokens": getattr(usage, output, None),
        "total_tokens": usage.total_tokens,
        "cost_in_usd_ticks": (usage.model_extra or {}).get("cost_in_usd_ticks"),
    }
    return {key: value for key, value in found.items() if isinstance(value, int)}
