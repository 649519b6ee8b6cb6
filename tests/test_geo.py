"""geo stage: recognition, resolution by context, spelling variants, the CLI line contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.geo import GeoContext, geo_precision, geoparse, geoparse_lines, get_gazetteer
from frontlines.geo import gazetteer as gazmod
from frontlines.geo.normalise import loose_key, name_key
from frontlines.records import Toponym

DATA = Path(__file__).parent / "data" / "geo"


def _resolved(text: str, name: str, **kw) -> Toponym:
    hits = [t for t in geoparse(text, **kw) if t.text == name]
    assert hits, f"{name!r} not found in {[t.text for t in geoparse(text, **kw)]}"
    return hits[0]


def test_palmyra_in_syria_and_in_new_york() -> None:
    syria = "Syrian army units pushed east from Homs towards Palmyra, the desert town held by militants."
    ny = "Palmyra, a village in Wayne County near Rochester, New York, voted on a new school budget."
    t1, t2 = _resolved(syria, "Palmyra"), _resolved(ny, "Palmyra")
    assert t1.place.country_code == "SY"
    assert t2.place.country_code == "US" and t2.place.admin1 == "New York"


def test_georgia_country_or_us_state() -> None:
    caucasus = "Protesters gathered in Tbilisi as the government of Georgia met Russian envoys."
    us = "Voters in Atlanta, Savannah and Augusta went to the polls across Georgia on Tuesday."
    assert _resolved(caucasus, "Georgia").place.feature_code == "PCLI"
    state = _resolved(us, "Georgia").place
    assert state.country_code == "US" and state.feature_code == "ADM1"


def test_a_state_or_a_province_says_whose_punjab() -> None:
    # India calls its divisions states, Pakistan provinces (ISO 3166-2 subdivision types)
    for text, country in (("Power engineers struck across the state of Punjab over pay.", "IN"),
                          ("Members of the Punjab State Teachers Union marched to the assembly.", "IN"),
                          ("Farmers in Punjab province blocked a highway over wheat prices.", "PK"),
                          ("Lawyers boycotted courts across the province of Punjab.", "PK")):
        place = _resolved(text, "Punjab").place
        assert place.feature_code == "ADM1" and place.country_code == country, text


def test_a_region_weighs_as_many_people_as_it_holds() -> None:
    # Gaza alone is the Strip of two million, not Mozambique's province; Iran's Kurdistan
    # province still wins where the text says "province"
    for text in ("Air strikes killed eleven people in Gaza overnight, medics said.",
                 "Gunmen and soldiers traded fire in Gaza."):
        assert _resolved(text, "Gaza").place.country_code == "PS"
    assert _resolved("Protesters marched in Kurdistan.", "Kurdistan").place.country_code == "IQ"
    iran = _resolved("Police fired on a crowd in Marivan, Kurdistan province.", "Kurdistan").place
    assert iran.country_code == "IR"


def test_tripoli_by_context() -> None:
    libya = "Militias clashed in Tripoli overnight, and fighting spread to Misrata, Libya's port city."
    lebanon = "Clashes in Tripoli left two dead, and the Lebanese army sent troops from Beirut."
    assert _resolved(libya, "Tripoli").place.country_code == "LY"
    assert _resolved(lebanon, "Tripoli").place.country_code == "LB"


def test_context_prior_decides_a_lone_name() -> None:
    text = "A car bomb exploded in Tripoli on Friday."
    assert _resolved(text, "Tripoli", context=GeoContext(("LB",))).place.country_code == "LB"


def test_transliteration_variants_meet() -> None:
    names = ["Al-Hasakah", "Hasakeh", "al-Hassakeh", "Hasaka"]
    assert len({loose_key(n) for n in names}) == 1
    text = " and ".join(names) + " were shelled."
    spans, pos = [], 0
    for n in names:
        start = text.index(n, pos)
        spans.append((start, start + len(n)))
        pos = start + len(n)
    places = [t.place for t in geoparse(text, spans, context=GeoContext(("SY",)))]
    assert all(p is not None and p.country_code == "SY" for p in places)
    assert len({(p.lat, p.lon) for p in places}) == 1
    assert name_key("Ar-Raqqah") == name_key("ar Raqqah")


def test_x_comma_y_qualifier() -> None:
    text = "She grew up in Alexandria, Louisiana, before moving north."
    t = _resolved(text, "Alexandria")
    assert t.place.country_code == "US" and t.place.admin1 == "Louisiana"
    t2 = _resolved("Officials in Alexandria, La., said the river crested.", "Alexandria")
    assert t2.place.admin1 == "Louisiana"


def test_dateline_found_and_sets_country() -> None:
    text = "BEIRUT (Reuters) - Two people were wounded in Tripoli on Sunday, the army said."
    found = geoparse(text)
    first = found[0]
    assert (first.start, first.end, first.text) == (0, 6, "BEIRUT")
    assert first.place.country_code == "LB"
    assert _resolved(text, "Tripoli").place.country_code == "LB"


def test_directional_forms_resolve_the_place() -> None:
    text = "Airstrikes hit southern Idlib while rebels advanced north of Aleppo, in Syria."
    names = {t.text: t for t in geoparse(text)}
    assert "Idlib" in names and names["Idlib"].place.country_code == "SY"
    assert "Aleppo" in names
    sentence = text
    assert geo_precision(names["Idlib"], sentence) == 2
    assert geo_precision(names["Aleppo"], sentence) == 2
    assert geo_precision(names["Syria"], sentence) == 3
    town = _resolved("Gunmen attacked a checkpoint in Mosul, Iraq.", "Mosul")
    assert geo_precision(town, "Gunmen attacked a checkpoint in Mosul, Iraq.") == 1


def test_demonym_maps_to_country() -> None:
    t = _resolved("Iraqi forces and Syrian rebels met at the border.", "Iraqi")
    assert t.place.country_code == "IQ" and t.place.feature_code == "PCLI"


def test_common_words_are_not_places() -> None:
    text = "In March, reading the news on a mobile phone became normal. Police said so."
    assert geoparse(text) == []


def test_spans_mode_one_per_span_in_order() -> None:
    text = "From Mosul to Xqzzyv and then to Basra."
    spans = [(33, 38), (14, 21), (5, 10)]
    out = geoparse(text, spans)
    assert [(t.start, t.end) for t in out] == spans
    assert out[1].place is None
    assert out[0].place.country_code == "IQ" and out[2].place.name == "Mosul"


def test_geoparse_lines_contract() -> None:
    lines = (DATA / "lines.jsonl").read_text(encoding="utf-8").splitlines()
    out = list(geoparse_lines(lines))
    assert [o.get("id") for o in out] == ["a", None, "b", "c", "d", "e"]
    assert "places" in out[0] and out[0]["places"][0]["text"] == "DAMASCUS"
    assert "error" in out[1] and "line 2" in out[1]["error"]
    assert "error" in out[2] and "no text" in out[2]["error"]
    assert [p["text"] for p in out[3]["places"]] == ["Mosul", "Kirkuk", "Iraq"]
    assert all(p["geonameid"] for p in out[3]["places"])
    assert "error" in out[4] and "error" in out[5]
    json.dumps(out)  # every output is JSON-serialisable
    first = out[0]["places"][0]
    assert set(first) == {"start", "end", "text", "geonameid", "name", "lat", "lon",
                          "country_code", "feature_code", "score"}


def test_gazetteer_lookup_get_country() -> None:
    gaz = get_gazetteer()
    assert any(p.country_code == "SY" for p in gaz.lookup("Aleppo"))
    damascus = gaz.lookup("Damascus")[0]
    assert damascus.feature_code == "PPLC" and damascus.admin1
    assert gaz.get(damascus.geonameid) == damascus
    syria = gaz.country("SY")
    assert syria.feature_code == "PCLI" and syria.geonameid
    with pytest.raises(KeyError):
        gaz.country("ZZ")


def test_index_cache_is_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    get_gazetteer()  # builds the cache if this machine has none yet
    path = gazmod.index_path()
    assert path.is_file()

    def no_build() -> dict:
        raise AssertionError("the index was rebuilt although a cached one exists")

    monkeypatch.setattr(gazmod, "build_index", no_build)
    data = gazmod._load_or_build(path)
    assert len(data["names"]) == len(get_gazetteer())
    assert get_gazetteer() is get_gazetteer()


def test_a_build_leaves_indexes_another_install_may_still_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two installs of different versions may share one cache: a build removes only the
    # indexes no one has loaded for a week, not the other install's current one.
    import os
    import time

    recent, old = tmp_path / "gazetteer-idx1-aaaa.pkl", tmp_path / "gazetteer-idx1-bbbb.pkl"
    recent.write_bytes(b"x")
    old.write_bytes(b"x")
    month_ago = time.time() - 30 * 86400
    os.utime(old, (month_ago, month_ago))
    monkeypatch.setattr(gazmod, "build_index", lambda: {"version": "test"})
    gazmod._load_or_build(tmp_path / "gazetteer-idx2-cccc.pkl")
    assert recent.is_file() and not old.is_file()
