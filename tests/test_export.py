"""Exporters: every format round-trips the events of the invented corpus."""

from __future__ import annotations

import csv
import io
import json
import struct
from pathlib import Path

import pytest
from test_web_corpus import build_store

from frontlines.errors import BadInput
from frontlines.export import CSV_COLUMNS, FORMATS, country_info, event_to_row, write_events
from frontlines.records import Event
from frontlines.store import Store


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[Event]:
    corpus = build_store(tmp_path_factory.mktemp("export") / "export.db")
    store = Store.open(corpus.db_url)
    try:
        return list(store.iter_events())
    finally:
        store.close()


def _export(events: list[Event], fmt: str) -> tuple[int, bytes]:
    out = io.BytesIO()
    n = write_events(iter(events), fmt, out)
    return n, out.getvalue()


def test_csv_has_acled_columns_and_every_event(events: list[Event]) -> None:
    n, data = _export(events, "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert n == len(rows) == len(events)
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    for acled in ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1",
                  "actor2", "inter2", "interaction", "iso", "country", "admin1", "location",
                  "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "tags"):
        assert acled in rows[0]
    by_id = {r["event_id_cnty"]: r for r in rows}
    clash = next(e for e in events if e.sub_event_type == "Armed clash")
    row = by_id[clash.id]
    assert row["country"] == "Democratic Republic of the Congo"
    assert row["iso"] == "180" and row["iso2"] == "CD"
    assert row["source"] == "; ".join(clash.outlets) and ";" in row["source"]
    assert row["notes"] == clash.reports[0].evidence.text
    assert row["interaction"] == "12"  # state forces (1) against rebels (2)
    assert row["fatalities_low"] == "12" and row["fatalities_high"] == "15"
    assert int(row["n_reports"]) == len(clash.reports) == 2
    assert float(row["latitude"]) == pytest.approx(clash.location.place.lat)
    # An event without a place keeps its row, with empty geography.
    unplaced = next(e for e in events if e.location is None)
    assert by_id[unplaced.id]["latitude"] == "" and by_id[unplaced.id]["country"] == ""


def test_csv_leaves_the_stream_open(events: list[Event]) -> None:
    out = io.BytesIO()
    write_events(events[:1], "csv", out)
    assert not out.closed
    out.write(b"more")


def test_jsonl_lines_are_events(events: list[Event]) -> None:
    n, data = _export(events, "jsonl")
    lines = data.decode("utf-8").splitlines()
    assert n == len(lines) == len(events)
    back = [Event.from_dict(json.loads(line)) for line in lines]
    assert [e.id for e in back] == [e.id for e in events]
    assert back[0].to_dict() == events[0].to_dict()


def test_geojson_is_a_feature_collection_of_points(events: list[Event]) -> None:
    n, data = _export(events, "geojson")
    doc = json.loads(data)
    assert doc["type"] == "FeatureCollection"
    placed = [e for e in events if e.location is not None]
    assert n == len(doc["features"]) == len(placed) < len(events)
    feature = doc["features"][0]
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, lon) == (placed[0].location.place.lat, placed[0].location.place.lon)
    assert feature["properties"]["id"] == placed[0].id
    assert feature["properties"]["modality"] == placed[0].modality


def test_parquet_is_geoparquet(events: list[Event]) -> None:
    import pyarrow.parquet as pq

    n, data = _export(events, "parquet")
    table = pq.read_table(io.BytesIO(data))
    assert n == table.num_rows == len(events)
    assert set(CSV_COLUMNS) <= set(table.column_names) and "geometry" in table.column_names
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["version"] == "1.0.0" and geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    assert geo["columns"]["geometry"]["geometry_types"] == ["Point"]
    minx, miny, maxx, maxy = geo["columns"]["geometry"]["bbox"]
    rows = table.to_pylist()
    for row in rows:
        if row["latitude"] is None:
            assert row["geometry"] is None
            continue
        order, kind, x, y = struct.unpack("<BIdd", row["geometry"])
        assert (order, kind) == (1, 1)
        assert (x, y) == (row["longitude"], row["latitude"])
        assert minx <= x <= maxx and miny <= y <= maxy
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("fatalities").type) == "int64"


def test_empty_exports_are_valid() -> None:
    import pyarrow.parquet as pq

    for fmt in FORMATS:
        assert _export([], fmt)[0] == 0
    assert json.loads(_export([], "geojson")[1]) == {"type": "FeatureCollection", "features": []}
    assert pq.read_table(io.BytesIO(_export([], "parquet")[1])).num_rows == 0
    assert _export([], "csv")[1].decode().startswith("event_id_cnty,")


def test_unknown_format_is_bad_input(events: list[Event]) -> None:
    with pytest.raises(BadInput, match="unknown export format"):
        write_events(events, "xlsx", io.BytesIO())


def test_country_names_read_forwards() -> None:
    assert country_info("CD") == ("Democratic Republic of the Congo", 180)
    assert country_info("SY") == ("Syria", 760)
    assert country_info("ZZ") == ("ZZ", None)


def test_row_of_event_without_actors(events: list[Event]) -> None:
    unplaced = next(e for e in events if e.location is None)
    row = event_to_row(unplaced)
    assert row["interaction"] is None and row["iso"] is None


def test_write_to_file(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    with path.open("wb") as fh:
        assert write_events(events, "csv", fh) == len(events)
    assert path.read_text(encoding="utf-8").count("\n") == len(events) + 1
