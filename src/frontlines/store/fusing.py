"""Which stored reports ``Store.fuse`` reads: all of them, or only the part of the store the
writes since the last fuse can touch.

Events are grown greedily in the canonical order of reports (publication time first, see
``frontlines.fuse``), and two reports can fuse only when they have one event type and days
within the larger of their date windows (two days for a day-precise date, up to a month for a
month-precise one). So after a write:

- every cluster stands as it was up to the earliest changed document's publication time (or,
  without one, the time the store took it in: ``start``); every report from there on
  (``pending``) is placed again;
- a pending report can only join an event whose every report it could fuse with
  (``frontlines.fuse.touching``: found among the reports of its type whose days are within
  reach, off an index); those events are loaded, and the state they had at ``start`` is taken from
  their reports;
- denials are placed after every claim: those that could attach to a loaded claim are placed
  again, with every event they could attach to;
- a denial that attaches to nothing joins other such denials greedily, in canonical order: where
  such a group comes out changed, the lone denials that could have joined it are placed again
  too, until no group changes beyond what is loaded (or ``MAX_ROUNDS`` rounds, after which the
  whole store is rebuilt).

``frontlines.fuse.refuse`` then gives exactly the events a full rebuild would give for that part,
and the store replaces the loaded events with them. Tests check this against full rebuilds on
random stores written in random order, and on the chains of denials that need each rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from frontlines.fuse import (
    DAY_WINDOW,
    PUBLISHED_WINDOW,
    DocMeta,
    document_key,
    refuse,
    report_day,
    touching,
)
from frontlines.records import Event, Report
from frontlines.store import convert
from frontlines.store.convert import chunks, url_host
from frontlines.store.models import DocumentRow, EventReportRow, EventRow, OutletRow, ReportRow

MAX_ROUNDS = 20  # rounds of the denial closure before a full rebuild is cheaper to be sure of
DENIED = "denied"

Pair = tuple[Report, DocMeta]


def _report_select() -> Select:
    """Reports with what fusion needs of their document (see ``_pair``): plain rows, not ORM
    objects, which cost twice as much to read."""
    return (
        select(*ReportRow.__table__.columns, DocumentRow.published.label("doc_published"),
               DocumentRow.outlet.label("doc_outlet"), DocumentRow.outlet_slug.label("doc_outlet_slug"),
               DocumentRow.url.label("doc_url"), DocumentRow.ingested_at.label("doc_seen"),
               OutletRow.name.label("registered_name"))
        .join(DocumentRow, DocumentRow.id == ReportRow.doc_id)
        .outerjoin(OutletRow, OutletRow.slug == DocumentRow.outlet_slug)
    )


def _pair(row: Any) -> tuple[Pair, str | None]:
    """A row of ``_report_select`` as (report, document metadata), and the document's outlet slug."""
    name = row.registered_name or row.doc_outlet or url_host(row.doc_url)
    return (convert.row_report(row), DocMeta(row.doc_id, name, row.doc_published, row.doc_url, row.doc_seen)), \
        row.doc_outlet_slug


def load_reports(s: Session, condition: ColumnElement[bool] | None = None) -> tuple[list[Pair], dict[str, str | None]]:
    """Stored reports with their document's metadata, ordered by document and position: all of
    them, or those matching ``condition`` (on reports and documents). Returns the pairs and each
    document's outlet slug."""
    q = _report_select()
    pairs: list[Pair] = []
    doc_slugs: dict[str, str | None] = {}
    for row in s.execute((q if condition is None else q.where(condition)).order_by(ReportRow.doc_id, ReportRow.seq)):
        pair, doc_slugs[row.doc_id] = _pair(row)
        pairs.append(pair)
    return pairs, doc_slugs


def _since(start: tuple) -> ColumnElement[bool]:
    """Documents that sort at or after ``start`` (a ``document_key`` prefix) in the canonical
    order: published at or after it, or with no publication time and taken in at or after it."""
    at = start[1]
    return or_(DocumentRow.published >= at, and_(DocumentRow.published.is_(None), DocumentRow.ingested_at >= at))


def _day_ranges(reaches: Iterable[tuple[date, int]]) -> list[tuple[date, date]]:
    """Merged [day - reach, day + reach] spans."""
    spans: list[tuple[date, date]] = []
    for lo, hi in sorted({(day - timedelta(days=r), day + timedelta(days=r)) for day, r in reaches}):
        if spans and lo <= spans[-1][1] + timedelta(days=1):
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


def _points(pairs: Iterable[Pair]) -> dict[str, set[tuple[date | None, int]]]:
    """The (day, window) every report is compared by, per event type."""
    points: dict[str, set[tuple[date | None, int]]] = defaultdict(set)
    for report, meta in pairs:
        points[report.event_type].add(report_day(report, meta))
    return points


# The date windows of stored reports, by time precision (see frontlines.fuse.DAY_WINDOW): a
# probe looks as far as the larger of its window and theirs, so day-precise reports (most of
# them) are looked for two days around, not a month.
_PRECISION_WINDOWS: tuple[tuple[int, ColumnElement[bool]], ...] = (
    (DAY_WINDOW[1], or_(ReportRow.time_precision.is_(None), ReportRow.time_precision.notin_([2, 3]))),
    (DAY_WINDOW[2], ReportRow.time_precision == 2),
    (DAY_WINDOW[3], ReportRow.time_precision == 3),
)


@dataclass
class _Near:
    pair: Pair
    event_id: str | None  # None: a report no fuse has placed yet
    lone: bool  # its event is a denial that matched no claim


def _near(s: Session, probes: list[Pair], wanted: Callable[[Report], bool]) -> list[_Near]:
    """Stored reports (those ``wanted``) that could fuse with one of the ``probes``: same event
    type, days within the larger of both windows (off the index), then ``touching`` one."""
    if not probes:
        return []
    base = (
        _report_select()
        .add_columns(EventReportRow.event_id.label("event_id"), EventRow.modality.label("event_modality"))
        .outerjoin(EventReportRow, EventReportRow.report_id == ReportRow.id)
        .outerjoin(EventRow, EventRow.id == EventReportRow.event_id)
    )
    queries = []
    for event_type, points in sorted(_points(probes).items()):
        same_type = ReportRow.event_type == event_type
        dated = [(day, window) for day, window in points if day is not None]
        for theirs, precision in _PRECISION_WINDOWS:
            for lo, hi in _day_ranges((day, max(window, theirs)) for day, window in dated):
                queries.append(base.where(same_type, precision, ReportRow.date >= lo, ReportRow.date <= hi))
        # a report with no date of its own is compared by its document's publication day
        for lo, hi in _day_ranges((day, max(window, PUBLISHED_WINDOW)) for day, window in dated):
            first = datetime.combine(lo, time(), tzinfo=UTC)
            after = datetime.combine(hi + timedelta(days=1), time(), tzinfo=UTC)
            queries.append(base.where(same_type, ReportRow.date.is_(None),
                                      DocumentRow.published >= first, DocumentRow.published < after))
        if any(day is None for day, _ in points):
            queries.append(base.where(same_type, ReportRow.date.is_(None), DocumentRow.published.is_(None)))
    found: dict[str, _Near] = {}
    for q in queries:
        for row in s.execute(q):
            pair, _ = _pair(row)
            if wanted(pair[0]):
                found[pair[0].id] = _Near(pair, row.event_id, row.event_modality == DENIED)
    close = touching(probes, [n.pair for n in found.values()])
    return [n for rid, n in found.items() if rid in close]


def _denial(report: Report) -> bool:
    return report.modality == DENIED


@dataclass
class Scope:
    """The part of the store a fuse rebuilds (see the module docstring), and its events."""

    start: tuple
    pending: list[Pair]
    stored: dict[str, list[Pair]] = field(default_factory=dict)  # event id -> its reports
    rerun: set[str] = field(default_factory=set)  # denials placed again
    doc_slugs: dict[str, str | None] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    def load(self, s: Session, event_ids: Iterable[str | None]) -> list[Pair]:
        """Load the reports of these events (those not loaded yet); returns them."""
        wanted = sorted({e for e in event_ids if e} - self.stored.keys())
        q = _report_select().add_columns(EventReportRow.event_id.label("event_id")).join(
            EventReportRow, EventReportRow.report_id == ReportRow.id)
        loaded: list[Pair] = []
        for eid in wanted:
            self.stored[eid] = []
        for ids in chunks(wanted):
            for row in s.execute(q.where(EventReportRow.event_id.in_(ids)).order_by(ReportRow.doc_id, ReportRow.seq)):
                pair, self.doc_slugs[row.doc_id] = _pair(row)
                self.stored[row.event_id].append(pair)
                loaded.append(pair)
        return loaded

    def lone_groups(self) -> set[frozenset[str]]:
        """The loaded denials that matched no claim, as they are grouped in the store."""
        return {frozenset(r.id for r, _ in reports) for reports in self.stored.values()
                if reports and all(_denial(r) for r, _ in reports)}


def find_scope(s: Session, docs: list[str], events: list[str]) -> Scope | None:
    """What a fuse must rebuild after the documents ``docs`` had their reports written and the
    events ``events`` lost reports, with the rebuilt events; None when the denials do not settle
    within ``MAX_ROUNDS`` (rebuild all)."""
    starts = [
        document_key(published or seen, doc_id)[:2]
        for ids in chunks(sorted(set(docs)))
        for doc_id, published, seen in s.execute(
            select(DocumentRow.id, DocumentRow.published, DocumentRow.ingested_at).where(DocumentRow.id.in_(ids)))
    ]
    start = min(starts) if starts else (True, datetime.max.replace(tzinfo=UTC))
    pending, slugs = load_reports(s, _since(start)) if starts else ([], {})
    scope = Scope(start, pending, doc_slugs=dict(slugs))
    pending_ids = {r.id for r, _ in pending}

    # Claims: the events a pending report sits in or could join, and those that lost a report.
    holding = [eid for ids in chunks(sorted(pending_ids)) for eid in s.scalars(
        select(EventReportRow.event_id).where(EventReportRow.report_id.in_(ids)))]
    joinable = _near(s, pending, lambda r: True)
    members = scope.load(s, [*events, *holding, *(n.event_id for n in joinable)])
    claims = [p for p in [*pending, *members] if not _denial(p[0])]

    # Denials: those of these events, and those that could attach to any of their claims.
    near = _near(s, claims, _denial)
    scope.load(s, (n.event_id for n in near))
    rerun = {r.id for r, _ in members if _denial(r)} | {n.pair[0].id for n in near}
    rerun -= pending_ids
    placed: set[str] = set()
    for _ in range(MAX_ROUNDS):
        # Every event a denial placed again could attach to; a group of lone denials is placed
        # again whole (its members may need events of their own).
        while fresh := rerun - placed:
            placed |= fresh
            probes = [p for p in _loaded(scope) if p[0].id in fresh]
            scope.load(s, (n.event_id for n in _near(s, probes, lambda r: not _denial(r))))
            rerun |= set().union(*scope.lone_groups()) - pending_ids
        scope.events = refuse(list(scope.stored.values()), pending, start, rerun)
        # Lone denials group greedily: where a group changed, the lone denials that could have
        # joined it are placed again too, until no group changes beyond what is loaded.
        after = {frozenset(r.id for r in e.reports) for e in scope.events if e.modality == DENIED}
        changed = scope.lone_groups() ^ after
        moved = set().union(*changed) if changed else set()
        near = [n for n in _near(s, [p for p in _loaded(scope) if p[0].id in moved], _denial)
                if n.lone and n.pair[0].id not in rerun | pending_ids]
        if not near:
            scope.rerun = rerun
            return scope
        scope.load(s, (n.event_id for n in near))
        rerun |= {n.pair[0].id for n in near}
    return None


def _loaded(scope: Scope) -> list[Pair]:
    return [*scope.pending, *(p for reports in scope.stored.values() for p in reports)]
