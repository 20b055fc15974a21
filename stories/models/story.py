"""A story and its scenes. A scene is the job of writing its text."""

import random
import uuid

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from stories import live
from stories.models.assets import AudioAsset, DisplayState, ImageAsset
from stories.models.jobs import Job, JobQuerySet, JobStatus
from stories.models.registry import ImageModel, TextModel
from storyteller.tiers import get_tier


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
    # Every chosen scene is read aloud once it is written.
    narration = models.BooleanField(default=False)
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
    def start(
        cls, tier, *, prompt, text_model, image_model, memory_mode=False, video_mode=False, narration=False, token=None
    ):
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
                    narration=narration,
                    seed=random.randrange(2**31),
                    target_scenes=tier.target_scenes,
                    start_token=token,
                )
                scene = story.scenes.create(number=1, chosen_at=story.created_at)
                scene.enqueue()
        except IntegrityError:
            if token is None:
                raise
            story = cls.objects.for_tier(tier).get(start_token=token)
            scene = story.scenes.get(previous=None)
        return story, scene

    def path_to(self, end=None):
        """The chosen scenes from the opening to `end` (by default the scene chosen last),
        oldest first, each with `taken`: the choice taken from it on this path.

        The one place the reader, the narration, the books and share links learn which
        scenes a reading holds. Constant queries, whatever the size of the tree.
        """
        ids = self.path_ids(end)
        if not ids:
            return []
        scenes = self.scenes.filter(pk__in=ids).select_related("image__model", "video", "audio__voice")
        by_pk = {scene.pk: scene for scene in scenes}
        return trace(by_pk, by_pk[ids[0]])

    def has_other_paths(self, path):
        """Whether someone chose scenes off `path` (the reader then points to the map)."""
        return self.scenes.chosen().count() > len(path)

    def path_ids(self, end=None):
        """The ids of the chosen scenes from `end` (by default the scene chosen last) back to
        the opening, `end` first; none for a story with no scene."""
        chosen = dict(self.scenes.chosen().values_list("pk", "previous_id"))
        if not chosen:
            return []
        end_id = (
            end.pk if end is not None else self.scenes.chosen().order_by("-chosen_at").values_list("pk", flat=True)[0]
        )
        ids = [end_id]
        while (previous_id := chosen[ids[-1]]) is not None:
            ids.append(previous_id)
        return ids

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


class SceneQuerySet(JobQuerySet):
    def chosen(self):
        """Scenes someone chose (an opening counts): the story as the family has seen it.

        A scene written ahead behind a choice nobody took yet stays out of sight.
        """
        return self.filter(chosen_at__isnull=False)

    def for_page(self):
        """With all the scene page shows of the story, the picture, the clip and the reading."""
        return self.select_related("story__image_model", "story__text_model", "image__model", "video", "audio__voice")


class Scene(Job):
    """One scene of a story. As a job, its status is the status of its text.

    A story is a tree: each scene has at most one next scene per choice (its branches), and
    `choice_id` names the choice of the scene before that led here.
    """

    channel = "story-text"
    live_parts = live.PARTS  # the picture and the clip wait on the text

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="scenes")
    number = models.PositiveSmallIntegerField(help_text="How deep in the story: the opening is 1.")
    previous = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="branches")
    choice_id = models.CharField(max_length=16, blank=True, help_text="The choice of the previous scene that led here.")
    # When someone first chose this scene; empty while it is only written ahead.
    chosen_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)  # [{"id": "1", "text": "…"}]
    is_ending = models.BooleanField(default=False)
    image_prompt = models.TextField(blank=True)
    # What the offline illustrator draws (place, time, cast, key object), when the
    # storyteller gave it; hosted image models read image_prompt.
    picture_hints = models.JSONField(default=dict, blank=True)
    # The title and text so far while a model streams the scene, kept where every process
    # can read them (a late viewer on another web process sees them too); empty otherwise.
    draft_title = models.CharField(max_length=200, blank=True)
    draft_text = models.TextField(blank=True)
    # The draft's text is whole: the model is on to the choices and the picture's prompt.
    draft_text_done = models.BooleanField(default=False)

    objects = SceneQuerySet.as_manager()

    class Meta:
        ordering = ["story", "number", "chosen_at"]
        constraints = [
            models.UniqueConstraint(fields=["previous", "choice_id"], name="one_scene_per_choice"),
            models.UniqueConstraint(
                fields=["story"], condition=models.Q(previous__isnull=True), name="one_opening_per_story"
            ),
        ]
        indexes = [models.Index(fields=["story", "chosen_at"], name="scene_story_chosen")]

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

    def choice(self, choice_id):
        return next((choice for choice in self.choices if choice["id"] == choice_id), None)

    def choose(self, choice_id):
        """Take a choice and return the scene behind it.

        The first time, that scene is made and queued, or, when it was written ahead, it is
        shown at once and its picture queued. After that (a double submit, a second tab,
        coming back to try every door) the same scene is returned: nothing is written twice.
        """
        with transaction.atomic():
            # Locking the parent makes concurrent chooses of one scene take turns.
            scene = Scene.objects.select_for_update().get(pk=self.pk)
            now = timezone.now()
            branch = scene.branches.select_for_update().filter(choice_id=choice_id).first()
            if branch is None:
                branch = Scene.objects.create(
                    story_id=scene.story_id, number=scene.number + 1, previous=scene, choice_id=choice_id, chosen_at=now
                )
                branch.enqueue()
            elif branch.chosen_at is None:
                branch.chosen_at = now
                branch.save(update_fields=["chosen_at"])
                if branch.status == JobStatus.FAILED:
                    branch.retry()  # it failed while nobody was looking: try again now someone is
                branch.queue_chosen_work()
            Story.objects.filter(pk=scene.story_id).update(updated_at=now)
        return branch

    def complete_text(self, draft):
        """Store a written scene; what follows is queued with it (queue_next)."""
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

    def save_draft(self, title, text, text_done=False):
        """Keep the title and text streamed so far (and whether the text is whole) and show
        them to the scene's viewers.

        Only while this attempt still runs: a worker whose job was taken back (swept, or
        retried) must not write its stream over the new attempt's.
        """
        draft = {"draft_title": title[:200], "draft_text": text, "draft_text_done": text_done}
        if all(getattr(self, field) == value for field, value in draft.items()):
            return
        for field, value in draft.items():
            setattr(self, field, value)
        current = Scene.objects.filter(pk=self.pk, status=JobStatus.GENERATING, attempts=self.attempts)
        if current.update(**draft):
            live.announce(self.pk, ["text"])

    def _finish(self, status, **fields):
        # The finished scene (or the failure) takes the draft's place.
        return super()._finish(status, draft_title="", draft_text="", draft_text_done=False, **fields)

    def queue_next(self):
        """A written scene that someone chose goes on to its picture (queue_chosen_work)."""
        if self.status != JobStatus.COMPLETE:
            return
        # The worker read this row before it wrote; someone may have chosen the scene since.
        # The finishing UPDATE holds the row, so this read and choose() cannot both miss it.
        self.chosen_at = Scene.objects.filter(pk=self.pk).values_list("chosen_at", flat=True).get()
        self.queue_chosen_work()

    def queue_chosen_work(self):
        """For a written scene someone chose: name the story (the opening one), queue its
        picture, and write ahead the scenes behind its choices (when the tier allows it).

        Nothing costly is made for a scene only written ahead: that waits until it is chosen.
        """
        if self.status != JobStatus.COMPLETE or self.chosen_at is None:
            return
        if self.previous_id is None and self.title:
            Story.objects.filter(pk=self.story_id).update(title=self.title)
        ImageAsset.queue_for(self)
        if self.story.narration:
            AudioAsset.queue_for(self)
        tier = get_tier(self.story.tier)
        if not self.is_ending and tier is not None and tier.write_ahead:
            self.write_ahead()

    def write_ahead(self):
        """Queue the text of the scene behind every choice not taken yet (text only)."""
        taken = set(self.branches.values_list("choice_id", flat=True))
        for choice in self.choices:
            if choice["id"] not in taken:
                Scene.objects.create(
                    story_id=self.story_id, number=self.number + 1, previous=self, choice_id=choice["id"]
                ).enqueue()

    def path(self):
        """The written scenes that led here, oldest first, each with `taken`: the choice taken
        from it on the way here."""
        earlier = {scene.pk: scene for scene in Scene.objects.filter(story_id=self.story_id, status=JobStatus.COMPLETE)}
        return trace(earlier, self)[:-1]

    def branch_choices(self):
        """This scene's choices, each with `scene_id` (the scene someone reached through it, or
        None), `explored`, and `ends`: some path through it reached an ending. What the page
        and the JSON show; one query, whatever the size of the story."""
        previous, reached, endings = {}, {}, []
        for pk, previous_id, choice_id, is_ending, status in (
            Scene.objects.chosen()
            .filter(story_id=self.story_id)
            .values_list("pk", "previous_id", "choice_id", "is_ending", "status")
        ):
            previous[pk] = previous_id
            if previous_id == self.pk:
                reached[choice_id] = pk
            if is_ending and status == JobStatus.COMPLETE:
                endings.append(pk)
        towards_an_ending = set()
        for pk in endings:
            while pk is not None and pk not in towards_an_ending:
                towards_an_ending.add(pk)
                pk = previous.get(pk)
        return [
            {
                **choice,
                "scene_id": reached.get(choice["id"]),
                "explored": choice["id"] in reached,
                "ends": reached.get(choice["id"]) in towards_an_ending,
            }
            for choice in self.choices
        ]

    @property
    def is_chosen(self):
        """Whether someone chose this scene (the opening always is): only a chosen scene gets
        its picture, clip and narration; one written ahead for a choice nobody took does not."""
        return self.chosen_at is not None

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

    @property
    def audio_state(self):
        """What the scene shows of its narration (a DisplayState): NONE until someone asks
        for it, or while the story's narration waits for the text."""
        audio = getattr(self, "audio", None)
        if audio is not None:
            return audio.display_state
        waiting = self.story.narration and self.status in (JobStatus.PENDING, JobStatus.GENERATING)
        return DisplayState.WORKING if waiting else DisplayState.NONE

    @property
    def in_progress(self):
        """Whether the page still has a part to come: its text, picture, clip or narration.

        Text still being written counts too: its picture shows as working until then.
        """
        return DisplayState.WORKING in (self.image_state, self.video_state, self.audio_state)


def trace(scenes, end):
    """The path from the opening to `end` through `scenes` (by pk), oldest first, each step
    with `taken`: the choice it took on this path (None for `end`)."""
    path = [end]
    end.taken = None
    while (step := scenes.get(path[-1].previous_id)) is not None:
        step.taken = step.choice(path[-1].choice_id)
        path.append(step)
    return path[::-1]
