from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from stories.models import (
    AudioAsset,
    ImageAsset,
    ImageModel,
    Person,
    Provider,
    ReferencePhoto,
    Scene,
    ShareLink,
    Story,
    TextModel,
    VideoAsset,
    VoiceModel,
)
from storyteller.keys import KEY_VARIABLE_PREFIX, key_variable_refusal
from storyteller.tiers import tiers_for


class TierFilter(admin.SimpleListFilter):
    """Filter by tier, offering only the tiers the user may enter."""

    title = "tier"
    parameter_name = "tier"

    def __init__(self, request, params, model, model_admin):
        self.tier_field = model_admin.tier_field
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [(tier.slug, tier.title) for tier in tiers_for(request.user)]

    def queryset(self, request, queryset):
        return queryset.filter(**{self.tier_field: self.value()}) if self.value() else queryset


class TierScopedAdmin(admin.ModelAdmin):
    """Only rows of the tiers the user may enter, as the tier pages themselves allow
    ("Can enter the Grown-ups tier"): lists, searches, filters, actions, change, delete and
    history pages all read get_queryset, so another tier's row is as missing as a deleted
    one. A new row can only go into such a tier, and a row's tier is set once, since its
    files are filed under it."""

    tier_field = "tier"  # the lookup from a row to its tier

    def get_queryset(self, request):
        slugs = [tier.slug for tier in tiers_for(request.user)]
        return super().get_queryset(request).filter(**{f"{self.tier_field}__in": slugs})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tier":
            return forms.ChoiceField(choices=[(tier.slug, tier.title) for tier in tiers_for(request.user)])
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.tier_field == "tier" and "tier" not in fields:
            fields.append("tier")
        return fields


class SceneInline(admin.TabularInline):
    model = Scene
    extra = 0
    fields = ["number", "choice_id", "title", "status", "is_ending", "chosen_at", "error"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False


@admin.register(Story)
class StoryAdmin(TierScopedAdmin):
    list_display = ["__str__", "tier", "text_model", "image_model", "updated_at"]  # the modes are filters
    list_filter = [TierFilter, "video_mode", "memory_mode", "image_model", "created_at"]
    search_fields = ["title", "prompt"]
    readonly_fields = ["id", "seed", "created_at", "updated_at"]
    inlines = [SceneInline]


# What the worker and the sweeper keep on a job's row to run it: shown, never edited by hand
# (a failed job goes again through its Retry action, which queues it).
JOB_BOOKKEEPING = ["attempts", "queued_at", "started_at", "finished_at", "heartbeat_at"]


@admin.register(Scene)
class SceneAdmin(TierScopedAdmin):
    tier_field = "story__tier"
    list_display = ["__str__", "status", "is_ending", "chosen_at"]
    list_filter = ["status", TierFilter, "is_ending"]
    list_select_related = ["story"]
    readonly_fields = [
        "id",
        "story",
        "previous",
        "choice_id",
        "chosen_at",
        "status",
        "error_detail",
        "request_id",
        "usage",
        *JOB_BOOKKEEPING,
    ]

    def has_add_permission(self, request):
        return False  # a scene is made by choosing, in its story


class ReferencePhotoInline(admin.TabularInline):
    """Photos are shown and can be removed here; uploads go through the people pages,
    which check and re-encode them."""

    model = ReferencePhoto
    extra = 0
    fields = ["thumbnail", "width", "height", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Photo")
    def thumbnail(self, photo):
        return format_html(
            '<img src="{}" alt="" width="80" height="80" style="object-fit: cover">', photo.get_media_url()
        )


@admin.register(Person)
class PersonAdmin(TierScopedAdmin):
    fields = ["tier", "name", "relation", "description"]
    list_display = ["name", "tier", "relation", "photo_count", "created_at"]
    list_filter = [TierFilter]
    search_fields = ["name", "relation", "description"]
    inlines = [ReferencePhotoInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    @admin.display(description="Photos", ordering="photo_count")
    def photo_count(self, person):
        return person.photo_count


class AIModelForm(forms.ModelForm):
    """A row must be callable: hosted models need the provider's model id, OpenAI-compatible
    ones their server's base URL. A key variable must be one set aside for model keys, or
    an admin could have any secret of the server's sent to a URL of their choosing.
    (Only the fields on the form are checked: the list edits a few.)"""

    # Local servers are usually plain http: "localhost:11434/v1" means http://localhost:11434/v1.
    base_url = forms.URLField(required=False, assume_scheme="http", help_text=TextModel.base_url.field.help_text)
    api_key_env = forms.CharField(
        required=False,
        max_length=TextModel.api_key_env.field.max_length,
        label="Key variable",
        help_text=f"Only for OpenAI-compatible servers: the environment variable holding the key. Its name starts "
        f"with {KEY_VARIABLE_PREFIX}, or the operator lists it in CUSTOM_KEY_VARIABLES.",
    )

    def clean(self):
        data = super().clean()
        provider = data.get("provider", self.instance.provider)
        if "api_model" in data and provider != Provider.OFFLINE and not data["api_model"]:
            self.add_error("api_model", "Give the provider's model id.")
        if "base_url" in data and provider == Provider.OPENAI_COMPATIBLE and not data["base_url"]:
            self.add_error("base_url", "An OpenAI-compatible model needs its server's base URL.")
        if (name := data.get("api_key_env")) and (refusal := key_variable_refusal(name)):
            self.add_error("api_key_env", refusal)
        return data


class AIModelAdmin(admin.ModelAdmin):
    """Models grouped by provider; switching one off hides it from the home page at once,
    and stories that used it keep showing its name."""

    form = AIModelForm
    # What a parent looks for at a glance: whether a model is on offer (switched on, and its
    # provider has a key) and which provider model it calls (editable: providers retire
    # them). The list shares a laptop's screen with the admin's menu and filters, so the
    # key, where the key comes from and the sort order are on the change page.
    list_display = ["display_name", "enabled", "available", "provider", "api_model"]
    list_editable = ["api_model", "enabled"]
    list_filter = ["provider", "enabled"]
    ordering = ["provider", "sort_order", "display_name"]
    search_fields = ["key", "display_name", "api_model"]
    readonly_fields = ["key_source"]
    fieldsets = [
        (None, {"fields": ["key", "display_name", "provider", "api_model", "enabled", "sort_order", "key_source"]}),
        ("OpenAI-compatible server", {"fields": ["base_url", "api_key_env"]}),
    ]

    def get_changelist_form(self, request, **kwargs):
        # A model id is short: the admin's usual wide text box would push the other columns away.
        widgets = {"api_model": forms.TextInput(attrs={"size": 14})}
        return super().get_changelist_form(request, form=AIModelForm, widgets=widgets, **kwargs)

    @admin.display(boolean=True, description="Key present")
    def available(self, obj):
        return obj.has_credentials

    @admin.display(description="Key from")
    def key_source(self, obj):
        """Where the key is read from: the variable's name, never its value."""
        if obj.provider == Provider.OPENAI_COMPATIBLE and obj.api_key_env and key_variable_refusal(obj.api_key_env):
            return f"{obj.api_key_env} (not allowed: never read)"  # a row saved before the rule
        return obj.key_name or "—"


@admin.register(TextModel)
class TextModelAdmin(AIModelAdmin):
    pass


@admin.register(ImageModel)
class ImageModelAdmin(AIModelAdmin):
    fieldsets = AIModelAdmin.fieldsets + [
        ("Reference photos (memory mode)", {"fields": ["supports_references", "supports_input_fidelity"]}),
    ]


@admin.register(VoiceModel)
class VoiceModelAdmin(AIModelAdmin):
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "key",
                    "display_name",
                    "provider",
                    "api_model",
                    "voice",
                    "enabled",
                    "sort_order",
                    "key_source",
                ]
            },
        ),
        ("OpenAI-compatible server", {"fields": ["base_url", "api_key_env"]}),
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


def media_tag(asset, tag, missing="—"):
    """`tag` (HTML with one {} for the address) showing the asset's file, or `missing` when
    there is no file on disk."""
    if not asset.file_exists:
        return missing
    return format_html(tag, asset.get_media_url())


class MediaAssetAdmin(TierScopedAdmin):
    """A picture, clip or reading: what happened to it first, then who made it, then the
    job's bookkeeping. Nothing is edited by hand: the actions retry a job or delete files."""

    preview_tag = ""  # each kind's tag for its change page, as media_tag takes it
    maker = ""  # the field naming who makes this kind: "model", "provider", "voice"
    list_display = ["__str__", "status", "short_error", "created_at"]  # the tier is a filter
    list_filter = ["status", TierFilter, HasErrorFilter, "created_at"]
    actions = ["retry_selected", "delete_files"]

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["scene", "tier", "status", "error", "error_detail", "file", "preview"]}),
            ("Made by", {"fields": [self.maker, "request_id", "usage"]}),
            ("Job", {"fields": ["id", "created_at", *JOB_BOOKKEEPING], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [field for _, options in self.get_fieldsets(request, obj) for field in options["fields"]]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Preview")
    def preview(self, obj):
        return media_tag(obj, self.preview_tag, missing="No file")

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
    maker = "model"
    list_display = MediaAssetAdmin.list_display + ["model", "thumbnail"]
    list_select_related = ["scene__story", "model"]
    preview_tag = '<img src="{}" alt="" style="max-width:360px">'

    @admin.display(description="Image")
    def thumbnail(self, obj):
        return media_tag(obj, '<img src="{}" alt="" style="height:48px;border-radius:4px">')


@admin.register(VideoAsset)
class VideoAssetAdmin(MediaAssetAdmin):
    maker = "provider"
    list_display = MediaAssetAdmin.list_display + ["player"]
    list_select_related = ["scene__story"]
    list_filter = ["status", TierFilter, "provider", HasErrorFilter, "created_at"]
    preview_tag = '<video src="{}" controls playsinline preload="metadata" style="max-width:360px"></video>'

    @admin.display(description="Clip")
    def player(self, obj):
        # preload="none": a long list must not start downloading every clip.
        return media_tag(obj, '<video src="{}" controls playsinline preload="none" style="height:64px"></video>')


@admin.register(AudioAsset)
class AudioAssetAdmin(MediaAssetAdmin):
    maker = "voice"
    list_display = MediaAssetAdmin.list_display + ["voice", "player"]
    list_select_related = ["scene__story", "voice"]
    preview_tag = '<audio src="{}" controls preload="none"></audio>'

    @admin.display(description="Reading")
    def player(self, obj):
        return media_tag(obj, self.preview_tag)  # the list shows the same player: it is small already


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    # Whether it opens, and until when; who made it and when it was revoked are on its page.
    list_display = ["__str__", "tier", "live", "expires_at", "created_at"]
    list_filter = ["tier", "created_at"]
    list_select_related = ["story", "created_by"]
    readonly_fields = ["id", "tier", "token", "story", "scene", "created_by", "created_at"]
    fields = readonly_fields + ["expires_at", "revoked_at"]
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False  # made from the reader, where the story and its path are known

    @admin.display(boolean=True, description="Opens")
    def live(self, obj):
        return obj.is_live

    @admin.action(description="Revoke the selected links")
    def revoke_selected(self, request, queryset):
        for link in queryset:
            link.revoke()
        self.message_user(request, f"Revoked {queryset.count()} link(s).")
