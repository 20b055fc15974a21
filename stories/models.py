import random
import uuid
from pathlib import Path

from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse

from media_gen.models import ImageAsset, ImageModel, Job, JobStatus, TextModel, TierUploadTo, delete_file_on_commit
from media_gen.providers.base import Person as PersonBrief
from media_gen.providers.base import Photo as PhotoBrief
from media_gen.routing import TEXT_CHANNEL
from stories.photos import STORED_TYPES


class TierQuerySet(models.QuerySet):
    def for_tier(self, tier):
        return self.filter(tier=str(tier))


class Story(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tier = models.CharField(max_length=32, db_index=True)
    prompt = models.TextField()
    title = models.CharField(max_length=200, blank=True)
    text_model = models.ForeignKey(TextModel, on_delete=models.PROTECT, related_name="stories")
    # Locked at start: every scene of a story is drawn by the same model.
    image_model = models.ForeignKey(ImageModel, on_delete=models.PROTECT, related_name="stories")
    memory_mode = models.BooleanField(default=False)
    video_mode = models.BooleanField(default=False)
    seed = models.PositiveIntegerField(default=0)
    target_scenes = models.PositiveSmallIntegerField(default=6)
    start_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TierQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "stories"
        constraints = [models.UniqueConstraint(fields=["tier", "start_token"], name="unique_start_per_tier")]

    def __str__(self):
        return self.title or self.prompt[:60]

    @classmethod
    def start(cls, tier, *, prompt, text_model, image_model, memory_mode=False, video_mode=False, token=None):
        """Create a story and its first scene, and queue the scene's text.

        `token` comes from the start form: sending the same form twice (a double click)
        returns the story the first one made.
        """
        try:
            with transaction.atomic():
                story = cls.objects.create(
                    tier=str(tier),
                    prompt=prompt,
                    text_model=text_model,
                    image_model=image_model,
                    memory_mode=memory_mode,
                    video_mode=video_mode,
                    seed=random.randrange(2**31),
                    target_scenes=tier.target_scenes,
                    start_token=token,
                )
                scene = story.scenes.create(number=1)
                scene.enqueue()
        except IntegrityError:
            if token is None:
                raise
            story = cls.objects.for_tier(tier).get(start_token=token)
            scene = story.scenes.get(number=1)
        return story, scene

    def get_absolute_url(self):
        return reverse("gallery:reader", kwargs={"tier": self.tier, "story_id": self.id})

    def cast(self, with_photos=False):
        """The tier's people as prompt briefs (memory mode only), photos included on request.

        Read when each scene is made, so a story follows the people as they are now.
        """
        if not self.memory_mode:
            return ()
        people = Person.objects.for_tier(self.tier)
        if with_photos:
            people = people.prefetch_related("photos")
        return tuple(person.brief(with_photos=with_photos) for person in people)


class Scene(Job):
    """One scene of a story. As a job, its status is the status of its text."""

    channel = TEXT_CHANNEL

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="scenes")
    number = models.PositiveSmallIntegerField()
    previous = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="next_scene"
    )
    title = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)  # [{"id": "1", "text": "…"}]
    is_ending = models.BooleanField(default=False)
    image_prompt = models.TextField(blank=True)
    chosen_choice_id = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["story", "number"]
        constraints = [models.UniqueConstraint(fields=["story", "number"], name="unique_scene_number")]

    def __str__(self):
        return f"{self.story} — scene {self.number}"

    @property
    def tier(self):
        return self.story.tier

    def get_absolute_url(self):
        return reverse("stories:scene", kwargs={"tier": self.story.tier, "scene_id": self.id})

    @property
    def chosen_choice(self):
        return self.choice(self.chosen_choice_id)

    def choice(self, choice_id):
        return next((choice for choice in self.choices if choice["id"] == choice_id), None)

    def choose(self, choice_id):
        """Take a choice and return the next scene, creating and queueing it once.

        Choosing again (a double submit, a second tab) returns the scene already made.
        """
        with transaction.atomic():
            scene = Scene.objects.select_for_update().get(pk=self.pk)
            if scene.chosen_choice_id:
                return scene.next_scene
            scene.chosen_choice_id = choice_id
            scene.save(update_fields=["chosen_choice_id"])
            next_scene = Scene.objects.create(story=scene.story, number=scene.number + 1, previous=scene)
            next_scene.enqueue()
            Story.objects.filter(pk=scene.story_id).update(updated_at=next_scene.queued_at)
        return next_scene

    def complete_text(self, draft):
        """Store a written scene and queue its illustration."""
        with transaction.atomic():
            finished = self.mark_complete(
                title=draft.title[:200],
                text=draft.text,
                choices=[] if draft.is_ending else [
                    {"id": str(number), "text": text} for number, text in enumerate(draft.choices, start=1)
                ],
                is_ending=draft.is_ending,
                image_prompt=draft.image_prompt,
                usage=draft.usage,
                request_id=draft.request_id,
            )
            if not finished:
                return
            if self.number == 1 and draft.title:
                Story.objects.filter(pk=self.story_id).update(title=draft.title[:200])
            image = ImageAsset.objects.create(scene=self, tier=self.story.tier, model=self.story.image_model)
            image.enqueue()

    def path(self):
        """The scenes before this one, oldest first."""
        return list(
            Scene.objects.filter(story_id=self.story_id, number__lt=self.number, status=JobStatus.COMPLETE)
        )


class Person(models.Model):
    """Someone from the family that memory mode puts into this tier's stories."""

    MAX_PHOTOS = 4  # plenty for a likeness; every photo is sent with every picture

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tier = models.CharField(max_length=32, db_index=True)
    name = models.CharField(max_length=60)
    relation = models.CharField(max_length=60, blank=True, help_text="How they relate to the reader: “my sister”, “our dog”.")
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

    def brief(self, with_photos=False):
        photos = (photo.brief() for photo in self.photos.all()) if with_photos else ()
        return PersonBrief(
            name=self.name,
            relation=self.relation,
            description=self.description,
            photos=tuple(photo for photo in photos if photo is not None),
        )


class ReferencePhoto(models.Model):
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

    def brief(self):
        """The photo for a provider, or None when its file has gone from disk."""
        try:
            with self.file.storage.open(self.file.name, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return None
        return PhotoBrief(filename=Path(self.file.name).name, data=data, mime=self.mime)


@receiver(post_delete, sender=ReferencePhoto)
def _delete_photo_file(sender, instance, **kwargs):
    """However a photo row goes (removed, its person deleted, in the admin), its file goes too."""
    if instance.file:
        delete_file_on_commit(instance.file.storage, instance.file.name)
