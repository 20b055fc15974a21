from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from media_gen.models import ImageAsset, ImageModel, TextModel, VideoAsset


class AIModelAdmin(admin.ModelAdmin):
    list_display = ["display_name", "key", "provider", "api_model", "enabled", "available", "sort_order"]
    list_editable = ["enabled", "sort_order"]
    list_filter = ["provider", "enabled"]
    ordering = ["provider", "sort_order", "display_name"]
    search_fields = ["key", "display_name", "api_model"]

    @admin.display(boolean=True, description="Key present")
    def available(self, obj):
        return obj.has_credentials


@admin.register(TextModel)
class TextModelAdmin(AIModelAdmin):
    pass


@admin.register(ImageModel)
class ImageModelAdmin(AIModelAdmin):
    list_display = AIModelAdmin.list_display + ["supports_references", "supports_input_fidelity"]


class HasErrorFilter(admin.SimpleListFilter):
    title = "error"
    parameter_name = "has_error"

    def lookups(self, request, model_admin):
        return [("yes", "Has an error"), ("no", "No error")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(error="")
        if self.value() == "no":
            return queryset.filter(error="")
        return queryset


class MediaAssetAdmin(admin.ModelAdmin):
    list_display = ["__str__", "tier", "status", "attempts", "short_error", "created_at"]
    list_filter = ["status", "tier", HasErrorFilter, "created_at"]
    readonly_fields = [
        "id", "scene", "tier", "status", "attempts", "error", "request_id", "usage",
        "queued_at", "started_at", "finished_at", "created_at", "file", "preview",
    ]
    actions = ["retry_selected", "delete_files"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Error")
    def short_error(self, obj):
        return obj.error[:80]

    @admin.action(description="Retry selected failed jobs")
    def retry_selected(self, request, queryset):
        retried = sum(asset.retry() for asset in queryset)
        self.message_user(request, f"Queued {retried} job(s) again.")

    @admin.action(description="Delete the files of the selected rows")
    def delete_files(self, request, queryset):
        deleted = 0
        for asset in queryset.exclude(file=""):
            asset.delete_file()
            type(asset).objects.filter(pk=asset.pk).update(file="")
            deleted += 1
        self.message_user(request, f"Deleted {deleted} file(s).")


@admin.register(ImageAsset)
class ImageAssetAdmin(MediaAssetAdmin):
    list_display = MediaAssetAdmin.list_display + ["model", "thumbnail"]
    list_select_related = ["scene__story", "model"]

    @admin.display(description="Image")
    def thumbnail(self, obj):
        if not obj.file_exists:
            return "—"
        return format_html('<img src="{}" alt="" style="height:48px;border-radius:4px">', _media_url(obj, "images"))

    @admin.display(description="Preview")
    def preview(self, obj):
        if not obj.file_exists:
            return "No file"
        return format_html('<img src="{}" alt="" style="max-width:360px">', _media_url(obj, "images"))


@admin.register(VideoAsset)
class VideoAssetAdmin(MediaAssetAdmin):
    list_display = MediaAssetAdmin.list_display + ["provider", "request_id", "player"]
    list_select_related = ["scene__story"]
    list_filter = ["status", "tier", "provider", HasErrorFilter, "created_at"]

    @admin.display(description="Clip")
    def player(self, obj):
        if not obj.file_exists:
            return "—"
        # preload="none": a long list must not start downloading every clip.
        return format_html(
            '<video src="{}" controls playsinline preload="none" style="height:64px"></video>', _media_url(obj, "videos")
        )

    @admin.display(description="Preview")
    def preview(self, obj):
        if not obj.file_exists:
            return "No file"
        return format_html(
            '<video src="{}" controls playsinline preload="metadata" style="max-width:360px"></video>',
            _media_url(obj, "videos"),
        )


def _media_url(asset, kind):
    return reverse("media", kwargs={"tier": asset.tier, "kind": kind, "pk": asset.pk})
