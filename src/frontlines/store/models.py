"""Tables of the store (SQLAlchemy 2 typed ORM). The schema itself is created by the Alembic
migrations in ``migrations/versions``; a test checks that these models and the migrations agree.

Events, event_reports, event_outlets and places are derived data: ``Store.fuse`` rebuilds them
from documents and reports, which are the primary record (the part a write can touch, listed in
``fuse_queue``, or all of them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    literal_column,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Explicit constraint names so that migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (SQLite has no time zones); read back as tz-aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _date_desc() -> ColumnElement[date]:
    # The list order's date part: undated events last. Migration 0002 leaves out NULLS LAST on
    # SQLite, which refuses it in an index and sorts NULL last in a DESC column anyway; the
    # migrations, not create_all, make the schema, and the models-match test passes on both.
    return literal_column("date").desc().nulls_last()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    outlet_slug: Mapped[str | None] = mapped_column(String(300), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReportRow(Base):
    __tablename__ = "reports"
    # A fuse finds the reports near a changed one by type and date (migration 0004).
    __table_args__ = (Index("ix_reports_event_type_date", "event_type", "date"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # order within its document (salience)
    event_type: Mapped[str] = mapped_column(String(64))
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    actor1_name: Mapped[str | None] = mapped_column(String(300))
    actor1_mention: Mapped[str | None] = mapped_column(Text)
    actor1_inter: Mapped[int | None] = mapped_column(Integer)
    actor1_country: Mapped[str | None] = mapped_column(String(8))
    actor2_name: Mapped[str | None] = mapped_column(String(300))
    actor2_mention: Mapped[str | None] = mapped_column(Text)
    actor2_inter: Mapped[int | None] = mapped_column(Integer)
    actor2_country: Mapped[str | None] = mapped_column(String(8))
    place_name: Mapped[str | None] = mapped_column(String(300))
    place_mention: Mapped[str | None] = mapped_column(Text)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country_code: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(String(300))
    feature_code: Mapped[str | None] = mapped_column(String(16))
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    modality: Mapped[str] = mapped_column(String(16))
    outlet: Mapped[str | None] = mapped_column(String(300))  # attribution.outlet
    speaker: Mapped[str | None] = mapped_column(Text)  # attribution.speaker
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_country_code_admin1", "country_code", "admin1"),
        # Filter columns, then the list order (migrations 0002, 0003): a page is read off the
        # index, and a count of its matches too.
        *(
            Index(name, *columns, _date_desc(), "id")
            for name, columns in (
                ("ix_events_date_desc_id", ()),
                ("ix_events_country_code_date", ("country_code",)),
                ("ix_events_event_type_date", ("event_type",)),
                ("ix_events_sub_event_type_date", ("sub_event_type",)),
                ("ix_events_actor1_slug_date", ("actor1_slug",)),
                ("ix_events_actor2_slug_date", ("actor2_slug",)),
                ("ix_events_geonameid_date", ("geonameid",)),
                ("ix_events_country_code_event_type_date", ("country_code", "event_type")),
            )
        ),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    actor1_name: Mapped[str | None] = mapped_column(String(300))
    actor1_slug: Mapped[str | None] = mapped_column(String(300))
    actor1_mention: Mapped[str | None] = mapped_column(Text)
    actor1_inter: Mapped[int | None] = mapped_column(Integer)
    actor1_country: Mapped[str | None] = mapped_column(String(8))
    actor2_name: Mapped[str | None] = mapped_column(String(300))
    actor2_slug: Mapped[str | None] = mapped_column(String(300))
    actor2_mention: Mapped[str | None] = mapped_column(Text)
    actor2_inter: Mapped[int | None] = mapped_column(Integer)
    actor2_country: Mapped[str | None] = mapped_column(String(8))
    place_name: Mapped[str | None] = mapped_column(String(300))
    place_mention: Mapped[str | None] = mapped_column(Text)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country_code: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(String(300))
    feature_code: Mapped[str | None] = mapped_column(String(16))
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    modality: Mapped[str] = mapped_column(String(16), index=True)
    outlets: Mapped[list[str]] = mapped_column(JSON, default=list)  # names, for display
    n_reports: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class EventReportRow(Base):
    __tablename__ = "event_reports"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    report_id: Mapped[str] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class EventOutletRow(Base):
    """Which outlets support which event: what the ``outlet`` filter searches."""

    __tablename__ = "event_outlets"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    outlet_slug: Mapped[str] = mapped_column(String(300), primary_key=True, index=True)


class OutletRow(Base):
    __tablename__ = "outlets"

    slug: Mapped[str] = mapped_column(String(300), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str | None] = mapped_column(String(300), index=True)
    country: Mapped[str | None] = mapped_column(String(8))
    grade: Mapped[str | None] = mapped_column(String(8))
    description: Mapped[str | None] = mapped_column(Text)


class ActorRow(Base):
    __tablename__ = "actors"

    slug: Mapped[str] = mapped_column(String(300), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    inter: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(8))


class PlaceRow(Base):
    """Places events happened at (GeoNames ids only), refreshed by ``Store.fuse``."""

    __tablename__ = "places"

    geonameid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(300))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    country_code: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(String(300))
    feature_code: Mapped[str | None] = mapped_column(String(16))


class StoreStateRow(Base):
    """One row: the store's revision, raised by every write transaction (migration 0003)."""

    __tablename__ = "store_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(BigInteger)
    # The next fuse() rebuilds every event (migration 0004).
    fuse_full: Mapped[bool] = mapped_column(Boolean, server_default=true())


class FuseQueueRow(Base):
    """What the next ``Store.fuse`` must look at: a document whose reports were written
    ("doc") or an event that held a report since replaced or removed ("event")."""

    __tablename__ = "fuse_queue"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
