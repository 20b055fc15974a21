"""Memory mode: the family's own people, with the reference photos image models are shown."""

import uuid
from pathlib import Path

from django.db import models
from django.urls import reverse

from stories.models.assets import TierFile
from stories.models.jobs import TierUploadTo, delete_file_on_commit
from stories.models.story import TierQuerySet
from stories.photos import STORED_TYPES


class Person(models.Model):
    """Someone from the family that memory mode puts into this tier's stories."""

    MAX_PHOTOS = 4  # plenty for a likeness; every photo is sent with every picture

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tier = models.CharField(max_length=32, db_index=True)
    name = models.CharField(max_length=60)
    relation = models.CharField(
        max_length=60, blank=True, help_text="How they relate to the reader: “my sister”, “our dog”."
    )
    description = models.CharField(max_length=300, blank=True, help_text="A short visual description.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TierQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stories:person", kwargs={"tier": self.tier, "person_id": self.id})

    @property
    def has_room_for_photos(self):
        return self.photos.count() < self.MAX_PHOTOS

    def add_photo(self, photo):
        """Store a checked, re-encoded photo (stories.photos.CleanPhoto) as one of this person's."""
        reference = ReferencePhoto(person=self, tier=self.tier)
        reference.store(photo)
        return reference


class ReferencePhoto(TierFile):
    """A photo of a person, sent as a reference to image models that take one.

    Files live under media/<tier>/photos/ and are served only by the tier's media route.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tier = models.CharField(max_length=32, db_index=True)  # always the person's tier
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=TierUploadTo("photos"))
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Photo of {self.person}"

    @property
    def mime(self):
        return STORED_TYPES[Path(self.file.name).suffix]

    def store(self, photo):
        """Save a checked photo as this row's file; a file it replaces goes once that is committed.

        The file is written first (a full disk raises OSError and leaves nothing), then the
        row; a row that cannot be saved takes its new file with it.
        """
        replaced = self.file.name
        self.file.save(photo.content.name, photo.content, save=False)
        self.width, self.height = photo.width, photo.height
        try:
            self.save()
        except BaseException:
            self.file.storage.delete(self.file.name)
            self.file.name = replaced
            raise
        if replaced:
            delete_file_on_commit(self.file.storage, replaced)
