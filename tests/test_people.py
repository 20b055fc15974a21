"""The people pages: each tier keeps its own people and their reference photos."""

import pytest
from django.urls import reverse

from stories.models import Person, ReferencePhoto
from tests.photos import make_person, photo_bytes, upload

pytestmark = pytest.mark.django_db


def person_url(name, person, **extra):
    return reverse(f"stories:{name}", kwargs={"tier": person.tier, "person_id": person.id, **extra})


def photo_url(name, photo):
    return reverse(f"stories:{name}", kwargs={"tier": photo.tier, "person_id": photo.person_id, "photo_id": photo.id})


def media_url(tier, photo):
    return reverse("media", kwargs={"tier": tier, "kind": "photos", "pk": photo.pk})


def test_the_people_page_lists_the_tiers_people_only(client, grown_up):
    ava = make_person("kids", "Ava", relation="my sister", photos=[photo_bytes()])
    make_person("nsfw", "Uncle Vlad")
    body = client.get("/kids/people/").content.decode()
    assert "Ava" in body and "my sister" in body and "1 photo" in body
    assert media_url("kids", ava.photos.get()) in body
    assert "Uncle Vlad" not in body
    assert "Uncle Vlad" in client.get("/nsfw/people/").content.decode()
    assert "Ava" not in client.get("/nsfw/people/").content.decode()


def test_the_people_page_nudges_when_no_one_is_there(client):
    body = client.get("/kids/people/").content.decode()
    assert "No one here yet" in body
    assert reverse("stories:person_add", kwargs={"tier": "kids"}) in body


def test_every_tier_page_links_to_its_people(client):
    assert 'href="/kids/people/"' in client.get("/kids/").content.decode()


def test_adding_a_person_with_a_photo(client, media_root):
    response = client.post(
        "/kids/people/add",
        {"name": "  Ava ", "relation": "my sister", "description": "curly red hair", "photo": upload(photo_bytes())},
    )
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/kids/people/{person.id}/"
    assert (person.tier, person.name, person.relation, person.description) == (
        "kids",
        "Ava",
        "my sister",
        "curly red hair",
    )
    photo = person.photos.get()
    assert (media_root / photo.file.name).is_file()

    body = client.get(response["Location"]).content.decode()
    assert "Ava is one of the family now." in body
    assert f'src="{media_url("kids", photo)}"' in body
    assert client.get(media_url("kids", photo))["Content-Type"] == "image/jpeg"


def test_adding_a_person_without_a_photo(client):
    assert client.get("/kids/people/add").status_code == 200
    response = client.post("/kids/people/add", {"name": "Grandpa Joe"})
    assert response.status_code == 302
    assert not Person.objects.get().photos.exists()


@pytest.mark.parametrize("name", ["", "   "])
def test_a_person_needs_a_name(client, name):
    response = client.post("/kids/people/add", {"name": name, "relation": "my cat"})
    assert response.status_code == 400
    assert "Every person needs a name." in response.content.decode()
    assert not Person.objects.exists()


def test_editing_a_person(client):
    person = make_person("kids", "Ava")
    assert client.get(person_url("person_edit", person)).status_code == 200
    response = client.post(person_url("person_edit", person), {"name": "Ava Rose", "relation": "me", "description": ""})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.relation, person.tier) == ("Ava Rose", "me", "kids")


def test_deleting_a_person_asks_first_then_deletes_their_photos_from_disk(
    client, media_root, django_capture_on_commit_callbacks
):
    person = make_person("kids", "Ava", photos=[photo_bytes(), photo_bytes("JPEG")])
    files = [media_root / photo.file.name for photo in person.photos.all()]
    assert all(path.is_file() for path in files)

    confirm = client.get(person_url("person_delete", person))
    assert "Delete Ava?" in confirm.content.decode()
    assert Person.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(person_url("person_delete", person))
    assert response["Location"] == "/kids/people/"
    assert not Person.objects.exists() and not ReferencePhoto.objects.exists()
    assert not any(path.exists() for path in files)


def test_removing_a_photo_asks_first_then_deletes_its_file(client, media_root, django_capture_on_commit_callbacks):
    person = make_person("kids", "Ava", photos=[photo_bytes(), photo_bytes()])
    photo, kept = person.photos.all()
    path = media_root / photo.file.name

    assert "Remove this photo of Ava?" in client.get(photo_url("photo_remove", photo)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(photo_url("photo_remove", photo))
    assert response["Location"] == person.get_absolute_url()
    assert list(person.photos.all()) == [kept]
    assert not path.exists()
    assert (media_root / kept.file.name).is_file()


def test_a_person_has_at_most_four_photos(client, media_root):
    person = make_person("kids", "Ava", photos=[photo_bytes()] * Person.MAX_PHOTOS)
    assert "Upload" not in client.get(person.get_absolute_url()).content.decode()
    response = client.post(person_url("photo_add", person), {"photo": upload(photo_bytes())})
    assert response.status_code == 400
    assert "Each person can have up to 4 photos. Replace or remove one first." in response.content.decode()
    assert person.photos.count() == Person.MAX_PHOTOS
    assert len(list(media_root.rglob("*.jpg"))) == Person.MAX_PHOTOS


def test_another_tiers_people_and_photos_are_404_everywhere(client, grown_up, media_root):
    person = make_person("kids", "Ava", photos=[photo_bytes()])
    photo = person.photos.get()
    elsewhere = {"tier": "nsfw", "person_id": person.id}
    photo_elsewhere = {**elsewhere, "photo_id": photo.id}
    routes = [
        ("get", reverse("stories:person", kwargs=elsewhere)),
        ("get", reverse("stories:person_edit", kwargs=elsewhere)),
        ("post", reverse("stories:person_edit", kwargs=elsewhere)),
        ("get", reverse("stories:person_delete", kwargs=elsewhere)),
        ("post", reverse("stories:person_delete", kwargs=elsewhere)),
        ("post", reverse("stories:photo_add", kwargs=elsewhere)),
        ("post", reverse("stories:photo_replace", kwargs=photo_elsewhere)),
        ("get", reverse("stories:photo_remove", kwargs=photo_elsewhere)),
        ("post", reverse("stories:photo_remove", kwargs=photo_elsewhere)),
        ("get", media_url("nsfw", photo)),
    ]
    for method, url in routes:
        response = getattr(client, method)(
            url, {"name": "Mallory", "photo": upload(photo_bytes())} if method == "post" else {}
        )
        assert response.status_code == 404, (method, url, response.status_code)
    person.refresh_from_db()
    assert person.name == "Ava" and person.photos.get() == photo
    assert (media_root / photo.file.name).is_file()
    assert client.get(media_url("kids", photo)).status_code == 200


def test_a_photo_of_another_person_is_404(client):
    ava, ben = make_person("kids", "Ava", photos=[photo_bytes()]), make_person("kids", "Ben")
    url = reverse("stories:photo_remove", kwargs={"tier": "kids", "person_id": ben.id, "photo_id": ava.photos.get().id})
    assert client.post(url).status_code == 404
    assert ava.photos.exists()


def test_the_protected_tiers_people_need_a_login(client):
    person = make_person("nsfw", "Uncle Vlad", photos=[photo_bytes()])
    for url in ["/nsfw/people/", "/nsfw/people/add", person.get_absolute_url(), media_url("nsfw", person.photos.get())]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.post("/nsfw/people/add", {"name": "Mallory"}).status_code == 302
    assert Person.objects.count() == 1


def test_the_admin_lists_people_with_their_photos(admin_client):
    person = make_person("kids", "Ava", photos=[photo_bytes()])
    changelist = admin_client.get(reverse("admin:stories_person_changelist")).content.decode()
    assert "Ava" in changelist
    change = admin_client.get(reverse("admin:stories_person_change", args=[person.pk])).content.decode()
    assert media_url("kids", person.photos.get()) in change


def test_the_admin_adds_a_person_to_a_configured_tier(admin_client):
    response = admin_client.post(
        reverse("admin:stories_person_add"),
        {
            "tier": "kids",
            "name": "Ava",
            "relation": "",
            "description": "",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Person.objects.get().tier == "kids"
    bad = admin_client.post(reverse("admin:stories_person_add"), {"tier": "teens", "name": "Zed"})
    assert bad.status_code == 200 and Person.objects.count() == 1
