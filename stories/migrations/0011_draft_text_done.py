"""A scene being streamed says when its draft's text is whole, so the page can tell the
family the model is on to the choices."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stories", "0010_narration_and_sharing")]

    operations = [
        migrations.AddField(model_name="scene", name="draft_text_done", field=models.BooleanField(default=False)),
    ]
