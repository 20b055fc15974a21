"""Going back and choosing differently: the scene page's way back and explored choices,
the map of every path, the reader along one path, and the gallery's counts."""

import re
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from stories.models import ImageAsset, Scene, ShareLink, Story
from tests.fakes import make_image
from tests.helpers import draw, grow_tree, make_story, play, write
from tests.test_choose import branch, choose_url

pytestmark = pytest.mark.django_db


def map_url(story, tier="kids"):
    return reverse("gallery:map", kwargs={"tier": tier, "story_id": story.id})


def reader_url(story, scene=None):
    url = reverse("gallery:reader", kwargs={"tier": story.tier, "story_id": story.id})
    return f"{url}?scene={scene.id}" if scene else url


def two_paths(client):
    """An opening, both its first two doors taken (the second last), and one scene further on the first."""
    story, opening = make_story()
    opening = write(opening)
    client.post(choose_url(opening, "1"))
    left = write(branch(opening, "1"))
    client.post(choose_url(left, "1"))
    further = write(branch(left, "1"))
    client.post(choose_url(opening, "2"))
    right = write(branch(opening, "2"))
    return story, opening, left, further, right


def paragraphs(scene):
    return escape(scene.text.split("\n")[0])  # whole: siblings often open alike


def test_the_map_shows_every_path_taken_and_where_the_family_is(client):
    story, opening, left, further, right = two_paths(client)
    body = client.get(map_url(story)).content.decode()
    chosen = [opening, left, further, right]
    assert body.count('<a class="map-card') == len(chosen)
    for scene in chosen:
        assert f'href="{scene.get_absolute_url()}"' in body
        assert escape(scene.title) in body
    assert body.count('class="map-fork"') == 1  # the opening splits into two paths
    here = re.search(r'<a class="map-card map-here[^"]*" href="([^"]+)"', body)
    assert here.group(1) == right.get_absolute_url()  # chosen last
    # Scenes written ahead behind choices nobody took stay off the map.
    assert all(scene.get_absolute_url() not in body for scene in Scene.objects.filter(chosen_at=None))
    assert "<script" not in body.split("</head>")[1]  # a plain page: links, no script needed


def test_the_map_marks_the_endings_reached(client):
    story, opening, left, further, right = two_paths(client)
    Scene.objects.filter(pk=further.pk).update(is_ending=True, choices=[])
    body = client.get(map_url(story)).content.decode()
    ending = re.search(r'<a class="map-card[^"]*map-ending[^"]*" href="([^"]+)"', body)
    assert ending.group(1) == further.get_absolute_url()
    assert body.count(">The End<") == 1


def test_the_map_of_another_tiers_story_is_404(client):
    story, scene = make_story(tier="nsfw")
    assert client.get(map_url(story, tier="kids")).status_code == 404


def test_the_reader_reads_the_path_that_ends_at_the_scene_asked_for(client):
    story, opening, left, further, right = two_paths(client)
    body = client.get(reader_url(story, further)).content.decode()
    assert [paragraphs(scene) in body for scene in (opening, left, further, right)] == [True, True, True, False]
    assert body.count('class="reader-scene"') == 3
    assert f"You chose: <strong>{escape(opening.choices[0]['text'])}</strong>" in body
    assert f"You chose: <strong>{escape(opening.choices[1]['text'])}</strong>" not in body
    assert "see them all on the map" in body


def test_the_reader_reads_the_most_recent_path_by_default(client):
    story, opening, left, further, right = two_paths(client)
    body = client.get(reader_url(story)).content.decode()
    assert [paragraphs(scene) in body for scene in (opening, left, right)] == [True, False, True]
    assert f"You chose: <strong>{escape(opening.choices[1]['text'])}</strong>" in body
    assert f'href="{right.get_absolute_url()}">Continue the story' in body


@pytest.mark.parametrize("asked", ["written ahead", "another story", "not an id"])
def test_the_reader_refuses_a_scene_that_is_not_on_the_stories_map(client, asked):
    story, opening = make_story()
    opening = write(opening)
    scene = {
        "written ahead": lambda: branch(opening, "1").id,
        "another story": lambda: make_story()[1].id,
        "not an id": lambda: "nope",
    }[asked]()
    assert client.get(f"{reader_url(story)}?scene={scene}").status_code == 404


def test_the_reader_of_another_tiers_story_is_404(client):
    story, scene = make_story(tier="nsfw")
    url = reverse("gallery:reader", kwargs={"tier": "kids", "story_id": story.id})
    assert client.get(f"{url}?scene={scene.id}").status_code == 404


@pytest.mark.parametrize(
    "page", ["map", "reader", "shared map", "shared reader", "shared path", "shared picture", "shared path's picture"]
)
def test_the_map_and_reader_take_as_many_queries_for_200_scenes_as_for_20(client, page):
    def queries_for(count):
        story, opening = make_story()
        scenes = grow_tree(opening, count)
        end = scenes[-1]
        link = ShareLink.objects.create(tier="kids", story=story, scene=end if "path" in page else None)
        picture = ImageAsset.objects.get(scene=end)
        picture.file.save("p.png", ContentFile(make_image(8, 8, "a dot")))
        url = {
            "map": map_url(story),
            "reader": reader_url(story, end),
            "shared map": f"{link.get_absolute_url()}map",
            "shared reader": f"{link.get_absolute_url()}?scene={end.pk}",
            "shared path": link.get_absolute_url(),
            "shared picture": f"{link.get_absolute_url()}media/images/{picture.pk}",
            "shared path's picture": f"{link.get_absolute_url()}media/images/{picture.pk}",
        }[page]
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        cards = 0 if "picture" in page else response.content.decode().count('<a class="map-card')
        return len(captured), cards

    small, large = queries_for(20), queries_for(200)
    assert small[0] == large[0]
    if page.endswith("map"):
        assert (small[1], large[1]) == (20, 200)


def test_the_gallery_card_counts_branches_and_endings_not_scenes_written_ahead(client):
    story, opening, left, further, right = two_paths(client)
    Scene.objects.filter(pk__in=[further.pk, right.pk]).update(is_ending=True, choices=[])
    assert Scene.objects.filter(story=story, chosen_at=None).exists()
    card = " ".join(client.get("/kids/gallery/").content.decode().split())
    assert "4 scenes" in card
    assert f'href="{map_url(story)}">2 branches</a>' in card
    assert "2 endings" in card


def test_the_scene_page_goes_back_and_marks_the_choices_explored(client):
    story, opening, left, further, right = two_paths(client)
    Scene.objects.filter(pk=right.pk).update(is_ending=True, choices=[])
    body = client.get(opening.get_absolute_url()).content.decode()
    assert "← Back" not in body  # the opening has nothing before it
    buttons = re.findall(r'<button class="choice([^"]*)" type="submit">(.*?)</button>', body, re.S)
    # The words as a reader sees them: a choice may hold an apostrophe the page escapes.
    marks = [(classes.strip(), " ".join(unescape(re.sub("<[^>]+>", " ", text)).split())) for classes, text in buttons]
    first, second, *others = opening.choices
    assert marks[0] == ("explored", f"{first['text']} Explored")
    assert marks[1] == ("explored", f"{second['text']} Explored · reached an ending")
    assert all(mark == ("", choice["text"]) for mark, choice in zip(marks[2:], others))
    back = client.get(further.get_absolute_url()).content.decode()
    assert f'href="{left.get_absolute_url()}">← Back</a>' in back


def test_a_choice_reached_an_ending_when_any_path_through_it_did(client):
    story, opening, left, further, right = two_paths(client)
    Scene.objects.filter(pk=further.pk).update(is_ending=True, choices=[])  # two scenes beyond the first door
    marks = [(choice["explored"], choice["ends"]) for choice in Scene.objects.get(pk=opening.pk).branch_choices()]
    assert marks[:2] == [(True, True), (True, False)]
    assert "reached an ending" in client.get(left.get_absolute_url()).content.decode()


def test_the_scene_json_names_the_scene_before_and_where_each_choice_leads(client):
    story, opening, left, further, right = two_paths(client)
    data = client.get(opening.get_absolute_url(), HTTP_ACCEPT="application/json").json()
    assert data["previous_id"] is None
    assert [(choice["id"], choice["scene_id"], choice["explored"]) for choice in data["choices"]] == [
        ("1", str(left.id), True),
        ("2", str(right.id), True),
        *((choice["id"], None, False) for choice in opening.choices[2:]),
    ]
    assert client.get(further.get_absolute_url(), HTTP_ACCEPT="application/json").json()["previous_id"] == str(left.id)


def test_deleting_a_story_removes_every_branch_with_its_files(client, media_root, django_capture_on_commit_callbacks):
    story, opening, left, further, right = two_paths(client)
    files = [media_root / draw(scene).image.file.name for scene in (opening, left, right)]
    assert all(path.exists() for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("gallery:delete", kwargs={"tier": "kids", "story_id": story.id}))
    assert not Scene.objects.exists() and not ImageAsset.objects.exists()
    assert not any(path.exists() for path in files)


def test_stale_stories_go_with_every_branch_and_file(client, media_root, django_capture_on_commit_callbacks):
    story, opening, left, further, right = two_paths(client)
    files = [media_root / draw(scene).image.file.name for scene in (left, right)]
    kept, _ = make_story(prompt="A newer story")
    Story.objects.filter(pk=story.pk).update(updated_at=timezone.now() - timezone.timedelta(days=40))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_stale_stories", "--days", "30", stdout=open("/dev/null", "w"))
    assert list(Story.objects.all()) == [kept]
    assert list(Scene.objects.values_list("story", flat=True)) == [kept.pk]
    assert not any(path.exists() for path in files)


def test_playing_a_branch_draws_only_that_branch(client):
    story, opening = make_story()
    opening = play(opening)
    client.post(choose_url(opening, "3"))
    chosen = play(branch(opening, "3"))
    assert set(ImageAsset.objects.values_list("scene", flat=True)) == {opening.pk, chosen.pk}
