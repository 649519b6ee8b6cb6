"""Fetching against a hostile local HTTP server: forged redirects, DNS rebinding, compression
bombs, slow drips, lying headers, broken chunking. The guard stays on: the test server is let
through by its exact host:port (``fetch_allow``), and nothing else on loopback is."""

from __future__ import annotations

import importlib
import socket
import struct
import time
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest
from httpserver import LocalHTTPServer

from frontlines.errors import FetchError
from frontlines.ingest import fetch, iter_sources
from frontlines.settings import Settings

HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<html><body><p>The harbour road reopened on Tuesday after the flood.</p></body></html>"
GIB = 1 << 30
# The module, not the function of the same name that frontlines.ingest exports.
fetch_module = importlib.import_module("frontlines.ingest.fetch")


def guarded(server: LocalHTTPServer, **more: object) -> Settings:
    """The default guard, with only this server's exact host:port let through."""
    values: dict[str, object] = {"fetch_allow": f"127.0.0.1:{server.port}", "fetch_timeout": 2.0}
    values.update(more)
    return Settings(**values)  # type: ignore[arg-type]


def refused(url: str, settings: Settings) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url, settings)
    assert str(caught.value).startswith(f"{url}: ") and "\n" not in str(caught.value)
    return caught.value.cause


@pytest.fixture
def other_server() -> Iterator[LocalHTTPServer]:
    """A second loopback server: a stand-in for an internal service that must stay unreachable."""
    with LocalHTTPServer() as server:
        server.add("/secret", body=b"<html>internal</html>", headers=HTML)
        yield server


# --------------------------------------------------------------------------------------------
# server-side request forgery


def test_allow_list_lets_only_the_listed_server_through(
    http_server: LocalHTTPServer, other_server: LocalHTTPServer
) -> None:
    url = http_server.add("/a", body=PAGE, headers=HTML)
    assert fetch(url, guarded(http_server)).content == PAGE
    cause = refused(other_server.url("/secret"), guarded(http_server))
    assert cause.startswith("refused: 127.0.0.1 is a private, loopback or link-local address")
    assert other_server.hits["/secret"] == 0


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_to_another_loopback_port_is_refused(
    http_server: LocalHTTPServer, other_server: LocalHTTPServer, status: int
) -> None:
    start = http_server.add("/go", redirect=other_server.url("/secret"), redirect_status=status)
    cause = refused(start, guarded(http_server))
    assert cause.startswith("refused: 127.0.0.1 is a private")
    assert cause.endswith(f"(redirected to {other_server.url('/secret')})")
    assert other_server.hits["/secret"] == 0


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",  # cloud metadata
        "http://[::1]:{port}/a",  # IPv6 loopback, same port
        "http://0.0.0.0:{port}/a",
        "http://10.0.0.7/admin",
        "http://[::ffff:169.254.169.254]/latest",  # IPv4-mapped IPv6
        "http://2130706433:{other}/secret",  # 127.0.0.1 as one decimal number, resolved by name
        "http://127.1:{other}/secret",  # short form, resolved by name
    ],
)
def test_redirect_to_private_targets_is_refused(
    http_server: LocalHTTPServer, other_server: LocalHTTPServer, target: str
) -> None:
    target = target.format(port=http_server.port, other=other_server.port)
    http_server.add("/a", body=PAGE, headers=HTML)
    start = http_server.add("/go", redirect=target)
    started = time.perf_counter()
    cause = refused(start, guarded(http_server))
    assert cause.startswith("refused: "), cause
    assert time.perf_counter() - started < 1.0  # refused before any connection attempt
    assert http_server.hits["/a"] == 0 and other_server.hits["/secret"] == 0


def test_redirect_to_other_schemes_is_refused(http_server: LocalHTTPServer) -> None:
    for n, target in enumerate(["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://x/y"]):
        start = http_server.add(f"/go{n}", redirect=target)
        assert refused(start, guarded(http_server)).startswith("unsupported URL scheme")


def test_dns_rebinding_one_lookup_and_the_checked_address_is_the_one_used(
    http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebinding name answers the check with one address and the connection with another.
    Here the lookup is made once per connection and the socket goes to the address checked:
    a second lookup would get an unreachable private address, and would fail the test."""
    url = http_server.add("/a", body=PAGE, headers=HTML)
    calls: list[str] = []

    def rebinding(host: str, port: int) -> list[tuple]:
        calls.append(host)
        address = "127.0.0.1" if len(calls) == 1 else "10.255.255.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(fetch_module, "_resolve", rebinding)
    named = f"http://rebind.test:{http_server.port}/a"
    page = fetch(named, guarded(http_server))
    assert page.content == PAGE and url != named
    assert calls == ["rebind.test"]
    path, headers = http_server.requests[-1]
    assert path == "/a" and headers["Host"] == f"rebind.test:{http_server.port}"


def test_dns_answer_pointing_inside_is_refused_without_connecting(
    http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    http_server.add("/a", body=PAGE, headers=HTML)

    def inside(host: str, port: int) -> list[tuple]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port)),
        ]

    monkeypatch.setattr(fetch_module, "_resolve", inside)
    cause = refused("http://metadata.test/latest", guarded(http_server))
    assert cause.startswith("refused: metadata.test is a private, loopback or link-local address")
    assert "169.254.169.254" in cause


# --------------------------------------------------------------------------------------------
# compression bombs


def gzip_bomb(size: int = GIB, member: int = 1 << 20) -> bytes:
    """``size`` bytes of zeros as one gzip stream of ~1 MB, built in well under a second.

    Each 1 MiB block is compressed after a full flush, so every block's bytes are the same and
    the stream is that block repeated, plus the gzip header and trailer computed by hand."""
    zeros = b"\0" * member
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    again = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    assert block == again  # the construction depends on it
    end = deflater.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(size // member):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)
    return header + block * (size // member) + end + trailer


def test_gzip_bomb_construction_is_sound() -> None:
    small = gzip_bomb(8 << 20)
    assert zlib.decompress(small, 16 + zlib.MAX_WBITS) == b"\0" * (8 << 20)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compression_bomb_is_cut_off_while_inflating(
    http_server: LocalHTTPServer, encoding: str
) -> None:
    bomb = gzip_bomb()
    if encoding == "deflate":  # the same zeros, in a zlib wrapper
        bomb = b"\x78\xda" + bomb[10:-8] + struct.pack(">I", 1)  # adler32 wrong: never reached
    assert len(bomb) < 1_200_000
    url = http_server.add("/bomb", body=bomb, headers={**HTML, "Content-Encoding": encoding})
    tracemalloc.start()
    started = time.perf_counter()
    try:
        cause = refused(url, guarded(http_server, fetch_max_bytes=5_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert cause == "response too large (over the limit of 5,000,000 bytes)"
    assert peak < 20_000_000, f"peak {peak:,} bytes while inflating a 1 GiB bomb"
    assert elapsed < 5.0


def test_gzip_page_multi_member_and_raw_deflate_decode(http_server: LocalHTTPServer) -> None:
    halves = [PAGE[:30], PAGE[30:]]
    multi = b"".join(zlib.compress(h, wbits=16 + zlib.MAX_WBITS) for h in halves)
    url = http_server.add("/multi", body=multi, headers={**HTML, "Content-Encoding": "gzip"})
    assert fetch(url, guarded(http_server)).content == PAGE
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = raw.compress(PAGE) + raw.flush()
    url = http_server.add("/raw", body=body, headers={**HTML, "Content-Encoding": "deflate"})
    assert fetch(url, guarded(http_server)).content == PAGE


def test_broken_or_unasked_encodings(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/notgz", body=PAGE, headers={**HTML, "Content-Encoding": "gzip"})
    assert refused(url, guarded(http_server)).startswith("malformed gzip body")
    url = http_server.add("/br", body=b"\x1b\x00", headers={**HTML, "Content-Encoding": "br"})
    assert refused(url, guarded(http_server)) == (
        "unsupported content encoding br (asked for gzip or deflate)"
    )
    (_, headers) = http_server.requests[-1]
    assert headers["Accept-Encoding"] == "gzip, deflate"


# --------------------------------------------------------------------------------------------
# slow and endless responses


def test_headers_dripping_forever_hit_the_deadline(http_server: LocalHTTPServer) -> None:
    url = http_server.add(
        "/drip", raw=b"HTTP/1.1 200 OK\r\n", chunk=b"X-Drip: 1\r\n", chunk_delay=0.05, endless=True
    )
    started = time.perf_counter()
    assert refused(url, guarded(http_server, fetch_timeout=0.5)) == "timed out after 0.5 s"
    assert time.perf_counter() - started < 1.2


def test_body_dripping_one_byte_at_a_time(http_server: LocalHTTPServer) -> None:
    url = http_server.add(
        "/drip", headers=HTML, body=b"<html>", chunk=b"x", chunk_delay=0.02, endless=True
    )
    started = time.perf_counter()
    cause = refused(url, guarded(http_server, fetch_timeout=0.5))
    assert cause == "timed out after 0.5 s (body too slow)"
    assert time.perf_counter() - started < 1.2


def test_deadline_covers_the_whole_redirect_chain(http_server: LocalHTTPServer) -> None:
    """Each hop is quick enough alone (0.3 s < 0.8 s); together they are not."""
    for hop in range(4):
        http_server.add(f"/slow{hop}", redirect=f"/slow{hop + 1}", delay=0.3)
    http_server.add("/slow4", body=PAGE, headers=HTML)
    started = time.perf_counter()
    assert refused(http_server.url("/slow0"), guarded(http_server, fetch_timeout=0.8)).startswith(
        "timed out after 0.8 s"
    )
    assert time.perf_counter() - started < 1.5


# --------------------------------------------------------------------------------------------
# lying and malformed responses


def test_huge_content_length_is_refused_before_reading(http_server: LocalHTTPServer) -> None:
    url = http_server.add(
        "/lie", raw=b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000000000\r\n\r\n",
        chunk=b"x" * 1024, chunk_delay=0.01, endless=True,
    )
    started = time.perf_counter()
    assert refused(url, guarded(http_server)) == (
        "response too large (1,000,000,000,000 bytes, limit 10,000,000)"
    )
    assert time.perf_counter() - started < 1.0


def test_content_length_longer_than_the_body(http_server: LocalHTTPServer) -> None:
    url = http_server.add(
        "/short", raw=b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html>"
    )
    assert refused(url, guarded(http_server)).startswith("request failed (RemoteProtocolError")
    url = http_server.add(  # ... and the server then keeps the line open, silent
        "/stall", raw=b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html>",
        chunk=b"", chunk_delay=0.05, endless=True,
    )
    assert refused(url, guarded(http_server, fetch_timeout=0.5)) == (
        "timed out after 0.5 s (body too slow)"
    )


@pytest.mark.parametrize(
    "body",
    [
        b"ZZ\r\nhello\r\n0\r\n\r\n",  # chunk size not hex
        b"5\r\nhello",  # stream ends inside the chunking
        b"FFFFFFFFFFFFFFFF\r\nhello",  # absurd chunk size, then the server hangs up
        b"5\r\nhelloXX\r\n0\r\n\r\n",  # chunk longer than announced
    ],
)
def test_malformed_chunked_encoding(http_server: LocalHTTPServer, body: bytes) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    url = http_server.add("/chunked", raw=head + body)
    assert refused(url, guarded(http_server)).startswith("request failed (")


def test_redirect_status_without_location(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/nowhere", status=302, body=b"", headers=HTML)
    assert refused(url, guarded(http_server)) == "HTTP 302 without a Location to follow"


def test_garbage_instead_of_http(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/junk", raw=b"\x00\xff SSH-2.0-OpenSSH_9.6\r\n\r\n" * 10)
    assert refused(url, guarded(http_server)).startswith("request failed (")


def test_oversized_header_block(http_server: LocalHTTPServer) -> None:
    url = http_server.add(
        "/fat", raw=b"HTTP/1.1 200 OK\r\nX-Fat: " + b"a" * 200_000 + b"\r\n\r\n<html></html>"
    )
    assert refused(url, guarded(http_server)).startswith("request failed (")


def test_wrong_content_types(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/bin", body=PAGE, headers={"Content-Type": "application/octet-stream"})
    assert refused(url, guarded(http_server)).startswith("unsupported content type application/octet")
    url = http_server.add("/img", body=b"\x89PNG\r\n\x1a\n" + b"\0" * 64, headers={})
    assert refused(url, guarded(http_server)) == "no content type, and the body is not HTML or XML"
    # Labelled HTML but binary: fetched, then refused by the reader with a one-line error.
    url = http_server.add("/fake", body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, headers=HTML)
    (result,) = list(iter_sources([url], guarded(http_server)))
    assert result.document is None and result.error and result.error.startswith(f"{url}: ")


def test_redirect_loops_and_chains(http_server: LocalHTTPServer) -> None:
    http_server.add("/self", redirect="/self")
    assert refused(http_server.url("/self"), guarded(http_server)).startswith("redirect loop (")
    for n in range(3):  # absolute and relative Locations, mixed statuses
        http_server.add(f"/r{n}", redirect=http_server.url(f"/r{(n + 1) % 3}"), redirect_status=307)
    assert refused(http_server.url("/r0"), guarded(http_server)).startswith("redirect loop (")
    for hop in range(3):
        http_server.add(f"/h{hop}", redirect=f"/h{hop + 1}")
    http_server.add("/h3", body=PAGE, headers=HTML)
    page = fetch(http_server.url("/h0"), guarded(http_server, max_redirects=3))
    assert page.url == http_server.url("/h3") and len(page.redirects) == 3
    assert refused(http_server.url("/h0"), guarded(http_server, max_redirects=2)) == (
        "too many redirects (more than 2)"
    )
