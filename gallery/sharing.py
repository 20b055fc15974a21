"""Share links: made and revoked from the reader by someone allowed in the tier; opened by
anyone holding the link, signed in or not, to read that one story (one path of it, or the
whole tree with its map) and fetch its files."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST, require_safe

from gallery.views import get_story_for_tier, map_page, scene_asked_for
from stories.media_views import serve_file
from stories.models import AudioAsset, DisplayState, ImageAsset, JobStatus, ShareLink, VideoAsset
from storyteller.tiers import opened_by_share_link

# How long a new link opens, as offered in the reader (days; None: until revoked).
LIFETIMES = {"": None, "1": 1, "7": 7, "30": 30}
# What a link lets through: the story's own pictures, clips and narration (never photos).
SHARED_MEDIA = {model.media_kind: model for model in (ImageAsset, VideoAsset, AudioAsset)}


@require_POST
def share_create(request, tier, story_id):
    story = get_story_for_tier(tier, story_id)
    end = scene_asked_for(story.scenes.chosen(), request.POST.get("scene"))  # none: the whole story
    days = LIFETIMES.get(request.POST.get("expires_in", ""), None)
    ShareLink.objects.create(
        tier=tier.slug,
        story=story,
        scene=end,
        created_by=request.user if request.user.is_authenticated else None,
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    messages.success(request, "A share link is ready: copy it below and send it on.")
    return redirect(reader_url(story, end) + "#sharing")


@require_POST
def share_revoke(request, tier, story_id, link_id):
    story = get_story_for_tier(tier, story_id)
    link = get_object_or_404(ShareLink, pk=link_id, story=story, tier=tier.slug)
    link.revoke()
    messages.success(request, "That link no longer opens the story.")
    return redirect(reader_url(story, None) + "#sharing")


def reader_url(story, end):
    return story.get_absolute_url() + (f"?scene={end.pk}" if end else "")


def live_link(tier, token):
    """The link with this token in this tier, while it opens; 404 for any other."""
    link = (
        ShareLink.objects.live()
        .filter(tier=tier.slug, token=token)
        .select_related("scene", "story__text_model", "story__image_model")
        .first()
    )
    if link is None:
        raise Http404("This link doesn't open anything.")
    return link


@opened_by_share_link
@require_GET
def shared_reader(request, tier, token):
    """The shared story along one path: the link's own, or on a whole-story link the one
    that ends at `?scene=<id>` (else the one taken last). A scene the link doesn't show is 404."""
    link = live_link(tier, token)
    story = link.story
    end = scene_asked_for(link.shown_scenes(), request.GET.get("scene")) or link.scene
    path = story.path_to(end)
    scenes = [scene for scene in path if scene.status == JobStatus.COMPLETE]
    unread = [scene for scene in scenes if scene.audio_state != DisplayState.READY]
    context = {
        "tier": tier,
        "story": story,
        "scenes": scenes,
        "share": link,
        "branched": link.opens_whole_story and story.has_other_paths(path),
        # A visitor can't ask for a reading: when the story is read aloud, it says which scenes it skips.
        "unread": unread if len(unread) < len(scenes) else [],
    }
    return render(request, "gallery/reader.html", context)


@opened_by_share_link
@require_GET
def shared_map(request, tier, token):
    """Every path of a story shared whole, each card reading its path through the link;
    a link to one path has no map."""
    link = live_link(tier, token)
    if not link.opens_whole_story:
        raise Http404("This link opens one path of the story.")
    return map_page(request, tier, link.story, share=link)


@opened_by_share_link
@require_safe
def shared_media(request, tier, token, kind, pk):
    """A picture, clip or narration of a scene the link shows, nothing else."""
    link = live_link(tier, token)
    model = SHARED_MEDIA.get(kind)
    if model is None:
        raise Http404("No such kind of media.")
    asset = model.objects.filter(pk=pk, tier=tier.slug, scene__in=link.shown_scenes()).first()
    if asset is None or not asset.file:
        raise Http404("No such file.")
    return serve_file(request, asset.file)
