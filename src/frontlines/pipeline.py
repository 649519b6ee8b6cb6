"""The main job: sources -> ingest -> extract -> store -> fuse. The CLI and the demo call this."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from frontlines.settings import Settings


@dataclass
class RunSummary:
    items: int = 0
    new_documents: int = 0
    duplicates: int = 0
    reports: int = 0
    events: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def sample_corpus_dir() -> Path:
    """The bundled sample corpus (written by this project; see data/sample/README.md)."""
    return Path(str(resources.files("frontlines") / "data" / "sample"))


def sample_sources() -> list[str]:
    """The demo's input: the sample pages, plain-text reports and JSONL wire copy."""
    root = sample_corpus_dir()
    return [str(p) for p in (root / "pages", root / "text", root / "wire.jsonl") if p.exists()]


def load_outlets_file(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(data.get("outlets") or [])


@dataclass
class StoredItem:
    new: bool  # False: the store had it already (from an earlier run or another writer)
    reports: int = 0
    error: str | None = None  # extraction failed; the document is stored without reports


def store_document(doc, store, *, extract: bool = True) -> StoredItem:
    """Extract a document not yet stored and store it with its reports in one transaction.

    A crash or a kill leaves the document with all its reports or not at all; a document
    already stored is neither extracted nor written again.
    """
    if store.has_document(doc.id):
        return StoredItem(new=False)
    reports: list = []
    error = None
    if extract:
        try:
            from frontlines.extract import extract_reports

            reports = extract_reports(doc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            error = f"extraction failed: {exc}"
    stored, _ = store.add_documents_with_reports([(doc, reports)])
    return StoredItem(new=bool(stored), reports=len(reports) if stored else 0, error=error)


def ingest_sources(
    sources: Iterable[str],
    store,  # frontlines.store.Store; not imported here to keep this module light
    settings: Settings,
    *,
    extract: bool = True,
    on_item: Callable[[str, str | None], None] | None = None,
) -> RunSummary:
    """Ingest every source into the store; extract and fuse new documents unless ``extract`` is off.

    Each document is stored together with its reports in one transaction (``store_document``),
    so a failure or a kill on one item loses nothing stored before it and leaves no document
    without its reports. ``on_item(source, error)`` is called after every item.
    """
    from frontlines.ingest import iter_sources

    summary = RunSummary()
    for result in iter_sources(list(sources), settings):
        summary.items += 1
        if result.error or result.document is None:
            summary.errors.append(result.error or f"{result.source}: no document")
        else:
            stored = store_document(result.document, store, extract=extract)
            if stored.error:
                summary.errors.append(f"{result.source}: {stored.error}")
            if stored.new:
                summary.new_documents += 1
                summary.reports += stored.reports
            else:
                summary.duplicates += 1
        if on_item is not None:
            on_item(result.source, result.error)
    if extract and summary.new_documents:
        summary.events = store.fuse()
    return summary


def build_demo(store, settings: Settings, on_item=None) -> RunSummary | None:
    """Fill an empty store with the bundled sample corpus; a store that has documents is reused."""
    outlets = sample_corpus_dir() / "outlets.yaml"
    if outlets.exists():
        store.upsert_outlets(load_outlets_file(outlets))
    if store.count_documents() > 0:
        return None
    return ingest_sources(sample_sources(), store, settings, on_item=on_item)
