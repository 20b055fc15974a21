"""The model registry: the text and image models people can pick and the narrators' voices,
managed in the admin.

A model is available when it is enabled and its provider has credentials. Keys are only
ever read from the settings or the environment, never stored in a row; an OpenAI-compatible
row reads only a variable set aside for model keys (storyteller.keys).
"""

from django.conf import settings
from django.db import models

from storyteller.keys import PROVIDER_KEY_SETTINGS as KEY_SETTINGS
from storyteller.keys import read_key_variable

# Where each hosted provider's base URL is set.
BASE_URL_SETTINGS = {"openai": "OPENAI_BASE_URL", "xai": "XAI_BASE_URL", "gemini": "GEMINI_BASE_URL"}


class Provider(models.TextChoices):
    OPENAI = "openai", "OpenAI"
    XAI = "xai", "xAI"
    GEMINI = "gemini", "Google"
    OFFLINE = "offline", "Offline"
    OPENAI_COMPATIBLE = "openai-compatible", "OpenAI-compatible"


def key_name(provider, api_key_env=""):
    """Where a provider's key is set, as a person would look for it: "OPENAI_API_KEY"."""
    if provider == Provider.OPENAI_COMPATIBLE:
        return api_key_env
    return KEY_SETTINGS.get(provider, "")


def api_key(provider, api_key_env=""):
    if provider == Provider.OPENAI_COMPATIBLE:
        # Even a row saved before the rule existed cannot read another variable.
        return read_key_variable(api_key_env)
    return getattr(settings, KEY_SETTINGS[provider], "") if provider in KEY_SETTINGS else ""


def base_url(provider, own_base_url=""):
    if provider == Provider.OPENAI_COMPATIBLE:
        return own_base_url
    return getattr(settings, BASE_URL_SETTINGS[provider], "") if provider in BASE_URL_SETTINGS else ""


def has_credentials(provider, api_key_env="", own_base_url=""):
    if provider == Provider.OFFLINE:
        return True
    if provider == Provider.OPENAI_COMPATIBLE:
        # Local servers such as Ollama need no key; a named key variable must be set.
        return bool(own_base_url) and (not api_key_env or bool(api_key(provider, api_key_env)))
    return bool(api_key(provider))


def video_provider_name():
    """The provider that makes clips: xAI when it has a key, else the offline animator
    (unless switched off), else none."""
    if has_credentials(Provider.XAI):
        return Provider.XAI.value
    return Provider.OFFLINE.value if settings.OFFLINE_VIDEO else None


class AIModelQuerySet(models.QuerySet):
    def available(self):
        """Enabled models whose provider has credentials, in display order."""
        return [model for model in self.filter(enabled=True) if model.has_credentials]


class AIModel(models.Model):
    """A model people can pick. Managed in the admin, so retired ids can be swapped."""

    key = models.SlugField(max_length=64, unique=True, help_text="Stable id used in forms and stories.")
    display_name = models.CharField(max_length=100)
    provider = models.CharField(max_length=32, choices=Provider.choices)
    api_model = models.CharField(max_length=200, blank=True, help_text="The provider's model id.")
    enabled = models.BooleanField(default=True)
    sort_order = models.IntegerField(default=0)
    base_url = models.URLField(blank=True, help_text="Only for OpenAI-compatible servers (Ollama, LocalAI, vLLM…).")
    api_key_env = models.CharField(
        max_length=100,
        blank=True,
        help_text="Only for OpenAI-compatible servers: the environment variable holding the key.",
    )

    objects = AIModelQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "display_name"]

    def __str__(self):
        return self.display_name

    @property
    def has_credentials(self):
        return has_credentials(self.provider, self.api_key_env, self.base_url)

    @property
    def key_name(self):
        return key_name(self.provider, self.api_key_env)

    @property
    def api_key(self):
        return api_key(self.provider, self.api_key_env)

    @property
    def endpoint(self):
        """The base URL calls go to: the provider's setting, or this row's own server."""
        return base_url(self.provider, self.base_url)


class TextModel(AIModel):
    pass


class ImageModel(AIModel):
    supports_references = models.BooleanField(
        default=False, help_text="Takes people's reference photos in memory mode."
    )
    supports_input_fidelity = models.BooleanField(
        default=False, help_text='OpenAI only: send input_fidelity="high" with reference photos.'
    )


class VoiceModel(AIModel):
    """A narrator: a text-to-speech model and the voice it reads in."""

    voice = models.CharField(
        max_length=100, help_text="The provider's voice: “coral” (OpenAI), “Kore” (Gemini), “en-us”."
    )

    @classmethod
    def default_for(cls, tier):
        """The tier's voice (its `default_voice`) if available, else the first available one."""
        voices = cls.objects.available()
        return next((voice for voice in voices if voice.key == tier.default_voice), voices[0] if voices else None)
