"""ingest over HTTP: pages, feeds and every way a fetch fails, against a real local server."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from httpserver import LocalHTTPServer, closed_port

from frontlines.errors import FetchError
from frontlines.ingest import IngestResult, fetch, iter_sources
from frontlines.settings import Settings

DATA = Path(__file__).parent / "data" / "ingest"
HTML = {"Content-Type": "text/html; charset=utf-8"}
# The test server listens on loopback, which the default settings refuse.
LOCAL = Settings(allow_private_addresses=True, fetch_timeout=2.0)


def page(name: str) -> bytes:
    return (DATA / name).read_bytes()


def ingest(*sources: str, settings: Settings = LOCAL) -> list[IngestResult]:
    return list(iter_sources(list(sources), settings))


def fetch_error(url: str, settings: Settings = LOCAL) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url, settings)
    message = str(caught.value)
    assert message.startswith(f"{url}: ") and "\n" not in message
    return caught.value.cause


def test_html_page_by_url(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/region/ferry", body=page("article.html"), headers=HTML)
    (result,) = ingest(url)
    assert result.source == url and result.error is None and result.document
    doc = result.document
    assert doc.url == url and doc.source == url
    assert doc.outlet == "The Harbour Ledger"
    assert doc.text.startswith("The ferry linking") and "Printer-friendly" not in doc.text


def test_outlet_from_host_and_redirect_followed(http_server: LocalHTTPServer) -> None:
    final = http_server.add("/wire/quarry", body=page("quarry.html"), headers=HTML)
    start = http_server.add("/q", redirect="/wire/quarry")
    (result,) = ingest(start)
    assert result.document and result.document.url == final
    assert result.document.outlet == "127.0.0.1"


def test_rss_feed_by_url_fetches_each_item(http_server: LocalHTTPServer) -> None:
    base = http_server.url("")
    feed = (DATA / "feed_rss.xml.in").read_text(encoding="utf-8").replace("{base}", base)
    feed_url = http_server.add(
        "/feed.rss", body=feed.encode(), headers={"Content-Type": "application/rss+xml"}
    )
    http_server.add("/region/ferry", body=page("article.html"), headers=HTML)
    http_server.add("/region/quarry", body=page("quarry.html"), headers=HTML)
    ferry, quarry, gone = ingest(feed_url)
    assert ferry.document and quarry.document
    assert ferry.document.published == datetime(2023, 9, 14, tzinfo=UTC)  # the page's own date
    # The quarry page has no date: the feed item's date fills it.
    assert quarry.document.published == datetime(2023, 9, 18, 21, 0, tzinfo=UTC)
    assert quarry.document.source == feed_url
    assert gone.document is None
    assert gone.error == f"{base}/region/gone: HTTP 404 Not Found"


def test_atom_feed_file_fetches_each_item(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    base = http_server.url("")
    feed = tmp_path / "wire.atom"
    feed.write_text(
        (DATA / "feed_atom.xml.in").read_text(encoding="utf-8").replace("{base}", base),
        encoding="utf-8",
    )
    http_server.add("/wire/quarry", body=page("quarry.html"), headers=HTML)
    quarry, missing = ingest(str(feed))
    assert quarry.document and quarry.document.text.startswith("A landslide blocked")
    assert quarry.document.published == datetime(2023, 9, 18, 21, 0, tzinfo=UTC)
    assert missing.error == (
        f"{base}/wire/missing: HTTP 404 Not Found (the feed item carries the full text, "
        "but the article page could not be fetched)"
    )


def test_rss_feed_file(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    base = http_server.url("")
    feed = tmp_path / "region.xml"
    feed.write_text(
        (DATA / "feed_rss.xml.in").read_text(encoding="utf-8").replace("{base}", base),
        encoding="utf-8",
    )
    http_server.add("/region/ferry", body=page("article.html"), headers=HTML)
    http_server.add("/region/quarry", body=page("quarry.html"), headers=HTML)
    results = ingest(str(feed))
    assert [bool(r.document) for r in results] == [True, True, False]
    assert http_server.hits["/region/ferry"] == 1


def test_latin1_page_by_header_charset(http_server: LocalHTTPServer) -> None:
    body = (
        "<html><body><article><p>The h\u00f4tel de ville at Val-Br\u00e9mont flew its flag at half "
        "mast on Sunday for the ferry's long-serving captain, Jos\u00e9 Arri\u00e9ta.</p><p>He "
        "crossed the lake more than twenty thousand times, the mayor told the crowd.</p>"
        "</article></body></html>"
    ).encode("latin-1")
    url = http_server.add("/l1", body=body, headers={"Content-Type": "text/html; charset=ISO-8859-1"})
    (result,) = ingest(url)
    assert result.document and "Jos\u00e9 Arri\u00e9ta" in result.document.text


def test_404(http_server: LocalHTTPServer) -> None:
    assert fetch_error(http_server.url("/nowhere")) == "HTTP 404 Not Found"


def test_connection_refused() -> None:
    cause = fetch_error(f"http://127.0.0.1:{closed_port()}/story")
    assert cause.startswith("connection failed")


def test_timeout_waiting_for_headers(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/slow", body=page("quarry.html"), headers=HTML, delay=2.0)
    start = time.perf_counter()
    assert fetch_error(url, LOCAL.with_overrides(fetch_timeout=0.3)) == "timed out after 0.3 s"
    assert time.perf_counter() - start < 1.5


def test_timeout_on_a_trickling_body(http_server: LocalHTTPServer) -> None:
    url = http_server.add(
        "/trickle", headers=HTML, body=b"<html><body>", chunk=b"<p>.</p>", chunk_delay=0.05,
        endless=True,
    )
    start = time.perf_counter()
    cause = fetch_error(url, LOCAL.with_overrides(fetch_timeout=0.5))
    assert cause == "timed out after 0.5 s (body too slow)"
    assert time.perf_counter() - start < 1.5


def test_redirect_loop(http_server: LocalHTTPServer) -> None:
    first = http_server.add("/loop-a", redirect="/loop-b")
    http_server.add("/loop-b", redirect="/loop-a")
    assert fetch_error(first).startswith("redirect loop (")


def test_too_many_redirects(http_server: LocalHTTPServer) -> None:
    for hop in range(8):
        http_server.add(f"/hop{hop}", redirect=f"/hop{hop + 1}")
    assert fetch_error(http_server.url("/hop0")) == "too many redirects (more than 5)"


def test_response_too_large_by_header(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/big", body=b"<html>" + b"x" * 5000, headers=HTML)
    small = LOCAL.with_overrides(fetch_max_bytes=1000)
    assert fetch_error(url, small) == "response too large (5,006 bytes, limit 1,000)"


def test_response_too_large_while_streaming(http_server: LocalHTTPServer) -> None:
    url = http_server.add(
        "/endless", headers=HTML, body=b"<html><body>", chunk=b"<p>more</p>" * 100, endless=True
    )
    small = LOCAL.with_overrides(fetch_max_bytes=100_000)
    assert fetch_error(url, small) == "response too large (over the limit of 100,000 bytes)"


def test_non_html_content_type(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/doc.pdf", body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    (result,) = ingest(url)
    assert result.error == f"{url}: unsupported content type application/pdf (not HTML or an RSS/Atom feed)"


def test_private_address_refused_by_default(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/region/ferry", body=page("article.html"), headers=HTML)
    cause = fetch_error(url, Settings())
    assert cause.startswith("refused: 127.0.0.1 is a private, loopback or link-local address")
    assert http_server.hits["/region/ferry"] == 0
    assert fetch_error("http://localhost:9/x", Settings()).startswith("refused: localhost")
    assert fetch_error("http://169.254.169.254/latest/meta-data", Settings()).startswith("refused")


def test_unsupported_scheme() -> None:
    assert fetch_error("ftp://example.org/file.html").startswith("unsupported URL scheme 'ftp'")
