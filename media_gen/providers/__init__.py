"""Providers: one class per outside service (and the offline one), chosen by a model's provider."""

from importlib import import_module

# Imported on first use, and only the one asked for: the SDKs take seconds to import,
# which the embedded worker would spend on the web's event loop.
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
