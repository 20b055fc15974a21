"""The media and story cleanup commands: each with --dry-run and a one-line summary."""

import os
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from stories.models import ImageAsset, Person, ReferencePhoto, Scene, Story, VideoAsset
from tests.helpers import make_story, play

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def put_file(media_root, name, age=timedelta(hours=2)):
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * 1000)
    then = time.time() - age.total_seconds()
    os.utime(path, (then, then))
    return path


def test_orphan_media_files_are_removed_and_files_rows_point_to_are_kept(media_root):
    _, scene = make_story()
    image = play(scene).image
    kept = media_root / image.file.name
    orphans = [
        put_file(media_root, "kids/images/gone-row.png"),
        put_file(media_root, "nsfw/videos/.part-abc123"),  # left by a write that was cut short
        put_file(media_root, "oldtier/photos/someone.jpg"),  # a tier no longer configured
    ]
    young = put_file(media_root, "kids/videos/being-stored.mp4", age=timedelta(minutes=1))
    elsewhere = put_file(media_root, "kids/notes.txt")

    assert run("clean_orphan_media", "--dry-run") == "Would remove 3 orphan files (0.0 MB).\n"
    assert all(path.exists() for path in orphans)
    assert run("clean_orphan_media") == "Removed 3 orphan files (0.0 MB).\n"
    assert not any(path.exists() for path in orphans)
    assert kept.exists() and young.exists() and elsewhere.exists()


def test_orphan_cleaning_copes_with_no_media_folder_at_all():
    assert run("clean_orphan_media") == "Removed 0 orphan files (0.0 MB).\n"


def test_rows_whose_file_is_gone_are_marked_missing(client, media_root):
    _, scene = make_story()
    image = play(scene).image
    _, other = make_story()
    other_image = play(other).image
    (media_root / image.file.name).unlink()
    person = Person.objects.create(tier="kids", name="Ava")
    lost_photo = ReferencePhoto.objects.create(person=person, tier="kids", file="kids/photos/lost.png")
    photo = ReferencePhoto.objects.create(person=person, tier="kids", file="kids/photos/here.png")
    put_file(media_root, photo.file.name)

    assert run("mark_missing_media", "--dry-run") == "Would mark 1 image and 0 clips missing, and remove 1 photo.\n"
    image.refresh_from_db()
    assert image.file
    assert run("mark_missing_media") == "Marked 1 image and 0 clips missing, and removed 1 photo.\n"
    image.refresh_from_db()
    other_image.refresh_from_db()
    assert (image.file.name, image.status) == ("", "complete")
    assert other_image.file
    assert list(person.photos.all()) == [photo]
    assert not ReferencePhoto.objects.filter(pk=lost_photo.pk).exists()
    response = client.get(f"/kids/story/image/{scene.pk}")
    assert response.json()["status"] == "none"


def test_failed_clips_older_than_the_given_days_are_purged():
    old_failure, recent_failure, old_success = (
        VideoAsset.objects.create(
            scene=make_story()[1],
            tier="kids",
            provider="offline",
            status=status,
            finished_at=timezone.now() - timedelta(days=days),
        )
        for status, days in (("failed", 40), ("failed", 5), ("complete", 40))
    )
    assert run("purge_failed_clips", "--dry-run") == "Would purge 1 clip that failed more than 30 days ago.\n"
    assert VideoAsset.objects.count() == 3
    assert run("purge_failed_clips", "--days", "30") == "Purged 1 clip that failed more than 30 days ago.\n"
    assert set(VideoAsset.objects.all()) == {recent_failure, old_success}
    assert Scene.objects.filter(pk=old_failure.scene_id).exists()  # the scene itself stays
    assert run("purge_failed_clips", "--days", "1") == "Purged 1 clip that failed more than 1 day ago.\n"


def test_stories_untouched_for_the_given_days_are_deleted_with_their_files(
    media_root, django_capture_on_commit_callbacks
):
    stale, scene = make_story()
    stale_file = media_root / play(scene).image.file.name
    fresh, _ = make_story()
    stale_elsewhere, _ = make_story(tier="nsfw")
    Story.objects.filter(pk__in=[stale.pk, stale_elsewhere.pk]).update(updated_at=timezone.now() - timedelta(days=100))

    assert run("delete_stale_stories", "--days", "90", "--dry-run") == (
        "Would delete 2 stories untouched for more than 90 days.\n"
    )
    assert Story.objects.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        deleted = run("delete_stale_stories", "--days", "90", "--tier", "kids")
    assert deleted == "Deleted 1 story untouched for more than 90 days.\n"
    assert set(Story.objects.all()) == {fresh, stale_elsewhere}
    assert not stale_file.exists()
    assert not ImageAsset.objects.filter(scene__story_id=stale.pk).exists()


def test_stale_stories_need_a_number_of_days_and_a_real_tier():
    with pytest.raises(CommandError):
        call_command("delete_stale_stories")
    with pytest.raises(CommandError, match="No tier called 'adults'"):
        call_command("delete_stale_stories", "--days", "1", "--tier", "adults")


def test_a_deletion_rolled_back_keeps_the_files_of_the_rows_it_kept(media_root, django_capture_on_commit_callbacks):
    story, scene = make_story()
    picture = media_root / play(scene).image.file.name

    class Refused(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Refused), transaction.atomic():
        Story.objects.get(pk=story.pk).delete()
        raise Refused  # whatever fails after the delete, before the commit
    assert Story.objects.filter(pk=story.pk).exists()
    assert picture.exists()

    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert not picture.exists()
