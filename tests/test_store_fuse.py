"""Store.fuse rebuilds only what the writes since the last fuse can touch, and must give exactly
what a rebuild of every event gives: checked on invented worlds written in random order, with
documents published out of order, reports replaced and removed, and denials."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from frontlines.records import ActorRef, Attribution, Document, Evidence, Location, Place, Report
from frontlines.store import Store

# An invented valley: three towns close together, one a short drive away, one far off, and the
# province and the country they lie in.
TOWNS = [
    Place(9200001, "Merrow", 12.00, 30.00, "SD", "Upper Vale", "PPL"),
    Place(9200002, "Cask", 12.05, 30.04, "SD", "Upper Vale", "PPL"),
    Place(9200003, "Dunmere", 11.96, 30.08, "SD", "Upper Vale", "PPL"),
    Place(9200004, "Ostry", 12.30, 30.25, "SD", "Upper Vale", "PPL"),
    Place(9200005, "Farholt", 15.00, 33.00, "SD", "Far Plains", "PPL"),
]
AREAS = [
    Place(9200010, "Upper Vale", 12.1, 30.1, "SD", "Upper Vale", "ADM1"),
    Place(9200011, "Sudan", 15.5, 30.0, "SD", None, "PCLI"),
]
ACTORS = [
    ActorRef("Vale Defence Force", "soldiers", 1, "SD"),
    ActorRef("River Brigade", "the brigade", 2, "SD"),
    ActorRef("Unidentified Armed Group (Sudan)", "gunmen", 3, "SD"),
    None,
]
TYPES = {
    "Battles": ["Armed clash", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack"],
}
MODALITIES = ["asserted"] * 6 + ["claimed"] * 2 + ["denied"] * 3 + ["expected", "hypothetical"]
FIRST = date(2025, 3, 1)
TEXT = ("Fighting was reported around the valley towns this week, residents said, and the "
        "army said its positions held while the brigade said it had advanced on two roads.")


def _report(rng: random.Random, d: Document, seq: int, day: date) -> Report:
    etype = rng.choice(sorted(TYPES))
    spot = rng.random()
    place = rng.choice(TOWNS) if spot < 0.7 else rng.choice(AREAS) if spot < 0.85 else None
    start = seq * 7
    return Report(
        event_type=etype,
        sub_event_type=rng.choice(TYPES[etype]),
        evidence=Evidence(d.id, start, start + 30, d.text[start:start + 30]),
        actor1=rng.choice(ACTORS),
        actor2=rng.choice(ACTORS),
        location=Location(place, place.name, geo_precision=3 if place.feature_code != "PPL" else 1)
        if place else None,
        date=day - timedelta(days=rng.randrange(0, 3)) if rng.random() < 0.85 else None,
        time_precision=rng.choice([1, 1, 1, 1, 2, 3]),
        fatalities=rng.choice([None, 0, 2, 5]),
        modality=rng.choice(MODALITIES),
        attribution=Attribution(d.outlet, None),
        confidence=round(rng.uniform(0.4, 0.95), 2),
    )


class _World:
    """Stories happen in bursts (a few days of fighting, then quiet), over more than a year, and
    are written up over the next days; some documents come late, some carry no time at all."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.bursts = sorted(self.rng.sample(range(900), 14))
        self.docs: list[tuple[Document, date]] = []

    def document(self) -> tuple[Document, date]:
        rng = self.rng
        n = len(self.docs)
        # mostly the news of the day (the bursts in turn), now and then a late story
        now = self.bursts[min(n // 8, len(self.bursts) - 1)]
        burst = rng.choice([b for b in self.bursts if b <= now]) if rng.random() < 0.15 else now
        day = FIRST + timedelta(days=burst + rng.randrange(0, 4))
        published = None
        if rng.random() < 0.92:
            published = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(
                days=rng.randrange(0, 3), hours=rng.choice([0, 6, 12]))
        d = Document.from_text(f"Dispatch {n}. {TEXT}", outlet=rng.choice(["Vale Wire", "Plains Post", None]),
                               url=f"https://news{n % 3}.example/{n}", published=published)
        self.docs.append((d, day))
        return d, day

    def reports(self, d: Document, day: date) -> list[Report]:
        return [_report(self.rng, d, i, day) for i in range(self.rng.randint(0, 3))]


def _snapshot(store: Store) -> list[tuple]:
    return [
        (e.id, e.event_type, e.sub_event_type, tuple(r.id for r in e.reports), tuple(e.tags),
         e.actor1, e.actor2, e.location, e.date, e.time_precision, e.fatalities, e.modality,
         tuple(e.outlets))
        for e in store.iter_events()
    ]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store.open(store_url)
    yield s
    s.close()


def _fuse_both(store: Store, label: str = "") -> None:
    """fuse() (a part), then a full rebuild: the two must leave the same events."""
    count = store.fuse()
    incremental = _snapshot(store)
    assert count == len(incremental)
    assert store.fuse(full=True) == count
    assert _snapshot(store) == incremental, f"{label}: the fuse of a part differs from a full one"


def _play(store: Store, seed: int, rounds: int) -> None:
    world = _World(seed)
    rng = world.rng
    for _ in range(rounds):
        action = rng.random()
        if action < 0.7 or not world.docs:
            batch = [world.document() for _ in range(rng.randint(1, 6))]
            store.add_documents_with_reports([(d, world.reports(d, day)) for d, day in batch])
        elif action < 0.88:
            d, day = rng.choice(world.docs)
            store.set_reports(d.id, world.reports(d, day))
        else:
            store.upsert_outlets([{"name": rng.choice(["Vale Wire", "Plains Post"]),
                                   "domain": f"news{rng.randrange(3)}.example"}])
        _fuse_both(store, f"seed {seed}")


@pytest.mark.parametrize("seed", range(8))
def test_fusing_a_part_gives_what_a_full_rebuild_gives(tmp_path, seed: int) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'fuse.db'}") as store:
        _play(store, seed, rounds=30)


def test_fusing_a_part_on_both_backends(store: Store) -> None:
    _play(store, 99, rounds=15)


def test_a_fuse_with_nothing_queued_changes_nothing(store: Store) -> None:
    world = _World(5)
    store.add_documents_with_reports([(d, world.reports(d, day)) for d, day in
                                      (world.document() for _ in range(8))])
    count = store.fuse()
    before = _snapshot(store)
    revision = store.revision()
    assert store.fuse() == count
    assert _snapshot(store) == before
    assert store.revision() == revision  # no write: what the web app keeps stays valid


def _told(d: Document, *, day: date, precision: int = 1, modality: str = "asserted",
          etype: str = "Battles", sub: int = 0, place: Place = TOWNS[0]) -> Report:
    return Report(
        event_type=etype,
        sub_event_type=TYPES[etype][sub],
        evidence=Evidence(d.id, 0, 20, d.text[:20]),
        actor1=ACTORS[1],
        actor2=None,
        location=Location(place, place.name),
        date=day,
        time_precision=precision,
        modality=modality,
        confidence=0.8,
    )


def _dispatches(at: datetime) -> Callable[[int], Document]:
    def dispatch(n: int) -> Document:
        return Document.from_text(f"Dispatch {n}. {TEXT}", url=f"https://wire.example/{n}",
                                  published=at + timedelta(hours=n))
    return dispatch


def test_a_denial_far_from_the_changed_report_is_placed_again(store: Store) -> None:
    """A report leaves an event; a denial it had kept out of that event (33 days apart, while
    the rest of the event is 31 days away) leaves the event it had settled for and joins that
    one. The denial is not near the changed report: only the reach from the event finds it."""
    day = FIRST + timedelta(days=200)
    at = datetime.combine(day, datetime.min.time(), tzinfo=UTC)

    dispatch = _dispatches(at)
    # the changed document comes last, so the others are not among the reports placed again
    claim, fallback, denial, changed = (dispatch(n) for n in range(4))
    month_before = day - timedelta(days=31)
    store.add_documents_with_reports([
        (claim, [_told(claim, day=day)]),
        # a weaker match for the denial: another town nearby, another sub-type
        (fallback, [_told(fallback, day=month_before, sub=1, place=TOWNS[1])]),
        (denial, [_told(denial, day=month_before, precision=3, modality="denied")]),
        # joins the claim's event, and keeps the denial out of it (33 days apart)
        (changed, [_told(changed, day=day + timedelta(days=2))]),
    ])
    store.fuse()
    first = sorted((len(e.reports), "disputed" in e.tags) for e in store.iter_events())
    assert first == [(2, False), (2, True)]  # claim + changed; fallback + its denial

    store.set_reports(changed.id, [_told(changed, day=day + timedelta(days=2), etype="Explosions/Remote violence")])
    _fuse_both(store)
    disputed = [e for e in store.iter_events() if "disputed" in e.tags]
    assert [r.evidence.doc_id for r in disputed[0].reports] == [claim.id, denial.id]


def test_denials_that_match_nothing_are_regrouped_down_the_chain(store: Store) -> None:
    """Denials that match no claim group among themselves, greedily: when the first of a group
    finds a claim after a change, the second is left alone and a third, which the first had
    kept out, now joins it. The third is two months from any claim: only the closure over
    such denials finds it."""
    day = FIRST + timedelta(days=300)
    dispatch = _dispatches(datetime.combine(day, datetime.min.time(), tzinfo=UTC))
    claim, first, second, third, changed = (dispatch(n) for n in range(5))

    def denied(d: Document, days: int) -> Report:
        return _told(d, day=day + timedelta(days=days), precision=3, modality="denied")

    store.add_documents_with_reports([
        (claim, [_told(claim, day=day, precision=2)]),
        (first, [denied(first, -25)]),
        (second, [denied(second, -52)]),  # fits the first, not the claim
        (third, [denied(third, -70)]),  # fits the second, not the first
        (changed, [_told(changed, day=day + timedelta(days=7))]),  # keeps the first out
    ])
    store.fuse()
    groups = sorted(len(e.reports) for e in store.iter_events())
    assert groups == [1, 2, 2]  # claim + changed; first + second; third

    store.set_reports(changed.id, [_told(changed, day=day + timedelta(days=7), etype="Explosions/Remote violence")])
    _fuse_both(store)
    lone = [e for e in store.iter_events() if e.modality == "denied"]
    assert [[r.evidence.doc_id for r in e.reports] for e in lone] == [[second.id, third.id]]


def test_a_denial_pushed_out_finds_an_event_far_from_the_change(store: Store) -> None:
    """A new report joins an event and pushes its denial out; the denial falls back on an event
    seven weeks before the new report, which nothing else brings into the fuse."""
    day = FIRST + timedelta(days=400)
    dispatch = _dispatches(datetime.combine(day, datetime.min.time(), tzinfo=UTC))
    claim, fallback, denial, new = (dispatch(n) for n in range(4))
    store.add_documents_with_reports([
        (claim, [_told(claim, day=day, precision=2)]),
        (fallback, [_told(fallback, day=day - timedelta(days=50), sub=1, place=TOWNS[1])]),
        (denial, [_told(denial, day=day - timedelta(days=25), precision=3, modality="denied")]),
    ])
    store.fuse()
    store.add_documents_with_reports([(new, [_told(new, day=day + timedelta(days=7))])])
    _fuse_both(store)
    disputed = [e for e in store.iter_events() if "disputed" in e.tags]
    assert [r.evidence.doc_id for r in disputed[0].reports] == [fallback.id, denial.id]
