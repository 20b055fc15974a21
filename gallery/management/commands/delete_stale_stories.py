"""`manage.py delete_stale_stories --days N`: delete stories nobody has moved on for N days."""

from datetime import timedelta

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.template.defaultfilters import pluralize
from django.utils import timezone

from stories.models import Story


class Command(BaseCommand):
    help = "Delete stories (every branch: scenes, pictures and clips) untouched for more than --days days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True, help="Days since a story last moved on.")
        parser.add_argument("--tier", help="Only this tier's stories.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *, days, tier, dry_run, verbosity, **options):
        stories = Story.objects.filter(updated_at__lt=timezone.now() - timedelta(days=days))
        if tier:
            if tier not in settings.STORYTELLER_TIERS:
                raise CommandError(f"No tier called {tier!r}: choose from {', '.join(settings.STORYTELLER_TIERS)}.")
            stories = stories.filter(tier=tier)
        stale = list(stories)
        for story in stale:
            if verbosity > 1:
                self.stdout.write(f"{story.tier}: {story} (last moved on {story.updated_at:%Y-%m-%d})")
            if not dry_run:
                story.delete()  # pictures and clips go with their rows
        verb = "Would delete" if dry_run else "Deleted"
        counted = f"{len(stale)} stor{pluralize(stale, 'y,ies')}"
        self.stdout.write(f"{verb} {counted} untouched for more than {days} day{pluralize(days)}.")
