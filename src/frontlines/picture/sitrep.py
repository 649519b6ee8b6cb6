"""Situation reports drafted from the record, in the shape of a humanitarian sitrep.

Highlights (changes of control, momentum alerts, the deadliest events), key figures, events by
area, and an outlook drawn only from ``expected`` statements, each marked as such. Every line
names the events and outlets it rests on. Hypotheticals appear nowhere; predictions appear only
in the outlook.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from frontlines.picture.model import Sitrep, SitrepLine
from frontlines.picture.words import (
    actor_name,
    clause,
    day_text,
    fatalities_text,
    join_names,
    short_day,
)
from frontlines.records import Event

if TYPE_CHECKING:
    from frontlines.picture import Picture

FACT = ("asserted", "claimed")


def _area(e: Event) -> str:
    if e.location is None:
        return "Location not known"
    p = e.location.place
    cc = (p.country_code or "").upper()
    if p.admin1:
        return f"{p.admin1} ({cc})" if cc else p.admin1
    return f"{p.name} ({cc})" if cc else p.name


def _speaker(pic: Picture, e: Event) -> str | None:
    for r in e.reports:
        if r.modality == "claimed" and r.attribution and r.attribution.speaker:
            return r.attribution.speaker
    return None


def event_line(pic: Picture, e: Event, *, with_date: bool) -> SitrepLine:
    cred = pic.credibility(e.id)
    text = clause(e, expected=False)
    if with_date and e.date:
        text = f"On {short_day(e.date)}, {clause(e, expected=False, capitalize=False)}"
    extra = fatalities_text(e)
    if extra:
        text += f"; {extra}"
    outlets = pic.fact_outlets(e)
    modality = e.modality
    if e.modality == "claimed":
        who = _speaker(pic, e)
        text += f", according to {who}" if who else f", according to {join_names(outlets)}"
    denials = pic.denials_of(e.id)
    if denials:
        deniers = sorted({pic.sources.doc_of(r).outlet_name for r in denials})
        text += f" (denied in {join_names(deniers)})"
        modality = "disputed"
    text += f" [credibility {cred.grade}: {cred.label}]."
    return SitrepLine(text, [e.id], outlets, modality, cred.grade, "event")


def sitrep(pic: Picture, day: date, period: str = "daily") -> Sitrep:
    rules = pic.rules
    if period not in ("daily", "weekly"):
        from frontlines.errors import BadInput

        raise BadInput("period", f"must be 'daily' or 'weekly', got {period!r}")
    since = day if period == "daily" else day - timedelta(days=int(rules.sitrep("weekly_days")) - 1)
    facts = [
        e for e in pic.events if e.modality in FACT and e.date is not None and since <= e.date <= day
    ]
    facts.sort(key=lambda e: (e.date, pic.credibility(e.id).grade, e.id))

    highlights: list[SitrepLine] = []
    covered: set[str] = set()
    changes = [c for cs in pic.control.values() for c in cs if c.date and since <= c.date <= day]
    changes.sort(key=lambda c: (c.date, c.place.name))
    for c in changes:
        grade = pic.change_grade(c)
        who = actor_name(c.gaining) or "unidentified forces"
        text = f"{who} took control of {c.place.name}"
        if c.losing:
            text += f" from {actor_name(c.losing)}"
        if period == "weekly":
            text += f" on {short_day(c.date)}"
        status = (
            f"assessed: {grade.label.lower()}, {grade.independent_outlets} independent source(s)"
            if c.status == "assessed"
            else f"claimed, not confirmed: {grade.reason}"
        )
        text += f" ({status})."
        evs = [pic.event(i) for i in c.event_ids if pic.event(i) is not None]
        outlets = sorted({o for e in evs if e for o in pic.fact_outlets(e)})
        highlights.append(
            SitrepLine(text, list(c.event_ids), outlets, "asserted" if c.status == "assessed" else "claimed", grade.grade, "control")
        )
        covered.update(c.event_ids)
    for a in pic.alerts:
        if a.kind == "momentum" and since <= a.date <= day:
            evs = [pic.event(i) for i in a.event_ids]
            outlets = sorted({o for e in evs if e for o in pic.fact_outlets(e)})
            highlights.append(
                SitrepLine(f"Alert: {a.summary}", list(a.event_ids), outlets, "asserted" if a.status == "assessed" else "claimed", None, "alert")
            )
    deadly = sorted(
        (e for e in facts if e.fatalities and e.id not in covered),
        key=lambda e: (-(e.fatalities or 0), pic.credibility(e.id).grade, e.id),
    )
    for e in deadly:
        if len(highlights) >= int(rules.sitrep("max_highlights")):
            break
        highlights.append(event_line(pic, e, with_date=period == "weekly"))

    counts = Counter(e.event_type for e in facts)
    key_figures = {
        "events": len(facts),
        "fatalities (conservative count)": sum(e.fatalities or 0 for e in facts),
        "places changing hands": len(changes),
        "places changing hands (assessed)": sum(1 for c in changes if c.status == "assessed"),
        "battles": counts.get("Battles", 0),
        "explosions/remote violence": counts.get("Explosions/Remote violence", 0),
        "violence against civilians": counts.get("Violence against civilians", 0),
        "protests and riots": counts.get("Protests", 0) + counts.get("Riots", 0),
        "displacement reports": sum(1 for e in facts if "displacement" in e.tags),
        "confirmed events (credibility 1-2)": sum(1 for e in facts if pic.credibility(e.id).grade <= 2),
        "disputed events": sum(1 for e in facts if pic.denials_of(e.id)),
    }

    by_area: dict[str, list[SitrepLine]] = defaultdict(list)
    for e in facts:
        by_area[_area(e)].append(event_line(pic, e, with_date=period == "weekly"))
    limit = int(rules.sitrep("max_lines_per_area"))
    by_area_sorted = {
        k: v[:limit] for k, v in sorted(by_area.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }

    outlook: list[SitrepLine] = []
    horizon = day + timedelta(days=int(rules.sitrep("outlook_horizon_days")))
    for e in sorted(pic.events, key=lambda e: (e.date or day, e.id)):
        if e.modality != "expected":
            continue
        reported = pic.first_reported(e)
        if reported is not None and reported > day:
            continue  # not known yet on that day
        in_period = reported is not None and since <= reported <= day
        upcoming = e.date is not None and since <= e.date <= horizon and (reported is None or reported <= day)
        if not (in_period or upcoming):
            continue
        outlets = sorted({pic.sources.doc_of(r).outlet_name for r in e.reports if r.modality == "expected"})
        when = f", reported {short_day(reported)}" if reported else ""
        text = f"Expected (not yet happened): {clause(e, expected=True)} (according to {join_names(outlets)}{when})."
        outlook.append(SitrepLine(text, [e.id], outlets, "expected", pic.credibility(e.id).grade, "event"))
    for a in pic.alerts:
        if a.kind == "intervention" and since <= a.date <= day:
            evs = [pic.event(i) for i in a.event_ids]
            outlets = sorted({pic.sources.doc_of(r).outlet_name for ev in evs if ev for r in ev.reports})
            outlook.append(SitrepLine(f"Alert: {a.summary}", list(a.event_ids), outlets, "expected", None, "alert"))

    title = (
        f"Situation report, {day_text(day)}"
        if period == "daily"
        else f"Weekly situation report, {day_text(since)} to {day_text(day)}"
    )
    report = Sitrep(day, period, since, title, highlights, key_figures, by_area_sorted, outlook, [])  # type: ignore[arg-type]
    lines = report.lines()
    report.sources = sorted({o for line in lines for o in line.outlets})
    report.event_ids = list(dict.fromkeys(i for line in lines for i in line.event_ids))
    return report
