"""Fields of a report: fatalities, modality, dates, actors, places, several events per article."""

from __future__ import annotations

from datetime import date

import pytest


# -- fatalities: deaths count, injuries do not; vague words follow ACLED (LEXICON.md) --------
@pytest.mark.parametrize(("text", "expected"), [
    ("Militants killed at least 12 villagers in the raid.", 12),
    ("Five soldiers and a civilian were killed when rebels attacked the convoy.", 6),
    ("Gunmen attacked a police post; no casualties were reported.", 0),
    ("Dozens were killed in the fighting between the two militias.", 12),
    ("Three people were injured when gunmen attacked a bus.", None),
    ("Rebels ambushed a patrol, killing two soldiers and wounding four others.", 2),
    ("Clashes between the army and rebels left 7 dead.", 7),
    ("A man was shot dead by gunmen at a market.", 1),
    # succumbing to wounds is dying; a grievance's dead are not the protest's toll
    ("Two traders succumbed to gunshot wounds after robbers attacked the market on Friday.", 2),
    ("Students protested the death of a classmate who succumbed to injuries after a road accident.", 0),
    # the dead of a protest named before its crowd's grievance in the next sentence
    ("Four people were shot dead during protests in the port. Protesters were angry over the fuel price.", 4),
    # whom a first verb took and a second one killed
    ("Rebels kidnapped two traders and killed them after accusing them of spying.", 2),
    # the "others" killed with a named victim, however the parser joined them
    ("Drones struck a compound on Monday, killing the group's commander Abu Salim and at least four other people.", 5),
    # whom "them" stands for, however many verbs stand between
    ("Residents took three suspected robbers from the police post and beat and burned them to death.", 3),
    # a death at the protest itself is its toll; one before it, or the one it is about, is not
    ("A student was killed during a protest over fees at the college gate.", 1),
    ("A shutdown hit the valley, a day after a youth was killed during a demonstration.", 0),
    ("Relatives of an inmate who died of a fever blocked traffic in protest.", 0),
    # what two men were accused of ends where the sentence's next clause begins
    (("A crowd tried to seize two men accused of stealing a goat at the market when police arrived and fired "
      "on the crowd, killing a woman."), 1),
    # a count its injury word follows is the hurt; "among the four killed" names the counted,
    # unless nothing was counted before it
    ("1 policeman killed 5 injured in bomb blast at the bus stand", 1),
    ("Four rebels were killed in a clash with the army, two commanders were among the four killed.", 4),
    ("A rebel commander was among four fighters killed in the raid.", 4),
    # "no body" is nobody
    ("Two crude bombs exploded outside the court on Tuesday evening. No body was hurt.", 0),
    # lives lost or claimed are deaths, unless a relative clause recalls an older attack
    ("Three shopkeepers lost their lives when the market was shelled.", 3),
    ("The car bomb claimed the lives of four traders and a guard.", 5),
    ("The blast at the depot claimed 40 lives, the fire service said.", 40),
    # a list of people the parser read as an apposition, and one that says who the two were
    ("A farmer, a teenage girl, and a shopkeeper were killed by stray bullets.", 3),
    ("Two people, a farmer and his son, were killed by stray bullets.", 2),
    # "dies", as a headline says it
    ("Two clans fought over a well near the border. 1 herder dies.", 1),
    # a toll raised later is the toll
    ("Gunmen attacked a church service, killing four worshippers. Days later the death toll was raised to six.", 6),
    ("A grenade hit the market on Monday, killing one trader. The death total was later revised from 1 to 3.", 3),
    # who the dead counted already were is no more dead
    ("Six people were killed in clashes between two clans near the wells. The dead included a boy and three herders.", 6),
    ("Two soldiers and three attackers were killed at the checkpoint. Troops shot dead three out of eight attackers.", 5),
    # not animals, nor a list's last count, nor one of those counted already
    ("Over 40 goats have been killed by raiders on the border of the two counties.", None),
    ("A mob gathered near the house of a teacher who was killed last month.", None),
    ("A trader was beaten to death by a crowd over rumours that he had slaughtered a cow.", 1),
    # the sources the parser hung on the dead are no dead
    ("Troops fired on marchers in the square on Monday, killing dozens, witnesses and a rights group said.", 12),
    # "none" counts nought
    ("Militants lobbed a grenade at a police post in the old town, wounding five passers-by, none killed.", 0),
])
def test_fatalities(text: str, expected: int | None, extract) -> None:
    reports = extract(text)
    assert reports
    assert reports[0].fatalities == expected


def test_fatalities_summed_over_merged_sentences(extract) -> None:
    reports = extract("Rebels attacked an army post in the hills. Two soldiers were killed. "
                      "Three rebels also died in the fighting.")
    assert len(reports) == 1
    assert reports[0].fatalities == 5


# -- modality ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "modality"), [
    ("Rebels attacked the army base outside the town on Monday.", "asserted"),
    ("The rebel group claimed it had shot down an army helicopter and killed its crew.", "claimed"),
    ("According to local officials, militants attacked a convoy near the border.", "claimed"),
    ("Government troops are expected to launch an assault on the town in the coming days.", "expected"),
    ("If the town falls, the rebels could seize control of the whole province.", "hypothetical"),
    # the modal rules the verb whose object or aim the event word is
    ("The army may launch an offensive on the river port next week, an analyst said.", "hypothetical"),
    ("Fighters of the movement might try to retake the airport, one of their commanders warned.", "hypothetical"),
    # what a warning says carries the modal ("warned" is the word the report hangs on)
    ("Aid agencies warned that fighting might spread to the camps along the river.", "hypothetical"),
    ("The governor warned that the rebels would attack the camps along the river.", "expected"),
    ("Were the rebels to cross the river, the army would shell the bridge.", "hypothetical"),
    # "were pretending to", "were forced to" tell what happened; only "were X to" supposes
    ("Police traded fire with four gunmen who were posing as soldiers at a fake roadblock.", "asserted"),
    ("Police exchanged fire with bandits who were pretending to be rangers on the park road.", "asserted"),
    ("The army denied that its aircraft bombed a market in the north.", "denied"),
    ("Soldiers did not attack the protesters, the ministry said.", "denied"),
    # a blast that claimed lives is no one's claim
    ("The car bomb claimed the lives of four traders outside the bank.", "asserted"),
    # what a risk, a fear or a threat is of has not happened
    ("Shippers weighed the risk of attacks on tankers in the strait.", "hypothetical"),
    ("Extra police were posted in the town amid fears of clashes between the two camps.", "hypothetical"),
])
def test_modality(text: str, modality: str, extract) -> None:
    reports = extract(text)
    assert reports
    assert reports[0].modality == modality


def test_speaker_and_outlet(extract) -> None:
    r = extract("According to the provincial governor, gunmen killed four farmers near the dam.")[0]
    assert r.attribution is not None
    assert r.attribution.outlet == "Test Wire"
    assert r.attribution.speaker and "governor" in r.attribution.speaker


# -- dates (published Saturday 9 May 2020) ----------------------------------------------
@pytest.mark.parametrize(("phrase", "expected", "precision"), [
    ("on Tuesday", date(2020, 5, 5), 1),
    ("overnight", date(2020, 5, 9), 1),
    ("yesterday", date(2020, 5, 8), 1),
    ("last week", date(2020, 5, 2), 2),
    ("two days ago", date(2020, 5, 7), 1),
    ("on 3 May 2020", date(2020, 5, 3), 1),
    ("on May 4", date(2020, 5, 4), 1),
    ("earlier this month", date(2020, 5, 9), 3),
])
def test_dates(phrase: str, expected: date, precision: int, extract) -> None:
    r = extract(f"Rebels attacked an army post in the hills {phrase}.")[0]
    assert r.date == expected
    assert r.time_precision == precision


def test_a_count_after_a_date_is_not_its_year(extract) -> None:
    # "May 4th, 3000 people": a crowd of 3,000, not the year 3000
    r = extract("On May 4th, 3000 people marched against the new tax in the capital.")[0]
    assert r.date == date(2020, 5, 4)
    r = extract("On May 4, 2019 in the capital, 300 people marched against the new tax.")[0]
    assert r.date == date(2019, 5, 4)
    r = extract("Party members protested outside the headquarters on April 19, 2019 over the nomination.")[0]
    assert r.date == date(2019, 4, 19)


def test_no_date_without_published_date(extract) -> None:
    r = extract("Rebels attacked an army post on Tuesday.", published=None)[0]
    assert r.date is None


def test_published_date_is_a_weak_fallback(extract) -> None:
    r = extract("Rebels attacked an army post in the hills.")[0]
    assert r.date == date(2020, 5, 9)
    assert r.time_precision == 2


# -- actors ----------------------------------------------------------------------------
def test_actors_from_the_parse(extract) -> None:
    r = extract("Al-Shabaab militants attacked government troops near the port.")[0]
    assert r.actor1 is not None and r.actor1.name == "Al Shabaab"
    assert r.actor1.inter == 2


def test_a_neighbourhood_the_model_calls_an_organisation_is_no_actor(extract) -> None:
    r = extract("A taxi driver was shot dead in Colonia Santa Fe in Tijuana.")[0]
    assert r.actor1 is None or not r.actor1.name.startswith("Colonia")


@pytest.mark.parametrize(("text", "field", "value"), [
    # a police station is where a bomb went off, not who set it
    ("A car bomb went off beside a police station in Baidoa, killing four people.",
     "sub_event_type", "Remote explosive/landmine/IED"),
    # who found the dead did not kill them
    ("Police recovered the bodies of four herders from a riverbed near Mosul on Sunday.",
     "event_type", "Violence against civilians"),
])
def test_the_police_named_beside_violence_are_not_its_doer(text: str, field: str, value: str, extract) -> None:
    r = extract(text)[0]
    assert getattr(r, field) == value
    assert r.actor1 is None or not r.actor1.name.startswith("Police Forces")


def test_a_police_station_that_names_a_jurisdiction_is_no_actor(extract) -> None:
    r = extract("Two brothers exchanged fire with a rival family in Char Kukri village under "
                "Kotwali police station in Jessore on Friday.")[0]
    assert all(a is None or not a.name.startswith("Police Forces") for a in (r.actor1, r.actor2))


def test_the_force_that_fired_on_protesters_is_the_other_side(extract) -> None:
    r = extract("Protesters in Aleppo were met with live fire as soldiers tried to break up the march, "
                "killing three people.")[0]
    assert r.sub_event_type == "Excessive force against protesters"
    assert r.actor2 is not None and r.actor2.name.startswith("Military Forces of Syria")


def test_gunmen_from_a_named_group_are_the_group(extract) -> None:
    r = extract("Gunmen from Al Shabaab attacked an army base near Baidoa on Monday.")[0]
    assert r.actor1 is not None and r.actor1.name == "Al Shabaab"


def test_a_nationality_that_names_the_strikes_is_the_doer_not_the_place(extract) -> None:
    r = extract("Iraqi air strikes hit Islamic State positions in the desert of eastern Syria overnight, "
                "the ministry said.")[0]
    assert r.sub_event_type == "Air/drone strike"
    assert r.actor1 is not None and r.actor1.name.startswith("Military Forces of Iraq")
    assert r.location is not None and r.location.place.country_code == "SY"


def test_a_country_name_that_names_the_strike_is_the_doer(extract) -> None:
    r = extract("A US drone strike killed a senior commander near Raqqa, the ministry said.")[0]
    assert r.sub_event_type == "Air/drone strike"
    assert r.actor1 is not None and r.actor1.name.startswith("Military Forces of") and r.actor1.country == "US"


def test_the_group_that_claims_an_attack_is_its_doer(extract) -> None:
    r = extract("A roadside bomb tore through a supply convoy outside Baidoa, wounding three soldiers. "
                "Al Shabaab claimed responsibility.")[0]
    assert r.sub_event_type == "Remote explosive/landmine/IED"
    assert r.actor1 is not None and r.actor1.name == "Al Shabaab"


def test_a_later_claim_names_the_doer_without_a_second_event(extract) -> None:
    reports = extract("Gunmen stormed a police post near Beledweyne, killing two officers. "
                      "Al Shabaab later claimed responsibility for the attack.")
    assert len(reports) == 1
    assert reports[0].actor1 is not None and reports[0].actor1.name == "Al Shabaab"


def test_a_story_told_on_after_a_claim_is_still_one_event(extract) -> None:
    reports = extract("A suicide bomber killed 14 people at a cattle market outside Mosul on Tuesday, officials said. "
                      "No group has claimed responsibility so far. \"The blast shook the whole street,\" a trader said.")
    assert len(reports) == 1
    assert reports[0].sub_event_type == "Suicide bomb" and reports[0].fatalities == 14


def test_no_claim_of_responsibility_names_no_one(extract) -> None:
    r = extract("A roadside bomb tore through a supply convoy outside Baidoa, wounding three soldiers. "
                "No group, including Al Shabaab, has claimed responsibility.")[0]
    assert r.actor1 is None or r.actor1.name != "Al Shabaab"


def test_passive_agent_is_actor1(extract) -> None:
    r = extract("Two soldiers were killed by Islamic State fighters in an ambush.")[0]
    assert r.actor1 is not None and r.actor1.name == "Islamic State (Syria)"


def test_who_was_hit_is_not_actor1(extract) -> None:
    # the party the wounded belong to did not shoot them: the police who opened fire did
    r = extract("Three activists of the People's Labour Party were wounded as police opened fire on them near the mill.")[0]
    assert r.event_type == "Violence against civilians"
    assert r.actor1 is not None and r.actor1.name.startswith("Police Forces")


def test_headline_passive_with_by_names_the_doer(extract) -> None:
    r = extract("Police reservist shot dead by Al Shabaab fighters near the wells")[0]
    assert r.actor1 is not None and r.actor1.name == "Al Shabaab"


def test_a_force_named_with_its_country_is_that_countrys(extract) -> None:
    # ACLED's own wording: the force of the country named, not of the place it shelled
    r = extract("The military forces of Iraq shelled the outskirts of Abu Kamal in Syria on Monday.")[0]
    assert r.actor1 is not None and r.actor1.name == "Military Forces of Iraq (2018-2022)"


def test_a_battle_has_two_sides(extract) -> None:
    r = extract("Police officers and Northern Liberation Front fighters exchanged fire for an hour near Kuru in Syria.")[0]
    assert r.sub_event_type == "Armed clash"
    assert {r.actor1.name, r.actor2.name} == {"Police Forces of Syria", "Northern Liberation Front"}


def test_the_date_nearest_the_event_word_is_its_date(extract) -> None:
    # two dates in the lead: the taking happened on the one beside "took"
    r = extract("Kuru: shelled on 3 March and again on 19 March, when the Northern Liberation Front took "
                "the market district from the army.", published="2020-04-01")[0]
    assert r.sub_event_type == "Non-state actor overtakes territory"
    assert str(r.date) == "2020-03-19"


def test_protesters_class_is_actor1(extract) -> None:
    r = extract("Police fired tear gas at protesters in Nairobi on Tuesday.")[0]
    assert r.sub_event_type == "Protest with intervention"
    assert r.actor1 is not None and r.actor1.name == "Protesters (Kenya)"
    assert r.actor2 is not None and r.actor2.name == "Police Forces of Kenya"


def test_a_protests_other_side_is_who_broke_it_up(extract) -> None:
    # not whom the crowd marched against, nor the people who marched
    r = extract("Police fired tear gas at protesters in Homs who were demanding the resignation of the Syrian government.")[0]
    assert r.actor2 is not None and r.actor2.name == "Police Forces of Syria"
    r = extract("Residents marched through the centre of Damascus on Saturday against the new tax.")[0]
    assert r.sub_event_type == "Peaceful protest" and r.actor2 is None


def test_protesters_who_riot_are_rioters(extract) -> None:
    # ACLED names the crowd by what it did: protesters who set a police post on fire riot.
    r = extract("Protesters set fire to a police post in Nairobi on Tuesday.")[0]
    assert r.event_type == "Riots"
    assert r.actor1 is not None and r.actor1.name == "Rioters (Kenya)"
    assert r.actor1.mention == "Protesters"


def test_metonym(extract) -> None:
    reports = extract("Damascus said it will send troops to Idlib in the coming days.")
    assert reports
    r = reports[0]
    assert r.actor1 is not None and r.actor1.name == "Government of Syria (2000-)"
    assert r.modality == "expected"
    assert "deployment" in r.tags


# -- places ----------------------------------------------------------------------------
def test_a_foreign_actor_is_not_the_place(extract) -> None:
    # "Ugandan raiders" says who attacked; the villages they attacked are Kenyan.
    r = extract("Ugandan raiders attacked Kenyan villages and drove away hundreds of cattle.")[0]
    assert r.location is not None and r.location.place.country_code == "KE"
    r = extract("British nationals were detained by police during the protest.")[0]
    assert r.location is None or r.location.place.country_code != "GB"
    # where the raiders came from is not where they struck
    r = extract("Cattle rustlers from neighbouring Uganda raided a village in Kenya and drove off 200 goats.")[0]
    assert r.location is not None and r.location.place.country_code == "KE"
    r = extract("Bandits from Ethiopia raided a border village and killed five herders.")[0]
    assert r.location is None or r.location.place.country_code != "ET"
    # nor are foreign tribesmen, refugees or border guards where the event was
    r = extract("Sudanese tribesmen stole goats from a Kenyan hamlet.")[0]
    assert r.location is None or r.location.place.country_code not in {"SD", "SS"}
    r = extract("A Bangladeshi farmer was shot dead by Indian Border Security Force men near the frontier.")[0]
    assert r.location is not None and r.location.place.country_code == "BD"
    # nor where the raiders, or a visitor who was killed, are from ("cattle rustlers", "a man")
    r = extract("Clashes between Ugandan cattle rustlers and Kenyan police left three dead.")[0]
    assert r.location is not None and r.location.place.country_code == "KE"
    r = extract("Gunmen shot dead a British man and seized his wife at a beach resort.")[0]
    assert r.location is None or r.location.place.country_code != "GB"
    # a visiting minister's or a singer's nationality, or an armed group's, is not the event's
    # country: a party of one country protesting says it
    r = extract("People's Labour Party activists protested outside the book launch of a former Ghanaian foreign minister.")[0]
    assert r.location is not None and r.location.place.country_code == "NG"
    assert r.actor1 is not None and r.actor1.name == "Protesters (Nigeria)"
    r = extract("People's Labour Party members demonstrated against the concert of a singer, a Ghanaian native.")[0]
    assert r.location is not None and r.location.place.country_code == "NG"


def test_location_prefers_the_town_in_the_sentence(extract) -> None:
    r = extract("Militants attacked a police station in Garissa, Kenya, on Tuesday.")[0]
    assert r.location is not None
    assert r.location.place.country_code == "KE"
    assert r.location.place.name.startswith("Garissa")



def test_location_reads_the_nearest_sentence_with_a_place_as_a_whole(extract) -> None:
    # The event sentence names no place; the one before names a town and its state.
    r = extract("On Friday, in Petrolina, Pernambuco, police raided a warehouse full of contraband. "
                "Three men were arrested.")
    arrests = [x for x in r if x.sub_event_type == "Arrests"]
    assert arrests and arrests[0].location is not None
    assert arrests[0].location.place.name == "Petrolina"


def test_a_far_namesake_of_a_village_gives_way_to_the_county_named_with_it(extract) -> None:
    # The gazetteer knows Iran's Qom ("Kom"), France's Gare and Egypt's Waqf, not the Kenyan and
    # Iraqi villages: the county or province the text names as theirs is the place instead.
    for text, country in (("Gunmen shot dead a shopkeeper at Kom, Marsabit County, on Sunday night.", "KE"),
                          ("Gunmen killed two herders at Gare, in Wajir County, before fleeing.", "KE"),
                          ("An IED struck a militia vehicle in Waqf, in Salah al-Din province, wounding four.", "IQ")):
        r = extract(text)[0]
        assert r.location is not None and r.location.place.country_code == country, (text, r.location)
        assert r.location.place.feature_code == "ADM1"


def _toponym(text: str, name: str, feature: str = "PPL", country: str | None = None):
    from frontlines.geo import get_gazetteer
    from frontlines.records import Toponym

    place = next(p for p in get_gazetteer().lookup(name)
                 if (p.feature_code or "").startswith(feature) and country in (None, p.country_code))
    start = text.index(name)
    return Toponym(start, start + len(name), name, place)


def test_a_far_town_stays_when_its_country_is_named_or_alone_against_one_name() -> None:
    from frontlines.extract.places import drop_far_strays

    text = "Students in Manila marched against the shelling of Donetsk."
    both = [_toponym(text, "Manila"), _toponym(text, "Donetsk")]
    assert drop_far_strays(both, [], text) == both  # one name each: a story of two countries
    text = "Police in Mombasa and Malindi met a delegation from Houston."
    towns = [_toponym(text, "Mombasa"), _toponym(text, "Malindi", country="KE"), _toponym(text, "Houston")]
    assert [t.text for t in drop_far_strays(towns, [], text)] == ["Mombasa", "Malindi"]
    # ... unless its country is named, or is its actors' (``known``)
    text = "Police in Mombasa and Malindi met a delegation from Houston, United States."
    towns = [_toponym(text, "Mombasa"), _toponym(text, "Malindi", country="KE"), _toponym(text, "Houston")]
    us = _toponym(text, "United States", "PCL")
    assert drop_far_strays(towns, [us], text) == towns
    assert drop_far_strays(towns, [], text, frozenset({"US"})) == towns


def test_a_far_namesake_gives_way_to_one_town_backed_by_its_country_or_area() -> None:
    from frontlines.extract.places import drop_far_strays

    # one other town, but its country is named too, or its actors are that country's
    text = "Youths stoned a car outside Orange House in Nairobi, Kenya."
    towns = [_toponym(text, "Orange", country="US"), _toponym(text, "Nairobi")]
    kenya = _toponym(text, "Kenya", "PCL")
    assert [t.text for t in drop_far_strays(towns, [kenya], text)] == ["Nairobi"]
    assert [t.text for t in drop_far_strays(towns, [], text, frozenset({"KE"}))] == ["Nairobi"]
    assert drop_far_strays(towns, [], text) == towns  # one name each, nothing else: both stay
    # a county the gazetteer reads as its main town is still an area the text names
    text = "Militants blew up a power pylon near Gamba, cutting power across Lamu county."
    towns = [_toponym(text, "Gamba", country="GA"), _toponym(text, "Lamu", country="KE")]
    assert [t.text for t in drop_far_strays(towns, [], text)] == ["Lamu"]


def test_an_unsure_far_reading_gives_way_to_the_one_country_named() -> None:
    from dataclasses import replace

    from frontlines.extract.places import drop_far_strays

    text = "Insurgents overran the coastal town of Palma in northern Mozambique on Wednesday."
    palma = replace(_toponym(text, "Palma", country="ES"), score=0.3)  # Majorca's, read unsure
    mozambique = replace(_toponym(text, "Mozambique", "PCL"), score=0.98)
    assert drop_far_strays([palma], [mozambique], text) == []
    # a sure reading stays ("an attack in Jalalabad" in a story that names Britain), and so does
    # any reading when the country is only an adjective ("Russian drones") or itself unsure
    assert drop_far_strays([replace(palma, score=0.95)], [mozambique], text) == [replace(palma, score=0.95)]
    assert drop_far_strays([palma], [replace(mozambique, score=0.6)], text) == [palma]
    text = "Regime forces shelled villages in Hama as Russian drones flew overhead."
    hama = replace(_toponym(text, "Hama", country="SY"), score=0.3)
    russian = replace(_toponym(text, "Russian", "PCL"), score=0.98)
    assert drop_far_strays([hama], [russian], text) == [hama]


def test_a_far_namesake_named_twice_does_not_back_itself() -> None:
    from frontlines.extract.places import drop_far_strays

    text = "Two guards died when a mine hit their truck near Kiunga in Lamu County; Kiunga was calm a day later."
    kiunga = [_toponym(text, "Kiunga", country="PG")]
    second = text.index("Kiunga", kiunga[0].end)
    kiunga.append(type(kiunga[0])(second, second + 6, "Kiunga", kiunga[0].place))
    lamu = _toponym(text, "Lamu", "ADM1", country="KE")
    assert drop_far_strays([*kiunga, lamu], [], text) == [lamu]


def test_a_capital_stays_against_a_district_the_gazetteer_reads_as_a_far_town() -> None:
    from frontlines.extract.places import drop_far_strays

    text = "Police and soldiers exchanged fire in Mogadishu's Karan district on Sunday."
    towns = [_toponym(text, "Mogadishu"), _toponym(text, "Karan", country="IR")]
    assert drop_far_strays(towns, [], text) == towns


def test_a_town_of_the_state_named_later_in_the_report(extract) -> None:
    r = extract("Inmates attacked guards in an Uttar Pradesh jail after a prisoner died in custody. "
                "The riot took place in Kannauj on Monday.")[0]
    assert r.location is not None and r.location.place.name == "Kannauj"


def test_the_possessive_state_is_not_the_place(extract) -> None:
    r = extract("Two rebels were killed in a gunfight with police in Assam's Kokrajhar district.")[0]
    assert r.location is not None and r.location.place.name == "Kokrajhar"


def test_the_towns_a_highway_joins_are_not_the_place(extract) -> None:
    r = extract("Arsonists set two lorries on fire on the Dhaka-Chittagong highway at Feni on Sunday.")[0]
    assert r.location is not None and r.location.place.name == "Feni"
    r = extract("Farmers blocked the Meru-Nairobi highway at Chuka to protest low milk prices.")[0]
    assert r.location is not None and r.location.place.name == "Chuka"


# -- several events in one article -------------------------------------------------------
ARTICLE = (
    "Fighters of the Northern Liberation Front entered the south of Kuru on Monday after a "
    "week-long assault and seized control of the town centre. Government troops fled north. "
    "Separately, an air strike hit a market in Maiduguri, killing seven civilians. "
    "In Kano, hundreds of traders held a peaceful protest against new taxes. "
    "The army denied that its aircraft had bombed the market."
)


def test_multi_event_article(extract) -> None:
    reports = extract(ARTICLE)
    subs = [r.sub_event_type for r in reports]
    assert "Non-state actor overtakes territory" in subs
    assert "Air/drone strike" in subs
    assert "Peaceful protest" in subs
    assert reports[0].sub_event_type == "Non-state actor overtakes territory"
    strike = next(r for r in reports if r.sub_event_type == "Air/drone strike" and r.modality == "asserted")
    assert strike.fatalities == 7
    assert any(r.modality == "denied" for r in reports)
    for r in reports:  # evidence points into the text
        assert ARTICLE[r.evidence.start:r.evidence.end] == r.evidence.text


def test_sentence_without_event_is_skipped(extract) -> None:
    assert extract("The weather in the capital was mild and markets were busy.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # "to death" makes the verb a killing, and the subject of the passive its victims
    ("Four traders were hacked to death by a gang on the market road.", 4),
    ("A farmer was shot and killed by raiders near the well.", 1),
    # a death toll stated late in a long sentence, and a total stated on its own line
    ("The death toll from Sunday's raid on the hill village by militiamen has risen to 9.", 9),
    ("Gunmen raided a cattle camp at dawn and drove away the herd. 3 fatalities.", 3),
    # a death named in a protest is its grievance: ACLED codes a peaceful protest with 0
    ("Students marched to the ministry to protest the killing of two classmates last month.", 0),
    # a headline-style list of the dead without "were"
    ("Raiders stormed the police camp overnight. Five police and one ranger killed, three police missing.", 6),
    # a town and its state before the victim are not more victims; the attackers are not either
    ("On 4 June 2021, in Caruaru, Pernambuco, a trader was killed by two gunmen on a motorbike.", 1),
    # "his body" is the man already counted
    ("Troops seized a herder at the river, shot him dead and later handed over his body.", 1),
    # lynching kills; a death counted by its number
    ("Angry villagers lynch two suspected horse thieves near the chief's camp.", 2),
    ("Soldiers raided the settlement before dawn. One death from the raid was reported.", 1),
    # a body found on its own is a death
    ("Fishermen found a body with gunshot wounds on the riverbank after the raid.", 1),
    # bodies counted by their number, also when the text says whose they were
    ("Residents collected 16 bodies from the market after the fighting.", 16),
    ("Troops clashed with the rebels and carried away 13 bodies of the armed group.", 13),
    # a toll told after a riot is the riot's
    ("Supporters of two rival candidates fought with sticks at the market. One person was killed and six injured.", 1),
    # who was found killed; a death an attack caused; a victim who died in hospital
    ("Three men found killed inside the camp; attackers unknown.", 3),
    ("A roadside blast in the district resulted in the death of a councillor.", 1),
    ("Police shot one gang member, who died later in hospital, and arrested seven.", 1),
    # the one who shot is not a victim; a body found later is the man already counted;
    # those left injured are not dead, however the parser hangs them
    ("A sniper with unknown loyalties shot dead a young army soldier on the border.", 1),
    ("A clerk was shot and killed in his office. His body was found near dozens of spent cartridges.", 1),
    ("Student activists attacked a rival wing, leaving one dead and scores of others injured.", 1),
    ("The trader was kidnapped on the highway and killed two days later.", 1),
    # the old past tense of "slay"
    ("Raiders slew three herders at the watering point and drove off their cattle.", 3),
    # a capitalised number word the parser hangs on its noun as a modifier; a headline's
    # victims "hacked to death" with no "were"; "the other" of two
    ("Thirteen suspected insurgents were killed and their camp destroyed when jets struck the valley.", 13),
    ("Raiders stormed the hamlet at night. 3 herders hacked to death, cattle driven away.", 3),
    ("Gunmen opened fire on two traders at the market. One trader was injured and the other died.", 1),
    # the participle the parser hangs on "was", apart from its subject
    ("A suspected thief was on Friday evening lynched by traders at the market after a chase.", 1),
    # an age is not a count; those injured beside the dead are not dead
    ("A 45-year-old shopkeeper was shot dead at his stall by two men on a motorbike.", 1),
    ("Rival herders clashed at the well. The fight resulted in 1 herder killed and 2 injured.", 1),
    # a bracket inside a sentence does not end it; the deaths a crowd clashes over are not
    # its toll; "the driver" told again in a claim is the one already counted
    ("Youths clashed with the police on Monday [2 March] against the killing of four farmers in the hills.", None),
    (("A driver was shot dead by gunmen on the ring road. The rebels claimed responsibility for "
      "shooting dead the driver."), 1),
    # words after a comma that say who the counted were; a date the parser made the subject
    ("Dozens of villagers, mostly old men and boys were killed when the raiders set the market on fire.", 12),
    ("Around 8 May 2021, in Belford Roxo, two members of the ADA (Friends of Friends) died in a shoot-out with police.", 2),
    # "the Naxal" (a proper noun with "the") is one of those counted
    (("Three Naxals were killed in a gunfight with police near the forest. Officers said the Naxal "
      "was killed while firing at a patrol."), 3),
    # a death "reported" or "feared" is still counted by its number; two verbs share one subject;
    # a plural's owner counts its bodies; "caused the death of" however the parser hangs "death"
    ("Four fishermen were feared killed when pirates raided their boats off the cape.", 4),
    ("Two herders were beaten and hacked to death by raiders near the borehole.", 2),
    ("Soldiers found 5 miners' bodies in a pit after the rebels withdrew.", 5),
    ("A clash between two clans over grazing rights causes the death of one and several huts burnt overnight.", 1),
    # "later" in a sentence that only counts the dead is the same event's toll, not a new one
    ("Gunmen attacked a trader and his son at the cattle market. One victim later died in hospital.", 1),
    # "no one" is none; a death a crowd rose over, or that a group took revenge for, is another
    # event's ("rioted after a boy was killed", "in retaliation for the killing of", "demanding
    # justice for the killing of")
    ("Gunmen fired on a passenger bus near the pass. No one was killed.", 0),
    ("Youths rioted in the market town after a boy was killed by a speeding lorry.", None),
    ("Rebels burned a village school in retaliation for the killing of three of their men last month.", None),
    ("Students clashed with police, demanding justice for the killing of two classmates last week.", None),
    # the count before a bracketed gloss of a group's name; the object the parser lost after
    # "beat to death"
    ("Three KNF [Kuki National Front] cadres were killed when troops raided a hideout near the river.", 3),
    ("A mob beat to death three youths suspecting them of theft at the bazaar.", 3),
    # a "later" that is a death's, not a new event's
    (("Police exchanged fire with a gang that was robbing shops in the market. Police shot one gang "
      "member, who died later in hospital, and arrested five."), 1),
    # a date between "was" and "shot dead"
    ("A shopkeeper was on Monday shot dead outside his store in the old town.", 1),
    ("Two guards were Tuesday evening shot dead by gunmen outside the depot.", 2),
    # a headline's "guns down" read as a preposition; animals killed are no dead
    ("Bandit gang guns down three herders near the dam", 3),
    ("Raiders attacked the hamlet, killed at least nine villagers, burned huts, and killed livestock.", 9),
    # a relative clause that tells what the attack did is its toll
    ("A mine went off under a patrol, followed by gunfire which left two soldiers and a policeman dead.", 3),
    # and so is one that names the event told ("the clash")
    (("Two groups of party supporters clashed at the ferry ghat on Sunday. A youth hurt in the clash "
      "died later in the district hospital."), 1),
    # a town the parser made the subject ("In Khulna, a driver and his helper were killed") is no one
    ("In Khulna, a bus driver, Abdul Karim, 40, and his helper, Rafiq Mia, 22, were killed when a petrol bomb hit the bus.", 2),
    # a vague phrase before a stated figure does not hide it
    ("Militias fought over the wells with no report of fatalities; fatalities were coded as 4.", 4),
    # deaths told as an accusation, as an earlier event, or as who the counted dead were, are not
    # more dead; a date's day is no count; a name that dies after a count is one of the counted
    ("Two youths accused of killing a goat trader were lynched by villagers near the ferry.", 2),
    ("Four more herders have been killed by bandits, three days after the gang executed 11 other herders.", 4),
    ("Gunmen killed six travellers on the pass road. Those killed were two drivers and four traders.", 6),
    ("14 Aug. Six traders were killed when gunmen stormed the market.", 6),
    ("Soldiers shot dead a rebel commander in the forest. Captain Okello died of his wounds in hospital.", 1),
    # other words for a death: "fatally shot" (not "not fatally"), "succumbed", "resulting in his
    # death", "shooting dead 1", a headline's "lynches man"; a passive subject the parser hung
    # on the verb before; a death "reported to have" happened
    # a death told after a sentence of background is the event's
    (("Two students were hurt when crude bombs went off near the market. They had gone there to buy "
      "school books. One of them died of his wounds in hospital, a police officer said."), 1),
    ("A soldier fatally shot a trader at the market.", 1),
    ("Militants line up and execute nine bus passengers by firing squad near the quarry.", 9),
    # a killing a crowd rose up after is why it rioted, not its toll
    ("Students rioted on the campus, setting two buses on fire, after a classmate was killed by a security guard.", None),
    ("After the body of a missing boy was found near the river, angry villagers burned the house of the suspect.", None),
    # a coder's note that the toll was shared out over several events: this event's share
    ("Two militias clashed over farmland in three villages. Six people were killed. Fatalities split between 3 events.", 2),
    ("Troops shelled rebel trenches near the ridge. One soldier died at an unknown spot [1 fatality split among 12 events].", 0),
    ("Police raids in four provinces killed 9 gunmen. Fatalities are split across 4 events (3).", 3),
    ("Clashes between two clans over grazing land resulted in 8 deaths (coded across 4 events) and 20 injuries.", 2),
    ("Feuding clans clashed over a well near the border, which caused 5 deaths on Monday.", 5),
    # a body that is an institution, a death that nearly happened, and one person named twice
    # under a singular verb are no more dead
    ("During voting in the local body elections, nine people were injured in clashes between rival party workers.", None),
    ("A suspected thief was beaten and nearly lynched by traders before police rescued him.", None),
    ("A veteran union leader and activist was shot dead by men on a motorbike.", 1),
    ("A teacher and her husband were shot dead outside the school gate.", 2),
    ("Two suspected car thieves were fatally assaulted by residents of the settlement.", 2),
    ("A night watchman was fatally attacked with a panga outside the depot.", 1),
    ("Bandits shot a ranger at the gate; he was wounded, but not fatally.", None),
    ("Attackers doused a shopkeeper with petrol and set him ablaze. He later succumbed to his burns in hospital.", 1),
    ("Militants shot a shepherd near the well, resulting in his death.", 1),
    ("Rioters stoned passers-by on the highway and police intervened shooting dead 1", 1),
    ("Mob lynches man suspected of cattle theft", 1),
    ("Three guards deployed for the protection of the district commissioner's official residence were shot dead on Sunday.", 3),
    ("Fighting continued between the army and the rebel front. One fighter from the front was reported to have been killed.", 1),
    # subjects an "and" joins add up; a list after "including" is who the number were; those
    # killed "along with" the victim or "with his wife and son" died too, a weapon did not
    ("4 bandits and 1 ranger were killed in the shootout at the park gate.", 5),
    ("At least nine people, including a police inspector, two drivers, and a child were killed and 20 hurt in the clash.", 9),
    ("A rebel commander was killed along with four other fighters in the ambush.", 5),
    ("A shopkeeper was killed by gunmen with his wife and son at their home.", 3),
    ("A farmer was hacked to death with a machete near the river.", 1),
    # the same dead told again, or another source's figure, are not more dead (the most
    # conservative figure stands); "also" adds; "him" after a victim in the same sentence is
    # that victim; "the killing of a colleague" a crowd avenges is no toll
    ("Five guards were killed when bandits raided the depot. The raid left five guards dead.", 5),
    ("A soldier was killed when a roadside bomb hit a patrol. The rebels, claiming the attack, said eight soldiers died.", 1),
    ("Rebels attacked an army post in the hills. Two soldiers were killed. Two rebels also died.", 4),
    ("Gunmen shot dead a journalist outside his home in the old town, leaving him dead on the doorstep.", 1),
    ("Soldiers beat up residents of the estate to avenge the killing of a colleague.", None),
    # "One death reported" is a stated total; one source's figure and deaths feared but
    # unconfirmed are not more dead
    ("A night watchman was killed by a stray bullet during a shootout between police and robbers at the market. One death reported.", 1),
    ("A trader was shot dead in a robbery at the market. Two deaths were confirmed by the police.", 2),
    ("Raiders attacked the hamlet, killing a herder and driving off goats. One source indicates that three people were killed in the raid.", 1),
    ("Two guards were killed in the riot. 5 other deaths are feared but unconfirmed.", 2),
    # the opening "On <date>, in <town>, <state>," where the parser hangs who died on the state
    # (as an apposition, or the state as the subject and them as its apposition)
    ("On 3 May 2021, in Manaus, Amazonas, a man was beaten to death in a street market by 12 men.", 1),
    (("On 6 April 2021, in Colider, Mato Grosso, a suspect from a neighbouring town was killed after "
     "exchanging shots with civil police."), 1),
    ("On 8 June 2021, in Sinop, Mato Grosso, a bus driver and his son were shot dead at a petrol station.", 2),
    # what someone is suspected of, in a relative clause, is another event's toll; what a man
    # police arrested did is the event
    ("Villagers beat to death a man suspected of taking part in a raid that killed four herders.", 1),
    ("Police detained 12 men in connection with an ambush which killed three rangers.", None),
    ("Police arrested a constable who shot dead two colleagues at the barracks.", 2),
    # "burnt alive" kills; "left X shot dead" counts X
    ("Attackers burnt alive three farmhands in a shed outside the village.", 3),
    ("A police operation left the son of a hotel owner shot dead in Mombasa.", 1),
    # an outlet's own figure after the count told: the most conservative (ACLED)
    ("Four men were beheaded by militants in a coastal village. The Daily Courier reports 9 people were beheaded.", 4),
    # a riot over a death: the death is its grievance, however old the victim ("a 17-year-old")
    (("Youths burnt tyres and threw stones at cars during a demonstration over the death of a "
      "17-year-old boy killed by the police."), None),
])
def test_fatality_conventions(text: str, expected: int, extract) -> None:
    reports = extract(text)
    assert reports
    assert reports[0].fatalities == expected


def test_a_death_a_riot_is_over_is_not_its_toll(extract) -> None:
    reports = extract("Students rioted over the death of a classmate and broke windows.")
    assert reports and not reports[0].fatalities


def test_a_body_named_after_a_continent_does_not_place_the_event(extract) -> None:
    # geoparse reads "African" as Africa (as toponym corpora annotate it); an event is never
    # placed on a continent
    reports = extract("Militants attacked an African Union base near the river before dawn.")
    assert reports and (reports[0].location is None or reports[0].location.place.feature_code != "CONT")


def test_a_toll_after_a_sentence_of_background_is_the_clashs(extract) -> None:
    reports = extract("Two groups of villagers clashed over a disputed pasture near the river. "
                      "The feud over the land is decades old. Three people were killed.")
    assert len(reports) == 1 and reports[0].fatalities == 3


@pytest.mark.parametrize(("text", "dead"), [
    # "another 40 people" counts more of the same attack's hurt, not another event
    (("Gunmen attacked a boarding school in the hills at dawn. Nearly all of the 31 people killed were "
     "pupils and another 40 people were wounded."), 31),
    # a sentence that only names the sides ("farmers", "herders") between the clash and its toll
    (("Herders and farmers fought over a watering point outside the village. Farmers blamed the "
     "herders for letting cattle into their fields. One man was killed."), 1),
    # "the victim" is the one the last sentence attacked
    (("Two masked men attacked a shopkeeper outside his shop in the evening. The victim died and "
     "police detained two suspects."), 1),
])
def test_a_toll_told_after_the_attack_is_its_toll(text: str, dead: int, extract) -> None:
    reports = extract(text)
    assert len(reports) == 1 and reports[0].fatalities == dead


def test_the_dead_of_a_riot_the_police_broke_up_are_the_riots(extract) -> None:
    # ACLED counts the dead of an intervention with the riot; it stays a riot
    reports = extract("Students rioted in the town centre over a rise in fees, burning tyres and stoning "
                      "shops. Two of them were shot dead by the police.")
    assert len(reports) == 1
    assert (reports[0].event_type, reports[0].fatalities) == ("Riots", 2)
    # the dead word after its object: "shot one dead"
    reports = extract("Dock workers rioted at the harbour gate, overturning a lorry. Police shot one dead "
                      "as they cleared the gate.")
    assert len(reports) == 1
    assert (reports[0].event_type, reports[0].fatalities) == ("Riots", 1)


def test_casualty_sentence_belongs_to_the_bombing(extract) -> None:
    reports = extract("A car bomb exploded outside the governor's office in the morning. Nine killed, many injured.")
    assert len(reports) == 1
    assert reports[0].sub_event_type == "Remote explosive/landmine/IED"
    assert reports[0].fatalities == 9


def test_province_level_event_is_pinned_at_its_main_town(extract) -> None:
    # ACLED's convention for events known only at province or county level: the area stays the
    # place, the point is the area's main town, geo-precision 3.
    from frontlines.geo import distance_km, get_gazetteer

    reports = extract("Protesters blocked the main roads in Narok County on Monday over land rights.")
    loc = reports[0].location
    assert loc is not None and loc.geo_precision == 3
    assert loc.place.feature_code == "ADM1" and loc.place.name == "Narok County"
    town = next(p for p in get_gazetteer().lookup("Narok") if p.feature_code.startswith("PPL"))
    assert distance_km(loc.place.lat, loc.place.lon, town.lat, town.lon) < 1


def test_a_hamlet_the_gazetteer_lacks_is_placed_by_the_district_after_it(extract) -> None:
    # ACLED-style "Hamlet (District, Province)": the event is in the hamlet, on the map at its
    # district (precision 2, near a town), its name kept as the place's mention
    loc = extract("On 3 March 2021, armed men burned a grain store in Tindikoro (Dori, Seno), "
                  "killing two herders.")[0].location
    assert loc is not None and loc.mention == "Tindikoro" and loc.geo_precision == 2
    assert loc.place.name == "Dori" and loc.place.country_code == "BF"
    # so does a region alone in the parenthesis
    loc = extract("On 3 March 2021, armed men killed two herders near Inates (Tillaberi).")[0].location
    assert loc is not None and loc.mention == "Inates" and loc.place.country_code == "NE"
    # or a town, when a locative leads to the name before it (a party's faction is no place)
    loc = extract("On 9 June 2017, police shot dead two robbery suspects in Kiamaiko (Nairobi).")[0].location
    assert loc is not None and loc.mention == "Kiamaiko" and loc.place.name == "Nairobi" and loc.geo_precision == 2
    loc = extract("Members of the Lok Jan Morcha (Amritsar) staged a protest outside the court.")[0].location
    assert loc is not None and loc.mention == "Amritsar"
    # a town the gazetteer knows is the place itself
    loc = extract("On 3 March 2021, armed men killed two herders in Djibo (Soum, Sahel).")[0].location
    assert loc is not None and loc.mention == "Djibo" and loc.place.name == "Djibo" and loc.geo_precision == 1


def test_the_country_across_the_border_is_not_the_place(extract) -> None:
    r = extract("Rebels took the hill town of Bunagana on the border with Uganda on Monday, "
                "a Congolese army spokesman said.")[0]
    assert r.location is not None and r.location.place.country_code == "CD"  # the army's country
    # "near the Ethiopian border" is a bearing, not the place
    r = extract("Borana militia raided a Gabra settlement near the Ethiopian border over grazing land.")[0]
    assert r.location is None or r.location.place.country_code != "ET"
    # but a country's border guards and border towns are its own
    r = extract("Myanmar border guard police clashed with ARSA fighters at dawn.")[0]
    assert r.location is not None and r.location.place.country_code == "MM"


def test_a_group_of_a_few_countries_reads_its_towns_there(extract) -> None:
    # the LRA is active in three countries; the Bondo it raided is the Congolese one, not Kenya's
    r = extract("Fighters of the Lord's Resistance Army raided Bondo overnight and looted shops.")[0]
    assert r.location is not None and r.location.place.country_code == "CD"


def test_a_town_taken_is_a_place_whatever_the_model_calls_it(extract) -> None:
    r = extract("Rebels seized Saraqeb on Wednesday.")[0]
    assert r.sub_event_type == "Non-state actor overtakes territory"
    assert r.location is not None and r.location.place.country_code == "SY"


def test_actors_country_when_no_place_is_named(extract) -> None:
    # No place in the text: the named group's country is the story's, so the police are that
    # country's police rather than police of nowhere.
    reports = extract("Police officers clashed with NLF fighters after the fighters ambushed a patrol.")
    names = {a.name for r in reports for a in (r.actor1, r.actor2) if a is not None}
    assert any(n.startswith("Police Forces of Nigeria") for n in names), names


def test_headline_toll_after_an_ambush_is_its_toll(extract) -> None:
    # "2 guards killed." drops the auxiliary of a passive: the guards died, nobody new acted,
    # so the sentence is the ambush's toll and the guards are its target, not its doer.
    reports = extract("Bandits ambushed a convoy on the mountain road. 2 guards killed. 4 bandits injured.")
    assert len(reports) == 1
    assert reports[0].fatalities == 2
    assert reports[0].actor1 is None or "guard" not in reports[0].actor1.mention.lower()


def test_a_named_groups_fighters_are_the_group(extract) -> None:
    # "NLF gunmen": the class word after the group's name does not make them unidentified
    r = extract("NLF gunmen ambushed an army convoy near the river crossing, killing three soldiers.")[0]
    assert r.actor1 is not None and r.actor1.name == "Northern Liberation Front"
    assert r.actor1.mention == "NLF gunmen"


def test_the_gunmen_of_a_group_are_the_group(extract) -> None:
    # "Gunmen of the NLF": the armed group after "of" is the actor, not an unidentified one
    r = extract("Gunmen of the NLF ambushed an army convoy near the river crossing.")[0]
    assert r.actor1 is not None and r.actor1.name == "Northern Liberation Front"
    assert r.event_type == "Battles"


def test_an_attack_that_becomes_a_fight_counts_both_sides_dead(extract) -> None:
    # the attackers are actor1, not the police who answered them; the dead of both parts add up
    reports = extract("Five masked men attacked a polling station at dawn. They killed a clerk before police "
                      "opened fire, killing two of the attackers.")
    assert len(reports) == 1
    r = reports[0]
    assert r.sub_event_type == "Armed clash"
    assert r.fatalities == 3
    assert r.actor1 is None or not r.actor1.name.startswith("Police")  # (no unidentified class in the test data)


def test_a_town_in_the_county_named_before_is_the_same_event(extract) -> None:
    # "Nyeri County" ... "Nyeri town": the protest turned violent where it was, not elsewhere
    reports = extract("Traders protested in Nyeri County against the new market levies. The protesters lit fires "
                      "along the roads in Nyeri town and fought running battles with the police.")
    assert len(reports) == 1
    assert reports[0].sub_event_type == "Violent demonstration"
