"""Exporters: Event records out as CSV (ACLED columns), JSON Lines, GeoJSON and GeoParquet.

Pure functions over ``Event`` records; the CLI ``export`` command and the web app's data twins
(``/events.csv``, ``/events.geojson``) both call them, so a file and a download are the same bytes.
Writers are keyed by format name (``WRITERS``), as datasette keys renderers by extension.
"""

from __future__ import annotations

import csv
import io
import json
import struct
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, BinaryIO

from frontlines.errors import BadInput
from frontlines.records import Event

FORMATS: tuple[str, ...] = ("csv", "jsonl", "geojson", "parquet")

MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}

# ACLED's column names first (where a Frontlines field has an ACLED twin), then our own.
CSV_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "iso",
    "iso2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
    "modality",
    "n_reports",
    "fatalities_low",
    "fatalities_high",
    "geonameid",
)

# Column types for Parquet (anything not listed is a string).
_INT_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
        "fatalities",
        "n_reports",
        "fatalities_low",
        "fatalities_high",
        "geonameid",
    }
)
_FLOAT_COLUMNS = frozenset({"latitude", "longitude"})


@lru_cache(maxsize=512)
def country_info(alpha2: str) -> tuple[str, int | None]:
    """(readable country name, ISO 3166 numeric code) for an alpha-2 code; the code itself if unknown."""
    import pycountry

    code = (alpha2 or "").upper()
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return code, None
    name = getattr(country, "common_name", None) or country.name
    # pycountry inverts some names ("Congo, The Democratic Republic of the"); read them forwards.
    if ", " in name:
        head, tail = name.split(", ", 1)
        tail = tail.removeprefix("The ")
        name = f"{tail} {head}"
    return name, int(country.numeric)


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the lower inter code first; a lone actor gets a 0."""
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def event_to_row(event: Event) -> dict[str, Any]:
    """One event as one flat row keyed by ``CSV_COLUMNS`` (numbers stay numbers, missing is None)."""
    loc = event.location
    place = loc.place if loc else None
    inter1 = event.actor1.inter if event.actor1 else None
    inter2 = event.actor2.inter if event.actor2 else None
    country_name, iso_numeric = country_info(place.country_code) if place else ("", None)
    return {
        "event_id_cnty": event.id,
        "event_date": event.date.isoformat() if event.date else None,
        "year": event.date.year if event.date else None,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.name if event.actor1 else None,
        "inter1": inter1,
        "actor2": event.actor2.name if event.actor2 else None,
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "iso": iso_numeric,
        "iso2": place.country_code if place else None,
        "country": country_name or None,
        "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": loc.geo_precision if loc else None,
        "source": "; ".join(event.outlets) if event.outlets else None,
        "notes": event.reports[0].evidence.text if event.reports else None,
        "fatalities": event.fatalities,
        "tags": "; ".join(event.tags) if event.tags else None,
        "modality": event.modality,
        "n_reports": len(event.reports),
        "fatalities_low": event.fatalities_low,
        "fatalities_high": event.fatalities_high,
        "geonameid": place.geonameid if place else None,
    }


def events_to_csv_rows(events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    """Rows for ``csv.DictWriter(fieldnames=CSV_COLUMNS)``, ACLED column names where they exist."""
    for event in events:
        yield event_to_row(event)


def event_to_feature(event: Event) -> dict[str, Any] | None:
    """A GeoJSON Point Feature, or None for an event without a location."""
    if event.location is None:
        return None
    place = event.location.place
    props = {"id": event.id, **event_to_row(event)}
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": props,
    }


def _write_csv(events: Iterable[Event], out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        n = 0
        for row in events_to_csv_rows(events):
            writer.writerow(row)
            n += 1
        text.flush()
        return n
    finally:
        # Leave the caller's stream open: the wrapper must not close it when collected.
        text.detach()


def _write_jsonl(events: Iterable[Event], out: BinaryIO) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    return n


def _write_geojson(events: Iterable[Event], out: BinaryIO) -> int:
    # Written feature by feature so a large export never sits in memory as one dict.
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    n = 0
    for event in events:
        feature = event_to_feature(event)
        if feature is None:
            continue
        if n:
            out.write(b",\n")
        out.write(json.dumps(feature, ensure_ascii=False).encode("utf-8"))
        n += 1
    out.write(b"\n]}\n")
    return n


def point_wkb(lon: float, lat: float) -> bytes:
    """ISO WKB of a 2D point, little-endian (byte order 1, geometry type 1)."""
    return struct.pack("<BIdd", 1, 1, lon, lat)


def _parquet_schema() -> Any:
    import pyarrow as pa

    cols = []
    for name in CSV_COLUMNS:
        if name == "event_date":
            kind = pa.date32()
        elif name in _INT_COLUMNS:
            kind = pa.int64()
        elif name in _FLOAT_COLUMNS:
            kind = pa.float64()
        else:
            kind = pa.string()
        cols.append(pa.field(name, kind))
    cols.append(pa.field("geometry", pa.binary()))
    return pa.schema(cols)


def _write_parquet(events: Iterable[Event], out: BinaryIO, batch_size: int = 5000) -> int:
    """GeoParquet 1.0: a WKB ``geometry`` column (null where an event has no place) + "geo" metadata."""
    from datetime import date

    import pyarrow as pa
    import pyarrow.parquet as pq

    base = _parquet_schema()
    bbox = [float("inf"), float("inf"), float("-inf"), float("-inf")]
    batches: list[Any] = []
    rows: list[dict[str, Any]] = []
    n = 0

    def flush() -> None:
        if rows:
            batches.append(pa.RecordBatch.from_pylist(rows, schema=base))
            rows.clear()

    for row in events_to_csv_rows(events):
        lat, lon = row["latitude"], row["longitude"]
        if lat is not None and lon is not None:
            row["geometry"] = point_wkb(lon, lat)
            bbox = [min(bbox[0], lon), min(bbox[1], lat), max(bbox[2], lon), max(bbox[3], lat)]
        else:
            row["geometry"] = None
        if row["event_date"] is not None:
            row["event_date"] = date.fromisoformat(row["event_date"])
        rows.append(row)
        n += 1
        if len(rows) >= batch_size:
            flush()
    flush()

    geo_column: dict[str, Any] = {"encoding": "WKB", "geometry_types": ["Point"]}
    if bbox[0] != float("inf"):
        geo_column["bbox"] = bbox
    # No "crs" key: GeoParquet 1.0 then means OGC:CRS84 (longitude, latitude on WGS 84).
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": geo_column}}
    table = pa.Table.from_batches(batches, schema=base)
    table = table.replace_schema_metadata({b"geo": json.dumps(geo).encode("utf-8")})
    pq.write_table(table, out)
    return n


WRITERS: dict[str, Callable[[Iterable[Event], BinaryIO], int]] = {
    "csv": _write_csv,
    "jsonl": _write_jsonl,
    "geojson": _write_geojson,
    "parquet": _write_parquet,
}


def write_events(events: Iterable[Event], fmt: str, out: BinaryIO) -> int:
    """Write events to a binary stream in one of ``FORMATS``; returns the number of rows written.

    GeoJSON leaves out events without a location (a Feature needs a geometry), so its count can be
    lower than the others'; CSV, JSON Lines and Parquet keep every event.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise BadInput(f"format {fmt!r}", f"unknown export format; use one of {', '.join(FORMATS)}")
    return writer(events, out)


__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "MEDIA_TYPES",
    "WRITERS",
    "country_info",
    "event_to_feature",
    "event_to_row",
    "events_to_csv_rows",
    "point_wkb",
    "write_events",
]
