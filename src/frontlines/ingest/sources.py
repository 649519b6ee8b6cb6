"""From a list of sources (files, folders, URLs, feeds) to one ``IngestResult`` per item."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from frontlines.errors import BadInput
from frontlines.ingest.decode import check_not_binary
from frontlines.ingest.feeds import FeedItem, looks_like_feed, parse_feed
from frontlines.ingest.fetch import FetchedPage, fetch, make_client
from frontlines.ingest.files import document_from_text, iter_jsonl
from frontlines.ingest.html import document_from_html
from frontlines.records import Document
from frontlines.settings import Settings

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
FOLDER_SUFFIXES = frozenset({".html", ".htm", ".txt", ".jsonl", ".xml", ".rss", ".atom"})
_URL = re.compile(r"^https?://", re.IGNORECASE)
_HTML_HEAD = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<p[\s>]|<div[\s>]", re.IGNORECASE)


@dataclass
class IngestResult:
    """The outcome for one input item: a document, or a one-line error naming the item."""

    source: str
    document: Document | None
    error: str | None = None

    @classmethod
    def failed(cls, source: str, exc: BadInput) -> IngestResult:
        return cls(source=source, document=None, error=str(exc))


class _Fetcher:
    """One HTTP client per run, opened on the first URL only."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: httpx.Client | None = None

    def get(self, url: str) -> FetchedPage:
        if self._client is None:
            self._client = make_client(self.settings)
        return fetch(url, self.settings, self._client)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def iter_sources(sources: list[str], settings: Settings) -> Iterator[IngestResult]:
    """Yield one result per item of every source, in order; never raises for a bad item.

    A source is an http(s) URL (an HTML page, or an RSS/Atom feed whose items' links are
    fetched), a folder (read recursively in sorted order, taking the files whose suffix is in
    ``FOLDER_SUFFIXES``, hidden files skipped), or a file: ``.html``/``.htm``, ``.txt`` (see
    ``document_from_text`` for the title rule), ``.jsonl`` (one document per line), an RSS/Atom
    feed (``.xml``, ``.rss``, ``.atom``). A file with another suffix is classified by content.
    """
    fetcher = _Fetcher(settings)
    try:
        for source in sources:
            if _URL.match(source):
                yield from _from_url(source, settings, fetcher)
                continue
            path = Path(source)
            if path.is_dir():
                files = _folder_files(path)
                if not files:
                    kinds = ", ".join(sorted(FOLDER_SUFFIXES))
                    yield IngestResult.failed(source, BadInput(source, f"folder has no {kinds} files"))
                for file in files:
                    yield from _from_file(file, settings, fetcher)
            elif path.exists():
                yield from _from_file(path, settings, fetcher)
            else:
                yield IngestResult.failed(source, BadInput(source, "no such file, folder or URL"))
    finally:
        fetcher.close()


def _folder_files(root: Path) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in FOLDER_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _read_file(path: Path, settings: Settings) -> bytes:
    item = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(item, f"cannot read file ({exc.strerror})") from exc
    # Checked on the size the file system reports, before reading a byte of it.
    if size > settings.max_file_bytes:
        raise BadInput(item, f"file too large ({size:,} bytes, limit {settings.max_file_bytes:,})")
    if size == 0:
        raise BadInput(item, "empty file")
    try:
        with path.open("rb") as handle:
            data = handle.read(settings.max_file_bytes + 1)
    except OSError as exc:
        raise BadInput(item, f"cannot read file ({exc.strerror})") from exc
    if len(data) > settings.max_file_bytes:
        raise BadInput(item, f"file too large (over the limit of {settings.max_file_bytes:,} bytes)")
    check_not_binary(data, item)
    return data


def _from_file(path: Path, settings: Settings, fetcher: _Fetcher) -> Iterator[IngestResult]:
    item = str(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        if not path.is_file():
            yield IngestResult.failed(item, BadInput(item, "not a regular file"))
            return
        try:
            if path.stat().st_size == 0:
                yield IngestResult.failed(item, BadInput(item, "empty file"))
                return
            for line_item, outcome in iter_jsonl(path, settings.max_file_bytes):
                if isinstance(outcome, BadInput):
                    yield IngestResult.failed(line_item, outcome)
                else:
                    yield IngestResult(source=line_item, document=outcome)
        except OSError as exc:
            yield IngestResult.failed(item, BadInput(item, f"cannot read file ({exc.strerror})"))
        return
    try:
        data = _read_file(path, settings)
        if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and looks_like_feed(data)):
            if suffix == ".xml" and not looks_like_feed(data):
                raise BadInput(item, "XML file is not an RSS or Atom feed")
            feed_items = parse_feed(data, item)
        elif suffix in HTML_SUFFIXES or (suffix != ".txt" and _HTML_HEAD.search(data[:4096])):
            yield IngestResult(item, document_from_html(data, item=item))
            return
        else:
            yield IngestResult(item, document_from_text(data, item))
            return
    except BadInput as exc:
        yield IngestResult.failed(item, exc)
        return
    yield from _from_feed(item, feed_items, fetcher)


def _from_url(url: str, settings: Settings, fetcher: _Fetcher) -> Iterator[IngestResult]:
    try:
        page = fetcher.get(url)
        if page.is_feed:
            feed_items = parse_feed(page.content, url, base_url=page.url)
        else:
            document = document_from_html(
                page.content, url=page.url, item=url, declared_charset=page.charset
            )
            document.source = url
            yield IngestResult(url, document)
            return
    except BadInput as exc:
        yield IngestResult.failed(url, exc)
        return
    yield from _from_feed(url, feed_items, fetcher)


def _from_feed(feed: str, items: list[FeedItem], fetcher: _Fetcher) -> Iterator[IngestResult]:
    if not items:
        yield IngestResult.failed(feed, BadInput(feed, "feed has no items"))
    for entry in items:
        yield _feed_item(feed, entry, fetcher)


def _feed_item(feed: str, entry: FeedItem, fetcher: _Fetcher) -> IngestResult:
    if not entry.link:
        label = f"{feed} item {entry.index}"
        title = f" ({entry.title!r})" if entry.title else ""
        return IngestResult.failed(label, BadInput(label, f"feed item{title} has no link"))
    link = entry.link
    try:
        page = fetcher.get(link)
    except BadInput as exc:
        if entry.has_content:
            exc = type(exc)(
                exc.item,
                f"{exc.cause} (the feed item carries the full text, but the article page "
                "could not be fetched)",
            )
        return IngestResult.failed(link, exc)
    try:
        document = feed_item_document(feed, entry, page)
    except BadInput as exc:
        return IngestResult.failed(link, exc)
    return IngestResult(link, document)


def feed_item_document(feed: str, entry: FeedItem, page: FetchedPage) -> Document:
    """The article of a feed item from its fetched page; raise BadInput if it is none."""
    link = entry.link or page.requested_url
    if page.is_feed:
        raise BadInput(link, "feed item links to another feed, not to an article")
    document = document_from_html(page.content, url=page.url, item=link, declared_charset=page.charset)
    # The page's own metadata wins; the feed fills what the page lacks.
    document.published = document.published or entry.published
    document.title = document.title or entry.title
    document.source = feed
    return document
