"""Alerts: a campaign gathering momentum; a new state actor expected to intervene."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from frontlines.picture.control import Change, known_actor, same_actor
from frontlines.picture.model import Alert
from frontlines.picture.rules import GradingRules
from frontlines.picture.words import actor_name, clause, join_names, short_day
from frontlines.records import Event, Place, slugify

FACT = ("asserted", "claimed")


def _aid(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:16]


def is_significant(place: Place, rules: GradingRules, lookup: Callable[[int], Place | None] | None) -> bool:
    """Whether taking this place matters (see ``significant_places`` in the rules)."""
    population, code = place.population, (place.feature_code or "").upper()
    if lookup is not None and place.geonameid is not None and (not population or not code):
        found = lookup(place.geonameid)
        if found is not None:
            population = population or found.population
            code = code or (found.feature_code or "").upper()
    if code in set(rules.significant("feature_codes")):
        return True
    if population:
        return population >= int(rules.significant("min_population"))
    return bool(rules.significant("unknown_population_counts"))


def momentum_alerts(
    changes: list[Change], rules: GradingRules, lookup: Callable[[int], Place | None] | None = None
) -> list[Alert]:
    """One alert per run of an actor taking ``min_places`` significant places within the window."""
    window = int(rules.alert("momentum", "window_days"))
    need = int(rules.alert("momentum", "min_places"))
    count_claimed = bool(rules.alert("momentum", "count_claimed"))
    by_actor: dict[str, list[Change]] = defaultdict(list)
    names: dict[str, str] = {}
    for c in changes:
        if not c.gaining or (c.status != "assessed" and not count_claimed):
            continue
        if not is_significant(c.place, rules, lookup):
            continue
        key = slugify(c.gaining)
        by_actor[key].append(c)
        names.setdefault(key, c.gaining)
    alerts = []
    for key, taken in sorted(by_actor.items()):
        taken.sort(key=lambda c: (c.day, c.place.geonameid or 0))
        current: list[Change] | None = None
        for i, c in enumerate(taken):
            if current is not None and (c.day - current[-1].day).days <= window:
                if all(x.place.geonameid != c.place.geonameid for x in current):
                    current.append(c)
                continue
            if current is not None:
                alerts.append(_momentum(names[key], current, need, window))
                current = None
            recent: dict[int | None, Change] = {}
            for x in taken[: i + 1]:
                if (c.day - x.day).days <= window:
                    recent.setdefault(x.place.geonameid, x)
            if len(recent) >= need:
                current = sorted(recent.values(), key=lambda x: x.day)
        if current is not None:
            alerts.append(_momentum(names[key], current, need, window))
    return alerts


def _momentum(actor: str, run: list[Change], need: int, window: int) -> Alert:
    trigger = run[need - 1]
    assessed = sum(1 for c in run if c.status == "assessed")
    status = "assessed" if assessed >= need else "claimed"
    listed = join_names([f"{c.place.name} ({short_day(c.day)}, {c.status})" for c in run])
    span = (run[-1].day - run[0].day).days
    summary = (
        f"{actor_name(actor)} has taken {len(run)} significant places in {span + 1} days "
        f"(threshold: {need} within {window} days): {listed}."
    )
    event_ids = list(dict.fromkeys(eid for c in run for eid in c.event_ids))
    return Alert(
        id=_aid("momentum", slugify(actor), run[0].day.isoformat()),
        kind="momentum",
        date=trigger.day,
        actor=actor,
        summary=summary,
        event_ids=event_ids,
        place_ids=[c.place.geonameid for c in run if c.place.geonameid is not None],
        status=status,  # type: ignore[arg-type]
        places=[c.place.name for c in run],
        lat=run[-1].place.lat,
        lon=run[-1].place.lon,
    )


def intervention_alerts(
    events: list[Event], rules: GradingRules, first_reported: Callable[[Event], date | None]
) -> list[Alert]:
    """An expected deployment (or other action) of a state force in a country where that force
    has no statement-of-fact event in the lookback window."""
    tags = set(rules.alert("intervention", "tags"))
    subs = set(rules.alert("intervention", "sub_event_types"))
    inters = set(rules.alert("intervention", "actor_inter_codes"))
    lookback = timedelta(days=int(rules.alert("intervention", "lookback_days")))
    active: dict[tuple[str, str], list[date]] = defaultdict(list)  # (actor slug, country) -> days
    for e in events:
        if e.modality not in FACT or e.location is None or e.date is None:
            continue
        cc = (e.location.place.country_code or "").upper()
        for a in (e.actor1, e.actor2):
            if a is not None:
                active[(slugify(a.name), cc)].append(e.date)
    alerts = []
    for e in events:
        if e.modality != "expected" or e.actor1 is None or e.location is None:
            continue
        if not (set(e.tags) & tags) and e.sub_event_type not in subs:
            continue
        if e.actor1.inter not in inters or not known_actor(e.actor1.name, rules):
            continue
        day = first_reported(e) or e.date
        if day is None:
            continue
        cc = (e.location.place.country_code or "").upper()
        seen = active.get((slugify(e.actor1.name), cc), [])
        if any(day - lookback <= d <= day for d in seen):
            continue
        foreign = bool(e.actor1.country and cc and e.actor1.country.upper() != cc)
        outlets = join_names(list(e.outlets)) or "an unnamed outlet"
        summary = (
            f"Expected, not yet happened: {clause(e, expected=True)}"
            f"{' (a foreign force)' if foreign else ''}; no action by {actor_name(e.actor1.name)} "
            f"is recorded in {cc or 'that country'} in the previous {lookback.days} days. Reported by {outlets}."
        )
        alerts.append(
            Alert(
                id=_aid("intervention", e.id),
                kind="intervention",
                date=day,
                actor=e.actor1.name,
                summary=summary,
                event_ids=[e.id],
                place_ids=[e.location.place.geonameid] if e.location.place.geonameid is not None else [],
                status="expected",
                places=[e.location.place.name],
                lat=e.location.place.lat,
                lon=e.location.place.lon,
            )
        )
    # An actor expected somewhere twice is one alert (the first).
    unique: dict[tuple[str, str], Alert] = {}
    for a in sorted(alerts, key=lambda a: (a.date, a.id)):
        ev = next(e for e in events if e.id == a.event_ids[0])
        key = (slugify(a.actor), (ev.location.place.country_code or "").upper() if ev.location else "")
        if key in unique:
            if not any(same_actor(a.actor, u.actor) and set(a.event_ids) <= set(u.event_ids) for u in [unique[key]]):
                unique[key].event_ids.extend(x for x in a.event_ids if x not in unique[key].event_ids)
            continue
        unique[key] = a
    return list(unique.values())
