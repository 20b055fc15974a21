from django.shortcuts import render

from storyteller.tiers import all_tiers


def landing(request):
    return render(request, "landing.html", {"tiers": all_tiers().values()})


def page_not_found(request, exception):
    """404 with the reason our views gave (generic for unknown paths and ids)."""
    reason = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    if reason.endswith("matches the given query."):
        reason = ""  # get_object_or_404's wording names models: say nothing more
    return render(request, "404.html", {"reason": reason}, status=404)
