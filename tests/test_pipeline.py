"""The main job end to end: the bundled sample corpus through ingest, extract, fuse and store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.pipeline import build_demo, ingest_sources, sample_corpus_dir, sample_sources
from frontlines.settings import Settings
from frontlines.store import EventFilter, Store


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    store = Store.open(url)
    summary = build_demo(store, Settings(db=url))
    yield store, summary, url
    store.close()


def test_demo_builds_events_with_evidence(demo_store) -> None:
    store, summary, _ = demo_store
    assert summary is not None
    assert not summary.errors, summary.errors
    assert summary.new_documents >= 30
    events, total = store.list_events(EventFilter(), per_page=500)
    assert total >= 20
    located = [e for e in events if e.location is not None]
    assert len(located) >= total * 0.6
    full = store.get_event(events[0].id)
    assert full is not None and full.reports
    report = full.reports[0]
    doc = store.get_document(report.evidence.doc_id)
    assert doc is not None
    assert doc.text[report.evidence.start:report.evidence.end] == report.evidence.text


def test_repeated_coverage_fuses_into_one_event_with_several_outlets(demo_store) -> None:
    store, _, _ = demo_store
    events, _ = store.list_events(EventFilter(), per_page=500)
    assert any(len(e.outlets) >= 2 for e in events)


def test_expectations_are_not_facts(demo_store) -> None:
    store, _, _ = demo_store
    expected, _ = store.list_events(EventFilter(modality="expected"), per_page=500)
    assert expected, "the sample corpus states expectations; none were kept as such"
    for event in expected:
        assert all(r.modality == "expected" for r in store.get_event(event.id).reports)


def test_second_demo_reuses_the_store(demo_store) -> None:
    store, _, url = demo_store
    before = store.count_documents()
    assert build_demo(store, Settings(db=url)) is None
    assert store.count_documents() == before


def test_ingesting_the_same_sources_again_stores_nothing_twice(demo_store) -> None:
    store, _, url = demo_store
    before = store.count_documents()
    events_before = store.list_events(EventFilter(), per_page=1)[1]
    again = ingest_sources(sample_sources(), store, Settings(db=url))
    assert again.new_documents == 0
    assert again.duplicates == again.items
    assert store.count_documents() == before
    assert store.list_events(EventFilter(), per_page=1)[1] == events_before


def test_bad_items_get_one_line_each_and_the_run_goes_on(tmp_path: Path) -> None:
    good = sample_corpus_dir() / "text"
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "broken.jsonl").write_text('{"id": "a", "text": "Fighting was reported in Aleppo on Monday."}\nnot json\n')
    db = tmp_path / "t.db"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--db", f"sqlite:///{db}", str(good), str(tmp_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("binary.html" in e for e in errors)
    assert any("empty.txt" in e for e in errors)
    assert any("broken.jsonl" in e and "line 2" in e for e in errors)
    store = Store.open(f"sqlite:///{db}")
    try:
        stored = store.count_documents()
        assert stored >= 2  # the good text files and the good JSONL line
    finally:
        store.close()
    # a second run with the same bad input loses and doubles nothing
    result = runner.invoke(main, ["ingest", "--db", f"sqlite:///{db}", str(good), str(tmp_path)])
    store = Store.open(f"sqlite:///{db}")
    try:
        assert store.count_documents() == stored
    finally:
        store.close()


def test_export_cli_writes_acled_columns(demo_store, tmp_path: Path) -> None:
    _, _, url = demo_store
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["export", "--db", url, "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in ("event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude", "fatalities"):
        assert column in header
    geo = tmp_path / "events.geojson"
    CliRunner().invoke(main, ["export", "--db", url, "--format", "geojson", "--country", "SY", "-o", str(geo)])
    features = json.loads(geo.read_text(encoding="utf-8"))["features"]
    assert features and all(f["properties"]["country"] in ("Syria", "SY") for f in features)
