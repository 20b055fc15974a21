"""Providers: one class per outside service (and the offline one), chosen by a model's provider."""

from importlib import import_module

# Imported on first use, and only the one asked for: the SDKs take seconds to import
# (the job runner does it in a thread of its own, media_gen.jobs.provider_for).
CLASSES = {
    "openai": "media_gen.providers.openai.OpenAIProvider",
    "xai": "media_gen.providers.xai.XAIProvider",
    "gemini": "media_gen.providers.gemini.GeminiProvider",
    "offline": "media_gen.providers.offline.OfflineProvider",
    "openai-compatible": "media_gen.providers.openai.OpenAICompatibleProvider",
}


def get_provider(spec):
    """An instance of the provider class for a ModelSpec."""
    try:
        module, _, name = CLASSES[spec.provider].rpartition(".")
    except KeyError:
        raise LookupError(f"No provider called {spec.provider!r}") from None
    return getattr(import_module(module), name)(spec)
