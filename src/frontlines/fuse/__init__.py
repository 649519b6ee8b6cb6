"""fuse stage: many reports about one real-world happening become one Event.

Pure code, no database. ``fuse_reports`` takes reports with the metadata of the document each
was read from and returns Events; the same set of inputs always gives the same Events with the
same ids, whatever the input order.

How two reports are judged to describe the same event (``compatible``):

* **modality group**: ``asserted`` and ``claimed`` reports fuse together (one outlet's fact is
  another's "according to"); ``expected`` reports fuse only with ``expected`` ones and
  ``hypothetical`` only with ``hypothetical`` ones, so a prediction never inflates a real event.
  ``denied`` reports are handled last: each attaches to the best matching asserted/claimed event,
  which keeps its modality and gains the tag ``disputed``; a denial that matches nothing becomes
  its own ``denied`` event.
* **type**: same event type, and the same sub-event type unless both fall in one of the
  ``COMPATIBLE_SUB_TYPES`` groups: the three Battles sub-types (an "armed clash" and a
  "non-state actor overtakes territory" at the same place and dates are the same battle told by
  two outlets, and the vote decides which label wins) and air/drone strike vs
  shelling/artillery/missile attack (outlets often cannot tell a missile from a bomb).
  A missing sub-type matches any. Strategic developments with finer tags (``retreat``,
  ``deployment``...) need a common tag when both carry one.
* **actors**: each side's actors agree with the other's, straight or swapped (outlets name the
  attacker first or second); a missing actor or an "unidentified ..." one matches anything.
* **place**: same GeoNames id, or within ``NEAR_KM`` (25 km; 50 km when either is only "near"
  a town, geo_precision 2). A region- or country-level place matches any place inside it (same
  country, same admin1 when both are known). A report without a place fuses only where both
  reports share a named actor.
* **date**: within a window of 2 days (1 week when either date is only known to the week,
  1 month when only to the month). A report without its own date uses its document's
  publication date with a 3-day window; a report with neither fuses only with others like it.
* **same document**: two reports read from one document fuse only when they agree exactly
  (same sub-type, place and date): an article that mentions one strike twice gives one event,
  an article listing two strikes on one day in two towns gives two.

Clusters are grown greedily in a canonical order (publication time, or for a document without
one the time a store took it in, then document id, evidence offset, report id); a report joins
the best-scoring cluster whose every member is compatible with it (complete linkage, so a chain
of near matches cannot drag far-apart reports together).

Fused values: type and sub-type by a confidence-weighted vote; actors by a weighted vote per
side (named actors beat "unidentified"); the most specific location (lowest geo_precision, a town
before a region, then the vote); the earliest date among those with the finest time precision;
fatalities = the lowest reported figure (ACLED's conservative rule), low/high = min/max; tags =
union; outlets = every outlet of every attached report. Denied reports take part in none of the
votes. The Event id is a hash of the id of the cluster's earliest non-denied report in the
canonical order, so it survives re-runs and later reports joining the cluster.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from frontlines.geo.gazetteer import distance_km
from frontlines.records import ActorRef, Event, Location, Report
from frontlines.records import slugify as _slugify_uncached

__all__ = [
    "COMPATIBLE_SUB_TYPES",
    "DAY_WINDOW",
    "PUBLISHED_WINDOW",
    "DocMeta",
    "compatible",
    "document_key",
    "event_id_for",
    "fuse_reports",
    "refuse",
    "report_day",
    "touching",
]

NEAR_KM = 25.0
NEAR_KM_COARSE = 50.0
DAY_WINDOW = {1: 2, 2: 7, 3: 31}  # time_precision -> days
PUBLISHED_WINDOW = 3  # days, when only the publication date is known

COMPATIBLE_SUB_TYPES: tuple[frozenset[str], ...] = (
    frozenset(
        {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
    ),
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
)
# Feature codes of places that are areas, not points: they contain other places.
_AREA_CODES = ("PCL", "ADM", "RGN", "TERR", "ZN")
_MODALITY_GROUP = {
    "asserted": "fact",
    "claimed": "fact",
    "expected": "expected",
    "hypothetical": "hypothetical",
    "denied": "denied",
}
_MODALITY_RANK = ("asserted", "claimed", "expected", "hypothetical", "denied")
_EPOCH_MAX = datetime.max.replace(tzinfo=UTC)

# Actor names repeat across thousands of reports; slugify is the hot spot of comparisons.
slugify = functools.lru_cache(maxsize=65536)(_slugify_uncached)


@dataclass(frozen=True)
class DocMeta:
    """What fusion needs to know about the document a report was read from."""

    doc_id: str
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    # When a store took the document in: orders a document with no publication time among the
    # others (it is never a day to compare by). Without either, a document sorts last.
    seen: datetime | None = None


@dataclass
class _Item:
    """One report with what the comparisons need, computed once."""

    report: Report
    meta: DocMeta
    key: tuple
    day: date | None  # the report's date, else its document's publication date
    window: int  # days of tolerance around ``day``
    actors: tuple[str, ...]  # slugs of named actors, "" for missing/unidentified

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id or self.report.evidence.doc_id


@dataclass
class _Cluster:
    group: str
    items: list[_Item] = field(default_factory=list)
    denials: list[_Item] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# comparisons


def _actor_key(actor: ActorRef | None) -> str:
    if actor is None or not actor.name.strip():
        return ""
    if "unidentified" in actor.name.casefold() or "unknown" in actor.name.casefold():
        return ""
    return slugify(actor.name)


def _actors_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    def same(x: str, y: str) -> bool:
        return not x or not y or x == y

    straight = same(a[0], b[0]) and same(a[1], b[1])
    swapped = same(a[0], b[1]) and same(a[1], b[0])
    return straight or swapped


def _actors_swapped(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when b's actors line up with a's only (or better) after swapping sides."""
    straight = sum(1 for x, y in zip(a, b) if x and x == y)
    swapped = sum(1 for x, y in zip(a, reversed(b)) if x and x == y)
    return swapped > straight


def _shared_named_actor(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool({x for x in a if x} & {y for y in b if y})


def _is_area(loc: Location) -> bool:
    code = (loc.place.feature_code or "").upper()
    return loc.geo_precision >= 3 or code.startswith(_AREA_CODES)


def _km(a: Location, b: Location) -> float:
    return distance_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)


def _area_contains(area: Location, other: Location) -> bool:
    pa, po = area.place, other.place
    if not pa.country_code or pa.country_code.upper() != (po.country_code or "").upper():
        return False
    if (pa.feature_code or "").upper().startswith("PCL"):
        return True
    if pa.admin1 and po.admin1:
        return pa.admin1.casefold() == po.admin1.casefold()
    return True


def _places_agree(a: Location, b: Location) -> bool:
    if a.place.geonameid is not None and a.place.geonameid == b.place.geonameid:
        return True
    if _is_area(a) or _is_area(b):
        return _area_contains(a, b) if _is_area(a) else _area_contains(b, a)
    limit = NEAR_KM_COARSE if max(a.geo_precision, b.geo_precision) >= 2 else NEAR_KM
    return _km(a, b) <= limit


def _sub_types_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return any(a in group and b in group for group in COMPATIBLE_SUB_TYPES)


def _types_agree(a: Report, b: Report) -> bool:
    if a.event_type != b.event_type or not _sub_types_agree(a.sub_event_type, b.sub_event_type):
        return False
    if a.event_type == "Strategic developments" and a.tags and b.tags:
        return bool(set(a.tags) & set(b.tags))
    return True


def _dates_agree(a: _Item, b: _Item) -> bool:
    if a.day is None or b.day is None:
        return a.day is None and b.day is None
    return abs((a.day - b.day).days) <= max(a.window, b.window)


def _compatible_items(a: _Item, b: _Item, *, same_doc_strict: bool = True) -> bool:
    ra, rb = a.report, b.report
    if not _types_agree(ra, rb) or not _dates_agree(a, b) or not _actors_agree(a.actors, b.actors):
        return False
    la, lb = ra.location, rb.location
    if la is None or lb is None:
        if not _shared_named_actor(a.actors, b.actors):
            return False
    elif not _places_agree(la, lb):
        return False
    if same_doc_strict and a.doc_id == b.doc_id:
        same_place = (la is None and lb is None) or (
            la is not None
            and lb is not None
            and la.place.geonameid == lb.place.geonameid
            and la.place.name == lb.place.name
        )
        return ra.sub_event_type == rb.sub_event_type and same_place and a.day == b.day
    return True


def compatible(a: tuple[Report, DocMeta], b: tuple[Report, DocMeta]) -> bool:
    """Whether two reports can describe the same event, ignoring modality (see module doc)."""
    return _compatible_items(_item(*a), _item(*b))


def _score(item: _Item, cluster: _Cluster) -> float:
    """How well a report fits a cluster it is compatible with; higher is better."""
    score = 0.0
    for other in cluster.items:
        r, o = item.report, other.report
        score += 1.0 if r.sub_event_type == o.sub_event_type else 0.0
        if r.location and o.location:
            if (
                r.location.place.geonameid is not None
                and r.location.place.geonameid == o.location.place.geonameid
            ):
                score += 2.0
            elif not (_is_area(r.location) or _is_area(o.location)):
                score += max(0.0, 1.0 - _km(r.location, o.location) / NEAR_KM_COARSE)
        score += 1.0 * len({x for x in item.actors if x} & {y for y in other.actors if y})
        if item.day and other.day:
            score += 1.0 / (1 + abs((item.day - other.day).days))
    return score / len(cluster.items)


# ---------------------------------------------------------------------------------------------
# clustering


def _sort_key(report: Report, meta: DocMeta) -> tuple:
    return (
        *document_key(meta.published or meta.seen, meta.doc_id or report.evidence.doc_id),
        report.evidence.start,
        report.evidence.end,
        report.id,
    )


def _item(report: Report, meta: DocMeta) -> _Item:
    if report.date is not None:
        day: date | None = report.date
        window = DAY_WINDOW.get(report.time_precision or 1, DAY_WINDOW[1])
    elif meta.published is not None:
        day, window = meta.published.date(), PUBLISHED_WINDOW
    else:
        day, window = None, 0
    return _Item(
        report,
        meta,
        _sort_key(report, meta),
        day,
        window,
        (_actor_key(report.actor1), _actor_key(report.actor2)),
    )


_CELL_DEG = 0.5  # grid cell for spatial blocking: 0.5 degree of latitude is ~55 km > NEAR_KM_COARSE


def _spatial_key(loc: Location | None) -> tuple:
    if loc is None:
        return ("none",)
    if _is_area(loc):
        return ("area", (loc.place.country_code or "").upper())
    cells_per_turn = round(360 / _CELL_DEG)
    return (
        "cell",
        math.floor(loc.place.lat / _CELL_DEG),
        math.floor(loc.place.lon / _CELL_DEG) % cells_per_turn,
    )


def _lon_reach(lat: float) -> int:
    """How many cells east and west a point can still be within NEAR_KM_COARSE."""
    widest = min(89.0, abs(lat) + _CELL_DEG)
    cell_km = 111.32 * _CELL_DEG * math.cos(math.radians(widest))
    return min(round(180 / _CELL_DEG), math.ceil(NEAR_KM_COARSE / max(cell_km, 1e-3)))


class _Index:
    """Clusters bucketed by (modality group, event type, date window, day, place) so that a
    report is compared only with clusters it could be compatible with.

    A member is filed under its own date window, and a report looks in each window class as far
    as the larger of the two windows reaches, so coarse dates do not widen every search. A point
    is filed under its grid cell and its country (for region-level reports to find it); areas
    under their country; every member also under "all" (for reports with no place).
    """

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        # (group, type, window class, place key) -> day -> cluster indexes: a report looks up
        # each place key it could match once, then only the days that key holds
        self._buckets: dict[tuple, dict[date | None, list[int]]] = defaultdict(dict)
        self._windows: dict[tuple[str, str], set[int]] = defaultdict(set)

    @staticmethod
    def _keys(item: _Item) -> list[tuple]:
        loc = item.report.location
        primary = _spatial_key(loc)
        keys = [primary, ("all",)]
        if primary[0] == "cell" and loc is not None:
            keys.append(("country", (loc.place.country_code or "").upper()))
        return keys

    def _probes(self, item: _Item) -> list[tuple]:
        loc = item.report.location
        kind = _spatial_key(loc)
        if kind[0] == "none":
            return [("all",)]
        country = (loc.place.country_code or "").upper() if loc else ""
        if kind[0] == "area":
            return [("country", country), ("area", country), ("none",)]
        _, ci, cj = kind
        reach = _lon_reach(loc.place.lat) if loc else 1
        turn = round(360 / _CELL_DEG)
        lons = sorted({(cj + d) % turn for d in range(-reach, reach + 1)})
        cells = [("cell", ci + di, cjj) for di in (-1, 0, 1) for cjj in lons]
        return [*cells, ("area", country), ("none",)]

    def candidates(self, group: str, item: _Item) -> list[int]:
        et = item.report.event_type
        seen: set[int] = set()
        probes = self._probes(item)
        for window in self._windows.get((group, et), ()):
            if (item.day is None) != (window == 0):
                continue  # undated reports meet only undated ones
            reach = max(window, item.window)
            for probe in probes:
                by_day = self._buckets.get((group, et, window, probe))
                if not by_day:
                    continue
                if item.day is None:
                    seen.update(by_day.get(None, ()))
                elif len(by_day) <= 2 * reach + 1:
                    for day, idxs in by_day.items():
                        if day is not None and abs((day - item.day).days) <= reach:
                            seen.update(idxs)
                else:
                    for d in range(-reach, reach + 1):
                        seen.update(by_day.get(item.day + timedelta(days=d), ()))
        return sorted(seen)

    def add(self, idx: int, item: _Item) -> None:
        cluster = self.clusters[idx]
        cluster.items.append(item)
        et = item.report.event_type
        self._windows[(cluster.group, et)].add(item.window)
        for key in self._keys(item):
            bucket = self._buckets[(cluster.group, et, item.window, key)].setdefault(item.day, [])
            if not bucket or bucket[-1] != idx:
                bucket.append(idx)

    def new(self, group: str, item: _Item) -> None:
        self.clusters.append(_Cluster(group))
        self.add(len(self.clusters) - 1, item)

    def best(self, group: str, item: _Item, *, same_doc_strict: bool = True) -> int | None:
        best_idx, best_score = None, -1.0
        for idx in self.candidates(group, item):
            cluster = self.clusters[idx]
            if cluster.group == group and all(
                _compatible_items(item, other, same_doc_strict=same_doc_strict)
                for other in cluster.items
            ):
                score = _score(item, cluster)
                if score > best_score:  # strict: ties go to the earlier cluster
                    best_idx, best_score = idx, score
        return best_idx


# ---------------------------------------------------------------------------------------------
# fused values


def _vote(pairs: Iterable[tuple[object, float]]) -> object:
    """Value with the highest total weight; ties go to the value seen first."""
    totals: dict[object, float] = {}
    for value, weight in pairs:
        totals[value] = totals.get(value, 0.0) + max(weight, 1e-6)
    return max(totals, key=lambda v: totals[v]) if totals else None


def _fused_actors(items: list[_Item]) -> tuple[ActorRef | None, ActorRef | None]:
    anchor = items[0].actors
    sides: list[list[tuple[ActorRef, float]]] = [[], []]
    for it in items:
        pair = [it.report.actor1, it.report.actor2]
        if _actors_swapped(anchor, it.actors):
            pair.reverse()
        for side, actor in enumerate(pair):
            if actor is not None:
                sides[side].append((actor, it.report.confidence))
    result: list[ActorRef | None] = []
    for refs in sides:
        named = [(a, w) for a, w in refs if _actor_key(a)] or refs
        winner = _vote((slugify(a.name), w) for a, w in named)
        if winner is None:
            result.append(None)
            continue
        best = max((p for p in named if slugify(p[0].name) == winner), key=lambda p: p[1])[0]
        # Fill what the chosen mention lacks from others naming the same actor.
        inter = (
            best.inter
            if best.inter is not None
            else next(
                (a.inter for a, _ in named if slugify(a.name) == winner and a.inter is not None),
                None,
            )
        )
        country = best.country or next(
            (a.country for a, _ in named if slugify(a.name) == winner and a.country), None
        )
        result.append(ActorRef(best.name, best.mention, inter, country))
    return result[0], result[1]


def _location_rank(loc: Location) -> tuple[int, int]:
    return (loc.geo_precision, 1 if _is_area(loc) else 0)


def _fused_location(items: list[_Item]) -> Location | None:
    located = [(it.report.location, it.report.confidence) for it in items if it.report.location]
    if not located:
        return None
    finest = min(_location_rank(loc) for loc, _ in located)
    candidates = [(loc, w) for loc, w in located if _location_rank(loc) == finest]

    def place_key(loc: Location) -> tuple:
        return (
            (loc.place.geonameid, loc.place.name)
            if loc.place.geonameid is None
            else (loc.place.geonameid,)
        )

    winner = _vote((place_key(loc), w) for loc, w in candidates)
    return max((p for p in candidates if place_key(p[0]) == winner), key=lambda p: p[1])[0]


def _fused_date(items: list[_Item]) -> tuple[date | None, int | None]:
    dated = [(it.report.time_precision or 1, it.report.date) for it in items if it.report.date]
    if not dated:
        return None, None
    precision = min(p for p, _ in dated)
    return min(d for p, d in dated if p == precision), precision


def event_id_for(report: Report) -> str:
    """Event id derived from the cluster's earliest report."""
    return hashlib.sha256(f"event:{report.id}".encode()).hexdigest()[:16]


def _outlet(item: _Item) -> str | None:
    if item.meta.outlet:
        return item.meta.outlet
    attribution = item.report.attribution
    return attribution.outlet if attribution and attribution.outlet else None


def _build_event(cluster: _Cluster) -> Event:
    items = cluster.items  # in canonical order: items[0] is the earliest
    voters = [(it.report, it.report.confidence) for it in items]
    event_type = _vote((r.event_type, w) for r, w in voters)
    subs = [
        (r.sub_event_type, w) for r, w in voters if r.event_type == event_type and r.sub_event_type
    ]
    sub_event_type = _vote(subs) if subs else None
    tags = sorted(
        {t for it in items for t in it.report.tags} | ({"disputed"} if cluster.denials else set())
    )
    actor1, actor2 = _fused_actors(items)
    day, precision = _fused_date(items)
    deaths = [it.report.fatalities for it in items if it.report.fatalities is not None]
    modalities = {it.report.modality for it in items}
    modality = next((m for m in _MODALITY_RANK if m in modalities), "asserted")
    attached = sorted(items + cluster.denials, key=lambda it: it.key)
    outlets = sorted({o for it in attached if (o := _outlet(it))}, key=str.casefold)
    return Event(
        id=event_id_for(items[0].report),
        event_type=str(event_type),
        sub_event_type=str(sub_event_type) if sub_event_type else None,
        reports=[it.report for it in attached],
        tags=tags,
        actor1=actor1,
        actor2=actor2,
        location=_fused_location(items),
        date=day,
        time_precision=precision,
        fatalities=min(deaths) if deaths else None,
        fatalities_low=min(deaths) if deaths else None,
        fatalities_high=max(deaths) if deaths else None,
        modality=modality,
        outlets=outlets,
    )


def _unique(reports: Iterable[tuple[Report, DocMeta]]) -> dict[str, _Item]:
    """One item per report id (the earliest reading, when a report is given twice)."""
    unique: dict[str, _Item] = {}
    for report, meta in reports:
        item = _item(report, meta)
        if report.id not in unique or item.key < unique[report.id].key:
            unique[report.id] = item
    return unique


def _group(item: _Item) -> str:
    """The modality group an item clusters in (``_MODALITY_GROUP``)."""
    return _MODALITY_GROUP.get(item.report.modality, "fact")


def _is_denial(item: _Item) -> bool:
    return _group(item) == "denied"


def _cluster(settled: list[list[_Item]], pending: list[_Item],
             denials: list[_Item], carried: list[list[_Item]]) -> list[_Cluster]:
    """The two greedy passes. ``settled`` are clusters as they stood before the first pending
    item (non-denials, in canonical order, the lists in the order the clusters were made);
    ``pending`` the non-denials still to place; ``denials`` the denials to place once every
    claim is; ``carried[i]``, denials that stay on ``settled[i]`` as they were."""
    index = _Index()
    for members in settled:
        index.new(_group(members[0]), members[0])
        for item in members[1:]:
            index.add(len(index.clusters) - 1, item)
    for cluster, kept in zip(index.clusters, carried, strict=True):
        cluster.denials.extend(kept)
    for item in pending:
        group = _group(item)
        idx = index.best(group, item)
        if idx is None:
            index.new(group, item)
        else:
            index.add(idx, item)

    # Denials come last so that one published before the claim it denies still finds it; a
    # document that reports a claim and its denial is the normal case, so same-document is fine.
    orphans = _Index()
    for item in denials:
        idx = index.best("fact", item, same_doc_strict=False)
        if idx is not None:
            index.clusters[idx].denials.append(item)
            continue
        idx = orphans.best("denied", item)
        if idx is None:
            orphans.new("denied", item)
        else:
            orphans.add(idx, item)
    return index.clusters + orphans.clusters


def _events(clusters: list[_Cluster]) -> list[Event]:
    events = [_build_event(c) for c in clusters if c.items]
    events.sort(key=lambda e: e.id)
    events.sort(key=lambda e: e.date or date.min, reverse=True)
    events.sort(key=lambda e: e.date is None)
    return events


def fuse_reports(reports: list[tuple[Report, DocMeta]]) -> list[Event]:
    """Cluster reports into Events (see the module docstring for the rules).

    Deterministic and independent of input order; a report given twice (same id) counts once.
    Events come newest date first (undated last), then by id.
    """
    items = sorted(_unique(reports).values(), key=lambda it: it.key)
    claims = [it for it in items if not _is_denial(it)]
    denials = [it for it in items if _is_denial(it)]
    return _events(_cluster([], claims, denials, []))


def report_day(report: Report, meta: DocMeta) -> tuple[date | None, int]:
    """The day a report is compared by (its own date, else its document's publication day) and
    its window in days: two reports' days must be within the larger of their windows."""
    item = _item(report, meta)
    return item.day, item.window


def document_key(published: datetime | None, doc_id: str) -> tuple:
    """The canonical-order key every report of one document starts with (``published``: its
    publication time, else when it was taken in): a document's reports sort at or after it,
    and every report that sorts after it does too."""
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (published is None, published or _EPOCH_MAX, doc_id)


def touching(probes: Iterable[tuple[Report, DocMeta]], others: Iterable[tuple[Report, DocMeta]]) -> set[str]:
    """Ids of the ``others`` that could fuse with at least one of the ``probes`` (``compatible``
    whatever the modality, in one document or not). A report that no probe touches is never in a
    cluster a probe is in, so a change to the probes cannot move it by that cluster."""
    index = _Index()
    for item in _unique(others).values():
        index.new("any", item)
    found: set[str] = set()
    for probe in _unique(probes).values():
        for idx in index.candidates("any", probe):
            other = index.clusters[idx].items[0]
            if other.report.id not in found and _compatible_items(probe, other, same_doc_strict=False):
                found.add(other.report.id)
    return found


def refuse(stored: list[list[tuple[Report, DocMeta]]], pending: list[tuple[Report, DocMeta]],
           start: tuple, rerun: set[str]) -> list[Event]:
    """The Events of a part of a store, after some of its reports changed: what
    ``fuse_reports`` gives for that part when run over the whole store.

    - ``stored``: the reports of the stored events that the change can touch, one list per event.
    - ``pending``: every report from ``start`` on in the canonical order (``document_key`` of the
      earliest changed document), as the store holds it now. A report listed in both counts
      as pending.
    - ``rerun``: ids of the stored denials to place again; any other denial stays on its event.

    Clusters are grown in canonical order, so up to ``start`` they stand as they were: the
    stored events' reports before ``start`` are their state, and the pending reports are placed
    from there. The caller loads every event a pending report could join and every event a
    re-placed denial could attach to (reports of one event type within both date windows),
    which is what makes the result equal to a full rebuild.
    """
    fresh = _unique(pending)
    settled: list[list[_Item]] = []
    carried: list[list[_Item]] = []
    denials = [it for it in fresh.values() if _is_denial(it)]
    for reports in stored:
        members = sorted((it for rid, it in _unique(reports).items() if rid not in fresh),
                         key=lambda it: it.key)
        claims = [it for it in members if not _is_denial(it) and it.key < start]
        kept: list[_Item] = []
        for it in members:
            if _is_denial(it):
                (kept if it.report.id not in rerun and claims else denials).append(it)
        if claims:
            settled.append(claims)
            carried.append(kept)
    order = sorted(range(len(settled)), key=lambda i: settled[i][0].key)
    claims_pending = sorted((it for it in fresh.values() if not _is_denial(it)), key=lambda it: it.key)
    clusters = _cluster([settled[i] for i in order], claims_pending,
                        sorted(denials, key=lambda it: it.key), [carried[i] for i in order])
    return _events(clusters)
