import re

import pytest
from django.urls import reverse

from stories.forms import PROMPT_MAX_LENGTH
from stories.models import ImageModel, Scene, Story, TextModel

pytestmark = pytest.mark.django_db

START = reverse("stories:start", kwargs={"tier": "kids"})


def start_form(**overrides):
    return {
        "prompt": "A robot who is afraid of the dark",
        "text_model": "offline",
        "image_model": "offline",
        **overrides,
    }


def test_home_shows_only_available_models(client):
    response = client.get("/kids/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="offline"' in body
    assert "Offline illustrator" in body
    # No keys are set, so no hosted model is offered.
    assert "GPT Image 1.5" not in body
    assert "Grok Imagine" not in body


def test_home_groups_image_models_by_provider(client, settings):
    settings.OPENAI_API_KEY = "sk-test"
    body = client.get("/kids/").content.decode()
    assert body.index("OpenAI") < body.index("GPT Image 1 Mini") < body.index("GPT Image 1.5")
    assert body.index("Offline</span>") > body.index("GPT Image 1.5")
    assert "sk-test" not in body


def checked(body, field):
    return re.search(rf'name="{field}" value="([^"]+)" checked', body).group(1)


@pytest.mark.parametrize(
    "key, text_model, image_model",
    [
        ("", "offline", "offline"),
        ("OPENAI_API_KEY", "openai", "gpt-image-1-mini"),
        ("XAI_API_KEY", "grok", "grok-imagine"),
        ("GEMINI_API_KEY", "gemini", "gemini"),
    ],
)
def test_the_home_page_preselects_text_and_pictures_from_the_same_provider(
    client, settings, key, text_model, image_model
):
    """Never the offline storyteller beside a paid illustrator: a key is used for both or neither."""
    if key:
        setattr(settings, key, "test-key")
    body = client.get("/kids/").content.decode()
    assert checked(body, "text_model") == text_model
    assert checked(body, "image_model") == image_model


def test_each_tier_suggests_an_idea_of_its_own(client, grown_up):
    kids = client.get("/kids/").content.decode()
    grown_ups = client.get("/nsfw/").content.decode()
    assert 'placeholder="A brave girl named Ava finds a dragon egg…"' in kids
    assert 'placeholder="A lighthouse keeper hears knocking from under the sea…"' in grown_ups
    assert "Ava" not in grown_ups


def test_disabling_a_model_hides_it_at_once(client, settings):
    settings.OPENAI_API_KEY = "sk-test"
    ImageModel.objects.filter(key="gpt-image-1.5").update(enabled=False)
    assert "GPT Image 1.5" not in client.get("/kids/").content.decode()


def test_start_creates_the_story_and_redirects_to_its_first_scene(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(START, start_form(memory_mode="on"))
    story = Story.objects.get()
    scene = story.scenes.get()
    assert response.status_code == 302
    assert response["Location"] == f"/kids/story/scene/{scene.id}"
    assert story.tier == "kids"
    assert story.memory_mode is True
    assert story.video_mode is False
    assert story.image_model.key == "offline"
    assert scene.status == "pending"
    assert len(callbacks) == 1  # the first scene's text job was queued


@pytest.mark.parametrize(
    "overrides, error",
    [
        ({"prompt": ""}, "Tell us what the story should be about."),
        ({"prompt": "   "}, "Tell us what the story should be about."),
        ({"prompt": "x" * (PROMPT_MAX_LENGTH + 1)}, "at most 1000 characters"),
        ({"image_model": "no-such-model"}, "That model isn&#x27;t available right now."),
        ({"image_model": "gpt-image-1.5"}, "That model isn&#x27;t available right now."),  # no OpenAI key
        ({"text_model": "grok"}, "That model isn&#x27;t available right now."),
    ],
)
def test_bad_input_shows_the_form_again_and_creates_nothing(client, overrides, error):
    response = client.post(START, start_form(**overrides))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert Story.objects.count() == 0
    assert Scene.objects.count() == 0


def test_the_prompt_is_kept_when_the_form_comes_back(client):
    response = client.post(START, start_form(image_model="nope", prompt="Pirates on the moon"))
    assert "Pirates on the moon" in response.content.decode()


def test_video_mode_is_offered_with_the_offline_animator(client):
    assert 'name="video_mode"' in client.get("/kids/").content.decode()


def test_video_mode_without_a_video_provider_runs_image_only_and_says_so(client, settings):
    settings.OFFLINE_VIDEO = False
    assert 'name="video_mode"' not in client.get("/kids/").content.decode()
    response = client.post(START, start_form(video_mode="on"), follow=True)
    assert Story.objects.get().video_mode is False
    assert "Video mode needs a video provider" in response.content.decode()


def test_start_only_accepts_post(client):
    assert client.get(START).status_code == 405


def test_the_same_form_sent_twice_starts_one_story(client):
    token = "1f0b0b5e-8a44-4a4e-9f57-6a3c1c2f7f10"
    first = client.post(START, start_form(token=token))
    second = client.post(START, start_form(token=token))
    assert Story.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert client.post(START, start_form(token="2f0b0b5e-8a44-4a4e-9f57-6a3c1c2f7f10")).status_code == 302
    assert Story.objects.count() == 2


def test_each_rendered_form_carries_its_own_token(client):
    first = client.get("/kids/").content.decode()
    second = client.get("/kids/").content.decode()
    token = re.compile(r'name="token" value="([0-9a-f-]{36})"')
    assert token.search(first).group(1) != token.search(second).group(1)


def test_a_token_seen_in_another_tier_starts_a_story_of_its_own(client, grown_up):
    token = "3f0b0b5e-8a44-4a4e-9f57-6a3c1c2f7f10"
    kids = client.post(START, start_form(token=token))
    nsfw = client.post("/nsfw/story/start", start_form(token=token))
    assert nsfw.status_code == 302 and nsfw["Location"].startswith("/nsfw/story/scene/")
    assert kids["Location"] != nsfw["Location"].replace("/nsfw/", "/kids/")
    assert Story.objects.filter(tier="nsfw").count() == 1 and Story.objects.filter(tier="kids").count() == 1


@pytest.mark.parametrize(
    "switched_off, missing",
    [
        (ImageModel, "There is no illustrator to pick right now"),
        (TextModel, "There is no storyteller to pick right now"),
    ],
)
def test_with_no_model_to_pick_the_start_button_is_disabled_with_the_reason(client, switched_off, missing):
    switched_off.objects.update(enabled=False)
    body = client.get("/kids/").content.decode()
    assert re.search(
        r'<button class="[^"]*" type="submit" disabled aria-describedby="cannot-start">Begin the story', body
    )
    assert re.search(
        rf'<p class="start-blocked" id="cannot-start" role="status">{missing}, so a story can&#x27;t begin', body
    )


def test_starting_anyway_with_no_model_to_pick_gives_the_reason_not_a_missing_field(client):
    ImageModel.objects.update(enabled=False)
    response = client.post(START, start_form(image_model=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is no illustrator to pick right now" in body
    assert "This field is required" not in body
    assert Story.objects.count() == 0


def test_with_models_to_pick_the_start_button_is_enabled(client):
    body = client.get("/kids/").content.decode()
    assert '<button class="button button-primary button-large" type="submit">Begin the story</button>' in body
    assert "cannot-start" not in body
