"""OpenAI images and text, and OpenAI-compatible text servers, run through the worker's jobs
against the fake OpenAI server."""

import io
from dataclasses import replace

import pytest
from django.urls import reverse
from PIL import Image

from media_gen.providers.base import Person, Photo
from stories.models import ImageAsset, ImageModel, TextModel
from stories.prompts import SCENE_SCHEMA
from tests.fakes import DEFAULT_SCENE, FakeOpenAI, make_image
from tests.helpers import cast, draw, make_story, play, serving, write

pytestmark = pytest.mark.django_db

KEY = "sk-test-openai-key"
GENERATIONS, EDITS, CHAT = FakeOpenAI.IMAGES_GENERATIONS, FakeOpenAI.IMAGES_EDITS, FakeOpenAI.CHAT

AVA = Person(
    name="Ava",
    relation="me",
    photos=(
        Photo("ava.png", make_image(64, 64, "ava", "png"), "image/png"),
        Photo("ava-2.jpg", make_image(64, 64, "ava again", "jpeg"), "image/jpeg"),
    ),
)
BEN = Person(
    name="Ben", relation="my brother", photos=(Photo("ben.webp", make_image(64, 64, "ben", "webp"), "image/webp"),)
)


fake = serving(FakeOpenAI, "OPENAI", KEY)


def stored_picture(media_root, image):
    return Image.open(io.BytesIO((media_root / image.file.name).read_bytes()))


@pytest.mark.parametrize("key", ["gpt-image-1-mini", "gpt-image-1.5"])
def test_each_openai_image_model_draws_a_square_png_into_the_tier_folder(fake, media_root, key):
    _, scene = make_story(tier="nsfw", image_model=key)
    image = play(scene).image
    assert image.status == "complete", image.error
    request = fake.last(GENERATIONS)
    assert request.json == {"model": key, "prompt": request.json["prompt"], "size": "1024x1024"}
    assert "response_format" not in request.json
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["x-stainless-retry-count"] == "0"
    assert fake.requests_to(EDITS) == []
    assert image.file.name == f"nsfw/images/{image.pk}.png"
    picture = stored_picture(media_root, image)
    assert (picture.format, picture.size) == ("PNG", (1024, 1024))
    assert image.usage["images"] == 1 and image.usage["output_tokens"] > 0 and image.usage["total_tokens"] > 0
    assert image.request_id.startswith("req_")


def test_the_image_prompt_carries_the_scene_and_the_tier_rules(fake):
    _, scene = make_story(image_model="gpt-image-1.5")
    scene = play(scene)
    prompt = fake.last(GENERATIONS).json["prompt"]
    assert scene.image_prompt in prompt and "Style and content rules" in prompt


@pytest.mark.parametrize("key, fidelity", [("gpt-image-1.5", "high"), ("gpt-image-1-mini", None)])
def test_memory_mode_sends_the_photos_to_images_edit(fake, monkeypatch, media_root, key, fidelity):
    cast(monkeypatch, AVA, BEN)
    _, scene = make_story(image_model=key, memory_mode=True)
    image = play(scene).image
    assert image.status == "complete", image.error
    assert fake.requests_to(GENERATIONS) == []
    request = fake.last(EDITS)
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert "image" not in request.form  # always the image[] array, even for one photo
    parts = request.form["image[]"]
    # One photo of each person before a second of anyone.
    assert [(part.filename, part.content_type) for part in parts] == [
        ("ava.png", "image/png"),
        ("ben.webp", "image/webp"),
        ("ava-2.jpg", "image/jpeg"),
    ]
    assert [part.data for part in parts] == [AVA.photos[0].data, BEN.photos[0].data, AVA.photos[1].data]
    assert request.form_value("model") == key and request.form_value("size") == "1024x1024"
    assert request.form_value("input_fidelity") == fidelity
    assert "response_format" not in request.form
    assert stored_picture(media_root, image).format == "PNG"


def test_people_without_photos_get_a_plain_generation(fake, monkeypatch):
    cast(monkeypatch, replace(AVA, photos=()))
    _, scene = make_story(image_model="gpt-image-1.5", memory_mode=True)
    assert play(scene).image.status == "complete"
    assert len(fake.requests_to(GENERATIONS)) == 1 and fake.requests_to(EDITS) == []


def test_a_model_without_reference_support_is_never_sent_photos(fake, monkeypatch):
    ImageModel.objects.filter(key="gpt-image-1.5").update(supports_references=False)
    cast(monkeypatch, AVA)
    _, scene = make_story(image_model="gpt-image-1.5", memory_mode=True)
    assert play(scene).image.status == "complete"
    assert fake.requests_to(EDITS) == []


def test_the_openai_text_model_writes_a_scene_with_the_strict_scene_schema(fake):
    _, scene = make_story(text_model="openai")
    scene = write(scene)
    assert scene.status == "complete", scene.error
    assert (scene.title, scene.text) == (DEFAULT_SCENE["title"], DEFAULT_SCENE["text"])
    assert [choice["text"] for choice in scene.choices] == DEFAULT_SCENE["choices"]
    assert scene.image_prompt == DEFAULT_SCENE["image_prompt"]
    request = fake.last(CHAT)
    assert request.json["model"] == "gpt-5-mini"
    assert request.json["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "scene", "strict": True, "schema": SCENE_SCHEMA},
    }
    system, user = request.json["messages"]
    assert (system["role"], user["role"]) == ("system", "user")
    assert "A brave girl named Ava finds a dragon egg" in user["content"]
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert scene.usage["input_tokens"] > 0 and scene.usage["total_tokens"] > 0
    assert scene.request_id.startswith("req_")


BAD_ANSWERS = {
    "truncated": (lambda fake, times: fake.truncate_next(times=times), "cut off"),
    "refused": (lambda fake, times: fake.refuse_next("I can't write that.", times=times), "refused"),
    "invalid": (lambda fake, times: fake.invalid_json_next(times=times), "not valid JSON"),
}


@pytest.mark.parametrize("bad", BAD_ANSWERS)
def test_a_bad_scene_is_asked_for_once_more(fake, bad):
    script, _ = BAD_ANSWERS[bad]
    script(fake, 1)
    _, scene = make_story(text_model="openai")
    scene = write(scene)
    assert scene.status == "complete", scene.error
    assert len(fake.requests_to(CHAT)) == 2
    # Both answers are counted (the fake counts a quarter of the request body as prompt tokens).
    assert scene.usage["input_tokens"] == sum(len(request.body) // 4 for request in fake.requests_to(CHAT))


@pytest.mark.parametrize("bad", BAD_ANSWERS)
def test_a_scene_bad_twice_fails_with_a_readable_message_and_its_retry_works(fake, client, bad):
    script, words = BAD_ANSWERS[bad]
    script(fake, 2)
    _, scene = make_story(text_model="openai")
    scene = write(scene)
    assert scene.status == "failed"
    assert words in scene.error and "asked twice" in scene.error
    assert len(fake.requests_to(CHAT)) == 2  # not retried again by the retry policy
    assert not ImageAsset.objects.filter(scene=scene).exists()

    client.post(reverse("stories:scene_retry", kwargs={"tier": "kids", "scene_id": scene.pk}))
    scene = write(scene)
    assert scene.status == "complete" and scene.text


def test_an_openai_compatible_text_model_uses_its_own_base_url_and_key(fake, settings, monkeypatch):
    settings.OPENAI_API_KEY = "sk-the-openai-key"
    settings.OPENAI_BASE_URL = "http://127.0.0.1:9/v1"  # never called
    monkeypatch.setenv("STORYTELLER_KEY_LOCAL_LLM", "local-secret")
    TextModel.objects.create(
        key="llama",
        display_name="Llama (Ollama)",
        provider="openai-compatible",
        api_model="llama3.1",
        base_url=fake.base_url,
        api_key_env="STORYTELLER_KEY_LOCAL_LLM",
    )
    _, scene = make_story(text_model="llama")
    scene = write(scene)
    assert scene.status == "complete", scene.error
    request = fake.last(CHAT)
    assert request.json["model"] == "llama3.1"
    assert request.json["response_format"]["json_schema"]["schema"] == SCENE_SCHEMA
    assert request.headers["authorization"] == "Bearer local-secret"


def test_an_openai_compatible_server_without_a_key_is_never_sent_the_openai_key(fake, settings):
    settings.OPENAI_API_KEY = "sk-the-openai-key"
    TextModel.objects.create(
        key="local",
        display_name="Local model",
        provider="openai-compatible",
        api_model="qwen3",
        base_url=fake.base_url,
    )
    _, scene = make_story(text_model="local")
    assert write(scene).status == "complete"
    assert "sk-the-openai-key" not in fake.last(CHAT).headers["authorization"]


def test_an_openai_compatible_server_that_refuses_its_key_names_the_variable(fake, monkeypatch):
    fake.api_key = "the-right-key"
    monkeypatch.setenv("STORYTELLER_KEY_LOCAL_LLM", "a-wrong-key")
    TextModel.objects.create(
        key="llama",
        display_name="Llama (Ollama)",
        provider="openai-compatible",
        api_model="llama3.1",
        base_url=fake.base_url,
        api_key_env="STORYTELLER_KEY_LOCAL_LLM",
    )
    _, scene = make_story(text_model="llama")
    scene = write(scene)
    assert scene.status == "failed"
    assert scene.error == "The Llama (Ollama) key was refused — check STORYTELLER_KEY_LOCAL_LLM."


def test_a_missing_key_fails_the_job_at_once_saying_which_setting(fake, settings):
    _, scene = make_story(image_model="gpt-image-1.5")
    scene = write(scene)
    settings.OPENAI_API_KEY = ""  # removed after the story started
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "No OpenAI key is set — add OPENAI_API_KEY."
    assert fake.requests == []
