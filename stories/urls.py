from django.urls import path

from stories import views

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
]
