"""Contradictions: reports that cannot all be true, shown side by side.

Kinds: ``denial`` (an event and its denial), ``outcome`` (one outlet says a place was taken,
another that it was held or taken by someone else), ``fatalities`` (different death tolls for
one event; the event keeps best = lowest, low and high) and ``date`` (different days for one
change of control). Each side is one outlet's statement; when one position has more
independent sources than every other, its sides ``prevail`` and the others do not.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date

from frontlines.picture.control import Change, Hold, same_actor
from frontlines.picture.model import Contradiction, ContradictionSide
from frontlines.picture.rules import GradingRules
from frontlines.picture.sources import Sources
from frontlines.picture.words import actor_name, clause, short_day
from frontlines.records import Event, Report

FACT = ("asserted", "claimed")


def _cid(kind: str, report_ids: list[str]) -> str:
    key = kind + ":" + ",".join(sorted(set(report_ids)))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _about_event(kind: str, summary: str, sides: list[ContradictionSide], e: Event, when: date | None,
                 **figures: int | None) -> Contradiction:
    """A contradiction over one event: its id from the sides' reports, its place the event's."""
    return Contradiction(_cid(kind, [s.report_id for s in sides]), kind, summary, sides, [e.id],
                         e.location.place.name if e.location else None, when, **figures)


def _side(report: Report, event_id: str, position: str, sources: Sources) -> ContradictionSide:
    doc = sources.doc_of(report)
    return ContradictionSide(
        outlet=doc.outlet_name,
        modality=report.modality,
        statement=report.evidence.text,
        report_id=report.id,
        event_id=event_id,
        position=position,
        doc_id=doc.id,
    )


def _one_per_outlet(reports: list[Report], sources: Sources) -> list[Report]:
    best: dict[str, Report] = {}
    for r in reports:
        slug = sources.outlet_of(r)
        if slug not in best or r.confidence > best[slug].confidence:
            best[slug] = r
    return list(best.values())


def settle(c: Contradiction, reports: dict[str, Report], sources: Sources) -> None:
    """Mark the sides whose position has the most independent sources (if one position does)."""
    by_position: dict[str, list[Report]] = defaultdict(list)
    for s in c.sides:
        by_position[s.position].append(reports[s.report_id])
    counts = {p: len(sources.groups(rs)) for p, rs in by_position.items()}
    top = max(counts.values())
    winners = [p for p, n in counts.items() if n == top]
    if len(winners) != 1:
        return
    for s in c.sides:
        s.prevails = s.position == winners[0]


def find_denials(events: list[Event], rules: GradingRules) -> dict[str, list[Report]]:
    """Denial reports per fact event: those fusion attached, and denial-only events matched to a
    fact event of the same type at the same place within ``denial_window_days``."""
    out: dict[str, list[Report]] = defaultdict(list)
    facts = [e for e in events if e.modality in FACT]
    for e in facts:
        out[e.id].extend(r for r in e.reports if r.modality == "denied")
    window = int(rules.contra("denial_window_days"))
    for d in (e for e in events if e.modality == "denied"):
        if d.location is None or d.location.place.geonameid is None or d.date is None:
            continue
        candidates = [
            e
            for e in facts
            if e.location is not None
            and e.location.place.geonameid == d.location.place.geonameid
            and e.event_type == d.event_type
            and e.date is not None
            and abs((e.date - d.date).days) <= window
        ]
        if candidates:
            target = min(candidates, key=lambda e: (abs((e.date - d.date).days), -len(e.reports), e.id))
            out[target.id].extend(r for r in d.reports if r.modality == "denied")
    return {k: v for k, v in out.items() if v}


def denial_contradictions(
    events: dict[str, Event], denials: dict[str, list[Report]], sources: Sources
) -> list[Contradiction]:
    out = []
    for eid, denied in sorted(denials.items()):
        e = events[eid]
        support = [r for r in e.reports if r.modality in FACT]
        if not support:
            continue
        said = clause(e, expected=False)
        sides = [_side(r, eid, said, sources) for r in _one_per_outlet(support, sources)]
        sides += [_side(r, eid, f"denied: {said}", sources) for r in _one_per_outlet(denied, sources)]
        deniers = sorted({s.outlet for s in sides if s.modality == "denied"})
        reporters = sorted({s.outlet for s in sides if s.modality != "denied"})
        summary = (
            f"{said} ({short_day(e.date)}), reported by {', '.join(reporters)}; "
            f"denied in {', '.join(deniers)}"
        )
        out.append(_about_event("denial", summary, sides, e, e.date))
    return out


def outcome_contradictions(
    timelines: dict[int, tuple[list[Change], list[Hold]]], sources: Sources, rules: GradingRules
) -> list[Contradiction]:
    """A place taken by X and, within the window, held by or taken by Y, from other outlets."""
    window = int(rules.contra("outcome_window_days"))
    out = []
    for _gid, (changes, holds) in sorted(timelines.items()):
        claims: list[tuple[str, date, str, list[Event]]] = []  # (actor, day, position, events)
        for c in changes:
            if c.gaining:
                claims.append((c.gaining, c.day, f"taken by {actor_name(c.gaining)}", c.events))
        for h in holds:
            claims.append((h.actor, h.day, f"held by {actor_name(h.actor)} (attack repelled)", h.events))
        claims.sort(key=lambda x: x[1])
        for i, (a, da, pa, ea) in enumerate(claims):
            for b, db, pb, eb in claims[i + 1 :]:
                if (db - da).days > window or same_actor(a, b):
                    continue
                ra = [r for e in ea for r in e.reports if r.modality in FACT]
                rb = [r for e in eb for r in e.reports if r.modality in FACT]
                oa = {sources.outlet_of(r) for r in ra}
                ob = {sources.outlet_of(r) for r in rb}
                if not (oa - ob) or not (ob - oa):
                    continue  # one outlet telling a sequence (taken, then retaken), not a conflict
                ev_a, ev_b = ea[0], eb[0]
                sides = [_side(r, ev_a.id, pa, sources) for r in _one_per_outlet(ra, sources)]
                sides += [_side(r, ev_b.id, pb, sources) for r in _one_per_outlet(rb, sources)]
                place = ev_a.location.place.name if ev_a.location else "?"
                summary = (
                    f"{place}: {pa} ({short_day(da)}; {', '.join(sorted({s.outlet for s in sides if s.position == pa}))}) "
                    f"versus {pb} ({short_day(db)}; {', '.join(sorted({s.outlet for s in sides if s.position == pb}))})"
                )
                eids = list(dict.fromkeys([e.id for e in ea] + [e.id for e in eb]))
                out.append(
                    Contradiction(
                        _cid("outcome", [s.report_id for s in sides]), "outcome", summary, sides, eids, place, da
                    )
                )
    return out


def fatality_contradictions(events: list[Event], sources: Sources, rules: GradingRules) -> list[Contradiction]:
    min_diff = int(rules.contra("fatalities_min_difference"))
    out = []
    for e in events:
        if e.modality not in FACT:
            continue
        counted = [r for r in e.reports if r.modality in FACT and r.fatalities is not None]
        if len(counted) < 2:
            continue
        figures: dict[int, list[Report]] = defaultdict(list)
        for r in counted:
            figures[r.fatalities].append(r)  # type: ignore[index]
        low, high = min(figures), max(figures)
        if high - low < min_diff:
            continue
        outlets_per_figure = {f: {sources.outlet_of(r) for r in rs} for f, rs in figures.items()}
        all_outlets = set().union(*outlets_per_figure.values())
        if len(all_outlets) < 2:
            continue  # one outlet revising its own toll
        sides = []
        for f in sorted(figures):
            for r in _one_per_outlet(figures[f], sources):
                sides.append(_side(r, e.id, f"{f} killed", sources))
        parts = "; ".join(
            f"{f} ({', '.join(sorted({s.outlet for s in sides if s.position == f'{f} killed'}))})" for f in sorted(figures)
        )
        best = e.fatalities if e.fatalities is not None else low
        summary = f"Death toll of: {clause(e, expected=False)} ({short_day(e.date)}): {parts}; best {best}, low {low}, high {high}"
        out.append(_about_event("fatalities", summary, sides, e, e.date, best=best, low=low, high=high))
    return out


def date_contradictions(events: list[Event], sources: Sources, rules: GradingRules) -> list[Contradiction]:
    """Different days for one change of control, outlet against outlet. An outlet that gives
    several days itself (the start of an assault and its end) takes no side."""
    min_days = int(rules.contra("date_min_days"))
    territorial = set(rules.control("gain_sub_event_types"))
    out = []
    for e in events:
        if e.modality not in FACT or e.sub_event_type not in territorial:
            continue
        per_outlet: dict[str, dict[date, list[Report]]] = defaultdict(lambda: defaultdict(list))
        for r in e.reports:
            if r.modality in FACT and r.date is not None and (r.time_precision or 1) == 1:
                per_outlet[sources.outlet_of(r)][r.date].append(r)
        by_day: dict[date, list[Report]] = defaultdict(list)
        for days in per_outlet.values():
            if len(days) == 1:
                (d, rs), = days.items()
                by_day[d].extend(rs)
        if len(by_day) < 2 or (max(by_day) - min(by_day)).days < min_days:
            continue
        sides = [
            _side(r, e.id, f"on {short_day(d)}", sources)
            for d in sorted(by_day)
            for r in _one_per_outlet(by_day[d], sources)
        ]
        parts = "; ".join(
            f"{short_day(d)} ({', '.join(sorted({sources.doc_of(r).outlet_name for r in by_day[d]}))})" for d in sorted(by_day)
        )
        summary = f"When: {clause(e, expected=False)}: {parts}"
        out.append(_about_event("date", summary, sides, e, min(by_day)))
    return out
