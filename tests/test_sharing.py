"""Share links: one story (one path, or the whole tree with its map), read-only, for anyone
with the link; nothing else of the tier."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from stories.models import ImageAsset, Scene, ShareLink
from tests.fakes import make_image
from tests.helpers import grow_tree, make_story
from tests.test_books import written_story
from tests.test_story_map import paragraphs, two_paths

pytestmark = pytest.mark.django_db


def shared(story, scene=None, **fields):
    return ShareLink.objects.create(tier=story.tier, story=story, scene=scene, **fields)


def picture_of(scene):
    """Give `scene` a finished picture on disk (its row made if the text job hasn't yet)."""
    picture, _ = ImageAsset.objects.get_or_create(
        scene=scene, defaults={"tier": scene.story.tier, "model": scene.story.image_model}
    )
    picture.file.save("p.png", ContentFile(make_image(64, 64, "a lighthouse")), save=False)
    picture.status = "complete"
    picture.save()
    return picture


def picture_url(link, picture):
    return f"{link.get_absolute_url()}media/images/{picture.pk}"


def links_in(html):
    """Every address the page points at: links, pictures, clips, forms."""
    return re.findall(r'(?:href|src|action|data-[a-z-]+)="(/[^"]*)"', html)


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
def test_a_revoked_or_expired_link_is_404_with_its_map_and_files(client, ending):
    story = written_story(2)
    link = shared(story)
    first = story.scenes.get(number=1)
    urls = [
        link.get_absolute_url(),
        f"{link.get_absolute_url()}?scene={first.pk}",
        f"{link.get_absolute_url()}map",
        picture_url(link, first.image),
    ]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200]
    if ending == "revoked":
        link.revoke()
    else:
        ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]


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


def test_what_the_share_box_did_is_said_in_the_share_box(client):
    """The reader opens at #sharing, far below the page's top: the message shows there, once."""
    story, _ = make_story()
    made = client.post(f"/kids/gallery/{story.id}/share", {"expires_in": "7"}, follow=True).content.decode()
    revoked = client.post(
        f"/kids/gallery/{story.id}/share/{ShareLink.objects.get().id}/revoke", follow=True
    ).content.decode()
    for page, message in [(made, "A share link is ready"), (revoked, "That link no longer opens the story.")]:
        assert page.count(message) == 1
        assert page.index('id="sharing"') < page.index(message)


def test_revoking_asks_first_and_the_link_has_a_copy_button_for_javascript(client):
    story, _ = make_story()
    link = shared(story)
    reader = client.get(story.get_absolute_url()).content.decode()
    sharing = reader[reader.index('id="sharing"') :]
    revoke = f'action="/kids/gallery/{story.id}/share/{link.id}/revoke"'
    # The revoking form opens only from its <details>: a first click asks, the second acts.
    assert sharing.index('<details class="share-revoke">') < sharing.index(revoke) < sharing.index("</details>")
    assert f'<button class="button" type="button" data-copy="share-link-{link.id}" hidden>Copy</button>' in sharing
    assert f'id="share-link-{link.id}"' in sharing and "js/copy-link.js" in reader


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


def test_a_whole_story_link_reads_every_branch_and_maps_them_signed_out(client):
    story, opening, left, further, right = two_paths(client)
    pictures = {scene.pk: picture_of(scene) for scene in (opening, left, further, right)}
    link = shared(story)
    reader = client.get(link.get_absolute_url()).content.decode()
    # The path taken last, with a way to the map; pictures through the link.
    assert [paragraphs(scene) in reader for scene in (opening, left, right)] == [True, False, True]
    assert f'href="{link.get_absolute_url()}map">This is one path: see them all on the map' in reader
    assert picture_url(link, pictures[right.pk]) in reader

    body = client.get(f"{link.get_absolute_url()}map").content.decode()
    assert body.count('<a class="map-card') == 4 and body.count('class="map-fork"') == 1
    assert "You are here" not in body  # nobody reading a shared story is anywhere in it
    assert "<script" not in body.split("</head>")[1]  # plain links: the map needs no script
    for address in links_in(body):  # cards, pictures, the way back: all through the link
        assert address.startswith((link.get_absolute_url(), "/static/")), address
    for scene, path in ((opening, [opening]), (further, [opening, left, further]), (right, [opening, right])):
        card = f"{link.get_absolute_url()}?scene={scene.pk}"
        assert f'href="{card}"' in body
        assert picture_url(link, pictures[scene.pk]) in body
        page = client.get(card).content.decode()
        assert page.count('class="reader-scene"') == len(path)
        assert all(paragraphs(step) in page for step in path)
        for address in links_in(page):
            assert address.startswith((link.get_absolute_url(), "/static/")), address
        for picture in (pictures[step.pk] for step in path):
            assert client.get(picture_url(link, picture)).status_code == 200


def test_a_whole_story_link_keeps_scenes_only_written_ahead_and_other_stories_out(client):
    story, opening, left, further, right = two_paths(client)
    ahead = Scene.objects.filter(story=story, chosen_at=None).first()
    other_story, other_opening = make_story()
    link = shared(story)
    for scene in (ahead, other_opening):
        assert client.get(f"{link.get_absolute_url()}?scene={scene.pk}").status_code == 404
        assert client.get(picture_url(link, picture_of(scene))).status_code == 404
    assert client.get(f"{link.get_absolute_url()}?scene=nope").status_code == 404


def test_a_one_path_link_reaches_no_other_branch_and_has_no_map(client):
    story, opening, left, further, right = two_paths(client)
    pictures = {scene.pk: picture_of(scene) for scene in (opening, left, further, right)}
    link = shared(story, scene=further)
    reader = client.get(link.get_absolute_url()).content.decode()
    assert [paragraphs(scene) in reader for scene in (opening, left, further, right)] == [True, True, True, False]
    assert "/map" not in reader
    assert client.get(f"{link.get_absolute_url()}map").status_code == 404
    # ?scene= only picks a scene of the path: another branch is 404, like its picture.
    assert client.get(f"{link.get_absolute_url()}?scene={right.pk}").status_code == 404
    assert client.get(picture_url(link, pictures[right.pk])).status_code == 404
    shorter = client.get(f"{link.get_absolute_url()}?scene={left.pk}").content.decode()
    assert shorter.count('class="reader-scene"') == 2 and paragraphs(further) not in shorter
    for scene in (opening, left, further):
        assert client.get(picture_url(link, pictures[scene.pk])).status_code == 200


def test_a_whole_story_link_of_the_protected_tier_opens_its_map_and_branches_signed_out(client):
    story, opening = make_story(tier="nsfw")
    scenes = grow_tree(opening, 7)
    link = shared(story)
    body = client.get(f"{link.get_absolute_url()}map").content.decode()
    assert body.count('<a class="map-card') == 7
    for scene in scenes:
        assert client.get(f"{link.get_absolute_url()}?scene={scene.pk}").status_code == 200
    response = client.get(f"/nsfw/gallery/{story.id}/map")
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("what", ["path", "whole"])
def test_the_reader_offers_this_path_or_the_whole_story(client, what):
    story, opening, left, further, right = two_paths(client)
    form = client.get(f"{story.get_absolute_url()}?scene={further.pk}").content.decode()
    assert f'<input type="radio" name="scene" value="{further.pk}" checked>' in form
    assert '<input type="radio" name="scene" value="">' in form
    latest = client.get(story.get_absolute_url()).content.decode()
    assert '<input type="radio" name="scene" value="" checked>' in latest
    assert f'<input type="radio" name="scene" value="{right.pk}">' in latest
    client.post(f"/kids/gallery/{story.id}/share", {"scene": str(further.pk) if what == "path" else ""})
    link = ShareLink.objects.get()
    assert link.scene == (further if what == "path" else None)
    assert client.get(f"{link.get_absolute_url()}map").status_code == (404 if what == "path" else 200)


def test_a_shared_story_read_aloud_in_part_says_which_scenes_it_skips(client):
    story = written_story(3, readings=True)
    story.scenes.get(number=2).audio.delete()
    html = client.get(shared(story).get_absolute_url()).content.decode()
    # A visitor can't ask for the missing reading, so the page says up front and at the scene.
    assert "Scene 2 has no reading yet: the reading skips it." in html
    assert html.count("This scene has no reading yet.") == 1
    assert html.index('id="scene-2"') < html.index("This scene has no reading yet.") < html.index('id="scene-3"')

    story.scenes.get(number=3).audio.delete()
    html = client.get(shared(story).get_absolute_url()).content.decode()
    assert "Scenes 2 and 3 have no reading yet: the reading skips them." in html

    # The family's own reader asks for missing readings; a story with none is not read aloud at all.
    assert "no reading yet" not in client.get(story.get_absolute_url()).content.decode()
    story.scenes.get(number=1).audio.delete()
    assert "no reading yet" not in client.get(shared(story).get_absolute_url()).content.decode()
