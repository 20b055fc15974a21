"""The admin keeps to the tiers a staff user may enter: without "Can enter the Grown-ups
tier", Grown-ups stories, scenes, people, pictures and clips are as missing in /admin/ as
a deleted row, and nothing can be made in that tier."""

import pytest
from django.contrib.auth.models import Permission, User

from stories.models import ImageAsset, ImageModel, Person, Story, TextModel, VideoAsset
from tests.helpers import make_story, write

pytestmark = pytest.mark.django_db

SECRET = "Moonlit-heist-in-Velmora"  # only in the Grown-ups tier's rows
KIDS = "Dragon-egg-in-Applewood"
TIERED = ["story", "scene", "person", "imageasset", "videoasset"]


def staff(username, *codenames):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="stories", codename__in=codenames))
    return user


def every_permission_but_the_tier():
    return [f"{action}_{model}" for model in TIERED for action in ("view", "add", "change", "delete")]


@pytest.fixture
def kids_only(client):
    """Staff who may view, add, change and delete every tiered row, but not enter Grown-ups."""
    client.force_login(staff("helper", *every_permission_but_the_tier()))
    return client


@pytest.fixture
def rows():
    """A story with a scene, picture, clip and person in each tier."""
    made = {}
    for tier, word in [("kids", KIDS), ("nsfw", SECRET)]:
        story, scene = make_story(tier=tier, prompt=f"{word} begins")
        scene = write(scene)  # queues its picture
        VideoAsset.objects.create(scene=scene, tier=tier, provider="offline", error=f"{word} clip")
        Person.objects.create(tier=tier, name=f"{word} person", description=word)
        made[tier] = Story.objects.get(pk=story.pk)
    return made


def row_ids(story):
    """{admin model name: the pk of that tier's row}."""
    scene = story.scenes.get(number=1)
    return {
        "story": story.pk,
        "scene": scene.pk,
        "person": Person.objects.get(tier=story.tier).pk,
        "imageasset": scene.image.pk,
        "videoasset": scene.video.pk,
    }


def change_urls(story):
    return [f"/admin/stories/{model}/{pk}/change/" for model, pk in row_ids(story).items()]


@pytest.mark.parametrize("model", TIERED)
def test_lists_show_only_the_tiers_the_user_may_enter(kids_only, rows, model):
    hidden, shown = row_ids(rows["nsfw"])[model], row_ids(rows["kids"])[model]
    listed = kids_only.get(f"/admin/stories/{model}/").content.decode()
    assert str(shown) in listed
    assert SECRET not in listed and str(hidden) not in listed


@pytest.mark.parametrize("model", ["story", "person"])
def test_searches_find_nothing_in_another_tier(kids_only, rows, model):
    searched = kids_only.get(f"/admin/stories/{model}/?q=Velmora").content.decode()
    assert "0 results" in searched and str(row_ids(rows["nsfw"])[model]) not in searched


@pytest.mark.parametrize("model", TIERED)
def test_the_tier_filter_offers_only_allowed_tiers_and_asking_for_another_shows_nothing(kids_only, rows, model):
    listed = kids_only.get(f"/admin/stories/{model}/").content.decode()
    assert "?tier=kids" in listed and "?tier=nsfw" not in listed and "Grown-ups" not in listed
    assert SECRET not in kids_only.get(f"/admin/stories/{model}/?tier=nsfw").content.decode()


def test_filter_counts_count_only_allowed_tiers(kids_only, rows):
    listed = kids_only.get("/admin/stories/story/?_facets=True").content.decode()
    assert "Kids (1)" in listed and "No (1)" in listed and "(2)" not in listed


def test_a_row_of_another_tier_is_as_missing_as_a_deleted_one(kids_only, rows):
    for url in change_urls(rows["nsfw"]):
        for page in (url, url.replace("/change/", "/delete/"), url.replace("/change/", "/history/")):
            response = kids_only.get(page)
            assert (response.status_code, response["Location"]) == (302, "/admin/"), page
            assert SECRET not in kids_only.get(response["Location"]).content.decode()
    for url in change_urls(rows["kids"]):
        assert kids_only.get(url).status_code == 200


def test_a_row_of_another_tier_cannot_be_deleted_or_changed(kids_only, rows):
    story = rows["nsfw"]
    kids_only.post(f"/admin/stories/story/{story.pk}/delete/", {"post": "yes"})
    kids_only.post(f"/admin/stories/story/{story.pk}/change/", {"prompt": "changed"})
    story.refresh_from_db()
    assert story.prompt == f"{SECRET} begins"


def test_actions_skip_rows_of_another_tier(kids_only, rows):
    nsfw_image = rows["nsfw"].scenes.get(number=1).image
    ImageAsset.objects.filter(pk=nsfw_image.pk).update(status="failed", error="boom")
    kids_only.post("/admin/stories/imageasset/", {"action": "retry_selected", "_selected_action": [str(nsfw_image.pk)]})
    kids_only.post(
        "/admin/stories/story/",
        {"action": "delete_selected", "_selected_action": [str(rows["nsfw"].pk)], "post": "yes"},
    )
    nsfw_image.refresh_from_db()
    assert nsfw_image.status == "failed"
    assert Story.objects.filter(pk=rows["nsfw"].pk).exists()


@pytest.mark.parametrize(
    "model, fields",
    [
        ("person", {"name": "Sneaky", "relation": "", "description": ""}),
        (
            "story",
            {
                "prompt": "Sneaky",
                "title": "",
                "notice": "",
                "text_model": "",
                "image_model": "",
                "seed": "0",
                "target_scenes": "6",
            },
        ),
    ],
)
def test_nothing_can_be_added_to_a_tier_the_user_may_not_enter(kids_only, model, fields):
    if model == "story":
        fields = {
            **fields,
            "text_model": TextModel.objects.get(key="offline").pk,
            "image_model": ImageModel.objects.get(key="offline").pk,
            "scenes-TOTAL_FORMS": "0",
            "scenes-INITIAL_FORMS": "0",
        }
    form = kids_only.get(f"/admin/stories/{model}/add/").content.decode()
    assert 'value="kids"' in form and 'value="nsfw"' not in form
    response = kids_only.post(f"/admin/stories/{model}/add/", {**fields, "tier": "nsfw"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Story.objects.filter(prompt="Sneaky").exists() and not Person.objects.filter(name="Sneaky").exists()
    response = kids_only.post(f"/admin/stories/{model}/add/", {**fields, "tier": "kids"})
    assert response.status_code == 302


def test_a_row_s_tier_is_set_once(kids_only, rows):
    """Its files are filed under its tier: moving it would leave them behind (and out of reach)."""
    for model in ["story", "person"]:
        form = kids_only.get(f"/admin/stories/{model}/{row_ids(rows['kids'])[model]}/change/").content.decode()
        assert 'name="tier"' not in form
    person = Person.objects.get(tier="kids")
    kids_only.post(f"/admin/stories/person/{person.pk}/change/", {"tier": "nsfw", "name": "Moved"})
    person.refresh_from_db()
    assert (person.tier, person.name) == ("kids", "Moved")


def test_with_the_tier_permission_staff_see_every_tier(client, rows):
    client.force_login(staff("parent", "access_nsfw", *every_permission_but_the_tier()))
    for model, pk in row_ids(rows["nsfw"]).items():
        assert str(pk) in client.get(f"/admin/stories/{model}/").content.decode()
    for url in change_urls(rows["nsfw"]):
        assert client.get(url).status_code == 200


def test_superusers_see_every_tier(client, rows):
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "pw"))
    listed = client.get("/admin/stories/story/").content.decode()
    assert str(rows["nsfw"].pk) in listed and "?tier=nsfw" in listed
