"""The ``annotate`` contract (DESIGN.md): one JSON line in, one object out, same order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontlines.records import MODALITIES, SUB_EVENT_TYPES, Document

DATA = Path(__file__).parent / "data" / "extract"


@pytest.fixture(scope="module", autouse=True)
def small_actor_dictionary() -> Iterator[None]:
    from frontlines.extract.actors import load_actor_dictionary

    mp = pytest.MonkeyPatch()
    mp.setenv("FRONTLINES_ACTORS_DIR", str(DATA))
    load_actor_dictionary.cache_clear()
    yield
    mp.undo()
    load_actor_dictionary.cache_clear()


LINES = [
    json.dumps({"id": "a", "text": "Gunmen shot dead a farmer near Garissa on Tuesday.",
                "published": "2020-05-09", "outlet": "Test Wire"}),
    "this is not json",
    json.dumps({"id": "b", "text": "The council discussed the budget for the new library."}),
    json.dumps(["a", "list"]),
    json.dumps({"id": "c"}),
    json.dumps({"id": "d", "text": "   "}),
    json.dumps({"id": "e", "text": "Rebels attacked a base.", "published": "9th of May"}),
    "",
    json.dumps({"id": "f", "text": "Protesters marched through Nairobi demanding lower fuel prices."}),
]


def test_annotate_lines_contract() -> None:
    from frontlines.extract import annotate_lines

    out = list(annotate_lines(LINES))
    assert len(out) == len(LINES)
    assert [o.get("id") for o in out] == ["a", None, "b", None, "c", "d", "e", None, "f"]
    a = out[0]
    assert set(a) == {"id", "events", "places"}
    ev = a["events"][0]
    assert ev["event_type"] == "Violence against civilians" and ev["sub_event_type"] == "Attack"
    assert ev["date"] == "2020-05-05" and ev["time_precision"] == 1
    assert ev["fatalities"] == 1
    assert ev["attribution"] == {"outlet": "Test Wire", "speaker": None}
    assert LINES[0].find("Gunmen") >= 0
    text = json.loads(LINES[0])["text"]
    assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert set(ev) == {"event_type", "sub_event_type", "tags", "actor1", "actor2", "location", "date",
                       "time_precision", "fatalities", "modality", "attribution", "evidence", "confidence"}
    assert out[2] == {"id": "b", "events": [], "places": []}
    for i in (1, 3, 4, 5, 6, 7):
        assert out[i]["error"].startswith(f"line {i + 1}:"), out[i]
        assert "events" not in out[i]
    assert "published" in out[6]["error"]
    assert out[8]["events"][0]["event_type"] == "Protests"
    json.dumps(out)  # plain JSON types only


def test_events_are_well_formed() -> None:
    from frontlines.extract import annotate_document

    doc = Document.from_text("An air strike hit a market in Idlib on Monday, killing 9 civilians. "
                             "Rebels are expected to retaliate.", published="2020-05-09")
    result = annotate_document(doc)
    assert result["id"] == doc.id
    for ev in result["events"]:
        assert ev["sub_event_type"] in SUB_EVENT_TYPES
        assert SUB_EVENT_TYPES[ev["sub_event_type"]] == ev["event_type"]
        assert ev["modality"] in MODALITIES
        assert 0.0 <= ev["confidence"] <= 1.0
    loc = result["events"][0]["location"]
    assert loc is not None and loc["country_code"] == "SY" and loc["geo_precision"] in (1, 2, 3)


def test_batch_matches_single_and_keeps_order() -> None:
    from frontlines.extract import annotate_batch, annotate_document

    texts = ["Police arrested 4 men in Mombasa.", "Soldiers clashed with rebels near Goma.",
             "Nothing happened at the fair."]
    docs = [Document.from_text(t + f" ({i})", published="2020-05-09") for i, t in enumerate(texts * 45)]
    one = annotate_batch(docs, n_process=1)
    two = annotate_batch(docs, n_process=2)
    assert [r["id"] for r in one] == [d.id for d in docs]
    assert one == two
    assert one[1] == annotate_document(docs[1])
