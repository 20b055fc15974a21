"""Existing installations keep everything: a database filled at the schema before the
registry and the picture and clip jobs moved into stories, migrated to today's.

Each check runs in a process of its own on a fresh SQLite file: migrating the shared test
database back and forth would take its seeded rows from the tests that follow.
"""

import os
import subprocess
import sys
import uuid

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.appserver import ROOT

BEFORE_THE_MOVE = [("stories", "0003_story_start_token"), ("media_gen", "0003_seed_models")]


def migrate(targets=None):
    """Migrate to `targets` (every other app at its latest), or everything to the latest."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    targets = [*(targets or []), *(leaf for leaf in leaves if leaf[0] not in {app for app, _ in targets or []})]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def run_in_a_fresh_database(tmp_path, check):
    """Run `check` (a function of this module) in a process of its own on a new SQLite file."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from tests import test_migrations as t; t.{check}()"],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "storyteller.settings",
             "DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite3'}"},
    )
    assert result.returncode == 0, result.stderr


def test_every_row_and_file_survives_the_move(tmp_path):
    run_in_a_fresh_database(tmp_path, "move")


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
    Permission.objects.get_or_create(content_type=image_type, codename="change_imagemodel",
                                     defaults={"name": "Can change image model"})
    painter = ImageModel.objects.create(key="painter", display_name="Painter", provider="openai", api_model="p-1")
    writer = TextModel.objects.create(key="writer", display_name="Writer", provider="openai-compatible",
                                      base_url="http://127.0.0.1:11434/v1", api_key_env="LOCAL_KEY")
    story = Story.objects.create(tier="kids", prompt="A fox", title="The Fox", text_model=writer,
                                 image_model=painter, video_mode=True, start_token=uuid.uuid4())
    first = Scene.objects.create(story=story, number=1, status="complete", text="Once…", chosen_choice_id="1",
                                 choices=[{"id": "1", "text": "Go"}])
    second = Scene.objects.create(story=story, number=2, previous=first, status="pending")
    picture = ImageAsset.objects.create(scene=first, model=painter, tier="kids", status="complete",
                                        file="kids/images/a.png", usage={"images": 1})
    clip = VideoAsset.objects.create(scene=first, tier="kids", provider="xai", status="generating",
                                     request_id="req-1", file="kids/videos/b.mp4")
    person = Person.objects.create(tier="kids", name="Rosa")
    photo = ReferencePhoto.objects.create(person=person, tier="kids", file="kids/photos/c.jpg")

    new_apps = migrate()

    NewImageAsset = new_apps.get_model("stories", "ImageAsset")
    NewVideoAsset = new_apps.get_model("stories", "VideoAsset")
    moved_picture = NewImageAsset.objects.get(pk=picture.pk)
    assert (moved_picture.scene_id, moved_picture.model.key, moved_picture.file.name, moved_picture.usage) == (
        first.pk, "painter", "kids/images/a.png", {"images": 1})
    moved_clip = NewVideoAsset.objects.get(pk=clip.pk)
    assert (moved_clip.status, moved_clip.request_id, moved_clip.file.name) == ("generating", "req-1",
                                                                                "kids/videos/b.mp4")
    moved_writer = new_apps.get_model("stories", "TextModel").objects.get(pk=writer.pk)
    assert (moved_writer.base_url, moved_writer.api_key_env) == ("http://127.0.0.1:11434/v1", "LOCAL_KEY")
    moved_story = new_apps.get_model("stories", "Story").objects.get(pk=story.pk)
    assert (moved_story.text_model.key, moved_story.image_model.key, moved_story.title) == ("writer", "painter",
                                                                                            "The Fox")
    scenes = new_apps.get_model("stories", "Scene").objects.filter(story_id=story.pk).order_by("number")
    assert [(scene.pk, scene.previous_id, scene.picture_hints) for scene in scenes] == [
        (first.pk, None, {}), (second.pk, first.pk, {})]
    assert new_apps.get_model("stories", "ReferencePhoto").objects.get(pk=photo.pk).file.name == "kids/photos/c.jpg"
    # The admin's permissions and history follow the model to its new app.
    assert new_apps.get_model("contenttypes", "ContentType").objects.get(pk=image_type.pk).app_label == "stories"
    assert new_apps.get_model("auth", "Permission").objects.get(codename="change_imagemodel").content_type_id == (
        image_type.pk)
    tables = connection.introspection.table_names()
    assert {"stories_imagemodel", "stories_textmodel", "stories_imageasset", "stories_videoasset"} <= set(tables)
    assert not any(table.startswith("media_gen_") for table in tables)


BEFORE_LIVE_DRAFTS = [("stories", "0005_take_over_generation_tables")]


def test_scenes_being_written_keep_everything_when_drafts_arrive(tmp_path):
    run_in_a_fresh_database(tmp_path, "drafts")


def drafts():
    """Fill a database from before the live drafts, migrate it, and check the scenes."""
    old_apps = migrate(BEFORE_LIVE_DRAFTS)
    Story = old_apps.get_model("stories", "Story")
    Scene = old_apps.get_model("stories", "Scene")
    story = Story.objects.create(tier="kids", prompt="A fox", title="The Fox",
                                 text_model=old_apps.get_model("stories", "TextModel").objects.get(key="offline"),
                                 image_model=old_apps.get_model("stories", "ImageModel").objects.get(key="offline"))
    written = Scene.objects.create(story=story, number=1, status="complete", title="The Fox", text="Once…",
                                   choices=[{"id": "1", "text": "Go"}], chosen_choice_id="1")
    writing = Scene.objects.create(story=story, number=2, previous=written, status="generating", attempts=1)

    scenes = migrate().get_model("stories", "Scene").objects.filter(story_id=story.pk).order_by("number")
    assert [(scene.pk, scene.status, scene.text, scene.draft_title, scene.draft_text) for scene in scenes] == [
        (written.pk, "complete", "Once…", "", ""), (writing.pk, "generating", "", "", "")]
