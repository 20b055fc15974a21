from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from media_gen.models import ImageAsset, VideoAsset

ASSETS_BY_KIND = {"images": ImageAsset, "videos": VideoAsset}


@require_GET
def media_file(request, tier, kind, pk):
    """A generated file, served only to the tier it belongs to."""
    asset_class = ASSETS_BY_KIND.get(kind)
    if asset_class is None:
        raise Http404("No such kind of media.")
    asset = asset_class.objects.filter(pk=pk, tier=tier.slug).first()
    if asset is None or not asset.file:
        raise Http404("No such file.")
    try:
        handle = asset.file.open("rb")
    except FileNotFoundError:
        raise Http404("That file is gone.") from None
    return FileResponse(handle)
