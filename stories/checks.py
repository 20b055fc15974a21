"""System checks for the stories app's configuration: the tiers and how media is sent."""

import re

from django.conf import settings
from django.core.checks import Error, register

TIER_SLUG = re.compile(r"[a-z0-9-]+")
TIER_TEXTS = ("title", "tagline", "guidelines")
MEDIA_ACCEL_CHOICES = ("", "x-accel-redirect", "x-sendfile")


@register()
def check_tiers(app_configs, **kwargs):
    tiers = settings.STORYTELLER_TIERS
    if not isinstance(tiers, dict) or not tiers:
        return [
            Error(
                "STORYTELLER_TIERS must name at least one tier.",
                hint="A dict of slug → settings; see the kids and nsfw tiers in storyteller/settings.py.",
                id="stories.E001",
            )
        ]
    errors = []
    for slug, config in tiers.items():
        problems = []
        if not isinstance(slug, str) or not TIER_SLUG.fullmatch(slug):
            problems.append("its slug must be lower-case letters, digits and dashes")
        if not isinstance(config, dict):
            problems.append("its settings must be a dict")
            config = {}
        problems += [f"'{name}' must be a non-empty text" for name in TIER_TEXTS if not _text(config.get(name))]
        if not isinstance(config.get("protected"), bool):
            problems.append("'protected' must be True or False")
        if not isinstance(config.get("target_scenes"), int) or config.get("target_scenes", 0) < 1:
            problems.append("'target_scenes' must be a whole number of at least 1")
        if not isinstance(config.get("write_ahead", True), bool):
            problems.append("'write_ahead' must be True or False")
        for name in ("default_text_model", "default_image_model"):
            if not isinstance(config.get(name), str):
                problems.append(f"'{name}' must be a model key (or empty)")
        if not isinstance(config.get("default_voice", ""), str):
            problems.append("'default_voice' must be a voice key (or empty)")
        if not isinstance(config.get("idea_placeholder", ""), str):
            problems.append("'idea_placeholder' must be a text (or empty)")
        unknown = set(config) - {
            *TIER_TEXTS,
            "protected",
            "target_scenes",
            "default_text_model",
            "default_image_model",
            "allowed_text_models",
            "allowed_image_models",
            "default_voice",
            "idea_placeholder",
            "write_ahead",
        }
        problems += [f"'{name}' is not a tier setting" for name in sorted(unknown)]
        if problems:
            errors.append(
                Error(
                    f"Tier {slug!r} in STORYTELLER_TIERS: " + "; ".join(problems) + ".",
                    hint="Compare it with the kids tier in storyteller/settings.py.",
                    id="stories.E002",
                )
            )
    return errors


def _text(value):
    return isinstance(value, str) and value.strip()


@register()
def check_media_accel(app_configs, **kwargs):
    if settings.MEDIA_ACCEL not in MEDIA_ACCEL_CHOICES:
        return [
            Error(
                f"MEDIA_ACCEL is {settings.MEDIA_ACCEL!r}, which no web server understands.",
                hint="Leave it empty (Django sends media), or set x-accel-redirect (nginx) or x-sendfile (Apache).",
                id="stories.E003",
            )
        ]
    return []
