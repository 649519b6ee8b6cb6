"""Control timelines: who holds which place, from territory-changing events.

Only statements of fact count (asserted or claimed; never expected, hypothetical or denied).
Per place, events are read in date order as *gains* (a territory sub-event type: actor1 gains
the place, actor2 loses it), *withdrawals* (a retreat tag: actor1 loses it) and *holds* (a
government "regains" a place it is not recorded to have lost: an attack repelled). Gains a few
days apart by the same (or an unnamed) actor are one change; withdrawals attach to the change
they explain. Each change is ``assessed`` when its evidence taken together grades at most
``assessed_max_grade``, else ``claimed``. See ``data/grading.yaml`` (``control``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from frontlines.picture.rules import GradingRules
from frontlines.records import Event, Place, Report, slugify

FACT = ("asserted", "claimed")
_ARMED_INTER = (1, 2, 3, 4, 8)


@dataclass
class Step:
    """One territorial statement read from one event."""

    kind: str  # gain | hold | retreat
    place: Place
    actor: str | None  # who gains (gain), holds (hold) or withdraws (retreat)
    other: str | None  # who loses (gain)
    day: date
    event: Event
    sub_event_type: str | None = None


@dataclass
class Change:
    place: Place
    gaining: str | None
    losing: str | None
    day: date
    last_day: date
    events: list[Event] = field(default_factory=list)
    gainers: Counter = field(default_factory=Counter)
    status: str = "claimed"
    grade: int = 6

    @property
    def event_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for e in self.events:
            seen.setdefault(e.id, None)
        return list(seen)

    def reports(self) -> tuple[list[Report], list[Report]]:
        support, denied, seen = [], [], set()
        for e in self.events:
            for r in e.reports:
                if r.id in seen:
                    continue
                seen.add(r.id)
                if r.modality in FACT:
                    support.append(r)
                elif r.modality == "denied":
                    denied.append(r)
        return support, denied


@dataclass
class Hold:
    """An attack repelled: the place stays with ``actor`` (a statement, not a change)."""

    place: Place
    actor: str
    day: date
    events: list[Event] = field(default_factory=list)
    status: str = "claimed"

    def reports(self) -> tuple[list[Report], list[Report]]:
        return Change.reports(self)  # type: ignore[arg-type]


def known_actor(name: str | None, rules: GradingRules) -> str | None:
    if not name or not name.strip():
        return None
    low = name.casefold()
    if any(w in low for w in rules.control("unknown_actor_words")):
        return None
    return name


def same_actor(a: str | None, b: str | None) -> bool:
    return bool(a and b and slugify(a) == slugify(b))


def town_place(event: Event, rules: GradingRules) -> Place | None:
    loc = event.location
    if loc is None or loc.place.geonameid is None:
        return None
    if loc.geo_precision > int(rules.control("max_geo_precision")):
        return None
    code = (loc.place.feature_code or "").upper()
    if any(code.startswith(p) for p in rules.control("area_feature_prefixes")):
        return None
    return loc.place


def read_steps(event: Event, rules: GradingRules) -> list[Step]:
    """The territorial statements of one event (none for predictions, denials or regions)."""
    if event.modality not in FACT or event.date is None:
        return []
    if not any(r.modality in FACT for r in event.reports):
        return []
    place = town_place(event, rules)
    if place is None:
        return []
    a1 = known_actor(event.actor1.name if event.actor1 else None, rules)
    a2 = known_actor(event.actor2.name if event.actor2 else None, rules)
    steps = []
    if event.sub_event_type in rules.control("gain_sub_event_types") and (a1 or a2):
        steps.append(Step("gain", place, a1, a2, event.date, event, event.sub_event_type))
    elif set(event.tags) & set(rules.control("retreat_tags")) and a1:
        inter = event.actor1.inter if event.actor1 else None
        if inter is None or inter in _ARMED_INTER:
            steps.append(Step("retreat", place, a1, None, event.date, event, event.sub_event_type))
    return steps


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or same_actor(a, b)


def build_timeline(steps: list[Step], rules: GradingRules) -> tuple[list[Change], list[Hold]]:
    """The changes and holds of one place from its steps (any order)."""
    merge = int(rules.control("merge_window_days"))
    same_days = int(rules.control("same_holder_days"))
    need_loss = bool(rules.control("regain_needs_prior_loss"))
    changes: list[Change] = []
    holds: list[Hold] = []
    order = {"gain": 0, "retreat": 1}
    steps = sorted(steps, key=lambda s: (s.day, order.get(s.kind, 2), s.event.id))
    for s in (s for s in steps if s.kind == "gain"):
        last = changes[-1] if changes else None
        if (
            need_loss
            and s.sub_event_type == "Government regains territory"
            and s.actor
            and (
                last is None
                or same_actor(last.gaining, s.actor)
                # "taken" and "pushed back" within days: an attack repelled, or two accounts of
                # one fight; either way not two changes of hands
                or (s.day - last.day).days <= merge
            )
        ):
            # Retaking a place nobody is recorded to have taken from you: an attack repelled.
            if last is not None and same_actor(last.gaining, s.actor) and (s.day - last.last_day).days <= same_days:
                _add(last, s)
            else:
                holds.append(Hold(s.place, s.actor, s.day, [s.event]))
            continue
        if last is not None and _compatible(last.gaining, s.actor) and (
            (s.day - last.last_day).days <= merge
            or (same_actor(last.gaining, s.actor) and (s.day - last.last_day).days <= same_days)
        ):
            _add(last, s)
            continue
        change = Change(s.place, None, None, s.day, s.day)
        _add(change, s)
        changes.append(change)
    for s in (s for s in steps if s.kind == "retreat"):
        near = [
            c
            for c in changes
            if abs((c.day - s.day).days) <= merge
            and not same_actor(c.gaining, s.actor)
            and _compatible(c.losing, s.actor)
        ]
        if near:
            c = min(near, key=lambda c: abs((c.day - s.day).days))
            c.events.append(s.event)
            c.losing = c.losing or s.actor
        elif rules.control("retreat_alone_is_change"):
            changes.append(Change(s.place, None, s.actor, s.day, s.day, [s.event]))
    changes = [c for c in changes if c.gaining or c.losing]
    changes.sort(key=lambda c: (c.day, c.event_ids[0] if c.events else ""))
    for prev, c in pairwise(changes):
        # Unless a report says who lost it, the place was lost by whoever held it.
        if c.losing is None and prev.gaining and not same_actor(prev.gaining, c.gaining):
            c.losing = prev.gaining
    return changes, holds


def _add(change: Change, s: Step) -> None:
    change.events.append(s.event)
    change.last_day = max(change.last_day, s.day)
    change.day = min(change.day, s.day)
    if s.kind == "gain":
        if s.actor:
            change.gainers[s.actor] += 1
            change.gaining = change.gainers.most_common(1)[0][0]
        if s.other and not same_actor(s.other, change.gaining):
            change.losing = change.losing or s.other


def controller(
    changes: list[Change], holds: list[Hold], day: date, rules: GradingRules
) -> tuple[str | None, str, Change | None]:
    """(actor, status, the change it rests on) as of ``day``; see Picture.controller_on."""
    window = int(rules.control("contested_window_days"))
    past = [c for c in changes if c.day <= day]
    if not past:
        return None, "unknown", None
    last = past[-1]
    rivals = [
        c
        for c in past[:-1]
        if (last.day - c.day).days <= window and not same_actor(c.gaining, last.gaining)
    ]
    # A repelled attack before the taking is history, not a challenge; one reported with (or
    # after) the taking says the taking did not happen.
    counter_holds = [
        h
        for h in holds
        if h.day <= day
        and -1 <= (h.day - last.day).days <= window
        and not same_actor(h.actor, last.gaining)
    ]
    if last.status == "assessed":
        settled = (day - last.day).days > window  # no word against it since: it stands
        if not settled and any(r.status == "assessed" for r in rivals + counter_holds):  # type: ignore[operator]
            return last.gaining, "contested", last
        return last.gaining, "held", last
    # The latest change is only claimed.
    assessed_rivals = [r for r in rivals if r.status == "assessed"]
    if assessed_rivals:
        return assessed_rivals[-1].gaining, "contested", assessed_rivals[-1]
    if rivals or counter_holds:
        return last.gaining, "contested", last
    return last.gaining, "claimed", last
