from django.contrib.auth.views import LoginView
from django.shortcuts import render

from storyteller.tiers import all_tiers


def landing(request):
    return render(request, "landing.html", {"tiers": all_tiers().values()})


class SignInView(LoginView):
    """Django's sign-in, with a way back to the tiers that need none (a child may land here)."""

    def get_context_data(self, **kwargs):
        open_tiers = [tier for tier in all_tiers().values() if not tier.protected]
        return {**super().get_context_data(**kwargs), "open_tiers": open_tiers}


def page_not_found(request, exception):
    """404 with the reason our views gave (generic for unknown paths and ids)."""
    reason = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    if reason.endswith("matches the given query."):
        reason = ""  # get_object_or_404's wording names models: say nothing more
    return render(request, "404.html", {"reason": reason}, status=404)
