import logging
import uuid
from datetime import timedelta
from functools import partial
from pathlib import Path

from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from media_gen import providers
from media_gen.routing import IMAGE_CHANNEL, VIDEO_CHANNEL

log = logging.getLogger(__name__)


class Provider(models.TextChoices):
    OPENAI = "openai", "OpenAI"
    XAI = "xai", "xAI"
    GEMINI = "gemini", "Google"
    OFFLINE = "offline", "Offline"
    OPENAI_COMPATIBLE = "openai-compatible", "OpenAI-compatible"


class AIModelQuerySet(models.QuerySet):
    def available(self):
        """Enabled models whose provider has credentials, in display order."""
        return [model for model in self.filter(enabled=True) if model.has_credentials]


class AIModel(models.Model):
    """A model people can pick. Managed in the admin, so retired ids can be swapped."""

    key = models.SlugField(max_length=64, unique=True, help_text="Stable id used in forms and stories.")
    display_name = models.CharField(max_length=100)
    provider = models.CharField(max_length=32, choices=Provider.choices)
    api_model = models.CharField(max_length=200, blank=True, help_text="The provider's model id.")
    enabled = models.BooleanField(default=True)
    sort_order = models.IntegerField(default=0)
    base_url = models.URLField(blank=True, help_text="Only for OpenAI-compatible servers (Ollama, LocalAI, vLLM…).")
    api_key_env = models.CharField(
        max_length=100,
        blank=True,
        help_text="Only for OpenAI-compatible servers: the environment variable holding the key.",
    )

    objects = AIModelQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "display_name"]

    def __str__(self):
        return self.display_name

    @property
    def has_credentials(self):
        return providers.has_credentials(self.provider, self.api_key_env, self.base_url)

    @property
    def is_available(self):
        return self.enabled and self.has_credentials


class TextModel(AIModel):
    pass


class ImageModel(AIModel):
    supports_references = models.BooleanField(
        default=False, help_text="Takes people's reference photos in memory mode."
    )
    supports_input_fidelity = models.BooleanField(
        default=False, help_text='OpenAI only: send input_fidelity="high" with reference photos.'
    )


class JobStatus(models.TextChoices):
    PENDING = "pending"
    GENERATING = "generating"
    COMPLETE = "complete"
    FAILED = "failed"


class JobQuerySet(models.QuerySet):
    def lost(self, after=None):
        """Pending so long (JOB_PENDING_RESEND_AFTER seconds) that the message was probably lost."""
        after = settings.JOB_PENDING_RESEND_AFTER if after is None else after
        return self.filter(status=JobStatus.PENDING, queued_at__lte=timezone.now() - timedelta(seconds=after))

    def stuck(self, after=None):
        """Generating past the deadline: the worker that claimed it is likely gone."""
        after = settings.JOB_GENERATING_DEADLINE if after is None else after
        return self.filter(status=JobStatus.GENERATING, started_at__lte=timezone.now() - timedelta(seconds=after))


def send_job(channel, pk):
    try:
        async_to_sync(get_channel_layer().send)(channel, {"type": "job.run", "id": str(pk)})
    except ChannelFull:
        # The row is the record: the sweeper sends it again once the backlog clears.
        log.warning("Channel %s is full; job %s waits for the sweeper", channel, pk)


class Job(models.Model):
    """A generation job. The row is the record; a channel message only carries its id."""

    channel = ""  # the Channels channel that runs this kind of job

    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    request_id = models.CharField(max_length=200, blank=True, help_text="The provider's id for this request.")
    usage = models.JSONField(default=dict, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_finished(self):
        return self.status in (JobStatus.COMPLETE, JobStatus.FAILED)

    def enqueue(self):
        """Send this job's id to its worker channel once the current transaction commits."""
        transaction.on_commit(partial(send_job, self.channel, self.pk))

    @classmethod
    def claim(cls, pk):
        """Move a pending job to generating; False if another worker got there first."""
        return (
            cls.objects.filter(pk=pk, status=JobStatus.PENDING).update(
                status=JobStatus.GENERATING, attempts=F("attempts") + 1, started_at=timezone.now(), error=""
            )
            == 1
        )

    def mark_complete(self, **fields):
        return self._finish(JobStatus.COMPLETE, error="", **fields)

    def mark_failed(self, error):
        return self._finish(JobStatus.FAILED, error=error)

    def _finish(self, status, **fields):
        """Record the outcome; False when the job was no longer ours to finish."""
        fields.update(status=status, finished_at=timezone.now())
        for name, value in fields.items():
            setattr(self, name, value)
        # Only a job still generating may finish, so a stale worker can't overwrite a retry.
        return type(self).objects.filter(pk=self.pk, status=JobStatus.GENERATING).update(**fields) == 1

    def retry(self):
        """Queue a failed job again, as a new request. Returns False when it had not failed."""
        with transaction.atomic():
            queued = (
                type(self)
                .objects.filter(pk=self.pk, status=JobStatus.FAILED)
                .update(status=JobStatus.PENDING, queued_at=timezone.now(), error="", finished_at=None, request_id="")
            )
            if queued:
                self.refresh_from_db()
                self.enqueue()
        return bool(queued)

    def resend(self):
        """Send the id again without changing the row (the sweeper's answer to a lost message)."""
        send_job(self.channel, self.pk)


@deconstructible
class TierUploadTo:
    """media/<tier>/<kind>/<row id><ext>: every file is filed under its own tier."""

    def __init__(self, kind):
        self.kind = kind

    def __call__(self, instance, filename):
        return f"{instance.tier}/{self.kind}/{instance.pk}{Path(filename).suffix.lower()}"

    def __eq__(self, other):
        return isinstance(other, TierUploadTo) and other.kind == self.kind


class MediaAsset(Job):
    """A generated file belonging to one scene of one tier."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tier = models.CharField(max_length=32, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def file_exists(self):
        """A missing file on disk is shown as no media, never as an error."""
        return bool(self.file) and self.file.storage.exists(self.file.name)

    def delete_file(self):
        if self.file:
            self.file.delete(save=False)


class ImageAsset(MediaAsset):
    channel = IMAGE_CHANNEL

    scene = models.OneToOneField("stories.Scene", on_delete=models.CASCADE, related_name="image")
    model = models.ForeignKey(ImageModel, on_delete=models.PROTECT, related_name="images")
    file = models.FileField(upload_to=TierUploadTo("images"), blank=True)

    def __str__(self):
        return f"Image for {self.scene}"

    def _finish(self, status, **fields):
        # Video mode: the clip follows the picture (image-to-video), or the scene's text
        # when the picture failed (text-to-video).
        with transaction.atomic():
            finished = super()._finish(status, **fields)
            if finished and self.scene.story.video_mode:
                VideoAsset.queue_for(self.scene)
        return finished


class VideoAsset(MediaAsset):
    channel = VIDEO_CHANNEL

    scene = models.OneToOneField("stories.Scene", on_delete=models.CASCADE, related_name="video")
    provider = models.CharField(max_length=32, choices=Provider.choices)
    file = models.FileField(upload_to=TierUploadTo("videos"), blank=True)

    def __str__(self):
        return f"Video for {self.scene}"

    @classmethod
    def queue_for(cls, scene):
        """Create and queue the scene's clip once; nothing when no video provider is available."""
        provider = providers.video_provider_name()
        if provider is None:
            return None
        video, created = cls.objects.get_or_create(scene=scene, defaults={"tier": scene.story.tier, "provider": provider})
        if created:
            video.enqueue()
        return video

    def save_request_id(self, request_id):
        """Stored the moment the provider accepts the clip, so a restart resumes, never resubmits."""
        self.request_id = request_id
        VideoAsset.objects.filter(pk=self.pk).update(request_id=request_id)


def delete_file_on_commit(storage, name):
    # After the commit: a rolled-back delete must not leave a row without its file.
    transaction.on_commit(partial(storage.delete, name))


@receiver(post_delete, sender=ImageAsset)
@receiver(post_delete, sender=VideoAsset)
def _delete_asset_file(sender, instance, **kwargs):
    """However a picture or clip row goes (its story deleted, a purge, the admin), its file goes too."""
    if instance.file:
        delete_file_on_commit(instance.file.storage, instance.file.name)
