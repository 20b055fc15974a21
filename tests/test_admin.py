import pytest
from django.contrib.auth.models import User

from media_gen.models import ImageAsset, ImageModel
from tests.helpers import make_story, play, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "pw"))
    return client


def test_the_image_model_list_shows_availability_and_never_the_key(admin_client, settings):
    settings.OPENAI_API_KEY = "sk-secret-value"
    body = admin_client.get("/admin/media_gen/imagemodel/").content.decode()
    for name in ["GPT Image 1 Mini", "GPT Image 1.5", "Grok Imagine", "Gemini", "Offline illustrator", "DALL-E"]:
        assert name in body
    assert "sk-secret-value" not in body
    assert "Key present" in body


def test_models_can_be_enabled_from_the_list(admin_client):
    model = ImageModel.objects.get(key="offline")
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(model.pk),
        "form-0-sort_order": "5", "_save": "Save",
    }  # "enabled" left out: unticked
    response = admin_client.post("/admin/media_gen/imagemodel/?provider__exact=offline", data)
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.enabled is False and model.sort_order == 5


def test_a_new_model_row_is_offered_and_used_by_a_story(admin_client, client):
    response = admin_client.post("/admin/media_gen/imagemodel/add/", {
        "key": "offline-sketch", "display_name": "Offline sketchbook", "provider": "offline",
        "api_model": "", "enabled": "on", "sort_order": "1", "base_url": "", "api_key_env": "",
    })
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
    body = admin_client.get("/admin/media_gen/imageasset/?has_error=yes").content.decode()
    assert "Server error" in body
    response = admin_client.post("/admin/media_gen/imageasset/", {
        "action": "retry_selected", "_selected_action": [str(scene.image.pk)],
    }, follow=True)
    assert "Queued 1 job(s) again." in response.content.decode()
    scene.image.refresh_from_db()
    assert scene.image.status == "pending"


def test_the_image_admin_previews_the_picture(admin_client):
    _, scene = make_story()
    scene = play(scene)
    body = admin_client.get(f"/admin/media_gen/imageasset/{scene.image.pk}/change/").content.decode()
    assert f'src="/kids/media/images/{scene.image.pk}"' in body
