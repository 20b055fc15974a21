"""Jobs: a row that something must be generated for, and the files generated rows own.

The row is the record; a channel message only carries its id. Each job class names the
Channels channel that runs it, so queueing needs nothing from the worker's code.
"""

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

from stories import live
from storyteller.keys import redact

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
        """Generating, and its worker is gone: its lease (JOB_LEASE seconds) lapsed unrenewed.

        A live worker renews the lease while the job runs, so this finds a dead worker's job
        within seconds. The deadline (JOB_GENERATING_DEADLINE) is the backstop for a job that
        hangs in a live worker. `after` (seconds) overrides both.
        """
        now = timezone.now()
        lease = settings.JOB_LEASE if after is None else after
        deadline = settings.JOB_GENERATING_DEADLINE if after is None else after
        return self.filter(
            models.Q(heartbeat_at__lte=now - timedelta(seconds=lease))
            | models.Q(started_at__lte=now - timedelta(seconds=deadline)),
            status=JobStatus.GENERATING,
        )


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
    error = models.TextField(blank=True)  # what people read: a short sentence they understand
    error_detail = models.TextField(
        blank=True, help_text="The technical account of the last failure, for the admin: never shown to people."
    )
    request_id = models.CharField(max_length=200, blank=True, help_text="The provider's id for this request.")
    usage = models.JSONField(default=dict, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The lease: the token of the claim running the job, renewed by its worker while it runs.
    claimed_by = models.UUIDField(null=True, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

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
        """Move a pending job to generating under a new lease, and return the job as its worker
        holds it (`claimed_by`, the lease's token); None if another worker got there first.

        The worker needs the row anyway: the one read serves it and names the scene to tell."""
        token, now = uuid.uuid4(), timezone.now()
        claimed = cls.objects.filter(pk=pk, status=JobStatus.PENDING).update(
            status=JobStatus.GENERATING,
            attempts=F("attempts") + 1,
            started_at=now,
            error="",
            claimed_by=token,
            heartbeat_at=now,
        )
        if not claimed:
            return None
        job = cls.objects.get(pk=pk)
        job.claimed_by = token  # this claim's, even if the row was taken back since the update
        job.announce()
        return job

    def renew_lease(self):
        """Tell sweepers this claim's worker is alive; False once the job is no longer its own."""
        return self._as_claimed().update(heartbeat_at=timezone.now()) == 1

    def requeue(self, **as_read):
        """Back to pending and sent again, if still generating under this claim (and as read)."""
        return self._back_to_pending(self._as_claimed().filter(**as_read))

    def hand_back(self):
        """Requeue a job its stopping worker gives up; the attempt is given back with it, as
        stopping a worker is no fault of the job."""
        return self._back_to_pending(self._as_claimed(), attempts=F("attempts") - 1)

    def _as_claimed(self):
        return type(self).objects.filter(pk=self.pk, status=JobStatus.GENERATING, claimed_by=self.claimed_by)

    def _back_to_pending(self, rows, **changes):
        requeued = rows.update(status=JobStatus.PENDING, queued_at=timezone.now(), **changes) == 1
        if requeued:
            self.resend()
        return requeued

    def mark_complete(self, **fields):
        return self._finish(JobStatus.COMPLETE, error="", **fields)

    def mark_failed(self, error, detail=""):
        """Record a failure: `error` is what people read, `detail` the technical account
        (an OS error, a traceback) kept for the admin. Every error a job keeps passes here,
        so no configured key a provider or a traceback holds reaches a page, the JSON or
        the admin."""
        return self._finish(JobStatus.FAILED, error=redact(error), error_detail=redact(detail))

    def _finish(self, status, **fields):
        """Record the outcome and queue what follows; False when the job was no longer ours."""
        fields.update(status=status, finished_at=timezone.now())
        for name, value in fields.items():
            setattr(self, name, value)
        with transaction.atomic():
            # Only a job still generating under this claim may finish: a worker whose job was
            # taken back (its lease lapsed, or it was retried) can't overwrite the new run.
            finished = self._as_claimed().update(**fields) == 1
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
