from django.contrib import admin
from django.urls import include, path

from media_gen.views import media_file
from storyteller import tiers  # noqa: F401  (registers the <tier:…> converter)
from storyteller.views import landing

urlpatterns = [
    path("", landing, name="landing"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("<tier:tier>/", include("stories.urls")),
    path("<tier:tier>/gallery/", include("gallery.urls")),
    path("<tier:tier>/media/<str:kind>/<uuid:pk>", media_file, name="media"),
]

handler404 = "storyteller.views.page_not_found"
