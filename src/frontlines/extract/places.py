"""Where each event happened: pick one of the document's toponyms (from the geo stage)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from frontlines.records import Location, Toponym

# Most specific first: a town beats a district, a district beats a region, a region a country.
_SPECIFICITY = {"P": 3.0, "S": 3.0, "L": 2.0, "T": 2.0, "H": 1.5, "V": 1.5, "R": 2.0, "U": 1.0}
_ADMIN = {"ADM1": 1.2, "ADM2": 1.8, "ADM3": 2.2, "ADM4": 2.4, "ADM5": 2.4, "ADMD": 1.8,
          "PCLI": 0.3, "PCL": 0.3, "PCLD": 0.3, "PCLIX": 0.3, "PCLF": 0.3, "PCLS": 0.3,
          "CONT": 0.1, "RGN": 1.0}
_LOCATIVE = re.compile(
    r"(?:\b(?:in|near|at|outside|into|to|from|on|of|around|towards?|vicinity of|outskirts of)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|district|area|province|region|governorate|municipality|state|county)\s+of\s+)?)$",
    re.IGNORECASE,
)


def _geo() -> Any:
    """The geo stage's functions, or None when it is not installed (extraction goes on)."""
    try:
        from frontlines.geo import GeoContext, geo_precision, geoparse
    except ImportError:
        try:
            from frontlines.geo.parse import GeoContext, geo_precision, geoparse
        except ImportError:
            return None
    return geoparse, geo_precision, GeoContext


def find_toponyms(text: str, spacy_doc: Any, countries: tuple[str, ...] = ()) -> list[Toponym]:
    geo = _geo()
    if geo is None:
        return []
    geoparse, _, GeoContext = geo
    return [t for t in geoparse(text, spacy_doc=spacy_doc, context=GeoContext(countries=countries))
            if t.place is not None]


def specificity(t: Toponym) -> float:
    p = t.place
    if p is None:
        return 0.0
    fc = p.feature_code or ""
    if fc in _ADMIN:
        return _ADMIN[fc]
    if fc.startswith("PCL"):
        return 0.3
    if fc.startswith("ADM"):
        return 2.0
    return _SPECIFICITY.get(fc[:1], 2.5) if fc else 2.5


def dominant_country(toponyms: list[Toponym]) -> str | None:
    counts = Counter(t.place.country_code for t in toponyms if t.place and t.place.country_code)
    return counts.most_common(1)[0][0] if counts else None


def pick_location(toponyms: list[Toponym], text: str, start: int, end: int) -> Location | None:
    """The event's place: toponyms inside its evidence span first, else the nearest before it.

    Inside the span, the most specific place wins, with a bonus for "in X" / "near X" /
    "the town of X" (the place of the event rather than the origin of an actor).
    """
    inside = [t for t in toponyms if start <= t.start < end]
    if not inside:
        before = [t for t in toponyms if t.end <= start]
        after = [t for t in toponyms if t.start >= end]
        if before:
            inside = [max(before, key=lambda t: t.start)]
        elif after:
            # the place is sometimes named only later ("... In Kanpur, two police ...")
            inside = [min(after, key=lambda t: t.start)]
        else:
            return None

    def score(t: Toponym) -> float:
        s = specificity(t)
        if _LOCATIVE.search(text[max(start, t.start - 40):t.start]):
            s += 1.0
        # ACLED-style notes put the place in parentheses after a town: "X (Y, Z)" -> X
        s -= 0.001 * (t.start - start) / max(1, end - start)
        return s

    best = max(inside, key=score)
    assert best.place is not None
    geo = _geo()
    precision = 1
    if geo is not None:
        sent = text[start:end] if start <= best.start < end else text[best.start:best.end]
        precision = geo[1](best, sent)
    return Location(place=best.place, mention=best.text, geo_precision=precision)
