import asyncio
import tempfile
import uuid

from django.contrib import messages
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from gallery import books, storymap
from stories.models import JobStatus, Scene, Story

STORIES_PER_PAGE = 24
CHUNK_SIZE = 256 * 1024
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
            ending_count=Count("scenes", filter=CHOSEN & Q(scenes__is_ending=True, scenes__status=JobStatus.COMPLETE)),
        )
        .prefetch_related(
            Prefetch("scenes", queryset=Scene.objects.filter(previous=None).select_related("image"), to_attr="openings")
        )
        .order_by("-updated_at", "-created_at")  # aggregation drops Meta.ordering
    )
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "gallery/list.html", {"tier": tier, "stories": page, "page": page})


@require_GET
def reader(request, tier, story_id):
    """The story along one path: the one that ends at `?scene=<id>`, else the one taken last."""
    story = get_story_for_tier(tier, story_id, Story.objects.select_related("text_model", "image_model"))
    end = scene_asked_for(story.scenes.chosen(), request.GET.get("scene"))
    scenes = story.path_to(end)
    context = {
        "tier": tier,
        "story": story,
        "scenes": scenes,
        "branched": story.has_other_paths(scenes),
        "path_end": end,
        "share_links": story.share_links.live().select_related("scene"),
    }
    return render(request, "gallery/reader.html", context)


def scene_asked_for(scenes, asked):
    """The scene among `scenes` (a story's chosen scenes, or what a share link shows) that
    `?scene=` names, or None when none is named (404 for a malformed id or any other scene)."""
    if not asked:
        return None
    try:
        scene_id = uuid.UUID(asked)
    except ValueError:
        raise Http404("No such scene in this story.") from None
    scene = scenes.filter(pk=scene_id).first()
    if scene is None:
        raise Http404("No such scene in this story.")
    return scene


@require_GET
def story_map(request, tier, story_id):
    """Every path of the story as a tree of small cards, each linking to its scene."""
    return map_page(request, tier, get_story_for_tier(tier, story_id))


def map_page(request, tier, story, share=None):
    """The map of `story`; on a share link's map (`share`) each card reads the path to its
    scene through the link, and nothing marks where the family is."""
    scenes = list(story.scenes.chosen().select_related("image"))
    here = None if share else storymap.latest(scenes)
    context = {"tier": tier, "story": story, "marks": storymap.layout(scenes), "here": here, "share": share}
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


@require_GET
def export_epub(request, tier, story_id):
    return book_download(request, tier, story_id, books.write_epub, "epub", "application/epub+zip")


@require_GET
def export_pdf(request, tier, story_id):
    return book_download(request, tier, story_id, books.write_pdf, "pdf", "application/pdf")


def book_download(request, tier, story_id, write, extension, content_type):
    """The story (or the path `?scene=` ends at) as a book, written into a temporary file
    and streamed out of it in chunks."""
    story = get_story_for_tier(tier, story_id, Story.objects.select_related("text_model", "image_model"))
    end = scene_asked_for(story.scenes.chosen(), request.GET.get("scene"))
    scenes = [scene for scene in story.path_to(end) if scene.status == JobStatus.COMPLETE]
    book = tempfile.TemporaryFile()
    try:
        write(story, scenes, book)
        length = book.tell()
        book.seek(0)
    except BaseException:
        book.close()
        raise
    name = f"{slugify(str(story))[:80] or 'story'}.{extension}"
    headers = {
        "Content-Type": content_type,
        "Content-Length": str(length),
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "private, no-cache",
    }
    # Django reads a sync iterator whole before sending it under ASGI (and an async one
    # whole under WSGI), so each server gets the kind it streams.
    chunks = async_chunks(book) if isinstance(request, ASGIRequest) else sync_chunks(book)
    return StreamingHttpResponse(chunks, headers=headers)


def sync_chunks(book):
    with book:
        while chunk := book.read(CHUNK_SIZE):
            yield chunk


async def async_chunks(book):
    with book:
        while chunk := await asyncio.to_thread(book.read, CHUNK_SIZE):
            yield chunk
