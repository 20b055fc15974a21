"""Fake xAI API: Grok Imagine images (generations, JSON edits), videos (submit, poll,
download), and OpenAI-compatible text (chat completions, responses).

    with FakeXAI() as fake:
        client = openai.AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0)
        raw = httpx.AsyncClient(base_url=fake.base_url, headers={"Authorization": "Bearer test"})
"""

from __future__ import annotations

import base64
import threading
import time
import uuid
from dataclasses import dataclass, field

from .media import decode_data_uri, make_image, padded_stream, sample_mp4, size_for_ratio, sniff_image
from .server import FakeServer, Mode, Recorded, Response
from .textgen import OpenAICompatibleText

IMAGE_MODELS = {"grok-imagine-image", "grok-imagine-image-2.0", "grok-imagine-image-quality", "grok-imagine-image-pro"}
RETIRED_IMAGE_MODELS = {"grok-2-image", "grok-2-image-1212", "grok-2-image-latest"}
VIDEO_MODELS = {
    "grok-imagine-video",
    "grok-imagine-video-1.5",
    "grok-imagine-video-1.5-lite",
    "grok-imagine-video-1.5-preview",
}
IMAGE_ASPECTS = {
    "1:1",
    "3:4",
    "4:3",
    "9:16",
    "16:9",
    "2:3",
    "3:2",
    "9:19.5",
    "19.5:9",
    "9:20",
    "20:9",
    "1:2",
    "2:1",
    "21:9",
    "5:2",
    "auto",
}
IMAGE_RESOLUTIONS = {"1k": 1024, "1.5k": 1536, "2k": 2048}
VIDEO_ASPECTS = {"1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3"}
VIDEO_SIZES = {"480p": 480, "720p": 720, "1080p": 1080}

IMAGE_TICKS = 200_000_000  # $0.02 per image (1 tick = 1e-10 USD)
MODERATION_FEE_TICKS = 500_000_000  # $0.05 usage-guideline violation fee
VIDEO_TICKS_PER_SECOND = 500_000_000 // 6

_XAI_CODES = {
    400: "Client specified an invalid argument",
    401: "Request does not have valid authentication credentials",
    403: "The caller does not have permission to execute the specified operation",
    404: "Some requested entity was not found",
    405: "Method not allowed",
    415: "Unsupported media type",
    422: "Unprocessable Entity",
    429: "Some resource has been exhausted",
    500: "Internal error",
    502: "Bad gateway",
    503: "The service is currently unavailable",
}


@dataclass
class VideoJob:
    id: str
    request: dict
    outcome: str = "done"  # done | failed | expired | moderated
    pending_polls: int = 2
    polls: int = 0
    error: dict = field(default_factory=dict)
    done_at: float | None = None

    @property
    def duration(self) -> int:
        return int(self.request.get("duration", 8))


class FakeXAI(OpenAICompatibleText, FakeServer):
    api_prefix = "/v1"
    strict_schema_check = False

    IMAGES_GENERATIONS = "/v1/images/generations"
    IMAGES_EDITS = "/v1/images/edits"
    IMAGES = "/v1/images/generations|/v1/images/edits"
    VIDEOS_GENERATIONS = "/v1/videos/generations"
    VIDEO_POLL = "GET /v1/videos/*"
    FILES = "/files/*"

    def __init__(self, *, latency: float | dict = 0.0, api_key: str | None = None):
        self._init_text()
        #: "xai" -> {"code": "...", "error": "..."}; "openai" -> {"error": {"message", "type", "param", "code"}}
        self.error_style = "xai"
        #: b64_json answers carry a "data:image/jpeg;base64," prefix (clients must strip it)
        self.b64_data_uri = False
        self.retired_models = set(RETIRED_IMAGE_MODELS)
        #: 202 polls before a video is finished
        self.video_pending_polls = 2
        #: empty-body 202s while pending: False (never), True (always), "alternate" (every 2nd poll)
        self.video_empty_202 = "alternate"
        #: bytes served for finished videos (default: a small real MP4)
        self.video_bytes: bytes | None = None
        #: if set, downloads stream `video_bytes` zero-padded up to this many bytes
        self.video_size: int | None = None
        #: if set, video URLs stop working (404) this many seconds after the video is done
        self.video_url_ttl: float | None = None
        #: if set, every video download answers this status (e.g. 404, 403)
        self.video_url_status: int | None = None
        self.videos: dict[str, VideoJob] = {}
        #: files served under /files/<name> : name -> (bytes, mime)
        self.files: dict[str, tuple[bytes, str]] = {}
        self._vlock = threading.Lock()
        super().__init__(latency=latency, api_key=api_key)

    def _setup_routes(self):
        self.route("POST", r"/v1/images/generations", self._images_generate)
        self.route("POST", r"/v1/images/edits", self._images_edit)
        self.route("POST", r"/v1/videos/generations", self._video_submit)
        self.route("GET", r"/v1/videos/(?P<request_id>[^/]+)", self._video_poll)
        self.route("GET", r"/files/(?P<name>[^/]+)", self._file, auth=False)
        self._text_routes()

    @property
    def video_submissions(self) -> int:
        """Accepted `POST /v1/videos/generations` requests."""
        return len(self.videos)

    # ------------------------------------------------------------ protocol

    def error_body(self, status, message=None, *, code=None, type=None, param=None):
        message = message or _XAI_CODES.get(status, f"HTTP {status}")
        if self.error_style == "openai":
            return {
                "error": {
                    "message": message,
                    "type": type or ("invalid_request_error" if status < 500 else "server_error"),
                    "param": param,
                    "code": code,
                }
            }
        return {"code": code or _XAI_CODES.get(status, f"HTTP {status}"), "error": message}

    def check_auth(self, req: Recorded):
        auth = req.headers.get("authorization") or ""
        scheme, _, key = auth.partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key or (self.api_key is not None and key != self.api_key):
            shown = f"{key[:2]}***{key[-2:]}" if key else "(none)"
            return self.error(
                400, f"Incorrect API key provided: {shown}. You can obtain an API key from https://console.x.ai."
            )
        return None

    def _text_usage_extra(self, usage):
        usage["cost_in_usd_ticks"] = 10_000 * usage.get("total_tokens", 1)
        return usage

    # ------------------------------------------------------------ scripting

    def rate_limit_next(self, route: str, *, retry_after: float | str | None = None, times: int = 1):
        """429 in xAI's envelope (optionally with a `retry-after` header)."""
        headers = {"retry-after": str(retry_after)} if retry_after is not None else None
        return self.fail_next(
            route,
            429,
            headers=headers,
            message="Your team has exceeded its rate limit for this model. Please retry later.",
            times=times,
        )

    def server_error_next(self, route: str, status: int = 500, *, times: int = 1):
        return self.fail_next(route, status, times=times)

    def moderate_next(self, route: str = IMAGES, *, times: int = 1):
        """Next image answer is moderated: 200 with `respect_moderation: false` and no image."""
        return self.script(route, Mode("moderated"), times=times)

    def next_video(
        self,
        status: str = "done",
        *,
        pending_polls: int | None = None,
        error_code: str = "internal_error",
        error_message: str = "Video generation failed.",
        times: int = 1,
    ):
        """Decide the fate of the next submitted video(s): "done", "failed" (200 with
        `error`), "expired" (200 `{"status":"expired"}`), or "moderated" (done with
        `respect_moderation: false` and no URL)."""
        assert status in ("done", "failed", "expired", "moderated"), status
        return self.script(
            self.VIDEOS_GENERATIONS,
            Mode(
                "video",
                {
                    "status": status,
                    "pending_polls": pending_polls,
                    "error": {"code": error_code, "message": error_message},
                },
            ),
            times=times,
        )

    def expire_video_urls(self, status: int = 404):
        """From now on, every video download answers `status`."""
        self.video_url_status = status

    # ------------------------------------------------------------ validation

    def _bad(self, message, status=400):
        return self.error(status, message)

    def _check_image_url(self, obj, where: str):
        """Validate an `{"url": ..., "type": "image_url"}` object. Returns (error, (mime, bytes)|None)."""
        if isinstance(obj, list):
            return self._bad(
                f"Failed to deserialize the JSON body into the target type: {where}: invalid type: "
                "sequence, expected struct ImageUrl",
                422,
            ), None
        if not isinstance(obj, dict) or not isinstance(obj.get("url"), str):
            return self._bad(
                f"Failed to deserialize the JSON body into the target type: {where}: missing field `url`", 422
            ), None
        if obj.get("type", "image_url") != "image_url":
            return self._bad(f"Invalid {where}.type '{obj.get('type')}': expected 'image_url'."), None
        url = obj["url"]
        if url.startswith("https://"):
            return None, None
        if url.startswith("data:"):
            decoded = decode_data_uri(url)
            if decoded is None or sniff_image(decoded[1]) is None:
                return self._bad(f"Unable to load image from {where}.url: invalid base64 image data URI."), None
            return None, decoded
        return self._bad(f"Invalid {where}.url: only https URLs and data:image/...;base64 URIs are supported."), None

    def _validate_image_params(self, p: dict):
        for key in ("size", "style"):
            if key in p:
                return self._bad(f"Argument not supported: {key}")
        if not isinstance(p.get("prompt"), str) or not p["prompt"]:
            return self._bad("Failed to deserialize the JSON body into the target type: missing field `prompt`", 422)
        model = p.get("model")
        if not model:
            return self._bad("Failed to deserialize the JSON body into the target type: missing field `model`", 422)
        if model in self.retired_models or model not in IMAGE_MODELS:
            return self._bad(f"The model {model} does not exist or your team does not have access to it.", 404)
        n = p.get("n", 1)
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 10:
            return self._bad(f"Invalid n: {n!r}. n must be an integer between 1 and 10.")
        if p.get("response_format", "url") not in ("url", "b64_json"):
            return self._bad(f"Invalid response_format '{p.get('response_format')}': expected 'url' or 'b64_json'.")
        if p.get("aspect_ratio", "auto") not in IMAGE_ASPECTS:
            return self._bad(
                f"Invalid aspect_ratio '{p.get('aspect_ratio')}'. Supported: " + ", ".join(sorted(IMAGE_ASPECTS))
            )
        if p.get("resolution", "1k") not in IMAGE_RESOLUTIONS:
            return self._bad(f"Invalid resolution '{p.get('resolution')}'. Supported: 1k, 1.5k, 2k")
        if p.get("quality", "medium") not in ("low", "medium", "high"):
            return self._bad(f"Invalid quality '{p.get('quality')}'. Supported: low, medium, high")
        return None

    def _json_or_error(self, req: Recorded):
        ctype = req.headers.get("content-type", "")
        if "application/json" not in ctype:
            return self._bad(f"Unsupported Content-Type '{ctype}': expected application/json.", 415)
        if not isinstance(req.json, dict):
            return self._bad("Failed to parse the request body as JSON.")
        return None

    # ------------------------------------------------------------ images

    def _images_generate(self, req: Recorded):
        err = self._json_or_error(req)
        if err:
            return err
        p = req.json
        for key in ("image", "images", "image_url"):
            if key in p:
                return self._bad(
                    f"Argument not supported on /v1/images/generations: {key}. Use /v1/images/edits "
                    "to edit images. (fake server's choice; real behaviour is undocumented)"
                )
        err = self._validate_image_params(p)
        if err:
            return err
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        return self._image_answer(p, s, inputs=[])

    def _images_edit(self, req: Recorded):
        err = self._json_or_error(req)
        if err:
            return err
        p = req.json
        has_one, has_many = "image" in p, "images" in p
        if has_one == has_many:
            return self._bad(
                "Exactly one of `image` or `images` must be provided."
                if not has_one
                else "`image` and `images` are mutually exclusive."
            )
        inputs = []
        if has_one:
            err, dec = self._check_image_url(p["image"], "image")
            if err:
                return err
            inputs.append(dec)
        else:
            imgs = p["images"]
            if not isinstance(imgs, list) or not imgs:
                return self._bad("`images` must be a non-empty list of image URLs.")
            if len(imgs) > 3:
                return self._bad(f"Too many images: got {len(imgs)}, at most 3 reference images are supported.")
            for i, obj in enumerate(imgs):
                err, dec = self._check_image_url(obj, f"images[{i}]")
                if err:
                    return err
                inputs.append(dec)
        err = self._validate_image_params(p)
        if err:
            return err
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        return self._image_answer(p, s, inputs=inputs)

    def _image_answer(self, p: dict, mode, *, inputs: list) -> Response:
        n = p.get("n", 1)
        ticks_in = IMAGE_TICKS // 10 * len(inputs)
        if isinstance(mode, Mode) and mode.kind == "moderated":
            return Response(
                200,
                json={
                    "data": [
                        {"mime_type": "image/jpeg", "revised_prompt": "", "respect_moderation": False} for _ in range(n)
                    ],
                    "usage": {"cost_in_usd_ticks": MODERATION_FEE_TICKS},
                },
            )
        ratio = p.get("aspect_ratio", "auto")
        if ratio == "auto":
            ratio = "1:1"
            first = next((d for d in inputs if d), None)
            info = sniff_image(first[1]) if first else None
            if info:
                ratio = f"{info[1]}:{info[2]}"
        w, h = size_for_ratio(ratio, IMAGE_RESOLUTIONS[p.get("resolution", "1k")])
        data = []
        for i in range(n):
            text = p["prompt"] if i == 0 else f"{p['prompt']}#{i}"
            jpeg = make_image(w, h, text, "jpeg")
            item = {"mime_type": "image/jpeg", "revised_prompt": "", "respect_moderation": True}
            if p.get("response_format", "url") == "b64_json":
                b64 = base64.b64encode(jpeg).decode()
                item = {"b64_json": ("data:image/jpeg;base64," + b64) if self.b64_data_uri else b64, **item}
            else:
                name = f"{uuid.uuid4().hex}.jpg"
                self.files[name] = (jpeg, "image/jpeg")
                item = {"url": self.url(f"/files/{name}"), **item}
            data.append(item)
        return Response(200, json={"data": data, "usage": {"cost_in_usd_ticks": IMAGE_TICKS * n + ticks_in}})

    # ------------------------------------------------------------ videos

    def _video_submit(self, req: Recorded):
        err = self._json_or_error(req)
        if err:
            return err
        p = req.json
        if not isinstance(p.get("prompt"), str) or not p["prompt"]:
            return self._bad("Failed to deserialize the JSON body into the target type: missing field `prompt`", 422)
        model = p.get("model", "grok-imagine-video")
        if model not in VIDEO_MODELS:
            return self._bad(f"The model {model} does not exist or your team does not have access to it.", 404)
        d = p.get("duration", 8)
        if not isinstance(d, int) or isinstance(d, bool) or not 1 <= d <= 15:
            return self._bad(f"Invalid duration {d!r}: must be an integer number of seconds between 1 and 15.")
        if p.get("aspect_ratio", "16:9") not in VIDEO_ASPECTS:
            return self._bad(
                f"Invalid aspect_ratio '{p.get('aspect_ratio')}'. Supported: " + ", ".join(sorted(VIDEO_ASPECTS))
            )
        res = p.get("resolution", "480p")
        allowed = {"480p", "720p"} | ({"1080p"} if model.startswith("grok-imagine-video-1.5") else set())
        if res not in allowed:
            return self._bad(f"Invalid resolution '{res}' for model {model}. Supported: " + ", ".join(sorted(allowed)))
        if "image" in p:
            err, _ = self._check_image_url(p["image"], "image")
            if err:
                return err
        if "reference_images" in p:
            refs = p["reference_images"]
            if not isinstance(refs, list) or not 1 <= len(refs) <= 7:
                return self._bad("`reference_images` must be a list of 1 to 7 images.")
            for i, obj in enumerate(refs):
                err, _ = self._check_image_url(obj, f"reference_images[{i}]")
                if err:
                    return err
            if res == "1080p":
                return self._bad("reference_images supports at most 720p.")
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        job = VideoJob(id=str(uuid.uuid4()), request=dict(p), pending_polls=self.video_pending_polls)
        if isinstance(s, Mode) and s.kind == "video":
            job.outcome = s.opts["status"]
            job.error = s.opts["error"]
            if s.opts.get("pending_polls") is not None:
                job.pending_polls = s.opts["pending_polls"]
        with self._vlock:
            self.videos[job.id] = job
        return Response(200, json={"request_id": job.id})

    def _video_poll(self, req: Recorded, request_id: str):
        with self._vlock:
            job = self.videos.get(request_id)
            if job is not None:
                job.polls += 1
        if job is None:
            return self._bad(f"Deferred request {request_id} not found.", 404)
        s = self.scripted(req)
        if isinstance(s, Response):
            with self._vlock:
                job.polls -= 1  # a scripted fault does not advance the job
            return s
        if job.polls <= job.pending_polls:
            empty = self.video_empty_202 is True or (self.video_empty_202 == "alternate" and job.polls % 2 == 0)
            if empty:
                return Response(202, body=b"")
            progress = min(99, int(100 * job.polls / (job.pending_polls + 1)))
            return Response(202, json={"status": "pending", "progress": progress})
        model = job.request.get("model", "grok-imagine-video")
        if job.outcome == "failed":
            return Response(
                200,
                json={
                    "status": "failed",
                    "video": {"duration": 0, "respect_moderation": True},
                    "model": "",
                    "error": job.error,
                },
            )
        if job.outcome == "expired":
            return Response(200, json={"status": "expired"})
        usage = {"cost_in_usd_ticks": VIDEO_TICKS_PER_SECOND * job.duration}
        if job.done_at is None:
            job.done_at = time.monotonic()
        if job.outcome == "moderated":
            return Response(
                200,
                json={
                    "status": "done",
                    "video": {"duration": job.duration, "respect_moderation": False},
                    "model": model,
                    "usage": usage,
                    "progress": 100,
                },
            )
        return Response(
            200,
            json={
                "status": "done",
                "video": {
                    "url": self.url(f"/files/{job.id}.mp4"),
                    "duration": job.duration,
                    "respect_moderation": True,
                },
                "model": model,
                "usage": usage,
                "progress": 100,
            },
        )

    def _file(self, req: Recorded, name: str):
        s = self.scripted(req)
        if isinstance(s, Response):
            return s
        if name.endswith(".mp4"):
            job = self.videos.get(name[:-4])
            if job is None or job.done_at is None or job.outcome != "done":
                return Response(404, body=b"Not Found", content_type="text/plain")
            if self.video_url_status is not None:
                return Response(
                    self.video_url_status,
                    body=b"<Error><Code>AccessDenied</Code></Error>",
                    content_type="application/xml",
                )
            if self.video_url_ttl is not None and time.monotonic() - job.done_at > self.video_url_ttl:
                return Response(404, body=b"Not Found", content_type="text/plain")
            payload = self.video_bytes if self.video_bytes is not None else sample_mp4()
            if self.video_size is not None:
                return Response(
                    200,
                    chunks=padded_stream(payload, self.video_size),
                    length=self.video_size,
                    content_type="video/mp4",
                )
            return Response(200, body=payload, content_type="video/mp4")
        if name in self.files:
            data, mime = self.files[name]
            return Response(200, body=data, content_type=mime)
        return Response(404, body=b"Not Found", content_type="text/plain")


__all__ = ["FakeXAI", "VideoJob"]
