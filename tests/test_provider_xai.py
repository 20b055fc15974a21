"""xAI: Grok Imagine pictures and edits, Grok text, and Grok Imagine clips, against the fake
xAI server (pictures and text through the worker's jobs)."""

import base64
import io
import uuid
from dataclasses import replace

import pytest
from asgiref.sync import async_to_sync
from PIL import Image

from media_gen.briefs import video_spec
from media_gen.providers.base import Person, Photo, ProviderError, VideoBrief
from media_gen.providers.xai import XAIProvider
from stories.models import ImageModel
from stories.prompts import SCENE_SCHEMA
from tests.fakes import FakeXAI, Response, make_image
from tests.helpers import cast, make_story, play, serving, write

pytestmark = pytest.mark.django_db

KEY = "xai-test-key"
GENERATIONS, EDITS = FakeXAI.IMAGES_GENERATIONS, FakeXAI.IMAGES_EDITS
PNG = make_image(64, 64, "ava", "png")
PHOTOS = [Photo(f"p{number}.png", make_image(64, 64, f"photo {number}", "png"), "image/png") for number in range(4)]


fake = serving(FakeXAI, "XAI", KEY)


def data_uri(photo):
    return f"data:{photo.mime};base64,{base64.b64encode(photo.data).decode()}"


def test_grok_imagine_draws_a_square_jpeg_into_the_tier_folder(fake, media_root):
    _, scene = make_story(tier="nsfw", image_model="grok-imagine")
    image = play(scene).image
    assert image.status == "complete", image.error
    request = fake.last(GENERATIONS)
    assert request.json == {
        "model": "grok-imagine-image",
        "prompt": request.json["prompt"],
        "response_format": "b64_json",
        "aspect_ratio": "1:1",
    }
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert fake.requests_to(EDITS) == []
    assert image.file.name == f"nsfw/images/{image.pk}.jpg"
    picture = Image.open(io.BytesIO((media_root / image.file.name).read_bytes()))
    assert (picture.format, picture.size) == ("JPEG", (1024, 1024))
    assert image.usage == {"images": 1, "cost_in_usd_ticks": 200_000_000}


def test_a_data_uri_prefix_on_the_picture_is_dropped(fake):
    fake.b64_data_uri = True
    _, scene = make_story(image_model="grok-imagine")
    image = play(scene).image
    assert image.status == "complete", image.error
    assert image.file.name.endswith(".jpg")


def test_a_url_answer_is_downloaded_at_once(fake, media_root):
    jpeg = make_image(1024, 1024, "from a url", "jpeg")
    fake.files["answer.jpg"] = (jpeg, "image/jpeg")
    fake.script(
        GENERATIONS,
        Response(
            200,
            json={
                "data": [{"url": fake.url("/files/answer.jpg"), "mime_type": "image/jpeg", "respect_moderation": True}],
                "usage": {"cost_in_usd_ticks": 200_000_000},
            },
        ),
    )
    _, scene = make_story(image_model="grok-imagine")
    image = play(scene).image
    assert image.status == "complete", image.error
    assert len(fake.requests_to("/files/answer.jpg")) == 1
    assert (media_root / image.file.name).read_bytes() == jpeg


def test_a_moderated_picture_fails_at_once(fake, waits):
    fake.moderate_next(GENERATIONS)
    _, scene = make_story(image_model="grok-imagine")
    image = play(scene).image
    assert image.status == "failed"
    assert image.error == "Blocked by xAI's moderation — try another choice or another model."
    assert len(fake.requests_to(GENERATIONS)) == 1 and waits == []


def test_memory_mode_sends_one_photo_as_image_to_the_json_edits_endpoint(fake, monkeypatch):
    cast(monkeypatch, Person(name="Ava", photos=(PHOTOS[0],)))
    _, scene = make_story(image_model="grok-imagine", memory_mode=True)
    image = play(scene).image
    assert image.status == "complete", image.error
    assert fake.requests_to(GENERATIONS) == []
    request = fake.last(EDITS)
    assert request.headers["content-type"] == "application/json"
    assert request.json == {
        "model": "grok-imagine-image",
        "prompt": request.json["prompt"],
        "response_format": "b64_json",
        "aspect_ratio": "1:1",
        "image": {"url": data_uri(PHOTOS[0]), "type": "image_url"},
    }
    assert request.headers["authorization"] == f"Bearer {KEY}"


def test_memory_mode_sends_at_most_three_photos_as_images(fake, monkeypatch):
    cast(monkeypatch, Person(name="Ava", photos=tuple(PHOTOS[:2])), Person(name="Ben", photos=tuple(PHOTOS[2:])))
    _, scene = make_story(image_model="grok-imagine", memory_mode=True)
    assert play(scene).image.status == "complete"
    request = fake.last(EDITS)
    assert "image" not in request.json
    # One photo of each person first: Ava's first, Ben's first, then Ava's second.
    assert request.json["images"] == [
        {"url": data_uri(photo), "type": "image_url"} for photo in (PHOTOS[0], PHOTOS[2], PHOTOS[1])
    ]


def test_a_rate_limited_edit_is_retried_after_retry_after(fake, waits, monkeypatch):
    cast(monkeypatch, Person(name="Ava", photos=(PHOTOS[0],)))
    fake.rate_limit_next(EDITS, retry_after=1.5)
    _, scene = make_story(image_model="grok-imagine", memory_mode=True)
    image = play(scene).image
    assert image.status == "complete", image.error
    assert len(waits) == 1 and waits[0] >= 1.5


def test_a_refused_xai_key_fails_at_once_naming_the_setting(fake, waits):
    fake.api_key = "the-right-key"
    _, scene = make_story(image_model="grok-imagine")
    image = play(scene).image
    assert image.status == "failed"
    assert image.error == "The xAI key was refused — check XAI_API_KEY."
    assert waits == []


def test_a_retired_grok_model_fails_with_the_admin_hint(fake):
    ImageModel.objects.filter(key="grok-imagine").update(api_model="grok-2-image")
    _, scene = make_story(image_model="grok-imagine")
    image = play(scene).image
    assert image.status == "failed"
    assert image.error == "xAI does not know “grok-2-image”: this model was retired — pick another in the admin."


def test_grok_writes_scenes_and_records_their_cost(fake):
    _, scene = make_story(text_model="grok")
    scene = write(scene)
    assert scene.status == "complete", scene.error
    request = fake.last(FakeXAI.CHAT)
    assert request.json["model"] == "grok-4-fast"
    assert request.json["response_format"]["json_schema"] == {"name": "scene", "strict": True, "schema": SCENE_SCHEMA}
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert scene.usage["cost_in_usd_ticks"] > 0 and scene.usage["total_tokens"] > 0


def test_a_truncated_grok_scene_is_asked_for_once_more(fake):
    fake.truncate_next()
    _, scene = make_story(text_model="grok")
    assert write(scene).status == "complete"
    assert len(fake.requests_to(FakeXAI.CHAT)) == 2


# Clips: the provider's half (the clip job itself is tested in test_video.py).

BRIEF = VideoBrief(
    tier_slug="kids",
    prompt="The fox runs into the woods",
    image=PNG,
    image_mime="image/png",
    duration=6,
    aspect_ratio="1:1",
    resolution="720p",
)


def clip_maker():
    return XAIProvider(video_spec("xai"))


def submit(brief=BRIEF):
    return async_to_sync(clip_maker().submit_video)(brief)


def poll(request_id):
    return async_to_sync(clip_maker().poll_video)(request_id)


def test_a_clip_is_submitted_with_the_scene_picture_and_polled_until_done(fake, settings):
    request_id = submit()
    request = fake.last(FakeXAI.VIDEOS_GENERATIONS)
    assert request.json == {
        "model": settings.XAI_VIDEO_MODEL,
        "prompt": BRIEF.prompt,
        "duration": 6,
        "aspect_ratio": "1:1",
        "resolution": "720p",
        "image": {"url": f"data:image/png;base64,{base64.b64encode(PNG).decode()}"},
    }
    assert request.headers["authorization"] == f"Bearer {KEY}"
    polls = [poll(request_id), poll(request_id), poll(request_id)]
    assert [p.status for p in polls] == ["pending", "pending", "done"]  # a 202 with a body, then an empty one
    done = polls[-1]
    assert done.url == fake.url(f"/files/{request_id}.mp4")
    assert done.usage["videos"] == 1 and done.usage["seconds"] == 6 and done.usage["cost_in_usd_ticks"] > 0
    assert fake.video_submissions == 1


def test_a_clip_without_a_picture_is_text_to_video(fake):
    submit(replace(BRIEF, image=None))
    assert "image" not in fake.last(FakeXAI.VIDEOS_GENERATIONS).json


@pytest.mark.parametrize(
    "outcome, status, error",
    [
        ("failed", "failed", "Video generation failed."),
        ("expired", "expired", "xAI says the clip expired."),
        ("moderated", "failed", "Blocked by xAI's moderation — try another choice or another model."),
    ],
)
def test_clips_that_do_not_finish_say_why(fake, outcome, status, error):
    fake.video_pending_polls = 0
    fake.next_video(outcome)
    result = poll(submit())
    assert (result.status, result.error, result.url) == (status, error, "")


def test_a_rate_limited_poll_is_a_transient_error_with_its_wait(fake):
    request_id = submit()
    fake.rate_limit_next(FakeXAI.VIDEO_POLL, retry_after=3)
    with pytest.raises(ProviderError) as raised:
        poll(request_id)
    assert raised.value.permanent is False and raised.value.retry_after == 3.0


def test_an_unknown_clip_is_a_permanent_error(fake):
    with pytest.raises(ProviderError) as raised:
        poll(str(uuid.uuid4()))
    assert raised.value.permanent is True
    assert raised.value.detail.startswith("HTTP 404: Deferred request")


def test_a_refused_submission_is_permanent_and_never_echoes_the_key(fake):
    fake.api_key = "the-right-key"
    with pytest.raises(ProviderError) as raised:
        submit()
    assert raised.value.permanent is True
    assert raised.value.message == "The xAI key was refused — check XAI_API_KEY."
