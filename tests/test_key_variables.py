"""An OpenAI-compatible model row reads its key only from a variable set aside for model
keys (a STORYTELLER_KEY_ name, or one listed in CUSTOM_KEY_VARIABLES): an admin cannot
have the server send OPENAI_API_KEY, or any other secret, to a URL of their choosing."""

import pytest

from stories.models import TextModel
from tests.fakes import FakeOpenAI
from tests.helpers import make_story, write

pytestmark = pytest.mark.django_db

OPENAI_KEY = "sk-the-openai-key-0123456789"


@pytest.fixture
def custom_server(settings, monkeypatch):
    """A fake OpenAI-compatible server of a row's own, with OpenAI's key set for OpenAI."""
    settings.OPENAI_API_KEY = OPENAI_KEY
    settings.OPENAI_BASE_URL = "http://127.0.0.1:9/v1"  # never called
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    with FakeOpenAI() as fake:
        yield fake


def add_row(admin_client, api_key_env):
    return admin_client.post(
        "/admin/stories/textmodel/add/",
        {
            "key": "llama",
            "display_name": "Llama",
            "provider": "openai-compatible",
            "api_model": "llama3.1",
            "enabled": "on",
            "sort_order": "1",
            "base_url": "http://127.0.0.1:9/v1",
            "api_key_env": api_key_env,
        },
    )


def custom_row(fake, api_key_env):
    return TextModel.objects.create(
        key="llama",
        display_name="Llama",
        provider="openai-compatible",
        api_model="llama3.1",
        base_url=fake.base_url,
        api_key_env=api_key_env,
    )


@pytest.mark.parametrize(
    "name, reason",
    [
        ("OPENAI_API_KEY", "OPENAI_API_KEY is only ever sent to its own provider."),
        ("XAI_API_KEY", "XAI_API_KEY is only ever sent to its own provider."),
        ("DATABASE_URL", "Model rows may not read DATABASE_URL: name a variable that starts with STORYTELLER_KEY_"),
        ("SECRET_KEY", "Model rows may not read SECRET_KEY"),
    ],
)
def test_the_admin_refuses_a_variable_not_set_aside_for_keys_and_says_why(admin_client, name, reason):
    response = add_row(admin_client, name)
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not TextModel.objects.filter(key="llama").exists()


def test_the_admin_takes_a_storyteller_key_variable(admin_client):
    assert add_row(admin_client, "STORYTELLER_KEY_OLLAMA").status_code == 302
    assert TextModel.objects.get(key="llama").api_key_env == "STORYTELLER_KEY_OLLAMA"


def test_the_admin_takes_a_variable_the_operator_listed(admin_client, settings):
    settings.CUSTOM_KEY_VARIABLES = ["OLLAMA_KEY"]
    assert add_row(admin_client, "OLLAMA_KEY").status_code == 302


def test_a_hosted_provider_key_stays_refused_even_when_listed(admin_client, settings):
    settings.CUSTOM_KEY_VARIABLES = ["OPENAI_API_KEY"]
    assert add_row(admin_client, "OPENAI_API_KEY").status_code == 200


def test_a_row_saved_before_the_rule_never_sends_the_openai_key_to_its_server(custom_server):
    custom_row(custom_server, "OPENAI_API_KEY")
    assert TextModel.objects.get(key="llama").has_credentials is False  # no longer offered
    _, scene = make_story(text_model="llama")  # a story that already used it goes on
    write(scene)
    sent = [request.headers.get("authorization", "") for request in custom_server.requests]
    assert sent and all(OPENAI_KEY not in header for header in sent)


def test_a_row_saved_before_the_rule_never_reads_another_secret(custom_server, monkeypatch):
    monkeypatch.setenv("DATABASE_PASSWORD", "the-database-password")
    custom_row(custom_server, "DATABASE_PASSWORD")
    _, scene = make_story(text_model="llama")
    write(scene)
    assert all(
        "the-database-password" not in request.headers.get("authorization", "") for request in custom_server.requests
    )


def test_a_listed_variable_is_sent_to_its_server(custom_server, settings, monkeypatch):
    settings.CUSTOM_KEY_VARIABLES = ["OLLAMA_KEY"]
    monkeypatch.setenv("OLLAMA_KEY", "the-ollama-key")
    custom_row(custom_server, "OLLAMA_KEY")
    _, scene = make_story(text_model="llama")
    assert write(scene).status == "complete"
    assert custom_server.last(FakeOpenAI.CHAT).headers["authorization"] == "Bearer the-ollama-key"


def test_the_models_page_marks_a_row_whose_variable_is_never_read(admin_client, custom_server):
    row = custom_row(custom_server, "OPENAI_API_KEY")
    body = admin_client.get(f"/admin/stories/textmodel/{row.pk}/change/").content.decode()
    assert "OPENAI_API_KEY (not allowed: never read)" in body
    assert OPENAI_KEY not in body
