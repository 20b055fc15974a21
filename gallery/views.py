import asyncio
import tempfile

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from gallery import books
from stories.models import Scene, Story

STORIES_PER_PAGE = 24
CHUNK_SIZE = 256 * 1024


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


def path_end(story, scene_id):
    """The scene `?scene=<id>` names, whose path is read; None for the whole story (404 for a
    scene of another story)."""
    if not scene_id:
        return None
    try:
        return story.scenes.get(pk=scene_id)
    except (Scene.DoesNotExist, ValidationError):
        raise Http404("That scene isn't part of this story.") from None


def scenes_to_show(story, end):
    """The scenes a reading or a book holds, with their pictures, clips and narrations."""
    return story.path_to(end).select_related("image__model", "video", "audio__voice", "previous")


@require_GET
def reader(request, tier, story_id):
    story = get_story_for_tier(tier, story_id, Story.objects.select_related("text_model", "image_model"))
    end = path_end(story, request.GET.get("scene"))
    context = {
        "tier": tier,
        "story": story,
        "scenes": scenes_to_show(story, end),
        "path_end": end,
        "share_links": story.share_links.live().select_related("scene"),
    }
    return render(request, "gallery/reader.html", context)


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
    scenes = scenes_to_show(story, path_end(story, request.GET.get("scene"))).filter(status="complete")
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
