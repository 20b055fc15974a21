"""Seed the model lists: the five hosted image models, the offline ones, and the
legacy DALL-E key older stories may name. All are editable in the admin."""

from django.db import migrations

IMAGE_MODELS = [
    # key, display name, provider, api model, enabled, sort, references, input fidelity
    ("gpt-image-1-mini", "GPT Image 1 Mini", "openai", "gpt-image-1-mini", True, 10, True, False),
    # OpenAI shut gpt-image-1 down on 2026-10-23: kept for old stories, off for new ones.
    ("gpt-image-1", "GPT Image 1", "openai", "gpt-image-1", False, 20, True, True),
    ("gpt-image-1.5", "GPT Image 1.5", "openai", "gpt-image-1.5", True, 30, True, True),
    ("grok-imagine", "Grok Imagine", "xai", "grok-imagine-image", True, 40, True, False),
    ("gemini", "Gemini", "gemini", "gemini-3.1-flash-image", True, 50, True, False),
    ("offline", "Offline illustrator", "offline", "", True, 100, True, False),
    ("dalle", "DALL-E", "openai", "dall-e-3", False, 200, False, False),
]

TEXT_MODELS = [
    ("openai", "GPT-5 mini", "openai", "gpt-5-mini", 10),
    ("grok", "Grok", "xai", "grok-4-fast", 20),
    ("gemini", "Gemini", "gemini", "gemini-2.5-flash", 30),
    ("offline", "Offline storyteller", "offline", "", 100),
]


def seed(apps, schema_editor):
    ImageModel = apps.get_model("media_gen", "ImageModel")
    TextModel = apps.get_model("media_gen", "TextModel")
    for key, name, provider, api_model, enabled, order, references, fidelity in IMAGE_MODELS:
        ImageModel.objects.update_or_create(
            key=key,
            defaults=dict(
                display_name=name,
                provider=provider,
                api_model=api_model,
                enabled=enabled,
                sort_order=order,
                supports_references=references,
                supports_input_fidelity=fidelity,
            ),
        )
    for key, name, provider, api_model, order in TEXT_MODELS:
        TextModel.objects.update_or_create(
            key=key, defaults=dict(display_name=name, provider=provider, api_model=api_model, sort_order=order)
        )


class Migration(migrations.Migration):
    dependencies = [("media_gen", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
