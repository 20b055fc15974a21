"""Share links: one story, read-only, for anyone with the link; nothing else of the tier."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from stories.models import ShareLink
from tests.helpers import make_story
from tests.test_books import written_story

pytestmark = pytest.mark.django_db


def shared(story, scene=None, **fields):
    return ShareLink.objects.create(tier=story.tier, story=story, scene=scene, **fields)


def media_urls(link, story):
    """The files the shared page points at, through the link."""
    urls = []
    for scene in story.scenes.all():
        for asset in (getattr(scene, part, None) for part in ("image", "video", "audio")):
            if asset is not None:
                urls.append(f"{link.get_absolute_url()}media/{asset.media_kind}/{asset.pk}")
    return urls


@pytest.mark.parametrize("tier", ["kids", "nsfw"])
def test_a_link_opens_its_story_to_someone_signed_out_with_its_pictures_clips_and_readings(client, tier):
    story = written_story(2, tier=tier, clips=True, readings=True)
    link = shared(story)
    page = client.get(link.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "The fox walks on, step 1." in html and "The fox walks on, step 2." in html
    for url in media_urls(link, story):
        assert url in html  # readings too: data-narration-src, for "Read the whole story to me"
        response = client.get(url, HTTP_RANGE="bytes=0-9")
        assert response.status_code == 206
    assert f"/{tier}/media/" not in html  # never the tier's own media route
    for way_in in (
        "/gallery/",
        "/people/",
        "/story/scene/",
        "/story/audio/",
        "delete",
        "export.",
        "Make a share link",
        "Continue",
    ):
        assert way_in not in html


def test_a_link_to_one_path_shows_only_that_path_and_its_files(client):
    story = written_story(3, readings=True)
    link = shared(story, scene=story.scenes.get(number=2))
    html = client.get(link.get_absolute_url()).content.decode()
    assert "step 2." in html and "step 3." not in html
    third = story.scenes.get(number=3)
    assert client.get(f"{link.get_absolute_url()}media/images/{third.image.pk}").status_code == 404
    assert client.get(f"{link.get_absolute_url()}media/audio/{third.audio.pk}").status_code == 404


def test_nothing_else_of_the_protected_tier_opens_signed_out(client):
    story = written_story(1, tier="nsfw")
    other = written_story(1, tier="nsfw")
    link = shared(story)
    assert client.get(link.get_absolute_url()).status_code == 200
    other_picture = other.scenes.get().image
    # Another story's files through this link, and the tier's own routes, stay shut.
    assert client.get(f"{link.get_absolute_url()}media/images/{other_picture.pk}").status_code == 404
    for url in (
        "/nsfw/",
        "/nsfw/gallery/",
        f"/nsfw/gallery/{story.id}/",
        "/nsfw/people/",
        f"/nsfw/media/images/{story.scenes.get().image.pk}",
        f"/nsfw/gallery/{story.id}/export.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


def test_people_photos_never_pass_through_a_link(client):
    from stories.models import Person, ReferencePhoto

    story = written_story(1)
    person = Person.objects.create(tier="kids", name="Ava")
    photo = ReferencePhoto.objects.create(person=person, tier="kids", file="kids/photos/x.png")
    link = shared(story)
    assert client.get(f"{link.get_absolute_url()}media/photos/{photo.pk}").status_code == 404


def test_a_link_of_another_tier_is_404(client):
    story = written_story(1, tier="kids")
    link = shared(story)
    assert client.get(f"/nsfw/shared/{link.token}/").status_code == 404


@pytest.mark.parametrize("ending", ["revoked", "expired"])
def test_a_revoked_or_expired_link_is_404_with_its_files(client, ending):
    story = written_story(1)
    link = shared(story)
    picture = f"{link.get_absolute_url()}media/images/{story.scenes.get().image.pk}"
    assert client.get(picture).status_code == 200
    if ending == "revoked":
        link.revoke()
    else:
        ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(link.get_absolute_url()).status_code == 404
    assert client.get(picture).status_code == 404


def test_a_guessed_token_is_404(client):
    story = written_story(1)
    shared(story)
    assert client.get("/kids/shared/not-a-real-token/").status_code == 404


def test_links_are_made_and_revoked_from_the_reader(client):
    story, _ = make_story()
    response = client.post(f"/kids/gallery/{story.id}/share", {"expires_in": "7"})
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert len(link.token) >= 40 and link.scene is None
    assert timedelta(days=6) < link.expires_at - timezone.now() <= timedelta(days=7)
    reader = client.get(story.get_absolute_url()).content.decode()
    assert link.get_absolute_url() in reader and "Revoke" in reader
    client.post(f"/kids/gallery/{story.id}/share/{link.id}/revoke")
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert link.get_absolute_url() not in client.get(story.get_absolute_url()).content.decode()


def test_only_someone_allowed_in_the_tier_makes_a_link(client):
    story, _ = make_story(tier="nsfw")
    response = client.post(f"/nsfw/gallery/{story.id}/share", {"expires_in": ""})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.post(f"/kids/gallery/{story.id}/share", {}).status_code == 404
    assert not ShareLink.objects.exists()


def test_the_admin_revokes_links(client):
    story = written_story(1)
    link = shared(story)
    admin = User.objects.create_superuser("admin", password="pw")
    client.force_login(admin)
    assert client.get("/admin/stories/sharelink/").status_code == 200
    client.post("/admin/stories/sharelink/", {"action": "revoke_selected", "_selected_action": [link.pk]})
    link.refresh_from_db()
    assert link.revoked_at is not None
