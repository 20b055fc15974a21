from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stories.forms import StartStoryForm
from stories.models import AudioAsset, DisplayState, JobStatus, Scene, Story


def get_scene_for_tier(tier, scene_id):
    """The scene with this id in this tier; 404 for any other tier's scene, and for a scene
    written ahead that nobody chose yet (it is seen only through its choice)."""
    return get_object_or_404(
        Scene.objects.chosen().for_page(),
        pk=scene_id,
        story__tier=tier.slug,
    )


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "") and not request.htmx


@require_GET
def home(request, tier):
    return render(request, "stories/home.html", {"tier": tier, "form": StartStoryForm(tier=tier)})


@require_POST
def start(request, tier):
    form = StartStoryForm(request.POST, tier=tier)
    if not form.is_valid():
        return render(request, "stories/home.html", {"tier": tier, "form": form}, status=400)
    if form.video_dropped:
        messages.warning(
            request, "Video mode needs a video provider (an xAI API key), so this story has pictures only."
        )
    _, scene = Story.start(tier, **form.cleaned_data)
    return redirect(scene)


@require_POST
def choose(request, tier, scene_id, choice_id):
    scene = get_scene_for_tier(tier, scene_id)
    if scene.is_ending:
        raise Http404("This scene is the end of the story: there is nothing more to choose.")
    if scene.status != JobStatus.COMPLETE or scene.choice(choice_id) is None:
        raise Http404("That choice isn't part of this scene.")
    return redirect(scene.choose(choice_id))


@require_GET
def scene_view(request, tier, scene_id):
    scene = get_scene_for_tier(tier, scene_id)
    if wants_json(request):
        return JsonResponse(scene_json(request, scene))
    context = {"tier": tier, "scene": scene, "story": scene.story}
    if request.htmx:
        return render(request, "stories/scene.html#text", context)
    return render(request, "stories/scene.html", context)


@require_POST
def scene_retry(request, tier, scene_id):
    scene = get_scene_for_tier(tier, scene_id)
    if not scene.retry():
        messages.info(request, "That scene is not waiting for a retry.")
    return redirect(scene)


def scene_part(request, tier, scene, part):
    """One live part of the scene page ("image", "video" or "audio"): the HTMX fragment, or JSON."""
    if request.htmx:
        context = {"tier": tier, "scene": scene, "story": scene.story}
        return render(request, f"stories/scene.html#{part}", context)
    return JsonResponse(PART_JSON[part](scene))


def retry_part(request, tier, scene_id, part, noun):
    scene = get_scene_for_tier(tier, scene_id)
    asset = getattr(scene, part, None)
    retried = asset is not None and asset.retry()
    if request.htmx or wants_json(request):
        return scene_part(request, tier, scene, part)
    if not retried:
        messages.info(request, f"That {noun} is not waiting for a retry.")
    return redirect(scene)


@require_GET
def image_status(request, tier, scene_id):
    return scene_part(request, tier, get_scene_for_tier(tier, scene_id), "image")


@require_POST
def image_retry(request, tier, scene_id):
    return retry_part(request, tier, scene_id, "image", "picture")


@require_GET
def video_status(request, tier, scene_id):
    return scene_part(request, tier, get_scene_for_tier(tier, scene_id), "video")


@require_POST
def video_retry(request, tier, scene_id):
    return retry_part(request, tier, scene_id, "video", "clip")


@require_http_methods(["GET", "POST"])
def audio(request, tier, scene_id):
    """The scene's narration: its status, or (POST) a request to read the scene aloud."""
    scene = get_scene_for_tier(tier, scene_id)
    if request.method == "POST":
        queued = AudioAsset.queue_for(scene)
        if queued is None and not (request.htmx or wants_json(request)):
            messages.info(request, "This scene can't be read aloud yet.")
        if not (request.htmx or wants_json(request)):
            return redirect(scene)
        scene = get_scene_for_tier(tier, scene_id)
    return scene_part(request, tier, scene, "audio")


@require_POST
def audio_retry(request, tier, scene_id):
    return retry_part(request, tier, scene_id, "audio", "reading")


def part_json(asset, state):
    """A picture's or clip's status for JSON clients, from what the page shows of it."""
    if state == DisplayState.WORKING:
        status = asset.status if asset else JobStatus.PENDING
    else:
        status = {DisplayState.READY: JobStatus.COMPLETE, DisplayState.FAILED: JobStatus.FAILED}.get(state, "none")
    data = {"status": status}
    if state == DisplayState.READY:
        data["url"] = asset.get_media_url()
    if state == DisplayState.FAILED:
        data["error"] = asset.error
    return data


def image_json(scene):
    image = getattr(scene, "image", None)
    data = part_json(image, scene.image_state)
    if image is not None:
        data["model"] = image.model.display_name
    return data


def video_json(scene):
    video = getattr(scene, "video", None)
    # The route's contract: "none" until the clip has a row of its own.
    return part_json(video, scene.video_state) if video else {"status": "none"}


def scene_json(request, scene):
    data = {
        "id": str(scene.id),
        "story_id": str(scene.story_id),
        "previous_id": str(scene.previous_id) if scene.previous_id else None,
        "number": scene.number,
        "status": scene.status,
        "title": scene.title,
        "text": scene.text,
        "choices": [
            {
                "id": choice["id"],
                "text": choice["text"],
                "scene_id": choice["scene_id"] and str(choice["scene_id"]),
                "explored": choice["explored"],
            }
            for choice in scene.branch_choices()
        ],
        "is_ending": scene.is_ending,
        "image": {"url": None, **image_json(scene)},
        "video": {"url": None, **video_json(scene)},
        "audio": {"url": None, **audio_json(scene)},
    }
    data["image"].setdefault("model", scene.story.image_model.display_name)
    if scene.status == JobStatus.FAILED:
        data["error"] = scene.error
    return data


def audio_json(scene):
    audio = getattr(scene, "audio", None)
    if audio is None:
        return {"status": "none"}
    return {**part_json(audio, scene.audio_state), "voice": audio.voice.display_name}


PART_JSON = {"image": image_json, "video": video_json, "audio": audio_json}
