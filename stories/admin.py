from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from stories.models import Person, ReferencePhoto, Scene, Story
from storyteller.tiers import all_tiers


class SceneInline(admin.TabularInline):
    model = Scene
    extra = 0
    fields = ["number", "title", "status", "is_ending", "chosen_choice_id", "error"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "tier", "text_model", "image_model", "memory_mode", "video_mode", "updated_at"]
    list_filter = ["tier", "video_mode", "memory_mode", "image_model", "created_at"]
    search_fields = ["title", "prompt"]
    readonly_fields = ["id", "seed", "created_at", "updated_at"]
    inlines = [SceneInline]


@admin.register(Scene)
class SceneAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "attempts", "is_ending", "queued_at"]
    list_filter = ["status", "story__tier", "is_ending"]
    list_select_related = ["story"]
    readonly_fields = ["id", "story", "previous", "attempts", "request_id", "usage", "queued_at", "started_at", "finished_at"]


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
        url = reverse("media", kwargs={"tier": photo.tier, "kind": "photos", "pk": photo.pk})
        return format_html('<img src="{}" alt="" width="80" height="80" style="object-fit: cover">', url)


class PersonAdminForm(forms.ModelForm):
    tier = forms.ChoiceField(choices=lambda: [(tier.slug, tier.title) for tier in all_tiers().values()])

    class Meta:
        model = Person
        fields = ["tier", "name", "relation", "description"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonAdminForm
    list_display = ["name", "tier", "relation", "photo_count", "created_at"]
    list_filter = ["tier"]
    search_fields = ["name", "relation", "description"]
    inlines = [ReferencePhotoInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    def get_readonly_fields(self, request, obj=None):
        # A person's photos are filed under their tier, so the tier is set once.
        return ["tier"] if obj else []

    @admin.display(description="Photos", ordering="photo_count")
    def photo_count(self, person):
        return person.photo_count
