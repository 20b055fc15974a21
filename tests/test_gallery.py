import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from stories.models import Scene, Story
from tests.helpers import make_story, play, write

pytestmark = pytest.mark.django_db


def test_an_empty_gallery_invites_a_first_story(client):
    body = client.get("/kids/gallery/").content.decode()
    assert "No stories yet" in body
    assert 'href="/kids/"' in body


def test_cards_show_title_cover_models_and_scene_count(client):
    story, scene = make_story(video_mode=True)
    scene = play(scene)
    story.refresh_from_db()
    body = client.get("/kids/gallery/").content.decode()
    assert escape(story.title) in body  # a title may hold an apostrophe, escaped on the page
    assert f"/kids/media/images/{scene.image.pk}" in body
    assert "Offline storyteller · Offline illustrator" in body
    assert "1 scene · " in " ".join(body.split())
    assert "▶ Video" in body


def test_the_gallery_lists_only_its_own_tier(client):
    make_story(tier="nsfw", prompt="A haunted lighthouse")
    assert "haunted lighthouse" not in client.get("/kids/gallery/").content.decode()


def test_the_gallery_query_count_does_not_grow_with_stories(client):
    for _ in range(3):
        play(make_story()[1])
    with CaptureQueriesContext(connection) as three:
        client.get("/kids/gallery/")
    for _ in range(5):
        play(make_story()[1])
    with CaptureQueriesContext(connection) as eight:
        client.get("/kids/gallery/")
    assert len(eight) == len(three)


def test_the_reader_shows_the_path_taken(client):
    story, scene = make_story()
    scene = play(scene)
    client.post(reverse("stories:choose", kwargs={"tier": "kids", "scene_id": scene.id, "choice_id": "2"}))
    second = play(Scene.objects.get(previous=scene, choice_id="2"))
    body = client.get(story.get_absolute_url()).content.decode()
    assert escape(scene.text.split("\n")[0][:40]) in body
    assert escape(second.text.split("\n")[0][:40]) in body
    assert f"You chose: <strong>{escape(scene.choices[1]['text'])}</strong>" in body
    assert "Continue the story" in body
    assert "<video" not in body  # no empty players for a story without clips


def test_deleting_asks_first_then_removes_the_story_and_its_files(
    client, media_root, django_capture_on_commit_callbacks
):
    story, scene = make_story()
    scene = play(scene)
    image_path = media_root / scene.image.file.name
    assert image_path.exists()
    confirm = client.get(reverse("gallery:delete", kwargs={"tier": "kids", "story_id": story.id}))
    assert "Yes, delete it" in confirm.content.decode()
    assert Story.objects.filter(pk=story.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("gallery:delete", kwargs={"tier": "kids", "story_id": story.id}), follow=True)
    assert not Story.objects.filter(pk=story.pk).exists()
    assert not Scene.objects.exists()
    assert not image_path.exists()
    assert "was deleted" in response.content.decode()


def test_an_unfinished_story_can_be_continued_from_the_reader(client):
    story, scene = make_story()
    write(scene)
    assert scene.get_absolute_url() in client.get(story.get_absolute_url()).content.decode()


def test_a_long_gallery_comes_in_pages(client):
    from gallery.views import STORIES_PER_PAGE

    for number in range(STORIES_PER_PAGE + 2):
        make_story(prompt=f"Story number {number}")
    first = client.get("/kids/gallery/").content.decode()
    assert first.count('class="card story-card"') == STORIES_PER_PAGE
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = client.get("/kids/gallery/?page=2").content.decode()
    assert second.count('class="card story-card"') == 2
    assert "Story number 0" in second  # the oldest come last
    assert client.get("/kids/gallery/?page=99").status_code == 200  # past the end: the last page


def test_a_cover_whose_file_is_gone_shows_no_broken_picture(client):
    _, scene = make_story()
    scene = play(scene)
    scene.image.file.storage.delete(scene.image.file.name)
    body = client.get("/kids/gallery/").content.decode()
    assert f"/kids/media/images/{scene.image.pk}" not in body


def test_the_reader_reads_no_other_tiers_stories(client):
    """The same queries whether other tiers hold one story or two hundred."""
    story, scene = make_story()
    play(scene)
    reader = reverse("gallery:reader", kwargs={"tier": "kids", "story_id": story.id})

    def queries_with(others):
        Story.objects.bulk_create(
            Story(tier="nsfw", prompt="elsewhere", text_model=story.text_model, image_model=story.image_model)
            for _ in range(others)
        )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reader).status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    one, many = queries_with(1), queries_with(199)
    assert len(one) == len(many)
    assert not any("nsfw" in sql for sql in many)
    assert all("WHERE" in sql for sql in many if "stories_story" in sql.split("FROM")[-1][:40])


def test_the_reader_opens_with_the_storytellers_notice(client):
    story, scene = make_story()
    play(scene)
    assert "story-notice" not in client.get(story.get_absolute_url()).content.decode()
    Story.objects.filter(pk=story.pk).update(notice="Monsters became a grumpy bear who wants his nap.")
    body = client.get(story.get_absolute_url()).content.decode()
    notice = '<p class="story-notice" role="note">Monsters became a grumpy bear who wants his nap.</p>'
    assert body.index(notice) < body.index('class="reader-scene"')
