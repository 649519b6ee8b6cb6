"""ingest stage: sources (files, folders, URLs, RSS/Atom feeds, JSON Lines) to ``Document``s.

``iter_sources`` is the entry point for the CLI and the pipeline: one ``IngestResult`` per
item, a bad item giving a one-line error (``"<item>: <cause>"``) while the run goes on.
"""

from frontlines.ingest.fetch import FetchedPage, fetch
from frontlines.ingest.files import document_from_jsonl_line, document_from_text
from frontlines.ingest.html import document_from_html
from frontlines.ingest.sources import IngestResult, iter_sources

__all__ = [
    "FetchedPage",
    "IngestResult",
    "document_from_html",
    "document_from_jsonl_line",
    "document_from_text",
    "fetch",
    "iter_sources",
]
