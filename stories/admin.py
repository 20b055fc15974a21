from django.contrib import admin

from stories.models import Scene, Story


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
