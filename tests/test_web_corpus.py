"""A small invented corpus built through the real Store, shared by the web, export and browser tests.

The articles are written for these tests (invented outlets, invented armed group); the places are
real GeoNames entries so the map has somewhere true to put them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontlines.records import ActorRef, Attribution, Document, Evidence, Location, Place, Report
from frontlines.store import Store

GOMA = Place(216281, "Goma", -1.67409, 29.22845, "CD", "11", "PPLA")
BUKAVU = Place(217831, "Bukavu", -2.49077, 28.84281, "CD", "12", "PPLA")
OMDURMAN = Place(365137, "Omdurman", 15.64453, 32.47773, "SD", "29", "PPL")
KHARTOUM = Place(379252, "Khartoum", 15.55177, 32.53241, "SD", "29", "PPLC")

FRONT = ActorRef("Mountain Liberation Front", "the Front", 2, "CD")
ARMY_CD = ActorRef("Military Forces of the Democratic Republic of Congo", "army units", 1, "CD")
CIVILIANS = ActorRef("Civilians", "families", 7, None)
RSF = ActorRef("Rapid Support Forces", "the paramilitary", 2, "SD")
PROTESTERS = ActorRef("Protesters", "protesters", 6, "SD")

COURIER_TEXT = (
    "Fighters of the Mountain Liberation Front pushed into the southern districts of Goma on Tuesday "
    "after a week-long assault, residents told our reporter. "
    "Army units were seen pulling back along the northern road out of the city. "
    "At least 12 people were killed in fighting near the airport, hospital staff said. "
    "Thousands of families fled towards the lake shore with what they could carry. "
    "A government spokesman said reinforcements are expected to reach the city within two days. "
    "If Goma falls, the Front will hold every large town in the province."
)
WIRE_TEXT = (
    "The Mountain Liberation Front says its fighters have taken the centre of Goma. "
    "In a statement on Tuesday the group claimed that 15 soldiers died defending the airport. "
    "The army has not commented."
)
POST_TEXT = (
    "A drone struck a crowded market in Omdurman on Saturday morning, killing 5 civilians, "
    "local volunteers reported. "
    "The Rapid Support Forces denied carrying out the strike. "
    "On Sunday hundreds of protesters marched peacefully through central Khartoum to demand an end to the war."
)
TALKS_TEXT = (
    "Talks between the warring parties collapsed late on Monday, two mediators said, "
    "and no new round has been scheduled."
)
BUKAVU_TEXT = (
    "Shells landed on the outskirts of Bukavu overnight, damaging two schools. "
    "Nobody was reported hurt."
)


def _report(doc: Document, sentence: str, event_type: str, sub: str | None, **kw: object) -> Report:
    start = doc.text.index(sentence)
    ev = Evidence(doc.id, start, start + len(sentence), sentence)
    return Report(event_type=event_type, sub_event_type=sub, evidence=ev, **kw)  # type: ignore[arg-type]


def _loc(place: Place, mention: str | None = None, precision: int = 1) -> Location:
    return Location(place, mention or place.name, precision)


@dataclass
class Corpus:
    db_url: str
    documents: list[Document]
    event_ids: list[str]


def build_store(where: Path | str) -> Corpus:
    """Write the corpus into a fresh store and fuse it: ``where`` is an SQLite file path or the
    URL of an empty store (an SQLite file or a PostgreSQL schema, see conftest's ``store_url``)."""
    url = where if isinstance(where, str) else f"sqlite:///{where}"
    store = Store.open(url)
    store.upsert_outlets(
        [
            {"name": "Lakeside Courier", "slug": "lakeside-courier", "domain": "lakeside-courier.example",
             "country": "CD", "grade": "B", "description": "An invented regional daily."},
            {"name": "Northern Wire", "slug": "northern-wire", "domain": "northern-wire.example",
             "country": "GB", "grade": "C", "description": "An invented news agency."},
            {"name": "Desert Post", "slug": "desert-post", "domain": "desert-post.example",
             "country": "SD", "grade": "B", "description": "An invented weekly."},
        ]
    )
    courier = Document.from_text(COURIER_TEXT, url="https://lakeside-courier.example/goma-assault",
                                 outlet="Lakeside Courier", title="Rebels push into Goma",
                                 published="2025-01-15T08:00:00Z")
    wire = Document.from_text(WIRE_TEXT, url="https://northern-wire.example/front-claims-goma",
                              outlet="Northern Wire", title="Front claims Goma centre",
                              published="2025-01-15T10:30:00Z")
    post = Document.from_text(POST_TEXT, url="https://desert-post.example/omdurman-market",
                              outlet="Desert Post", title="Drone hits Omdurman market",
                              published="2025-02-02T09:00:00Z")
    talks = Document.from_text(TALKS_TEXT, url="https://desert-post.example/talks",
                               outlet="Desert Post", title="Talks collapse",
                               published="2025-02-04T07:00:00Z")
    bukavu = Document.from_text(BUKAVU_TEXT, url="https://lakeside-courier.example/bukavu-shelling",
                                outlet="Lakeside Courier", title="Shells hit Bukavu",
                                published="2024-12-20T07:00:00Z")
    docs = [courier, wire, post, talks, bukavu]
    for doc in docs:
        assert store.add_document(doc)

    tue = date(2025, 1, 14)
    s = COURIER_TEXT.split(". ")
    store.set_reports(courier.id, [
        _report(courier, s[0], "Battles", "Non-state actor overtakes territory", actor1=FRONT,
                actor2=ARMY_CD, location=_loc(GOMA), date=tue, time_precision=1, confidence=0.8),
        _report(courier, s[1], "Strategic developments", "Other", tags=["retreat"], actor1=ARMY_CD,
                location=_loc(GOMA), date=tue, time_precision=1, confidence=0.6),
        _report(courier, s[2], "Battles", "Armed clash", actor1=FRONT, actor2=ARMY_CD,
                location=_loc(GOMA, "near the airport", 2), date=tue, time_precision=1, fatalities=12,
                attribution=Attribution("Lakeside Courier", "hospital staff"), confidence=0.7),
        _report(courier, s[3], "Strategic developments", "Other", tags=["displacement"], actor1=CIVILIANS,
                location=_loc(GOMA), date=tue, time_precision=1, confidence=0.5),
        _report(courier, s[4], "Strategic developments", "Other", tags=["deployment"], actor1=ARMY_CD,
                location=_loc(GOMA), date=date(2025, 1, 16), time_precision=1, modality="expected",
                attribution=Attribution("Lakeside Courier", "a government spokesman"), confidence=0.6),
        _report(courier, s[5], "Battles", "Non-state actor overtakes territory", actor1=FRONT,
                location=_loc(GOMA), modality="hypothetical", confidence=0.5),
    ])
    w = WIRE_TEXT.split(". ")
    store.set_reports(wire.id, [
        _report(wire, w[0], "Battles", "Non-state actor overtakes territory", actor1=FRONT,
                location=_loc(GOMA), date=tue, time_precision=1, modality="claimed",
                attribution=Attribution("Northern Wire", "Mountain Liberation Front"), confidence=0.7),
        _report(wire, w[1], "Battles", "Armed clash", actor1=FRONT, actor2=ARMY_CD,
                location=_loc(GOMA), date=tue, time_precision=1, fatalities=15, modality="claimed",
                attribution=Attribution("Northern Wire", "Mountain Liberation Front"), confidence=0.6),
    ])
    p = POST_TEXT.split(". ")
    store.set_reports(post.id, [
        _report(post, p[0], "Explosions/Remote violence", "Air/drone strike", actor2=CIVILIANS,
                location=_loc(OMDURMAN), date=date(2025, 2, 1), time_precision=1, fatalities=5,
                confidence=0.8),
        _report(post, p[1], "Explosions/Remote violence", "Air/drone strike", actor1=RSF,
                location=_loc(OMDURMAN), date=date(2025, 2, 1), time_precision=1, modality="denied",
                attribution=Attribution("Desert Post", "Rapid Support Forces"), confidence=0.6),
        _report(post, p[2], "Protests", "Peaceful protest", actor1=PROTESTERS, location=_loc(KHARTOUM),
                date=date(2025, 2, 2), time_precision=1, confidence=0.7),
    ])
    store.set_reports(talks.id, [
        _report(talks, TALKS_TEXT.split(",")[0], "Strategic developments", "Agreement",
                date=date(2025, 2, 3), time_precision=1, confidence=0.4),
    ])
    store.set_reports(bukavu.id, [
        _report(bukavu, BUKAVU_TEXT.split(". ")[0], "Explosions/Remote violence",
                "Shelling/artillery/missile attack", location=_loc(BUKAVU, "the outskirts of Bukavu", 2),
                date=date(2024, 12, 19), time_precision=1, fatalities=0, confidence=0.7),
    ])
    store.fuse()
    ids = [e.id for e in store.iter_events()]
    store.close()
    return Corpus(url, docs, ids)


def test_corpus_builds(store_url: str) -> None:
    corpus = build_store(store_url)
    store = Store.open(corpus.db_url)
    events = list(store.iter_events())
    assert len(events) == len(corpus.event_ids) >= 6
    # The claimed report from a second outlet joins the asserted event: one event, two outlets.
    multi = [e for e in events if len(e.outlets) > 1]
    assert multi, [(e.event_type, e.sub_event_type, e.outlets) for e in events]
    assert any(e.location is None for e in events)
    assert {e.modality for e in events} >= {"asserted", "expected", "hypothetical"}
    store.close()
