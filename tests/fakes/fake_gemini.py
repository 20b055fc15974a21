"""Fake Google Gemini API (generativelanguage): `generateContent` for images, JSON text and
speech (the AUDIO modality of the TTS models).

    with FakeGemini() as fake:
        client = genai.Client(api_key="test", http_options=types.HttpOptions(base_url=fake.base_url))
"""

from __future__ import annotations

import base64
import copy
import fnmatch
import json
import uuid

from .media import SPEECH_RATE, make_image, sniff_image, speech_file
from .schema import conform, normalize
from .server import CUT_OFF, FakeServer, Mode, Recorded, Response, sse
from .textgen import DEFAULT_SCENE

IMAGE_MODELS = {"gemini-3.1-flash-image", "gemini-3-pro-image", "gemini-3.1-flash-lite-image", "gemini-nano-banana-2.1"}
RETIRED_MODELS = {
    "gemini-2.5-flash-image",
    "gemini-2.5-flash-image-*",
    "gemini-2.0-flash-preview-image-generation",
    "*-preview",
    "*-preview-*",
}
# 1K output sizes per aspect ratio (2K = x2, 4K = x4)
SIZES_1K = {
    "1:1": (1024, 1024),
    "2:3": (848, 1264),
    "3:2": (1264, 848),
    "3:4": (896, 1200),
    "4:3": (1200, 896),
    "4:5": (928, 1152),
    "5:4": (1152, 928),
    "9:16": (768, 1376),
    "16:9": (1376, 768),
    "21:9": (1584, 672),
}
IMAGE_SIZES = {"1K": 1, "2K": 2, "4K": 4}
INPUT_MIMES = {"image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"}
MODALITIES = {"TEXT", "IMAGE", "AUDIO"}
MIME_TYPES = {"text/plain", "application/json", "text/x.enum"}

_OTHER_PART_FIELDS = {
    "fileData",
    "file_data",
    "functionCall",
    "function_call",
    "functionResponse",
    "function_response",
    "executableCode",
    "executable_code",
    "codeExecutionResult",
    "code_execution_result",
    "thoughtSignature",
    "thought_signature",
}
TOP_LEVEL = {
    "contents",
    "systemInstruction",
    "system_instruction",
    "generationConfig",
    "generation_config",
    "safetySettings",
    "safety_settings",
    "tools",
    "toolConfig",
    "tool_config",
    "cachedContent",
    "cached_content",
    "labels",
    "model",
}

_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    499: "CANCELLED",
    500: "INTERNAL",
    501: "NOT_IMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
_MESSAGES = {
    500: "An internal error has occurred. Please retry or report in "
    "https://developers.generativeai.google/guide/troubleshooting",
    503: "The model is overloaded. Please try again later.",
    504: "Deadline expired before operation could complete.",
}


def _get(d: dict, *names, default=None):
    """First present key among camelCase / snake_case spellings."""
    for n in names:
        if isinstance(d, dict) and n in d:
            return d[n]
    return default


class FakeGemini(FakeServer):
    api_prefix = ""
    GENERATE = "*:generateContent|*:streamGenerateContent"

    def __init__(self, *, latency: float | dict = 0.0, api_key: str | None = None):
        #: the JSON object answered for responseMimeType application/json (fitted to the schema)
        self.scene_json = copy.deepcopy(DEFAULT_SCENE)
        #: answer for plain-text requests
        self.plain_text = "Once upon a time, a small fox found a glowing door in an old oak tree."
        #: models answering 404 NOT_FOUND (names or globs)
        self.retired_models = set(RETIRED_MODELS)
        #: prepend a `thought: true` text part and a thought image (clients must skip them)
        self.thought_parts = False
        #: how TTS models answer: "pcm" (audio/L16 raw samples, 2.5/3.1 previews) or "wav" (3.8's unary default)
        self.speech_format = "pcm"

        #: how many chunks a streamed text answer comes in
        self.stream_pieces = 4
        super().__init__(latency=latency, api_key=api_key)

    def _setup_routes(self):
        self.route(
            "POST",
            r"/(?P<version>v1|v1beta|v1alpha)/models/(?P<model>[^/:]+)"
            r":(?P<method>generateContent|streamGenerateContent)",
            self._generate,
        )

    @staticmethod
    def route_for(model: str | None = None) -> str:
        """Script route for generateContent calls (of one model, or all)."""
        if model is None:
            return FakeGemini.GENERATE
        model = model.removeprefix("models/")
        return f"/*/models/{model}:generateContent|/*/models/{model}:streamGenerateContent"

    # ------------------------------------------------------------ protocol

    def error_body(self, status, message=None, *, code=None, type=None, param=None, details=None):
        return {
            "error": {
                "code": status,
                "message": message or _MESSAGES.get(status, f"HTTP {status}"),
                "status": type or _STATUS.get(status, "UNKNOWN"),
                **({"details": details} if details else {}),
            }
        }

    def not_found(self, req):
        return Response(
            404, body=b"<!DOCTYPE html><title>Error 404 (Not Found)!!1</title>", content_type="text/html; charset=UTF-8"
        )

    def check_auth(self, req: Recorded):
        key = req.headers.get("x-goog-api-key") or (req.query.get("key") or [None])[0]
        if not key or (self.api_key is not None and key != self.api_key):
            return self.error(
                400,
                "API key not valid. Please pass a valid API key.",
                details=[
                    {
                        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                        "reason": "API_KEY_INVALID",
                        "domain": "googleapis.com",
                        "metadata": {"service": "generativelanguage.googleapis.com"},
                    },
                    {
                        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
                        "locale": "en-US",
                        "message": "API key not valid. Please pass a valid API key.",
                    },
                ],
            )
        return None

    # ------------------------------------------------------------ scripting

    def fail_next(
        self,
        route: str | None = None,
        status: int = 500,
        *,
        model: str | None = None,
        json=None,
        body=None,
        headers=None,
        message: str | None = None,
        code=None,
        type: str | None = None,
        details=None,
        delay: float = 0.0,
        should_retry=None,
        times: int = 1,
    ):
        """Error in Google's envelope `{"error": {code, message, status, details}}`
        (`type` overrides the status name)."""
        if json is None and body is None:
            json = self.error_body(status, message, type=type, details=details)
        return super().fail_next(
            route or self.route_for(model),
            status,
            json=json,
            body=body,
            headers=headers,
            delay=delay,
            should_retry=should_retry,
            times=times,
        )

    def rate_limit_next(self, *, model: str | None = None, retry_delay: str = "47s", times: int = 1):
        """429 RESOURCE_EXHAUSTED with QuotaFailure, Help and RetryInfo(retryDelay) details."""
        return self.fail_next(
            status=429,
            model=model,
            times=times,
            message=(
                "You exceeded your current quota, please check your plan and billing details. For more information "
                "on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. "
                f"Please retry in {retry_delay}."
            ),
            details=[
                {
                    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [
                        {
                            "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                            "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                            "quotaDimensions": {"location": "global", "model": model or "gemini-3.1-flash-image"},
                            "quotaValue": "10",
                        }
                    ],
                },
                {
                    "@type": "type.googleapis.com/google.rpc.Help",
                    "links": [
                        {
                            "description": "Learn more about Gemini API quotas",
                            "url": "https://ai.google.dev/gemini-api/docs/rate-limits",
                        }
                    ],
                },
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retry_delay},
            ],
        )

    def server_error_next(self, status: int = 500, *, model: str | None = None, times: int = 1):
        """500 INTERNAL / 503 UNAVAILABLE ("The model is overloaded")."""
        return self.fail_next(status=status, model=model, times=times)

    def slow_next(self, delay: float, *, model: str | None = None, times: int = 1):
        return super().slow_next(self.route_for(model), delay, times=times)

    def malformed_next(
        self, *, model: str | None = None, body: bytes = b'{"candidates": [{"content": ', times: int = 1
    ):
        return super().malformed_next(self.route_for(model), body=body, times=times)

    def block_prompt_next(self, reason: str = "SAFETY", *, model: str | None = None, times: int = 1):
        """200 with no candidates and `promptFeedback.blockReason` (SAFETY, OTHER, PROHIBITED_CONTENT...)."""
        return self.script(self.route_for(model), Mode("block_prompt", {"reason": reason}), times=times)

    def image_safety_next(self, finish_reason: str = "IMAGE_SAFETY", *, model: str | None = None, times: int = 1):
        """200 with one candidate without content and `finishReason` IMAGE_SAFETY (or
        IMAGE_PROHIBITED_CONTENT, IMAGE_OTHER, NO_IMAGE, IMAGE_RECITATION, SAFETY...)."""
        return self.script(self.route_for(model), Mode("finish_only", {"finish_reason": finish_reason}), times=times)

    def text_only_next(
        self,
        text: str = "I'm unable to create that image, but here is a description instead.",
        *,
        model: str | None = None,
        times: int = 1,
    ):
        """200 STOP whose only part is text (no image) although an image was asked for."""
        return self.script(self.route_for(model), Mode("text", {"content": text}), times=times)

    def next_text(
        self, content: str | dict | list, *, finish_reason: str = "STOP", model: str | None = None, times: int = 1
    ):
        """Next answer is this text part (dict/list JSON-encoded, not fitted to the schema)."""
        if not isinstance(content, str):
            content = json.dumps(content, ensure_ascii=False)
        return self.script(
            self.route_for(model), Mode("text", {"content": content, "finish_reason": finish_reason}), times=times
        )

    def truncate_next(self, *, model: str | None = None, times: int = 1):
        """Next text answer is cut in half with finishReason MAX_TOKENS."""
        return self.script(
            self.route_for(model), Mode("text", {"truncate": True, "finish_reason": "MAX_TOKENS"}), times=times
        )

    def cut_off_next(self, *, model: str | None = None, times: int = 1):
        """Next streamed text answer breaks half-way: the connection drops before any finishReason."""
        return self.script(self.route_for(model), Mode("text", {"cut_off": True}), times=times)

    def invalid_json_next(
        self, content: str = 'Sure! {"title": "Oops", "text": ', *, model: str | None = None, times: int = 1
    ):
        return self.next_text(content, model=model, times=times)

    # ------------------------------------------------------------ handler

    def _bad(self, message: str, status: int = 400):
        return self.error(status, message)

    def _is_retired(self, model: str) -> bool:
        return any(fnmatch.fnmatchcase(model, pat) for pat in self.retired_models)

    def _generate(self, req: Recorded, version: str, model: str, method: str):
        if not isinstance(req.json, dict):
            return self._bad("Invalid JSON payload received. Expected an object.")
        body = req.json
        for key in body:
            if key not in TOP_LEVEL:
                return self._bad(f'Invalid JSON payload received. Unknown name "{key}": Cannot find field.')
        if self._is_retired(model) or not model.startswith("gemini-"):
            return self._bad(
                f"models/{model} is not found for API version {version}, or is not supported for "
                f"{method}. Call ListModels to see the list of available models and their supported "
                "methods.",
                404,
            )
        contents = body.get("contents")
        if not isinstance(contents, list) or not contents:
            return self._bad("* GenerateContentRequest.contents: contents is not specified\n")
        texts, input_images = [], []
        for ci, content in enumerate(contents):
            if not isinstance(content, dict):
                return self._bad(f"Invalid value at 'contents[{ci}]': expected an object.")
            if content.get("role", "user") not in ("user", "model"):
                return self._bad(f"Please use a valid role: user, model. Got '{content.get('role')}'.")
            parts = content.get("parts")
            if not isinstance(parts, list) or not parts:
                return self._bad(f"* GenerateContentRequest.contents[{ci}].parts: contents.parts must not be empty.\n")
            for pi, part in enumerate(parts):
                where = f"contents[{ci}].parts[{pi}]"
                inline = _get(part, "inlineData", "inline_data")
                if isinstance(part.get("text"), str):
                    if content.get("role", "user") == "user":
                        texts.append(part["text"])
                elif inline is not None:
                    mime = _get(inline, "mimeType", "mime_type")
                    data = inline.get("data") if isinstance(inline, dict) else None
                    if not mime or not isinstance(data, str):
                        return self._bad(
                            f"* GenerateContentRequest.{where}.inline_data: mime_type and data are required\n"
                        )
                    try:  # proto3 JSON bytes: standard or URL-safe base64, padding optional
                        std = data.replace("-", "+").replace("_", "/")
                        raw = base64.b64decode(std + "=" * (-len(std) % 4), validate=True)
                    except ValueError:
                        return self._bad(
                            f"Invalid value at '{where}.inline_data.data' (TYPE_BYTES), Base64 decoding failed"
                        )
                    if mime.startswith("image/"):
                        if mime not in INPUT_MIMES or sniff_image(raw) is None:
                            return self._bad(
                                "Unable to process input image. Please retry or report in "
                                "https://developers.generativeai.google/guide/troubleshooting"
                            )
                        input_images.append(raw)
                elif not any(k in part for k in _OTHER_PART_FIELDS):
                    return self._bad(
                        f"* GenerateContentRequest.{where}.data: required oneof field 'data' must "
                        "have one initialized field\n"
                    )
        cfg = _get(body, "generationConfig", "generation_config", default={}) or {}
        modalities = [str(m).upper() for m in (_get(cfg, "responseModalities", "response_modalities") or [])]
        for m in modalities:
            if m not in MODALITIES:
                return self._bad(
                    f"Invalid value at 'generation_config.response_modalities' (type.googleapis.com/"
                    f'google.ai.generativelanguage.v1.GenerationConfig.Modality), "{m}"'
                )
        image_model = "image" in model or model in IMAGE_MODELS
        speech_model = "tts" in model
        if speech_model != ("AUDIO" in modalities):
            return self._bad(
                "Model does not support the requested response modalities: "
                + ("audio" if "AUDIO" in modalities else "text")
            )
        if speech_model:
            speech = _get(cfg, "speechConfig", "speech_config") or {}
            if "voice_config" in speech and "multi_speaker_voice_config" in speech:
                return self._bad("voice_config and multi_speaker_voice_config are mutually exclusive.")
            s = self.scripted(req)
            if isinstance(s, Response):
                return s
            if isinstance(s, Mode):  # a scripted block or bare finish, answered as for any model
                return Response(
                    200,
                    json=self._answer(
                        model,
                        s,
                        want_image=False,
                        text_too=False,
                        prompt="",
                        ratio="1:1",
                        isize="1K",
                        mime="text/plain",
                        schema=None,
                    ),
                )
            return Response(200, json=self._speech_answer(model, "\n".join(texts)))
        if "IMAGE" in modalities and not image_model:
            return self._bad("Model does not support the requested response modalities: image")
        want_image = image_model and (not modalities or "IMAGE" in modalities)
        img_cfg = _get(cfg, "imageConfig", "image_config", default={}) or {}
        ratio = _get(img_cfg, "aspectRatio", "aspect_ratio", default="1:1")
        if ratio not in SIZES_1K:
            return self._bad(f"Unsupported aspect ratio: {ratio}. Supported values are: " + ", ".join(SIZES_1K))
        isize = _get(img_cfg, "imageSize", "image_size", default="1K")
        if isize not in IMAGE_SIZES:
            return self._bad(f"Unsupported image size: {isize}. Supported values are: 1K, 2K, 4K")
        if img_cfg and not image_model:
            return self._bad("image_config is only supported for image generation models.")
        mime = _get(cfg, "responseMimeType", "response_mime_type", default="text/plain")
        if mime not in MIME_TYPES:
            return self._bad(
                f"* GenerateContentRequest.generation_config.response_mime_type: allowed mimetypes "
                f"are `text/plain`, `application/json`, `text/x.enum`. Got '{mime}'.\n"
            )
        schema = _get(cfg, "responseSchema", "response_schema")
        json_schema = _get(cfg, "responseJsonSchema", "response_json_schema", "_responseJsonSchema")
        if schema is not None and json_schema is not None:
            return self._bad("Only one of response_schema and response_json_schema may be set.")
        if (schema is not None or json_schema is not None) and mime != "application/json":
            return self._bad(
                "* GenerateContentRequest.generation_config.response_schema: response_mime_type must "
                "be application/json when a response schema is set.\n"
            )

        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        answer = self._answer(
            model,
            s,
            want_image=want_image,
            text_too=("TEXT" in modalities or not modalities),
            prompt="\n".join(texts),
            ratio=ratio,
            isize=isize,
            mime=mime,
            schema=normalize(schema if schema is not None else json_schema),
        )
        if method == "streamGenerateContent":
            chunks = self._stream_chunks(answer)
            if isinstance(s, Mode) and s.opts.get("cut_off"):
                chunks = [*chunks[: len(chunks) // 2], CUT_OFF]
            return Response(200, chunks=chunks, content_type="text/event-stream")
        return Response(200, json=answer)

    def _speech_answer(self, model, text) -> dict:
        if self.speech_format == "wav":
            mime, data = "audio/wav", speech_file(text, "wav")
        else:
            mime, data = f"audio/L16;codec=pcm;rate={SPEECH_RATE}", speech_file(text, "pcm")
        tokens = max(1, len(text) // 4)
        return {
            "candidates": [
                {
                    "content": {
                        "role": "model",
                        "parts": [{"inlineData": {"mimeType": mime, "data": base64.b64encode(data).decode()}}],
                    },
                    "finishReason": "STOP",
                    "index": 0,
                }
            ],
            "usageMetadata": {
                "promptTokenCount": tokens,
                "candidatesTokenCount": len(data) // 960,
                "totalTokenCount": tokens + len(data) // 960,
            },
            "modelVersion": model,
            "responseId": uuid.uuid4().hex[:22],
        }

    def _stream_chunks(self, answer: dict) -> list[bytes]:
        """A text answer as the API streams it: its text in `stream_pieces` deltas, each chunk a
        whole response with the running usage, the finishReason on the last one only."""
        candidates = answer.get("candidates") or [{}]
        parts = (candidates[0].get("content") or {}).get("parts") or []
        if len(parts) != 1 or "text" not in parts[0]:
            pieces = [answer]  # pictures, blocks: one chunk, as before
        else:
            text = parts[0]["text"]
            size = max(1, -(-len(text) // self.stream_pieces))
            deltas = [text[i : i + size] for i in range(0, len(text), size)] or [""]
            pieces = []
            for number, delta in enumerate(deltas, start=1):
                candidate = {"content": {"role": "model", "parts": [{"text": delta}]}, "index": 0}
                if number == len(deltas):
                    candidate["finishReason"] = candidates[0]["finishReason"]
                pieces.append({**answer, "candidates": [candidate]})
        return [event.replace(b"\n\n", b"\r\n\r\n") for event in sse(pieces)]

    def _answer(self, model, mode, *, want_image, text_too, prompt, ratio, isize, mime, schema) -> dict:
        rid = uuid.uuid4().hex[:22]
        p_tokens = max(1, len(prompt) // 4)
        base = {"modelVersion": model, "responseId": rid}
        kind = mode.kind if isinstance(mode, Mode) else None
        opts = mode.opts if isinstance(mode, Mode) else {}
        if kind == "block_prompt":
            return {
                "promptFeedback": {
                    "blockReason": opts["reason"],
                    "safetyRatings": [
                        {"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT", "probability": "HIGH", "blocked": True}
                    ],
                },
                "usageMetadata": {"promptTokenCount": p_tokens, "totalTokenCount": p_tokens},
                **base,
            }
        if kind == "finish_only":
            return {
                "candidates": [{"finishReason": opts["finish_reason"], "index": 0}],
                "usageMetadata": {"promptTokenCount": p_tokens, "totalTokenCount": p_tokens},
                **base,
            }
        parts, finish, out_tokens = [], "STOP", 0
        if kind == "text" or not want_image:
            text = opts.get("content")
            if text is None:
                if mime == "application/json":
                    text = json.dumps(
                        conform(schema, self.scene_json) if schema else self.scene_json, ensure_ascii=False
                    )
                else:
                    text = self.plain_text
            if opts.get("truncate"):
                text = text[: max(1, len(text) // 2)]
            finish = opts.get("finish_reason", "STOP")
            parts.append({"text": text})
            out_tokens = max(1, len(text) // 4)
        else:
            scale = IMAGE_SIZES[isize]
            w, h = (x * scale for x in SIZES_1K[ratio])
            png = make_image(w, h, prompt, "png")
            if self.thought_parts:
                parts.append({"text": "**Composing the scene**\n\nPlanning the layout.", "thought": True})
                parts.append(
                    {
                        "inlineData": {
                            "mimeType": "image/png",
                            "data": base64.b64encode(make_image(64, 64, "thought", "png")).decode(),
                        },
                        "thought": True,
                    }
                )
            if text_too:
                parts.append({"text": "Here is your illustration."})
            parts.append({"inlineData": {"mimeType": "image/png", "data": base64.b64encode(png).decode()}})
            out_tokens = {1: 1120, 2: 1680, 4: 2520}[scale]
        return {
            "candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": finish, "index": 0}],
            "usageMetadata": {
                "promptTokenCount": p_tokens,
                "candidatesTokenCount": out_tokens,
                "totalTokenCount": p_tokens + out_tokens,
                "promptTokensDetails": [{"modality": "TEXT", "tokenCount": p_tokens}],
            },
            **base,
        }


__all__ = ["FakeGemini"]
