"""Providers: one class per outside service (and the offline one), chosen by a model's provider."""


def provider_classes():
    """The provider class for each provider name.

    Imported here: the SDKs are heavy, and only a worker needs them. A worker calls this
    before it listens: imported on the event loop by the first job, they stalled it for
    seconds (23 s on a busy machine), long enough for the channel layer's reads to time out
    and kill the worker.
    """
    from media_gen.providers.gemini import GeminiProvider
    from media_gen.providers.offline import OfflineProvider
    from media_gen.providers.openai import OpenAICompatibleProvider, OpenAIProvider
    from media_gen.providers.xai import XAIProvider

    return {
        "openai": OpenAIProvider,
        "xai": XAIProvider,
        "gemini": GeminiProvider,
        "offline": OfflineProvider,
        "openai-compatible": OpenAICompatibleProvider,
    }


def get_provider(spec):
    """An instance of the provider class for a ModelSpec."""
    try:
        cls = provider_classes()[spec.provider]
    except KeyError:
        raise LookupError(f"No provider called {spec.provider!r}") from None
    return cls(spec)
