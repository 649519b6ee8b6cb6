"""Local files that are not HTML: plain text and JSON Lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from frontlines.errors import BadInput
from frontlines.ingest.decode import decode_bytes
from frontlines.records import Document

_MAX_TITLE_CHARS = 200
_JSONL_STRING_FIELDS = ("url", "outlet", "title", "author", "language")


_HEADER_KEYS = {"title": "title", "outlet": "outlet", "published": "published", "date": "published",
                "url": "url", "author": "author"}
_HEADER_LINE = re.compile(r"^([A-Za-z]+):[ \t]*(.*)$")


def _text_headers(lines: list[str], item: str) -> tuple[dict[str, str], list[str]]:
    """Email-style headers at the top of a text file (``Outlet: ...``), ended by a blank line."""
    meta: dict[str, str] = {}
    for n, line in enumerate(lines):
        if not line.strip():
            return (meta, lines[n + 1:]) if meta else ({}, lines)
        match = _HEADER_LINE.match(line)
        if not match or match[1].lower() not in _HEADER_KEYS:
            return {}, lines
        meta[_HEADER_KEYS[match[1].lower()]] = match[2].strip()
    return {}, lines


def document_from_text(data: bytes, item: str) -> Document:
    """A plain-text article.

    Conventions: the file may start with email-style headers, one per line, ended by a blank
    line: ``Title:``, ``Outlet:``, ``Published:`` (YYYY-MM-DD), ``URL:``, ``Author:``. Without
    headers, when the first line is short (at most 200 characters) and followed by a blank line,
    it is the title and the text starts after the blank line; otherwise the whole file is the
    text and there is no title.
    """
    text = decode_bytes(data, item).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise BadInput(item, "empty file (only white space)")
    meta, lines = _text_headers(text.split("\n"), item)
    if meta:
        text = "\n".join(lines).strip()
        if not text:
            raise BadInput(item, "headers but no text after them")
        try:
            return Document.from_text(text, source=item, **meta)
        except (ValueError, OverflowError):  # overflow: year 1 or 9999 shifted by a time zone
            raise BadInput(item, f"bad Published header {meta.get('published')!r} (expected YYYY-MM-DD)") from None
    title = None
    if len(lines) >= 3 and not lines[1].strip() and len(lines[0].strip()) <= _MAX_TITLE_CHARS:
        body = "\n".join(lines[2:]).strip()
        if body:
            title, text = lines[0].strip(), body
    return Document.from_text(text, title=title, source=item)


def document_from_jsonl_line(raw: bytes, item: str) -> Document:
    """One JSON Lines document (the annotate input shape) to a Document; BadInput names the cause."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(item, f"not UTF-8 ({exc.reason} at byte {exc.start + 1})") from exc
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")  # some json messages end in "at", before a position
        raise BadInput(item, f"not valid JSON ({reason}, column {exc.colno})") from exc
    except (RecursionError, ValueError) as exc:  # nested too deeply; a number of over 4300 digits
        raise BadInput(item, f"not usable JSON ({type(exc).__name__}: {str(exc)[:100]})") from None
    if not isinstance(obj, dict):
        raise BadInput(item, f"not a JSON object (got {type(obj).__name__})")
    try:
        # "\ud800" is valid JSON but decodes to a lone surrogate, which is not text.
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInput(item, f"not valid Unicode (a lone surrogate \\u{ord(exc.object[exc.start]):04x})") from None
    text = obj.get("text")
    if not isinstance(text, str):
        raise BadInput(item, 'no "text" string')
    if not text.strip():
        raise BadInput(item, '"text" is empty')
    meta: dict[str, Any] = {"source": item}
    for key in _JSONL_STRING_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise BadInput(item, f'"{key}" must be a string')
        if value:
            meta[key] = value
    try:
        return Document.from_text(text, published=obj.get("published"), **meta)
    except (TypeError, ValueError, OverflowError) as exc:
        raise BadInput(item, f'bad "published" date {obj.get("published")!r}') from exc


def iter_jsonl(path: Path, max_line_bytes: int) -> Iterator[tuple[str, Document | BadInput]]:
    """(item name, Document or the error) for each non-blank line of a JSON Lines file.

    The file is streamed, so its total size is not limited; one line may not exceed
    ``max_line_bytes`` (the per-file limit of the settings).
    """
    with path.open("rb") as handle:
        lineno = 0
        while True:
            raw = handle.readline(max_line_bytes + 1)
            if not raw:
                return
            lineno += 1
            item = f"{path} line {lineno}"
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield item, BadInput(item, f"line longer than the limit of {max_line_bytes:,} bytes")
                continue
            if not raw.strip():
                continue
            try:
                yield item, document_from_jsonl_line(raw, item)
            except BadInput as exc:
                yield item, exc
