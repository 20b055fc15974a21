"""`manage.py purge_failed_clips --days N`: delete clips that failed more than N days ago."""

from datetime import timedelta

from django.core.management import BaseCommand
from django.template.defaultfilters import pluralize
from django.utils import timezone

from stories.models import JobStatus, VideoAsset


class Command(BaseCommand):
    help = "Delete failed clips (their rows, and any file) that failed more than --days days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Age in days of the failures to purge (default 30).")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be purged.")

    def handle(self, *, days, dry_run, **options):
        cutoff = timezone.now() - timedelta(days=days)
        clips = list(VideoAsset.objects.filter(status=JobStatus.FAILED, finished_at__lt=cutoff))
        if not dry_run:
            for clip in clips:
                clip.delete()  # its file goes with the row
        verb = "Would purge" if dry_run else "Purged"
        self.stdout.write(
            f"{verb} {len(clips)} clip{pluralize(clips)} that failed more than {days} day{pluralize(days)} ago."
        )
