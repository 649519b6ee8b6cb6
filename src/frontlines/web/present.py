"""How records look on pages and in JSON twins: colours, labels, summary dicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from frontlines.export import country_info
from frontlines.picture.rules import load_rules
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
    precision: int = 1  # ACLED geo precision: 1 town, 2 near a town / part of a region, 3 region or country


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
                precision=e.location.geo_precision or 1,
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


# What the event is, as a page title. ACLED's "Other" says nothing on its own, so the type and its
# tags stand in for it.
MODALITY_HEADLINE: dict[str, str] = {
    "claimed": "Claimed",
    "expected": "Expected, not happened",
    "hypothetical": "Hypothetical, not happened",
    "denied": "Denied",
}

# The Admiralty (NATO) source-reliability scale, as the grading rules in use word it.
GRADE_TEXT: dict[str, str] = load_rules().grade_labels

PRECISION_TEXT: dict[int, str] = {
    1: "town",
    2: "near a town or part of a region",
    3: "region or country only",
}

# GeoNames feature codes that name an area rather than a point (the marker is only its centre).
AREA_FEATURES: dict[str, str] = {
    "PCLI": "country",
    "PCLD": "dependent territory",
    "PCLS": "semi-independent territory",
    "PCLF": "freely associated state",
    "PCL": "country",
    "ADM1": "province",
    "ADM2": "district",
    "ADM3": "sub-district",
    "RGN": "region",
}


def what(event: Any) -> str:
    """``Attack``, ``Strategic developments (displacement, retreat)``: the kind of event, in words."""
    sub = event.sub_event_type
    if sub and sub != "Other":
        return sub
    tags = ", ".join(event.tags or [])
    return f"{event.event_type} ({tags})" if tags else f"{event.event_type} (other)"


def headline(event: Any) -> str:
    """The event's title, never reading as a fact when it is not one."""
    text = what(event)
    if event.location is not None:
        text += f" in {event.location.place.name}"
    if event.date is not None:
        text += f", {event.date.isoformat()}"
    prefix = MODALITY_HEADLINE.get(event.modality)
    return f"{prefix}: {text}" if prefix else text


def grade_label(grade: str | None) -> str:
    if not grade:
        return "not graded"
    return f"{grade} · {GRADE_TEXT[grade]}" if grade in GRADE_TEXT else grade


def area_kind(feature_code: str | None) -> str | None:
    return AREA_FEATURES.get(feature_code or "")


@dataclass(frozen=True)
class Voice:
    """Who says so, for one report: the outlet that published it and the speaker it quotes."""

    outlet: str | None
    speaker: str | None
    modality: str
    published: date | None


def voices(reports: list[Any], outlets: list[str | None], published: list[Any]) -> list[Voice]:
    """One ``Voice`` per report (same order); ``outlets`` and ``published`` come from the documents."""
    out = []
    for report, outlet, when in zip(reports, outlets, published, strict=True):
        speaker = report.attribution.speaker if report.attribution else None
        out.append(Voice(outlet, speaker, report.modality, when.date() if isinstance(when, datetime) else when))
    return out


def modality_counts(reports: list[Any]) -> list[tuple[str, int]]:
    """How many reports carry each modality, in the order of ``MODALITY_TEXT``."""
    counts: dict[str, int] = {}
    for r in reports:
        counts[r.modality] = counts.get(r.modality, 0) + 1
    return [(m, counts[m]) for m in MODALITY_TEXT if m in counts]


@dataclass(frozen=True)
class Attributed:
    """Reports that give the same speaker and modality, and the outlets that carried them."""

    speaker: str | None
    modality: str
    outlets: tuple[str | None, ...]


def attributions(all_voices: list[Voice]) -> list[Attributed]:
    """Voices grouped by (speaker, modality), in the order they first appear."""
    groups: dict[tuple[str | None, str], list[str | None]] = {}
    for v in all_voices:
        outlets = groups.setdefault((v.speaker, v.modality), [])
        if v.outlet not in outlets:
            outlets.append(v.outlet)
    return [Attributed(speaker, modality, tuple(o)) for (speaker, modality), o in groups.items()]


def page_window(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last and ``around`` either side of this one; None is a gap."""
    wanted = {1, pages, *range(max(1, page - around), min(pages, page + around) + 1)}
    out: list[int | None] = []
    for n in sorted(wanted):
        if out and out[-1] is not None and n > out[-1] + 1:
            out.append(None)
        out.append(n)
    return out


# ---------------------------------------------------------------- the situation picture

# The Admiralty (NATO) information-credibility scale, as the grading rules in use word it.
CREDIBILITY_TEXT: dict[int, str] = load_rules().credibility_labels

CONTROL_STATUS_TEXT: dict[str, str] = {
    "held": "held (assessed: credible, corroborated reports)",
    "claimed": "claimed (by one side or one outlet; not corroborated)",
    "contested": "contested (fighting, or the reports disagree)",
    "unknown": "unknown",
}

# Colours for who holds a place (Paul Tol's "muted" set): apart from the event-type colours, so a
# shaded place never reads as an event marker.
CONTROL_COLOURS: tuple[str, ...] = (
    "#332288", "#117733", "#882255", "#44AA99", "#999933", "#AA4499", "#88CCEE", "#DDCC77", "#CC6677",
)
CONTESTED_COLOUR = "#8a8a8a"


def credibility_label(grade: int | None) -> str:
    if grade is None:
        return "not graded"
    return f"{grade} · {CREDIBILITY_TEXT.get(grade, '')}"


def jsonable(value: Any) -> Any:
    """Records of the picture (dataclasses, dates, tuples) as plain JSON values."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def control_colours(actors: list[str | None]) -> dict[str, str]:
    """A colour per controlling actor, the most frequent first, stable for one picture."""
    counts: dict[str, int] = {}
    for a in actors:
        if a:
            counts[a] = counts.get(a, 0) + 1
    ordered = sorted(counts, key=lambda a: (-counts[a], a))
    return {a: CONTROL_COLOURS[i % len(CONTROL_COLOURS)] for i, a in enumerate(ordered)}


def change_kind(change: Any) -> str:
    """``taken by X``, ``held by X``, ``contested``: one control change in words."""
    if change.gaining and change.losing:
        return "taken"
    if change.gaining:
        return "held"
    return "contested"
