"""The JSONL contracts other tools rely on (DESIGN.md): `annotate` and `geoparse`, run as commands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

EVENT_KEYS = {
    "event_type", "sub_event_type", "tags", "actor1", "actor2", "location", "date",
    "time_precision", "fatalities", "modality", "attribution", "evidence", "confidence",
}
LOCATION_KEYS = {"name", "mention", "geonameid", "lat", "lon", "country_code", "admin1", "geo_precision"}
PLACE_KEYS = {"start", "end", "text", "geonameid", "name", "lat", "lon", "country_code", "feature_code", "score"}

DOCS = [
    {"id": "one", "published": "2016-03-02",
     "text": "Government troops shelled rebel positions outside Idlib on Tuesday, killing four fighters, "
             "a monitoring group said."},
    {"id": "two", "text": "Dozens of teachers marched peacefully through central Nairobi demanding unpaid wages."},
    {"id": "three", "text": "The minister opened a new library."},
]


def run(command: str, lines: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "frontlines.cli", command, *extra],
        input="".join(line + "\n" for line in lines), check=False, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def annotated() -> list[dict]:
    lines = [json.dumps(DOCS[0]), "{not json", json.dumps({"id": "no-text"}), json.dumps(DOCS[1]),
             json.dumps(DOCS[2])]
    proc = run("annotate", lines, "-")
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_annotate_one_line_out_per_line_in_same_order(annotated: list[dict]) -> None:
    assert len(annotated) == 5
    assert [r.get("id") for r in annotated][:1] == ["one"]
    assert annotated[3]["id"] == "two" and annotated[4]["id"] == "three"


def test_annotate_bad_lines_get_an_error_and_the_run_goes_on(annotated: list[dict]) -> None:
    assert "error" in annotated[1] and "events" not in annotated[1]
    assert annotated[2]["id"] == "no-text" and "error" in annotated[2]


def test_annotate_event_shape(annotated: list[dict]) -> None:
    first = annotated[0]
    assert set(first) >= {"id", "events", "places"}
    assert first["events"], "a shelling with fatalities must give an event"
    event = first["events"][0]
    assert set(event) == EVENT_KEYS
    assert event["event_type"] == "Explosions/Remote violence"
    assert event["modality"] in {"asserted", "claimed"}
    assert event["fatalities"] == 4
    assert event["date"] == "2016-03-01"
    ev = event["evidence"]
    assert DOCS[0]["text"][ev["start"]:ev["end"]] == ev["text"]
    loc = event["location"]
    assert loc is not None and set(loc) == LOCATION_KEYS and loc["country_code"] == "SY"


def test_annotate_no_event_gives_empty_list(annotated: list[dict]) -> None:
    assert annotated[4]["events"] == []


def test_annotate_protest(annotated: list[dict]) -> None:
    event = annotated[3]["events"][0]
    assert event["event_type"] == "Protests"
    assert event["location"]["country_code"] == "KE"


def test_geoparse_finds_and_resolves() -> None:
    text = "Fighting spread from Aleppo towards Homs, while Damascus stayed quiet."
    proc = run("geoparse", [json.dumps({"id": "g1", "text": text}), "oops"])
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 2 and out[0]["id"] == "g1" and "error" in out[1]
    places = out[0]["places"]
    assert {p["text"] for p in places} >= {"Aleppo", "Homs", "Damascus"}
    for p in places:
        assert set(p) == PLACE_KEYS
        assert text[p["start"]:p["end"]] == p["text"]
        assert p["country_code"] == "SY"


def test_geoparse_fast_keeps_the_contract() -> None:
    text = "Shelling hit Kharkiv overnight; aid convoys left Dnipro for Zaporizhzhia at dawn."
    proc = run("geoparse", [json.dumps({"id": "f1", "text": text}), "[1, 2]"], "--fast")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 2 and out[0]["id"] == "f1" and "error" in out[1]
    places = out[0]["places"]
    assert {p["text"] for p in places} == {"Kharkiv", "Dnipro", "Zaporizhzhia"}
    for p in places:
        assert set(p) == PLACE_KEYS and p["country_code"] == "UA"
        assert text[p["start"]:p["end"]] == p["text"]


def test_geoparse_given_spans_one_place_per_span_in_order() -> None:
    text = "Residents of Mosul and of Xqzvrtl fled to Erbil."
    spans = [[text.index("Erbil"), text.index("Erbil") + 5], [text.index("Xqzvrtl"), text.index("Xqzvrtl") + 7],
             [text.index("Mosul"), text.index("Mosul") + 5]]
    proc = run("geoparse", [json.dumps({"id": "g2", "text": text, "spans": spans})])
    out = json.loads(proc.stdout.splitlines()[0])
    places = out["places"]
    assert [[p["start"], p["end"]] for p in places] == spans
    assert places[0]["country_code"] == "IQ" and places[2]["country_code"] == "IQ"
    assert places[1]["geonameid"] is None
