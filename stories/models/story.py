"""A story and its scenes. A scene is the job of writing its text."""

import random
import uuid

from django.db import IntegrityError, models, transaction
from django.urls import reverse

from stories import live
from stories.models.assets import DisplayState, ImageAsset
from stories.models.jobs import Job, JobStatus
from stories.models.registry import ImageModel, TextModel


class TierQuerySet(models.QuerySet):
    def for_tier(self, tier):
        return self.filter(tier=str(tier))


class Story(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tier = models.CharField(max_length=32, db_index=True)
    prompt = models.TextField()
    title = models.CharField(max_length=200, blank=True)
    # Something the storyteller wants the family to know about how it read their idea.
    notice = models.CharField(max_length=300, blank=True)
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

    def get_absolute_url(self):
        return reverse("gallery:reader", kwargs={"tier": self.tier, "story_id": self.id})

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

    def people(self, with_photos=False):
        """The tier's people memory mode brings into this story (none without it).

        Read when each scene is made, so a story follows the people as they are now.
        """
        from stories.models.people import Person

        if not self.memory_mode:
            return []
        people = Person.objects.for_tier(self.tier)
        if with_photos:
            people = people.prefetch_related("photos")
        return list(people)


class Scene(Job):
    """One scene of a story. As a job, its status is the status of its text."""

    channel = "story-text"
    live_parts = live.PARTS  # the picture and the clip wait on the text

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
    # What the offline illustrator draws (place, time, cast, key object), when the
    # storyteller gave it; hosted image models read image_prompt.
    picture_hints = models.JSONField(default=dict, blank=True)
    chosen_choice_id = models.CharField(max_length=16, blank=True)
    # The title and text so far while a model streams the scene, kept where every process
    # can read them (a late viewer on another web process sees them too); empty otherwise.
    draft_title = models.CharField(max_length=200, blank=True)
    draft_text = models.TextField(blank=True)

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
    def live_scene_id(self):
        return self.pk

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
        """Store a written scene; its picture is queued with it (queue_next)."""
        choices = [] if draft.is_ending else list(enumerate(draft.choices, start=1))
        with transaction.atomic():
            finished = self.mark_complete(
                title=draft.title[:200],
                text=draft.text,
                choices=[{"id": str(number), "text": text} for number, text in choices],
                is_ending=draft.is_ending,
                image_prompt=draft.image_prompt,
                picture_hints=draft.hints,
                usage=draft.usage,
                request_id=draft.request_id,
            )
            if finished and draft.notice:
                Story.objects.filter(pk=self.story_id).update(notice=draft.notice[:300])
        return finished

    def save_draft(self, title, text):
        """Keep the title and text streamed so far and show them to the scene's viewers.

        Only while this attempt still runs: a worker whose job was taken back (swept, or
        retried) must not write its stream over the new attempt's.
        """
        title = title[:200]
        if (title, text) == (self.draft_title, self.draft_text):
            return
        self.draft_title, self.draft_text = title, text
        current = Scene.objects.filter(pk=self.pk, status=JobStatus.GENERATING, attempts=self.attempts)
        if current.update(draft_title=title, draft_text=text):
            live.announce(self.pk, ["text"])

    def _finish(self, status, **fields):
        # The finished scene (or the failure) takes the draft's place.
        return super()._finish(status, draft_title="", draft_text="", **fields)

    def queue_next(self):
        """A written scene names the story (the opening one) and queues its picture."""
        if self.status != JobStatus.COMPLETE:
            return
        if self.number == 1 and self.title:
            Story.objects.filter(pk=self.story_id).update(title=self.title)
        ImageAsset.queue_for(self)

    def path(self):
        """The written scenes that led here, oldest first."""
        earlier = {scene.pk: scene for scene in Scene.objects.filter(story_id=self.story_id, status=JobStatus.COMPLETE)}
        path = []
        step = earlier.get(self.previous_id)
        while step is not None:
            path.append(step)
            step = earlier.get(step.previous_id)
        return path[::-1]

    @property
    def image_state(self):
        """What the scene shows of its picture (a DisplayState)."""
        image = getattr(self, "image", None)
        if image is not None:
            return image.display_state
        # No picture row yet: it is queued the moment the text is written.
        return DisplayState.NONE if self.status == JobStatus.FAILED else DisplayState.WORKING

    @property
    def video_state(self):
        """What the scene shows of its clip (a DisplayState); NONE outside video mode."""
        video = getattr(self, "video", None)
        if video is not None:
            return video.display_state
        if not self.story.video_mode or self.status == JobStatus.FAILED:
            return DisplayState.NONE
        # The clip is queued once the picture is finished; after that, none means no provider.
        return DisplayState.WORKING if self.image_state == DisplayState.WORKING else DisplayState.NONE
