"""The text and image model registry and the picture and clip jobs move from media_gen to
stories, in Django's state only: the tables stay as they are until 0005 renames them."""

import django.db.models.deletion
import django.utils.timezone
import stories.models.jobs
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stories', '0003_story_start_token'),
        ('media_gen', '0003_seed_models'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImageModel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.SlugField(help_text='Stable id used in forms and stories.', max_length=64, unique=True)),
                        ('display_name', models.CharField(max_length=100)),
                        ('provider', models.CharField(choices=[('openai', 'OpenAI'), ('xai', 'xAI'), ('gemini', 'Google'), ('offline', 'Offline'), ('openai-compatible', 'OpenAI-compatible')], max_length=32)),
                        ('api_model', models.CharField(blank=True, help_text="The provider's model id.", max_length=200)),
                        ('enabled', models.BooleanField(default=True)),
                        ('sort_order', models.IntegerField(default=0)),
                        ('base_url', models.URLField(blank=True, help_text='Only for OpenAI-compatible servers (Ollama, LocalAI, vLLM…).')),
                        ('api_key_env', models.CharField(blank=True, help_text='Only for OpenAI-compatible servers: the environment variable holding the key.', max_length=100)),
                        ('supports_references', models.BooleanField(default=False, help_text="Takes people's reference photos in memory mode.")),
                        ('supports_input_fidelity', models.BooleanField(default=False, help_text='OpenAI only: send input_fidelity="high" with reference photos.')),
                    ],
                    options={
                        'db_table': 'media_gen_imagemodel',
                        'ordering': ['sort_order', 'display_name'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='TextModel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.SlugField(help_text='Stable id used in forms and stories.', max_length=64, unique=True)),
                        ('display_name', models.CharField(max_length=100)),
                        ('provider', models.CharField(choices=[('openai', 'OpenAI'), ('xai', 'xAI'), ('gemini', 'Google'), ('offline', 'Offline'), ('openai-compatible', 'OpenAI-compatible')], max_length=32)),
                        ('api_model', models.CharField(blank=True, help_text="The provider's model id.", max_length=200)),
                        ('enabled', models.BooleanField(default=True)),
                        ('sort_order', models.IntegerField(default=0)),
                        ('base_url', models.URLField(blank=True, help_text='Only for OpenAI-compatible servers (Ollama, LocalAI, vLLM…).')),
                        ('api_key_env', models.CharField(blank=True, help_text='Only for OpenAI-compatible servers: the environment variable holding the key.', max_length=100)),
                    ],
                    options={
                        'db_table': 'media_gen_textmodel',
                        'ordering': ['sort_order', 'display_name'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ImageAsset',
                    fields=[
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('generating', 'Generating'), ('complete', 'Complete'), ('failed', 'Failed')], db_index=True, default='pending', max_length=16)),
                        ('attempts', models.PositiveIntegerField(default=0)),
                        ('error', models.TextField(blank=True)),
                        ('request_id', models.CharField(blank=True, help_text="The provider's id for this request.", max_length=200)),
                        ('usage', models.JSONField(blank=True, default=dict)),
                        ('queued_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('tier', models.CharField(db_index=True, max_length=32)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('file', models.FileField(blank=True, upload_to=stories.models.jobs.TierUploadTo('images'))),
                        ('scene', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='image', to='stories.scene')),
                        ('model', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='images', to='stories.imagemodel')),
                    ],
                    options={
                        'db_table': 'media_gen_imageasset',
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='VideoAsset',
                    fields=[
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('generating', 'Generating'), ('complete', 'Complete'), ('failed', 'Failed')], db_index=True, default='pending', max_length=16)),
                        ('attempts', models.PositiveIntegerField(default=0)),
                        ('error', models.TextField(blank=True)),
                        ('request_id', models.CharField(blank=True, help_text="The provider's id for this request.", max_length=200)),
                        ('usage', models.JSONField(blank=True, default=dict)),
                        ('queued_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('tier', models.CharField(db_index=True, max_length=32)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('provider', models.CharField(choices=[('openai', 'OpenAI'), ('xai', 'xAI'), ('gemini', 'Google'), ('offline', 'Offline'), ('openai-compatible', 'OpenAI-compatible')], max_length=32)),
                        ('file', models.FileField(blank=True, upload_to=stories.models.jobs.TierUploadTo('videos'))),
                        ('scene', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='video', to='stories.scene')),
                    ],
                    options={
                        'db_table': 'media_gen_videoasset',
                        'abstract': False,
                    },
                ),
                migrations.AlterField(
                    model_name='story',
                    name='image_model',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='stories', to='stories.imagemodel'),
                ),
                migrations.AlterField(
                    model_name='story',
                    name='text_model',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='stories', to='stories.textmodel'),
                ),
            ],
        ),
    ]
