"""How records look on pages and in JSON twins: colours, labels, summary dicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from frontlines.export import country_info
from frontlines.records import INTER_CODES, Event, slugify

# Okabe-Ito colours (readable with the common colour-vision deficiencies), one per ACLED type.
EVENT_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#0072B2",
    "Riots": "#56B4E9",
    "Strategic developments": "#009E73",
}
OTHER_COLOUR = "#666666"

MODALITY_TEXT: dict[str, str] = {
    "asserted": "reported as fact by the source",
    "claimed": "a claim attributed to someone (\u201cX says\u201d, \u201caccording to\u201d); not confirmed",
    "expected": "a prediction, plan or announcement (\u201cis expected to\u201d, \u201cwill\u201d); has not happened",
    "hypothetical": "a condition or possibility (\u201cif X falls\u201d); has not happened",
    "denied": "negated or refuted in the source (\u201cdid not\u201d, \u201cdenied\u201d)",
}

# SVG stroke-dasharray per modality: facts are solid and filled; what has not happened is hollow.
MODALITY_DASH: dict[str, str | None] = {
    "asserted": None,
    "claimed": None,
    "expected": "5 3",
    "hypothetical": "1.5 3",
    "denied": "3 3",
}
MODALITY_FILL: dict[str, float] = {
    "asserted": 0.85,
    "claimed": 0.3,
    "expected": 0.0,
    "hypothetical": 0.0,
    "denied": 0.0,
}

TERRITORY_SUBTYPES = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
)


def colour(event_type: str | None) -> str:
    return EVENT_COLOURS.get(event_type or "", OTHER_COLOUR)


def inter_label(code: int | None) -> str:
    return INTER_CODES.get(code, "") if code is not None else ""


def country_name(code: str | None) -> str:
    return country_info(code)[0] if code else ""


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def event_summary(event: Event) -> dict[str, Any]:
    """An event as a list item (no reports): what ``/events.json`` returns per event."""
    d = event.to_dict()
    d.pop("reports", None)
    d["url"] = f"/events/{event.id}"
    return d


@dataclass(frozen=True)
class MapPoint:
    """One marker: an event with a location, as the home page's table row and map marker."""

    id: str
    lat: float
    lon: float
    date: str
    event_type: str
    sub_event_type: str
    modality: str
    place: str
    actors: str
    fatalities: str
    colour: str


def map_points(events: list[Event]) -> list[MapPoint]:
    points = []
    for e in events:
        if e.location is None:
            continue
        p = e.location.place
        actors = " vs ".join(a.name for a in (e.actor1, e.actor2) if a is not None)
        points.append(
            MapPoint(
                id=e.id,
                lat=p.lat,
                lon=p.lon,
                date=iso(e.date) or "",
                event_type=e.event_type,
                sub_event_type=e.sub_event_type or "",
                modality=e.modality,
                place=p.name,
                actors=actors,
                fatalities="" if e.fatalities is None else str(e.fatalities),
                colour=colour(e.event_type),
            )
        )
    return points


def place_dict(summary: Any) -> dict[str, Any]:
    d = summary.place.to_dict()
    d.update(
        n_events=summary.n_events,
        first_date=iso(summary.first_date),
        last_date=iso(summary.last_date),
        event_types=dict(summary.event_types) if isinstance(summary.event_types, dict) else list(summary.event_types),
        url=f"/places/{summary.place.geonameid}",
    )
    return d


def actor_dict(summary: Any) -> dict[str, Any]:
    return {
        "name": summary.name,
        "slug": summary.slug,
        "inter": summary.inter,
        "inter_label": inter_label(summary.inter) or None,
        "country": summary.country,
        "n_events": summary.n_events,
        "first_date": iso(summary.first_date),
        "last_date": iso(summary.last_date),
        "url": f"/actors/{summary.slug}",
    }


def outlet_dict(summary: Any) -> dict[str, Any]:
    return {
        "name": summary.name,
        "slug": summary.slug,
        "domain": summary.domain,
        "country": summary.country,
        "grade": summary.grade,
        "description": summary.description,
        "n_documents": summary.n_documents,
        "n_reports": summary.n_reports,
        "url": f"/outlets/{summary.slug}",
    }


def outlet_slug(name: str | None) -> str | None:
    return slugify(name) if name else None
