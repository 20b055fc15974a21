from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from stories.media_views import media_file
from storyteller import tiers  # noqa: F401  (registers the <tier:…> converter)
from storyteller.views import SignInView, landing

urlpatterns = [
    path("", landing, name="landing"),
    # The model lists and the picture and clip jobs moved from media_gen to stories: old bookmarks follow.
    re_path(r"^admin/media_gen/(?P<rest>.*)$", RedirectView.as_view(url="/admin/stories/%(rest)s", query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("<tier:tier>/", include("stories.urls")),
    path("<tier:tier>/gallery/", include("gallery.urls")),
    path("<tier:tier>/media/<str:kind>/<uuid:pk>", media_file, name="media"),
    path("<tier:tier>/shared/<str:token>/", include("gallery.shared_urls")),
]

handler404 = "storyteller.views.page_not_found"
