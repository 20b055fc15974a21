"""`manage.py sweep_jobs`: one sweep now (every worker also sweeps on its own, every JOB_SWEEP_INTERVAL)."""

from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.core.management import BaseCommand
from django.template.defaultfilters import pluralize

from media_gen.sweeper import sweep


class Command(BaseCommand):
    help = "Resend jobs whose message was lost, and requeue or fail jobs whose lease lapsed (or past their deadline)."

    def handle(self, **options):
        if isinstance(get_channel_layer(), InMemoryChannelLayer):
            self.stderr.write(
                "With the in-memory channel layer, jobs sent from here reach no worker: "
                "the web process's own sweeper sends them again later."
            )
        counts = sweep()
        resent, requeued, failed = counts["resent"], counts["requeued"], counts["failed"]
        self.stdout.write(
            f"Resent {resent} lost job{pluralize(resent)}, requeued {requeued} stuck job{pluralize(requeued)}, "
            f"failed {failed} out of attempts."
        )
