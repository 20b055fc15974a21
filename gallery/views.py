from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from stories.models import Scene, Story

STORIES_PER_PAGE = 24


def get_story_for_tier(tier, story_id, queryset=None):
    """The story with this id in this tier; 404 for any other tier's story."""
    queryset = Story.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.for_tier(tier), pk=story_id)


@require_GET
def story_list(request, tier):
    stories = (
        Story.objects.for_tier(tier)
        .select_related("text_model", "image_model")
        .annotate(
            scene_count=Count("scenes"),
            finished=Exists(Scene.objects.filter(story=OuterRef("pk"), is_ending=True, status="complete")),
        )
        .prefetch_related(
            Prefetch("scenes", queryset=Scene.objects.filter(number=1).select_related("image"), to_attr="openings")
        )
        .order_by("-updated_at", "-created_at")  # aggregation drops Meta.ordering
    )
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "gallery/list.html", {"tier": tier, "stories": page, "page": page})


@require_GET
def reader(request, tier, story_id):
    story = get_story_for_tier(tier, story_id, Story.objects.select_related("text_model", "image_model"))
    scenes = story.scenes.select_related("image__model", "video")
    return render(request, "gallery/reader.html", {"tier": tier, "story": story, "scenes": scenes})


@require_http_methods(["GET", "POST"])
def delete(request, tier, story_id):
    story = get_story_for_tier(tier, story_id)
    if request.method == "POST":
        title = str(story)
        story.delete()  # pictures and clips go with their rows
        messages.success(request, f"“{title}” was deleted.")
        return redirect("gallery:list", tier=tier)
    return render(request, "gallery/delete.html", {"tier": tier, "story": story})
