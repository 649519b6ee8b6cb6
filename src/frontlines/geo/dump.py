"""Importing a full GeoNames dump (``frontlines gazetteer import FILE``).

Users who have GeoNames' own files get GeoNames' own points, ids and feature codes for
admin areas and countries, and every place the dump holds instead of the 500+ towns of the
packaged data. Accepted: ``allCountries.zip``/``.txt``, ``cities500.zip``/``cities1000.zip``
(any zip or text file in GeoNames' tab-separated ``geoname`` format), optionally with an
``alternateNamesV2`` file. Kept: populated places, countries, first- and second-order
divisions, and other features (regions, rivers, mountains, buildings) that have a population
or at least three alternate names (a sign that news may name them), so that the index
stays within the memory budget even for ``allCountries``.
"""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import BadInput
from .gazetteer import DumpRow, _versions, build_index, imported_index_path

_KEEP_A = ("PCL", "ADM1", "ADM2")


def _open_text(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not names:
                raise BadInput(str(path), "the zip holds no GeoNames .txt file")
            with zf.open(names[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            yield from fh


def read_geonames(path: Path) -> Iterator[DumpRow]:
    """Rows of a GeoNames ``geoname``-format file worth keeping (see the module doc)."""
    for n, line in enumerate(_open_text(path), start=1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            if line.strip():
                raise BadInput(f"{path.name} line {n}", "not in GeoNames' 19-column format")
            continue
        try:
            gid, lat, lon, pop = int(cols[0]), float(cols[4]), float(cols[5]), int(cols[14] or 0)
        except ValueError as exc:
            raise BadInput(f"{path.name} line {n}", f"bad number ({exc})") from exc
        fclass, fcode = cols[6], cols[7]
        alts = [a for a in cols[3].split(",") if a] if cols[3] else []
        if fclass == "P" or (fclass == "A" and fcode.startswith(_KEEP_A)):
            pass
        elif fclass == "A" or (pop <= 0 and len(alts) < 3):
            continue
        yield DumpRow(gid, cols[1], [cols[2], *alts], lat, lon, fclass,
                      "PCLI" if fcode.startswith("PCL") else fcode, cols[8], cols[10], pop)


def _add_alternate_names(rows: dict[int, DumpRow], path: Path) -> None:
    """``alternateNamesV2.txt``: id, geonameid, language, name, ...; English, unlabelled and
    abbreviation names are added (links, postcodes and airport codes are not names)."""
    for line in _open_text(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            continue
        try:
            row = rows.get(int(cols[1]))
        except ValueError:
            continue
        if row is not None and cols[2] in {"", "en", "abbr"}:
            row.alternates.append(cols[3])


def import_geonames_dump(path: Path, alternate_names: Path | None = None, *,
                         with_packaged: bool = True) -> Path:
    """Compile an index from a GeoNames dump (plus the packaged data unless
    ``with_packaged=False``) and make it the one ``get_gazetteer`` loads; returns the new
    index's path. Takes about a minute with cities500, several with allCountries."""
    path = Path(path)
    if not path.is_file():
        raise BadInput(str(path), "no such file")
    rows = {r.geonameid: r for r in read_geonames(path)}
    if not rows:
        raise BadInput(str(path), "no GeoNames rows in the file")
    if alternate_names is not None:
        _add_alternate_names(rows, Path(alternate_names))
    data = build_index(rows, packaged=with_packaged)
    data["version"] = _versions()
    data["source"] = str(path.resolve()) if with_packaged else None
    out = imported_index_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, out)
    from .gazetteer import get_gazetteer

    get_gazetteer.cache_clear()  # this process sees the new index from now on
    return out
