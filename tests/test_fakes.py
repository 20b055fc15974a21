"""The fake provider servers, driven by the real SDKs exactly as the app uses them."""

import asyncio
import base64
import io
import json
import threading

import httpx
import openai
import pytest
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from PIL import Image

from tests.fakes import FakeGemini, FakeOpenAI, FakeXAI, colour_for, make_image

PNG = make_image(64, 48, "reference photo", "png")
SCENE_SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "text": {"type": "string"},
        "choices": {"type": "array", "items": {"type": "string"}},
        "is_ending": {"type": "boolean"},
        "image_prompt": {"type": "string"},
    },
    "required": ["title", "text", "choices", "is_ending", "image_prompt"],
    "additionalProperties": False,
}
JSON_SCHEMA_FORMAT = {"type": "json_schema", "json_schema": {"name": "scene", "strict": True, "schema": SCENE_SCHEMA}}
MESSAGES = [{"role": "system", "content": "You write stories."}, {"role": "user", "content": "Begin."}]


# tests/conftest.py has autouse fixtures that need Django (settings, channel layer).
# These tests need neither, and run with `-p no:django`: shadow them with no-ops.
@pytest.fixture(autouse=True)
def media_root():
    return None


@pytest.fixture(autouse=True)
def quick_retries():
    return None


@pytest.fixture(autouse=True)
def empty_channel_layer():
    return None


_open_clients = []


def run(coro):
    """asyncio.run(coro), closing the SDK clients made meanwhile inside the same loop."""

    async def main():
        try:
            return await coro
        finally:
            while _open_clients:
                client = _open_clients.pop()
                await (client.aio.aclose() if isinstance(client, genai.Client) else client.close())

    return asyncio.run(main())


def image_of(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def oai(fake, **kw):
    client = openai.AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=kw.pop("max_retries", 0), **kw)
    _open_clients.append(client)
    return client


def gem(fake, **http):
    client = genai.Client(api_key="test", http_options=types.HttpOptions(base_url=fake.base_url, **http))
    _open_clients.append(client)
    return client


# ============================================================== OpenAI images


@pytest.fixture
def openai_fake():
    with FakeOpenAI() as fake:
        yield fake
        assert fake.errors == []


def test_openai_generate_returns_real_png(openai_fake):
    async def go():
        return await oai(openai_fake).images.generate(model="gpt-image-1.5", prompt="a fox", size="1024x1024")

    resp = run(go())
    img = image_of(base64.b64decode(resp.data[0].b64_json))
    assert (img.format, img.size) == ("PNG", (1024, 1024))
    assert img.getpixel((5, 5))[:3] == colour_for("a fox")
    assert resp.size == "1024x1024" and resp.usage.output_tokens > 0 and resp.created
    req = openai_fake.last("/v1/images/generations")
    assert req.headers["Authorization"] == "Bearer test"
    assert req.json == {"model": "gpt-image-1.5", "prompt": "a fox", "size": "1024x1024"}
    assert req.status == 200


def test_openai_edit_multipart_image_parts(openai_fake):
    async def go():
        client = oai(openai_fake)
        many = await client.images.edit(
            model="gpt-image-1.5",
            prompt="add a hat",
            input_fidelity="high",
            image=[("a.png", PNG, "image/png"), ("b.png", PNG, "image/png")],
        )
        one = await client.images.edit(
            model="gpt-image-1-mini",
            prompt="add a hat",
            image=("a.png", PNG, "image/png"),
            size="1024x1536",
            quality="low",
        )
        return many, one

    many, one = run(go())
    first, second = openai_fake.requests_to("/v1/images/edits")
    assert [p.filename for p in first.form["image[]"]] == ["a.png", "b.png"]
    assert {p.content_type for p in first.form["image[]"]} == {"image/png"}
    assert first.form_value("input_fidelity") == "high" and first.form_value("prompt") == "add a hat"
    assert "image" in second.form and "image[]" not in second.form
    assert image_of(base64.b64decode(many.data[0].b64_json)).size == (1536, 1024)  # auto follows the 64x48 input
    assert image_of(base64.b64decode(one.data[0].b64_json)).size == (1024, 1536)


@pytest.mark.parametrize(
    "kwargs, param, code",
    [
        ({"response_format": "b64_json"}, "response_format", "unknown_parameter"),
        ({"size": "512x512"}, "size", "invalid_value"),
        ({"quality": "hd"}, "quality", "invalid_value"),
        ({"n": 11}, "n", "integer_above_max_value"),
    ],
)
def test_openai_generate_validation(openai_fake, kwargs, param, code):
    async def go():
        await oai(openai_fake).images.generate(model="gpt-image-1.5", prompt="x", **kwargs)

    with pytest.raises(openai.BadRequestError) as e:
        run(go())
    assert (e.value.param, e.value.code) == (param, code)
    if param == "response_format":
        assert "Unknown parameter: 'response_format'" in e.value.message


def test_openai_edit_validation(openai_fake):
    async def edit(**kw):
        args = {"model": "gpt-image-1.5", "prompt": "x", "image": [("a.png", PNG, "image/png")]} | kw
        await oai(openai_fake).images.edit(**args)

    with pytest.raises(openai.BadRequestError, match=r"unsupported mimetype \('application/octet-stream'\)"):
        run(edit(image=PNG))  # raw bytes: filename "upload", application/octet-stream
    with pytest.raises(openai.BadRequestError) as e:
        run(edit(model="gpt-image-1-mini", input_fidelity="high"))
    assert e.value.param == "input_fidelity"
    with pytest.raises(openai.BadRequestError, match="Invalid image file"):
        run(edit(image=[("a.png", b"not a png", "image/png")]))
    with pytest.raises(openai.BadRequestError, match="Unknown parameter: 'moderation'"):
        run(edit(extra_body={"moderation": "low"}))


def test_openai_retired_model_and_auth(openai_fake):
    async def go(client, model="gpt-image-1"):
        await client.images.generate(model=model, prompt="x")

    with pytest.raises(openai.NotFoundError) as e:
        run(go(oai(openai_fake)))
    assert e.value.code == "model_not_found"
    openai_fake.api_key = "right"
    with pytest.raises(openai.AuthenticationError) as e:
        run(go(oai(openai_fake), "gpt-image-1.5"))
    assert e.value.code == "invalid_api_key"
    r = httpx.post(openai_fake.base_url + "/images/generations", json={"model": "gpt-image-1.5", "prompt": "x"})
    assert r.status_code == 401 and "API key" in r.json()["error"]["message"]


def test_openai_faults_surface_as_sdk_exceptions(openai_fake):
    gen = FakeOpenAI.IMAGES_GENERATIONS

    async def go():
        return await oai(openai_fake).images.generate(model="gpt-image-1.5", prompt="x", size="1024x1024")

    openai_fake.rate_limit_next(gen, retry_after=1)
    with pytest.raises(openai.RateLimitError) as e:
        run(go())
    assert e.value.response.headers["retry-after"] == "1"
    assert e.value.response.headers["x-ratelimit-remaining-requests"] == "0"
    assert e.value.code == "rate_limit_exceeded" and e.value.request_id.startswith("req_")

    openai_fake.insufficient_quota_next(gen)
    with pytest.raises(openai.RateLimitError) as e:
        run(go())
    assert e.value.code == "insufficient_quota"

    openai_fake.moderation_block_next(gen)
    with pytest.raises(openai.BadRequestError) as e:
        run(go())
    assert e.value.code == "moderation_blocked" and e.value.type == "image_generation_user_error"

    openai_fake.server_error_next(gen, 503)
    with pytest.raises(openai.InternalServerError):
        run(go())

    openai_fake.malformed_next(gen)
    with pytest.raises(json.JSONDecodeError):  # the SDK does not wrap a broken 200 body
        run(go())
    assert openai_fake.pending_scripts() == 0


def test_openai_sdk_retries_follow_headers(openai_fake, monkeypatch):
    gen = FakeOpenAI.IMAGES_GENERATIONS
    waits = []
    calculate = openai._base_client.BaseClient._calculate_retry_timeout

    def recorded(client, *args):
        waits.append(calculate(client, *args))
        return waits[-1]

    monkeypatch.setattr(openai._base_client.BaseClient, "_calculate_retry_timeout", recorded)

    async def go():
        return await oai(openai_fake, max_retries=2).images.generate(
            model="gpt-image-1.5", prompt="x", size="1024x1024"
        )

    openai_fake.rate_limit_next(gen, retry_after=None, retry_after_ms=10)
    openai_fake.server_error_next(gen, 500, should_retry=True, headers={"retry-after-ms": "20"})
    assert run(go()).data[0].b64_json
    assert [r.headers["x-stainless-retry-count"] for r in openai_fake.requests_to(gen)] == ["0", "1", "2"]
    assert [r.status for r in openai_fake.requests_to(gen)] == [429, 500, 200]
    assert waits == [0.01, 0.02]  # what the headers asked for, not the SDK's own backoff

    openai_fake.clear()
    openai_fake.no_retry_next(gen, 500)
    with pytest.raises(openai.InternalServerError):
        run(go())
    assert len(openai_fake.requests_to(gen)) == 1  # x-should-retry: false


def test_openai_slow_response_times_out(openai_fake):
    openai_fake.slow_next(FakeOpenAI.IMAGES_GENERATIONS, delay=600)  # the fake's stop() cuts it short

    async def go():
        await oai(openai_fake, timeout=0.3).images.generate(model="gpt-image-1.5", prompt="x")

    with pytest.raises(openai.APITimeoutError):
        run(go())


# ============================================================== OpenAI text


def test_openai_chat_structured_output_plain_and_stream(openai_fake):
    async def go():
        client = oai(openai_fake)
        plain = await client.chat.completions.create(
            model="gpt-5-mini", messages=MESSAGES, response_format=JSON_SCHEMA_FORMAT
        )
        stream = await client.chat.completions.create(
            model="gpt-5-mini",
            messages=MESSAGES,
            response_format=JSON_SCHEMA_FORMAT,
            stream=True,
            stream_options={"include_usage": True},
        )
        text, usage, finish = "", None, None
        async for chunk in stream:
            if chunk.usage:
                usage = chunk.usage
            if chunk.choices:
                text += chunk.choices[0].delta.content or ""
                finish = chunk.choices[0].finish_reason or finish
        return plain, text, usage, finish

    plain, text, usage, finish = run(go())
    assert plain.choices[0].finish_reason == "stop" and plain.usage.total_tokens > 0
    assert json.loads(plain.choices[0].message.content) == openai_fake.scene_json
    assert json.loads(text) == openai_fake.scene_json and finish == "stop" and usage.total_tokens > 0


def test_openai_text_fits_custom_schema_and_scripted_cases(openai_fake):
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "mood", "choices"],
        "properties": {
            "title": {"type": "string"},
            "mood": {"type": "string", "enum": ["calm", "tense"]},
            "choices": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
        },
    }
    fmt = {"type": "json_schema", "json_schema": {"name": "beat", "strict": True, "schema": schema}}

    async def ask(response_format=fmt):
        r = await oai(openai_fake).chat.completions.create(
            model="gpt-5-mini", messages=MESSAGES, response_format=response_format
        )
        return r.choices[0]

    data = json.loads(run(ask()).message.content)
    assert data == {
        "title": openai_fake.scene_json["title"],
        "mood": "calm",
        "choices": openai_fake.scene_json["choices"][:2],
    }

    openai_fake.truncate_next()
    choice = run(ask())
    assert choice.finish_reason == "length"
    with pytest.raises(json.JSONDecodeError):
        json.loads(choice.message.content)

    openai_fake.refuse_next("No.")
    choice = run(ask())
    assert choice.message.refusal == "No." and choice.message.content is None

    openai_fake.invalid_json_next()
    with pytest.raises(json.JSONDecodeError):
        json.loads(run(ask()).message.content)

    loose = {
        "type": "json_schema",
        "json_schema": {
            "name": "beat",
            "strict": True,
            "schema": {"type": "object", "properties": {"a": {"type": "string"}}},
        },
    }
    with pytest.raises(openai.BadRequestError, match="additionalProperties"):
        run(ask(loose))


def test_openai_responses_api(openai_fake):
    fmt = {"format": {"type": "json_schema", "name": "scene", "strict": True, "schema": SCENE_SCHEMA}}

    async def go():
        client = oai(openai_fake)
        r = await client.responses.create(
            model="gpt-5-mini", instructions="sys", input=[{"role": "user", "content": "Begin."}], text=fmt
        )
        events = [
            e async for e in await client.responses.create(model="gpt-5-mini", input="Begin.", text=fmt, stream=True)
        ]
        return r, events

    resp, events = run(go())
    assert resp.status == "completed" and json.loads(resp.output_text) == openai_fake.scene_json
    assert events[-1].type == "response.completed"
    assert (
        json.loads("".join(e.delta for e in events if e.type == "response.output_text.delta")) == openai_fake.scene_json
    )

    async def bad():
        await oai(openai_fake).responses.create(
            model="gpt-5-mini", input="x", extra_body={"response_format": {"type": "json_object"}}
        )

    with pytest.raises(openai.BadRequestError, match="text.format"):
        run(bad())


# ============================================================== xAI


@pytest.fixture
def xai_fake():
    with FakeXAI() as fake:
        yield fake
        assert fake.errors == []


def xai_http(fake):
    return httpx.AsyncClient(base_url=fake.base_url, headers={"Authorization": "Bearer test"}, timeout=10)


def data_uri(png=PNG):
    return "data:image/png;base64," + base64.b64encode(png).decode()


def test_xai_generate_via_openai_sdk(xai_fake):
    async def go(fmt):
        return await oai(xai_fake).images.generate(
            model="grok-imagine-image", prompt="a fox", response_format=fmt, extra_body={"aspect_ratio": "1:1"}
        )

    resp = run(go("b64_json"))
    img = image_of(base64.b64decode(resp.data[0].b64_json))
    assert (img.format, img.size) == ("JPEG", (1024, 1024))
    assert all(abs(a - b) < 8 for a, b in zip(img.getpixel((5, 5)), colour_for("a fox")))
    assert resp.created is None and resp.usage.model_extra["cost_in_usd_ticks"] == 200_000_000
    assert xai_fake.last().json == {
        "model": "grok-imagine-image",
        "prompt": "a fox",
        "response_format": "b64_json",
        "aspect_ratio": "1:1",
    }

    xai_fake.b64_data_uri = True
    assert run(go("b64_json")).data[0].b64_json.startswith("data:image/jpeg;base64,")

    url = run(go("url")).data[0].url
    assert url.startswith(xai_fake.origin + "/files/")
    assert image_of(httpx.get(url).content).format == "JPEG"

    xai_fake.moderate_next(FakeXAI.IMAGES_GENERATIONS)
    moderated = run(go("b64_json")).data[0]
    assert moderated.b64_json is None and moderated.model_extra["respect_moderation"] is False


def test_xai_edit_json_validation(xai_fake):
    async def edit(body, **kw):
        async with xai_http(xai_fake) as c:
            return await c.post(
                "/images/edits",
                json={"model": "grok-imagine-image", "prompt": "hat", "response_format": "b64_json"} | body,
                **kw,
            )

    ok = run(
        edit(
            {
                "images": [
                    {"url": data_uri(), "type": "image_url"},
                    {"url": "https://example.com/b.jpg", "type": "image_url"},
                ],
                "aspect_ratio": "2:3",
            }
        )
    )
    assert ok.status_code == 200
    assert image_of(base64.b64decode(ok.json()["data"][0]["b64_json"])).size == (832, 1248)
    assert run(edit({"image": {"url": data_uri(), "type": "image_url"}})).status_code == 200

    four = [{"url": data_uri(), "type": "image_url"}] * 4
    assert run(edit({"images": four})).status_code == 400
    both = run(edit({"image": {"url": data_uri()}, "images": [{"url": data_uri()}]}))
    assert both.status_code == 400 and set(both.json()) == {"code", "error"}
    assert run(edit({})).status_code == 400
    assert run(edit({"image": [{"url": data_uri()}]})).status_code == 422
    assert run(edit({"image": {"url": "http://example.com/a.png"}})).status_code == 400
    assert run(edit({"image": {"url": "data:image/png;base64,not-base64!"}})).status_code == 400

    async def multipart():
        async with xai_http(xai_fake) as c:
            return await c.post("/images/edits", data={"prompt": "x"}, files={"image": ("a.png", PNG, "image/png")})

    assert run(multipart()).status_code == 415


def test_xai_video_submit_poll_download(xai_fake):
    async def go():
        async with xai_http(xai_fake) as c:
            sub = await c.post(
                "/videos/generations",
                json={
                    "model": "grok-imagine-video",
                    "prompt": "a fox runs",
                    "duration": 6,
                    "image": {"url": data_uri()},
                },
            )
            rid = sub.json()["request_id"]
            polls = []
            while True:
                r = await c.get(f"/videos/{rid}")
                polls.append((r.status_code, r.content))
                if r.status_code == 200:
                    break
            video = await c.get(r.json()["video"]["url"])
            return polls, r.json(), video

    polls, done, video = run(go())
    assert [s for s, _ in polls] == [202, 202, 200]
    assert json.loads(polls[0][1])["status"] == "pending" and polls[1][1] == b""  # empty-body 202
    assert done["status"] == "done" and done["video"]["duration"] == 6 and done["usage"]["cost_in_usd_ticks"] > 0
    assert video.headers["content-type"] == "video/mp4" and video.content[4:8] == b"ftyp"
    assert xai_fake.video_submissions == 1


def test_xai_video_outcomes_and_errors(xai_fake):
    xai_fake.video_pending_polls = 0

    async def submit_and_poll(body=None):
        async with xai_http(xai_fake) as c:
            sub = await c.post(
                "/videos/generations", json={"model": "grok-imagine-video", "prompt": "p"} | (body or {})
            )
            if sub.status_code != 200:
                return sub
            return await c.get(f"/videos/{sub.json()['request_id']}")

    xai_fake.next_video("failed", error_code="internal_error")
    failed = run(submit_and_poll())
    assert failed.status_code == 200 and failed.json()["status"] == "failed"
    assert failed.json()["error"]["code"] == "internal_error"
    xai_fake.next_video("expired")
    assert run(submit_and_poll()).json() == {"status": "expired"}
    xai_fake.next_video("moderated")
    assert "url" not in run(submit_and_poll()).json()["video"]
    assert run(submit_and_poll({"duration": 20})).status_code == 400
    assert run(submit_and_poll({"resolution": "1080p"})).status_code == 400
    assert httpx.get(xai_fake.base_url + "/videos/nope", headers={"Authorization": "Bearer t"}).status_code == 404

    xai_fake.video_size = 20 * 1024 * 1024
    url = run(submit_and_poll()).json()["video"]["url"]
    with httpx.stream("GET", url) as r:
        assert int(r.headers["content-length"]) == xai_fake.video_size
        assert sum(len(c) for c in r.iter_bytes()) == xai_fake.video_size
    xai_fake.expire_video_urls()
    assert httpx.get(url).status_code == 404
    assert xai_fake.video_submissions == 4


def test_xai_text_auth_and_rate_limit(xai_fake):
    async def chat(client):
        return await client.chat.completions.create(
            model="grok-4", messages=MESSAGES, response_format=JSON_SCHEMA_FORMAT
        )

    resp = run(chat(oai(xai_fake)))
    assert json.loads(resp.choices[0].message.content) == xai_fake.scene_json
    assert resp.usage.model_extra["cost_in_usd_ticks"] > 0

    xai_fake.rate_limit_next(FakeXAI.CHAT)
    with pytest.raises(openai.RateLimitError):
        run(chat(oai(xai_fake)))
    r = httpx.post(xai_fake.base_url + "/images/generations", json={"model": "grok-imagine-image", "prompt": "x"})
    assert r.status_code == 400 and "API key" in r.json()["error"]


# ============================================================== Gemini


@pytest.fixture
def gemini_fake():
    with FakeGemini() as fake:
        yield fake
        assert fake.errors == []


def image_config(ratio="1:1"):
    return types.GenerateContentConfig(
        response_modalities=["IMAGE"], image_config=types.ImageConfig(aspect_ratio=ratio)
    )


async def gen_image(fake, model="gemini-3.1-flash-image", ratio="1:1", contents=None, **http):
    return await gem(fake, **http).aio.models.generate_content(
        model=model,
        contents=contents or [types.Part.from_bytes(data=PNG, mime_type="image/png"), "a fox"],
        config=image_config(ratio),
    )


def test_gemini_image_and_json_text(gemini_fake):
    resp = run(gen_image(gemini_fake))
    parts = [p for p in resp.candidates[0].content.parts if p.inline_data and not p.thought]
    img = image_of(parts[0].inline_data.data)
    assert (img.format, img.size) == ("PNG", (1024, 1024)) and img.getpixel((0, 0))[:3] == colour_for("a fox")
    req = gemini_fake.last()
    assert req.path == "/v1/models/gemini-3.1-flash-image:generateContent"
    assert req.headers["x-goog-api-key"] == "test"
    assert req.json["contents"][0]["parts"][0]["inlineData"]["mime_type"] == "image/png"

    wide = run(gen_image(gemini_fake, ratio="16:9", api_version="v1beta"))
    assert image_of(wide.parts[-1].inline_data.data).size == (1376, 768)
    assert gemini_fake.last().path.startswith("/v1beta/")

    async def text():
        return await gem(gemini_fake).aio.models.generate_content(
            model="gemini-3-flash",
            contents="Begin.",
            config=types.GenerateContentConfig(
                response_mime_type="application/json",
                response_json_schema=SCENE_SCHEMA,
                system_instruction="You write stories.",
            ),
        )

    assert json.loads(run(text()).text) == gemini_fake.scene_json
    gemini_fake.truncate_next()
    r = run(text())
    assert r.candidates[0].finish_reason == types.FinishReason.MAX_TOKENS
    with pytest.raises(json.JSONDecodeError):
        json.loads(r.text)


def test_gemini_scripted_outcomes(gemini_fake):
    gemini_fake.block_prompt_next("PROHIBITED_CONTENT")
    r = run(gen_image(gemini_fake))
    assert r.candidates is None and r.prompt_feedback.block_reason == types.BlockedReason.PROHIBITED_CONTENT

    gemini_fake.image_safety_next()
    r = run(gen_image(gemini_fake))
    assert r.candidates[0].finish_reason == types.FinishReason.IMAGE_SAFETY and r.candidates[0].content is None

    gemini_fake.text_only_next("Cannot draw that.")
    r = run(gen_image(gemini_fake))
    assert [p.text for p in r.candidates[0].content.parts] == ["Cannot draw that."]

    gemini_fake.thought_parts = True
    r = run(gen_image(gemini_fake))
    assert [bool(p.thought) for p in r.candidates[0].content.parts] == [True, True, False]


def test_gemini_errors(gemini_fake):
    gemini_fake.rate_limit_next(retry_delay="47s")
    with pytest.raises(genai_errors.ClientError) as e:
        run(gen_image(gemini_fake))
    assert (e.value.code, e.value.status) == (429, "RESOURCE_EXHAUSTED")
    assert e.value.details["error"]["details"][-1]["retryDelay"] == "47s"

    gemini_fake.server_error_next(503)
    with pytest.raises(genai_errors.ServerError) as e:
        run(gen_image(gemini_fake))
    assert e.value.code == 503

    for retired in ("gemini-2.5-flash-image", "gemini-3.1-flash-image-preview"):
        with pytest.raises(genai_errors.ClientError) as e:
            run(gen_image(gemini_fake, model=retired))
        assert (e.value.code, e.value.status) == (404, "NOT_FOUND")

    with pytest.raises(genai_errors.ClientError) as e:  # text model asked for an image
        run(gen_image(gemini_fake, model="gemini-3-flash"))
    assert e.value.code == 400
    with pytest.raises(genai_errors.ClientError, match="input image"):
        run(gen_image(gemini_fake, contents=[types.Part.from_bytes(data=b"garbage", mime_type="image/png"), "x"]))
    with pytest.raises(genai_errors.ClientError):
        run(gen_image(gemini_fake, ratio="7:3"))

    r = httpx.post(
        gemini_fake.origin + "/v1/models/gemini-3.1-flash-image:generateContent",
        json={"contents": [{"parts": [{"text": "x"}]}]},
    )
    assert r.status_code == 400 and r.json()["error"]["details"][0]["reason"] == "API_KEY_INVALID"


# ============================================================== plumbing


def test_the_fake_answers_requests_concurrently():
    # No request is answered until all 40 are in: a fake serving one at a time would break the barrier.
    all_in = threading.Barrier(40, timeout=30)
    with FakeGemini() as fake:

        def when_all_are_in(request):
            all_in.wait()  # then answer as usual

        fake.script(FakeGemini.GENERATE, when_all_are_in, times=40)

        async def many():
            client = gem(fake)
            return await asyncio.gather(
                *[client.aio.models.generate_content(model="gemini-3-flash", contents=f"q{i}") for i in range(40)]
            )

        answers = run(many())
        assert len(answers) == 40 and all(a.text for a in answers)
        assert len(fake.requests) == 40 and fake.errors == []
