"""``load_output``: a batch output folder into the store, idempotently, one transaction per
partition, then one ``fuse``.

Documents already stored (same id: same normalised text) are skipped with their reports, so
loading the same folder twice, or again after a crash, stores every document once; a partition
is written whole or not at all (``Store.add_documents_with_reports``), so a document is never
stored with only part of its reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from frontlines.batch.output import finished_partitions, read_partition
from frontlines.errors import BadInput


@dataclass
class LoadSummary:
    partitions: int = 0
    new_documents: int = 0
    already_stored: int = 0
    item_errors: int = 0  # error rows of the batch run, carried in the partitions
    failed: list[str] = field(default_factory=list)  # partitions that could not be read
    events: int | None = None


def load_output(
    out_dir: Path,
    store,  # frontlines.store.Store; not imported here to keep this module light
    *,
    fuse: bool = True,
    on_partition: Callable[[str, str | None], None] | None = None,
) -> LoadSummary:
    """Load every finished partition of ``out_dir`` (in id order), then fuse once."""
    summary = LoadSummary()
    for part_id in finished_partitions(out_dir):
        summary.partitions += 1
        error = None
        try:
            part = read_partition(out_dir, part_id)
        except BadInput as exc:
            error = str(exc)
            summary.failed.append(error)
        else:
            new, old = store.add_documents_with_reports(
                [(d, part.reports.get(d.id, [])) for d in part.documents]
            )
            summary.new_documents += new
            summary.already_stored += old
            summary.item_errors += len(part.errors)
        if on_partition is not None:
            on_partition(part_id, error)
    if fuse:
        summary.events = store.fuse()
    return summary
