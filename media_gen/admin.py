from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from media_gen.models import ImageAsset, ImageModel, Provider, TextModel, VideoAsset
from media_gen.providers import API_KEY_SETTINGS


class AIModelForm(forms.ModelForm):
    """A row must be callable: hosted models need the provider's model id, OpenAI-compatible
    ones their server's base URL. (Only the fields on the form are checked: the list edits a few.)"""

    # Local servers are usually plain http: "localhost:11434/v1" means http://localhost:11434/v1.
    base_url = forms.URLField(required=False, assume_scheme="http", help_text=TextModel.base_url.field.help_text)

    def clean(self):
        data = super().clean()
        provider = data.get("provider", self.instance.provider)
        if "api_model" in data and provider != Provider.OFFLINE and not data["api_model"]:
            self.add_error("api_model", "Give the provider's model id.")
        if "base_url" in data and provider == Provider.OPENAI_COMPATIBLE and not data["base_url"]:
            self.add_error("base_url", "An OpenAI-compatible model needs its server's base URL.")
        return data


class AIModelAdmin(admin.ModelAdmin):
    """Models grouped by provider; switching one off hides it from the home page at once,
    and stories that used it keep showing its name."""

    form = AIModelForm
    list_display = ["display_name", "provider", "key", "api_model", "enabled", "available", "key_source", "sort_order"]
    list_editable = ["api_model", "enabled", "sort_order"]
    list_filter = ["provider", "enabled"]
    ordering = ["provider", "sort_order", "display_name"]
    search_fields = ["key", "display_name", "api_model"]
    fieldsets = [
        (None, {"fields": ["key", "display_name", "provider", "api_model", "enabled", "sort_order"]}),
        ("OpenAI-compatible server", {"fields": ["base_url", "api_key_env"]}),
    ]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=AIModelForm, **kwargs)

    @admin.display(boolean=True, description="Key present")
    def available(self, obj):
        return obj.has_credentials

    @admin.display(description="Key from")
    def key_source(self, obj):
        """Where the key is read from: the variable's name, never its value."""
        return API_KEY_SETTINGS.get(obj.provider) or obj.api_key_env or "—"


@admin.register(TextModel)
class TextModelAdmin(AIModelAdmin):
    pass


@admin.register(ImageModel)
class ImageModelAdmin(AIModelAdmin):
    list_display = AIModelAdmin.list_display + ["supports_references", "supports_input_fidelity"]
    fieldsets = AIModelAdmin.fieldsets + [
        ("Reference photos (memory mode)", {"fields": ["supports_references", "supports_input_fidelity"]}),
    ]


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
