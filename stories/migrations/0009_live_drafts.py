"""Scenes keep the title and text a model has streamed so far, for the live scene page."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stories", "0008_story_tree")]

    operations = [
        migrations.AddField(model_name="scene", name="draft_title", field=models.CharField(blank=True, max_length=200)),
        migrations.AddField(model_name="scene", name="draft_text", field=models.TextField(blank=True)),
    ]
