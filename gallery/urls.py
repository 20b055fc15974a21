from django.urls import path

from gallery import views

app_name = "gallery"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("<uuid:story_id>/", views.reader, name="reader"),
    path("<uuid:story_id>/map", views.story_map, name="map"),
    path("<uuid:story_id>/delete", views.delete, name="delete"),
]
