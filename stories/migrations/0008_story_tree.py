"""A story becomes a tree: a scene has at most one next scene per choice.

Each scene that followed another takes that scene's chosen choice as its own `choice_id`,
and every scene of a story made before counts as chosen (at the time it was queued), so
today's linear stories become one-branch trees with every row, picture and clip kept.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def grow_trees(apps, schema_editor):
    Scene = apps.get_model("stories", "Scene")
    taken = Scene.objects.filter(pk=OuterRef("previous_id")).values("chosen_choice_id")[:1]
    Scene.objects.filter(previous__isnull=False).update(choice_id=Subquery(taken))
    Scene.objects.update(chosen_at=F("queued_at"))


def fold_back(apps, schema_editor):
    """Back to a line: a scene's chosen choice is the one its only chosen branch stands for.

    Scenes only written ahead go; a story with two chosen branches of one scene cannot be
    made linear again, and the schema change after this refuses it.
    """
    Scene = apps.get_model("stories", "Scene")
    Scene.objects.filter(chosen_at__isnull=True).delete()
    taken = Scene.objects.filter(previous_id=OuterRef("pk")).values("choice_id")[:1]
    Scene.objects.update(chosen_choice_id=Subquery(taken))


class Migration(migrations.Migration):
    dependencies = [("stories", "0007_job_error_detail")]

    operations = [
        migrations.RemoveConstraint(model_name="scene", name="unique_scene_number"),
        migrations.AlterField(
            model_name="scene",
            name="previous",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=models.deletion.CASCADE, related_name="branches", to="stories.scene"
            ),
        ),
        migrations.AddField(
            model_name="scene",
            name="choice_id",
            field=models.CharField(
                blank=True, help_text="The choice of the previous scene that led here.", max_length=16
            ),
        ),
        migrations.AddField(model_name="scene", name="chosen_at", field=models.DateTimeField(blank=True, null=True)),
        migrations.AlterField(
            model_name="scene",
            name="number",
            field=models.PositiveSmallIntegerField(help_text="How deep in the story: the opening is 1."),
        ),
        migrations.RunPython(grow_trees, fold_back),
        migrations.RemoveField(model_name="scene", name="chosen_choice_id"),
        migrations.AlterModelOptions(name="scene", options={"ordering": ["story", "number", "chosen_at"]}),
        migrations.AddConstraint(
            model_name="scene",
            constraint=models.UniqueConstraint(fields=("previous", "choice_id"), name="one_scene_per_choice"),
        ),
        migrations.AddConstraint(
            model_name="scene",
            constraint=models.UniqueConstraint(
                condition=models.Q(previous__isnull=True), fields=("story",), name="one_opening_per_story"
            ),
        ),
        migrations.AddIndex(
            model_name="scene", index=models.Index(fields=["story", "chosen_at"], name="scene_story_chosen")
        ),
    ]
