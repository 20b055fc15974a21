"""Where the reader and the map send people: the tier's own routes, or, on a shared page,
the share link's, so a shared page never points anywhere the link doesn't open."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def media_url(context, asset):
    """The URL of a picture, clip or narration; through the share link on a shared page."""
    share = context.get("share")
    if share is None:
        return asset.get_media_url()
    return reverse(
        "shared:media", kwargs={"tier": share.tier, "token": share.token, "kind": asset.media_kind, "pk": asset.pk}
    )


@register.simple_tag(takes_context=True)
def scene_url(context, scene):
    """Where a map card leads: the scene's page, to choose again; on a shared map, the shared
    reader along the path to that scene."""
    share = context.get("share")
    if share is None:
        return scene.get_absolute_url()
    return f"{share.get_absolute_url()}?scene={scene.pk}"
