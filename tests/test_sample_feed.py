"""The sample corpus as a publisher would serve it: an RSS feed over HTTP, each item's page fetched.

The feed and pages are the bundled ones; the server is a real one on loopback, with each page
at the path of its canonical URL, and the feed's links pointed at that server.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from httpserver import LocalHTTPServer

from frontlines.pipeline import ingest_sources, sample_corpus_dir
from frontlines.settings import Settings
from frontlines.store import EventFilter, Store

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def _serve_outlet(server: LocalHTTPServer, slug: str) -> str:
    root = sample_corpus_dir()
    feed = (root / "feeds" / f"{slug}.xml").read_text(encoding="utf-8")
    for page in sorted((root / "pages" / slug).glob("*.html")):
        html = page.read_bytes()
        match = CANONICAL.search(html.decode("utf-8"))
        assert match, f"{page.name} has no canonical link"
        server.add(urlparse(match[1]).path, body=html, headers={"Content-Type": "text/html; charset=utf-8"})
    host = urlparse(CANONICAL.search((next((root / "pages" / slug).glob("*.html"))).read_text())[1]).netloc
    feed = feed.replace(f"https://{host}", server.url("").rstrip("/"))
    return server.add("/feed.rss", body=feed.encode("utf-8"), headers={"Content-Type": "application/rss+xml"})


def test_feed_url_ingests_every_item_page_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'feed.db'}"
    settings = Settings(db=url, allow_private_addresses=True)
    with LocalHTTPServer() as server:
        feed_url = _serve_outlet(server, "levant-wire")
        n_pages = len(list((sample_corpus_dir() / "pages" / "levant-wire").glob("*.html")))
        with Store.open(url) as store:
            first = ingest_sources([feed_url], store, settings)
            assert not first.errors, first.errors
            assert first.new_documents == n_pages
            docs = [store.get_document(e.reports[0].evidence.doc_id)
                    for e in store.iter_events(EventFilter()) if e.reports]
            assert docs and all(d is not None and d.outlet == "Levant Wire" for d in docs)
            assert all(d.published is not None and d.published.year == 2015 for d in docs)
            assert all("Printer-friendly" not in d.text and "Email this" not in d.text for d in docs)
            # polling the same feed again fetches the pages but stores nothing twice
            again = ingest_sources([feed_url], store, settings)
            assert again.new_documents == 0 and again.duplicates == n_pages
            assert store.count_documents() == n_pages


def test_feed_url_refused_without_private_addresses_allowed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'refused.db'}"
    with LocalHTTPServer() as server:
        feed_url = _serve_outlet(server, "levant-wire")
        with Store.open(url) as store:
            summary = ingest_sources([feed_url], store, Settings(db=url))
            assert summary.errors and store.count_documents() == 0
            assert "private" in summary.errors[0] or "loopback" in summary.errors[0]
