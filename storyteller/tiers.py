"""Content tiers: separate spaces at /<slug>/, configured in settings.STORYTELLER_TIERS."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import register_converter


@dataclass(frozen=True)
class Tier:
    slug: str
    title: str
    tagline: str
    guidelines: str  # content rules that go into every prompt
    default_text_model: str
    default_image_model: str
    protected: bool  # login with this tier's permission required
    target_scenes: int  # roughly how many scenes a story runs before it ends
    # Write the scenes behind a scene's choices while the family reads it (text only), so
    # a choice answers at once: about one extra text call per choice.
    write_ahead: bool = True
    # Model keys this tier may use; empty means every available model.
    allowed_text_models: tuple[str, ...] = ()
    allowed_image_models: tuple[str, ...] = ()
    default_voice: str = "offline-narrator"  # the narrator's VoiceModel key
    idea_placeholder: str = ""  # an example idea in the start form's empty prompt

    def __str__(self):
        return self.slug

    @property
    def permission_codename(self):
        return f"access_{self.slug}"

    def allows(self, model, allowed):
        return not allowed or model.key in allowed

    def text_models(self):
        """The text models people can pick in this tier, in display order."""
        from stories.models import TextModel

        return [model for model in TextModel.objects.available() if self.allows(model, self.allowed_text_models)]

    def image_models(self):
        from stories.models import ImageModel

        return [model for model in ImageModel.objects.available() if self.allows(model, self.allowed_image_models)]


@cache
def all_tiers() -> dict[str, Tier]:
    return {
        slug: Tier(
            slug=slug,
            **{
                **config,
                "allowed_text_models": tuple(config.get("allowed_text_models", ())),
                "allowed_image_models": tuple(config.get("allowed_image_models", ())),
            },
        )
        for slug, config in settings.STORYTELLER_TIERS.items()
    }


@receiver(setting_changed)
def _forget_tiers(setting, **kwargs):
    if setting == "STORYTELLER_TIERS":
        all_tiers.cache_clear()


def get_tier(slug) -> Tier | None:
    return all_tiers().get(slug)


class TierConverter:
    """Matches only configured tier slugs, so any other first path segment is a 404."""

    regex = "[a-z0-9-]+"

    def to_python(self, value):
        tier = get_tier(value)
        if tier is None:
            raise ValueError(f"unknown tier {value!r}")
        return tier

    def to_url(self, value):
        slug = value.slug if isinstance(value, Tier) else value
        if get_tier(slug) is None:
            raise ValueError(f"unknown tier {slug!r}")
        return slug


register_converter(TierConverter, "tier")


class TierAccessMiddleware:
    """Protected tiers answer only to signed-in users with the tier's permission.

    Everyone else gets the login page: never content, media or status JSON.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        tier = view_kwargs.get("tier")
        if getattr(view_func, "opened_by_share_link", False):
            return None  # the view checks the link's token itself
        if isinstance(tier, Tier) and tier.protected and not can_enter(request.user, tier):
            return redirect_to_login(request.get_full_path())
        return None


def opened_by_share_link(view):
    """Mark a view that a share link's token opens, signed in or not, on any tier."""
    view.opened_by_share_link = True
    return view


def can_enter(user, tier):
    return not tier.protected or user.has_perm(f"stories.{tier.permission_codename}")


def tiers_for(user):
    """The tiers `user` may enter, in their configured order."""
    return [tier for tier in all_tiers().values() if can_enter(user, tier)]
