"""The registry and the picture and clip jobs now belong to stories (stories 0004): media_gen
forgets them in Django's state, and their tables stay for stories to take over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("media_gen", "0003_seed_models"),
        ("stories", "0004_move_generation_models"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="imageasset", name="model"),
                migrations.RemoveField(model_name="imageasset", name="scene"),
                migrations.RemoveField(model_name="videoasset", name="scene"),
                migrations.DeleteModel(name="ImageAsset"),
                migrations.DeleteModel(name="VideoAsset"),
                migrations.DeleteModel(name="ImageModel"),
                migrations.DeleteModel(name="TextModel"),
            ],
        ),
    ]
