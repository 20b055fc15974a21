"""The generated files of a scene: its picture, its clip and its narration, each a job of its own."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.functional import classproperty

from stories.models.jobs import Job, JobStatus, TierUploadTo
from stories.models.registry import ImageModel, Provider, VoiceModel, video_provider_name


class DisplayState(models.TextChoices):
    """What a person sees of a picture or clip."""

    READY = "ready"  # complete, and its file is on disk
    FAILED = "failed"  # with a retry button
    WORKING = "working"  # queued or being made (or waiting for what it is made from)
    NONE = "none"  # nothing to show: none was made, or its file is gone


class TierFile(models.Model):
    """A row whose `file` is filed under its tier and served by the tier's media route."""

    class Meta:
        abstract = True

    @classproperty
    def media_kind(cls):
        """The folder under media/<tier>/ ("images", "videos", "photos"), also the route's kind."""
        return cls._meta.get_field("file").upload_to.kind

    def get_media_url(self):
        return reverse("media", kwargs={"tier": self.tier, "kind": self.media_kind, "pk": self.pk})

    @property
    def file_exists(self):
        """A missing file on disk is shown as no media, never as an error."""
        return bool(self.file) and self.file.storage.exists(self.file.name)

    def delete_file(self):
        if self.file:
            self.file.delete(save=False)


class MediaAsset(TierFile, Job):
    """A generated file belonging to one scene of one tier."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tier = models.CharField(max_length=32, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @classmethod
    def queue_once(cls, scene, **fields):
        """The scene's row of this kind, created and queued the first time it is asked for."""
        asset, created = cls.objects.get_or_create(scene=scene, defaults={"tier": scene.story.tier, **fields})
        if created:
            asset.enqueue()
        return asset

    @property
    def live_scene_id(self):
        return self.scene_id

    @property
    def display_state(self):
        if self.status == JobStatus.COMPLETE:
            return DisplayState.READY if self.file_exists else DisplayState.NONE
        if self.status == JobStatus.FAILED:
            return DisplayState.FAILED
        return DisplayState.WORKING


class ImageAsset(MediaAsset):
    channel = "story-images"
    live_parts = ("image", "video")  # the clip waits on the picture

    scene = models.OneToOneField("stories.Scene", on_delete=models.CASCADE, related_name="image")
    model = models.ForeignKey(ImageModel, on_delete=models.PROTECT, related_name="images")
    file = models.FileField(upload_to=TierUploadTo("images"), blank=True)

    def __str__(self):
        return f"Image for {self.scene}"

    @classmethod
    def queue_for(cls, scene):
        """Create and queue the scene's picture once, drawn by the story's model."""
        return cls.queue_once(scene, model=scene.story.image_model)

    def queue_next(self):
        # Video mode: the clip follows the picture (image-to-video), or the scene's text
        # when the picture failed (text-to-video).
        if self.scene.story.video_mode:
            VideoAsset.queue_for(self.scene)


class VideoAsset(MediaAsset):
    channel = "story-videos"
    live_parts = ("video",)

    scene = models.OneToOneField("stories.Scene", on_delete=models.CASCADE, related_name="video")
    provider = models.CharField(max_length=32, choices=Provider.choices)
    file = models.FileField(upload_to=TierUploadTo("videos"), blank=True)

    def __str__(self):
        return f"Video for {self.scene}"

    @classmethod
    def queue_for(cls, scene):
        """Create and queue the scene's clip once; nothing when no video provider is available."""
        provider = video_provider_name()
        if provider is None:
            return None
        return cls.queue_once(scene, provider=provider)

    def save_request_id(self, request_id):
        """Stored the moment the provider accepts the clip, so a restart resumes, never resubmits."""
        self.request_id = request_id
        VideoAsset.objects.filter(pk=self.pk).update(request_id=request_id)


class AudioAsset(MediaAsset):
    """A scene read aloud, by the voice the tier chooses."""

    channel = "story-audio"
    live_parts = ("audio",)

    scene = models.OneToOneField("stories.Scene", on_delete=models.CASCADE, related_name="audio")
    voice = models.ForeignKey(VoiceModel, on_delete=models.PROTECT, related_name="narrations")
    file = models.FileField(upload_to=TierUploadTo("audio"), blank=True)

    def __str__(self):
        return f"Narration for {self.scene}"

    @classmethod
    def queue_for(cls, scene):
        """Create and queue the scene's narration once.

        None when there is nothing to read yet, when the scene was written ahead but not
        chosen (prepared scenes stay unread), or when no voice is available.
        """
        from storyteller.tiers import get_tier  # here: it needs the auth views, so a ready app registry

        if scene.status != JobStatus.COMPLETE or not scene.is_chosen:
            return None
        voice = VoiceModel.default_for(get_tier(scene.story.tier))
        if voice is None:
            return None
        return cls.queue_once(scene, voice=voice)
