"""The lease on a running job: its claim token and the heartbeat its worker renews. Rows
claimed before this have no lease; the sweeper takes them back at the deadline, as before."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0005_take_over_generation_tables"),
    ]

    operations = [
        migrations.AddField(
            model_name="imageasset",
            name="claimed_by",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="imageasset",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="scene",
            name="claimed_by",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="scene",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="videoasset",
            name="claimed_by",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="videoasset",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
