"""/<tier>/shared/<token>/…: what a share link opens, and nothing else of the tier."""

from django.urls import path

from gallery import sharing

app_name = "shared"

urlpatterns = [
    path("", sharing.shared_reader, name="reader"),
    path("map", sharing.shared_map, name="map"),
    path("media/<str:kind>/<uuid:pk>", sharing.shared_media, name="media"),
]
