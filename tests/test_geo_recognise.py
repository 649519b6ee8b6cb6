"""geo stage, finding names: the local-news and wire forms in which the small English model
misses, mislabels or over-extends a place name.

Every sentence here is written for the test; none is taken from an evaluation corpus.
"""

from __future__ import annotations

import pytest

from frontlines.geo import geoparse, is_dateline


def _found(text: str) -> dict[str, tuple[str, str]]:
    """Name -> (country code, feature code) of every place found."""
    return {t.text: (t.place.country_code, t.place.feature_code) for t in geoparse(text)}


def test_person_of_town() -> None:
    # "<person> of <town>": local news says where someone lives this way.
    found = _found("Marcia Delaney of Lawrenceburg and her neighbour Tom Reyes of Arlington "
                   "were both treated at the scene.")
    assert found["Lawrenceburg"][0] == "US"
    assert found["Arlington"][0] == "US"


def test_a_place_the_model_read_as_a_person_by_the_word_after_it() -> None:
    # "Homa Bay Town Constituency" and "Kurram Agency" tagged PERSON: the word after the name
    # is a place's own word, so the name is looked up as a place
    assert _found("In Homa Bay Town Constituency, fighting broke out at a polling station when "
                  "ballot papers ran out.")["Homa Bay"][0] == "KE"
    assert _found("A roadside bomb hit a patrol in Sadda, Kurram Agency, on Friday.")["Kurram Agency"][0] == "PK"
    # an institution named after a person stays a person's name ("Sam Houston State University")
    assert "Sam" not in _found("She applied to Sam Houston State University last spring.")


def test_date_after_a_name_does_not_hide_it() -> None:
    assert "Clinton" in _found("A food drive is planned in Clinton April 18 at the fire hall.")


def test_model_span_running_past_the_name() -> None:
    found = _found("The suspect was booked into the Boone County Jail on Friday night.")
    assert found.get("Boone County") == ("US", "ADM2")


@pytest.mark.parametrize("text,name", [
    ("Crestwood police asked drivers to avoid the flooded underpass.", "Crestwood"),
    ("A 34-year-old Winona man was charged after the crash.", "Winona"),
    ("Aleppo city council said the water station was hit twice.", "Aleppo"),
])
def test_town_named_by_its_bodies_or_people(text: str, name: str) -> None:
    assert name in _found(text)


def test_names_in_a_list_of_counties_and_provinces() -> None:
    found = _found("Flood warnings cover Dakota, Otoe and Washington counties until Sunday.")
    assert found["Otoe"] == ("US", "ADM2")
    assert found["Washington"] == ("US", "ADM2")
    found = _found("Government aircraft struck villages across Idlib and Hama provinces overnight.")
    assert found["Idlib"] == ("SY", "ADM1") and found["Hama"] == ("SY", "ADM1")


def test_dateline_after_a_headline_without_a_line_break() -> None:
    text = "Bridge repairs to start in Roanoke. ROANOKE -- Crews will close one lane next week."
    hits = [t for t in geoparse(text) if t.text == "ROANOKE"]
    assert hits and hits[0].place.country_code == "US"
    assert is_dateline(hits[0], text)


def test_us_legislator_party_and_home() -> None:
    found = _found("The bill was drafted by state Sen. Ann Whitfield, R-Moorpark, and Rep. "
                   "Carl Dunn, D-Calif., who both sit on the panel.")
    assert found["Moorpark"][0] == "US"
    assert found["Calif"] == ("US", "ADM1")


def test_one_sense_per_document_also_for_finding() -> None:
    # The model reads the first "Huntsville" as a place; the later ones sit inside names it
    # calls a person or an organisation, and are the same town.
    text = ("Burn permits are again required in Huntsville. Residents can pick one up from "
            "Huntsville Fire Chief Dana Morrow at the Huntsville Fire Station on Main Street.")
    hits = [t for t in geoparse(text) if t.text == "Huntsville"]
    assert len(hits) == 3
    assert len({t.place.geonameid for t in hits}) == 1


def test_office_before_a_title_is_not_a_surname() -> None:
    text = ("Alexandria Police Chief Ray Hollis said the car was found in Alexandria late on "
            "Sunday.")
    assert "Alexandria" in _found(text)


def test_ordinary_words_inside_names_are_not_towns() -> None:
    found = _found("She chaired the Riverside Chamber of Commerce and served in the Army "
                   "Reserve for ten years.")
    assert "Commerce" not in found and "Reserve" not in found


def test_country_acronyms() -> None:
    found = _found("Officials from the UAE and the EU met in Geneva.")
    assert found["UAE"] == ("AE", "PCLI")
    assert found["EU"][1] == "CONT"


def test_canadian_and_australian_abbreviations() -> None:
    assert _found("A wildfire forced evacuations near Kamloops, B.C., on Monday.")["Kamloops"][0] == "CA"
    found = {t.text: t.place for t in geoparse("Storms hit Dubbo, NSW and Toowoomba, Qld.",
                                               [(11, 16), (18, 21)])}
    assert found["Dubbo"].country_code == "AU"
    assert found["NSW"].admin1 == "New South Wales"


@pytest.mark.parametrize("text,name,cc", [
    ("Shelling was reported along the boundary of South Ossetia, the breakaway region.",
     "South Ossetia", "GE"),
    ("Aid convoys reached Eastern Ghouta after weeks of siege outside Damascus.",
     "Eastern Ghouta", "SY"),
    ("Drone strikes in North Waziristan killed four militants.", "North Waziristan", "PK"),
    ("A roadside bomb wounded two guards near a school in Mohmand Agency.", "Mohmand Agency", "PK"),
    ("Jets pounded hideouts across the Tirah valley for a second day.", "Tirah", "PK"),
    ("Troops cleared three villages in central Orakzai after the ambush.", "Orakzai", "PK"),
    ("Herders and rangers clashed over grazing land inside the Maasai Mara.", "Maasai Mara", "KE"),
])
def test_conflict_regions_that_are_not_admin_units(text: str, name: str, cc: str) -> None:
    assert _found(text).get(name) == (cc, "RGN")


@pytest.mark.parametrize("text,name,cc", [
    ("Two car bombs exploded in the Syrian capital on Sunday, state media said.", "Syrian capital", "SY"),
    ("Drones struck the Ukrainian capital's power stations before dawn.", "Ukrainian capital", "UA"),
])
def test_the_countrys_capital(text: str, name: str, cc: str) -> None:
    assert _found(text).get(name) == (cc, "PPLC")


@pytest.mark.parametrize("text,name", [
    ("A grenade went off outside a bar in the Burundian capital Bujumbura late on Friday.", "Bujumbura"),
    ("Gunmen stormed a hotel in the Somali capital, Mogadishu, on Friday.", "Mogadishu"),
])
def test_a_capital_named_after_its_country_is_the_city_named(text: str, name: str) -> None:
    # the city named is the place (Bujumbura, not Gitega, the capital the gazetteer lists now);
    # "the Burundian capital" is not a second place
    found = _found(text)
    assert name in found and not any("capital" in k for k in found)


def test_fast_mode_tells_people_from_towns_by_given_names() -> None:
    # No model: "Rosa Tyler" and "Carl Manning" are people (given name + surname), even though
    # Tyler and Manning are also towns; "Tyler" alone later is the same person.
    text = ("Rosa Tyler, who runs the food bank, met Carl Manning at the depot in Kansas City. "
            "Tyler said the trucks would leave on Friday.")
    found = {t.text for t in geoparse(text, fast=True)}
    assert "Kansas City" in found
    assert not {"Tyler", "Manning", "Rosa", "Carl"} & found


# --- Spellings, lists and nationality nouns (resolution) --------------------------------------

def _resolved(text: str, names: list[str]) -> dict[str, tuple[str, str]]:
    """Each given name's first occurrence, resolved as a given span."""
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return {t.text: (t.place.country_code, t.place.feature_code) if t.place else ("", "")
            for t in geoparse(text, spans)}


def test_a_capital_is_not_merged_into_its_country() -> None:
    # "Tunis" and "Tunisia" share a loose spelling key; they are still two places.
    text = ("Tunisia's parliament met on Monday. In Tunis, the capital, hundreds gathered "
            "outside the building, while Tunisian police kept the avenue closed.")
    got = _resolved(text, ["Tunisia", "Tunis", "Tunisian"])
    assert got["Tunisia"] == ("TN", "PCLI")
    assert got["Tunis"] == ("TN", "PPLC")
    assert got["Tunisian"] == ("TN", "PCLI")


def test_a_list_of_cities_is_not_a_qualifier() -> None:
    # "X, Y and Z" lists three places; "X, Y" alone would put X inside Y.
    text = "The delegation stopped in Washington, New York and Boston before flying home."
    got = _resolved(text, ["Washington", "New York", "Boston"])
    assert got["Washington"] == ("US", "PPLC")


def test_a_qualifier_still_counts_without_a_list() -> None:
    text = "The family moved from Alexandria, Louisiana to the coast last spring."
    t = geoparse(text, [(22, 32), (34, 43)])[0]
    assert t.text == "Alexandria"
    assert t.place is not None and (t.place.country_code, t.place.admin1) == ("US", "Louisiana")


@pytest.mark.parametrize("text,cc", [
    ("Traders shut their shops in Hyderabad on Monday.", "IN"),  # the larger one, unqualified
    ("Traders shut their shops in Hyderabad (Sindh) on Monday.", "PK"),  # the notes' "X (Y)"
])
def test_a_qualifier_in_brackets(text: str, cc: str) -> None:
    found = {t.text: t.place.country_code for t in geoparse(text) if t.place}
    assert found["Hyderabad"] == cc


@pytest.mark.parametrize("name,cc", [("Serb", "RS"), ("Bosnian", "BA"), ("Herzegovinian", "BA"),
                                     ("Korea", "KR"), ("Croats", "HR"), ("Sinhalese", "LK")])
def test_nationality_nouns_and_short_country_names(name: str, cc: str) -> None:
    text = f"The report quoted a {name} official on the border talks."
    t = geoparse(text, [(text.index(name), text.index(name) + len(name))])[0]
    assert t.place is not None and t.place.country_code == cc


# --- The fast mode (gazetteer only): people, firms and compounds ------------------------------

def _fast(text: str) -> dict[str, str]:
    return {t.text: t.place.country_code for t in geoparse(text, fast=True)}


def test_fast_mode_reads_a_sentence_initial_preposition_as_no_name() -> None:
    # "In" is in the given-name list; "In Columbus" is not a person called Columbus.
    assert "Columbus" in _fast("In Columbus, the city council voted to freeze hiring.")


def test_fast_mode_drops_middle_and_last_names() -> None:
    found = _fast("A jury in Richmond charged Rodney Eric Smith, 31, and heard from "
                  "Kathleen McDaniel, an attorney for the family.")
    assert "Smith" not in found and "McDaniel" not in found
    assert found.get("Richmond") == "US"


def test_fast_mode_finds_dotted_and_hyphenated_names() -> None:
    found = _fast("The U.S. Defense Department confirmed the Washington-Moscow flight "
                  "and a U.S.-led review of the route.")
    assert found.get("U.S.") == "US"
    assert found.get("Moscow") == "RU"


def test_fast_mode_skips_a_firm_named_like_an_old_town_name() -> None:
    # A name that is only an old or alternate name of a small town needs a place cue.
    found = _fast("The city still owes the design firm Hargrove & Wilkinson for the plans.")
    assert "Wilkinson" not in found


def test_fast_mode_keeps_only_the_leading_place_of_an_institution() -> None:
    found = _fast("She was taken to Sarah Bush Lincoln Hospital after the Clarke County "
                  "Superior Court hearing.")
    assert "Lincoln" not in found and "Superior" not in found


def test_the_area_of_a_qualifier_is_the_area() -> None:
    # In "X, Y" where X lies in a state named Y, Y is that state, not a town of its name.
    got = {t.text: t.place.feature_code
           for t in geoparse("A bakery in Tacoma, Washington is giving away its recipes.")}
    assert got["Washington"] == "ADM1"



# --- Conflict-note forms: sentence-initial "In", "who" after a town, one-word spellings ----------

def test_a_town_after_in_is_kept_before_who() -> None:
    # "who" after a name usually marks a person ("Brown, who ..."), not after "in <town>".
    found = _found("Police baton-charged nurses in Panchkula who had blocked the highway.")
    assert found.get("Panchkula") == ("IN", "PPL")


def test_sentence_initial_in_is_a_place_cue() -> None:
    found = {t.text: t.place.country_code for t in geoparse(
        "In Sopore, youths threw stones at a police post on Friday.")}
    assert found.get("Sopore") == "IN"


@pytest.mark.parametrize("text,name,cc", [
    ("In Jumla, police beat shopkeepers who had defied the curfew.", "Jumla", "NP"),
    ("A crowd gathered in Keringet to demand the release of the two youths.", "Keringet", "KE"),
])
def test_a_small_town_the_model_calls_a_person_after_in(text: str, name: str, cc: str) -> None:
    # towns of a few thousand people, after "in": the preposition outweighs the model's label
    found = {t.text: t.place.country_code for t in geoparse(text)}
    assert found.get(name) == cc


@pytest.mark.parametrize("text", [
    "Israeli tanks pushed into Khan Younis on Tuesday after a night of shelling.",
    "Two people were killed in a strike on Khan Younis, the civil defence said.",
    # a nationality says whose strike it was, not that the town must be in Israel
    "An Israeli strike hit a school in Khan Younis, killing 15.",
])
def test_a_town_the_model_calls_a_person_where_a_fight_went_or_hit(text: str) -> None:
    # "into X", "a strike on X" place X as "in X" does; the weekday after the name is no
    # part of it
    found = {t.text: t.place.country_code for t in geoparse(text)}
    assert found.get("Khan Younis") == "PS"


def test_a_small_town_abroad_is_not_what_was_shelled_in_another_country() -> None:
    # the only towns called Bara in the gazetteer are in Nigeria, India and Europe; a text set
    # in Idlib means a village the gazetteer does not have
    found = {t.text: t.place.country_code for t in geoparse(
        "Government forces shelled Bara in the hills south of Idlib on Sunday.")}
    assert "Bara" not in found and found.get("Idlib") == "SY"


def test_the_town_of_a_name_abroad_needs_more_than_the_words_town_of() -> None:
    # "the village of Moura" in a story about Mali is not Portugal's Moura: "village of" says
    # the name is a settlement's, not which country's
    found = _found("Malian soldiers and foreign fighters killed dozens of men in the village of Moura, officials said.")
    assert found.get("Moura", ("", ""))[0] != "PT"
    assert _found("Gunmen attacked the town of Moura in southern Portugal.").get("Moura", ("",))[0] == "PT"


def test_another_spelling_of_a_town_after_in_with_its_state() -> None:
    # GeoNames writes "Bāramūla"; the news writes "Baramulla", and the state named beside it
    # supports the loose spelling
    found = {t.text: t.place.country_code for t in geoparse(
        "Students in Baramulla gathered near the Jammu and Kashmir police headquarters.")}
    assert found.get("Baramulla") == "IN"


def test_a_name_written_as_one_word() -> None:
    # "Mirpurkhas" is GeoNames' "Mirpur Khas" without the space.
    found = {t.text: t.place.country_code for t in geoparse(
        "In Mirpurkhas, sanitation workers stopped work over three months of unpaid wages.")}
    assert found.get("Mirpurkhas") == "PK"


def test_the_first_word_of_an_unknown_name_needs_support() -> None:
    # "Cano" is an alternate name of Kano (Nigeria); "Cano Raya" is a Colombian community.
    found = _found("Gunmen killed a community leader in the Cano Raya area of Tibu, "
                   "Norte de Santander, on Sunday.")
    assert "Cano" not in found
    assert found["Tibu"][0] == "CO"


def test_a_postal_code_is_a_state_only_after_a_town() -> None:
    assert "MD" not in _found("Students of the MBBS, MD and MS courses held a sit-in on Friday.")
    assert _found("Officials in Baltimore, MD said the roads were closed.").get("MD") == ("US", "ADM1")


def test_a_city_before_a_verb_of_speech_after_a_place_word() -> None:
    # "continued" follows names of people ("Smith continued") but here the fighting did.
    found = _found("Fighting in Idlib and Hama continued through the night.")
    assert found.get("Hama", ("", ""))[0] == "SY"


def test_residents_of_a_town_the_model_calls_a_person() -> None:
    found = _found("Residents of Muhoroni blocked the main road to protest the fuel prices.")
    assert found.get("Muhoroni", ("", ""))[0] == "KE"


def test_residents_of_a_town_by_its_other_name() -> None:
    # GeoNames names the port Thoothukudi; "Tuticorin" is its other name, and its only reading
    found = _found("Residents of Tuticorin marched to the port over the price of water.")
    assert found.get("Tuticorin", ("", ""))[0] == "IN"


def test_an_other_name_abroad_after_residents_of_is_not_taken() -> None:
    # "Milano" is Milan's Italian name; a quarter of a Kenyan town is not Milan
    found = _found("Residents of the Milano area of Malindi town marched against a land sale.")
    assert "Milano" not in found and found.get("Malindi", ("", ""))[0] == "KE"


def test_the_district_an_official_is_of() -> None:
    found = _found("Teachers staged a sit-in outside the office of the Deputy Commissioner of Tamenglong.")
    assert found.get("Tamenglong", ("", ""))[0] == "IN"


def test_a_town_the_model_put_in_a_persons_name_before_its_police_station() -> None:
    found = _found("Angered by a remark of the council chief, the youth wing of Kalaigaon ABSU gathered in "
                   "front of the Kalaigaon police station.")
    assert found.get("Kalaigaon", ("", ""))[0] == "IN"


@pytest.mark.parametrize("text,name,cc", [
    ("Militants attacked a patrol in Boulgou province on Sunday.", "Boulgou", "BF"),
    ("Gunmen killed three herders in Kossi province.", "Kossi", "BF"),
])
def test_francophone_province_names_without_their_article(text: str, name: str, cc: str) -> None:
    # GeoNames writes "Province du Boulgou", "Province de la Kossi"; the news writes the name.
    found = _found(text)
    assert found.get(name) == (cc, "ADM2")


def test_a_state_named_without_its_admin_word_and_an_lga() -> None:
    # GeoNames' "Plateau State" is the news' "Plateau"; "Bassa LGA" is a Nigerian local
    # government area, and it pins the state to Nigeria (Benin has a Plateau department too).
    found = {t.text: t.place.country_code for t in geoparse(
        "Gunmen killed two farmers near Miango (Bassa LGA, Plateau) on Sunday night.")}
    assert found.get("Plateau") == "NG"
    assert found.get("Bassa LGA") == "NG"


def test_a_village_abroad_that_nothing_supports_is_left_unresolved() -> None:
    # The gazetteer's only "Tirah" and "Salim" are villages in the Palestinian territories;
    # these texts are about Pakistan and Yemen.
    for text in ("Two soldiers died in a blast in the Tirah Valley in Khyber Agency, Pakistan.",
                 "Militants shelled homes in Salim (Qaatabah, Ad Dali) and in Qaatabah town."):
        assert "PS" not in {t.place.country_code for t in geoparse(text)}


@pytest.mark.parametrize("label", ["WORK_OF_ART", "ORG", "EVENT"])
def test_a_place_and_its_area_mislabelled_as_one_name(label: str) -> None:
    # The small model sometimes reads "Town, Province" or "Town (Province" as one title or
    # organisation; both names are still found. A real organisation's span is not split.
    import spacy
    from spacy.tokens import Span

    from frontlines.geo.gazetteer import get_gazetteer
    from frontlines.geo.recognise import find_mentions

    nlp = spacy.blank("en")
    for text, first, n, expected in [
        ("Farm workers marched through Petrolina, Pernambuco on Friday.", 4, 7, ["Petrolina", "Pernambuco"]),
        ("Nurses rallied outside Ludhiana (Punjab) over unpaid wages.", 3, 6, ["Ludhiana", "Punjab"]),
        ("Nurses rallied outside Smith, Barker and Sons over unpaid wages.", 3, 8, []),
    ]:
        doc = nlp(text)
        doc.ents = [Span(doc, first, n, label=label)]
        assert [m.text for m in find_mentions(text, doc, get_gazetteer())] == expected, text


def test_a_street_written_in_lower_case_is_not_its_namesake_town() -> None:
    # "Moi avenue" is a street in Nairobi, not Moi in Norway; notes write "avenue" in lower case.
    assert "Moi" not in _found("Opposition supporters held a protest along Moi avenue on Tuesday.")


def test_a_date_that_opens_a_capitalised_run_does_not_hide_the_name_after_it() -> None:
    # "April. University of Nairobi" is one capitalised run across the full stop; the date at
    # its start is cut off and the city inside the university's name is still read.
    places = geoparse("12 April. University of Nairobi lecturers marched to parliament over unpaid arrears.")
    assert [(t.text, t.place.country_code) for t in places] == [("Nairobi", "KE")]


def test_the_word_after_del_ends_a_neighbourhoods_name() -> None:
    # "del Sur" is "of the South": not Sur, the city in Oman
    found = _found("Gunmen shot dead a man in Colonia Jardines del Sur, Culiacan, Sinaloa.")
    assert "Sur" not in found
    assert found.get("Culiacan", ("", ""))[0] == "MX"


def test_the_district_and_province_after_an_unknown_hamlet() -> None:
    # ACLED-style notes: "Hamlet (District, Province)"; the hamlet is not in the gazetteer,
    # the town that gives the district its name is
    found = _found("On 3 March 2021, armed men burned a grain store near Tindikoro (Dori, Seno).")
    assert found.get("Dori", ("", ""))[0] == "BF"


def test_no_part_of_a_hyphenated_district_in_the_parenthesis_is_read_alone() -> None:
    # "Donga-Mantung" is a Cameroonian division the gazetteer lacks; its "Donga" is not Benin's
    # department of the name (the whole name is what the parenthesis gives)
    found = _found("On 14 February 2020, soldiers and armed herders attacked Ngarbuh (Donga-Mantung, North-West), "
                   "killing 21 civilians.")
    assert "Donga" not in found


def test_a_city_named_with_city_after_it_is_that_city() -> None:
    # "Gaza City" is an alternate name of Gaza in GeoNames, but as good as its own; an Israeli
    # strike named beside it does not make it unsupported
    found = _found("Nine people died in an Israeli strike on a school in Gaza City on Friday.")
    assert found.get("Gaza City", ("", ""))[0] == "PS"


def test_a_town_name_with_lower_case_middle_words_is_read_whole() -> None:
    # the model stops before "del"; the gazetteer knows the whole name
    found = _found("Soldiers raided a house in Barangay Bato-bato, San Jose del Monte, on Sunday.")
    assert found.get("San Jose del Monte", ("",))[0] == "PH"


def test_a_name_doubled_after_a_hyphen_is_no_town_of_its_first_half() -> None:
    # "Gaya-gaya", a village's name, is not the Indian city of Gaya
    assert "Gaya" not in _found("Gunmen shot a councillor in Barangay Gaya-gaya late on Friday.")


def test_a_name_the_model_read_as_a_date_is_still_looked_up() -> None:
    # the model sometimes tags an unfamiliar town DATE; a "date" with no date word or digit is a name
    from spacy.tokens import Span

    from frontlines.geo import get_gazetteer
    from frontlines.geo.recognise import find_mentions
    from frontlines.nlp import get_nlp

    text = "Militants were killed in a raid near Turbat on Sunday."
    doc = get_nlp(parser=False)(text)
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index("Turbat"), words.index("Turbat") + 1, label="DATE"),
                Span(doc, words.index("Sunday"), words.index("Sunday") + 1, label="DATE")]
    found = [m.text for m in find_mentions(text, doc, get_gazetteer())]
    assert "Turbat" in found and "Sunday" not in found
