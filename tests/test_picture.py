"""The situation picture on events built in code: credibility, copies, contradictions, control,
alerts and situation reports. The places, outlets and texts are invented for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from frontlines.picture import (
    build_picture,
    load_rules,
    picture_from_records,
    rules_text,
    with_overrides,
)
from frontlines.records import (
    SUB_EVENT_TYPES,
    ActorRef,
    Attribution,
    Document,
    Event,
    Evidence,
    Location,
    Place,
    Report,
)

# --- invented world ---------------------------------------------------------------------------

OUTLETS = [
    {"name": "Alpha Wire", "slug": "alpha-wire", "domain": "alphawire.example", "grade": "A"},
    {"name": "Bravo Daily", "slug": "bravo-daily", "domain": "bravodaily.example", "grade": "B"},
    {"name": "Copy Hub", "slug": "copy-hub", "domain": "copyhub.example", "grade": "C"},
    {"name": "State Voice", "slug": "state-voice", "domain": "statevoice.example", "grade": "D"},
    {"name": "Partisan Post", "slug": "partisan-post", "domain": "partisan.example", "grade": "E"},
    {"name": "Loose Blog", "slug": "loose-blog", "domain": "looseblog.example", "grade": "F"},
]


def place(gid: int, name: str, pop: int = 50_000, lat: float = 35.0, lon: float = 39.0, code: str = "PPL") -> Place:
    return Place(gid, name, lat, lon, "XX", "Eastern Province", code, pop)


RIVERTON = place(9001, "Riverton", 120_000, 35.0, 39.0)
HILLCREST = place(9002, "Hillcrest", 60_000, 35.5, 39.5)
SALTPAN = place(9003, "Saltpan", 30_000, 34.5, 38.5)
OLDFORT = place(9004, "Oldfort", 25_000, 34.0, 38.0)
HAMLET = place(9005, "Tiny Hamlet", 300, 34.2, 38.2)

FLAGS = ActorRef("Black Flag Legion", "the Legion", 2, "XX")
ARMY = ActorRef("Army of Xland", "the army", 1, "XX")
FRONT = ActorRef("Northern Front Militia", "the militia", 3, "XX")
FOREIGN = ActorRef("Military Forces of Yland", "Yland troops", 8, "YY")

TAKE = "Non-state actor overtakes territory"
REGAIN = "Government regains territory"
CLASH = "Armed clash"


def doc(doc_id: str, outlet: str, day: date, text: str = "") -> Document:
    published = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    return Document(id=doc_id, text=text or f"Article {doc_id} by {outlet}.", outlet=outlet, published=published)


def rep(
    doc_id: str,
    sub: str,
    actor1: ActorRef | None = None,
    actor2: ActorRef | None = None,
    where: Place | None = RIVERTON,
    day: date | None = date(2024, 3, 10),
    modality: str = "asserted",
    text: str = "",
    fatalities: int | None = None,
    tags: tuple[str, ...] = (),
    speaker: str | None = None,
    start: int = 0,
) -> Report:
    event_type = SUB_EVENT_TYPES.get(sub, "Strategic developments")
    sentence = text or f"{sub} by {actor1.name if actor1 else 'someone'} in {where.name if where else 'somewhere'}."
    return Report(
        event_type=event_type,
        sub_event_type=sub if sub in SUB_EVENT_TYPES else None,
        evidence=Evidence(doc_id, start, start + len(sentence), sentence),
        tags=list(tags),
        actor1=actor1,
        actor2=actor2,
        location=Location(where, where.name) if where else None,
        date=day,
        time_precision=1 if day else None,
        fatalities=fatalities,
        modality=modality,
        attribution=Attribution(None, speaker) if speaker else None,
        confidence=0.8,
    )


def ev(event_id: str, reports: list[Report], docs: dict[str, Document]) -> Event:
    """An event as fusion would make it from these reports (first report's values)."""
    first = next((r for r in reports if r.modality != "denied"), reports[0])
    modalities = {r.modality for r in reports}
    modality = next(m for m in ("asserted", "claimed", "expected", "hypothetical", "denied") if m in modalities)
    deaths = [r.fatalities for r in reports if r.fatalities is not None and r.modality != "denied"]
    return Event(
        id=event_id,
        event_type=first.event_type,
        sub_event_type=first.sub_event_type,
        reports=reports,
        tags=sorted({t for r in reports for t in r.tags} | ({"disputed"} if "denied" in modalities and modality != "denied" else set())),
        actor1=first.actor1,
        actor2=first.actor2,
        location=first.location,
        date=min((r.date for r in reports if r.date and r.modality != "denied"), default=first.date),
        time_precision=1,
        fatalities=min(deaths) if deaths else None,
        fatalities_low=min(deaths) if deaths else None,
        fatalities_high=max(deaths) if deaths else None,
        modality=modality,
        outlets=sorted({docs[r.evidence.doc_id].outlet for r in reports if r.evidence.doc_id in docs}),
    )


class World:
    """A little record: documents, events, then the picture of them."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}
        self.events: list[Event] = []

    def doc(self, doc_id: str, outlet: str, day: date, text: str = "") -> str:
        self.docs[doc_id] = doc(doc_id, outlet, day, text)
        return doc_id

    def event(self, event_id: str, *reports: Report) -> Event:
        e = ev(event_id, list(reports), self.docs)
        self.events.append(e)
        return e

    def picture(self, rules=None):
        return picture_from_records(self.events, self.docs, OUTLETS, rules)


D = date(2024, 3, 10)


# --- credibility ------------------------------------------------------------------------------


def test_two_independent_outlets_confirm() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D, "The Legion stormed Riverton at dawn, residents said, after a long siege.")
    b = w.doc("b1", "Bravo Daily", D, "Our correspondent saw Legion fighters in the central square of Riverton.")
    e = w.event("e1", rep(a, TAKE, FLAGS, ARMY), rep(b, TAKE, FLAGS, ARMY, text="Legion fighters now hold the main square."))
    cred = w.picture().credibility(e.id)
    assert cred.grade in (1, 2)
    assert cred.independent_outlets == 2 and cred.copies == 0
    assert "Alpha Wire" in cred.reason and "Bravo Daily" in cred.reason


STORY = (
    "The Black Flag Legion took full control of Riverton on Sunday after the army pulled out of "
    "its last positions in the city, officials said. Thousands of families fled east along the "
    "river road, and aid workers said the camps outside the town were already full. The army "
    "said it would regroup at the airfield and promised a counter-attack within days."
)


def test_aggregator_copy_is_not_independent() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D, STORY)
    copy = STORY.replace("on Sunday", "on Sunday morning") + " Copy Hub staff contributed."
    c = w.doc("c1", "Copy Hub", D + timedelta(days=0), copy)
    w.docs["c1"].published = w.docs["a1"].published + timedelta(hours=3)
    sentence = "The Black Flag Legion took full control of Riverton on Sunday after the army pulled out."
    e = w.event("e1", rep(a, TAKE, FLAGS, ARMY, text=sentence), rep(c, TAKE, FLAGS, ARMY, text=sentence))
    pic = w.picture()
    cred = pic.credibility(e.id)
    assert cred.independent_outlets == 1
    assert cred.copies == 1
    assert cred.copied_from == {"Copy Hub": "Alpha Wire"}
    assert cred.grade != 1  # one source and its copy: not corroborated
    assert pic.outlet_record("copy-hub").copies == 1


def test_credit_line_makes_a_copy_even_when_reworded() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D, "Legion fighters entered Riverton from the west, the wire reported.")
    c = w.doc(
        "c1",
        "Copy Hub",
        D,
        "Militants have seized a key city in the east.\nThis story was originally published by Alpha Wire and is republished here.",
    )
    e = w.event("e1", rep(a, TAKE, FLAGS), rep(c, TAKE, FLAGS, text="Militants have seized a key city in the east."))
    cred = w.picture().credibility(e.id)
    assert (cred.independent_outlets, cred.copies) == (1, 1)


def test_near_identical_evidence_sentences_are_one_source() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D, "Completely different article body number one about many things.")
    c = w.doc("c1", "Copy Hub", D, "An unrelated body of text, written in other words entirely, here.")
    s1 = "The Legion took full control of Riverton on Sunday after the army withdrew from its last posts."
    s2 = "The Legion took full control of Riverton on Sunday after the army withdrew from its last post."
    e = w.event("e1", rep(a, TAKE, FLAGS, text=s1), rep(c, TAKE, FLAGS, text=s2))
    assert w.picture().credibility(e.id).independent_outlets == 1


def test_single_claim_is_at_best_possibly_true() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    e = w.event("e1", rep(a, TAKE, FLAGS, modality="claimed", speaker="the Legion"))
    assert w.picture().credibility(e.id).grade >= 3


def test_single_sources_by_grade() -> None:
    w = World()
    ids = {}
    for i, name in enumerate(["Alpha Wire", "Copy Hub", "Partisan Post", "Loose Blog"]):
        d = w.doc(f"d{i}", name, D)
        ids[name] = w.event(f"e{i}", rep(d, CLASH, FLAGS, ARMY, where=place(9100 + i, f"Town{i}"))).id
    pic = w.picture()
    assert pic.credibility(ids["Alpha Wire"]).grade == 2  # one reliable source asserting
    assert pic.credibility(ids["Copy Hub"]).grade == 3
    assert pic.credibility(ids["Partisan Post"]).grade == 4
    assert pic.credibility(ids["Loose Blog"]).grade == 6


def test_denials_lower_credibility() -> None:
    w = World()
    a = w.doc("a1", "Bravo Daily", D)
    s = w.doc("s1", "State Voice", D)
    disputed = w.event(
        "e1",
        rep(a, TAKE, FLAGS, ARMY),
        rep(s, TAKE, FLAGS, ARMY, modality="denied", text="Reports that terrorists entered Riverton are false."),
    )
    only_denied = w.event(
        "e2", rep(s, CLASH, FLAGS, ARMY, where=HILLCREST, modality="denied", text="No fighting in Hillcrest.")
    )
    pic = w.picture()
    assert pic.credibility(disputed.id).grade == 4
    assert pic.credibility(disputed.id).denials == 1
    assert pic.credibility(only_denied.id).grade == 5


def test_predictions_cannot_be_judged() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    exp = w.event("e1", rep(a, TAKE, FLAGS, modality="expected"))
    hyp = w.event("e2", rep(a, TAKE, FLAGS, where=HILLCREST, modality="hypothetical", start=50))
    pic = w.picture()
    assert pic.credibility(exp.id).grade == 6
    assert pic.credibility(hyp.id).grade == 6
    assert pic.credibility("no-such-event").grade == 6


# --- contradictions ---------------------------------------------------------------------------


def _kinds(pic) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in pic.contradictions:
        out.setdefault(c.kind, []).append(c)
    return out


def test_denial_contradiction_side_by_side() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    b = w.doc("b1", "Bravo Daily", D)
    s = w.doc("s1", "State Voice", D + timedelta(days=1))
    e = w.event(
        "e1",
        rep(a, TAKE, FLAGS, ARMY),
        rep(b, TAKE, FLAGS, ARMY, text="Legion flags fly over Riverton."),
        rep(s, TAKE, FLAGS, ARMY, modality="denied", text="Claims that Riverton fell are baseless."),
    )
    pic = w.picture()
    [c] = _kinds(pic)["denial"]
    assert c.event_ids == [e.id]
    assert {(x.outlet, x.modality) for x in c.sides} == {
        ("Alpha Wire", "asserted"),
        ("Bravo Daily", "asserted"),
        ("State Voice", "denied"),
    }
    deny = next(x for x in c.sides if x.modality == "denied")
    assert deny.prevails is False and deny.statement == "Claims that Riverton fell are baseless."
    assert pic.outlet_record("state-voice").contradicted == 1
    assert pic.outlet_record("alpha-wire").corroborated == 1


def test_denial_in_its_own_event_is_matched_by_place_and_date() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    s = w.doc("s1", "State Voice", D)
    fact = w.event("e1", rep(a, TAKE, FLAGS, ARMY))
    w.event("e2", rep(s, TAKE, None, ARMY, modality="denied", day=D + timedelta(days=1)))
    pic = w.picture()
    assert [c.event_ids for c in _kinds(pic)["denial"]] == [[fact.id]]
    assert pic.credibility(fact.id).denials == 1


def test_outcome_contradiction_taken_versus_repelled() -> None:
    w = World()
    a = w.doc("a1", "Partisan Post", D)
    s = w.doc("s1", "State Voice", D)
    w.event("e1", rep(a, TAKE, FLAGS, ARMY, text="The Legion says it holds Riverton."))
    w.event("e2", rep(s, REGAIN, ARMY, FLAGS, text="The army repelled the attack on Riverton."))
    pic = w.picture()
    [c] = _kinds(pic)["outcome"]
    positions = {x.outlet: x.position for x in c.sides}
    assert positions["Partisan Post"].startswith("taken by Black Flag Legion")
    assert positions["State Voice"].startswith("held by Army of Xland")
    # The repelled attack is not a change of control; the claimed taking is contested.
    assert [ch.gaining for ch in pic.control[RIVERTON.geonameid]] == ["Black Flag Legion"]
    assert pic.controller_on(RIVERTON.geonameid, D + timedelta(days=1)) == ("Black Flag Legion", "contested")


def test_fatalities_contradiction_keeps_best_low_high() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    s = w.doc("s1", "State Voice", D)
    e = w.event(
        "e1",
        rep(a, "Attack", FLAGS, where=SALTPAN, fatalities=67, text="A monitor counted 67 civilians killed."),
        rep(s, "Attack", FLAGS, where=SALTPAN, fatalities=400, text="Terrorists massacred 400 civilians."),
    )
    [c] = _kinds(w.picture())["fatalities"]
    assert (c.best, c.low, c.high) == (67, 67, 400)
    assert c.event_ids == [e.id]
    assert {x.position for x in c.sides} == {"67 killed", "400 killed"}


def test_date_contradiction_between_outlets() -> None:
    w = World()
    p = w.doc("p1", "Partisan Post", D)
    a = w.doc("a1", "Alpha Wire", D + timedelta(days=1))
    w.event(
        "e1",
        rep(p, TAKE, FRONT, FLAGS, day=D, text="Riverton liberated on Monday!"),
        rep(a, TAKE, FRONT, FLAGS, day=D + timedelta(days=1), text="The militia took Riverton on Tuesday."),
    )
    [c] = _kinds(w.picture())["date"]
    assert {(x.outlet, x.position) for x in c.sides} == {("Partisan Post", "on 10 Mar"), ("Alpha Wire", "on 11 Mar")}


# --- control ----------------------------------------------------------------------------------


def test_control_timeline_taken_then_retaken() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    b = w.doc("b1", "Bravo Daily", D)
    later = D + timedelta(days=20)
    a2 = w.doc("a2", "Alpha Wire", later)
    b2 = w.doc("b2", "Bravo Daily", later)
    take = w.event("e1", rep(a, TAKE, FLAGS, ARMY), rep(b, TAKE, FLAGS, ARMY, text="The Legion is in Riverton."))
    retreat = w.event("e2", rep(a, "Other", ARMY, where=RIVERTON, tags=("retreat",), start=100))
    retake = w.event(
        "e3",
        rep(a2, REGAIN, ARMY, FLAGS, day=later),
        rep(b2, REGAIN, ARMY, FLAGS, day=later, text="Troops are back in Riverton."),
    )
    pic = w.picture()
    timeline = pic.control[RIVERTON.geonameid]
    assert [(c.gaining, c.losing, c.date, c.status) for c in timeline] == [
        ("Black Flag Legion", "Army of Xland", D, "assessed"),
        ("Army of Xland", "Black Flag Legion", later, "assessed"),
    ]
    assert set(timeline[0].event_ids) == {take.id, retreat.id}
    assert timeline[1].event_ids == [retake.id]
    assert pic.controller_on(RIVERTON.geonameid, D - timedelta(days=1)) == (None, "unknown")
    assert pic.controller_on(RIVERTON.geonameid, D + timedelta(days=5)) == ("Black Flag Legion", "held")
    assert pic.controller_on(RIVERTON.geonameid, later) == ("Army of Xland", "held")
    gained, lost = pic.actor_gains("Black Flag Legion", D - timedelta(days=1), later)
    assert [c.place.name for c in gained] == ["Riverton"] and [c.place.name for c in lost] == ["Riverton"]
    row = {r["geonameid"]: r for r in pic.control_map(D + timedelta(days=1))}[RIVERTON.geonameid]
    assert (row["actor"], row["status"], row["since"]) == ("Black Flag Legion", "held", D.isoformat())
    assert take.id in row["event_ids"]


def test_claimed_versus_assessed() -> None:
    w = World()
    p = w.doc("p1", "Partisan Post", D)
    w.event("e1", rep(p, TAKE, FRONT, FLAGS, where=HILLCREST, modality="claimed", speaker="the militia"))
    pic = w.picture()
    [change] = pic.control[HILLCREST.geonameid]
    assert change.status == "claimed"
    assert pic.controller_on(HILLCREST.geonameid, D) == ("Northern Front Militia", "claimed")


def test_contested_when_both_sides_claim_within_the_window() -> None:
    w = World()
    p = w.doc("p1", "Partisan Post", D)
    s = w.doc("s1", "State Voice", D + timedelta(days=2))
    w.event("e1", rep(p, TAKE, FRONT, FLAGS, where=OLDFORT, text="The militia holds Oldfort."))
    w.event("e2", rep(s, TAKE, FLAGS, FRONT, where=OLDFORT, day=D + timedelta(days=2), text="The Legion holds Oldfort."))
    pic = w.picture()
    assert [c.status for c in pic.control[OLDFORT.geonameid]] == ["claimed", "claimed"]
    assert pic.controller_on(OLDFORT.geonameid, D)[1] == "claimed"
    assert pic.controller_on(OLDFORT.geonameid, D + timedelta(days=3)) == ("Black Flag Legion", "contested")
    # Long after the window, the latest claim stands alone.
    assert pic.controller_on(OLDFORT.geonameid, D + timedelta(days=60))[1] == "contested"  # nothing newer
    assert [c.kind for c in pic.contradictions] == ["outcome"]


def test_reports_days_apart_are_one_change() -> None:
    w = World()
    p = w.doc("p1", "Partisan Post", D)
    a = w.doc("a1", "Alpha Wire", D + timedelta(days=1))
    w.event("e1", rep(p, TAKE, FRONT, FLAGS, where=SALTPAN, modality="claimed", speaker="the militia",
                      text="The militia says its fighters drove the Legion out of Saltpan."))
    w.event("e2", rep(a, TAKE, FRONT, None, where=SALTPAN, day=D + timedelta(days=1),
                      text="Militia fighters were seen patrolling the centre of Saltpan on Monday."))
    [change] = w.picture().control[SALTPAN.geonameid]
    assert (change.gaining, change.losing, change.date) == ("Northern Front Militia", "Black Flag Legion", D)
    assert change.status == "assessed"  # the militia's claim, then an A-graded wire: together enough
    assert len(change.event_ids) == 2


def test_expected_and_hypothetical_are_never_control_changes() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    w.event("e1", rep(a, TAKE, FLAGS, ARMY, modality="expected", text="The Legion is expected to take Riverton."))
    w.event("e2", rep(a, TAKE, FLAGS, ARMY, where=HILLCREST, modality="hypothetical", start=80, text="If Hillcrest falls..."))
    w.event("e3", rep(a, "Other", ARMY, where=SALTPAN, tags=("retreat",), modality="expected", start=160))
    pic = w.picture()
    assert pic.control == {}
    assert pic.control_map(D) == []
    assert pic.actor_gains("Black Flag Legion") == ([], [])


def test_regions_do_not_change_hands() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    region = Place(9200, "Eastern Province", 35.0, 39.0, "XX", "Eastern Province", "ADM1", 0)
    w.event("e1", rep(a, TAKE, FLAGS, ARMY, where=region))
    assert w.picture().control == {}


# --- alerts -----------------------------------------------------------------------------------


def _campaign(w: World, places: list[Place], days: list[int]) -> None:
    for i, (p, d) in enumerate(zip(places, days)):
        day = D + timedelta(days=d)
        a = w.doc(f"a{i}", "Alpha Wire", day)
        b = w.doc(f"b{i}", "Bravo Daily", day)
        w.event(f"e{i}", rep(a, TAKE, FLAGS, ARMY, where=p, day=day), rep(b, TAKE, FLAGS, ARMY, where=p, day=day, text=f"Legion in {p.name}."))


def test_momentum_alert_three_significant_places_in_30_days() -> None:
    w = World()
    _campaign(w, [RIVERTON, HILLCREST, SALTPAN], [0, 6, 20])
    pic = w.picture()
    [alert] = [a for a in pic.alerts if a.kind == "momentum"]
    assert alert.actor == "Black Flag Legion"
    assert alert.date == D + timedelta(days=20)
    assert alert.status == "assessed"
    assert alert.place_ids == [RIVERTON.geonameid, HILLCREST.geonameid, SALTPAN.geonameid]
    assert len(alert.event_ids) == 3 and "Riverton" in alert.summary


def test_no_momentum_when_spread_out_or_insignificant() -> None:
    w = World()
    _campaign(w, [RIVERTON, HILLCREST, SALTPAN], [0, 25, 50])
    assert not [a for a in w.picture().alerts if a.kind == "momentum"]
    w = World()
    _campaign(w, [RIVERTON, HILLCREST, HAMLET], [0, 3, 6])
    assert not [a for a in w.picture().alerts if a.kind == "momentum"]
    # The rules are data: two places are enough when the rules say so.
    rules = with_overrides(load_rules(), {"alerts": {"momentum": {"min_places": 2}}})
    assert [a.kind for a in w.picture(rules).alerts] == ["momentum"]


def test_intervention_alert_for_a_new_state_actor_expected() -> None:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    exp = w.event(
        "e1",
        rep(a, "Change to group/activity", FOREIGN, where=RIVERTON, modality="expected", tags=("deployment",),
            text="Yland will send 500 troops to Riverton in the coming days."),
    )
    # the army is already fighting there: its expected reinforcements are no intervention
    b = w.doc("b1", "Bravo Daily", D)
    w.event("e2", rep(b, CLASH, ARMY, FLAGS, day=D - timedelta(days=3)))
    w.event("e3", rep(b, "Change to group/activity", ARMY, where=HILLCREST, modality="expected", tags=("reinforcement",), start=90))
    pic = w.picture()
    [alert] = [x for x in pic.alerts if x.kind == "intervention"]
    assert alert.status == "expected"
    assert alert.actor == "Military Forces of Yland"
    assert alert.event_ids == [exp.id]
    assert alert.place_ids == [RIVERTON.geonameid]
    assert "Expected" in alert.summary


# --- situation reports ------------------------------------------------------------------------


def _sitrep_world() -> World:
    w = World()
    a = w.doc("a1", "Alpha Wire", D)
    b = w.doc("b1", "Bravo Daily", D)
    w.event("take", rep(a, TAKE, FLAGS, ARMY, fatalities=12), rep(b, TAKE, FLAGS, ARMY, fatalities=20, text="Legion holds Riverton."))
    w.event("strike", rep(a, "Air/drone strike", ARMY, where=HILLCREST, fatalities=3, start=100))
    w.event("claim", rep(b, "Attack", FLAGS, where=SALTPAN, modality="claimed", speaker="residents", start=100))
    w.event("expect", rep(a, "Change to group/activity", ARMY, where=OLDFORT, modality="expected", tags=("reinforcement",), start=200,
                          text="The army will send reinforcements to Oldfort."))
    w.event("hypo", rep(a, TAKE, FLAGS, ARMY, where=OLDFORT, modality="hypothetical", start=300,
                        text="If Oldfort falls, the Legion would control the road."))
    w.event("later", rep(a, CLASH, FLAGS, ARMY, where=OLDFORT, day=D + timedelta(days=1), start=400))
    return w


def test_sitrep_structure_and_modality() -> None:
    pic = _sitrep_world().picture()
    report = pic.sitrep(D, "daily")
    lines = report.lines()
    assert lines and all(line.event_ids for line in lines)
    assert all(line.text.endswith(".") for line in lines)
    cited = {i for line in lines for i in line.event_ids}
    assert "hypo" not in cited  # hypotheticals appear nowhere
    assert "later" not in cited  # another day
    assert {line.event_ids[0] for line in report.outlook} == {"expect"}
    assert all(line.modality == "expected" and line.text.startswith("Expected") for line in report.outlook)
    facts_cited = {i for line in report.highlights + [x for v in report.by_area.values() for x in v] for i in line.event_ids}
    assert "expect" not in facts_cited
    assert report.key_figures["events"] == 3  # take, strike, claim: not the expectation
    assert report.key_figures["fatalities (conservative count)"] == 12 + 3
    assert report.key_figures["places changing hands"] == 1
    assert any(line.kind == "control" and line.event_ids == ["take"] for line in report.highlights)
    assert "Eastern Province (XX)" in report.by_area
    claimed = next(line for line in lines if line.event_ids == ["claim"])
    assert "according to residents" in claimed.text and claimed.modality == "claimed"
    assert set(report.sources) == {"Alpha Wire", "Bravo Daily"}
    assert report.to_dict()["title"].startswith("Situation report")


def test_weekly_sitrep_and_days() -> None:
    pic = _sitrep_world().picture()
    assert pic.sitrep_days() == [D, D + timedelta(days=1)]
    week = pic.sitrep(D + timedelta(days=1), "weekly")
    assert week.since == D - timedelta(days=5)
    cited = {i for line in week.lines() for i in line.event_ids}
    assert {"take", "strike", "claim", "later", "expect"} <= cited and "hypo" not in cited
    from frontlines.errors import BadInput

    with pytest.raises(BadInput):
        pic.sitrep(D, "monthly")


# --- rules and store --------------------------------------------------------------------------


def test_rules_are_documented_data() -> None:
    rules = load_rules()
    text = rules_text()
    for key in ("confirmed_min_sources", "document_containment", "window_days", "min_places", "min_population",
                "assessed_max_grade", "contested_window_days"):
        assert key in text
    assert rules.alert("momentum", "window_days") == 30 and rules.alert("momentum", "min_places") == 3
    assert set(rules.grade_labels) == set("ABCDEF")
    assert len(rules.credibility_labels) == 6


def test_build_picture_from_a_store_follows_grade_changes(tmp_path) -> None:
    from frontlines.store import Store

    store = Store.open(f"sqlite:///{tmp_path / 'pic.db'}")
    store.upsert_outlets(OUTLETS)
    d = Document.from_text("The Legion overran Riverton overnight, officials said.", outlet="Alpha Wire",
                           published="2024-03-10", url="https://alphawire.example/a")
    store.add_document(d)
    r = rep(d.id, TAKE, FLAGS, ARMY, text="The Legion overran Riverton overnight, officials said.")
    store.set_reports(d.id, [r])
    store.fuse()
    infos = store.document_infos([d.id], with_text=True)
    assert infos[d.id].outlet_slug == "alpha-wire" and infos[d.id].text.startswith("The Legion")
    pic = build_picture(store)
    [e] = pic.events
    assert pic.credibility(e.id).grade == 2
    assert pic.control[RIVERTON.geonameid][0].status == "assessed"
    store.set_outlet_grade("Alpha Wire", "C")
    pic = build_picture(store)
    assert pic.credibility(e.id).grade == 3
    assert pic.control[RIVERTON.geonameid][0].status == "claimed"
    assert pic.outlet_record("alpha-wire").grade == "C"
    store.close()
