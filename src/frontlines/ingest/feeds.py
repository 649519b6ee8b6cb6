"""RSS and Atom feeds: the items' links, titles, dates, and whether they carry full content."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from frontlines.errors import BadInput

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """True when the document's root element is an RSS, Atom or RDF feed."""
    head = data[:4096]
    match = _FEED_ROOT.search(head)
    return bool(match) and b"<html" not in head[: match.start()].lower()


@dataclass
class FeedItem:
    index: int  # 1-based position in the feed, for error messages
    link: str | None
    title: str | None
    published: datetime | None
    has_content: bool  # the item carries (what looks like) the full article


def _when(entry: dict) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (ValueError, OverflowError):  # "9999-12-31T23:59:59-05:00" is in year 10000 in UTC (fuzzing)
        return None


def parse_feed(data: bytes, item: str, base_url: str | None = None) -> list[FeedItem]:
    """The items of an RSS/Atom feed; raise BadInput if ``data`` is not a feed."""
    import feedparser  # lazy: only feeds need it

    # Always bytes: given a str, feedparser would treat it as a URL or file name and open it.
    headers = {"content-location": base_url} if base_url else {}
    try:
        parsed = feedparser.parse(bytes(data), response_headers=headers)
    except Exception as exc:  # e.g. UnicodeError for encoding="undefined" (found by fuzzing)
        raise BadInput(item, f"feed could not be parsed ({type(exc).__name__}: {exc})") from exc
    if not parsed.get("version") and not parsed.entries:
        cause = parsed.get("bozo_exception")
        detail = f" ({cause})" if cause else ""
        raise BadInput(item, f"not an RSS or Atom feed{detail}")
    items: list[FeedItem] = []
    for index, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        if link and base_url:
            try:
                link = urljoin(base_url, link)
            except ValueError:  # "http://[::1" (found by fuzzing): no URL, so nothing to fetch
                link = None
        content = entry.get("content") or []
        # "or": feedparser can hand back None for a value (an unclosed comment in a title; fuzzing)
        body = " ".join(c.get("value") or "" for c in content) or entry.get("summary") or ""
        items.append(
            FeedItem(
                index=index,
                link=link,
                title=(entry.get("title") or "").strip() or None,
                published=_when(entry),
                # A summary of a sentence or two is a teaser; several hundred characters of
                # content means the publisher put the article itself in the feed.
                has_content=bool(content) or len(body) > 500,
            )
        )
    return items
