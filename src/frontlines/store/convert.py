"""Records <-> table rows. Plain dicts of column values, so bulk inserts stay cheap."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from frontlines.records import (
    ActorRef,
    Attribution,
    Event,
    Evidence,
    Location,
    Place,
    Report,
    slugify,
)
from frontlines.store.models import EventRow, ReportRow

CHUNK = 500  # rows per IN (...) list / per batch of events when streaming


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """``items`` in lists of at most ``size``: an IN (...) list or a bulk insert each."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def url_host(url: str | None) -> str | None:
    """The host of a URL without "www.", lower-case; None without one."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None


def clean(text: str | None) -> str | None:
    """PostgreSQL refuses NUL characters in text; a same-length stand-in keeps offsets valid."""
    return text.replace("\x00", "\ufffd") if text else text


def _actor_cols(prefix: str, actor: ActorRef | None, *, slug: bool) -> dict[str, Any]:
    cols: dict[str, Any] = {
        f"{prefix}_name": clean(actor.name) if actor else None,
        f"{prefix}_mention": clean(actor.mention) if actor else None,
        f"{prefix}_inter": actor.inter if actor else None,
        f"{prefix}_country": actor.country if actor else None,
    }
    if slug:
        cols[f"{prefix}_slug"] = slugify(actor.name) if actor else None
    return cols


def _place_cols(loc: Location | None) -> dict[str, Any]:
    p = loc.place if loc else None
    return {
        "place_name": clean(p.name) if p else None,
        "place_mention": clean(loc.mention) if loc else None,
        "geonameid": p.geonameid if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "country_code": p.country_code.upper() if p and p.country_code else None,
        "admin1": p.admin1 if p else None,
        "feature_code": p.feature_code if p else None,
        "geo_precision": loc.geo_precision if loc else None,
    }


def report_row(doc_id: str, seq: int, r: Report) -> dict[str, Any]:
    return {
        "id": r.id,
        "doc_id": doc_id,
        "seq": seq,
        "event_type": r.event_type,
        "sub_event_type": r.sub_event_type,
        "tags": list(r.tags),
        **_actor_cols("actor1", r.actor1, slug=False),
        **_actor_cols("actor2", r.actor2, slug=False),
        **_place_cols(r.location),
        "date": r.date,
        "time_precision": r.time_precision,
        "fatalities": r.fatalities,
        "modality": r.modality,
        "outlet": r.attribution.outlet if r.attribution else None,
        "speaker": clean(r.attribution.speaker) if r.attribution else None,
        "evidence_start": r.evidence.start,
        "evidence_end": r.evidence.end,
        "evidence_text": clean(r.evidence.text) or "",
        "confidence": float(r.confidence),
    }


def _actor(row: Any, prefix: str) -> ActorRef | None:
    name = getattr(row, f"{prefix}_name")
    if name is None:
        return None
    return ActorRef(
        name,
        getattr(row, f"{prefix}_mention") or name,
        getattr(row, f"{prefix}_inter"),
        getattr(row, f"{prefix}_country"),
    )


def _location(row: Any) -> Location | None:
    if row.place_name is None or row.lat is None or row.lon is None:
        return None
    place = Place(
        row.geonameid,
        row.place_name,
        row.lat,
        row.lon,
        row.country_code or "",
        row.admin1,
        row.feature_code,
    )
    return Location(place, row.place_mention or row.place_name, row.geo_precision or 1)


def row_report(row: ReportRow) -> Report:
    attribution = None
    if row.outlet is not None or row.speaker is not None:
        attribution = Attribution(row.outlet, row.speaker)
    return Report(
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        evidence=Evidence(row.doc_id, row.evidence_start, row.evidence_end, row.evidence_text),
        tags=list(row.tags or []),
        actor1=_actor(row, "actor1"),
        actor2=_actor(row, "actor2"),
        location=_location(row),
        date=row.date,
        time_precision=row.time_precision,
        fatalities=row.fatalities,
        modality=row.modality,
        attribution=attribution,
        confidence=row.confidence,
    )


def event_row(e: Event) -> dict[str, Any]:
    """Column values of an event, without content_hash/updated_at."""
    return {
        "id": e.id,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "tags": list(e.tags),
        **_actor_cols("actor1", e.actor1, slug=True),
        **_actor_cols("actor2", e.actor2, slug=True),
        **_place_cols(e.location),
        "date": e.date,
        "time_precision": e.time_precision,
        "fatalities": e.fatalities,
        "fatalities_low": e.fatalities_low,
        "fatalities_high": e.fatalities_high,
        "modality": e.modality,
        "outlets": list(e.outlets),
        "n_reports": len(e.reports),
    }


def content_hash(values: dict[str, Any], report_ids: list[str], outlet_slugs: list[str]) -> str:
    """What decides whether an event changed between two fuse runs (and so its updated_at)."""
    payload = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}
    payload["_reports"] = report_ids
    payload["_outlets"] = outlet_slugs
    blob = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def row_event(row: EventRow, reports: list[Report] | None = None) -> Event:
    return Event(
        id=row.id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        reports=list(reports or []),
        tags=list(row.tags or []),
        actor1=_actor(row, "actor1"),
        actor2=_actor(row, "actor2"),
        location=_location(row),
        date=row.date,
        time_precision=row.time_precision,
        fatalities=row.fatalities,
        fatalities_low=row.fatalities_low,
        fatalities_high=row.fatalities_high,
        modality=row.modality,
        outlets=list(row.outlets or []),
    )
