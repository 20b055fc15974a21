"""xAI: Grok Imagine pictures (generations through the openai SDK, edits with reference
photos as JSON), Grok Imagine clips, and Grok chat models (OpenAI-compatible)."""

import base64
import io

import httpx
from django.conf import settings

from media_gen.providers.base import TLS_CONTEXT, VideoPoll, retry_after
from media_gen.providers.downloads import download
from media_gen.providers.openai import ChatProvider

MAX_REFERENCES = 3  # /images/edits takes at most 3 images
MAX_IMAGE_BYTES = 20 * 1024 * 1024
ASPECT_RATIO = "1:1"


class XAIProvider(ChatProvider):
    label = "xAI"
    key_name = "XAI_API_KEY"
    safety_system = "moderation"

    async def draw(self, brief):
        if photos := brief.photos(MAX_REFERENCES):
            # Editing is a JSON endpoint of its own, which the openai SDK's multipart
            # images.edit() does not speak.
            references = [{"url": data_uri(photo.data, photo.mime), "type": "image_url"} for photo in photos]
            answer, request_id = await self.call(
                "POST",
                "/images/edits",
                {
                    "model": self.spec.api_model,
                    "prompt": brief.prompt,
                    "response_format": "b64_json",
                    "aspect_ratio": ASPECT_RATIO,
                    **({"image": references[0]} if len(references) == 1 else {"images": references}),
                },
            )
        else:
            async with self.client() as client:
                with self.sdk_errors():
                    response = await client.images.generate(
                        model=self.spec.api_model,
                        prompt=brief.prompt,
                        response_format="b64_json",
                        extra_body={"aspect_ratio": ASPECT_RATIO},  # xAI's own field; it takes no `size`
                    )
            answer, request_id = response.to_dict(), response._request_id or ""
        return await self.read_picture(answer, request_id)

    async def read_picture(self, answer, request_id):
        item = (answer.get("data") or [{}])[0]
        usage = {"images": 1, **usage_of_dict(answer.get("usage"))}
        if item.get("respect_moderation") is False:
            raise self.blocked(request_id=request_id)
        if item.get("b64_json"):
            return self.picture(item["b64_json"], usage=usage, request_id=request_id)
        if item.get("url"):
            # A URL answer is temporary: fetch it at once.
            buffer = io.BytesIO()
            await download(item["url"], buffer, max_bytes=MAX_IMAGE_BYTES, what="picture")
            return self.picture(buffer.getvalue(), usage=usage, request_id=request_id)
        raise self.unreadable("an answer without a picture")

    async def submit_video(self, brief):
        request = {
            "model": settings.XAI_VIDEO_MODEL,
            "prompt": brief.prompt,
            "duration": brief.duration,
            "aspect_ratio": brief.aspect_ratio,
            "resolution": brief.resolution,
        }
        if brief.image:
            request["image"] = {"url": data_uri(brief.image, brief.image_mime)}
        answer, _ = await self.call("POST", "/videos/generations", request)
        if not answer.get("request_id"):
            raise self.unreadable("an answer without a request id")
        return answer["request_id"]

    async def poll_video(self, request_id):
        answer, _ = await self.call("GET", f"/videos/{request_id}")
        status = answer.get("status", "pending")  # a 202 may come with an empty body
        if status == "done":
            video = answer.get("video") or {}
            if video.get("respect_moderation") is False or not video.get("url"):
                return VideoPoll("failed", error=self.blocked().message)
            usage = {"videos": 1, "seconds": video.get("duration", 0), **usage_of_dict(answer.get("usage"))}
            return VideoPoll("done", url=video["url"], usage=usage)
        if status in ("failed", "expired"):
            message = (answer.get("error") or {}).get("message") or f"xAI says the clip {status}."
            return VideoPoll(status, error=message)
        return VideoPoll("pending")

    async def call(self, method, path, request=None):
        """One JSON request to the xAI REST API: (answer, request id); an empty body is {}."""
        self.check_key()
        headers = {"Authorization": f"Bearer {self.api_key}"}
        try:
            async with httpx.AsyncClient(
                base_url=self.spec.base_url, headers=headers, timeout=settings.PROVIDER_TIMEOUT, verify=TLS_CONTEXT
            ) as client:
                response = await client.request(method, path, json=request)
        except httpx.TimeoutException as error:
            raise self.network_error(timed_out=True) from error
        except httpx.TransportError as error:
            raise self.network_error(timed_out=False) from error
        request_id = response.headers.get("x-request-id", "")
        try:
            answer = response.json() if response.content else {}
        except ValueError:
            answer = None
        if response.is_error:
            detail, code = error_detail(answer)
            raise self.http_error(
                response.status_code,
                detail or response.text,
                code=code,
                retry_after=retry_after(response.headers),
                request_id=request_id,
            )
        if not isinstance(answer, dict):
            raise self.unreadable()
        return answer, request_id


def data_uri(data, mime):
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def error_detail(answer):
    """(message, code) from xAI's {"code": "<a phrase>", "error": "<message>"} or OpenAI's
    {"error": {"message", "code"}}."""
    error = answer.get("error") if isinstance(answer, dict) else None
    if isinstance(error, dict):
        return error.get("message", ""), error.get("code") or ""
    return error or "", ""


def usage_of_dict(usage):
    """xAI's usage on REST answers: the cost in 1e-10 USD ticks."""
    ticks = (usage or {}).get("cost_in_usd_ticks")
    return {"cost_in_usd_ticks": ticks} if isinstance(ticks, int) else {}
