"""Where the reader finds a scene's files: the tier's media route, or the share link's own."""

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
