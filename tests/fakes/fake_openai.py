"""Fake OpenAI API: Images (generations, edits), text (chat completions, responses) and speech.

with FakeOpenAI() as fake:
    client = openai.AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0)
"""

from __future__ import annotations

import base64
import time

from .media import make_image, sniff_image, speech_file
from .server import FakeServer, Recorded, Response, new_id
from .textgen import OpenAICompatibleText

GPT_IMAGE_MODELS = {
    "gpt-image-1.5",
    "gpt-image-1-mini",
    "chatgpt-image-latest",
    "gpt-image-2",
    "gpt-image-2-2026-04-21",
    "gpt-image-2.5-sunburst",
    "gpt-image-2.5-sunburst-2026-09-08",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-flare-2026-09-08",
    "gpt-image-2.6-sunburst",
    "gpt-image-2.6-flare",
}
RETIRED_IMAGE_MODELS = {"gpt-image-1", "dall-e-2", "dall-e-3"}
FIXED_SIZES = {"1024x1024", "1536x1024", "1024x1536", "auto"}
QUALITIES = {"low", "medium", "high", "auto"}
FILE_MIMES = {"image/png", "image/jpeg", "image/webp"}
SPEECH_FIELDS = {"model", "input", "voice", "instructions", "response_format", "speed", "stream_format"}
SPEECH_FORMATS = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
SPEECH_MAX_INPUT = 4096

GENERATE_FIELDS = {
    "prompt",
    "model",
    "n",
    "size",
    "quality",
    "output_format",
    "output_compression",
    "background",
    "moderation",
    "stream",
    "partial_images",
    "safety_identifier",
    "user",
    "complexity",
    "frame_count",
    "frame_duration_ms",
    "svg",
}
EDIT_FIELDS = {
    "image",
    "image[]",
    "mask",
    "markup",
    "prompt",
    "model",
    "n",
    "size",
    "quality",
    "output_format",
    "output_compression",
    "background",
    "partial_images",
    "stream",
    "safety_identifier",
    "user",
    "input_fidelity",
}

_DEFAULT_TYPES = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    403: "invalid_request_error",
    404: "invalid_request_error",
    405: "invalid_request_error",
    409: "invalid_request_error",
    422: "invalid_request_error",
    429: "requests",
}
_DEFAULT_MESSAGES = {
    400: "Bad request.",
    401: "Incorrect API key provided.",
    404: "Not found.",
    429: "Rate limit reached for requests. Please try again in 1s.",
    500: "The server had an error while processing your request. Sorry about that!",
    502: "Bad gateway.",
    503: "The engine is currently overloaded, please try again later.",
}


def _flexible_sizes(model: str) -> bool:
    return model.startswith("gpt-image-2")


class FakeOpenAI(OpenAICompatibleText, FakeServer):
    api_prefix = "/v1"

    IMAGES_GENERATIONS = "/v1/images/generations"
    IMAGES_EDITS = "/v1/images/edits"
    IMAGES = "/v1/images/generations|/v1/images/edits"
    SPEECH = "/v1/audio/speech"

    def __init__(self, *, latency: float | dict = 0.0, api_key: str | None = None):
        self._init_text()
        #: models the images endpoints answer 404 model_not_found for
        self.retired_models = set(RETIRED_IMAGE_MODELS)
        super().__init__(latency=latency, api_key=api_key)

    def _setup_routes(self):
        self.route("POST", r"/v1/images/generations", self._images_generate)
        self.route("POST", r"/v1/images/edits", self._images_edit)
        self.route("POST", r"/v1/audio/speech", self._speech)
        self._text_routes()

    # ------------------------------------------------------------ protocol

    def error_body(self, status, message=None, *, code=None, type=None, param=None):
        return {
            "error": {
                "message": message or _DEFAULT_MESSAGES.get(status, f"HTTP {status}"),
                "type": type or _DEFAULT_TYPES.get(status, "server_error"),
                "param": param,
                "code": code,
            }
        }

    def check_auth(self, req: Recorded):
        auth = req.headers.get("authorization")
        if not auth:
            return self.error(
                401,
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            )
        scheme, _, key = auth.partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key or (self.api_key is not None and key != self.api_key):
            shown = f"{key[:3]}***{key[-4:]}" if len(key) > 8 else "***"
            return self.error(
                401,
                f"Incorrect API key provided: {shown}. You can find your API key at "
                "https://platform.openai.com/account/api-keys.",
                code="invalid_api_key",
            )
        return None

    def extra_headers(self, req, resp):
        limited = resp.status == 429
        return {
            "x-request-id": new_id("req_"),
            "openai-processing-ms": "42",
            "x-ratelimit-limit-requests": "500",
            "x-ratelimit-remaining-requests": "0" if limited else "499",
            "x-ratelimit-reset-requests": "120ms",
            "x-ratelimit-limit-tokens": "100000",
            "x-ratelimit-remaining-tokens": "0" if limited else "99000",
            "x-ratelimit-reset-tokens": "600ms",
        }

    # ------------------------------------------------------------ scripting

    def rate_limit_next(
        self,
        route: str,
        *,
        retry_after: float | str | None = 1,
        retry_after_ms: int | None = None,
        headers: dict | None = None,
        times: int = 1,
    ):
        """429 `rate_limit_exceeded` with `retry-after` (seconds; None to omit) and/or
        `retry-after-ms`; x-ratelimit-* headers are always sent (remaining = 0);
        `headers` adds/overrides headers."""
        headers = dict(headers or {})
        if retry_after is not None:
            headers["retry-after"] = str(retry_after)
        if retry_after_ms is not None:
            headers["retry-after-ms"] = str(retry_after_ms)
        return self.fail_next(
            route,
            429,
            headers=headers,
            type="requests",
            code="rate_limit_exceeded",
            message="Rate limit reached for gpt-image in organization org-fake on requests per "
            "min (RPM): Limit 5, Used 5, Requested 1. Please try again in 1s.",
            times=times,
        )

    def insufficient_quota_next(self, route: str, *, times: int = 1):
        """429 `insufficient_quota` (billing: waiting does not help)."""
        return self.fail_next(
            route,
            429,
            type="insufficient_quota",
            code="insufficient_quota",
            message="You exceeded your current quota, please check your plan and billing "
            "details. For more information on this error, read the docs: "
            "https://platform.openai.com/docs/guides/error-codes/api-errors.",
            times=times,
        )

    def moderation_block_next(
        self, route: str = IMAGES, *, categories=("sexual",), stage: str = "output", times: int = 1
    ):
        """400 `moderation_blocked` (type image_generation_user_error, with moderation_details)."""
        cats = list(categories)
        body = {
            "error": {
                "message": "Your request was rejected by the safety system. If you believe this is an error, contact "
                f"us at help.openai.com and include the request ID. safety_violations=[{', '.join(cats)}].",
                "type": "image_generation_user_error",
                "param": None,
                "code": "moderation_blocked",
                "moderation_details": {"moderation_stage": stage, "categories": cats},
            }
        }
        return self.fail_next(route, 400, json=body, times=times)

    def server_error_next(
        self,
        route: str,
        status: int = 500,
        *,
        should_retry: bool | None = None,
        headers: dict | None = None,
        times: int = 1,
    ):
        """500/502/503 server_error (optionally with `x-should-retry`, extra headers)."""
        return self.fail_next(
            route, status, type="server_error", should_retry=should_retry, headers=headers, times=times
        )

    def no_retry_next(self, route: str, status: int = 500, *, times: int = 1):
        """An error carrying `x-should-retry: false` (the SDK then does not retry)."""
        return self.server_error_next(route, status, should_retry=False, times=times)

    # ------------------------------------------------------------ images

    def _bad(self, message, param=None, code="invalid_value", status=400):
        return self.error(status, message, param=param, code=code)

    def _validate_common(self, p: dict, is_edit: bool):
        """Shared validation of image params (values already parsed). Returns Response or None."""
        prompt = p.get("prompt")
        if not isinstance(prompt, str) or not prompt:
            return self._bad("Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter")
        if len(prompt) > 32000:
            return self._bad(
                "Invalid 'prompt': string too long. Expected a string with maximum length 32000, "
                f"but got a string with length {len(prompt)} instead.",
                "prompt",
                "string_above_max_length",
            )
        model = p.get("model")
        if not model:
            return self._bad(
                "Missing required parameter: 'model'. Specify a model explicitly.",
                "model",
                "missing_required_parameter",
            )
        if model in self.retired_models:
            return self.error(
                404,
                f"The model `{model}` has been deprecated, learn more here: "
                "https://platform.openai.com/docs/deprecations",
                code="model_not_found",
            )
        if model not in GPT_IMAGE_MODELS:
            return self._bad(
                f"Invalid value: '{model}'. Supported values are: "
                + ", ".join(f"'{m}'" for m in sorted(GPT_IMAGE_MODELS))
                + ".",
                "model",
            )
        n = p.get("n", 1)
        if not isinstance(n, int) or isinstance(n, bool):
            return self._bad(
                f"Invalid type for 'n': expected an integer, but got {type(n).__name__} instead.", "n", "invalid_type"
            )
        if not 1 <= n <= 10:
            which = "below_min_value" if n < 1 else "above_max_value"
            return self._bad(
                f"Invalid 'n': integer {which.split('_')[0]} {'minimum' if n < 1 else 'maximum'} "
                f"value. Expected a value {'>= 1' if n < 1 else '<= 10'}, but got {n} instead.",
                "n",
                f"integer_{which}",
            )
        size = p.get("size", "auto")
        if _flexible_sizes(model) and size != "auto":
            try:
                w, h = (int(x) for x in str(size).lower().split("x"))
                ok = (
                    w % 16 == 0
                    and h % 16 == 0
                    and max(w, h) <= 3840
                    and w * h <= 3840 * 2160
                    and w * h >= 655_360
                    and max(w, h) <= 3 * min(w, h)
                )
            except ValueError:
                ok = False
            if not ok:
                return self._bad(
                    f"Invalid size '{size}'. Requested resolution must have both dimensions "
                    "multiples of 16, an aspect ratio between 1:3 and 3:1, and at most 3840x2160 "
                    "pixels.",
                    "size",
                )
        elif size not in FIXED_SIZES:
            return self._bad(
                f"Invalid value: '{size}'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.",
                "size",
            )
        quality = p.get("quality", "auto")
        allowed_q = QUALITIES | ({"xhigh", "max"} if model.startswith("gpt-image-2.5") else set())
        if quality not in allowed_q:
            return self._bad(
                f"Invalid value: '{quality}'. Supported values are: "
                + ", ".join(f"'{q}'" for q in sorted(allowed_q))
                + ".",
                "quality",
            )
        fmt = p.get("output_format", "png")
        if fmt not in ("png", "jpeg", "webp"):
            return self._bad(
                f"Invalid value: '{fmt}'. Supported values are: 'png', 'jpeg', and 'webp'.", "output_format"
            )
        comp = p.get("output_compression")
        if comp is not None and (not isinstance(comp, int) or not 0 <= comp <= 100):
            return self._bad(
                "Invalid 'output_compression': expected an integer between 0 and 100.", "output_compression"
            )
        bg = p.get("background", "auto")
        if bg not in ("transparent", "opaque", "auto"):
            return self._bad(
                f"Invalid value: '{bg}'. Supported values are: 'transparent', 'opaque', and 'auto'.", "background"
            )
        if bg == "transparent" and fmt == "jpeg":
            return self._bad(
                "Transparent background is not supported for output format 'jpeg'. Use 'png' or 'webp'.", "background"
            )
        if not is_edit and p.get("moderation", "auto") not in ("low", "auto"):
            return self._bad(
                f"Invalid value: '{p.get('moderation')}'. Supported values are: 'low' and 'auto'.", "moderation"
            )
        if p.get("stream") in (True, "true"):
            return self._bad("Streaming image generation is not emulated by the fake server.", "stream")
        return None

    def _unknown_params(self, keys, allowed):
        for k in keys:
            if k == "response_format":
                return self._bad("Unknown parameter: 'response_format'.", "response_format", "unknown_parameter")
            if k == "style":
                return self._bad("Unknown parameter: 'style'.", "style", "unknown_parameter")
        for k in keys:
            if k not in allowed:
                return self._bad(f"Unknown parameter: '{k}'.", k, "unknown_parameter")
        return None

    def _speech(self, req: Recorded):
        """POST /audio/speech: JSON in, the audio file itself out (provider-contracts §8.1)."""
        p = req.json
        if not isinstance(p, dict):
            return self._bad("We could not parse the JSON body of your request.", None, None)
        for k in p:
            if k not in SPEECH_FIELDS:
                return self._bad(f"Unknown parameter: '{k}'.", k, "unknown_parameter")
        for name in ("model", "input", "voice"):
            if not p.get(name):
                return self._bad(f"Missing required parameter: '{name}'.", name, "missing_required_parameter")
        if not isinstance(p["input"], str) or len(p["input"]) > SPEECH_MAX_INPUT:
            return self._bad(f"'input' must be a string of at most {SPEECH_MAX_INPUT} characters.", "input")
        if "instructions" in p and p["model"] in ("tts-1", "tts-1-hd"):
            return self._bad("Instructions are not supported for this model.", "instructions")
        fmt = p.get("response_format", "mp3")
        if fmt not in SPEECH_FORMATS:
            return self._bad(
                f"Invalid value: '{fmt}'. Supported values are: {', '.join(SPEECH_FORMATS)}.", "response_format"
            )
        if p.get("stream_format", "audio") not in ("audio", "sse"):
            return self._bad("Invalid value for 'stream_format'.", "stream_format")
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        data = speech_file(p["input"], fmt if fmt in ("mp3", "wav", "pcm") else "mp3")
        return Response(200, body=data, content_type=SPEECH_FORMATS[fmt])

    def _images_generate(self, req: Recorded):
        if not isinstance(req.json, dict):
            return self._bad(
                "We could not parse the JSON body of your request. (HINT: This likely means you "
                "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but "
                "what was sent was not valid JSON.)",
                None,
                None,
            )
        p = req.json
        err = self._unknown_params(p.keys(), GENERATE_FIELDS) or self._validate_common(p, is_edit=False)
        if err:
            return err
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        size = p.get("size", "auto")
        w, h = (1024, 1024) if size == "auto" else (int(x) for x in size.split("x"))
        return self._image_answer(p, w, h, input_images=0)

    def _images_edit(self, req: Recorded):
        ctype = req.headers.get("content-type", "")
        if req.form is None:
            return self._bad(
                f"Invalid Content-Type header ({ctype or 'none'}), expected multipart/form-data. "
                "(The fake only emulates the multipart form of images.edit.)",
                None,
                None,
            )
        form = req.form
        err = self._unknown_params(form.keys(), EDIT_FIELDS)
        if err:
            return err
        p = {}
        for name, parts in form.items():
            if name in ("image", "image[]", "mask", "markup"):
                continue
            p[name] = parts[0].text
        for key in ("n", "output_compression", "partial_images"):
            if key in p:
                try:
                    p[key] = int(p[key])
                except ValueError:
                    return self._bad(
                        f"Invalid type for '{key}': expected an integer, but got a string instead.", key, "invalid_type"
                    )
        if "stream" in p:
            p["stream"] = p["stream"].lower() == "true"
        images = form.get("image", []) + form.get("image[]", [])
        if not images:
            return self._bad("Missing required parameter: 'image'.", "image", "missing_required_parameter")
        if len(images) > 16:
            return self._bad(
                f"Invalid 'image': too many images. Expected at most 16 images, but got {len(images)}.",
                "image",
                "array_above_max_length",
            )
        dims = []
        for i, part in enumerate(images, 1):
            mime = (part.content_type or "").split(";")[0].strip().lower()
            if mime not in FILE_MIMES:
                return self._bad(
                    f"Invalid file 'image': unsupported mimetype ('{part.content_type}'). Supported "
                    "file formats are 'image/jpeg', 'image/png', and 'image/webp'.",
                    "image",
                    "unsupported_file_mimetype",
                )
            if len(part.data) > 50 * 1024 * 1024:
                return self._bad(
                    f"Invalid file 'image': file too large (image {i} must be under 50 MB).", "image", "file_too_large"
                )
            info = sniff_image(part.data)
            if info is None:
                return self._bad(
                    f"Invalid image file or mode for image {i}, please check your image file.",
                    "image",
                    "invalid_image_file",
                )
            dims.append(info[1:])
        masks = form.get("mask") or []
        if masks:
            m = masks[0]
            info = sniff_image(m.data)
            if (m.content_type or "").lower() != "image/png" or info is None or info[0] != "PNG":
                return self._bad("Invalid file 'mask': the mask must be a PNG image.", "mask", "invalid_image_file")
            if info[1:] != dims[0]:
                return self._bad(
                    "Invalid 'mask': mask and image must have the same dimensions.", "mask", "invalid_image_file"
                )
            if form.get("markup"):
                return self._bad("'mask' and 'markup' cannot be used together.", "markup")
        err = self._validate_common(p, is_edit=True)
        if err:
            return err
        model = p["model"]
        fid = p.get("input_fidelity")
        if fid is not None:
            if fid not in ("high", "low"):
                return self._bad(f"Invalid value: '{fid}'. Supported values are: 'high' and 'low'.", "input_fidelity")
            if model.startswith("gpt-image-2"):
                return self._bad(
                    f"input_fidelity is not supported for model '{model}'. Omit this parameter.",
                    "input_fidelity",
                    "unsupported_parameter",
                )
            if model == "gpt-image-1-mini" and fid == "high":
                return self._bad(
                    "Invalid value: 'high'. gpt-image-1-mini supports only input_fidelity 'low'.", "input_fidelity"
                )
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        size = p.get("size", "auto")
        if size == "auto":
            w0, h0 = dims[0]
            w, h = (1536, 1024) if w0 > h0 * 1.2 else (1024, 1536) if h0 > w0 * 1.2 else (1024, 1024)
        else:
            w, h = (int(x) for x in size.split("x"))
        return self._image_answer(p, w, h, input_images=len(images))

    def _image_answer(self, p: dict, w: int, h: int, *, input_images: int) -> Response:
        fmt = p.get("output_format", "png")
        n = p.get("n", 1)
        transparent = p.get("background") == "transparent"
        prompt = p["prompt"]
        data = []
        for i in range(n):
            text = prompt if i == 0 else f"{prompt}#{i}"
            img = make_image(w, h, text, fmt, transparent=transparent)
            data.append({"b64_json": base64.b64encode(img).decode()})
        quality = p.get("quality", "auto")
        text_tokens = max(1, len(prompt) // 4)
        image_in = 65 * input_images * 4
        out_tokens = {"low": 272, "medium": 1056, "high": 4160}.get(quality, 1056) * n
        return Response(
            200,
            json={
                "created": int(time.time()),
                "data": data,
                "background": "transparent" if transparent else "opaque",
                "output_format": fmt,
                "quality": "medium" if quality == "auto" else quality,
                "size": f"{w}x{h}",
                "usage": {
                    "input_tokens": text_tokens + image_in,
                    "input_tokens_details": {"image_tokens": image_in, "text_tokens": text_tokens},
                    "output_tokens": out_tokens,
                    "output_tokens_details": {"image_tokens": out_tokens, "text_tokens": 0},
                    "total_tokens": text_tokens + image_in + out_tokens,
                },
            },
        )


__all__ = ["FakeOpenAI"]
