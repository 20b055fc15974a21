import uuid
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile
from django.urls import reverse

from stories.models import ImageAsset, Person, ReferencePhoto, Scene, Story, VideoAsset
from tests.helpers import make_story, play
from tests.photos import make_person, photo_bytes

pytestmark = pytest.mark.django_db

JSON = {"Accept": "application/json"}
HTMX = {"HX-Request": "true"}


@dataclass
class Space:
    """One of everything a tier holds, for aiming every route at."""

    story: Story
    scene: Scene
    image: ImageAsset
    video: VideoAsset
    person: Person
    photo: ReferencePhoto


def fill(tier):
    story, scene = make_story(tier=tier, prompt=f"A secret {tier} tale", video_mode=True)
    scene = play(scene)  # written and drawn, with its clip queued
    scene.video.file.save("clip.mp4", ContentFile(b"not really a clip"))
    person = make_person(tier=tier, name=f"Secret {tier} person", photos=[photo_bytes()])
    return Space(story, scene, scene.image, scene.video, person, person.photos.get())


def routes_for(tier, space):
    """Every route that takes an id, aimed at `space` under `tier`.

    As (method, url, headers); the ones that change or delete things come last.
    """
    scene = {"tier": tier, "scene_id": space.scene.id}
    story = {"tier": tier, "story_id": space.story.id}
    person = {"tier": tier, "person_id": space.person.id}
    photo = {**person, "photo_id": space.photo.id}

    def media(kind, asset):
        return reverse("media", kwargs={"tier": tier, "kind": kind, "pk": asset.pk})

    return [
        ("get", reverse("stories:scene", kwargs=scene), {}),
        ("get", reverse("stories:scene", kwargs=scene), JSON),
        ("get", reverse("stories:image", kwargs=scene), JSON),
        ("get", reverse("stories:image", kwargs=scene), HTMX),
        ("get", reverse("stories:video", kwargs=scene), JSON),
        ("get", reverse("stories:video", kwargs=scene), HTMX),
        ("get", reverse("gallery:reader", kwargs=story), {}),
        ("get", reverse("gallery:reader", kwargs=story) + f"?scene={space.scene.id}", {}),
        ("get", reverse("gallery:map", kwargs=story), {}),
        ("get", reverse("gallery:delete", kwargs=story), {}),
        ("get", reverse("stories:person", kwargs=person), {}),
        ("get", reverse("stories:person_edit", kwargs=person), {}),
        ("get", reverse("stories:person_delete", kwargs=person), {}),
        ("get", reverse("stories:photo_remove", kwargs=photo), {}),
        ("get", media("images", space.image), {}),
        ("get", media("videos", space.video), {}),
        ("get", media("photos", space.photo), {}),
        ("post", reverse("stories:image_retry", kwargs=scene), JSON),
        ("post", reverse("stories:video_retry", kwargs=scene), JSON),
        ("post", reverse("stories:scene_retry", kwargs=scene), {}),
        ("post", reverse("stories:choose", kwargs={**scene, "choice_id": space.scene.choices[0]["id"]}), {}),
        ("post", reverse("stories:person_edit", kwargs=person), {}),
        ("post", reverse("stories:photo_add", kwargs=person), {}),
        ("post", reverse("stories:photo_replace", kwargs=photo), {}),
        ("post", reverse("stories:photo_remove", kwargs=photo), {}),
        ("post", reverse("stories:person_delete", kwargs=person), {}),
        ("post", reverse("gallery:delete", kwargs=story), {}),
    ]


def pages_for(tier):
    """The routes of a tier that take no id."""
    return [
        ("get", reverse("stories:home", kwargs={"tier": tier}), {}),
        ("post", reverse("stories:start", kwargs={"tier": tier}), {}),
        ("get", reverse("gallery:list", kwargs={"tier": tier}), {}),
        ("get", reverse("stories:people", kwargs={"tier": tier}), {}),
        ("get", reverse("stories:person_add", kwargs={"tier": tier}), {}),
    ]


def call(client, method, url, headers):
    return getattr(client, method)(url, headers=headers)


def test_an_unknown_tier_is_404(client):
    assert client.get("/teens/").status_code == 404
    assert client.get("/teens/gallery/").status_code == 404
    assert client.post("/teens/story/start", {"prompt": "x"}).status_code == 404


def test_the_landing_page_links_to_every_tier(client):
    body = client.get("/").content.decode()
    assert 'href="/kids/"' in body and 'href="/nsfw/"' in body


def test_ids_from_another_tier_are_404_on_every_route(client, grown_up):
    kids = fill("kids")
    for method, url, headers in routes_for("nsfw", kids):
        response = call(client, method, url, headers)
        assert response.status_code == 404, (method, url, headers, response.status_code)
        assert b"Secret kids" not in response.content
    # Nothing was changed, and every route answers where the ids belong (so each 404
    # above came from the tier, not from a wrong id).
    assert Scene.objects.chosen().filter(story=kids.story).count() == 1
    assert Person.objects.get().name == "Secret kids person" and ReferencePhoto.objects.exists()
    for method, url, headers in routes_for("kids", kids):
        assert call(client, method, url, headers).status_code != 404, (method, url, headers)
    assert not Story.objects.exists() and not Person.objects.exists()


def test_unknown_ids_are_404(client):
    assert client.get(f"/kids/gallery/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/kids/media/images/{uuid.uuid4()}").status_code == 404
    assert client.get(f"/kids/media/secrets/{uuid.uuid4()}").status_code == 404


def assert_nothing_but_the_login_page(client, nsfw):
    for method, url, headers in [*pages_for("nsfw"), *routes_for("nsfw", nsfw)]:
        response = call(client, method, url, headers)
        assert response.status_code == 302, (method, url, headers)
        assert response["Location"].startswith("/accounts/login/?next=")
        assert b"Secret nsfw" not in response.content
    assert Story.objects.count() == 1 and Person.objects.count() == 1 and ReferencePhoto.objects.count() == 1


def test_a_protected_tier_sends_strangers_to_the_login_page(client):
    assert_nothing_but_the_login_page(client, fill("nsfw"))


def test_a_user_of_the_other_tier_only_sees_no_content(client, settings):
    kids = settings.STORYTELLER_TIERS["kids"]
    settings.STORYTELLER_TIERS = {**settings.STORYTELLER_TIERS, "kids": {**kids, "protected": True}}
    nsfw = fill("nsfw")
    assert client.get("/kids/").status_code == 302  # a parent protected kids too
    kid = User.objects.create_user("kid", password="pw")
    kid.user_permissions.add(Permission.objects.get(codename="access_kids"))
    client.force_login(kid)
    assert client.get("/kids/").status_code == 200
    assert_nothing_but_the_login_page(client, nsfw)


def test_a_user_with_the_tier_permission_gets_in(client, grown_up):
    assert client.get("/nsfw/").status_code == 200


def test_the_open_tier_needs_no_login(client):
    assert client.get("/kids/").status_code == 200


def test_login_page_works(client):
    User.objects.create_user("parent", password="pw")
    response = client.post("/accounts/login/", {"username": "parent", "password": "pw", "next": "/nsfw/"})
    assert response.status_code == 302 and response["Location"] == "/nsfw/"


def test_a_signed_in_user_can_sign_out(client, grown_up):
    page = client.get("/nsfw/").content.decode()
    assert 'action="/accounts/logout/"' in page and "Sign out" in page
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/nsfw/")["Location"].startswith("/accounts/login/")
    assert "Sign out" not in client.get("/kids/").content.decode()
