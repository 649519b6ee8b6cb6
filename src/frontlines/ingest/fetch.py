"""Fetching one URL with httpx, safely against hostile servers.

- Server-side request forgery: every TCP connection (first request and every redirect hop) goes
  through ``_GuardedBackend``, which resolves the host name once, refuses private, loopback and
  link-local answers (unless ``allow_private_addresses``, or the exact ``host:port`` is listed in
  ``fetch_allow``), and connects to the very address it checked. The Host header and TLS SNI
  still carry the URL's name, so a DNS answer that changes between check and connect
  (rebinding) has nothing to slip through.
- Redirects are followed by hand, at most ``max_redirects``, loops refused.
- One deadline per fetch (``fetch_timeout`` seconds, all hops, headers and body included): every
  socket read and write is bounded by what is left of it, so a server dripping header lines or
  body bytes cannot hold the run.
- Size: ``fetch_max_bytes`` caps the body after decompression, checked while streaming; gzip and
  deflate are inflated here in bounded steps, so a compression bomb costs at most the cap.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from frontlines.errors import FetchError
from frontlines.settings import Settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml",
})
PAGE_TYPES = HTML_TYPES | FEED_TYPES
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9"
)
# Only what we can inflate in bounded steps; br/zstd are not asked for, and refused if sent.
_ACCEPT_ENCODING = "gzip, deflate"
_STEP = 64 * 1024  # largest piece inflated at once: the memory a bomb can cost beyond the cap

# The deadline of the fetch running in this thread/context; read by every socket operation.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "frontlines_fetch_deadline", default=None
)


@dataclass
class FetchedPage:
    """A fetched response body with what is needed to decode and classify it."""

    url: str  # final URL, after redirects
    requested_url: str
    status: int  # 200..299, or 304 for a conditional request whose resource has not changed
    content_type: str  # media type without parameters, lower case ("" if the server sent none)
    charset: str | None
    content: bytes
    redirects: list[str] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def is_feed(self) -> bool:
        from frontlines.ingest.feeds import looks_like_feed

        if self.content_type in FEED_TYPES - {"application/xml", "text/xml"}:
            return True
        return looks_like_feed(self.content)


class AddressRefused(Exception):
    """Raised inside the transport when a connection would reach a forbidden address."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


def allowed_pairs(settings: Settings) -> frozenset[str]:
    """``fetch_allow`` as a set of normalised ``host:port`` strings (IPv6 as ``[::1]:80``)."""
    return frozenset(p.strip().lower() for p in settings.fetch_allow.split(",") if p.strip())


def _pair(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _forbidden(ip_text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address if it is not a public unicast one, else None."""
    ip = ipaddress.ip_address(ip_text.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        return ip
    return None


def _resolve(host: str, port: int) -> list[tuple]:
    """getaddrinfo, in one place so tests can stand in a resolver of their own."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write stops at the current fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    @staticmethod
    def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
        deadline = _deadline.get()
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch's deadline has passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = self._bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolve once, check every answer, connect to the checked address (no second lookup)."""

    def __init__(self, allow_private: bool, allow: frozenset[str]) -> None:
        self._allow_private = allow_private
        self._allow = allow
        self._plain = httpcore.SyncBackend()

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,
        local_address: str | None = None, socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _DeadlineStream._bounded(timeout, httpcore.ConnectTimeout)
        try:
            infos = _resolve(host, port)
        except (OSError, UnicodeError, ValueError) as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host} ({exc})") from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve host {host} (no address)")
        if not self._allow_private and _pair(host.lower(), port) not in self._allow:
            for address in addresses:
                ip = _forbidden(address)
                if ip is not None and _pair(address, port) not in self._allow:
                    raise AddressRefused(
                        f"refused: {host} is a private, loopback or link-local address ({ip}); "
                        "set allow_private_addresses, or list the exact host:port in fetch_allow, "
                        "to fetch it"
                    )
        last: Exception | None = None
        for address in addresses:
            try:
                # An IP literal: the plain backend does no name lookup of its own.
                stream = self._plain.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options,
                )
            except httpcore.ConnectTimeout:
                raise
            except httpcore.ConnectError as exc:
                last = exc
                continue
            return _DeadlineStream(stream)
        raise httpcore.ConnectError(str(last) if last else f"cannot connect to {host}")

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, settings: Settings) -> None:
        super().__init__(trust_env=False)
        # httpx has no public hook for the network backend: swap the pool for one built on ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=_GuardedBackend(settings.allow_private_addresses, allowed_pairs(settings)),
        )


def make_client(settings: Settings) -> httpx.Client:
    """A client for many fetches in one run (connection reuse); the caller closes it."""
    return httpx.Client(
        transport=_GuardedTransport(settings),
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,
        trust_env=False,
        headers={
            "User-Agent": settings.user_agent, "Accept": _ACCEPT, "Accept-Encoding": _ACCEPT_ENCODING,
        },
    )


def check_address(url: str, settings: Settings) -> None:
    """Refuse URLs that are not http(s), have no host, or name a forbidden IP literal.

    Host names are checked when the connection is made (``_GuardedBackend``), on the very
    address connected to; this pre-check only saves a round trip for the obvious cases.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    try:
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(url, f"malformed URL ({exc})") from exc
    if not host:
        raise FetchError(url, "URL has no host")
    if settings.allow_private_addresses or _pair(host, port) in allowed_pairs(settings):
        return
    try:
        ip = _forbidden(host)
    except ValueError:
        return  # a name, not a literal
    if ip is not None:
        raise FetchError(
            url,
            f"refused: {host} is a private, loopback or link-local address ({ip}); "
            "set allow_private_addresses, or list the exact host:port in fetch_allow, to fetch it",
        )


def fetch(
    url: str,
    settings: Settings,
    client: httpx.Client | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    types: frozenset[str] | None = PAGE_TYPES,
    max_bytes: int | None = None,
) -> FetchedPage:
    """GET ``url`` and return its body; raise FetchError (naming the URL) on any failure.

    ``headers`` are added to the request (e.g. If-None-Match); a 304 answer to such a
    conditional request comes back as a page with ``status == 304`` and no content. ``types``
    are the media types accepted (None: any). ``max_bytes`` lowers ``fetch_max_bytes``.
    """
    try:
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:  # e.g. "http://[::1" (an unclosed IPv6 host)
        raise FetchError(url, f"not a valid URL ({exc})") from None
    own = client is None
    active = client or make_client(settings)
    token = _deadline.set(time.monotonic() + settings.fetch_timeout)
    try:
        return _fetch(url, settings, active, dict(headers or {}), types, max_bytes)
    finally:
        _deadline.reset(token)
        if own:
            active.close()


def _fetch(
    url: str, settings: Settings, client: httpx.Client, headers: dict[str, str],
    types: frozenset[str] | None, max_bytes: int | None,
) -> FetchedPage:
    current = url
    hops: list[str] = []
    seen = {url}
    for _ in range(settings.max_redirects + 1):
        try:
            check_address(current, settings)
        except FetchError as exc:
            if not hops:
                raise
            raise FetchError(url, f"{exc.cause} (redirected to {current})") from None
        try:
            with client.stream("GET", current, headers=headers) as response:
                if response.has_redirect_location:
                    target = urljoin(current, response.headers["location"])
                    if target in seen:
                        raise FetchError(url, f"redirect loop ({current} -> {target})")
                    seen.add(target)
                    hops.append(target)
                    current = target
                    continue
                return _read(url, current, hops, response, settings, headers, types, max_bytes)
        except AddressRefused as exc:
            where = f" (redirected to {current})" if hops else ""
            raise FetchError(url, exc.cause + where) from None
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
    request_headers: dict[str, str],
    types: frozenset[str] | None,
    max_bytes: int | None,
) -> FetchedPage:
    conditional = any(k.lower() in ("if-none-match", "if-modified-since") for k in request_headers)
    if response.status_code == 304 and conditional:
        return FetchedPage(
            url=final, requested_url=url, status=304, content_type="", charset=None, content=b"",
            redirects=hops, etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
    if response.status_code >= 300:
        raise FetchError(url, f"HTTP {response.status_code} without a Location to follow")
    raw_type = response.headers.get("content-type", "")
    media_type = raw_type.split(";")[0].strip().lower()
    if types is not None and media_type and media_type not in types:
        raise FetchError(url, f"unsupported content type {media_type} (not HTML or an RSS/Atom feed)")
    limit = min(settings.fetch_max_bytes, max_bytes or settings.fetch_max_bytes)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"response too large ({int(declared):,} bytes, limit {limit:,})")
    encodings = _encodings(url, response.headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in _decoded(url, _capped(url, response.iter_raw(), limit), encodings):
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"response too large (over the limit of {limit:,} bytes)")
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s (body too slow)") from exc
    content = b"".join(chunks)
    if not media_type and types is not None:
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
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _encodings(url: str, header: str) -> list[str]:
    found = [e.strip().lower() for e in header.split(",") if e.strip()]
    found = [e for e in found if e != "identity"]
    for encoding in found:
        if encoding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(url, f"unsupported content encoding {encoding} (asked for gzip or deflate)")
    if len(found) > 2:
        raise FetchError(url, f"too many content encodings ({header})")
    return found


def _capped(url: str, raw: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """The raw (still compressed) bytes, cut off at the limit too."""
    size = 0
    for chunk in raw:
        size += len(chunk)
        if size > limit:
            raise FetchError(url, f"response too large (over the limit of {limit:,} bytes)")
        yield chunk


def _decoded(url: str, raw: Iterator[bytes], encodings: list[str]) -> Iterator[bytes]:
    stream = raw
    for encoding in reversed(encodings):  # the last encoding applied is undone first
        stream = _inflate(url, stream, encoding)
    return stream


def _inflate(url: str, raw: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    """Inflate in pieces of at most ``_STEP`` bytes, never more at once, whatever the ratio."""
    gzip = encoding in ("gzip", "x-gzip")
    wbits = 16 + zlib.MAX_WBITS if gzip else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    started = False
    try:
        for data in raw:
            while data:
                if not started and not gzip:
                    started = True
                    try:
                        out = inflater.decompress(data, _STEP)
                    except zlib.error:
                        # Some servers send raw deflate without the zlib wrapper.
                        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                        out = inflater.decompress(data, _STEP)
                else:
                    started = True
                    out = inflater.decompress(data, _STEP)
                if out:
                    yield out
                data = inflater.unconsumed_tail
                if inflater.eof:
                    rest = inflater.unused_data
                    if gzip and rest.startswith(b"\x1f\x8b"):  # another gzip member follows
                        inflater = zlib.decompressobj(wbits)
                        data = rest
                    else:
                        data = b""  # trailing bytes after the stream: ignored, as browsers do
        tail = inflater.flush(_STEP)
        if tail:
            yield tail
    except zlib.error as exc:
        raise FetchError(url, f"malformed {encoding} body ({exc})") from exc
