"""The domain: stories and their scenes, the jobs that make their media, memory mode's
people, the registry of models people can pick, and share links."""

from stories.models.assets import AudioAsset, DisplayState, ImageAsset, MediaAsset, TierFile, VideoAsset
from stories.models.jobs import Job, JobQuerySet, JobStatus, TierUploadTo, delete_file_on_commit
from stories.models.people import Person, ReferencePhoto
from stories.models.registry import AIModel, ImageModel, Provider, TextModel, VoiceModel, video_provider_name
from stories.models.sharing import ShareLink
from stories.models.story import Scene, Story, TierQuerySet

# Every kind of job, in the order one leads to the next.
JOB_CLASSES = (Scene, ImageAsset, VideoAsset, AudioAsset)
# The tier media route's kinds: media/<tier>/<kind>/ and /<tier>/media/<kind>/<id>.
MEDIA_MODELS = {model.media_kind: model for model in (ImageAsset, VideoAsset, AudioAsset, ReferencePhoto)}

__all__ = [
    "AIModel",
    "AudioAsset",
    "DisplayState",
    "ImageAsset",
    "ImageModel",
    "JOB_CLASSES",
    "Job",
    "JobQuerySet",
    "JobStatus",
    "MEDIA_MODELS",
    "MediaAsset",
    "Person",
    "Provider",
    "ReferencePhoto",
    "Scene",
    "ShareLink",
    "Story",
    "TextModel",
    "TierFile",
    "TierQuerySet",
    "TierUploadTo",
    "VideoAsset",
    "VoiceModel",
    "delete_file_on_commit",
    "video_provider_name",
]
