"""Fetching files that providers host (image URLs, finished clips).

A provider's answer names a URL, and nothing but this guard stops that URL from pointing
at this machine or the home network. So only https:// is fetched, or the scheme, host
and port of a configured provider base URL (how tests and local gateways work).
Redirects are followed by hand and every hop is checked again. Any other host must
resolve to public addresses only: checked before connecting, and again on the
connected socket, so a DNS answer that changes in between (rebinding) is caught before
any byte is read. Size and time are capped, and the body is streamed to disk.
"""

import asyncio
import ipaddress
import socket

import httpx
from django.conf import settings

from media_gen.providers.base import TLS_CONTEXT, ProviderError

DOWNLOAD_TIMEOUT = 120.0  # seconds for the whole download, redirects included
STEP_TIMEOUT = 30.0  # seconds for any one connect, read or write
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
DEFAULT_PORTS = {"http": 80, "https": 443}
PROVIDER_BASE_URL_SETTINGS = ("OPENAI_BASE_URL", "XAI_BASE_URL", "GEMINI_BASE_URL")


async def download(url: str, dest, *, max_bytes: int, timeout: float = DOWNLOAD_TIMEOUT, what="file") -> None:
    """Stream `url` into the binary file object `dest`; at most `max_bytes` bytes.

    Raises ProviderError: permanent when the guard refuses the URL or the file is gone,
    transient for timeouts, dropped connections and server errors. Its message names
    `what` was fetched ("clip", "picture") in plain words; the reason is its detail.
    """
    try:
        await fetch_within(url, dest, max_bytes, timeout)
    except DownloadFailed as failed:
        message = (
            f"The finished {what} was too large to keep."
            if failed.too_large
            else f"We couldn't fetch the finished {what}. Try again in a moment."
        )
        raise ProviderError(message, permanent=failed.permanent, detail=f"The download failed: {failed}.") from None


async def fetch_within(url: str, dest, max_bytes: int, timeout: float) -> None:
    try:
        async with asyncio.timeout(timeout):
            # No proxies from the environment: the guard must see the real peer.
            async with httpx.AsyncClient(
                timeout=STEP_TIMEOUT, follow_redirects=False, trust_env=False, verify=TLS_CONTEXT
            ) as client:
                await fetch(client, parse(url), dest, max_bytes)
    except TimeoutError:
        raise DownloadFailed(f"it took longer than {timeout:g} seconds") from None
    except httpx.HTTPError as error:
        raise DownloadFailed(f"{type(error).__name__}: {error}") from None


class DownloadFailed(Exception):
    """Why a download failed, in technical words; download() turns it into a ProviderError."""

    def __init__(self, reason, *, permanent=False, too_large=False):
        super().__init__(reason)
        self.permanent = permanent
        self.too_large = too_large


async def fetch(client: httpx.AsyncClient, url: httpx.URL, dest, max_bytes: int) -> None:
    for _ in range(MAX_REDIRECTS + 1):
        is_provider = await check_url(url)
        # Identity encoding: a compressed body could inflate far past the cap in one chunk.
        async with client.stream("GET", url, headers={"Accept-Encoding": "identity"}) as response:
            if not is_provider:
                check_peer(response, url.host)
            if response.status_code in REDIRECT_STATUSES and "Location" in response.headers:
                url = url.join(parse(response.headers["Location"]))
                continue
            if response.status_code != 200:
                raise DownloadFailed(
                    f"HTTP {response.status_code} from {url.host}",
                    permanent=response.status_code in (403, 404, 410),
                )
            await save(response, dest, max_bytes)
            return
    raise refused(f"more than {MAX_REDIRECTS} redirects")


async def check_url(url: httpx.URL) -> bool:
    """Refuse a URL the guard does not allow; True when it is a provider's own host."""
    if (url.scheme, url.host, port_of(url)) in provider_hosts():
        return True
    if url.scheme != "https":
        raise refused(f"only https:// URLs may be fetched, not {url.scheme or 'relative'} ones")
    try:
        addresses = await asyncio.get_running_loop().getaddrinfo(url.host, port_of(url), type=socket.SOCK_STREAM)
    except OSError as error:
        raise DownloadFailed(f"the host {url.host} could not be found ({error})") from None
    for *_, sockaddr in addresses:
        require_public(sockaddr[0], url.host)
    return False


def check_peer(response: httpx.Response, host: str) -> None:
    """The address actually connected to must be public too (DNS may have changed)."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream else None
    if peer is None:
        raise refused(f"could not tell which address {host} answered from")
    require_public(peer[0], host)


def require_public(address: str, host: str) -> None:
    ip = ipaddress.ip_address(address.split("%")[0])  # without an IPv6 zone id
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        raise refused(f"{host} is a private or local address ({ip})")


def provider_hosts() -> set[tuple[str, str, int]]:
    urls = (parse(getattr(settings, name)) for name in PROVIDER_BASE_URL_SETTINGS if getattr(settings, name))
    return {(url.scheme, url.host, port_of(url)) for url in urls}


async def save(response: httpx.Response, dest, max_bytes: int) -> None:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(max_bytes)
    received = 0
    async for chunk in response.aiter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise too_large(max_bytes)
        dest.write(chunk)


def parse(url: str) -> httpx.URL:
    try:
        return httpx.URL(url)
    except httpx.InvalidURL:
        raise refused("the URL is malformed") from None


def port_of(url: httpx.URL) -> int | None:
    return url.port or DEFAULT_PORTS.get(url.scheme)


def refused(reason: str) -> DownloadFailed:
    return DownloadFailed(f"refused: {reason}", permanent=True)


def too_large(max_bytes: int) -> DownloadFailed:
    return DownloadFailed(f"larger than allowed (at most {max_bytes:,} bytes)", permanent=True, too_large=True)
