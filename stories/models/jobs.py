"""Jobs: a row that something must be generated for, and the files generated rows own.

The row is the record; a channel message only carries its id. Each job class names the
Channels channel that runs it, so queueing needs nothing from the worker's code.
"""

import logging
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

from stories import live

log = logging.getLogger(__name__)


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
    """A generation job: pending → generating → complete | failed."""

    channel = ""  # the Channels channel that runs this kind of job
    # The scene page's live parts this job shows in, with those that follow from it.
    live_parts: tuple[str, ...] = ()

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

    def enqueue(self):
        """Send this job's id to its worker channel once the current transaction commits."""
        transaction.on_commit(partial(send_job, self.channel, self.pk))

    @property
    def live_scene_id(self):
        """The scene whose page shows this job."""
        raise NotImplementedError

    def announce(self):
        """Tell the scene page's viewers that this job changed (after the commit)."""
        live.announce(self.live_scene_id, self.live_parts)

    @classmethod
    def claim(cls, pk):
        """Move a pending job to generating; False if another worker got there first."""
        claimed = (
            cls.objects.filter(pk=pk, status=JobStatus.PENDING).update(
                status=JobStatus.GENERATING, attempts=F("attempts") + 1, started_at=timezone.now(), error=""
            )
            == 1
        )
        if claimed:
            cls.objects.get(pk=pk).announce()
        return claimed

    def mark_complete(self, **fields):
        return self._finish(JobStatus.COMPLETE, error="", **fields)

    def mark_failed(self, error):
        return self._finish(JobStatus.FAILED, error=error)

    def _finish(self, status, **fields):
        """Record the outcome and queue what follows; False when the job was no longer ours."""
        fields.update(status=status, finished_at=timezone.now())
        for name, value in fields.items():
            setattr(self, name, value)
        with transaction.atomic():
            # Only a job still generating may finish, so a stale worker can't overwrite a retry.
            finished = type(self).objects.filter(pk=self.pk, status=JobStatus.GENERATING).update(**fields) == 1
            if finished:
                self.queue_next()
                self.announce()
        return finished

    def queue_next(self):
        """Queue the job that follows this one once it has finished (none by default)."""

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
                self.announce()
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


def delete_file_on_commit(storage, name):
    # After the commit: a rolled-back delete must not leave a row without its file.
    transaction.on_commit(partial(storage.delete, name))


@receiver(post_delete)
def delete_files_with_row(sender, instance, **kwargs):
    """However a row with files goes (its story deleted, a purge, the admin), its files go too."""
    if sender._meta.app_label != "stories":
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.FileField) and (file := getattr(instance, field.attname)):
            delete_file_on_commit(file.storage, file.name)
