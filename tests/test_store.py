"""Store: the same tests on SQLite and on a real (throwaway) PostgreSQL server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import create_engine

from frontlines.errors import BadInput, StoreError
from frontlines.records import ActorRef, Attribution, Document, Evidence, Location, Place, Report
from frontlines.store import EventFilter, Store

# Invented world: two countries, three towns, three outlets.
LOWFORD = Place(9100001, "Lowford", 11.0, 31.0, "SD", "East Reach", "PPL")
ASHBY = Place(9100002, "Ashby", 11.05, 31.05, "SD", "East Reach", "PPL")
TARN = Place(9100003, "Tarn", 4.0, 22.0, "CF", "Upper Basin", "PPL")
FORCES = ActorRef("Reach Defence Force", "the defence force", 1, "SD")
RAIDERS = ActorRef("Sand Column", "the Column", 2, "SD")
BASIN = ActorRef("Basin Guard", "guards", 3, "CF")


def doc(n: int, outlet: str, day: int, url_host: str = "news.example") -> Document:
    text = (
        f"Story {n}. Fighting was reported near the river town on day {day}. "
        f"Witnesses described heavy gunfire and columns of smoke. Officials spoke later."
    )
    return Document.from_text(
        text,
        outlet=outlet,
        url=f"https://www.{url_host}/story-{n}",
        title=f"Story {n}",
        published=f"2024-06-{day:02d}T09:30:00Z",
    )


def report(
    d: Document,
    *,
    place: Place | None = LOWFORD,
    day: int = 10,
    sub: str = "Armed clash",
    etype: str = "Battles",
    actors: tuple = (RAIDERS, FORCES),
    modality: str = "asserted",
    deaths: int | None = None,
    start: int = 10,
    conf: float = 0.8,
) -> Report:
    end = start + 40
    return Report(
        event_type=etype,
        sub_event_type=sub,
        evidence=Evidence(d.id, start, end, d.text[start:end]),
        actor1=actors[0],
        actor2=actors[1],
        location=Location(place, place.name) if place else None,
        date=date(2024, 6, day),
        time_precision=1,
        fatalities=deaths,
        modality=modality,
        attribution=Attribution(d.outlet, None),
        confidence=conf,
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store.open(store_url)
    yield s
    s.close()


def load_world(s: Store, *, reverse: bool = False) -> dict[str, Document]:
    """Three outlets; one battle told twice, one expected deployment, a strike abroad, a protest."""
    docs = {
        "wire": doc(1, "North Wire", 11, "northwire.example"),
        "herald": doc(2, "Coast Herald", 11, "coastherald.example"),
        "post": doc(3, "Valley Post", 12),
        "post2": doc(4, "Valley Post", 20),
    }
    reps = {
        "wire": [report(docs["wire"], deaths=9)],
        "herald": [
            report(
                docs["herald"],
                place=ASHBY,
                day=11,
                deaths=5,
                sub="Non-state actor overtakes territory",
            ),
            report(
                docs["herald"],
                modality="expected",
                sub="Other",
                day=13,
                start=60,
                etype="Strategic developments",
                actors=(FORCES, None),
            ),
        ],
        "post": [
            report(
                docs["post"],
                place=TARN,
                day=12,
                etype="Explosions/Remote violence",
                sub="Air/drone strike",
                actors=(BASIN, None),
                deaths=2,
            )
        ],
        "post2": [
            report(
                docs["post2"],
                place=ASHBY,
                day=19,
                etype="Protests",
                sub="Peaceful protest",
                actors=(ActorRef("Protesters (Sudan)", "residents", 6, "SD"), None),
            )
        ],
    }
    keys = list(docs)[::-1] if reverse else list(docs)
    for k in keys:
        assert s.add_document(docs[k])
        s.set_reports(docs[k].id, reps[k])
    s.fuse()
    return docs


def test_add_document_twice_is_stored_once(store: Store) -> None:
    d = doc(1, "North Wire", 11)
    assert store.add_document(d) is True
    assert store.add_document(d) is False
    assert store.count_documents() == 1
    assert store.has_document(d.id) and not store.has_document("nope")
    back = store.get_document(d.id)
    assert back is not None and back.text == d.text and back.outlet == "North Wire"
    assert back.published == datetime(2024, 6, 11, 9, 30, tzinfo=UTC)
    assert store.get_document("nope") is None


def test_text_with_nul_keeps_its_length(store: Store) -> None:
    d = Document.from_text("A broken\x00 byte in a story about shelling.", outlet="X")
    store.add_document(d)
    back = store.get_document(d.id)
    assert back is not None and len(back.text) == len(d.text)


def test_set_reports_replaces(store: Store) -> None:
    d = doc(1, "North Wire", 11)
    store.add_document(d)
    store.set_reports(d.id, [report(d), report(d, start=70, place=ASHBY)])
    assert len(store.get_reports(d.id)) == 2
    store.set_reports(d.id, [report(d, start=90, deaths=3)])
    (only,) = store.get_reports(d.id)
    assert only.evidence.start == 90 and only.fatalities == 3
    assert only.actor1 == RAIDERS and only.location is not None and only.location.place == LOWFORD
    store.set_reports(d.id, [])
    assert store.get_reports(d.id) == []
    with pytest.raises(StoreError):
        store.set_reports("unknown-doc", [])
    with pytest.raises(BadInput):
        store.set_reports(d.id, [report(doc(2, "Other", 11))])


def test_fuse_merges_two_outlets_and_keeps_expected_apart(store: Store) -> None:
    docs = load_world(store)
    events, total = store.list_events()
    assert total == 4  # the battle (2 reports), the expected deployment, the strike, the protest
    battle = next(e for e in events if e.event_type == "Battles")
    assert sorted(battle.outlets) == ["Coast Herald", "North Wire"]
    assert battle.reports == []  # list_events does not load reports
    assert battle.fatalities == 5 and battle.fatalities_high == 9
    full = store.get_event(battle.id)
    assert full is not None and len(full.reports) == 2
    assert {r.evidence.doc_id for r in full.reports} == {docs["wire"].id, docs["herald"].id}
    assert all(r.evidence.text for r in full.reports)
    expected = [e for e in events if e.modality == "expected"]
    assert len(expected) == 1 and expected[0].id != battle.id
    assert store.get_event("missing") is None


def test_event_ids_stable_across_refuse_and_input_order(store: Store, store_url: str) -> None:
    load_world(store)
    first, _ = store.list_events()
    stamps = {e.id: e for e in store.iter_events()}
    assert store.fuse() == len(first)
    again, _ = store.list_events()
    assert [e.id for e in again] == [e.id for e in first]
    # Nothing changed, so nothing counts as changed since just before the second fuse.
    cutoff = datetime.now(UTC)
    store.fuse()
    assert store.list_events(EventFilter(changed_since=cutoff))[1] == 0
    assert set(stamps) == {e.id for e in again}


def test_same_ids_when_loaded_in_another_order(tmp_path) -> None:
    a = Store.open(str(tmp_path / "a.db"))
    b = Store.open(str(tmp_path / "b.db"))
    load_world(a)
    load_world(b, reverse=True)
    assert [e.to_dict() for e in a.iter_events()] == [e.to_dict() for e in b.iter_events()]
    a.close()
    b.close()


def test_changed_since_sees_only_changed_events(store: Store) -> None:
    docs = load_world(store)
    cutoff = datetime.now(UTC) + timedelta(milliseconds=5)
    while datetime.now(UTC) <= cutoff:
        pass
    d = docs["post"]
    store.set_reports(
        d.id,
        [
            report(
                d,
                place=TARN,
                day=12,
                etype="Explosions/Remote violence",
                sub="Air/drone strike",
                actors=(BASIN, None),
                deaths=1,
            )
        ],
    )
    store.fuse()
    changed, n = store.list_events(EventFilter(changed_since=cutoff))
    assert n == 1 and changed[0].fatalities == 1 and changed[0].location.place.name == "Tarn"


def test_filters(store: Store) -> None:
    load_world(store)

    def count(**kw) -> int:
        return store.list_events(EventFilter(**kw))[1]

    assert count() == 4
    assert count(since=date(2024, 6, 12)) == 3
    assert count(until=date(2024, 6, 11)) == 1
    assert count(since=date(2024, 6, 11), until=date(2024, 6, 12)) == 1
    assert count(country="cf") == 1 and count(country="SD") == 3
    assert count(admin1="east reach") == 3
    assert count(event_type="Battles") == 1 and count(event_type="Air/drone strike") == 1
    assert count(actor="Sand Column") == 1 and count(actor="sand-column") == 1
    assert count(actor="Reach Defence Force") == 2  # the battle (actor2) and the deployment
    assert count(outlet="Coast Herald") == 2 and count(outlet="coast-herald") == 2
    assert count(outlet="Valley Post") == 2
    assert count(modality="expected") == 1 and count(modality="asserted") == 3
    assert count(geonameid=TARN.geonameid) == 1
    assert count(changed_since=datetime.now(UTC) + timedelta(hours=1)) == 0
    assert count(changed_since=datetime(2000, 1, 1, tzinfo=UTC)) == 4
    assert count(country="SD", event_type="Protests", actor="protesters-sudan") == 1


def test_outlet_filter_by_registered_domain(store: Store) -> None:
    load_world(store)
    store.upsert_outlets(
        [{"name": "North Wire", "slug": "nw", "domain": "northwire.example", "grade": "B"}]
    )
    store.fuse()
    assert store.list_events(EventFilter(outlet="northwire.example"))[1] == 1
    assert store.list_events(EventFilter(outlet="nw"))[1] == 1


def test_pagination(store: Store) -> None:
    load_world(store)
    everything, total = store.list_events(per_page=100)
    pages = []
    for page in (1, 2):
        events, n = store.list_events(page=page, per_page=2)
        assert n == total == 4
        pages.extend(events)
    assert [e.id for e in pages] == [e.id for e in everything]
    assert store.list_events(page=3, per_page=2) == ([], 4)
    dates = [e.date for e in everything]
    assert dates == sorted(dates, reverse=True)
    with pytest.raises(BadInput):
        store.list_events(page=0)
    streamed = list(store.iter_events())
    assert [e.id for e in streamed] == [e.id for e in everything]
    assert all(e.reports for e in streamed)


def test_summaries(store: Store) -> None:
    load_world(store)
    places = {p.place.geonameid: p for p in store.list_places()}
    # The fused battle sits at the town named by the vote's winner (both reports are town-level).
    ashby = places[ASHBY.geonameid]
    assert ashby.n_events >= 1 and ashby.place.name == "Ashby"
    tarn = store.get_place(TARN.geonameid)
    assert (
        tarn is not None
        and tarn.n_events == 1
        and tarn.event_types == {"Explosions/Remote violence": 1}
    )
    assert tarn.first_date == tarn.last_date == date(2024, 6, 12)
    assert store.get_place(1) is None

    actors = {a.slug: a for a in store.list_actors()}
    forces = actors["reach-defence-force"]
    assert forces.n_events == 2 and forces.inter == 1 and forces.country == "SD"
    assert forces.first_date == date(2024, 6, 10) and forces.last_date == date(2024, 6, 13)
    assert store.get_actor("Basin Guard") is not None
    assert store.get_actor("nobody") is None

    store.upsert_outlets(
        [
            {
                "name": "Coast Herald",
                "slug": "coast-herald",
                "domain": "www.coastherald.example",
                "country": "GB",
                "grade": "A",
                "description": "Regional daily.",
            },
            {"name": "Quiet Times", "slug": "quiet-times", "domain": "quiet.example", "grade": "C"},
        ]
    )
    outlets = {o.slug: o for o in store.list_outlets()}
    assert outlets["coast-herald"].n_documents == 1 and outlets["coast-herald"].n_reports == 2
    assert (
        outlets["coast-herald"].grade == "A"
        and outlets["coast-herald"].domain == "coastherald.example"
    )
    assert outlets["valley-post"].n_documents == 2 and outlets["valley-post"].grade is None
    assert outlets["quiet-times"].n_documents == 0
    herald = store.get_outlet("coast-herald")
    assert herald is not None and herald.description == "Regional daily."
    # Upserting again updates in place.
    store.upsert_outlets([{"name": "Coast Herald", "slug": "coast-herald", "grade": "B"}])
    assert store.get_outlet("coast-herald").grade == "B"
    assert store.get_outlet("none-such") is None


def test_documents_link_to_outlet_registered_later_and_by_domain(store: Store) -> None:
    d = doc(7, None, 11, "desert-daily.example")  # outlet unknown: only the URL says who
    store.add_document(d)
    store.upsert_outlets(
        [{"name": "Desert Daily", "slug": "desert-daily", "domain": "desert-daily.example"}]
    )
    assert store.get_outlet("desert-daily").n_documents == 1
    d2 = doc(8, None, 12, "desert-daily.example")
    store.add_document(d2)
    assert store.get_outlet("desert-daily").n_documents == 2
    store.set_reports(d2.id, [report(d2)])
    store.fuse()
    (event,), _ = store.list_events()
    assert event.outlets == ["Desert Daily"]


def test_failed_write_leaves_nothing_half_written(store: Store, monkeypatch) -> None:
    d = doc(1, "North Wire", 11)
    store.add_document(d)
    store.set_reports(d.id, [report(d, deaths=4)])
    # The old reports are deleted first, then the database refuses the second new row
    # (an integer no column can hold): the whole replacement must roll back.
    bad = [report(d, start=50), report(d, start=80, deaths=10**30)]
    with pytest.raises(StoreError):
        store.set_reports(d.id, bad)
    (kept,) = store.get_reports(d.id)
    assert kept.fatalities == 4

    store.fuse()
    before = [e.to_dict() for e in store.iter_events()]
    store.set_reports(d.id, [report(d, deaths=4), report(d, start=90, place=TARN)])
    # A report that stays keeps its event link until the next fuse.
    assert [e.to_dict() for e in store.iter_events()] == before

    def boom(*args, **kwargs):  # fails after the events were rewritten in the same transaction
        raise StoreError("simulated crash")

    monkeypatch.setattr(Store, "_refresh_places_and_actors", staticmethod(boom))
    with pytest.raises(StoreError):
        store.fuse()
    assert [e.to_dict() for e in store.iter_events()] == before

    with pytest.raises(BadInput):
        store.upsert_outlets([{"name": "Fine"}, {"slug": "no-name"}])
    assert store.get_outlet("fine") is None


def test_reopen_keeps_data_and_schema(store_url: str) -> None:
    s = Store.open(store_url)
    docs = load_world(s)
    ids = [e.id for e in s.iter_events()]
    assert s.schema_revision() == "0004"
    s.close()
    s = Store.open(store_url)  # upgrade head again: must be a no-op
    assert s.schema_revision() == "0004"
    assert s.count_documents() == len(docs)
    assert [e.id for e in s.iter_events()] == ids
    s.close()


def test_models_match_migrations(store: Store, store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from frontlines.store.models import Base

    engine = create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
    engine.dispose()


def test_sqlite_is_wal_and_allows_concurrent_writers(tmp_path) -> None:
    path = tmp_path / "shared.db"
    stores = [Store.open(str(path)) for _ in range(2)]
    with stores[0]._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    errors: list[BaseException] = []

    def write(s: Store, base: int) -> None:
        try:
            for i in range(15):
                d = doc(base + i, "Wire", 11)
                s.add_document(d)
                s.set_reports(d.id, [report(d)])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(s, 100 * (n + 1))) for n, s in enumerate(stores)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert stores[0].count_documents() == 30
    for s in stores:
        s.close()


def test_open_errors_are_store_errors(tmp_path) -> None:
    with pytest.raises(StoreError):
        Store.open(str(tmp_path / "no" / "such" / "dir" / "x.db"))
