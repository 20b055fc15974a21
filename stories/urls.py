from django.urls import path

from stories import people_views, views

app_name = "stories"

urlpatterns = [
    path("", views.home, name="home"),
    path("story/start", views.start, name="start"),
    path("story/choose/<uuid:scene_id>/<str:choice_id>", views.choose, name="choose"),
    path("story/scene/<uuid:scene_id>", views.scene_view, name="scene"),
    path("story/scene/<uuid:scene_id>/retry", views.scene_retry, name="scene_retry"),
    path("story/image/<uuid:scene_id>", views.image_status, name="image"),
    path("story/image/<uuid:scene_id>/retry", views.image_retry, name="image_retry"),
    path("story/video/<uuid:scene_id>", views.video_status, name="video"),
    path("story/video/<uuid:scene_id>/retry", views.video_retry, name="video_retry"),
    path("story/audio/<uuid:scene_id>", views.audio, name="audio"),
    path("story/audio/<uuid:scene_id>/retry", views.audio_retry, name="audio_retry"),
    # Memory mode: the tier's people and their reference photos.
    path("people/", people_views.people, name="people"),
    path("people/add", people_views.person_add, name="person_add"),
    path("people/<uuid:person_id>/", people_views.person_detail, name="person"),
    path("people/<uuid:person_id>/edit", people_views.person_edit, name="person_edit"),
    path("people/<uuid:person_id>/delete", people_views.person_delete, name="person_delete"),
    path("people/<uuid:person_id>/photos/add", people_views.photo_add, name="photo_add"),
    path("people/<uuid:person_id>/photos/<uuid:photo_id>/replace", people_views.photo_replace, name="photo_replace"),
    path("people/<uuid:person_id>/photos/<uuid:photo_id>/remove", people_views.photo_remove, name="photo_remove"),
]
