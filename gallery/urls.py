from django.urls import path

from gallery import sharing, views

app_name = "gallery"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("<uuid:story_id>/", views.reader, name="reader"),
    path("<uuid:story_id>/map", views.story_map, name="map"),
    path("<uuid:story_id>/delete", views.delete, name="delete"),
    path("<uuid:story_id>/export.epub", views.export_epub, name="export_epub"),
    path("<uuid:story_id>/export.pdf", views.export_pdf, name="export_pdf"),
    path("<uuid:story_id>/share", sharing.share_create, name="share"),
    path("<uuid:story_id>/share/<uuid:link_id>/revoke", sharing.share_revoke, name="share_revoke"),
]
