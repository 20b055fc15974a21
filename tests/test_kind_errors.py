"""A child never reads an OS error or a traceback: the page and its JSON say a short, kind
sentence and offer to try again; the precise error stays in the admin and the log."""

import errno
import logging

import pytest
from django.urls import reverse

from media_gen.jobs import NOT_SAVED, UNEXPECTED
from media_gen.providers.base import ProviderError
from media_gen.providers.offline import OfflineProvider
from stories.storage import AtomicFileSystemStorage
from tests.helpers import make_story, play, write

pytestmark = pytest.mark.django_db

TECHNICAL = "Operation not permitted"


@pytest.fixture
def refused_writes(monkeypatch):
    """The media folder refuses every file (wrong owner after a restore, a read-only mount)."""

    def refuse(self, name, content):
        raise PermissionError(errno.EPERM, TECHNICAL, name)

    monkeypatch.setattr(AtomicFileSystemStorage, "_save", refuse)


def image_status(client, scene):
    return client.get(reverse("stories:image", kwargs={"tier": "kids", "scene_id": scene.pk}))


def test_a_file_the_disk_refuses_is_told_kindly_with_the_retry_button(refused_writes, client, caplog):
    _, scene = make_story()
    image = play(scene).image
    assert (image.status, image.error) == ("failed", NOT_SAVED)
    page = client.get(scene.get_absolute_url()).content.decode()
    fragment = client.get(
        reverse("stories:image", kwargs={"tier": "kids", "scene_id": scene.pk}), HTTP_HX_REQUEST="true"
    ).content.decode()
    for shown in (page, fragment):
        assert "It couldn&#x27;t be saved just now." in shown and "Try again" in shown
        assert TECHNICAL not in shown and "Errno" not in shown
    assert image_status(client, scene).json()["error"] == NOT_SAVED
    assert TECHNICAL in caplog.text  # the log keeps the whole story


def test_the_admin_shows_the_precise_error_read_only(refused_writes, admin_client):
    _, scene = make_story()
    image = play(scene).image
    assert f"PermissionError: [Errno 1] {TECHNICAL}" in image.error_detail
    assert "Traceback (most recent call last)" in image.error_detail
    body = admin_client.get(f"/admin/stories/imageasset/{image.pk}/change/").content.decode()
    assert f"PermissionError: [Errno 1] {TECHNICAL}" in body
    assert 'name="error_detail"' not in body  # shown, not editable


def test_a_crash_is_told_kindly_and_its_traceback_kept_for_the_admin(monkeypatch, client, admin_client):
    async def crash(self, brief, on_draft=None):
        raise KeyError("palette")

    monkeypatch.setattr(OfflineProvider, "write_scene", crash)
    _, scene = make_story()
    scene = write(scene)
    assert (scene.status, scene.error) == ("failed", UNEXPECTED)
    assert "KeyError: 'palette'" in scene.error_detail
    assert "palette" not in client.get(scene.get_absolute_url()).content.decode()
    assert (
        "KeyError: &#x27;palette&#x27;" in admin_client.get(f"/admin/stories/scene/{scene.pk}/change/").content.decode()
    )


def test_a_provider_s_own_words_stay_for_people_and_leave_no_detail(monkeypatch):
    async def blocked(self, brief):
        raise ProviderError("Blocked by the safety system.", permanent=True)

    monkeypatch.setattr(OfflineProvider, "draw", blocked)
    _, scene = make_story()
    image = play(scene).image
    assert (image.error, image.error_detail) == ("Blocked by the safety system.", "")


def test_a_traceback_kept_for_the_admin_hides_the_keys(monkeypatch, settings):
    settings.OPENAI_API_KEY = "sk-secret-in-a-traceback-0123"

    async def crash(self, brief):
        raise RuntimeError(f"header was Bearer {settings.OPENAI_API_KEY}")

    monkeypatch.setattr(OfflineProvider, "draw", crash)
    _, scene = make_story()
    image = play(scene).image
    assert "RuntimeError: header was Bearer [key hidden]" in image.error_detail
    assert "sk-secret-in-a-traceback-0123" not in image.error_detail


def test_the_log_records_the_os_error_with_its_traceback(refused_writes, caplog):
    caplog.set_level(logging.ERROR, logger="media_gen.jobs")
    _, scene = make_story()
    play(scene)
    record = next(record for record in caplog.records if "could not save its file" in record.getMessage())
    assert f"PermissionError: [Errno 1] {TECHNICAL}" in record.exc_text
