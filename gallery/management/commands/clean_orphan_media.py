"""`manage.py clean_orphan_media`: remove media files that no row points to."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management import BaseCommand
from django.template.defaultfilters import pluralize
from django.utils import timezone

from stories.models import MEDIA_MODELS

# A job renames its file into place a moment before its row records it: leave young files be.
MIN_AGE = timedelta(hours=1)


class Command(BaseCommand):
    help = "Remove files in MEDIA_ROOT/<tier>/{images,videos,audio,photos}/ that no row points to (older than an hour)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be removed.")

    def handle(self, *, dry_run, verbosity, **options):
        known = set()
        for model in MEDIA_MODELS.values():
            known.update(model.objects.exclude(file="").values_list("file", flat=True))
        cutoff = timezone.now() - MIN_AGE
        count = size = 0
        for name in media_files(default_storage):
            if name in known or default_storage.get_modified_time(name) > cutoff:
                continue
            count += 1
            size += default_storage.size(name)
            if verbosity > 1:
                self.stdout.write(name)
            if not dry_run:
                default_storage.delete(name)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} {count} orphan file{pluralize(count)} ({size / 1e6:.1f} MB).")


def media_files(storage):
    """Every file in a <tier>/<kind>/ folder, leftovers of interrupted writes (.part-…) included."""
    try:
        tiers, _ = storage.listdir("")
    except FileNotFoundError:
        return
    for tier in tiers:
        for kind in MEDIA_MODELS:
            try:
                _, names = storage.listdir(f"{tier}/{kind}")
            except FileNotFoundError:
                continue
            yield from (f"{tier}/{kind}/{name}" for name in names)
