"""The situation picture: how sure we are, who holds what, what to watch, and a report.

``build_picture(store)`` reads the fused events, the outlet registry and the documents once,
then everything else is pure computation over them (``picture_from_records`` does the same
from records given in code). The rules (grade thresholds, windows, what counts as significant,
copy detection) are data: ``data/grading.yaml``, loaded by ``load_rules``.

Everything the picture says is derived from events and their reports, and carries the event
ids it came from. An ``expected`` or ``hypothetical`` event is never counted as a fact: never a
control change, highlight or key figure; expectations appear only in a report's outlook and in
intervention alerts (status ``expected``), hypotheticals nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from frontlines.picture.alerts import intervention_alerts, is_significant, momentum_alerts
from frontlines.picture.contradictions import (
    date_contradictions,
    denial_contradictions,
    fatality_contradictions,
    find_denials,
    outcome_contradictions,
    settle,
)
from frontlines.picture.control import Change, Hold, build_timeline, controller, read_steps
from frontlines.picture.credibility import FACT, PREDICTION, grade_reports
from frontlines.picture.model import (
    Alert,
    Contradiction,
    ContradictionSide,
    Credibility,
    OutletRecord,
    Sitrep,
    SitrepLine,
)
from frontlines.picture.rules import GRADES, GradingRules, load_rules, rules_text, with_overrides
from frontlines.picture.sitrep import sitrep as _sitrep
from frontlines.picture.sources import Sources
from frontlines.records import ControlChange, Event, Place, Report, slugify

__all__ = [
    "GRADES",
    "Alert",
    "Contradiction",
    "ContradictionSide",
    "ControlChange",
    "Credibility",
    "GradingRules",
    "OutletRecord",
    "Picture",
    "Sitrep",
    "SitrepLine",
    "actor_matches",
    "build_picture",
    "load_rules",
    "picture_from_records",
    "rules_text",
    "with_overrides",
]


def actor_matches(query: str, name: str | None) -> bool:
    """Whether an actor name matches a query by name or slug ("Islamic State" matches
    "Islamic State (Iraq and the Levant)")."""
    if not name:
        return False
    q, n = slugify(query), slugify(name)
    return q == n or n.startswith(q + "-") or q.startswith(n + "-")


class Picture:
    """The situation picture over a fixed set of events (see the module docstring)."""

    def __init__(
        self,
        events: list[Event],
        sources: Sources,
        rules: GradingRules,
        place_lookup: Callable[[int], Place | None] | None = None,
    ) -> None:
        self.events = list(events)
        self.sources = sources
        self.rules = rules
        self._by_id = {e.id: e for e in self.events}
        self._place_lookup = place_lookup
        self._denials = find_denials(self.events, rules)

        # control timelines (statuses follow once the contradictions are known)
        steps: dict[int, list] = defaultdict(list)
        for e in self.events:
            for s in read_steps(e, rules):
                steps[s.place.geonameid].append(s)  # type: ignore[index]
        self._timelines: dict[int, tuple[list[Change], list[Hold]]] = {
            gid: build_timeline(ss, rules) for gid, ss in steps.items()
        }

        # contradictions
        contradictions = denial_contradictions(self._by_id, self._denials, sources)
        contradictions += outcome_contradictions(self._timelines, sources, rules)
        contradictions += fatality_contradictions(self.events, sources, rules)
        contradictions += date_contradictions(self.events, sources, rules)
        reports = {r.id: r for e in self.events for r in e.reports}
        for c in contradictions:
            settle(c, reports, sources)
        contradictions.sort(key=lambda c: (c.date or date.min, c.kind, c.id))
        self.contradictions: list[Contradiction] = contradictions

        # sources against each event in outcome contradictions (besides its own denials)
        self._against: dict[str, int] = defaultdict(int)
        for c in (c for c in contradictions if c.kind == "outcome"):
            for s in c.sides:
                others = [reports[o.report_id] for o in c.sides if o.position != s.position]
                self._against[s.event_id] = max(self._against[s.event_id], len(sources.groups(others)))

        # credibility of every event
        self._cred: dict[str, Credibility] = {}
        for e in self.events:
            support = [r for r in e.reports if r.modality in FACT]
            own_denials = [r for r in e.reports if r.modality == "denied"]
            self._cred[e.id], _ = grade_reports(
                e.id,
                support,
                self._denials.get(e.id, own_denials),
                sources,
                rules,
                against=self._against.get(e.id, 0),
                prediction=e.modality in PREDICTION,
            )

        # statuses of the changes, and the public records
        max_grade = int(rules.control("assessed_max_grade"))
        self.control: dict[int, list[ControlChange]] = {}
        self._change_cred: dict[int, Credibility] = {}
        all_changes: list[Change] = []
        for gid, (changes, _holds) in sorted(self._timelines.items()):
            records = []
            for c in changes:
                support, denied = c.reports()
                against = max((self._against.get(i, 0) for i in c.event_ids), default=0)
                cred, _ = grade_reports(
                    f"change:{gid}:{c.day}", support, denied, sources, rules, against=against
                )
                c.grade = cred.grade
                c.status = "assessed" if cred.grade <= max_grade else "claimed"
                record = ControlChange(c.place, c.gaining, c.losing, c.day, c.status, c.event_ids)  # type: ignore[arg-type]
                self._change_cred[id(record)] = cred
                records.append(record)
                all_changes.append(c)
            if records:
                self.control[gid] = records
            for h in _holds:
                support, denied = h.reports()
                cred, _ = grade_reports(f"hold:{gid}:{h.day}", support, denied, sources, rules)
                h.status = "assessed" if cred.grade <= max_grade else "claimed"

        self.alerts: list[Alert] = sorted(
            momentum_alerts(all_changes, rules, place_lookup)
            + intervention_alerts(self.events, rules, self.first_reported),
            key=lambda a: (a.date, a.kind, a.id),
        )
        self._outlet_records: dict[str, OutletRecord] | None = None

    # --- events and trust ---------------------------------------------------------------------

    def event(self, event_id: str) -> Event | None:
        return self._by_id.get(event_id)

    def credibility(self, event_id: str) -> Credibility:
        """The event's credibility; grade 6 ("cannot be judged") for an id not in the picture."""
        found = self._cred.get(event_id)
        if found is None:
            labels = self.rules.credibility_labels
            return Credibility(event_id, 6, labels.get(6, "cannot be judged"), 0, 0, 0, "event not in this picture")
        return found

    def denials_of(self, event_id: str) -> list[Report]:
        """Reports denying the event (attached by fusion or matched by place and date)."""
        return list(self._denials.get(event_id, []))

    def fact_outlets(self, event: Event) -> list[str]:
        """Names of the outlets whose statements of fact support the event."""
        return sorted({self.sources.doc_of(r).outlet_name for r in event.reports if r.modality in FACT})

    def first_reported(self, event: Event) -> date | None:
        days = [d.published.date() for r in event.reports if (d := self.sources.doc_of(r)).published]
        return min(days) if days else None

    def contradictions_of(self, event_id: str) -> list[Contradiction]:
        return [c for c in self.contradictions if event_id in c.event_ids]

    def outlet_records(self) -> list[OutletRecord]:
        """Every outlet (registered or seen in documents), by name."""
        if self._outlet_records is None:
            self._outlet_records = self._build_outlet_records()
        return sorted(self._outlet_records.values(), key=lambda o: (o.name.casefold(), o.slug))

    def outlet_record(self, slug: str) -> OutletRecord:
        """An outlet's grade and track record (zero counts for an outlet with no reports)."""
        self.outlet_records()
        assert self._outlet_records is not None
        key = slugify(slug)
        if key not in self._outlet_records:
            key = self.sources.resolve_outlet(slug) or key
        if key in self._outlet_records:
            return self._outlet_records[key]
        grade = self.sources.grade(key)
        return OutletRecord(key, self.sources.outlet_name(key), grade, self.rules.grade_labels.get(grade, ""), False, 0, 0, 0, 0)

    def _build_outlet_records(self) -> dict[str, OutletRecord]:
        labels = self.rules.grade_labels
        records: dict[str, OutletRecord] = {}

        def rec(slug: str) -> OutletRecord:
            if slug not in records:
                grade = self.sources.grade(slug)
                info = self.sources.outlets.get(slug)
                records[slug] = OutletRecord(
                    slug, self.sources.outlet_name(slug), grade, labels.get(grade, ""), self.sources.graded(slug),
                    0, 0, 0, 0, n_documents=info.n_documents if info else 0,
                )
            return records[slug]

        for slug in self.sources.outlets:
            rec(slug)
        seen_docs: dict[str, int] = defaultdict(int)
        for d in self.sources.docs.values():
            seen_docs[d.outlet_slug] += 1
        for slug, n in seen_docs.items():
            rec(slug).n_documents = max(rec(slug).n_documents, n)
        losing = {s.report_id for c in self.contradictions for s in c.sides if s.prevails is False}
        for e in self.events:
            support = [r for r in e.reports if r.modality in FACT]
            denied = self._denials.get(e.id, [])
            groups = self.sources.groups(support)
            group_of = {r.id: g for g in groups for r in g.reports}
            deny_outlets = {self.sources.outlet_of(r) for r in denied}
            for r in e.reports:
                if r.modality in PREDICTION:
                    rec(self.sources.outlet_of(r)).predictions += 1
            for r in support:
                o = rec(self.sources.outlet_of(r))
                o.n_reports += 1
                g = group_of.get(r.id)
                if g is not None and o.slug in g.copies:
                    o.copies += 1
                if r.id in losing:
                    o.contradicted += 1
                elif len(groups) >= 2:
                    o.corroborated += 1
                else:
                    o.uncorroborated += 1
            for r in (r for r in e.reports if r.modality == "denied"):
                o = rec(self.sources.outlet_of(r))
                o.n_reports += 1
                if r.id in losing:
                    o.contradicted += 1
                elif len(deny_outlets - {o.slug}) >= 1:
                    o.corroborated += 1
                else:
                    o.uncorroborated += 1
        return records

    # --- control ------------------------------------------------------------------------------

    def change_grade(self, change: ControlChange) -> Credibility:
        """The credibility of the evidence for one change (what decides assessed/claimed)."""
        return self._change_cred[id(change)]

    def controller_on(self, geonameid: int, day: date) -> tuple[str | None, str]:
        """(actor, status) of a place on a day. Status: ``held`` (the latest change is assessed
        and unchallenged), ``claimed`` (only claimed), ``contested`` (conflicting claims within
        the contested window; the actor is then the assessed one if one is, else the latest
        claimant) or ``unknown`` (no change on record by then; actor None)."""
        actor, status, _ = self._controller(geonameid, day)
        return actor, status

    def _controller(self, geonameid: int, day: date) -> tuple[str | None, str, Change | None]:
        changes, holds = self._timelines.get(geonameid, ([], []))
        return controller(changes, holds, day, self.rules)

    def control_map(self, day: date) -> list[dict[str, Any]]:
        """Every place with a control history, as of ``day`` (for map shading and a time slider)."""
        out = []
        for gid, records in self.control.items():
            place = records[0].place
            actor, status, change = self._controller(gid, day)
            out.append(
                {
                    "geonameid": gid,
                    "name": place.name,
                    "lat": place.lat,
                    "lon": place.lon,
                    "country_code": place.country_code,
                    "actor": actor,
                    "status": status,
                    "since": change.day.isoformat() if change else None,
                    "losing": change.losing if change else None,
                    "event_ids": list(change.event_ids) if change else [],
                }
            )
        out.sort(key=lambda d: (d["name"], d["geonameid"]))
        return out

    def actor_gains(
        self, actor: str, since: date | None = None, until: date | None = None
    ) -> tuple[list[ControlChange], list[ControlChange]]:
        """(places gained, places lost) by an actor (name or slug) with dates in the window."""
        gained, lost = [], []
        for records in self.control.values():
            for c in records:
                if c.date is None or (since and c.date < since) or (until and c.date > until):
                    continue
                if actor_matches(actor, c.gaining):
                    gained.append(c)
                elif actor_matches(actor, c.losing):
                    lost.append(c)
        def key(c: ControlChange) -> tuple:
            return (c.date, c.place.name)

        return sorted(gained, key=key), sorted(lost, key=key)

    def is_significant(self, place: Place) -> bool:
        return is_significant(place, self.rules, self._place_lookup)

    # --- reports --------------------------------------------------------------------------------

    def sitrep(self, day: date, period: str = "daily") -> Sitrep:
        return _sitrep(self, day, period)

    def sitrep_days(self) -> list[date]:
        """Days with at least one statement-of-fact event (each has a daily report)."""
        return sorted({e.date for e in self.events if e.date is not None and e.modality in FACT})

    def to_dict(self) -> dict[str, Any]:
        """A summary for the JSON twins: control, contradictions, alerts, outlet records."""
        return {
            "control": {
                str(gid): [c.to_dict() for c in cs] for gid, cs in self.control.items()
            },
            "contradictions": [c.to_dict() for c in self.contradictions],
            "alerts": [a.to_dict() for a in self.alerts],
            "outlets": [o.to_dict() for o in self.outlet_records()],
        }


def picture_from_records(
    events: Iterable[Event],
    documents: dict[str, Any] | Iterable[Any] | None = None,
    outlets: Iterable[Any] | None = None,
    rules: GradingRules | None = None,
    place_lookup: Callable[[int], Place | None] | None = None,
) -> Picture:
    """The picture of events given in code. ``documents``: Documents (or objects/dicts with id,
    outlet, published, text, url) keyed by id or listed; ``outlets``: OutletSummary objects or
    dicts (name, slug, domain, grade)."""
    rules = rules or load_rules()
    sources = Sources(outlets or [], documents or {}, rules)
    return Picture(list(events), sources, rules, place_lookup)


def _gazetteer_lookup() -> Callable[[int], Place | None] | None:
    try:
        from frontlines.geo import get_gazetteer

        return get_gazetteer().get
    except Exception:  # noqa: BLE001 - population is a refinement; the picture works without it
        return None


def build_picture(store: Any, rules: GradingRules | None = None) -> Picture:
    """Read the store once (events with reports, outlets, documents) and build the picture."""
    events = list(store.iter_events())
    doc_ids = sorted({r.evidence.doc_id for e in events for r in e.reports})
    if hasattr(store, "document_infos"):
        documents: dict[str, Any] = store.document_infos(doc_ids, with_text=True)
    else:
        documents = {i: d for i in doc_ids if (d := store.get_document(i)) is not None}
    return picture_from_records(events, documents, store.list_outlets(), rules, _gazetteer_lookup())
