"""The country a text's own words point to (extract/country_words.py, data/country_cues.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.extract.country_words import load_country_words

CUES = """
version: 1
cues:
  - countries: [KE]
    words: [matatu, boda boda]
    acronyms: [GSU]
  - countries: [IN]
    words: [dharna, gram panchayat, panchayat]
    acronyms: []
  - countries: [BD]
    words: [upazila]
    acronyms: []
  - countries: [BD, IN]
    words: [hartal]
    acronyms: []
  - countries: [IN, NP, PK, BD]
    words: [crore]
    acronyms: []
"""


@pytest.fixture()
def cues(tmp_path: Path):
    path = tmp_path / "cues.yaml"
    path.write_text(CUES, encoding="utf-8")
    load_country_words.cache_clear()
    yield load_country_words(str(path))
    load_country_words.cache_clear()


def test_one_countrys_word_names_it(cues) -> None:
    w = cues.country("Matatu drivers parked across the highway to protest new fines.")
    assert w is not None and w.countries == ("KE",) and w.text == "Matatu"


def test_words_are_whole_words_and_phrases_take_any_spacing(cues) -> None:
    assert cues.country("The dharnas ended.") is None  # not the word itself
    assert cues.country("a matatuist") is None
    w = cues.country("Riders of boda\n boda taxis blocked the road.")
    assert w is not None and w.countries == ("KE",)
    found = cues.find("The gram panchayat met.")
    assert [x.text for x in found] == ["gram panchayat"]  # the longer phrase wins


def test_acronyms_only_in_their_own_case(cues) -> None:
    assert cues.country("The GSU dispersed the crowd.").countries == ("KE",)
    assert cues.country("The gsu dispersed the crowd.") is None


def test_shared_words_need_support(cues) -> None:
    # "crore" is shared by four countries and "hartal" by two: neither alone is enough
    assert cues.country("Damage worth one crore was reported.") is None
    assert cues.country("A hartal shut the markets.") is None
    # with a word of one of its countries, the shared word adds to it
    w = cues.country("During the hartal, a bus was burnt in the upazila.")
    assert w is not None and w.countries == ("BD",) and w.text == "hartal"


def test_a_tie_names_no_country(cues) -> None:
    assert cues.country("Matatu owners joined the dharna.") is None


def test_a_cue_listed_twice_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("cues:\n  - countries: [KE]\n    words: [matatu]\n"
                    "  - countries: [UG]\n    words: [Matatu]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="listed twice"):
        load_country_words(str(path))
    path.write_text("cues:\n  - countries: [Kenya]\n    words: [matatu]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ISO alpha-2"):
        load_country_words(str(path))


def test_packaged_cues_load_and_are_sound() -> None:
    import pycountry

    load_country_words.cache_clear()
    words = load_country_words()
    assert len(words.countries) > 300
    for cue, codes in words.countries.items():
        assert cue.strip() and codes, cue
        assert all(pycountry.countries.get(alpha_2=c) for c in codes), (cue, codes)


# The packaged cues at work in extraction: texts that name no place.

def test_a_text_with_no_place_is_placed_in_its_words_country(extract) -> None:
    reports = extract("Anganwadi workers sat on a dharna outside the collectorate demanding higher pay.")
    assert reports and reports[0].location is not None
    loc = reports[0].location
    assert loc.place.country_code == "IN" and loc.geo_precision == 3
    assert loc.mention.lower() in {"anganwadi", "dharna", "collectorate"}  # traceable to the text
    assert reports[0].actor1 is not None and reports[0].actor1.name == "Protesters (India)"


@pytest.mark.parametrize("text", [
    "Members of the Bharatiya Kisan Union blocked the highway over the price of wheat seed.",
    "Sugarcane growers led by the KRRS laid siege to the mill gates for a second day.",
])
def test_a_farmers_union_of_one_country_places_a_text_there(extract, text: str) -> None:
    reports = extract(text)
    assert reports and reports[0].location is not None
    assert reports[0].location.place.country_code == "IN"


def test_a_village_the_gazetteer_lacks_is_not_its_namesake_across_the_border(extract) -> None:
    # Kandi in Kotalipara is a Bangladeshi village GeoNames' towns do not hold; India has a town
    # of the name. The upazila says Bangladesh, so the district named with it places the event
    reports = extract("Nine people were hurt when two groups fought over a pond at Kandi village under "
                      "Kotalipara upazila in Gopalganj district on Monday.")
    loc = reports[0].location
    assert loc is not None and (loc.place.country_code, loc.mention) == ("BD", "Gopalganj")


def test_the_words_country_reads_an_ambiguous_place_name(extract) -> None:
    # Punjab is a province of Pakistan (the larger) and a state of India; anganwadi workers
    # (India's village childcare workers) say which
    reports = extract("Anganwadi workers staged a sit-in in Punjab over unpaid salaries.")
    assert reports[0].location is not None and reports[0].location.place.country_code == "IN"
    # so do a Pradesh Congress Committee, a mini-secretariat and the gurdwara committee
    for text in ("Workers of the Punjab Pradesh Congress Committee marched against the power cuts.",
                 "Clerks of Punjab's revenue offices picketed the mini-secretariat for a third day.",
                 "Sikh villagers in Punjab protested against the SGPC's choice of gurdwara manager.",
                 # India is where most Sikhs live
                 "Sikh farmers in Punjab blocked the highway for a second day."):
        reports = extract(text)
        assert reports and reports[0].location is not None, text
        assert reports[0].location.place.country_code == "IN", (text, reports[0].location)


def test_the_words_country_supports_a_village_the_model_calls_an_organisation(extract) -> None:
    # the OSCE's monitoring mission worked in Ukraine; Naberezhne is a village of 900 there
    reports = extract("The OSCE Special Monitoring Mission recorded 40 explosions near Naberezhne on Sunday.")
    loc = reports[0].location
    assert loc is not None and loc.mention == "Naberezhne" and loc.place.country_code == "UA"


def test_a_national_leaders_name_places_a_text_that_names_no_place(extract) -> None:
    reports = extract("Youths burned tyres after the court upheld Kenyatta's election win.")
    assert reports and reports[0].location is not None
    assert reports[0].location.place.country_code == "KE" and reports[0].location.geo_precision == 3


def test_named_places_outrank_the_words(extract) -> None:
    # the town named is in Kenya: a word of India's does not move it
    reports = extract("Traders in Nakuru staged a dharna outside the county offices.")
    assert reports[0].location is not None and reports[0].location.place.country_code == "KE"


def test_a_text_naming_only_whose_soldiers_is_placed_in_their_country(extract) -> None:
    reports = extract("Two Thai soldiers were wounded when a roadside bomb went off beside their patrol.")
    loc = reports[0].location
    assert loc is not None and loc.place.country_code == "TH" and loc.geo_precision == 3
    assert loc.mention == "Thai"
    # two countries' troops: no place from their adjectives
    reports = extract("Indian troops and Pakistani troops exchanged fire across the line for an hour.")
    assert reports[0].location is None


def test_a_region_no_one_country_holds_takes_the_storys_country(extract) -> None:
    # GeoNames gives Kashmir no country; the story's Indian police say whose part it is
    reports = extract("A shutdown was observed across Kashmir as shops stayed shut "
                      "and Indian police patrolled the empty streets.")
    loc = reports[0].location
    assert loc is not None and loc.mention == "Kashmir" and loc.place.country_code == "IN"
