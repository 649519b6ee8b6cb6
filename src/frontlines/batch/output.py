"""The output folder of a batch run: Parquet partitions, written so a crash never leaves a
partition that looks finished but is not.

Layout (one file per partition in each table folder, same name)::

    OUT/documents/part-<id>.parquet   one row per document
    OUT/reports/part-<id>.parquet     one row per report (``record`` holds Report.to_dict JSON)
    OUT/errors/part-<id>.parquet      one row per item that failed (item, error)
    OUT/_done/part-<id>.json          the marker: written last, only when all three are in place

Every file is written to a temporary name in its folder and renamed into place (atomic on POSIX),
so readers see a whole file or none; a partition counts as finished only when its marker exists.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from frontlines.errors import BadInput
from frontlines.records import Document, Report

TABLES = ("documents", "reports", "errors")
DONE = "_done"

DOCUMENTS = pa.schema(
    [
        ("id", pa.string()),
        ("text", pa.large_string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("author", pa.string()),
        ("published", pa.timestamp("us", tz="UTC")),
        ("language", pa.string()),
        ("source", pa.string()),
    ]
)
REPORTS = pa.schema(
    [
        ("id", pa.string()),
        ("doc_id", pa.string()),
        ("seq", pa.int32()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("modality", pa.string()),
        ("date", pa.date32()),
        ("country_code", pa.string()),
        ("confidence", pa.float64()),
        ("record", pa.large_string()),  # Report.to_dict() as JSON: the lossless form
    ]
)
ERRORS = pa.schema([("item", pa.string()), ("error", pa.string())])


@dataclass
class PartitionOutput:
    """What one partition produced."""

    documents: list[Document]
    reports: dict[str, list[Report]]  # by document id, in salience order
    errors: list[tuple[str, str]]  # (item, error)


def _atomic_write(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_done(out_dir: Path, part_id: str) -> bool:
    return (out_dir / DONE / f"{part_id}.json").is_file()


def write_partition(out_dir: Path, part_id: str, result: PartitionOutput, info: dict[str, Any]) -> None:
    """Write the three tables, then the marker (with ``info`` and the row counts) last."""
    docs = pa.Table.from_pylist(
        [{**d.to_dict(), "published": d.published} for d in result.documents], schema=DOCUMENTS
    )
    rows = []
    for doc_id, reports in result.reports.items():
        for seq, r in enumerate(reports):
            loc = r.location
            rows.append(
                {
                    "id": r.id,
                    "doc_id": doc_id,
                    "seq": seq,
                    "event_type": r.event_type,
                    "sub_event_type": r.sub_event_type,
                    "modality": r.modality,
                    "date": r.date,
                    "country_code": loc.place.country_code if loc else None,
                    "confidence": r.confidence,
                    "record": json.dumps(r.to_dict(), ensure_ascii=False),
                }
            )
    reports = pa.Table.from_pylist(rows, schema=REPORTS)
    errors = pa.Table.from_pylist([{"item": i, "error": e} for i, e in result.errors], schema=ERRORS)
    for name, table in zip(TABLES, (docs, reports, errors)):
        _atomic_write(out_dir / name / f"{part_id}.parquet", lambda h, t=table: pq.write_table(t, h))
    marker = {
        **info,
        "documents": docs.num_rows,
        "reports": reports.num_rows,
        "errors": errors.num_rows,
        "finished": datetime.now(UTC).isoformat(),
    }
    _atomic_write(
        out_dir / DONE / f"{part_id}.json",
        lambda h: h.write(json.dumps(marker, indent=1).encode()),
    )


def finished_partitions(out_dir: Path) -> list[str]:
    """Ids of the finished partitions, sorted (the order ``load`` uses)."""
    done = out_dir / DONE
    if not done.is_dir():
        raise BadInput(str(out_dir), "not a batch output folder (no _done/ markers)")
    return sorted(p.stem for p in done.glob("part-*.json"))


def read_partition(out_dir: Path, part_id: str) -> PartitionOutput:
    """A finished partition's documents (in order) and their reports."""
    try:
        docs_table = pq.read_table(out_dir / "documents" / f"{part_id}.parquet")
        rep_table = pq.read_table(out_dir / "reports" / f"{part_id}.parquet", columns=["doc_id", "record"])
        err_table = pq.read_table(out_dir / "errors" / f"{part_id}.parquet")
    except (OSError, pa.ArrowException) as exc:
        raise BadInput(f"{out_dir}/{part_id}", f"partition unreadable ({exc})") from exc
    documents = [Document.from_dict(row) for row in docs_table.to_pylist()]
    reports: dict[str, list[Report]] = {d.id: [] for d in documents}
    for row in rep_table.to_pylist():
        reports.setdefault(row["doc_id"], []).append(Report.from_dict(json.loads(row["record"])))
    errors = [(r["item"], r["error"]) for r in err_table.to_pylist()]
    return PartitionOutput(documents, reports, errors)


def iter_errors(out_dir: Path) -> Iterator[tuple[str, str]]:
    for part_id in finished_partitions(out_dir):
        path = out_dir / "errors" / f"{part_id}.parquet"
        for row in pq.read_table(path).to_pylist():
            yield row["item"], row["error"]
