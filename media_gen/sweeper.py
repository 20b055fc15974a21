"""Finds jobs the channel layer lost or a dead worker left behind, and sets them going again.

Channels delivers at most once, so the database, not the bus, is the record of what
still has to be done.
"""

import asyncio
import logging

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import timezone

from stories.models import JOB_CLASSES, JobStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
GAVE_UP = "This took too long and was stopped. Try again."


def sweep(patience=None):
    """Resend lost jobs and requeue (or fail) stuck ones. Returns how many of each.

    `patience` (seconds) overrides how long a job may wait, or go without a heartbeat,
    before it counts as lost or stuck: 0 takes every unfinished job as abandoned.
    """
    resent = requeued = failed = 0
    for job_class in JOB_CLASSES:
        # Every worker sweeps: each update is conditional on the row as this sweep read it,
        # so only one sweeper acts on a job, and never on one a worker has claimed since.
        for job in job_class.objects.lost(patience):
            # Bumping queued_at makes the next sweep wait a full interval before resending again.
            if job_class.objects.filter(pk=job.pk, status=JobStatus.PENDING, queued_at=job.queued_at).update(
                queued_at=timezone.now()
            ):
                job.resend()
                resent += 1
        for job in job_class.objects.stuck(patience):
            if job.attempts < MAX_ATTEMPTS:
                # Not if its worker renewed the lease since this sweep read the row.
                if job.requeue(heartbeat_at=job.heartbeat_at):
                    requeued += 1
            elif job.mark_failed(GAVE_UP):
                failed += 1
    if resent or requeued or failed:
        log.info("Sweeper: resent %d lost, requeued %d stuck, failed %d", resent, requeued, failed)
    return {"resent": resent, "requeued": requeued, "failed": failed}


async def sweep_forever(first_patience=None):
    """Sweep every JOB_SWEEP_INTERVAL seconds; the first sweep with `first_patience`."""
    patience = first_patience
    while True:
        try:
            await sync_to_async(sweep)(patience)
        except Exception:
            log.exception("Sweep failed; trying again next time")
        patience = None
        await asyncio.sleep(settings.JOB_SWEEP_INTERVAL)
