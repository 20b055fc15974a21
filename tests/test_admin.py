import re

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from stories.models import AudioAsset, ImageAsset, ImageModel, VideoAsset
from tests.fakes import FakeOpenAI
from tests.helpers import make_story, play, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "pw"))
    return client


def test_the_image_model_list_shows_availability_and_never_the_key(admin_client, settings):
    settings.OPENAI_API_KEY = "sk-secret-value"
    body = admin_client.get("/admin/stories/imagemodel/").content.decode()
    for name in ["GPT Image 1 Mini", "GPT Image 1.5", "Grok Imagine", "Gemini", "Offline illustrator", "DALL-E"]:
        assert name in body
    assert "sk-secret-value" not in body
    assert "Key present" in body


def test_models_can_be_enabled_from_the_list(admin_client):
    model = ImageModel.objects.get(key="offline")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(model.pk),
        "form-0-api_model": "",
        "_save": "Save",
    }  # "enabled" left out: unticked
    response = admin_client.post("/admin/stories/imagemodel/?provider__exact=offline", data)
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.enabled is False


def test_a_new_model_row_is_offered_and_used_by_a_story(admin_client, client):
    response = admin_client.post(
        "/admin/stories/imagemodel/add/",
        {
            "key": "offline-sketch",
            "display_name": "Offline sketchbook",
            "provider": "offline",
            "api_model": "",
            "enabled": "on",
            "sort_order": "1",
            "base_url": "",
            "api_key_env": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Offline sketchbook" in admin_client.get("/kids/").content.decode()
    story, scene = make_story(image_model="offline-sketch")
    scene = play(scene)
    assert scene.image.status == "complete"
    assert "Offline sketchbook" in admin_client.get(story.get_absolute_url()).content.decode()


def test_failed_images_can_be_filtered_and_retried(admin_client):
    _, scene = make_story()
    scene = write(scene)
    ImageAsset.objects.filter(pk=scene.image.pk).update(status="failed", error="Server error")
    body = admin_client.get("/admin/stories/imageasset/?has_error=yes").content.decode()
    assert "Server error" in body
    response = admin_client.post(
        "/admin/stories/imageasset/",
        {
            "action": "retry_selected",
            "_selected_action": [str(scene.image.pk)],
        },
        follow=True,
    )
    assert "Queued 1 job(s) again." in response.content.decode()
    scene.image.refresh_from_db()
    assert scene.image.status == "pending"


def test_the_image_admin_previews_the_picture(admin_client):
    _, scene = make_story()
    scene = play(scene)
    body = admin_client.get(f"/admin/stories/imageasset/{scene.image.pk}/change/").content.decode()
    assert f'src="/kids/media/images/{scene.image.pk}"' in body


@pytest.mark.parametrize(
    "kind, tag",
    [(ImageAsset, "img"), (VideoAsset, "video"), (AudioAsset, "audio")],
)
def test_each_media_admin_shows_its_file_in_the_list_and_the_change_page(admin_client, media_root, kind, tag):
    _, scene = make_story()
    asset = kind.queue_for(write(scene))
    asset.file.save("file.bin", ContentFile(b"bytes"))
    admin_url = f"/admin/stories/{kind._meta.model_name}/"
    shown = f'<{tag} src="{asset.get_media_url()}"'
    assert shown in admin_client.get(admin_url).content.decode()
    assert shown in admin_client.get(f"{admin_url}{asset.pk}/change/").content.decode()

    (media_root / asset.file.name).unlink()  # a file gone from disk is shown as none, not broken
    assert shown not in admin_client.get(admin_url).content.decode()
    page = admin_client.get(f"{admin_url}{asset.pk}/change/").content.decode()
    assert shown not in page and "No file" in page


def test_the_model_list_is_grouped_by_provider_and_each_page_names_where_its_key_comes_from(admin_client, settings):
    settings.OPENAI_API_KEY = "sk-only-openai"
    body = admin_client.get("/admin/stories/imagemodel/").content.decode()
    providers = re.findall(r'class="field-provider">([^<]+)<', body)
    assert providers == ["Google", "Offline", "OpenAI", "OpenAI", "OpenAI", "OpenAI", "xAI"]
    names = re.findall(r'class="field-display_name"><a [^>]+>([^<]+)<', body)
    assert names[2:6] == ["GPT Image 1 Mini", "GPT Image 1", "GPT Image 1.5", "DALL-E"]  # by sort order
    assert "sk-only-openai" not in body
    for key, setting in [
        ("gpt-image-1.5", "OPENAI_API_KEY"),
        ("grok-imagine", "XAI_API_KEY"),
        ("gemini", "GEMINI_API_KEY"),
    ]:
        page = admin_client.get(f"/admin/stories/imagemodel/{ImageModel.objects.get(key=key).pk}/change/")
        body = page.content.decode()
        assert f'<div class="readonly">{setting}</div>' in body and "sk-only-openai" not in body
    text = admin_client.get("/admin/stories/textmodel/").content.decode()
    assert "GPT-5 mini" in text and "Key present" in text and "sk-only-openai" not in text


def test_only_models_whose_provider_has_a_key_are_offered(client, settings):
    settings.OPENAI_API_KEY = "sk-only-openai"
    body = client.get("/kids/").content.decode()
    assert "GPT Image 1.5" in body and "GPT Image 1 Mini" in body
    assert "Grok Imagine" not in body and 'value="gemini"' not in body


def test_the_api_model_id_is_edited_in_the_list(admin_client):
    model = ImageModel.objects.get(key="gpt-image-1.5")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(model.pk),
        "form-0-api_model": "gpt-image-2",
        "form-0-enabled": "on",
        "form-0-sort_order": "30",
        "_save": "Save",
    }
    response = admin_client.post("/admin/stories/imagemodel/?provider__exact=openai&q=gpt-image-1.5", data)
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.api_model == "gpt-image-2"


def test_a_hosted_model_needs_its_api_model_id(admin_client):
    model = ImageModel.objects.get(key="gpt-image-1.5")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(model.pk),
        "form-0-api_model": "",
        "form-0-enabled": "on",
        "form-0-sort_order": "30",
        "_save": "Save",
    }
    response = admin_client.post("/admin/stories/imagemodel/?provider__exact=openai&q=gpt-image-1.5", data)
    assert response.status_code == 200
    assert "Give the provider&#x27;s model id." in response.content.decode()
    model.refresh_from_db()
    assert model.api_model == "gpt-image-1.5"


def test_an_openai_compatible_model_needs_a_base_url(admin_client):
    response = admin_client.post(
        "/admin/stories/textmodel/add/",
        {
            "key": "llama",
            "display_name": "Llama",
            "provider": "openai-compatible",
            "api_model": "llama3.1",
            "enabled": "on",
            "sort_order": "1",
            "base_url": "",
            "api_key_env": "",
        },
    )
    assert response.status_code == 200
    assert "needs its server&#x27;s base URL" in response.content.decode()


def test_disabling_a_model_hides_it_at_once_and_its_stories_keep_its_name(admin_client, client, settings):
    settings.OPENAI_API_KEY = "sk-test"
    story, scene = make_story(image_model="gpt-image-1.5")
    model = ImageModel.objects.get(key="gpt-image-1.5")
    response = admin_client.post(
        "/admin/stories/imagemodel/?provider__exact=openai&q=gpt-image-1.5",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(model.pk),
            "form-0-api_model": "gpt-image-1.5",
            "form-0-sort_order": "30",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert "GPT Image 1.5" not in client.get("/kids/").content.decode()
    assert "GPT Image 1.5" in client.get(story.get_absolute_url()).content.decode()
    write(scene)  # the picture is still to draw: the scene names the model that will draw it
    assert "GPT Image 1.5" in client.get(scene.get_absolute_url()).content.decode()


def test_a_new_row_for_another_openai_model_id_is_used_by_a_story(admin_client, settings):
    response = admin_client.post(
        "/admin/stories/imagemodel/add/",
        {
            "key": "gpt-image-2",
            "display_name": "GPT Image 2",
            "provider": "openai",
            "api_model": "gpt-image-2",
            "enabled": "on",
            "sort_order": "35",
            "base_url": "",
            "api_key_env": "",
            "supports_references": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with FakeOpenAI() as fake:
        settings.OPENAI_BASE_URL, settings.OPENAI_API_KEY = fake.base_url, "sk-test"
        assert "GPT Image 2" in admin_client.get("/kids/").content.decode()
        story, scene = make_story(image_model="gpt-image-2")
        scene = play(scene)
    assert scene.image.status == "complete", scene.image.error
    assert fake.last(FakeOpenAI.IMAGES_GENERATIONS).json["model"] == "gpt-image-2"
    assert "GPT Image 2" in admin_client.get(story.get_absolute_url()).content.decode()


def test_the_legacy_dalle_key_shows_as_dall_e(client):
    story, _ = make_story(image_model="dalle")
    assert "DALL-E" in client.get(story.get_absolute_url()).content.decode()


def test_deleting_a_story_in_the_admin_removes_its_files(admin_client, media_root, django_capture_on_commit_callbacks):
    story, scene = make_story()
    image = media_root / play(scene).image.file.name
    assert image.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/stories/story/{story.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not image.exists()


def test_old_admin_addresses_lead_to_the_moved_lists(admin_client):
    response = admin_client.get("/admin/media_gen/imagemodel/?provider__exact=offline")
    assert response.status_code == 302
    assert response["Location"] == "/admin/stories/imagemodel/?provider__exact=offline"


def test_a_failed_clips_page_shows_what_happened_first_and_edits_no_bookkeeping(admin_client):
    _, scene = make_story(video_mode=True)
    scene = play(scene)
    VideoAsset.objects.filter(pk=scene.video.pk).update(
        status="failed", error="We couldn't fetch the finished clip.", error_detail="HTTP 404 from cdn.example"
    )
    body = admin_client.get(f"/admin/stories/videoasset/{scene.video.pk}/change/").content.decode()
    for field in ("heartbeat_at", "provider", "status", "attempts", "error", "request_id", "queued_at"):
        assert f'name="{field}' not in body  # shown, never an input
    order = [body.index(label) for label in ("Status:", "Error detail:", "File:", "Provider:", "Heartbeat at:")]
    assert order == sorted(order)  # what happened first, who made it, then the job's bookkeeping


def test_a_scenes_job_bookkeeping_is_read_only(admin_client):
    _, scene = make_story()
    body = admin_client.get(f"/admin/stories/scene/{scene.pk}/change/").content.decode()
    assert 'name="heartbeat_at' not in body and 'name="status"' not in body


def test_admin_pages_name_the_sites_icon(admin_client):
    body = admin_client.get("/admin/stories/videoasset/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in body
