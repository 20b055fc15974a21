"""Fetching files that providers host (image URLs, finished clips)."""

import httpx

from media_gen.providers.base import ProviderError

DOWNLOAD_TIMEOUT = 60.0


async def download(url, dest, *, max_bytes):
    """Stream `url` into the binary file object `dest`; at most `max_bytes` bytes."""
    async with httpx.AsyncClient(timeout=DOWNLOAD_TIMEOUT) as client:
        async with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise ProviderError(
                    f"The file could not be downloaded (HTTP {response.status_code}).",
                    permanent=response.status_code in (403, 404, 410),
                )
            received = 0
            async for chunk in response.aiter_bytes():
                received += len(chunk)
                if received > max_bytes:
                    raise ProviderError("The file is larger than allowed.", permanent=True)
                dest.write(chunk)
