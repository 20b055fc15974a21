"""Existing installations keep everything: a database filled at the schema before the
registry and the picture and clip jobs moved into stories, migrated to today's.

Each check runs in a process of its own on a fresh SQLite file: migrating the shared test
database back and forth would take its seeded rows from the tests that follow.
"""

import os
import subprocess
import sys
import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from tests.appserver import ROOT

BEFORE_THE_MOVE = [("stories", "0003_story_start_token"), ("media_gen", "0003_seed_models")]
BEFORE_THE_TREE = [("stories", "0007_job_error_detail")]


def migrate(targets=None):
    """Migrate to `targets` (every other app at its latest), or everything to the latest."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    targets = [*(targets or []), *(leaf for leaf in leaves if leaf[0] not in {app for app, _ in targets or []})]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def run_on_a_fresh_database(tmp_path, check):
    """Run `check` (a function of this module) in a process of its own on a new SQLite file."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from tests import test_migrations as t; t.{check}()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "storyteller.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stderr


def test_every_row_and_file_survives_the_move(tmp_path):
    run_on_a_fresh_database(tmp_path, "move")


def test_a_linear_story_becomes_a_one_branch_tree_with_everything_kept(tmp_path):
    run_on_a_fresh_database(tmp_path, "grow")


def grow():
    """Fill a database with linear stories, turn them into trees, and check what came through."""
    old_apps = migrate(BEFORE_THE_TREE)
    Story = old_apps.get_model("stories", "Story")
    Scene = old_apps.get_model("stories", "Scene")
    ImageAsset = old_apps.get_model("stories", "ImageAsset")
    VideoAsset = old_apps.get_model("stories", "VideoAsset")
    painter = old_apps.get_model("stories", "ImageModel").objects.get(key="offline")
    writer = old_apps.get_model("stories", "TextModel").objects.get(key="offline")
    story = Story.objects.create(
        tier="kids", prompt="A fox", title="The Fox", text_model=writer, image_model=painter, video_mode=True
    )
    choices = [{"id": "1", "text": "Left"}, {"id": "2", "text": "Right"}]
    first = Scene.objects.create(
        story=story, number=1, status="complete", text="Once…", choices=choices, chosen_choice_id="2"
    )
    second = Scene.objects.create(
        story=story, number=2, previous=first, status="complete", text="Then…", choices=choices, chosen_choice_id="1"
    )
    third = Scene.objects.create(story=story, number=3, previous=second, status="pending")
    other = Story.objects.create(tier="nsfw", prompt="A ship", text_model=writer, image_model=painter)
    lone = Scene.objects.create(story=other, number=1, status="failed", error="No key.")
    pictures = [
        ImageAsset.objects.create(
            scene=scene, model=painter, tier="kids", status="complete", file=f"kids/images/{scene.pk}.png"
        )
        for scene in (first, second)
    ]
    clip = VideoAsset.objects.create(
        scene=first, tier="kids", provider="offline", status="complete", file="kids/videos/a.mp4"
    )

    new_apps = migrate()

    NewScene = new_apps.get_model("stories", "Scene")
    scenes = {scene.pk: scene for scene in NewScene.objects.all()}
    assert len(scenes) == 4
    grown = [
        (scenes[scene.pk].number, scenes[scene.pk].previous_id, scenes[scene.pk].choice_id)
        for scene in (first, second, third, lone)
    ]
    assert grown == [(1, None, ""), (2, first.pk, "2"), (3, second.pk, "1"), (1, None, "")]
    # Every scene of a story made before was chosen by someone: none is hidden as written ahead.
    assert all(scene.chosen_at == scene.queued_at for scene in scenes.values())
    assert (scenes[lone.pk].status, scenes[lone.pk].error) == ("failed", "No key.")
    assert [
        picture.file.name for picture in new_apps.get_model("stories", "ImageAsset").objects.order_by("scene__number")
    ] == [picture.file.name for picture in pictures]
    assert new_apps.get_model("stories", "VideoAsset").objects.get(pk=clip.pk).file.name == "kids/videos/a.mp4"
    # The tree's rule holds from now on: one next scene per choice.
    with pytest.raises(IntegrityError), transaction.atomic():
        NewScene.objects.create(story_id=story.pk, number=2, previous_id=first.pk, choice_id="2")


def move():
    """Fill a database at the old schema, migrate it, and check what came through."""
    old_apps = migrate(BEFORE_THE_MOVE)
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Permission = old_apps.get_model("auth", "Permission")
    ImageModel = old_apps.get_model("media_gen", "ImageModel")
    TextModel = old_apps.get_model("media_gen", "TextModel")
    ImageAsset = old_apps.get_model("media_gen", "ImageAsset")
    VideoAsset = old_apps.get_model("media_gen", "VideoAsset")
    Story = old_apps.get_model("stories", "Story")
    Scene = old_apps.get_model("stories", "Scene")
    Person = old_apps.get_model("stories", "Person")
    ReferencePhoto = old_apps.get_model("stories", "ReferencePhoto")

    # As an installation of that time has them: the registry's content type under media_gen.
    ContentType.objects.filter(app_label="stories", model="imagemodel").delete()
    image_type, _ = ContentType.objects.get_or_create(app_label="media_gen", model="imagemodel")
    Permission.objects.get_or_create(
        content_type=image_type, codename="change_imagemodel", defaults={"name": "Can change image model"}
    )
    painter = ImageModel.objects.create(key="painter", display_name="Painter", provider="openai", api_model="p-1")
    writer = TextModel.objects.create(
        key="writer",
        display_name="Writer",
        provider="openai-compatible",
        base_url="http://127.0.0.1:11434/v1",
        api_key_env="LOCAL_KEY",
    )
    story = Story.objects.create(
        tier="kids",
        prompt="A fox",
        title="The Fox",
        text_model=writer,
        image_model=painter,
        video_mode=True,
        start_token=uuid.uuid4(),
    )
    first = Scene.objects.create(
        story=story,
        number=1,
        status="complete",
        text="Once…",
        chosen_choice_id="1",
        choices=[{"id": "1", "text": "Go"}],
    )
    second = Scene.objects.create(story=story, number=2, previous=first, status="pending")
    picture = ImageAsset.objects.create(
        scene=first, model=painter, tier="kids", status="complete", file="kids/images/a.png", usage={"images": 1}
    )
    clip = VideoAsset.objects.create(
        scene=first, tier="kids", provider="xai", status="generating", request_id="req-1", file="kids/videos/b.mp4"
    )
    person = Person.objects.create(tier="kids", name="Rosa")
    photo = ReferencePhoto.objects.create(person=person, tier="kids", file="kids/photos/c.jpg")

    new_apps = migrate()

    NewImageAsset = new_apps.get_model("stories", "ImageAsset")
    NewVideoAsset = new_apps.get_model("stories", "VideoAsset")
    moved_picture = NewImageAsset.objects.get(pk=picture.pk)
    assert (moved_picture.scene_id, moved_picture.model.key, moved_picture.file.name, moved_picture.usage) == (
        first.pk,
        "painter",
        "kids/images/a.png",
        {"images": 1},
    )
    moved_clip = NewVideoAsset.objects.get(pk=clip.pk)
    assert (moved_clip.status, moved_clip.request_id, moved_clip.file.name) == (
        "generating",
        "req-1",
        "kids/videos/b.mp4",
    )
    moved_writer = new_apps.get_model("stories", "TextModel").objects.get(pk=writer.pk)
    assert (moved_writer.base_url, moved_writer.api_key_env) == ("http://127.0.0.1:11434/v1", "LOCAL_KEY")
    moved_story = new_apps.get_model("stories", "Story").objects.get(pk=story.pk)
    assert (moved_story.text_model.key, moved_story.image_model.key, moved_story.title) == (
        "writer",
        "painter",
        "The Fox",
    )
    scenes = new_apps.get_model("stories", "Scene").objects.filter(story_id=story.pk).order_by("number")
    assert [(scene.pk, scene.previous_id, scene.picture_hints) for scene in scenes] == [
        (first.pk, None, {}),
        (second.pk, first.pk, {}),
    ]
    assert new_apps.get_model("stories", "ReferencePhoto").objects.get(pk=photo.pk).file.name == "kids/photos/c.jpg"
    # The admin's permissions and history follow the model to its new app.
    assert new_apps.get_model("contenttypes", "ContentType").objects.get(pk=image_type.pk).app_label == "stories"
    assert new_apps.get_model("auth", "Permission").objects.get(codename="change_imagemodel").content_type_id == (
        image_type.pk
    )
    tables = connection.introspection.table_names()
    assert {"stories_imagemodel", "stories_textmodel", "stories_imageasset", "stories_videoasset"} <= set(tables)
    assert not any(table.startswith("media_gen_") for table in tables)


def test_jobs_running_before_leases_keep_their_rows_and_are_taken_back_at_the_deadline(tmp_path):
    run_on_a_fresh_database(tmp_path, "leases")


def leases():
    """Jobs generating under a worker from before leases: no lease to lapse, so the deadline."""
    from datetime import timedelta

    from django.utils import timezone

    from stories.models import ImageAsset, Scene

    old_apps = migrate([("stories", "0005_take_over_generation_tables")])
    Story = old_apps.get_model("stories", "Story")
    OldScene, OldImageAsset = old_apps.get_model("stories", "Scene"), old_apps.get_model("stories", "ImageAsset")
    offline = old_apps.get_model("stories", "ImageModel").objects.get(key="offline")
    story = Story.objects.create(
        tier="kids",
        prompt="A fox",
        text_model=old_apps.get_model("stories", "TextModel").objects.get(key="offline"),
        image_model=offline,
        start_token=uuid.uuid4(),
    )
    recent, long_ago = timezone.now() - timedelta(minutes=1), timezone.now() - timedelta(hours=2)
    scene = OldScene.objects.create(story=story, number=1, status="generating", attempts=1, started_at=recent)
    picture = OldImageAsset.objects.create(
        scene=scene, model=offline, tier="kids", status="generating", attempts=2, started_at=long_ago
    )

    migrate()

    assert [
        (job.status, job.attempts, job.started_at, job.claimed_by, job.heartbeat_at)
        for job in (Scene.objects.get(pk=scene.pk), ImageAsset.objects.get(pk=picture.pk))
    ] == [("generating", 1, recent, None, None), ("generating", 2, long_ago, None, None)]
    assert list(Scene.objects.stuck()) == []  # its old worker may still be at it
    assert list(ImageAsset.objects.stuck()) == [ImageAsset.objects.get(pk=picture.pk)]


BEFORE_ERROR_DETAIL = [("stories", "0006_job_leases")]


def test_failed_jobs_keep_their_error_when_the_detail_column_comes(tmp_path):
    run_on_a_fresh_database(tmp_path, "add_error_detail")


def add_error_detail():
    """Failed and finished jobs of every kind, migrated: their errors stay, the detail is empty."""
    old_apps = migrate(BEFORE_ERROR_DETAIL)
    TextModel = old_apps.get_model("stories", "TextModel")
    ImageModel = old_apps.get_model("stories", "ImageModel")
    Story = old_apps.get_model("stories", "Story")
    Scene = old_apps.get_model("stories", "Scene")
    story = Story.objects.create(
        tier="kids",
        prompt="A fox",
        text_model=TextModel.objects.get(key="offline"),
        image_model=ImageModel.objects.get(key="offline"),
    )
    scene = Scene.objects.create(story=story, number=1, status="failed", error="The model sent no answer.")
    image = old_apps.get_model("stories", "ImageAsset").objects.create(
        scene=scene,
        model=story.image_model,
        tier="kids",
        status="failed",
        error="Could not save the file: No space left on device.",
    )
    clip = old_apps.get_model("stories", "VideoAsset").objects.create(
        scene=scene, tier="kids", provider="offline", status="complete", file="kids/videos/a.mp4"
    )

    new_apps = migrate()

    rows = [
        (new_apps.get_model("stories", name).objects.get(pk=row.pk), row)
        for name, row in [("Scene", scene), ("ImageAsset", image), ("VideoAsset", clip)]
    ]
    assert [(new.status, new.error, new.error_detail) for new, _ in rows] == [
        (old.status, old.error, "") for _, old in rows
    ]


def test_stories_of_before_narration_migrate_with_it_off_and_the_voices_seeded(tmp_path):
    run_on_a_fresh_database(tmp_path, "narration")


def narration():
    """Fill a database at the schema before narration and share links, and migrate it."""
    old_apps = migrate([("stories", "0009_live_drafts")])
    Story = old_apps.get_model("stories", "Story")
    Scene = old_apps.get_model("stories", "Scene")
    ImageModel = old_apps.get_model("stories", "ImageModel")
    TextModel = old_apps.get_model("stories", "TextModel")
    story = Story.objects.create(
        tier="kids",
        prompt="A fox",
        title="The Fox",
        video_mode=True,
        text_model=TextModel.objects.get(key="offline"),
        image_model=ImageModel.objects.get(key="offline"),
    )
    scene = Scene.objects.create(story=story, number=1, status="complete", text="Once…")

    new_apps = migrate()

    NewStory = new_apps.get_model("stories", "Story")
    moved = NewStory.objects.get(pk=story.pk)
    assert (moved.title, moved.video_mode, moved.narration) == ("The Fox", True, False)
    assert new_apps.get_model("stories", "Scene").objects.get(pk=scene.pk).text == "Once…"
    voices = new_apps.get_model("stories", "VoiceModel").objects.order_by("sort_order")
    assert [(voice.key, voice.provider, voice.api_model, voice.voice) for voice in voices] == [
        ("openai-storyteller", "openai", "gpt-4o-mini-tts", "coral"),
        ("gemini-storyteller", "gemini", "gemini-3.8-flash-tts", "Sulafat"),
        ("offline-narrator", "offline", "", "en-us"),
    ]
    assert new_apps.get_model("stories", "AudioAsset").objects.count() == 0
    assert new_apps.get_model("stories", "ShareLink").objects.count() == 0


BEFORE_LIVE_DRAFTS = [("stories", "0008_story_tree")]


def test_scenes_being_written_keep_everything_when_drafts_arrive(tmp_path):
    run_on_a_fresh_database(tmp_path, "drafts")


def drafts():
    """Fill a database from before the live drafts, migrate it, and check the scenes."""
    old_apps = migrate(BEFORE_LIVE_DRAFTS)
    Story = old_apps.get_model("stories", "Story")
    Scene = old_apps.get_model("stories", "Scene")
    story = Story.objects.create(
        tier="kids",
        prompt="A fox",
        title="The Fox",
        text_model=old_apps.get_model("stories", "TextModel").objects.get(key="offline"),
        image_model=old_apps.get_model("stories", "ImageModel").objects.get(key="offline"),
    )
    written = Scene.objects.create(
        story=story, number=1, status="complete", title="The Fox", text="Once…", choices=[{"id": "1", "text": "Go"}]
    )
    writing = Scene.objects.create(
        story=story, number=2, previous=written, choice_id="1", status="generating", attempts=1
    )

    scenes = migrate().get_model("stories", "Scene").objects.filter(story_id=story.pk).order_by("number")
    assert [(scene.pk, scene.status, scene.text, scene.draft_title, scene.draft_text) for scene in scenes] == [
        (written.pk, "complete", "Once…", "", ""),
        (writing.pk, "generating", "", "", ""),
    ]


def test_a_scene_being_streamed_keeps_its_draft_when_drafts_learn_their_text_is_whole(tmp_path):
    run_on_a_fresh_database(tmp_path, "whole_drafts")


def whole_drafts():
    """Fill a database from before drafts said their text was whole, migrate it, and check."""
    old_apps = migrate([("stories", "0010_narration_and_sharing")])
    Story = old_apps.get_model("stories", "Story")
    story = Story.objects.create(
        tier="kids",
        prompt="A fox",
        text_model=old_apps.get_model("stories", "TextModel").objects.get(key="offline"),
        image_model=old_apps.get_model("stories", "ImageModel").objects.get(key="offline"),
    )
    writing = old_apps.get_model("stories", "Scene").objects.create(
        story=story, number=1, status="generating", attempts=1, draft_title="The Fox", draft_text="Once…"
    )

    scene = migrate().get_model("stories", "Scene").objects.get(pk=writing.pk)
    assert (scene.status, scene.attempts, scene.draft_title, scene.draft_text, scene.draft_text_done) == (
        "generating",
        1,
        "The Fox",
        "Once…",
        False,
    )
