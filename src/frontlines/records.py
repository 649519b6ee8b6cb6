"""Typed records passed between the stages (see DESIGN.md, "Vocabulary").

Every record is a plain dataclass with ``to_dict``/``from_dict`` so that it can cross a
process boundary (multiprocessing, Dask) or be written as JSON without a custom encoder.
Dates are ``datetime.date`` / ``datetime.datetime`` objects in memory and ISO 8601 strings
in dicts; numbers stay numbers.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

# ACLED's taxonomy: 6 event types and their 25 sub-event types.
TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPES: tuple[str, ...] = tuple(TAXONOMY)
SUB_EVENT_TYPES: dict[str, str] = {sub: et for et, subs in TAXONOMY.items() for sub in subs}

Modality = Literal["asserted", "claimed", "expected", "hypothetical", "denied"]
MODALITIES: tuple[str, ...] = ("asserted", "claimed", "expected", "hypothetical", "denied")

# ACLED "inter" codes for actor types.
INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _parse_datetime(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    else:
        text = str(value).replace("Z", "+00:00")
        dt = datetime.fromisoformat(text) if len(text) > 10 else datetime.fromisoformat(text + "T00:00:00")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def normalise_text(text: str) -> str:
    """The form of a text that decides whether two documents are the same article."""
    return " ".join(text.split()).casefold()


def document_id(text: str) -> str:
    """Stable id of a document: a hash of its normalised text (same article, same id)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """One ingested article."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: datetime | None = None  # UTC, tz-aware
    language: str = "en"
    source: str | None = None  # where it was read from (path, URL, feed URL)

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Document:
        meta = dict(meta)
        meta["published"] = _parse_datetime(meta.get("published"))
        return cls(id=document_id(text), text=text, **meta)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = _iso(self.published)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        d = dict(d)
        d["published"] = _parse_datetime(d.get("published"))
        return cls(**d)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry (GeoNames where the id is known)."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str | None = None
    feature_code: str | None = None  # GeoNames feature code: PCLI, ADM1, PPLC, PPL, ...
    population: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Toponym:
    """A place name found in a text (character offsets) and what it resolved to."""

    start: int
    end: int
    text: str
    place: Place | None
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The ``geoparse`` contract shape (DESIGN.md)."""
        p = self.place
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "geonameid": p.geonameid if p else None,
            "name": p.name if p else self.text,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "country_code": p.country_code if p else None,
            "feature_code": p.feature_code if p else None,
            "score": round(self.score, 4),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Toponym:
        place = None
        if d.get("lat") is not None:
            place = Place(
                geonameid=d.get("geonameid"),
                name=d["name"],
                lat=d["lat"],
                lon=d["lon"],
                country_code=d.get("country_code") or "",
                admin1=d.get("admin1"),
                feature_code=d.get("feature_code"),
            )
        return cls(d["start"], d["end"], d["text"], place, d.get("score", 0.0))


@dataclass
class Location:
    """Where an event happened: a resolved place, the words that named it, ACLED precision."""

    place: Place
    mention: str
    geo_precision: int = 1  # 1 town, 2 near a town / part of a region, 3 region

    def to_dict(self) -> dict[str, Any]:
        """The ``annotate`` contract shape of ``location``."""
        p = self.place
        return {
            "name": p.name,
            "mention": self.mention,
            "geonameid": p.geonameid,
            "lat": p.lat,
            "lon": p.lon,
            "country_code": p.country_code,
            "admin1": p.admin1,
            "geo_precision": self.geo_precision,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        place = Place(
            geonameid=d.get("geonameid"),
            name=d["name"],
            lat=d["lat"],
            lon=d["lon"],
            country_code=d.get("country_code") or "",
            admin1=d.get("admin1"),
            feature_code=d.get("feature_code"),
        )
        return cls(place=place, mention=d.get("mention", d["name"]), geo_precision=d.get("geo_precision", 1))


@dataclass
class ActorRef:
    """An actor as named in a report, linked to the actor dictionary's canonical name."""

    name: str  # canonical name from the actor dictionary (or the mention, if unknown)
    mention: str  # the words in the text
    inter: int | None = None  # ACLED inter code 1-8
    country: str | None = None  # ISO alpha-2

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "mention": self.mention, "inter": self.inter}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ActorRef:
        return cls(d["name"], d.get("mention", d["name"]), d.get("inter"), d.get("country"))


@dataclass
class Attribution:
    outlet: str | None = None
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "speaker": self.speaker}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(d.get("outlet"), d.get("speaker"))


@dataclass
class Evidence:
    """The sentence a report was read from: document id and character offsets into its text."""

    doc_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Report:
    """One statement in one document about one event."""

    event_type: str
    sub_event_type: str | None
    evidence: Evidence
    tags: list[str] = field(default_factory=list)
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    location: Location | None = None
    date: date | None = None
    time_precision: int | None = None  # 1 day, 2 week, 3 month (ACLED)
    fatalities: int | None = None
    modality: str = "asserted"
    attribution: Attribution | None = None
    confidence: float = 0.5

    @property
    def id(self) -> str:
        """Stable id: the document and the character span it was read from, plus its type."""
        key = f"{self.evidence.doc_id}:{self.evidence.start}:{self.evidence.end}:{self.event_type}:{self.sub_event_type}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def to_annotation(self) -> dict[str, Any]:
        """The ``annotate`` contract shape of one event (DESIGN.md); no document id."""
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "tags": list(self.tags),
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "date": _iso(self.date),
            "time_precision": self.time_precision,
            "fatalities": self.fatalities,
            "modality": self.modality,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 4),
        }

    def to_dict(self) -> dict[str, Any]:
        d = self.to_annotation()
        d["id"] = self.id
        d["doc_id"] = self.evidence.doc_id
        if self.actor1:
            d["actor1"]["country"] = self.actor1.country
        if self.actor2:
            d["actor2"]["country"] = self.actor2.country
        if self.location:
            d["location"]["feature_code"] = self.location.place.feature_code
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        ev = d["evidence"]
        return cls(
            event_type=d["event_type"],
            sub_event_type=d.get("sub_event_type"),
            evidence=Evidence(d.get("doc_id") or ev.get("doc_id", ""), ev["start"], ev["end"], ev["text"]),
            tags=list(d.get("tags") or []),
            actor1=ActorRef.from_dict(d["actor1"]) if d.get("actor1") else None,
            actor2=ActorRef.from_dict(d["actor2"]) if d.get("actor2") else None,
            location=Location.from_dict(d["location"]) if d.get("location") else None,
            date=_parse_date(d.get("date")),
            time_precision=d.get("time_precision"),
            fatalities=d.get("fatalities"),
            modality=d.get("modality", "asserted"),
            attribution=Attribution.from_dict(d["attribution"]) if d.get("attribution") else None,
            confidence=d.get("confidence", 0.5),
        )


@dataclass
class Event:
    """One real-world happening, fused from one or more reports (possibly from several outlets)."""

    id: str
    event_type: str
    sub_event_type: str | None
    reports: list[Report]
    tags: list[str] = field(default_factory=list)
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    location: Location | None = None
    date: date | None = None
    time_precision: int | None = None
    fatalities: int | None = None  # best estimate (ACLED: the most conservative credible figure)
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    modality: str = "asserted"
    outlets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "tags": list(self.tags),
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "date": _iso(self.date),
            "time_precision": self.time_precision,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "modality": self.modality,
            "outlets": list(self.outlets),
            "reports": [r.to_dict() for r in self.reports],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"],
            event_type=d["event_type"],
            sub_event_type=d.get("sub_event_type"),
            reports=[Report.from_dict(r) for r in d.get("reports", [])],
            tags=list(d.get("tags") or []),
            actor1=ActorRef.from_dict(d["actor1"]) if d.get("actor1") else None,
            actor2=ActorRef.from_dict(d["actor2"]) if d.get("actor2") else None,
            location=Location.from_dict(d["location"]) if d.get("location") else None,
            date=_parse_date(d.get("date")),
            time_precision=d.get("time_precision"),
            fatalities=d.get("fatalities"),
            fatalities_low=d.get("fatalities_low"),
            fatalities_high=d.get("fatalities_high"),
            modality=d.get("modality", "asserted"),
            outlets=list(d.get("outlets") or []),
        )


@dataclass
class ControlChange:
    """A change of who holds a place, derived from territory-changing events."""

    place: Place
    gaining: str | None
    losing: str | None
    date: date | None
    status: Literal["assessed", "claimed"]
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "geonameid": p.geonameid,
            "place": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "country_code": p.country_code,
            "admin1": p.admin1,
            "gaining": self.gaining,
            "losing": self.losing,
            "date": _iso(self.date),
            "status": self.status,
            "event_ids": list(self.event_ids),
        }


def slugify(name: str) -> str:
    """URL-safe, stable slug of a name (actors, outlets)."""
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"
