"""A provider's own words are kept, but never a configured key it echoes back: the scene
page, its JSON, the admin and the log show "[key hidden]" where the key was."""

import io
import logging

import pytest
from django.urls import reverse

from media_gen.providers.offline import OfflineProvider
from stories.models import TextModel
from storyteller.keys import HIDDEN, RedactKeys, redact
from tests.fakes import FakeGemini, FakeOpenAI, FakeXAI
from tests.helpers import make_story, play, write

pytestmark = pytest.mark.django_db

KEYS = {
    "OPENAI": "sk-proj-openai-0123456789abcdef",
    "XAI": "xai-secret-0123456789abcdef",
    "GEMINI": "AIzaSy-gemini-0123456789abcdef",
}
REFUSAL = "Project for credential {} has no access to this model."


@pytest.fixture(autouse=True)
def every_key_set(settings):
    for provider, key in KEYS.items():
        setattr(settings, f"{provider}_API_KEY", key)


def everything_shown(client, admin_client, scene, admin_path):
    """The scene page, its JSON, the picture's status JSON and the row's admin page, as text."""
    kwargs = {"tier": scene.story.tier, "scene_id": scene.pk}
    return "\n".join(
        [
            client.get(scene.get_absolute_url()).content.decode(),
            client.get(scene.get_absolute_url(), HTTP_ACCEPT="application/json").content.decode(),
            client.get(reverse("stories:image", kwargs=kwargs)).content.decode(),
            admin_client.get(admin_path).content.decode(),
        ]
    )


@pytest.mark.parametrize(
    "fake_class, provider, image_model, route, label",
    [
        (FakeOpenAI, "OPENAI", "gpt-image-1.5", FakeOpenAI.IMAGES_GENERATIONS, "OpenAI"),
        (FakeXAI, "XAI", "grok-imagine", FakeXAI.IMAGES_GENERATIONS, "xAI"),
        (FakeGemini, "GEMINI", "gemini", FakeGemini.GENERATE, "Gemini"),
    ],
)
def test_a_key_a_provider_echoes_is_hidden_everywhere_its_words_show(
    fake_class, provider, image_model, route, label, settings, client, admin_client, caplog
):
    caplog.set_level(logging.INFO)
    key = KEYS[provider]
    with fake_class() as fake:
        setattr(settings, f"{provider}_BASE_URL", fake.base_url)
        fake.fail_next(route, 403, message=REFUSAL.format(key))
        _, scene = make_story(image_model=image_model)
        image = play(scene).image
    assert image.status == "failed"
    assert image.error == f"{label} couldn't do this one. Try again, or pick another model."
    assert image.error_detail == f"HTTP 403: {REFUSAL.format(HIDDEN)}"
    shown = everything_shown(client, admin_client, scene, f"/admin/stories/imageasset/{image.pk}/change/")
    assert "has no access to this model" in shown  # the provider's words are kept…
    assert key not in shown  # …but not the key
    assert "has no access to this model" in caplog.text
    assert key not in caplog.text


MASKED = "sk-proj-****************cdef"  # how OpenAI echoes a key: KEYS["OPENAI"] ends in "cdef"


def test_the_last_characters_of_a_key_a_provider_masks_are_hidden_too(settings, client, admin_client, caplog):
    caplog.set_level(logging.INFO)
    with FakeOpenAI() as fake:
        settings.OPENAI_BASE_URL = fake.base_url
        fake.fail_next(FakeOpenAI.IMAGES_GENERATIONS, 403, message=REFUSAL.format(MASKED))
        _, scene = make_story(image_model="gpt-image-1.5")
        image = play(scene).image
    assert image.error_detail == f"HTTP 403: {REFUSAL.format(HIDDEN)}"
    shown = everything_shown(client, admin_client, scene, f"/admin/stories/imageasset/{image.pk}/change/")
    assert "has no access to this model" in shown and "has no access to this model" in caplog.text
    assert "*cdef" not in shown + caplog.text  # the tail after the asterisks (ids are hex: "cdef" alone may be one's)


def test_a_masked_key_in_a_crash_is_logged_without_its_tail(monkeypatch, caplog):
    async def crash(self, brief):
        raise RuntimeError(f"Incorrect API key provided: {MASKED}.")

    monkeypatch.setattr(OfflineProvider, "draw", crash)
    _, scene = make_story()
    assert play(scene).image.status == "failed"
    assert f"RuntimeError: Incorrect API key provided: {HIDDEN}." in caplog.text
    assert "*cdef" not in caplog.text


def test_masked_words_that_end_no_configured_key_are_kept():
    for text in ["sk-proj-****wxyz", "rated ***** five", "****cde", "cdef"]:  # another key, no tail, too short, bare
        assert redact(text) == text


def test_a_custom_server_echoing_its_key_is_hidden_too(settings, monkeypatch, client, admin_client, caplog):
    caplog.set_level(logging.INFO)
    monkeypatch.setenv("STORYTELLER_KEY_LLAMA", "the-llama-key-0123456789")
    with FakeOpenAI() as fake:
        TextModel.objects.create(
            key="llama",
            display_name="Llama",
            provider="openai-compatible",
            api_model="llama3.1",
            base_url=fake.base_url,
            api_key_env="STORYTELLER_KEY_LLAMA",
        )
        fake.fail_next(FakeOpenAI.CHAT, 403, message=REFUSAL.format("the-llama-key-0123456789"))
        _, scene = make_story(text_model="llama")
        scene = write(scene)
    assert scene.error_detail == f"HTTP 403: {REFUSAL.format(HIDDEN)}"
    shown = everything_shown(client, admin_client, scene, f"/admin/stories/scene/{scene.pk}/change/")
    assert "the-llama-key-0123456789" not in shown + caplog.text


def crash_with_the_key(monkeypatch):
    async def crash(self, brief):
        raise RuntimeError(f"sent Authorization: Bearer {KEYS['OPENAI']}")

    monkeypatch.setattr(OfflineProvider, "draw", crash)


def test_a_crash_whose_exception_holds_a_key_is_logged_without_it(monkeypatch, caplog):
    crash_with_the_key(monkeypatch)
    _, scene = make_story()
    assert play(scene).image.status == "failed"
    assert "RuntimeError: sent Authorization: Bearer [key hidden]" in caplog.text
    assert KEYS["OPENAI"] not in caplog.text
    assert all(record.exc_info is None for record in caplog.records)  # no handler sees the exception itself


def test_the_configured_log_handlers_write_no_key(monkeypatch):
    """What the operator's log gets: the handlers settings.LOGGING sets up, not only pytest's."""
    handlers = logging.getLogger().handlers
    redacting = [handler for handler in handlers if any(isinstance(f, RedactKeys) for f in handler.filters)]
    assert redacting and all(handler in redacting for handler in handlers if type(handler) is logging.StreamHandler)
    crash_with_the_key(monkeypatch)
    written = io.StringIO()
    for handler in redacting:
        monkeypatch.setattr(handler, "stream", written)
    _, scene = make_story()
    play(scene)
    assert "Bearer [key hidden]" in written.getvalue()
    assert KEYS["OPENAI"] not in written.getvalue()


def test_keys_in_a_log_message_s_arguments_are_hidden(caplog):
    logging.getLogger("media_gen.jobs").warning("answer was %s", {"key": KEYS["XAI"]})
    assert caplog.records[-1].getMessage() == "answer was {'key': '[key hidden]'}"


def test_django_s_own_loggers_go_through_the_redacting_handlers():
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django").propagate is True
