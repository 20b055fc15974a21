"""The moved tables take stories' names, their content types (and so their permissions and
admin history) follow them, and scenes and stories gain picture hints and a notice."""

from django.db import migrations, models

MOVED = ("imagemodel", "textmodel", "imageasset", "videoasset")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="stories", model=model).exists():
            ContentType.objects.filter(app_label="media_gen", model=model).update(app_label="stories")


def return_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="stories", model__in=MOVED).update(app_label="media_gen")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("media_gen", "0004_models_moved_to_stories"),
        ("stories", "0004_move_generation_models"),
    ]

    operations = [
        *(migrations.AlterModelTable(name=model, table=None) for model in MOVED),
        migrations.RunPython(move_content_types, return_content_types),
        migrations.AddField(
            model_name="scene",
            name="picture_hints",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="story",
            name="notice",
            field=models.CharField(blank=True, max_length=300),
        ),
    ]
