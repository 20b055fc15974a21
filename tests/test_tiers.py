import uuid

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from tests.helpers import make_story, play

pytestmark = pytest.mark.django_db


def routes_for(tier, story, scene, image_pk):
    """Every tier route of DESIGN.md §3 with ids from `story`."""
    scene_kwargs = {"tier": tier, "scene_id": scene.id}
    return [
        ("get", reverse("stories:scene", kwargs=scene_kwargs)),
        ("get", reverse("stories:image", kwargs=scene_kwargs)),
        ("post", reverse("stories:image_retry", kwargs=scene_kwargs)),
        ("post", reverse("stories:scene_retry", kwargs=scene_kwargs)),
        ("post", reverse("stories:choose", kwargs={**scene_kwargs, "choice_id": "1"})),
        ("get", reverse("gallery:reader", kwargs={"tier": tier, "story_id": story.id})),
        ("get", reverse("gallery:delete", kwargs={"tier": tier, "story_id": story.id})),
        ("post", reverse("gallery:delete", kwargs={"tier": tier, "story_id": story.id})),
        ("get", reverse("media", kwargs={"tier": tier, "kind": "images", "pk": image_pk})),
    ]


@pytest.fixture
def grown_up(client):
    user = User.objects.create_user("parent", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_nsfw"))
    client.force_login(user)
    return user


def test_an_unknown_tier_is_404(client):
    assert client.get("/teens/").status_code == 404
    assert client.get("/teens/gallery/").status_code == 404
    assert client.post("/teens/story/start", {"prompt": "x"}).status_code == 404


def test_the_landing_page_links_to_every_tier(client):
    body = client.get("/").content.decode()
    assert 'href="/kids/"' in body and 'href="/nsfw/"' in body


def test_ids_from_another_tier_are_404_on_every_route(client, grown_up):
    story, scene = make_story(tier="kids")
    scene = play(scene)
    for method, url in routes_for("nsfw", story, scene, scene.image.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    # …and the story is untouched and still reachable where it belongs.
    assert client.get(reverse("gallery:reader", kwargs={"tier": "kids", "story_id": story.id})).status_code == 200


def test_unknown_ids_are_404(client):
    assert client.get(f"/kids/gallery/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/kids/media/images/{uuid.uuid4()}").status_code == 404
    assert client.get(f"/kids/media/secrets/{uuid.uuid4()}").status_code == 404


def test_a_protected_tier_sends_strangers_to_the_login_page(client):
    story, scene = make_story(tier="nsfw")
    scene = play(scene)
    for method, url in [("get", "/nsfw/"), ("get", "/nsfw/gallery/"), *routes_for("nsfw", story, scene, scene.image.pk)]:
        response = getattr(client, method)(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=")


def test_a_user_without_the_tier_permission_sees_no_content(client):
    story, scene = make_story(tier="nsfw")
    client.force_login(User.objects.create_user("kid", password="pw"))
    response = client.get(reverse("gallery:reader", kwargs={"tier": "nsfw", "story_id": story.id}))
    assert response.status_code == 302
    assert story.prompt not in response.content.decode()


def test_a_user_with_the_tier_permission_gets_in(client, grown_up):
    assert client.get("/nsfw/").status_code == 200


def test_the_open_tier_needs_no_login(client):
    assert client.get("/kids/").status_code == 200


def test_login_page_works(client):
    User.objects.create_user("parent", password="pw")
    response = client.post("/accounts/login/", {"username": "parent", "password": "pw", "next": "/nsfw/"})
    assert response.status_code == 302 and response["Location"] == "/nsfw/"
