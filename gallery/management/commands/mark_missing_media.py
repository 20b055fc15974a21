"""`manage.py mark_missing_media`: rows whose file is gone from storage stop pointing at it."""

from django.core.management import BaseCommand
from django.template.defaultfilters import pluralize

from stories.models import ImageAsset, JobStatus, ReferencePhoto, VideoAsset


class Command(BaseCommand):
    help = (
        "Clear the file of finished pictures and clips whose file is gone (shown as no picture / no video), "
        "and remove reference photos whose file is gone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would change.")

    def handle(self, *, dry_run, verbosity, **options):
        assets = self.gone(ImageAsset.objects.filter(status=JobStatus.COMPLETE), verbosity)
        assets += self.gone(VideoAsset.objects.filter(status=JobStatus.COMPLETE), verbosity)
        photos = self.gone(ReferencePhoto.objects.all(), verbosity)
        images = sum(isinstance(asset, ImageAsset) for asset in assets)
        clips = len(assets) - images
        missing = f"{images} image{pluralize(images)} and {clips} clip{pluralize(clips)} missing"
        removed = f"{len(photos)} photo{pluralize(photos)}"
        if dry_run:
            self.stdout.write(f"Would mark {missing}, and remove {removed}.")
            return
        for asset in assets:
            type(asset).objects.filter(pk=asset.pk, file=asset.file.name).update(file="")
        for photo in photos:
            photo.delete()  # a photo without its file is nothing to keep, and frees a place for a new one
        self.stdout.write(f"Marked {missing}, and removed {removed}.")

    def gone(self, rows, verbosity):
        """The rows whose file is no longer in storage."""
        rows = rows.exclude(file="").only("pk", "file").iterator()
        missing = [row for row in rows if not row.file.storage.exists(row.file.name)]
        if verbosity > 1:
            for row in missing:
                self.stdout.write(f"Gone: {row.file.name}")
        return missing
