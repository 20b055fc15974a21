"""Providers: one class per outside service (and the offline one), chosen by a model's provider."""


def get_provider(spec):
    """An instance of the provider class for a ModelSpec."""
    # Imported here: the SDKs are heavy, and only a worker needs them.
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
        cls = classes[spec.provider]
    except KeyError:
        raise LookupError(f"No provider called {spec.provider!r}") from None
    return cls(spec)
