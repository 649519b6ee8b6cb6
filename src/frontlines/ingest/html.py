"""One HTML page to one ``Document``: main text and metadata through trafilatura and htmldate."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from frontlines.errors import BadInput
from frontlines.ingest.decode import decode_bytes
from frontlines.records import Document, document_id, normalise_text

# Phrases that are page furniture, never article prose. A line is dropped only when every
# part of it (split on menu separators) is one of these, so a sentence that merely contains
# "share" or "print" stays.
_FURNITURE = re.compile(
    r"""^(?:
        (?:printer[\s-]*friendly|print)(?:\s+(?:this|the))?(?:\s+(?:version|page|article|story|edition))?
      | (?:e-?mail|send)(?:\s+(?:this|to\s+a\s+friend))?(?:\s+(?:article|story|page|link))?
      | share(?:\s+(?:this|the))?(?:\s+(?:article|story|page|post|link))?(?:\s+(?:on|via|with)\s+[\w .+]{1,30})?
      | (?:tweet|pin\s+it|whatsapp|facebook|twitter|linkedin|reddit|telegram|x)
      | (?:follow|like)\s+us(?:\s+on\s+[\w .,+]{1,40})?
      | (?:sign\s+up|subscribe)(?:\s+(?:to|for))?(?:\s+our)?(?:\s+\w+){0,3}
      | advertisement|ad|sponsored(?:\s+content)?
      | skip\s+to(?:\s+main)?\s+(?:content|navigation)
      | (?:read|see)\s+(?:more|also|next)
      | related(?:\s+(?:articles|stories|news|content|topics))?
      | comments?(?:\s+\(\d+\))?|\d+\s+comments?
      | (?:back\s+to\s+)?top|home|menu|search|log\s*in|sign\s+in|register|close
      | font\s+size|text\s+size|a\s*[+-]?\s*a
      | copy\s+link|link\s+copied
    )[\s:.!>»]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b).{0,150}$|all\s+rights\s+reserved", re.IGNORECASE
)
_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_HTML_LANG = re.compile(r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)
_MIN_WORDS = 12
# Structured date markers only (meta tags, <time>, JSON-LD, the URL); see the fallback below.
_STRICT_DATE = {"original_date": True, "extensive_search": False}
_MIN_SENTENCE_WORDS = 8
_MIN_CHARS = 60
_HOST_PREFIXES = ("www.", "www1.", "www2.", "m.", "mobile.", "amp.", "edition.")


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped) <= 200 and _COPYRIGHT.search(stripped):
        return True
    parts = [p for p in _SEPARATORS.split(stripped) if p]
    if not parts:
        return True  # a line of separators only
    if all(_FURNITURE.match(p) for p in parts):
        return True
    # A menu: several short labels in a row, no sentence punctuation and no digits (a table
    # row rendered by trafilatura also uses "|" but nearly always carries numbers).
    return (
        len(parts) >= 4
        and all(len(p.split()) <= 3 for p in parts)
        and not re.search(r"[.!?]\s*$|\d", stripped)
    )


def _looks_like_prose(body: str) -> bool:
    """At least one sentence-length line: trafilatura's fallbacks return menus on empty pages."""
    # Characters count too: Chinese or Japanese prose has no spaces between words.
    if len(body.split()) < _MIN_WORDS and len(body) < _MIN_CHARS:
        return False
    return any(
        len(line.split()) >= _MIN_SENTENCE_WORDS or len(line) >= _MIN_CHARS
        for line in body.splitlines()
    )


def clean_text(text: str, title: str | None = None) -> str:
    """Drop furniture lines trafilatura let through and a first line repeating the title."""
    lines = [line.strip() for line in text.splitlines()]
    kept = [line for line in lines if line and not _is_furniture(line)]
    if kept and title and normalise_text(kept[0]) == normalise_text(title):
        kept = kept[1:]
    return "\n".join(kept)


def outlet_from_url(url: str | None) -> str | None:
    """A readable outlet name from a URL's host: ``https://www.example.com/x`` -> ``example.com``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    return host or None


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        day = datetime.strptime(value[:10], "%Y-%m-%d")
    except ValueError:
        return None
    return day.replace(tzinfo=UTC)


def document_from_html(
    html: str | bytes,
    url: str | None = None,
    outlet: str | None = None,
    *,
    item: str | None = None,
    declared_charset: str | None = None,
) -> Document:
    """Extract the article of one page.

    ``item`` names the page in error messages (defaults to the URL); ``declared_charset``
    is the charset the server sent in its Content-Type header, if any.
    Raises BadInput when the page is binary, undecodable, empty, or holds no article.
    """
    import trafilatura  # lazy: heavy import, needed only when HTML is actually read

    name = item or url or "HTML page"
    text = decode_bytes(html, name, declared_charset) if isinstance(html, bytes) else html
    if not text.strip():
        raise BadInput(name, "empty page")
    try:
        extracted = trafilatura.bare_extraction(
            text,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            fast=True,
            date_extraction_params=_STRICT_DATE,
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on hostile markup
        raise BadInput(name, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    if extracted is None or not (extracted.text or "").strip():
        raise BadInput(name, "no article text found in the page")
    title = (extracted.title or "").strip() or None
    body = clean_text(extracted.text, title)
    if not _looks_like_prose(body):
        raise BadInput(name, "no article text found in the page (only navigation and links)")

    published = _published(extracted.date)
    # htmldate downloads its argument when it looks like a URL: only ever hand it markup.
    if published is None and "<" in text:
        from htmldate import find_date  # lazy, as above

        try:
            found = find_date(text, url=url, original_date=True, extensive_search=True)
        except Exception:  # noqa: BLE001 - a missing date is no reason to drop the article
            found = None
        # The extensive search falls back on bare years ("© 2023" gives 2023-01-01); a wrong
        # date is worse than none, so a 1 January found only that way is not trusted.
        if found and not found.endswith("-01-01"):
            published = _published(found)
    canonical = extracted.url if extracted.url and extracted.url.startswith("http") else None
    sitename = (extracted.sitename or "").strip().lstrip("@") or None
    if sitename and " " not in sitename and "." in sitename:
        # trafilatura falls back on the raw host name ("www.x.org:8080"); tidy it like ours.
        sitename = outlet_from_url(f"http://{sitename}")
    lang = _HTML_LANG.search(text[:5000])
    return Document(
        id=document_id(body),
        text=body,
        url=url or canonical,
        outlet=outlet or sitename or outlet_from_url(url) or outlet_from_url(canonical),
        title=title,
        author=(extracted.author or "").strip() or None,
        published=published,
        language=lang.group(1).lower() if lang else "en",
        source=item or url,
    )
