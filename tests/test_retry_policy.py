"""The one retry policy (media_gen.providers.base.with_retries) and how provider errors are
classified, shown through the worker's image job against the fake OpenAI server."""

import base64
import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from django.urls import reverse

from media_gen.providers.base import retry_after
from stories.models import ImageAsset, Scene, Story
from tests.fakes import FakeOpenAI, Response
from tests.helpers import draw, make_story, serving, write

pytestmark = pytest.mark.django_db

KEY = "sk-test-retry-secret"
GENERATIONS = FakeOpenAI.IMAGES_GENERATIONS


fake = serving(FakeOpenAI, "OPENAI", KEY)


@pytest.fixture
def scene():
    _, scene = make_story(image_model="gpt-image-1.5")
    return write(scene)


def test_a_rate_limit_is_waited_out_for_as_long_as_retry_after_asks(fake, waits, scene, settings):
    fake.rate_limit_next(GENERATIONS, retry_after=1.5)
    image = draw(scene).image
    assert image.status == "complete", image.error
    assert [request.status for request in fake.requests_to(GENERATIONS)] == [429, 200]
    assert len(waits) == 1 and waits[0] >= 1.5
    # The SDK's own retries are off: every attempt is the SDK's first.
    assert {request.headers["x-stainless-retry-count"] for request in fake.requests_to(GENERATIONS)} == {"0"}


def test_retry_after_ms_is_honoured_too(fake, waits, scene):
    fake.rate_limit_next(GENERATIONS, retry_after=None, retry_after_ms=800)
    assert draw(scene).image.status == "complete"
    assert len(waits) == 1 and waits[0] >= 0.8


def test_a_retry_after_longer_than_the_longest_wait_fails_at_once(fake, waits, scene, settings):
    fake.rate_limit_next(GENERATIONS, retry_after=settings.PROVIDER_RETRY_MAX_DELAY + 60)
    image = draw(scene).image
    assert image.status == "failed"
    assert (image.error, image.error_detail) == ("OpenAI is busy right now. Try again in a minute.", "HTTP 429")
    assert waits == [] and len(fake.requests_to(GENERATIONS)) == 1


def test_repeated_server_errors_fail_with_a_readable_error_then_the_retry_button_works(
    fake, waits, scene, client, settings
):
    settings.PROVIDER_RETRIES, settings.PROVIDER_RETRY_BASE_DELAY = 3, 0.01
    fake.server_error_next(GENERATIONS, 500, times=4)
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "OpenAI had a temporary problem. Try again in a moment."
    assert image.error_detail.startswith("HTTP 500")
    assert len(fake.requests_to(GENERATIONS)) == 4
    # Exponential backoff with jitter: 10, 20, 40 ms, each jittered down by up to half.
    assert [low <= wait <= high for wait, (low, high) in zip(waits, [(0.005, 0.01), (0.01, 0.02), (0.02, 0.04)])] == [
        True,
        True,
        True,
    ]

    response = client.post(reverse("stories:image_retry", kwargs={"tier": "kids", "scene_id": scene.pk}))
    assert response.status_code == 302 and response["Location"] == scene.get_absolute_url()
    image.refresh_from_db()
    assert image.status == "pending"
    image = draw(scene).image
    assert image.status == "complete" and image.error == ""
    assert image.attempts == 2


def test_a_moderation_block_fails_at_once(fake, waits, scene):
    fake.moderation_block_next(GENERATIONS)
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "Blocked by OpenAI's safety system — try another choice or another model."
    assert len(fake.requests_to(GENERATIONS)) == 1 and waits == []


def test_a_timeout_is_retried(fake, scene, settings):
    settings.PROVIDER_TIMEOUT = 0.3
    fake.slow_next(GENERATIONS, delay=3)
    image = draw(scene).image
    assert image.status == "complete", image.error
    assert len(fake.requests_to(GENERATIONS)) == 2


def test_timeouts_every_time_fail_saying_so(fake, waits, scene, settings):
    settings.PROVIDER_TIMEOUT = 0.2
    settings.PROVIDER_RETRIES = 1
    fake.slow_next(GENERATIONS, delay=3, times=2)
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "OpenAI took too long to answer."


def test_an_unreachable_service_is_retried_then_fails(waits, scene, settings):
    with FakeOpenAI() as gone:
        settings.OPENAI_BASE_URL = gone.base_url
    settings.OPENAI_API_KEY = KEY
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "Could not reach OpenAI."
    assert len(waits) == settings.PROVIDER_RETRIES


def test_a_malformed_answer_fails_and_writes_nothing(fake, waits, scene, media_root):
    fake.malformed_next(GENERATIONS)
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "OpenAI sent an answer that could not be read."
    assert not image.file
    assert not [path for path in media_root.rglob("*") if path.is_file()]
    assert len(fake.requests_to(GENERATIONS)) == 1


def test_a_picture_that_is_not_an_image_fails_and_writes_nothing(fake, waits, scene, media_root):
    not_a_picture = base64.b64encode(b"not a picture").decode()
    fake.script(GENERATIONS, Response(200, json={"created": 1, "data": [{"b64_json": not_a_picture}]}))
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "OpenAI sent a picture that could not be read."
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_a_retired_model_fails_at_once_with_the_admin_hint(fake, waits):
    _, scene = make_story(image_model="gpt-image-1")  # shut down by OpenAI, still on old stories
    image = draw(write(scene)).image
    assert image.status == "failed"
    assert image.error == "OpenAI does not know “gpt-image-1”: this model was retired — pick another in the admin."
    assert len(fake.requests_to(GENERATIONS)) == 1 and waits == []


def test_an_account_out_of_credit_fails_at_once(fake, waits, scene):
    fake.insufficient_quota_next(GENERATIONS)
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "The OpenAI account is out of credit — check its plan and billing."
    assert len(fake.requests_to(GENERATIONS)) == 1 and waits == []


def test_an_invalid_request_fails_at_once_with_the_providers_words_for_the_admin(fake, waits, scene):
    fake.fail_next(GENERATIONS, 400, message="Invalid value: 'x'.", code="invalid_value")
    image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "OpenAI couldn't do this one. Try again, or pick another model."
    assert image.error_detail == "HTTP 400: Invalid value: 'x'."
    assert waits == []


def test_a_refused_key_fails_at_once_and_the_key_is_never_shown_logged_or_stored(fake, waits, scene, client, caplog):
    fake.api_key = "the-right-key"
    with caplog.at_level(logging.DEBUG):
        image = draw(scene).image
    assert image.status == "failed"
    assert image.error == "The OpenAI key was refused — check OPENAI_API_KEY."
    assert len(fake.requests_to(GENERATIONS)) == 1 and waits == []
    # The fake's answer echoes part of the key, as OpenAI's does; none of it goes anywhere.
    echoed = f"{KEY[:3]}***{KEY[-4:]}"
    page = client.get(scene.get_absolute_url()).content.decode()
    stored = [str(row) for model in (ImageAsset, Scene, Story) for row in model.objects.values()]
    for text in [page, caplog.text, *stored]:
        assert KEY not in text and echoed not in text


def test_a_scene_is_retried_by_the_same_policy(fake, waits):
    fake.rate_limit_next(FakeOpenAI.CHAT, retry_after=0.5)
    _, scene = make_story(text_model="openai")
    scene = write(scene)
    assert scene.status == "complete", scene.error
    assert len(waits) == 1 and waits[0] >= 0.5


@pytest.mark.parametrize(
    "headers, seconds",
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_reads_seconds_and_milliseconds(headers, seconds):
    assert retry_after(headers) == seconds


def test_retry_after_reads_an_http_date():
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < retry_after({"retry-after": when}) <= 30
