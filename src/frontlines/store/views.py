"""What the store's readers ask for (filters) and get back besides records (summaries)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from frontlines.records import Place


@dataclass
class EventFilter:
    """Filters shared by the web pages, their data twins and the exports; None = no filter."""

    since: date | None = None
    until: date | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    event_type: str | None = None  # an event type or a sub-event type
    actor: str | None = None  # name or slug; matches actor1 or actor2
    outlet: str | None = None  # name, slug or domain
    modality: str | None = None
    geonameid: int | None = None
    changed_since: datetime | None = None  # events whose content changed at/after this time


def _iso(v: date | None) -> str | None:
    return v.isoformat() if v else None


@dataclass
class PlaceSummary:
    place: Place
    n_events: int
    first_date: date | None
    last_date: date | None
    event_types: dict[str, int] = field(default_factory=dict)  # type -> events, most first

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.place.to_dict(),
            "n_events": self.n_events,
            "first_date": _iso(self.first_date),
            "last_date": _iso(self.last_date),
            "event_types": dict(self.event_types),
        }


@dataclass
class ActorSummary:
    name: str
    slug: str
    inter: int | None
    country: str | None
    n_events: int
    first_date: date | None
    last_date: date | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["first_date"], d["last_date"] = _iso(self.first_date), _iso(self.last_date)
        return d


@dataclass
class OutletSummary:
    name: str
    slug: str
    domain: str | None
    country: str | None
    grade: str | None
    description: str | None
    n_documents: int
    n_reports: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocumentInfo:
    """A stored document with the outlet it was linked to (registered slug and display name)."""

    id: str
    outlet: str | None  # the registered outlet's name, else what the document said
    outlet_slug: str | None
    published: datetime | None
    url: str | None
    title: str | None
    text: str = ""  # empty unless asked for

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d
