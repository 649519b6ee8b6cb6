"""fuse_reports: pure tests on reports written here (invented places and outlets)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest

from frontlines.fuse import DocMeta, compatible, event_id_for, fuse_reports
from frontlines.records import ActorRef, Attribution, Evidence, Location, Place, Report

# Invented gazetteer: Marrow and Kessel are 11 km apart, Dunmore is ~150 km away.
MARROW = Place(9000001, "Marrow", 12.000, 30.000, "SD", "North Vale", "PPL")
KESSEL = Place(9000002, "Kessel", 12.100, 30.000, "SD", "North Vale", "PPL")
DUNMORE = Place(9000003, "Dunmore", 13.300, 30.400, "SD", "North Vale", "PPL")
NORTH_VALE = Place(9000010, "North Vale", 12.5, 30.2, "SD", "North Vale", "ADM1")

ARMY = ActorRef("Vale Armed Forces", "the army", 1, "SD")
RIDERS = ActorRef("Plains Riders", "the Riders", 2, "SD")
OTHERS = ActorRef("Hill Brigade", "the brigade", 3, "SD")


def meta(doc: str, day: int, outlet: str | None = None, hour: int = 8) -> DocMeta:
    return DocMeta(
        doc,
        outlet or f"Outlet {doc}",
        datetime(2024, 5, day, hour, tzinfo=UTC),
        f"https://news.example/{doc}",
    )


def rep(
    doc: str,
    *,
    sub: str = "Armed clash",
    etype: str = "Battles",
    place: Place | None = MARROW,
    day: int | None = 10,
    actors: tuple = (RIDERS, ARMY),
    modality: str = "asserted",
    deaths: int | None = None,
    conf: float = 0.8,
    start: int = 0,
    precision: int | None = 1,
    geo_precision: int = 1,
    tags: tuple[str, ...] = (),
) -> Report:
    text = f"Sentence {start} of {doc}."
    return Report(
        event_type=etype,
        sub_event_type=sub,
        evidence=Evidence(doc, start, start + len(text), text),
        tags=list(tags),
        actor1=actors[0],
        actor2=actors[1],
        location=Location(place, place.name, geo_precision) if place else None,
        date=date(2024, 5, day) if day else None,
        time_precision=precision if day else None,
        fatalities=deaths,
        modality=modality,
        attribution=Attribution(None, "a spokesman") if modality == "claimed" else None,
        confidence=conf,
    )


def by_size(events):
    return sorted(events, key=lambda e: -len(e.reports))


def test_two_outlets_one_event_and_an_expected_report_kept_apart() -> None:
    reports = [
        (rep("a", deaths=12), meta("a", 10, "North Wire")),
        (rep("b", day=9, deaths=7), meta("b", 10, "Coast Herald")),
        (rep("c", modality="expected"), meta("c", 10, "Coast Herald")),
    ]
    events = fuse_reports(reports)
    assert len(events) == 2
    fused, expected = by_size(events)
    assert fused.modality == "asserted" and len(fused.reports) == 2
    assert fused.outlets == ["Coast Herald", "North Wire"]
    assert fused.fatalities == 7 and fused.fatalities_low == 7 and fused.fatalities_high == 12
    assert fused.date == date(2024, 5, 9)
    assert expected.modality == "expected" and len(expected.reports) == 1


def test_hypothetical_and_expected_never_join_a_fact() -> None:
    reports = [
        (rep("a"), meta("a", 10)),
        (rep("b", modality="hypothetical"), meta("b", 10)),
        (rep("c", modality="expected"), meta("c", 10)),
        (rep("d", modality="expected"), meta("d", 11)),
    ]
    events = fuse_reports(reports)
    assert sorted((e.modality, len(e.reports)) for e in events) == [
        ("asserted", 1),
        ("expected", 2),
        ("hypothetical", 1),
    ]


def test_claimed_joins_asserted_and_event_stays_asserted() -> None:
    events = fuse_reports(
        [(rep("a", modality="claimed"), meta("a", 10)), (rep("b"), meta("b", 11))]
    )
    assert len(events) == 1 and events[0].modality == "asserted"
    only_claims = fuse_reports([(rep("a", modality="claimed"), meta("a", 10))])
    assert only_claims[0].modality == "claimed"


def test_denial_attaches_and_marks_disputed() -> None:
    reports = [
        (rep("a", sub="Non-state actor overtakes territory"), meta("a", 10)),
        (rep("b", modality="denied", conf=0.9), meta("b", 9)),
    ]  # published before the claim
    (event,) = fuse_reports(reports)
    assert event.modality == "asserted"
    assert "disputed" in event.tags
    assert len(event.reports) == 2
    # The id comes from the earliest non-denied report, so a denial cannot move it.
    assert event.id == event_id_for(reports[0][0])
    lone = fuse_reports([(rep("b", modality="denied"), meta("b", 9))])
    assert lone[0].modality == "denied" and "disputed" not in lone[0].tags


def test_clash_and_takeover_are_one_battle_and_vote_picks_the_label() -> None:
    reports = [
        (rep("a", sub="Armed clash", conf=0.5), meta("a", 10)),
        (rep("b", sub="Non-state actor overtakes territory", conf=0.9), meta("b", 10)),
        (rep("c", sub="Non-state actor overtakes territory", conf=0.6), meta("c", 11)),
    ]
    (event,) = fuse_reports(reports)
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_different_types_do_not_merge() -> None:
    reports = [
        (rep("a"), meta("a", 10)),
        (rep("b", etype="Explosions/Remote violence", sub="Air/drone strike"), meta("b", 10)),
    ]
    assert len(fuse_reports(reports)) == 2


def test_strike_and_shelling_are_compatible_sub_types() -> None:
    a = rep("a", etype="Explosions/Remote violence", sub="Air/drone strike", actors=(ARMY, None))
    b = rep(
        "b",
        etype="Explosions/Remote violence",
        sub="Shelling/artillery/missile attack",
        actors=(ARMY, None),
    )
    assert compatible((a, meta("a", 10)), (b, meta("b", 10)))


def test_place_distance() -> None:
    near = fuse_reports([(rep("a"), meta("a", 10)), (rep("b", place=KESSEL), meta("b", 10))])
    assert len(near) == 1
    far = fuse_reports([(rep("a"), meta("a", 10)), (rep("b", place=DUNMORE), meta("b", 10))])
    assert len(far) == 2


def test_most_specific_location_wins() -> None:
    reports = [
        (rep("a", place=NORTH_VALE, geo_precision=3, conf=0.95), meta("a", 10)),
        (rep("b", place=KESSEL, conf=0.4), meta("b", 10)),
    ]
    (event,) = fuse_reports(reports)
    assert event.location is not None and event.location.place.geonameid == KESSEL.geonameid


def test_date_window_depends_on_precision() -> None:
    apart = [(rep("a", day=10), meta("a", 10)), (rep("b", day=15), meta("b", 15))]
    assert len(fuse_reports(apart)) == 2
    weekly = [(rep("a", day=10), meta("a", 10)), (rep("b", day=15, precision=2), meta("b", 15))]
    (event,) = fuse_reports(weekly)
    # The finest precision decides the fused date, not the earliest coarse one.
    assert event.date == date(2024, 5, 10) and event.time_precision == 1


def test_undated_report_uses_publication_date() -> None:
    reports = [(rep("a", day=10), meta("a", 11)), (rep("b", day=None), meta("b", 12))]
    assert len(fuse_reports(reports)) == 1
    late = [(rep("a", day=10), meta("a", 11)), (rep("b", day=None), meta("b", 20))]
    assert len(fuse_reports(late)) == 2


def test_actors_swapped_merge_conflicting_do_not() -> None:
    swapped = [
        (rep("a", actors=(RIDERS, ARMY)), meta("a", 10)),
        (rep("b", actors=(ARMY, RIDERS)), meta("b", 10)),
    ]
    (event,) = fuse_reports(swapped)
    assert event.actor1 is not None and event.actor1.name == RIDERS.name
    conflict = [
        (rep("a", actors=(RIDERS, ARMY)), meta("a", 10)),
        (rep("b", actors=(OTHERS, ARMY)), meta("b", 10)),
    ]
    assert len(fuse_reports(conflict)) == 2
    partial = [
        (rep("a", actors=(RIDERS, ARMY)), meta("a", 10)),
        (rep("b", actors=(RIDERS, None)), meta("b", 10)),
    ]
    (event,) = fuse_reports(partial)
    assert event.actor2 is not None and event.actor2.name == ARMY.name


def test_unidentified_actor_matches_a_named_one() -> None:
    gunmen = ActorRef("Unidentified Armed Group (Sudan)", "gunmen", 3, "SD")
    reports = [
        (rep("a", actors=(gunmen, None)), meta("a", 10)),
        (rep("b", actors=(RIDERS, None)), meta("b", 10)),
    ]
    (event,) = fuse_reports(reports)
    assert event.actor1 is not None and event.actor1.name == RIDERS.name


def test_no_place_needs_a_shared_actor() -> None:
    with_actor = [(rep("a"), meta("a", 10)), (rep("b", place=None), meta("b", 10))]
    assert len(fuse_reports(with_actor)) == 1
    anonymous = [
        (rep("a", actors=(None, None)), meta("a", 10)),
        (rep("b", place=None, actors=(None, None)), meta("b", 10)),
    ]
    assert len(fuse_reports(anonymous)) == 2


def test_same_document_merges_only_exact_repeats() -> None:
    repeat = [(rep("a", start=0), meta("a", 10)), (rep("a", start=200), meta("a", 10))]
    assert len(fuse_reports(repeat)) == 1
    two_towns = [
        (rep("a", start=0), meta("a", 10)),
        (rep("a", start=200, place=KESSEL), meta("a", 10)),
    ]
    assert len(fuse_reports(two_towns)) == 2


def test_strategic_development_tags_must_agree() -> None:
    sd = {"etype": "Strategic developments", "sub": "Other"}
    retreat = rep("a", tags=("retreat",), **sd)
    deploy = rep("b", tags=("deployment",), **sd)
    assert len(fuse_reports([(retreat, meta("a", 10)), (deploy, meta("b", 10))])) == 2


def test_duplicate_input_counts_once() -> None:
    r = rep("a")
    (event,) = fuse_reports([(r, meta("a", 10)), (r, meta("a", 10))])
    assert len(event.reports) == 1


def _corpus() -> list[tuple[Report, DocMeta]]:
    return [
        (rep("a", deaths=4), meta("a", 10, "North Wire")),
        (rep("b", day=11, deaths=6, place=KESSEL), meta("b", 11, "Coast Herald")),
        (rep("c", modality="expected", start=40), meta("c", 10)),
        (rep("d", place=DUNMORE, actors=(OTHERS, ARMY)), meta("d", 12)),
        (rep("e", modality="denied"), meta("e", 13)),
        (
            rep(
                "f", etype="Explosions/Remote violence", sub="Air/drone strike", actors=(ARMY, None)
            ),
            meta("f", 10),
        ),
        (
            rep(
                "g",
                etype="Explosions/Remote violence",
                sub="Air/drone strike",
                actors=(ARMY, None),
                day=None,
            ),
            meta("g", 11),
        ),
        (rep("h", day=20, place=None), meta("h", 21)),
        (rep("i", day=None), DocMeta("i", None, None, None)),
    ]


def test_deterministic_and_independent_of_input_order() -> None:
    corpus = _corpus()
    reference = [e.to_dict() for e in fuse_reports(corpus)]
    rng = random.Random(7)
    for _ in range(20):
        shuffled = corpus[:]
        rng.shuffle(shuffled)
        assert [e.to_dict() for e in fuse_reports(shuffled)] == reference


def test_ids_survive_a_later_report_joining() -> None:
    first = fuse_reports(_corpus()[:2])
    later = fuse_reports([*_corpus()[:2], (rep("z", day=11), meta("z", 14, "Late Gazette"))])
    (before,), (after,) = first, by_size(later)[:1]
    assert before.id == after.id and len(after.reports) == 3
    assert "Late Gazette" in after.outlets


def test_events_ordered_newest_first_then_id() -> None:
    events = fuse_reports(_corpus())
    dated = [e for e in events if e.date]
    assert dated == sorted(dated, key=lambda e: (-e.date.toordinal(), e.id))
    assert all(e.date is None for e in events[len(dated) :])


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_blocking_finds_what_brute_force_finds(monkeypatch, seed: int) -> None:
    """The index only prunes: every cluster it skips is one no report could have joined."""
    from frontlines import fuse

    rng = random.Random(seed)
    towns = [
        Place(
            9200000 + i,
            f"Town {i}",
            12 + rng.random(),
            30 + rng.random(),
            "SD",
            "North Vale",
            "PPL",
        )
        for i in range(12)
    ]
    towns.append(Place(9200100, "Border Post", 12.5, 31.001, "TD", "East", "PPL"))
    towns.append(NORTH_VALE)
    corpus = []
    for n in range(160):
        place = rng.choice([*towns, None])
        corpus.append(
            (
                rep(
                    f"d{n % 40}",
                    start=n * 50,
                    place=place,
                    day=rng.choice([None, *range(5, 25)]),
                    sub=rng.choice(["Armed clash", "Non-state actor overtakes territory"]),
                    actors=rng.choice([(RIDERS, ARMY), (ARMY, None), (OTHERS, None), (None, None)]),
                    modality=rng.choice(["asserted", "asserted", "claimed", "expected", "denied"]),
                    precision=rng.choice([1, 1, 2, 3]),
                    geo_precision=3 if place is NORTH_VALE else rng.choice([1, 1, 2]),
                ),
                meta(f"d{n % 40}", 5 + n % 20),
            )
        )
    indexed = [e.to_dict() for e in fuse_reports(corpus)]
    monkeypatch.setattr(
        fuse._Index, "candidates", lambda self, group, item: range(len(self.clusters))
    )
    brute = [e.to_dict() for e in fuse_reports(corpus)]
    assert indexed == brute
    assert len(indexed) < len(corpus)  # some fusion did happen
