"""What the situation picture says: plain dataclasses with ``to_dict`` for the JSON twins."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from frontlines.records import _iso


@dataclass
class Credibility:
    """Admiralty information-credibility grade of one event (1 confirmed ... 6 cannot be judged)."""

    event_id: str
    grade: int
    label: str
    independent_outlets: int  # independent sources supporting the event (copies counted once)
    copies: int  # outlets whose support was a copy of another's story, not counted
    denials: int  # independent voices denying it
    reason: str
    sources: list[str] = field(default_factory=list)  # names of the independent sources counted
    copied_from: dict[str, str] = field(default_factory=dict)  # copying outlet -> original outlet

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class OutletRecord:
    """An outlet's grade and track record: what became of its statements in the record."""

    slug: str
    name: str
    grade: str  # A-F (the default grade when none is set)
    grade_label: str
    graded: bool  # False when the grade is the default, not set for this outlet
    n_reports: int  # statements of fact or denial (asserted, claimed, denied)
    corroborated: int  # ... supported by at least one other independent source, not contradicted
    contradicted: int  # ... on the weaker side of a contradiction
    uncorroborated: int  # ... neither
    copies: int = 0  # statements that copied another outlet's story (not independent)
    predictions: int = 0  # expected or hypothetical statements (not graded)
    n_documents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ContradictionSide:
    outlet: str
    modality: str
    statement: str  # the evidence sentence
    report_id: str
    event_id: str
    position: str = ""  # what this side says, in a few words ("taken by Islamic State", "67 killed")
    doc_id: str = ""
    prevails: bool | None = None  # True/False when one position has more independent sources

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Contradiction:
    id: str
    kind: Literal["outcome", "denial", "fatalities", "date"]
    summary: str
    sides: list[ContradictionSide]
    event_ids: list[str] = field(default_factory=list)
    place: str | None = None
    date: date | None = None
    best: int | None = None  # fatalities kind: the conservative figure, and the range
    low: int | None = None
    high: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = _iso(self.date)
        d["sides"] = [s.to_dict() for s in self.sides]
        return d


@dataclass
class Alert:
    id: str
    kind: Literal["momentum", "intervention"]
    date: date
    actor: str
    summary: str
    event_ids: list[str]
    place_ids: list[int]
    status: Literal["assessed", "claimed", "expected"]
    places: list[str] = field(default_factory=list)  # names, same order as place_ids
    lat: float | None = None  # a point for GeoRSS: the latest place concerned
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = _iso(self.date)
        return d


@dataclass
class SitrepLine:
    text: str  # one sentence
    event_ids: list[str]
    outlets: list[str]
    modality: str  # asserted | claimed | expected | disputed | mixed
    credibility: int | None = None  # the best (lowest) grade among the events cited
    kind: str = "event"  # event | control | alert | figure

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Sitrep:
    day: date
    period: Literal["daily", "weekly"]
    since: date
    title: str
    highlights: list[SitrepLine]
    key_figures: dict[str, int]
    by_area: dict[str, list[SitrepLine]]
    outlook: list[SitrepLine]
    sources: list[str]
    event_ids: list[str] = field(default_factory=list)  # every event cited

    def lines(self) -> list[SitrepLine]:
        """Every line of the report, in reading order."""
        out = list(self.highlights)
        for area_lines in self.by_area.values():
            out.extend(area_lines)
        out.extend(self.outlook)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "period": self.period,
            "since": self.since.isoformat(),
            "title": self.title,
            "highlights": [x.to_dict() for x in self.highlights],
            "key_figures": dict(self.key_figures),
            "by_area": {k: [x.to_dict() for x in v] for k, v in self.by_area.items()},
            "outlook": [x.to_dict() for x in self.outlook],
            "sources": list(self.sources),
            "event_ids": list(self.event_ids),
        }
