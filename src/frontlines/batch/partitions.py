"""Splitting the input of a batch run into deterministic partitions, and reading one back.

A partition names its items by position (a JSONL byte range, a list of WARC record offsets, a
list of files), never by content read on the driver, so planning is a quick scan and the same
input always gives the same partitions with the same ids: that is what makes a re-run skip
the partitions it finished before. Reading a partition's items calls the ingest stage's own
functions; nothing here parses an article.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from warcio.exceptions import ArchiveLoadFailed

from frontlines.errors import BadInput
from frontlines.ingest import (
    IngestResult,
    document_from_html,
    document_from_jsonl_line,
    iter_sources,
)
from frontlines.settings import Settings

Kind = Literal["jsonl", "files", "warc"]

FILE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".txt"})
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")


@dataclass(frozen=True)
class Partition:
    """One unit of work: items of one input file (or a list of small files)."""

    kind: Kind
    path: str  # the JSONL or WARC file; for "files", the folder or file they were listed from
    first: int  # number of the first item in its source (line number, record number, file number)
    offsets: tuple[int, ...] = ()  # jsonl: (start byte, end byte); warc: each record's offset
    files: tuple[str, ...] = ()
    # What the partition weighs, for ordering the work (not part of its id): the items it holds
    # and the bytes of input they span.
    items: int = 0
    size: int = 0

    @property
    def id(self) -> str:
        """Stable id: a hash of what the partition covers (same input, same ids)."""
        key = json.dumps([self.kind, self.path, self.first, self.offsets, self.files])
        return "part-" + hashlib.sha256(key.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **asdict(self)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Partition:
        return cls(d["kind"], d["path"], d["first"], tuple(d.get("offsets", ())), tuple(d.get("files", ())),
                   d.get("items", 0), d.get("size", 0))

    @property
    def weight(self) -> tuple[int, int]:
        """Heavier partitions take longer: more items first, then more bytes."""
        return (self.items, self.size)


@dataclass
class Plan:
    partitions: list[Partition] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # inputs that could not be planned at all


def plan_partitions(inputs: list[str], partition_size: int) -> Plan:
    """The partitions of every input, in input order. An input is a ``.jsonl`` file, a WARC file
    (``.warc``, ``.warc.gz``), an HTML or text file, or a folder of any of these (read
    recursively in sorted order, hidden files skipped)."""
    if partition_size < 1:
        raise BadInput("partition size", f"must be 1 or more, got {partition_size}")
    plan = Plan()
    for source in inputs:
        path = Path(source).absolute()  # workers may run elsewhere, with another cwd
        if path.is_dir():
            listed = sorted(
                (p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            small = [p for p in listed if p.suffix.lower() in FILE_SUFFIXES]
            if not small and not any(_is_jsonl(p) or _is_warc(p) for p in listed):
                plan.errors.append(f"{source}: folder has no .jsonl, WARC, HTML or text files")
            plan.partitions.extend(_file_partitions(str(path), small, partition_size))
            for p in listed:
                _plan_file(p, partition_size, plan)
        elif path.is_file():
            if _is_jsonl(path) or _is_warc(path):
                _plan_file(path, partition_size, plan)
            else:
                plan.partitions.extend(_file_partitions(str(path), [path], partition_size))
        else:
            plan.errors.append(f"{source}: no such file or folder")
    return plan


def work_order(partitions: list[Partition]) -> list[Partition]:
    """Heaviest first, input order among equals: the run ends on the light partitions, so no
    worker is left waiting for one that started a long partition late (longest processing time
    first). Weight is a guess made before reading (items, then bytes), not a measurement."""
    return sorted(partitions, key=lambda p: p.weight, reverse=True)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _is_jsonl(path: Path) -> bool:
    return path.suffix.lower() == ".jsonl"


def _is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _plan_file(path: Path, size: int, plan: Plan) -> None:
    try:
        if _is_jsonl(path):
            plan.partitions.extend(_jsonl_partitions(path, size))
        elif _is_warc(path):
            plan.partitions.extend(_warc_partitions(path, size))
    except (OSError, ValueError, ArchiveLoadFailed) as exc:  # a file that is not a readable archive
        plan.errors.append(f"{path}: cannot read ({exc})")


def _file_partitions(root: str, files: list[Path], size: int) -> Iterator[Partition]:
    for i in range(0, len(files), size):
        chunk = files[i : i + size]
        yield Partition("files", root, i + 1, files=tuple(str(p) for p in chunk), items=len(chunk),
                        size=sum(_bytes(p) for p in chunk))


def _bytes(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone since it was listed: reading it will say so
        return 0


def _jsonl_partitions(path: Path, size: int) -> Iterator[Partition]:
    """Byte ranges holding ``size`` non-blank lines each; the scan counts lines, parses none."""
    start = pos = 0
    first = line_no = 1
    in_part = 0
    with path.open("rb") as handle:
        for raw in handle:
            line_no += 1
            pos += len(raw)
            if raw.strip():
                in_part += 1
            if in_part == size:
                yield Partition("jsonl", str(path), first, offsets=(start, pos), items=in_part, size=pos - start)
                start, first, in_part = pos, line_no, 0
    if in_part:
        yield Partition("jsonl", str(path), first, offsets=(start, pos), items=in_part, size=pos - start)


def _warc_partitions(path: Path, size: int) -> list[Partition]:
    """Offsets of the WARC's HTML responses, ``size`` to a partition (payloads are not read).
    A partition's bytes run from its first record to the next partition's (or the file's end)."""
    from warcio.archiveiterator import ArchiveIterator

    groups: list[tuple[int, list[int]]] = []
    offsets: list[int] = []
    first = number = 1
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            if _is_html_response(record):
                offsets.append(records.get_record_offset())
                if len(offsets) == size:
                    groups.append((first, offsets))
                    offsets, first = [], number + 1
                number += 1
    if offsets:
        groups.append((first, offsets))
    ends = [o[0] for _, o in groups[1:]] + [path.stat().st_size]
    return [Partition("warc", str(path), first, offsets=tuple(o), items=len(o), size=end - o[0])
            for (first, o), end in zip(groups, ends, strict=True)]


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return "html" in ctype


def read_items(part: Partition, settings: Settings) -> Iterator[IngestResult]:
    """The partition's items as ingest results (a document, or a one-line error per item)."""
    if part.kind == "jsonl":
        yield from _read_jsonl(part, settings)
    elif part.kind == "warc":
        yield from _read_warc(part, settings)
    else:
        yield from iter_sources(list(part.files), settings)


def _read_jsonl(part: Partition, settings: Settings) -> Iterator[IngestResult]:
    start, end = part.offsets
    line_no = part.first
    with open(part.path, "rb") as handle:
        handle.seek(start)
        pos = start
        while pos < end:
            raw = handle.readline(settings.max_file_bytes + 1)
            if not raw:
                return
            pos += len(raw)
            item = f"{part.path} line {line_no}"
            if len(raw) > settings.max_file_bytes and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pos += len(rest)
                pos += len(rest)
                yield IngestResult.failed(item, BadInput(item, "line longer than the file limit"))
            elif raw.strip():
                try:
                    yield IngestResult(item, document_from_jsonl_line(raw, item))
                except BadInput as exc:
                    yield IngestResult.failed(item, exc)
            line_no += 1


def _read_warc(part: Partition, settings: Settings) -> Iterator[IngestResult]:
    from warcio.archiveiterator import ArchiveIterator

    with open(part.path, "rb") as handle:
        for number, offset in enumerate(part.offsets, start=part.first):
            item = f"{part.path} record {number} (offset {offset})"
            try:
                handle.seek(offset)
                record = next(iter(ArchiveIterator(handle)))
                url = record.rec_headers.get_header("WARC-Target-URI")
                ctype = record.http_headers.get_header("Content-Type") or ""
                charset = None
                if "charset=" in ctype.lower():
                    charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
                payload = record.content_stream().read(settings.max_file_bytes + 1)
                if len(payload) > settings.max_file_bytes:
                    raise BadInput(item, f"page larger than {settings.max_file_bytes:,} bytes")
                doc = document_from_html(payload, url=url, item=item, declared_charset=charset or None)
                doc.source = part.path
                yield IngestResult(url or item, doc)
            except BadInput as exc:
                yield IngestResult.failed(item, exc)
            except Exception as exc:  # noqa: BLE001 - a damaged record must not end the partition
                yield IngestResult.failed(item, BadInput(item, f"unreadable WARC record ({exc})"))
