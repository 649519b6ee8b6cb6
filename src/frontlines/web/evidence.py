"""The evidence sentence of a report shown inside a few sentences of its document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontlines.records import Evidence

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) and whitespace,
# or at a blank line. Good enough to pick context; the evidence span itself comes from extraction.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]\u201d\u2019]?\s+|\n\s*\n")
_MAX_SIDE = 600  # characters of context on each side at most


@dataclass(frozen=True)
class Snippet:
    before: str
    mark: str
    after: str
    cut_before: bool  # the document goes on before ``before``
    cut_after: bool
    located: bool  # the span was found in the document text (else only the evidence text)


def _locate(text: str, ev: Evidence) -> tuple[int, int] | None:
    if 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.text:
        return ev.start, ev.end
    # Offsets can drift if the text was re-cleaned; fall back to the nearest copy of the sentence.
    if ev.text:
        hits = [m.start() for m in re.finditer(re.escape(ev.text), text)]
        if hits:
            best = min(hits, key=lambda h: abs(h - ev.start))
            return best, best + len(ev.text)
    return None


def evidence_snippet(text: str | None, ev: Evidence, sentences: int = 2) -> Snippet:
    """``sentences`` sentences either side of the evidence span, the span itself separate."""
    located = _locate(text or "", ev) if text else None
    if located is None:
        return Snippet("", ev.text, "", False, False, False)
    assert text is not None
    start, end = located
    # Highlight the words, not the spaces a span may carry at its edges.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    bounds = [m.end() for m in _BOUNDARY.finditer(text)]
    before_starts = [b for b in bounds if b <= start]
    ctx_start = before_starts[-(sentences + 1)] if len(before_starts) > sentences else 0
    after_ends = [m.start() for m in _BOUNDARY.finditer(text, end)]
    ctx_end = after_ends[sentences] if len(after_ends) > sentences else len(text)
    ctx_start = max(ctx_start, start - _MAX_SIDE)
    ctx_end = min(ctx_end, end + _MAX_SIDE)
    # The evidence span may itself start mid-sentence; the "before" part ends where it starts.
    return Snippet(
        before=text[ctx_start:start],
        mark=text[start:end],
        after=text[end:ctx_end],
        cut_before=ctx_start > 0,
        cut_after=ctx_end < len(text),
        located=True,
    )
