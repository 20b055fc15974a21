"""Gemini pictures and scenes through the worker's jobs, against the fake Gemini server."""

import base64
import io

import pytest
from PIL import Image

from media_gen.providers.base import Person, Photo
from stories.models import ImageModel
from stories.prompts import SCENE_SCHEMA
from tests.fakes import DEFAULT_SCENE, FakeGemini, colour_for, make_image
from tests.helpers import cast, make_story, play, serving, write

pytestmark = pytest.mark.django_db

KEY = "gemini-test-key"
PICTURES = "/v1/models/gemini-3.1-flash-image:generateContent"
SCENES = "/v1/models/gemini-2.5-flash:streamGenerateContent"  # scenes are streamed
AVA = Person(name="Ava", photos=(Photo("ava.jpg", make_image(64, 64, "ava", "jpeg"), "image/jpeg"),))
BEN = Person(name="Ben", photos=(Photo("ben.png", make_image(64, 64, "ben", "png"), "image/png"),))


fake = serving(FakeGemini, "GEMINI", KEY)


def test_gemini_draws_a_square_png_into_the_tier_folder(fake, media_root):
    _, scene = make_story(tier="nsfw", image_model="gemini")
    image = play(scene).image
    assert image.status == "complete", image.error
    request = fake.last(PICTURES)
    assert request.headers["x-goog-api-key"] == KEY
    config = request.json["generationConfig"]
    assert config["responseModalities"] == ["IMAGE"]
    assert config["imageConfig"] == {"aspectRatio": "1:1"}
    [content] = request.json["contents"]
    assert content["parts"] == [{"text": content["parts"][0]["text"]}]  # the prompt, and no photos
    assert image.file.name == f"nsfw/images/{image.pk}.png"
    picture = Image.open(io.BytesIO((media_root / image.file.name).read_bytes()))
    assert (picture.format, picture.size) == ("PNG", (1024, 1024))
    assert picture.getpixel((0, 0))[:3] == colour_for(content["parts"][0]["text"])
    usage = image.usage
    assert (usage["images"], usage["output_tokens"]) == (1, 1120)
    assert usage["total_tokens"] == usage["input_tokens"] + 1120
    assert image.request_id


def test_thought_parts_are_skipped(fake, media_root):
    fake.thought_parts = True  # a draft picture comes first, marked as a thought
    _, scene = make_story(image_model="gemini")
    image = play(scene).image
    assert image.status == "complete", image.error
    assert Image.open(media_root / image.file.name).size == (1024, 1024)


def test_memory_mode_sends_the_photos_as_inline_parts_before_the_prompt(fake, monkeypatch):
    cast(monkeypatch, AVA, BEN)
    _, scene = make_story(image_model="gemini", memory_mode=True)
    image = play(scene).image
    assert image.status == "complete", image.error
    parts = fake.last(PICTURES).json["contents"][0]["parts"]
    inline = [part["inlineData"] for part in parts[:2]]
    # The SDK sends bytes the proto JSON way: URL-safe base64.
    assert [(data["mime_type"], base64.urlsafe_b64decode(data["data"])) for data in inline] == [
        ("image/jpeg", AVA.photos[0].data),
        ("image/png", BEN.photos[0].data),
    ]
    assert list(parts[2]) == ["text"] and len(parts) == 3


def test_gemini_writes_scenes_with_a_json_response_schema(fake):
    _, scene = make_story(text_model="gemini")
    scene = write(scene)
    assert scene.status == "complete", scene.error
    assert (scene.title, scene.text) == (DEFAULT_SCENE["title"], DEFAULT_SCENE["text"])
    request = fake.last(SCENES)
    assert request.headers["x-goog-api-key"] == KEY
    config = request.json["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert config["responseJsonSchema"] == SCENE_SCHEMA
    assert "choose-your-own-adventure" in request.json["systemInstruction"]["parts"][0]["text"]
    assert "A brave girl named Ava" in request.json["contents"][0]["parts"][0]["text"]
    assert scene.usage["total_tokens"] > 0 and scene.request_id


def test_a_cut_off_scene_is_asked_for_once_more(fake):
    fake.truncate_next()
    _, scene = make_story(text_model="gemini")
    assert write(scene).status == "complete"
    assert len(fake.requests_to(SCENES)) == 2


def test_a_scene_refused_twice_fails_readably(fake):
    fake.block_prompt_next("PROHIBITED_CONTENT", times=2)
    _, scene = make_story(text_model="gemini")
    scene = write(scene)
    assert scene.status == "failed"
    assert scene.error == "Gemini refused to write this scene (PROHIBITED_CONTENT). It was asked twice; try again."


@pytest.mark.parametrize(
    "script, error",
    [
        (
            lambda fake: fake.block_prompt_next("SAFETY"),
            "Blocked by Gemini's safety system (SAFETY) — try another choice or another model.",
        ),
        (
            lambda fake: fake.image_safety_next(),
            "Blocked by Gemini's safety system (IMAGE_SAFETY) — try another choice or another model.",
        ),
        (
            lambda fake: fake.text_only_next("I can't draw that."),
            "Gemini answered without a picture (STOP): I can't draw that.",
        ),
    ],
)
def test_a_picture_gemini_will_not_draw_fails_at_once(fake, waits, script, error):
    script(fake)
    _, scene = make_story(image_model="gemini")
    image = play(scene).image
    assert image.status == "failed"
    assert image.error == error
    assert len(fake.requests_to(PICTURES)) == 1 and waits == []


def test_a_quota_answer_is_retried_after_its_retry_delay(fake, waits):
    fake.rate_limit_next(retry_delay="1.5s")
    _, scene = make_story(image_model="gemini")
    image = play(scene).image
    assert image.status == "complete", image.error
    assert len(waits) == 1 and waits[0] >= 1.5


def test_a_timeout_is_retried(fake, settings):
    settings.PROVIDER_TIMEOUT = 0.3
    fake.slow_next(3)
    _, scene = make_story(image_model="gemini")
    assert play(scene).image.status == "complete"
    assert len(fake.requests_to(PICTURES)) == 2


def test_a_server_error_is_retried(fake):
    fake.server_error_next(503)
    _, scene = make_story(image_model="gemini")
    assert play(scene).image.status == "complete"


def test_a_malformed_answer_fails_and_writes_nothing(fake, media_root):
    fake.malformed_next()
    _, scene = make_story(image_model="gemini")
    image = play(scene).image
    assert image.status == "failed"
    assert image.error == "Gemini sent an answer that could not be read."
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_a_retired_gemini_model_fails_with_the_admin_hint(fake, waits):
    ImageModel.objects.filter(key="gemini").update(api_model="gemini-2.5-flash-image")
    _, scene = make_story(image_model="gemini")
    image = play(scene).image
    assert image.status == "failed"
    assert image.error == (
        "Gemini does not know “gemini-2.5-flash-image”: this model was retired — pick another in the admin."
    )
    assert waits == []


def test_a_refused_gemini_key_fails_at_once_naming_the_setting(fake, waits):
    fake.api_key = "the-right-key"
    _, scene = make_story(image_model="gemini")
    image = play(scene).image
    assert image.status == "failed"
    assert image.error == "The Gemini key was refused — check GEMINI_API_KEY."
    assert waits == []
