import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gallery import storymap
from stories.models import JobStatus, Scene, Story
from stories.models.story import trace

STORIES_PER_PAGE = 24
# Scenes written ahead behind choices nobody took are not part of the story yet.
CHOSEN = Q(scenes__chosen_at__isnull=False)


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
            scene_count=Count("scenes", filter=CHOSEN),
            # Each scene someone went on from is passed by one more path than it ends.
            branch_count=F("scene_count") - Count("scenes__previous", filter=CHOSEN, distinct=True),
            ending_count=Count(
                "scenes", filter=CHOSEN & Q(scenes__is_ending=True, scenes__status=JobStatus.COMPLETE)
            ),
        )
        .prefetch_related(
            Prefetch(
                "scenes", queryset=Scene.objects.filter(previous=None).select_related("image"), to_attr="openings"
            )
        )
        .order_by("-updated_at", "-created_at")  # aggregation drops Meta.ordering
    )
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "gallery/list.html", {"tier": tier, "stories": page, "page": page})


@require_GET
def reader(request, tier, story_id):
    """The story along one path: the one that ends at `?scene=<id>`, else the one taken last."""
    story = get_story_for_tier(tier, story_id, Story.objects.select_related("text_model", "image_model"))
    chosen = {pk: (previous_id, chosen_at) for pk, previous_id, chosen_at in
              story.scenes.chosen().values_list("pk", "previous_id", "chosen_at")}
    end = scene_asked_for(request, chosen) or max(chosen, key=lambda pk: chosen[pk][1])
    ids = [end]
    while (previous_id := chosen[ids[-1]][0]) is not None:
        ids.append(previous_id)
    scenes = {scene.pk: scene for scene in story.scenes.filter(pk__in=ids).select_related("image__model", "video")}
    context = {"tier": tier, "story": story, "scenes": trace(scenes, scenes[end]), "branched": len(chosen) > len(ids)}
    return render(request, "gallery/reader.html", context)


def scene_asked_for(request, chosen):
    """The id in `?scene=`, when given: 404 unless it names a chosen scene of this story."""
    asked = request.GET.get("scene")
    if asked is None:
        return None
    try:
        scene_id = uuid.UUID(asked)
    except ValueError:
        raise Http404("No such scene in this story.") from None
    if scene_id not in chosen:
        raise Http404("No such scene in this story.")
    return scene_id


@require_GET
def story_map(request, tier, story_id):
    """Every path of the story as a tree of small cards, each linking to its scene."""
    story = get_story_for_tier(tier, story_id)
    scenes = list(story.scenes.chosen().select_related("image"))
    context = {"tier": tier, "story": story, "marks": storymap.layout(scenes), "here": storymap.latest(scenes)}
    return render(request, "gallery/map.html", context)


@require_http_methods(["GET", "POST"])
def delete(request, tier, story_id):
    story = get_story_for_tier(tier, story_id)
    if request.method == "POST":
        title = str(story)
        story.delete()  # pictures and clips go with their rows
        messages.success(request, f"“{title}” was deleted.")
        return redirect("gallery:list", tier=tier)
    return render(request, "gallery/delete.html", {"tier": tier, "story": story})
