"""Share links: a read-only way into one story for anyone holding the link."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from stories.models.story import Scene


def new_token():
    return secrets.token_urlsafe(32)  # 256 random bits: unguessable


class ShareLinkQuerySet(models.QuerySet):
    def live(self):
        """Links that still open: not revoked and not past their expiry."""
        now = timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now), revoked_at__isnull=True)


class ShareLink(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tier = models.CharField(max_length=32, db_index=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="share_links")
    # One path of the story, the one that ends at this scene; empty for the whole story.
    scene = models.ForeignKey("stories.Scene", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Share link to {self.story}"

    def get_absolute_url(self):
        return reverse("shared:reader", kwargs={"tier": self.tier, "token": self.token})

    @property
    def opens_whole_story(self):
        return self.scene_id is None

    def shown_scenes(self):
        """The scenes this link lets anyone read, and whose files it lets through: every scene
        someone chose (never one only written ahead), or those of its one path."""
        scenes = Scene.objects.filter(story_id=self.story_id).chosen()
        if self.opens_whole_story:
            return scenes
        return scenes.filter(pk__in=self.story.path_ids(self.scene))

    @property
    def is_live(self):
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    def revoke(self):
        ShareLink.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
