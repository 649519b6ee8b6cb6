"""Fetching one URL with httpx: redirects followed by hand (each hop checked against the
private-address guard), the body streamed and cut off at ``fetch_max_bytes``, one overall
deadline so that a server trickling bytes cannot hold the run."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from frontlines.errors import FetchError
from frontlines.settings import Settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml",
})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9"
)


@dataclass
class FetchedPage:
    """A fetched response body with what is needed to decode and classify it."""

    url: str  # final URL, after redirects
    requested_url: str
    status: int
    content_type: str  # media type without parameters, lower case ("" if the server sent none)
    charset: str | None
    content: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def is_feed(self) -> bool:
        from frontlines.ingest.feeds import looks_like_feed

        if self.content_type in FEED_TYPES - {"application/xml", "text/xml"}:
            return True
        return looks_like_feed(self.content)


def make_client(settings: Settings) -> httpx.Client:
    """A client for many fetches in one run (connection reuse); the caller closes it."""
    return httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT},
    )


def check_address(url: str, settings: Settings) -> None:
    """Refuse URLs that are not http(s), and hosts that resolve to non-public addresses.

    Guards against server-side request forgery when URLs come from feeds or users. The check
    resolves the name itself, so a DNS answer that changes between this check and the
    connection (rebinding) is not caught; run behind an egress proxy where that matters.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    host = parts.hostname
    if not host:
        raise FetchError(url, "URL has no host")
    if settings.allow_private_addresses:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise FetchError(url, f"cannot resolve host {host} ({exc})") from exc
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            raise FetchError(
                url,
                f"refused: {host} is a private, loopback or link-local address ({ip}); "
                "set allow_private_addresses to fetch it",
            )


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> FetchedPage:
    """GET ``url`` and return its body; raise FetchError (naming the URL) on any failure."""
    own = client is None
    active = client or make_client(settings)
    try:
        return _fetch(url, settings, active)
    finally:
        if own:
            active.close()


def _fetch(url: str, settings: Settings, client: httpx.Client) -> FetchedPage:
    deadline = time.monotonic() + settings.fetch_timeout
    current = url
    hops: list[str] = []
    seen = {url}
    for _ in range(settings.max_redirects + 1):
        check_address(current, settings)
        try:
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    target = urljoin(current, response.headers["location"])
                    if target in seen:
                        raise FetchError(url, f"redirect loop ({current} -> {target})")
                    seen.add(target)
                    hops.append(target)
                    current = target
                    continue
                return _read(url, current, hops, response, settings, deadline)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s") from exc
        except httpx.ConnectError as exc:
            raise FetchError(url, f"connection failed ({exc or type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed ({type(exc).__name__}: {exc})") from exc
    raise FetchError(url, f"too many redirects (more than {settings.max_redirects})")


def _read(
    url: str,
    final: str,
    hops: list[str],
    response: httpx.Response,
    settings: Settings,
    deadline: float,
) -> FetchedPage:
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
    if response.status_code >= 300:
        raise FetchError(url, f"HTTP {response.status_code} without a Location to follow")
    raw_type = response.headers.get("content-type", "")
    media_type = raw_type.split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES | FEED_TYPES:
        raise FetchError(url, f"unsupported content type {media_type} (not HTML or an RSS/Atom feed)")
    limit = settings.fetch_max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"response too large ({int(declared):,} bytes, limit {limit:,})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(url, f"response too large (over the limit of {limit:,} bytes)")
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s (body too slow)")
        chunks.append(chunk)
    content = b"".join(chunks)
    if not media_type:
        head = content[:1024].lstrip().lower()
        if not head.startswith((b"<", b"\xef\xbb\xbf<")):
            raise FetchError(url, "no content type, and the body is not HTML or XML")
    return FetchedPage(
        url=final,
        requested_url=url,
        status=response.status_code,
        content_type=media_type,
        charset=response.charset_encoding,
        content=content,
        redirects=hops,
    )
