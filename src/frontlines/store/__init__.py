"""store stage: documents, reports and fused events in SQLite (default) or PostgreSQL.

``Store.open(url)`` connects and brings the schema to the newest Alembic revision shipped in
``frontlines/store/migrations``. Each writing method is one transaction: it is all written or,
on any failure, nothing is (the error is raised as ``StoreError``/``BadInput``). On SQLite the
file runs in WAL mode so readers (the web app) never wait for a writer, and writers take the
lock up front (``BEGIN IMMEDIATE``) and wait up to ``busy_timeout`` for each other.

Documents and reports are the primary record; events are derived from them by ``fuse()``. Each
write of reports queues its document (``fuse_queue``), and ``fuse()`` rebuilds only the events
those writes can touch (``frontlines.store.fusing``), with the result a rebuild of every event
by ``frontlines.fuse.fuse_reports`` would give (``fuse(full=True)`` does that). It keeps the ids
(derived from each cluster's earliest report) and touches ``updated_at`` only of events whose
content changed, which is what ``EventFilter.changed_since`` reads. Until ``fuse()`` runs again,
reports added or replaced by ``set_reports`` are not in any event.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy import (
    Select,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from frontlines.errors import BadInput, StoreError
from frontlines.fuse import fuse_reports
from frontlines.records import (
    EVENT_TYPES,
    MODALITIES,
    SUB_EVENT_TYPES,
    Document,
    Event,
    Place,
    Report,
    slugify,
)
from frontlines.store import convert, fusing
from frontlines.store.convert import chunks, url_host
from frontlines.store.models import (
    ActorRow,
    DocumentRow,
    EventOutletRow,
    EventReportRow,
    EventRow,
    FuseQueueRow,
    OutletRow,
    PlaceRow,
    ReportRow,
    StoreStateRow,
)
from frontlines.store.views import (
    ActorSummary,
    DocumentInfo,
    EventFilter,
    OutletSummary,
    PlaceSummary,
)

OUTLET_GRADES = ("A", "B", "C", "D", "E", "F")  # Admiralty source-reliability scale

__all__ = [
    "OUTLET_GRADES",
    "ActorSummary",
    "DocumentInfo",
    "EventFilter",
    "OutletSummary",
    "PlaceSummary",
    "Store",
    "migrations_dir",
]

BUSY_TIMEOUT_MS = 15_000
_PG_MIGRATION_LOCK = 7_301_466_235  # any fixed number: serialises concurrent Store.open on PG
_PG_FUSE_LOCK = 7_301_466_236


def migrations_dir() -> Path:
    return Path(__file__).with_name("migrations")


def _normalise_url(url: str) -> str:
    if "://" not in url:  # a bare path means an SQLite file
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgres", "postgresql"):  # psycopg 3 is the driver we ship
        return f"postgresql+psycopg://{rest}"
    return url


def _is_memory(url: str) -> bool:
    return url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url


def _make_engine(url: str, **pool: Any) -> Engine:
    url = _normalise_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **pool)
    memory = _is_memory(url)
    kwargs: dict[str, Any] = {
        "connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}, **pool
    }
    if memory:  # one shared connection, or every checkout would see a new empty database
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writer that starts deferred and upgrades later can fail with SQLITE_BUSY at once
        # (no waiting); taking the write lock at BEGIN makes writers queue on busy_timeout.
        write = conn.get_execution_options().get("frontlines_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _check_page(page: int, per_page: int) -> None:
    if page < 1:
        raise BadInput("page", f"must be 1 or more, got {page}")
    if not 1 <= per_page <= 10_000:
        raise BadInput("per_page", f"must be between 1 and 10000, got {per_page}")


def _retryable(exc: StoreError) -> bool:
    """A write that failed only because another writer was in the way: worth trying again."""
    cause = exc.__cause__
    if isinstance(cause, IntegrityError):  # another writer inserted one of our ids first
        return True
    if isinstance(cause, OperationalError):
        message = str(cause).lower()
        return any(
            m in message for m in ("database is locked", "deadlock detected", "could not serialize")
        )
    return False


class Store:
    """The product's database. Open with ``Store.open(url)``; usable as a context manager."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._write_engine = engine.execution_options(frontlines_write=True)
        self._own_engines: list[Engine] = []  # revision readers' (``revision_reader``)
        self.dialect = engine.dialect.name

    # -----------------------------------------------------------------------------------------
    # lifecycle

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect and bring the schema up to date (Alembic ``upgrade head``; no-op if it is)."""
        try:
            engine = _make_engine(url)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open store {url!r}: {exc}") from exc
        store = cls(engine)
        try:
            store._upgrade()
        except Exception as exc:
            engine.dispose()
            raise StoreError(f"cannot open store {url!r}: {exc}") from exc
        return store

    def _upgrade(self) -> None:
        from alembic import command
        from alembic.config import Config

        with self._write_engine.begin() as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            cfg = Config()
            cfg.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def schema_revision(self) -> str | None:
        with self._engine.connect() as conn:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def revision(self) -> int:
        """A number every write transaction raises: equal numbers, the same stored data."""
        return self._revision_on(self._engine)

    @staticmethod
    def _revision_on(engine: Engine) -> int:
        try:
            with engine.connect() as conn:
                return int(conn.execute(select(StoreStateRow.revision).where(StoreStateRow.id == 1)).scalar_one())
        except SQLAlchemyError as exc:
            raise StoreError(f"store read failed: {exc}") from exc

    def revision_reader(self) -> Callable[[], int]:
        """``revision`` over a connection of its own, for a caller that must never wait for one:
        the web app's event loop, while every pooled connection may be busy with slow reads."""
        url = self._engine.url.render_as_string(hide_password=False)
        if _is_memory(url):
            return self.revision  # one shared connection is all an in-memory store has
        engine = _make_engine(url, pool_size=1, max_overflow=0)
        self._own_engines.append(engine)
        return lambda: self._revision_on(engine)

    def close(self) -> None:
        self._engine.dispose()
        for engine in self._own_engines:
            engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction: committed at the end, rolled back entirely on any error."""
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                yield session
                # Last, so the row is locked only for the commit: readers holding something
                # derived from the store see that it changed (``revision``).
                session.execute(update(StoreStateRow).where(StoreStateRow.id == 1)
                                .values(revision=StoreStateRow.revision + 1))
        # OverflowError: the sqlite3 driver's answer to an integer no column can hold.
        except (SQLAlchemyError, OverflowError) as exc:
            raise StoreError(f"store write failed: {exc}") from exc

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"store read failed: {exc}") from exc

    # -----------------------------------------------------------------------------------------
    # writing

    def add_document(self, doc: Document) -> bool:
        """Store a document; False (and nothing written) if one with that id is already stored."""
        if not doc.id or not isinstance(doc.text, str):
            raise BadInput(doc.id or "document", "a document needs an id and a text")
        try:
            with self._write() as s:
                if s.get(DocumentRow, doc.id) is not None:
                    return False
                outlet_slug, _ = self._resolve_outlet(s, doc.outlet, doc.url)
                s.add(
                    DocumentRow(
                        id=doc.id,
                        url=doc.url,
                        outlet=convert.clean(doc.outlet),
                        outlet_slug=outlet_slug,
                        title=convert.clean(doc.title),
                        author=convert.clean(doc.author),
                        published=doc.published,
                        language=doc.language or "en",
                        text=convert.clean(doc.text) or "",
                        source=doc.source,
                        ingested_at=datetime.now(UTC),
                    )
                )
        except StoreError as exc:
            # Another writer stored the same document between our check and our insert.
            if isinstance(exc.__cause__, IntegrityError) and self.has_document(doc.id):
                return False
            raise
        return True

    @staticmethod
    def _resolve_outlet(
        s: Session, outlet: str | None, url: str | None
    ) -> tuple[str | None, str | None]:
        """(slug, display name) of a document's outlet: a registered outlet when its slug, name or
        domain matches the document's outlet or URL host, else the slug of what the document
        says."""
        host = url_host(url)
        if outlet:
            found = s.execute(
                select(OutletRow.slug, OutletRow.name)
                .where(
                    or_(
                        OutletRow.slug == slugify(outlet),
                        func.lower(OutletRow.name) == outlet.lower(),
                        OutletRow.domain == outlet.lower(),
                    )
                )
                .order_by(OutletRow.slug)
                .limit(1)
            ).first()
            if found:
                return found.slug, found.name
        if host:
            parts = host.split(".")
            domains = [".".join(parts[i:]) for i in range(len(parts) - 1)]
            found = s.execute(
                select(OutletRow.slug, OutletRow.name, OutletRow.domain).where(
                    OutletRow.domain.in_(domains)
                )
            ).all()
            if found:  # the longest matching domain is the most specific outlet
                best = max(found, key=lambda r: len(r.domain))
                return best.slug, best.name
        if outlet:
            return slugify(outlet), outlet
        return (slugify(host), host) if host else (None, None)

    def has_document(self, doc_id: str) -> bool:
        with self._read() as s:
            return s.get(DocumentRow, doc_id) is not None

    def set_reports(self, doc_id: str, reports: list[Report]) -> None:
        """Replace the reports of a stored document (an empty list removes them)."""
        rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        for seq, report in enumerate(reports):
            if report.evidence.doc_id and report.evidence.doc_id != doc_id:
                raise BadInput(
                    f"report {report.id}",
                    f"its evidence is from document {report.evidence.doc_id}, not {doc_id}",
                )
            if report.modality not in MODALITIES:
                raise BadInput(f"report {report.id}", f"unknown modality {report.modality!r}")
            if report.id in seen:  # the same span and type read twice: keep the first
                continue
            seen.add(report.id)
            rows.append(self._report_row(doc_id, seq, report))
        with self._write() as s:
            if s.get(DocumentRow, doc_id) is None:
                raise StoreError(f"set_reports: no document {doc_id!r} in the store")
            # Reports that stay (same id) are updated in place, so the events they support keep
            # showing them until the next fuse(); the others are removed with their links.
            old = set(s.scalars(select(ReportRow.id).where(ReportRow.doc_id == doc_id)))
            dropped = sorted(old - seen)
            # the next fuse() looks at this document and at every event its reports were in
            held = set()
            for ids in chunks(sorted(old)):
                held.update(s.scalars(select(EventReportRow.event_id).where(EventReportRow.report_id.in_(ids))))
            self._queue(s, "doc", {doc_id})
            self._queue(s, "event", held)
            for ids in chunks(dropped):
                s.execute(delete(EventReportRow).where(EventReportRow.report_id.in_(ids)))
                s.execute(delete(ReportRow).where(ReportRow.id.in_(ids)))
            for chunk in chunks([r for r in rows if r["id"] in old]):
                s.execute(update(ReportRow), chunk)
            for chunk in chunks([r for r in rows if r["id"] not in old]):
                s.execute(insert(ReportRow), chunk)

    @staticmethod
    def _report_row(doc_id: str, seq: int, report: Report) -> dict[str, Any]:
        return convert.report_row(doc_id, seq, report)

    def add_documents_with_reports(
        self, items: list[tuple[Document, list[Report]]], *, attempts: int = 5
    ) -> tuple[int, int]:
        """Store many documents, each with its reports, in ONE transaction; returns (stored,
        already there). A document whose id is stored already is skipped with its reports, so
        running the same batch twice stores it once; either all of the batch is written or,
        on failure, none of it. A write that loses a race to another writer (same id inserted
        meanwhile, a PostgreSQL deadlock, SQLite still locked after ``busy_timeout``) is
        retried up to ``attempts`` times, each attempt re-reading which ids are stored."""
        batch: dict[str, tuple[Document, list[dict[str, Any]]]] = {}
        for doc, reports in items:
            if not doc.id or not isinstance(doc.text, str):
                raise BadInput(doc.id or "document", "a document needs an id and a text")
            if doc.id in batch:  # the same article twice in one batch: keep the first
                continue
            rows: list[dict[str, Any]] = []
            seen: set[str] = set()
            for seq, report in enumerate(reports):
                if report.evidence.doc_id and report.evidence.doc_id != doc.id:
                    raise BadInput(
                        f"report {report.id}",
                        f"its evidence is from document {report.evidence.doc_id}, not {doc.id}",
                    )
                if report.modality not in MODALITIES:
                    raise BadInput(f"report {report.id}", f"unknown modality {report.modality!r}")
                if report.id not in seen:
                    seen.add(report.id)
                    rows.append(self._report_row(doc.id, seq, report))
            batch[doc.id] = (doc, rows)
        if not batch:
            return 0, 0
        for attempt in range(1, attempts + 1):
            try:
                return self._insert_new(batch)
            except StoreError as exc:
                if attempt == attempts or not _retryable(exc):
                    raise
                time.sleep(min(2.0, 0.05 * 2**attempt))
        raise AssertionError("unreachable")

    def _insert_new(self, batch: dict[str, tuple[Document, list[dict[str, Any]]]]) -> tuple[int, int]:
        with self._write() as s:
            stored: set[str] = set()
            for ids in chunks(sorted(batch)):
                stored.update(s.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids))))
            now = datetime.now(UTC)
            outlets: dict[tuple[str | None, str | None], str | None] = {}
            doc_rows, report_rows = [], []
            for doc_id, (doc, rows) in batch.items():
                if doc_id in stored:
                    continue
                key = (doc.outlet, url_host(doc.url))
                if key not in outlets:
                    outlets[key] = self._resolve_outlet(s, doc.outlet, doc.url)[0]
                doc_rows.append(
                    {
                        "id": doc.id,
                        "url": doc.url,
                        "outlet": convert.clean(doc.outlet),
                        "outlet_slug": outlets[key],
                        "title": convert.clean(doc.title),
                        "author": convert.clean(doc.author),
                        "published": doc.published,
                        "language": doc.language or "en",
                        "text": convert.clean(doc.text) or "",
                        "source": doc.source,
                        "ingested_at": now,
                    }
                )
                report_rows.extend(rows)
            for chunk in chunks(doc_rows):
                s.execute(insert(DocumentRow), chunk)
            for chunk in chunks(report_rows):
                s.execute(insert(ReportRow), chunk)
            self._queue(s, "doc", {r["doc_id"] for r in report_rows})
        return len(doc_rows), len(stored)

    def upsert_outlets(self, outlets: list[dict]) -> None:
        """Add or update outlets ({"name", "slug", "domain", "country", "grade", "description"});
        documents already stored under the outlet's name or domain are linked to it."""
        rows = []
        for i, o in enumerate(outlets):
            name = (o.get("name") or "").strip()
            if not name:
                raise BadInput(f"outlet #{i + 1}", "an outlet needs a name")
            domain = (o.get("domain") or "").strip().lower() or None
            if domain and domain.startswith("www."):
                domain = domain[4:]
            rows.append(
                {
                    "slug": o.get("slug") or slugify(name),
                    "name": name,
                    "domain": domain,
                    "country": o.get("country"),
                    "grade": o.get("grade"),
                    "description": o.get("description"),
                }
            )
        with self._write() as s:
            self._fuse_all_next(s)  # events list their outlets' registered names
            for row in rows:
                existing = s.get(OutletRow, row["slug"])
                if existing is None:
                    s.add(OutletRow(**row))
                else:
                    for key, value in row.items():
                        setattr(existing, key, value)
                s.flush()
                aliases = {slugify(row["name"])} | (
                    {slugify(row["domain"])} if row["domain"] else set()
                )
                aliases.discard(row["slug"])
                if aliases:
                    s.execute(
                        update(DocumentRow)
                        .where(DocumentRow.outlet_slug.in_(aliases))
                        .values(outlet_slug=row["slug"])
                    )

    def set_outlet_grade(self, outlet: str, grade: str) -> OutletSummary:
        """Set an outlet's Admiralty reliability grade (A-F); the outlet is named by slug, name
        or domain. An outlet seen only in documents is registered under its name. Raises
        BadInput for a bad grade or an outlet nobody knows."""
        grade_norm = (grade or "").strip().upper()
        if grade_norm not in OUTLET_GRADES:
            raise BadInput(
                f"grade {grade!r}", f"must be one of {', '.join(OUTLET_GRADES)} (Admiralty scale)"
            )
        wanted = (outlet or "").strip()
        if not wanted:
            raise BadInput("outlet", "an outlet name, slug or domain is needed")
        with self._write() as s:
            row = s.get(OutletRow, wanted) or s.get(OutletRow, slugify(wanted))
            if row is None:
                row = s.scalars(
                    select(OutletRow)
                    .where(
                        or_(
                            func.lower(OutletRow.name) == wanted.lower(),
                            OutletRow.domain == wanted.lower().removeprefix("www."),
                        )
                    )
                    .order_by(OutletRow.slug)
                    .limit(1)
                ).first()
            if row is None:
                seen = s.execute(
                    select(DocumentRow.outlet_slug, func.min(DocumentRow.outlet))
                    .where(
                        or_(
                            DocumentRow.outlet_slug == slugify(wanted),
                            func.lower(DocumentRow.outlet) == wanted.lower(),
                        )
                    )
                    .group_by(DocumentRow.outlet_slug)
                    .limit(1)
                ).first()
                if seen is None or not seen[0]:
                    raise BadInput(f"outlet {wanted!r}", "no registered outlet or document has this name")
                row = OutletRow(slug=seen[0], name=seen[1] or wanted)
                s.add(row)
                self._fuse_all_next(s)
            row.grade = grade_norm
            slug = row.slug
        found = self.get_outlet(slug)
        assert found is not None
        return found

    def document_infos(
        self, doc_ids: list[str] | None = None, *, with_text: bool = False
    ) -> dict[str, DocumentInfo]:
        """Documents (all, or those ids) with their linked outlet, read in batches; the text only
        when asked for."""
        cols = [
            DocumentRow.id,
            DocumentRow.outlet,
            DocumentRow.outlet_slug,
            DocumentRow.published,
            DocumentRow.url,
            DocumentRow.title,
            OutletRow.name,
        ]
        if with_text:
            cols.append(DocumentRow.text)
        base = select(*cols).outerjoin(OutletRow, OutletRow.slug == DocumentRow.outlet_slug)
        out: dict[str, DocumentInfo] = {}
        with self._read() as s:
            batches = [base] if doc_ids is None else [
                base.where(DocumentRow.id.in_(ids)) for ids in chunks(sorted(set(doc_ids)))
            ]
            for q in batches:
                for row in s.execute(q):
                    out[row[0]] = DocumentInfo(
                        id=row[0],
                        outlet=row[6] or row[1],
                        outlet_slug=row[2],
                        published=row[3],
                        url=row[4],
                        title=row[5],
                        text=row[7] if with_text else "",
                    )
        return out

    def fuse(self, *, full: bool = False) -> int:
        """Bring the events up to date with the stored reports; returns the number of events.

        Rebuilds only the events the writes since the last fuse can touch (what ``fuse_queue``
        lists, see ``frontlines.store.fusing``), with the same result as rebuilding them all;
        rebuilds them all when ``full`` is set, after an outlet was registered or renamed, or
        when the part to rebuild does not settle."""
        if not full:
            with self._read() as s:
                state = s.get(StoreStateRow, 1)
                if state is not None and not state.fuse_full and s.scalar(select(FuseQueueRow.key).limit(1)) is None:
                    # nothing written since the last fuse: no write, so the revision stays
                    return s.scalar(select(func.count()).select_from(EventRow)) or 0
        with self._write() as s:
            if self.dialect == "postgresql":  # two fuse() at once would insert the same ids
                s.execute(text(f"SELECT pg_advisory_xact_lock({_PG_FUSE_LOCK})"))
            # Taken off the queue first: a writer that queues the same key meanwhile keeps its
            # row (PostgreSQL waits for this transaction, SQLite has one writer at a time).
            queued = s.execute(delete(FuseQueueRow).returning(FuseQueueRow.kind, FuseQueueRow.key)).all()
            state = s.get(StoreStateRow, 1)
            assert state is not None
            total = s.scalar(select(func.count()).select_from(EventRow)) or 0
            scope = None
            if not (full or state.fuse_full):
                if not queued:
                    return total
                scope = fusing.find_scope(s, [k for kind, k in queued if kind == "doc"],
                                          [k for kind, k in queued if kind == "event"])
            if scope is None:
                pairs, doc_slugs = fusing.load_reports(s)
                events = fuse_reports(pairs)
                old = {r.id: r.content_hash for r in s.execute(select(EventRow.id, EventRow.content_hash))}
            else:
                events, doc_slugs = scope.events, scope.doc_slugs
                old = {}
                for ids in chunks(sorted(scope.stored)):
                    old.update((r.id, r.content_hash) for r in s.execute(
                        select(EventRow.id, EventRow.content_hash).where(EventRow.id.in_(ids))))
            state.fuse_full = False
            now = datetime.now(UTC)

            fresh: dict[str, tuple[dict[str, Any], Event, list[str]]] = {}
            for ev in events:
                values = convert.event_row(ev)
                slugs = sorted(
                    {
                        doc_slugs[r.evidence.doc_id]
                        for r in ev.reports
                        if doc_slugs.get(r.evidence.doc_id)
                    }
                )
                values["content_hash"] = convert.content_hash(
                    values, [r.id for r in ev.reports], slugs
                )
                fresh[ev.id] = (values, ev, slugs)

            gone = [eid for eid in old if eid not in fresh]
            changed = [
                eid
                for eid, (v, _, _) in fresh.items()
                if eid in old and old[eid] != v["content_hash"]
            ]
            new = [eid for eid in fresh if eid not in old]
            for ids in chunks(gone + changed):
                s.execute(delete(EventReportRow).where(EventReportRow.event_id.in_(ids)))
                s.execute(delete(EventOutletRow).where(EventOutletRow.event_id.in_(ids)))
            for ids in chunks(gone):
                s.execute(delete(EventRow).where(EventRow.id.in_(ids)))
            for ids in chunks(changed):
                s.execute(update(EventRow), [{**fresh[i][0], "updated_at": now} for i in ids])
            for ids in chunks(new):
                s.execute(insert(EventRow), [{**fresh[i][0], "updated_at": now} for i in ids])
            links = [
                {"event_id": eid, "report_id": r.id, "position": pos}
                for eid in changed + new
                for pos, r in enumerate(fresh[eid][1].reports)
            ]
            for chunk in chunks(links):
                s.execute(insert(EventReportRow), chunk)
            outlet_links = [
                {"event_id": eid, "outlet_slug": slug}
                for eid in changed + new
                for slug in fresh[eid][2]
            ]
            for chunk in chunks(outlet_links):
                s.execute(insert(EventOutletRow), chunk)
            self._refresh_places_and_actors(s, events)
            if len(new) + len(gone) > total // 10:
                self._analyze(s)
        return total + len(new) - len(gone)

    @staticmethod
    def _fuse_all_next(s: Session) -> None:
        s.execute(update(StoreStateRow).where(StoreStateRow.id == 1).values(fuse_full=True))

    def _queue(self, s: Session, kind: str, keys: set[str]) -> None:
        """Note what the next ``fuse()`` must look at (see ``FuseQueueRow``)."""
        rows = [{"kind": kind, "key": key} for key in sorted(keys)]
        upsert = pg_insert if self.dialect == "postgresql" else sqlite_insert
        for chunk in chunks(rows):
            s.execute(upsert(FuseQueueRow).on_conflict_do_nothing(), chunk)

    @staticmethod
    def _analyze(s: Session) -> None:
        # The planner picks among the list indexes by their statistics; without them SQLite
        # may walk every event of a country to find one actor's. About 1.5 s per million events
        # (SQLite and PostgreSQL both take the same statement, inside a transaction).
        s.execute(text("ANALYZE events"))

    def optimize(self) -> None:
        """Refresh the query planner's statistics of the events table (after a bulk load that
        did not go through ``fuse``; ``fuse`` does it itself when many events came or went)."""
        with self._write() as s:
            self._analyze(s)

    @staticmethod
    def _refresh_places_and_actors(s: Session, events: list[Event]) -> None:
        places: dict[int, Place] = {}
        for ev in events:
            if ev.location and ev.location.place.geonameid is not None:
                places.setdefault(ev.location.place.geonameid, ev.location.place)
        known = set()
        for ids in chunks(sorted(places)):
            known.update(s.scalars(select(PlaceRow.geonameid).where(PlaceRow.geonameid.in_(ids))))
        rows = [
            {
                "geonameid": gid,
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "country_code": (p.country_code or "").upper() or None,
                "admin1": p.admin1,
                "feature_code": p.feature_code,
            }
            for gid, p in sorted(places.items())
        ]
        for chunk in chunks([r for r in rows if r["geonameid"] not in known]):
            s.execute(insert(PlaceRow), chunk)
        for chunk in chunks([r for r in rows if r["geonameid"] in known]):
            s.execute(update(PlaceRow), chunk)

        # Actors: the most frequent spelling, inter code and country per slug; a curated row
        # (already stored) keeps its values and only gains what it lacks.
        seen: dict[str, Counter[tuple[str, int | None, str | None]]] = defaultdict(Counter)
        for ev in events:
            for a in (ev.actor1, ev.actor2):
                if a is not None:
                    seen[slugify(a.name)][(a.name, a.inter, a.country)] += 1
        existing = {}
        for slugs in chunks(sorted(seen)):
            existing.update(
                {r.slug: r for r in s.scalars(select(ActorRow).where(ActorRow.slug.in_(slugs)))}
            )
        new_rows = []
        for slug, counts in sorted(seen.items()):
            name = counts.most_common(1)[0][0][0]
            inter = next((i for (_, i, _), _ in counts.most_common() if i is not None), None)
            country = next((c for (_, _, c), _ in counts.most_common() if c), None)
            row = existing.get(slug)
            if row is None:
                new_rows.append({"slug": slug, "name": name, "inter": inter, "country": country})
            else:
                row.inter = row.inter if row.inter is not None else inter
                row.country = row.country or country
        for chunk in chunks(new_rows):
            s.execute(insert(ActorRow), chunk)

    # -----------------------------------------------------------------------------------------
    # reading

    def get_document(self, doc_id: str) -> Document | None:
        with self._read() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                return None
            return Document(
                id=row.id,
                text=row.text,
                url=row.url,
                outlet=row.outlet,
                title=row.title,
                author=row.author,
                published=row.published,
                language=row.language,
                source=row.source,
            )

    def count_documents(self) -> int:
        with self._read() as s:
            return s.scalar(select(func.count()).select_from(DocumentRow)) or 0

    def get_reports(self, doc_id: str) -> list[Report]:
        """A document's reports, in the order they were given to ``set_reports``."""
        with self._read() as s:
            rows = s.scalars(
                select(ReportRow).where(ReportRow.doc_id == doc_id).order_by(ReportRow.seq)
            )
            return [convert.row_report(r) for r in rows]

    @staticmethod
    def _conditions(f: EventFilter) -> tuple[list[Any], list[list[Any]]]:
        """The filter as conditions all rows must meet, and groups of which one must hold."""
        common: list[Any] = []
        either: list[list[Any]] = []
        if f.since is not None:
            common.append(EventRow.date >= f.since)
        if f.until is not None:
            common.append(EventRow.date <= f.until)
        if f.country:
            common.append(EventRow.country_code == f.country.strip().upper())
        if f.admin1:
            common.append(func.lower(EventRow.admin1) == f.admin1.strip().lower())
        if f.event_type in EVENT_TYPES:
            common.append(EventRow.event_type == f.event_type)
        elif f.event_type in SUB_EVENT_TYPES:
            common.append(EventRow.sub_event_type == f.event_type)
        elif f.event_type:  # not in the taxonomy: whichever column holds it (none, as stored)
            either.append(
                [EventRow.event_type == f.event_type, EventRow.sub_event_type == f.event_type]
            )
        if f.actor:
            slug = slugify(f.actor)
            either.append([EventRow.actor1_slug == slug, EventRow.actor2_slug == slug])
        if f.outlet:
            wanted = f.outlet.strip()
            by_registry = select(OutletRow.slug).where(
                or_(
                    func.lower(OutletRow.name) == wanted.lower(), OutletRow.domain == wanted.lower()
                )
            )
            slugs = or_(
                EventOutletRow.outlet_slug == slugify(wanted),
                EventOutletRow.outlet_slug.in_(by_registry),
            )
            common.append(EventRow.id.in_(select(EventOutletRow.event_id).where(slugs)))
        if f.modality:
            common.append(EventRow.modality == f.modality)
        if f.geonameid is not None:
            common.append(EventRow.geonameid == f.geonameid)
        if f.changed_since is not None:
            common.append(EventRow.updated_at >= f.changed_since)
        return common, either

    @classmethod
    def _where(cls, q: Select, f: EventFilter) -> Select:
        common, either = cls._conditions(f)
        return q.where(*common, *(or_(*alternatives) for alternatives in either))

    @classmethod
    def _branches(cls, f: EventFilter) -> list[list[Any]]:
        """The filter as a union of plain conjunctions (one per choice from each "either" group).

        An OR across two columns (actor1/actor2, type/sub-type) cannot walk one ordered index, so
        the database would gather and sort every match; each branch walks its own index instead.
        """
        common, either = cls._conditions(f)
        return [[*common, *choice] for choice in itertools.product(*either)]

    @staticmethod
    def _ordered(q: Select) -> Select:
        # Newest first, undated last, then id: the same on SQLite and PostgreSQL, and the order
        # of the (date DESC, id) indexes, so a page is read off an index instead of sorted.
        return q.order_by(EventRow.date.desc().nulls_last(), EventRow.id)

    def _page_ids(self, s: Session, f: EventFilter, limit: int, offset: int) -> list[str]:
        """Ids of one page in list order. Selecting ids first (from an index) and rows after
        keeps a deep page from reading every skipped row."""
        branches = self._branches(f)
        if len(branches) == 1:
            q = self._ordered(select(EventRow.id).where(*branches[0])).limit(limit).offset(offset)
            return list(s.scalars(q))
        # The page lies within the first offset+limit rows of the union, so within the first
        # offset+limit rows of each branch.
        parts = [
            self._ordered(select(EventRow.id, EventRow.date).where(*conds)).limit(offset + limit)
            for conds in branches
        ]
        merged = union(*(select(p.subquery()) for p in parts)).subquery()
        q = (
            select(merged.c.id)
            .order_by(merged.c.date.desc().nulls_last(), merged.c.id)
            .limit(limit)
            .offset(offset)
        )
        return list(s.scalars(q))

    def count_events(self, f: EventFilter | None = None, *, limit: int | None = None) -> int:
        """How many events match; with ``limit``, counting stops there (the answer is then
        ``min(true count, limit)``), so a broad filter on a large store costs no full scan."""
        with self._read() as s:
            return self._count(s, f or EventFilter(), limit)

    def _count(self, s: Session, f: EventFilter, limit: int | None) -> int:
        branches = self._branches(f)
        if limit is None and len(branches) == 1:
            return s.scalar(select(func.count(EventRow.id)).where(*branches[0])) or 0
        parts = [select(EventRow.id).where(*conds) for conds in branches]
        if limit is not None:
            parts = [p.limit(limit) for p in parts]
        if len(parts) == 1:
            matched = parts[0].subquery()
        else:
            matched = union(*(select(p.subquery()) for p in parts)).subquery()
        n = s.scalar(select(func.count()).select_from(matched)) or 0
        return n if limit is None else min(n, limit)

    def list_events(
        self,
        f: EventFilter | None = None,
        *,
        page: int = 1,
        per_page: int = 100,
        count_limit: int | None = None,
    ) -> tuple[list[Event], int]:
        """One page of matching events (without their reports; outlets filled) and the total
        (counted up to ``count_limit`` when given, see ``count_events``)."""
        f = f or EventFilter()
        _check_page(page, per_page)
        with self._read() as s:
            total = self._count(s, f, count_limit)
            ids = self._page_ids(s, f, per_page, (page - 1) * per_page)
            rows = self._event_rows(s, ids)
            return [convert.row_event(rows[i]) for i in ids if i in rows], total

    def iter_events(self, f: EventFilter | None = None, *, limit: int | None = None) -> Iterator[Event]:
        """Every matching event (or the first ``limit``) with its reports, in list order, read
        in batches."""
        f = f or EventFilter()
        with self._read() as s:
            if limit is not None:
                ids = self._page_ids(s, f, limit, 0)
            else:
                ids = list(s.scalars(self._ordered(self._where(select(EventRow.id), f))))
        for chunk in chunks(ids):
            with self._read() as s:
                rows = self._event_rows(s, chunk)
                reports = self._reports_of(s, list(rows))
            for eid in chunk:
                if eid in rows:  # a fuse() in between may have removed it
                    yield convert.row_event(rows[eid], reports.get(eid))

    @staticmethod
    def _event_rows(s: Session, ids: list[str]) -> dict[str, Any]:
        # Plain rows, not ORM objects: nothing here is written back, and building an ORM
        # object costs more than reading its row (a map of 500 events, in the web app).
        return {r.id: r for r in s.execute(select(EventRow.__table__).where(EventRow.id.in_(ids)))}

    @staticmethod
    def _reports_of(s: Session, event_ids: list[str]) -> dict[str, list[Report]]:
        out: dict[str, list[Report]] = defaultdict(list)
        if not event_ids:
            return out
        q = (
            select(EventReportRow.event_id, ReportRow.__table__)
            .join(ReportRow, ReportRow.id == EventReportRow.report_id)
            .where(EventReportRow.event_id.in_(event_ids))
            .order_by(EventReportRow.event_id, EventReportRow.position)
        )
        for row in s.execute(q):
            out[row.event_id].append(convert.row_report(row))
        return out

    def get_event(self, event_id: str) -> Event | None:
        with self._read() as s:
            row = s.get(EventRow, event_id)
            if row is None:
                return None
            return convert.row_event(row, self._reports_of(s, [event_id]).get(event_id))

    # summaries ---------------------------------------------------------------------------------

    def _place_summaries(self, geonameid: int | None = None) -> list[PlaceSummary]:
        with self._read() as s:
            stats = (
                select(
                    EventRow.geonameid,
                    func.count(EventRow.id).label("n"),
                    func.min(EventRow.date).label("first"),
                    func.max(EventRow.date).label("last"),
                )
                .where(EventRow.geonameid.is_not(None))
                .group_by(EventRow.geonameid)
            )
            types = (
                select(EventRow.geonameid, EventRow.event_type, func.count(EventRow.id))
                .where(EventRow.geonameid.is_not(None))
                .group_by(EventRow.geonameid, EventRow.event_type)
            )
            places = select(PlaceRow)
            if geonameid is not None:
                stats = stats.where(EventRow.geonameid == geonameid)
                types = types.where(EventRow.geonameid == geonameid)
                places = places.where(PlaceRow.geonameid == geonameid)
            by_place: dict[int, Counter[str]] = defaultdict(Counter)
            for gid, et, n in s.execute(types):
                by_place[gid][et] = n
            rows = {p.geonameid: p for p in s.scalars(places)}
            out = []
            for gid, n, first, last in s.execute(stats):
                p = rows.get(gid)
                if p is None:  # events fused before the place was recorded; fuse() fixes it
                    continue
                place = Place(
                    p.geonameid,
                    p.name,
                    p.lat,
                    p.lon,
                    p.country_code or "",
                    p.admin1,
                    p.feature_code,
                )
                counts = by_place[gid]
                event_types = {t: counts[t] for t in sorted(counts, key=lambda t: (-counts[t], t))}
                out.append(PlaceSummary(place, n, first, last, event_types))
        out.sort(key=lambda ps: (-ps.n_events, ps.place.name, ps.place.geonameid or 0))
        return out

    def list_places(self) -> list[PlaceSummary]:
        """Places with at least one event, busiest first."""
        return self._place_summaries()

    def get_place(self, geonameid: int) -> PlaceSummary | None:
        found = self._place_summaries(geonameid)
        return found[0] if found else None

    def _actor_summaries(self, slug: str | None = None) -> list[ActorSummary]:
        sides = union(
            select(
                EventRow.actor1_slug.label("slug"),
                EventRow.id.label("event_id"),
                EventRow.date.label("date"),
            ).where(EventRow.actor1_slug.is_not(None)),
            select(
                EventRow.actor2_slug.label("slug"),
                EventRow.id.label("event_id"),
                EventRow.date.label("date"),
            ).where(EventRow.actor2_slug.is_not(None)),
        ).subquery()
        stats = (
            select(
                sides.c.slug,
                func.count(sides.c.event_id).label("n"),
                func.min(sides.c.date).label("first"),
                func.max(sides.c.date).label("last"),
            )
            .group_by(sides.c.slug)
            .subquery()
        )
        q = select(
            ActorRow, func.coalesce(stats.c.n, literal(0)), stats.c.first, stats.c.last
        ).outerjoin(stats, stats.c.slug == ActorRow.slug)
        if slug is not None:
            q = q.where(ActorRow.slug == slug)
        else:
            q = q.where(stats.c.n > 0)
        with self._read() as s:
            out = [
                ActorSummary(a.name, a.slug, a.inter, a.country, n, first, last)
                for a, n, first, last in s.execute(q)
            ]
        out.sort(key=lambda a: (-a.n_events, a.name.casefold(), a.slug))
        return out

    def list_actors(self) -> list[ActorSummary]:
        """Actors named in at least one event, most active first."""
        return self._actor_summaries()

    def get_actor(self, slug: str) -> ActorSummary | None:
        found = self._actor_summaries(slugify(slug))
        return found[0] if found else None

    def _outlet_summaries(self, slug: str | None = None) -> list[OutletSummary]:
        docs = (
            select(
                DocumentRow.outlet_slug, func.count(DocumentRow.id), func.min(DocumentRow.outlet)
            )
            .where(DocumentRow.outlet_slug.is_not(None))
            .group_by(DocumentRow.outlet_slug)
        )
        reps = (
            select(DocumentRow.outlet_slug, func.count(ReportRow.id))
            .join(ReportRow, ReportRow.doc_id == DocumentRow.id)
            .where(DocumentRow.outlet_slug.is_not(None))
            .group_by(DocumentRow.outlet_slug)
        )
        registry = select(OutletRow)
        if slug is not None:
            docs = docs.where(DocumentRow.outlet_slug == slug)
            reps = reps.where(DocumentRow.outlet_slug == slug)
            registry = registry.where(OutletRow.slug == slug)
        with self._read() as s:
            n_docs = {sl: (n, name) for sl, n, name in s.execute(docs)}
            n_reps: dict[str, int] = {sl: n for sl, n in s.execute(reps)}
            out = [
                OutletSummary(
                    o.name,
                    o.slug,
                    o.domain,
                    o.country,
                    o.grade,
                    o.description,
                    n_docs.get(o.slug, (0, None))[0],
                    n_reps.get(o.slug, 0),
                )
                for o in s.scalars(registry)
            ]
        registered = {o.slug for o in out}
        for sl, (n, name) in n_docs.items():  # outlets seen in documents but not registered
            if sl not in registered:
                out.append(
                    OutletSummary(name or sl, sl, None, None, None, None, n, n_reps.get(sl, 0))
                )
        out.sort(key=lambda o: (o.name.casefold(), o.slug))
        return out

    def list_outlets(self) -> list[OutletSummary]:
        """Registered outlets and every outlet documents came from, by name."""
        return self._outlet_summaries()

    def get_outlet(self, slug: str) -> OutletSummary | None:
        found = self._outlet_summaries(slugify(slug))
        return found[0] if found else None
