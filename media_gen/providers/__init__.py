"""Provider registry: which provider class serves a model, and whether it has credentials."""

import os

from django.conf import settings

# The settings attribute holding each hosted provider's key.
API_KEY_SETTINGS = {"openai": "OPENAI_API_KEY", "xai": "XAI_API_KEY", "gemini": "GEMINI_API_KEY"}


def api_key(provider, api_key_env=""):
    if provider == "openai-compatible":
        return os.environ.get(api_key_env, "") if api_key_env else ""
    return getattr(settings, API_KEY_SETTINGS[provider], "") if provider in API_KEY_SETTINGS else ""


def has_credentials(provider, api_key_env="", base_url=""):
    if provider == "offline":
        return True
    if provider == "openai-compatible":
        # Local servers such as Ollama need no key; a named key variable must be set.
        return bool(base_url) and (not api_key_env or bool(api_key(provider, api_key_env)))
    return bool(api_key(provider))


def video_provider_name():
    """The provider that makes clips: xAI when it has a key, else the offline animator
    (unless switched off), else none."""
    if has_credentials("xai"):
        return "xai"
    return "offline" if settings.OFFLINE_VIDEO else None


def video_provider_available():
    return video_provider_name() is not None


def get_provider(provider_name, model=None):
    """An instance of the provider class for a model row (or for video, by name)."""
    # Imported here: the SDKs are heavy, and the models module imports this one.
    from media_gen.providers.gemini import GeminiProvider
    from media_gen.providers.offline import OfflineProvider
    from media_gen.providers.openai import OpenAICompatibleProvider, OpenAIProvider
    from media_gen.providers.xai import XAIProvider

    classes = {
        "openai": OpenAIProvider,
        "xai": XAIProvider,
        "gemini": GeminiProvider,
        "offline": OfflineProvider,
        "openai-compatible": OpenAICompatibleProvider,
    }
    try:
        cls = classes[provider_name]
    except KeyError:
        raise LookupError(f"No provider called {provider_name!r}") from None
    return cls(model)
