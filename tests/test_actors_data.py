"""The actor dictionary (data files) keeps to the schema documented in data/ACTORS.md."""

from __future__ import annotations

import collections
import re
from importlib import resources
from pathlib import Path

import pycountry
import pytest
import yaml

D = Path(str(resources.files("frontlines") / "data"))
REQ = {"name": str, "aliases": list, "inter": int, "country": (str, type(None)), "countries": list,
       "parent": (str, type(None)), "metonyms": list, "note": str}
OPT = {"period": list, "start_date": str, "former_names": list, "case_sensitive_aliases": list, "party": bool,
       "militia": str, "before": str}


def iso_ok(c):
    return pycountry.countries.get(alpha_2=c) is not None

def overlap(a, b):
    if not a or not b:
        return True
    a0, a1 = a[0], a[1] if a[1] is not None else 10**4
    b0, b1 = b[0], b[1] if b[1] is not None else 10**4
    return a0 < b1 and b0 < a1



def schema_errors() -> tuple[list[str], list[dict]]:
    errs: list[str] = []
    warns: list[str] = []
    doc = yaml.safe_load((D / "actors.yaml").read_text(encoding="utf-8"))
    assert doc["version"] == 1
    acts = doc["actors"]
    names = collections.Counter(a["name"] for a in acts)
    for n, k in names.items():
        if k > 1: errs.append(f"duplicate name {n}")
    byname = {a["name"]: a for a in acts}
    for a in acts:
        n = a.get("name")
        for f, t in REQ.items():
            if f not in a: errs.append(f"{n}: missing {f}")
            elif not isinstance(a[f], t): errs.append(f"{n}: {f} has type {type(a[f]).__name__}")
        for f in a:
            if f not in REQ and f not in OPT: errs.append(f"{n}: unknown field {f}")
            elif f in OPT and not isinstance(a[f], OPT[f]): errs.append(f"{n}: {f} bad type")
        if not 1 <= a["inter"] <= 8: errs.append(f"{n}: inter {a['inter']}")
        for c in ([a["country"]] if a["country"] else []) + a["countries"]:
            if not (isinstance(c, str) and iso_ok(c)): errs.append(f"{n}: bad ISO code {c!r}")
        if a["parent"] and a["parent"] not in byname: errs.append(f"{n}: parent {a['parent']!r} not found")
        if a["parent"] == n: errs.append(f"{n}: parent is itself")
        if a.get("before") and (a["before"] not in byname or "period" not in a):
            errs.append(f"{n}: before {a['before']!r} not found, or no period to be before")
        if not a["aliases"]: errs.append(f"{n}: no aliases")
        if not a["note"].strip(): warns.append(f"{n}: empty note")
        for x in a.get("case_sensitive_aliases", []):
            if x not in a["aliases"]: errs.append(f"{n}: case-sensitive alias {x!r} not among aliases")
        if "period" in a:
            p = a["period"]
            if len(p) != 2 or not isinstance(p[0], int) or not (p[1] is None or (isinstance(p[1], int) and p[1] >= p[0])):
                errs.append(f"{n}: bad period {p}")
            m = re.search(r"\((\d{4})-(\d{4})?\)", n)
            if m and (int(m[1]) != p[0] or (int(m[2]) if m[2] else None) != p[1]):
                errs.append(f"{n}: period {p} disagrees with the name")
        if "start_date" in a and not re.fullmatch(r"\d{4}-\d\d-\d\d", a["start_date"]):
            errs.append(f"{n}: bad start_date")
        if "start_date" in a and "period" in a and int(a["start_date"][:4]) != a["period"][0]:
            errs.append(f"{n}: start_date year != period start")
        cf = [x.casefold() for x in a["aliases"] if x not in a.get("case_sensitive_aliases", [])]
        if len(cf) != len(set(cf)): errs.append(f"{n}: duplicate aliases")
    # alias ownership: case-insensitive key unless case-sensitive
    amb = {x["alias"]: set(x["candidates"]) for x in doc.get("ambiguous_aliases", [])}
    for x in doc.get("ambiguous_aliases", []):
        for c in x["candidates"]:
            if c not in byname: errs.append(f"ambiguous {x['alias']}: unknown candidate {c}")
            elif x["alias"] not in byname[c]["aliases"]: errs.append(f"ambiguous {x['alias']}: not an alias of {c}")
    own = collections.defaultdict(list)
    for a in acts:
        cs = set(a.get("case_sensitive_aliases", []))
        for x in a["aliases"] + [a["name"]]:
            own[("cs", x) if x in cs else ("ci", x.casefold())].append(a)
    # a case-sensitive alias also collides with a case-insensitive one of the same letters
    ci_keys = {k[1]: v for k, v in own.items() if k[0] == "ci"}
    for (kind, key), owners in list(own.items()):
        if kind == "cs" and key.casefold() in ci_keys:
            own[(kind, key)] = owners + ci_keys[key.casefold()]
    for (kind, key), owners in own.items():
        uniq = {o["name"]: o for o in owners}
        if len(uniq) < 2: continue
        os_ = list(uniq.values())
        clash = [(x, y) for i, x in enumerate(os_) for y in os_[i + 1:]
                 if overlap(x.get("period"), y.get("period"))]
        if not clash: continue
        alias = next((x for x in amb if (x.casefold() if kind == "ci" else x) == key), None)
        if alias and {o["name"] for o in os_} <= amb[alias] | {o["name"] for o in os_ if not any(o in c for c in clash)}:
            continue
        errs.append(f"alias {key!r} claimed by {sorted({o['name'] for c in clash for o in c})}")
    # metonyms must point to one actor (period series excepted)
    met = collections.defaultdict(list)
    for a in acts:
        for m in a["metonyms"]: met[m.casefold()].append(a)
    for m, owners in met.items():
        clash = [(x["name"], y["name"]) for i, x in enumerate(owners) for y in owners[i + 1:]
                 if overlap(x.get("period"), y.get("period"))]
        if clash: errs.append(f"metonym {m!r} on {clash}")

    # ---- classes
    cl = yaml.safe_load((D / "actor_classes.yaml").read_text(encoding="utf-8"))
    assert cl["version"] == 1
    keys = set()
    for c in cl["classes"]:
        k = c.get("key")
        for f, t in {"key": str, "template": str, "inter": int, "cues": list}.items():
            if not isinstance(c.get(f), t): errs.append(f"class {k}: field {f}")
        if k in keys: errs.append(f"class {k}: duplicate key")
        keys.add(k)
        if set(c) - {"key", "template", "inter", "cues", "role", "note", "named_templates"}: errs.append(f"class {k}: unknown field")
        if not 1 <= c["inter"] <= 8: errs.append(f"class {k}: inter")
        for r in c.get("role", []):
            if r not in {x["key"] for x in cl["classes"]}: errs.append(f"class {k}: role {r!r} is not a class key")
        cf = [x.casefold() for x in c["cues"]]
        if len(cf) != len(set(cf)): errs.append(f"class {k}: duplicate cues {[x for x in cf if cf.count(x) > 1]}")
    cue_owner = collections.defaultdict(list)
    for c in cl["classes"]:
        for x in c["cues"]: cue_owner[x.casefold()].append(c["key"])
    for x, ks in cue_owner.items():
        if len(ks) > 1: errs.append(f"cue {x!r} in classes {ks}")
    for code in cl.get("country_names", {}):
        if not iso_ok(code): errs.append(f"country_names: bad code {code}")
    for code in cl.get("definite_article", []):
        if not iso_ok(code): errs.append(f"definite_article: bad code {code}")

    return errs, acts


def test_actor_dictionary_follows_its_schema() -> None:
    errs, _ = schema_errors()
    assert not errs, "\n".join(errs[:30])


def test_actor_dictionary_covers_the_main_conflicts() -> None:
    _, acts = schema_errors()
    homes = collections.Counter(a["country"] for a in acts)
    for iso in ("SY", "IQ", "YE", "LY", "UA", "RU", "SD", "ML", "NG", "SO", "KE", "CD", "ET", "MM",
                "AF", "PK", "IN", "IL", "PS", "LB", "CO", "MX"):
        assert homes[iso] >= 2, iso
    aliases = {x.casefold() for a in acts for x in a["aliases"]}
    for alias in ("isis", "daesh", "houthis", "al-shabaab", "boko haram", "rsf", "wagner group", "hamas"):
        assert alias in aliases, alias


def test_named_actors_decide_an_ambiguous_province() -> None:
    # With the shipped dictionary: India and Pakistan both have a Punjab; the party the note
    # names says which one.
    from frontlines.extract import annotate_batch, document_from_json

    texts = ["BJP workers protested in Punjab against the rise in fuel prices.",
             "PML-N workers staged a rally in Punjab against the rise in fuel prices."]
    results = annotate_batch([document_from_json({"id": str(i), "text": t}, i)
                              for i, t in enumerate(texts, start=1)])
    assert [r["events"][0]["location"]["country_code"] for r in results] == ["IN", "PK"]


def _first_locations(*texts: str) -> list[dict | None]:
    """The location of each text's main event, annotated as one batch."""
    return [e["location"] for e in _main_events(list(texts))]


def test_a_note_without_a_place_is_placed_in_its_home_actors_country() -> None:
    # A party or a union acts at home: its country places an event whose text names no place,
    # at region precision, traceable to the actor's name. A rebel group that fights across
    # borders places nothing.
    home, abroad, rebels = _first_locations(
        "BJP workers blocked the highway for three hours to protest against the price of diesel.",
        "Al Shabaab fighters ambushed a supply convoy and burned two lorries.",
        "Heavy fighting was reported between the KIA and government troops for a third day.")
    assert (home["country_code"], home["geo_precision"], home["mention"]) == ("IN", 3, "BJP workers")
    assert abroad is None
    # a rebel group the dictionary knows in one country only fights there
    assert (rebels["country_code"], rebels["geo_precision"], rebels["mention"]) == ("MM", 3, "KIA")


def test_regional_and_sri_lankan_parties_place_a_text_without_a_place() -> None:
    # "YSR Congress Party" is its own party, not the Indian National Congress inside its name
    india, lanka = _first_locations("Workers of the YSR Congress Party burnt an effigy of the chief minister.",
                                    "UNP supporters marched to the election office to demand a recount.")
    assert (india["country_code"], india["mention"]) == ("IN", "YSR Congress Party")
    assert lanka["country_code"] == "LK"


def test_the_armed_groups_of_indias_north_east() -> None:
    # the Garo, Dimasa and Tripuri groups are rebels, not rioting "cadres" or an unknown group
    garo, tripura = _main_events([("Three cadres of the Garo National Liberation Army were killed in a gunfight "
                                  "with the police in a forest near the district border."),
                                  "NLFT rebels ambushed a paramilitary patrol and wounded two soldiers."])
    assert (garo["event_type"], garo["actor1"]["name"]) == ("Battles", "GNLA: Garo National Liberation Army")
    assert tripura["actor1"]["name"] == "NLFT: National Liberation Front of Tripura"


def test_baloch_separatists_with_no_group_named() -> None:
    (event,) = _main_events(["Suspected Baloch separatists fired on a police van near Dera Bugti, wounding three policemen."])
    assert (event["actor1"]["name"], event["actor1"]["inter"]) == ("Baloch Separatists (Pakistan)", 2)


def test_a_partys_supporters_who_attack_are_its_militia() -> None:
    # ACLED writes a party's armed supporters as its militia; as marchers they are protesters
    attack, march = _main_events(["Awami League men attacked a local BNP leader at his home in Magura and stabbed him.",
                                  "BNP supporters marched in Dhaka demanding fresh elections."])
    assert (attack["actor1"]["name"], attack["actor1"]["inter"]) == ("Bangladesh Awami League Militia", 3)
    assert march["actor1"]["name"] == "Protesters (Bangladesh)"
    # the militia name is a name of its own, not an alias of the party
    from frontlines.extract.actors import load_actor_dictionary

    dictionary = load_actor_dictionary()
    assert dictionary.canonical("Bangladesh Awami League Militia") == "Bangladesh Awami League Militia"
    assert dictionary.canonical("Awami League") == "AL: Bangladesh Awami League"


def test_a_factions_letter_at_the_end_of_a_sentence_is_still_its_name() -> None:
    # the tokenizer keeps "N." whole; "SSA" alone is a Libyan force
    from frontlines.extract.actors import find_mentions, load_actor_dictionary
    from frontlines.nlp import get_nlp

    d = load_actor_dictionary()
    doc = get_nlp()("Army artillery hit the headquarters of the SSA-N.")
    assert [d.entries[m.ref_index].name for m in find_mentions(doc, d) if m.kind == "actor"] == \
        ["SSPP: Shan State Progress Party"]


def test_an_acronym_that_is_a_word_names_its_group_only_in_capitals() -> None:
    # "FACT" is Chad's rebel front; "in fact" is not
    from frontlines.extract.actors import find_mentions, load_actor_dictionary
    from frontlines.nlp import get_nlp

    d = load_actor_dictionary()
    doc = get_nlp()("The envoy did, in fact, meet the minister. FACT fighters crossed from Libya.")
    assert [(m.start_char > 40, d.entries[m.ref_index].name) for m in find_mentions(doc, d) if m.kind == "actor"] == \
        [(True, "FACT: Front for Change and Concord in Chad")]


def test_the_words_of_an_actors_name_and_a_countrys_mission_are_not_the_place() -> None:
    # "An Orange ..." is not a town called Orange; a protest at a consulate is not in that country
    party, mission = _first_locations(
        "An Orange Democratic Movement official was attacked with pepper spray by unknown men.",
        "BJP workers burnt an effigy outside the United States Consulate over the visa rules.")
    assert party["country_code"] == "KE"
    assert mission is None or mission["country_code"] != "US"


def test_an_alias_two_actors_share_is_read_by_the_storys_country() -> None:
    # "SNA" and "NAF" each name two armies (ambiguous_aliases): the story's country decides.
    from frontlines.extract import annotate_batch, document_from_json

    texts = ["SNA fighters shelled a village near Afrin on Sunday.",
             "SNA troops repelled an attack on their base near Kismayo on Sunday.",
             "NAF fighters fired mortars at army positions near Horlivka in Donetsk region.",
             "NAF aircraft bombed a bandit camp in Zamfara state, Nigeria."]
    results = annotate_batch([document_from_json({"id": str(i), "text": t}, i)
                              for i, t in enumerate(texts, start=1)])
    names = [r["events"][0]["actor1"]["name"] for r in results]
    assert names[0] == "Syrian National Army"
    assert names[1].startswith("Military Forces of Somalia")
    assert names[2] == "NAF: United Armed Forces of Novorossiya"
    assert names[3].startswith("Military Forces of Nigeria")


@pytest.mark.parametrize("text,name", [
    ("Fighters of Islamic State in West Africa Province abducted two aid workers near Monguno.",
     "Islamic State (West Africa)"),
    ("Islamic State in Khorasan Province said it carried out the bombing in Jalalabad.",
     "Islamic State (Khorasan)"),
])
def test_a_province_of_islamic_state_named_with_in(text: str, name: str) -> None:
    # "Islamic State in X Province" is the province's group, not the parent organisation
    assert _main_events([text], "2021-05-09")[0]["actor1"]["name"] == name


def test_a_partys_leader_is_a_civilian() -> None:
    # Parties are inter 3 like militias, but their people are civilians when attacked
    # (party: true); a militia's or a rebel group's people are not.
    from frontlines.extract import annotate_batch, document_from_json

    texts = ["Gunmen killed a district BJP leader outside his home.",
             "Troops killed two TTP commanders in a raid on their hideout."]
    results = annotate_batch([document_from_json({"id": str(i), "text": t}, i)
                              for i, t in enumerate(texts, start=1)])
    assert [r["events"][0]["event_type"] for r in results] == ["Violence against civilians", "Battles"]


def test_two_nationalities_sharing_one_noun_are_two_actors() -> None:
    # With the shipped dictionary, which knows "Pakistani troops" and "Kenyan troops": the
    # nationality before "and" names its own country's forces, and the first named leads.
    from frontlines.extract import annotate_batch, document_from_json

    texts = ["Indian and Pakistani troops traded fire across the border near Uri on Sunday.",
             "Kenyan and Somali troops fought Al Shabaab fighters outside Kolbio."]
    results = annotate_batch([document_from_json({"id": str(i), "text": t, "published": "2020-05-09"}, i)
                              for i, t in enumerate(texts, start=1)])
    first, second = (r["events"][0] for r in results)
    assert first["actor1"]["name"].startswith("Military Forces of India")
    assert first["actor2"]["name"].startswith("Military Forces of Pakistan")
    assert second["actor1"]["name"].startswith("Military Forces of Kenya")


def test_a_unit_takes_its_forces_period() -> None:
    # ACLED writes a unit after its force and the force's period: "Military Forces of Brazil
    # (2019-2022) Military Police" for a story of 2020, and its own entry where it has one
    from frontlines.extract import annotate_batch, document_from_json

    texts = ["Military police officers exchanged fire with drug traffickers in Goiania on Monday.",
             "Federal police agents raided a warehouse in Manaus and seized smuggled gold.",
             "Russian military police patrolled the highway west of Tal Tamr with Turkish troops."]
    results = annotate_batch([document_from_json({"id": str(i), "text": t, "published": "2020-05-09"}, i)
                              for i, t in enumerate(texts, start=1)])
    names = [r["events"][0]["actor1"]["name"] for r in results]
    assert names == ["Military Forces of Brazil (2019-2022) Military Police",
                     "Police Forces of Brazil (2019-2022) Federal Police",
                     "Military Forces of Russia (2000-) Military Police"]


def test_a_rebel_movement_that_later_ruled_has_its_name_before_it_ruled() -> None:
    # the Houthis are the Sanaa government's forces from 2016, a rebel movement before
    text = ["Houthi fighters shelled army positions near Saada on Friday."]
    before, after = _main_events(text, "2011-06-10")[0], _main_events(text, "2021-06-10")[0]
    assert before["actor1"]["name"] == "Houthi Movement - Ansar Allah" and before["actor1"]["inter"] == 2
    assert after["actor1"]["name"] == "Military Forces of Yemen (2016-) Supreme Political Council"


def test_a_junta_is_the_countrys_armed_forces() -> None:
    from frontlines.extract import annotate_batch, document_from_json

    result = annotate_batch([document_from_json({"id": "1", "text": "Mali junta arrests former prime minister"}, 1)])[0]
    assert result["events"][0]["actor1"]["name"].startswith("Military Forces of Mali")


def _annotated(texts: list[str], published: str | None = None) -> list[dict]:
    """Each text annotated with the shipped dictionary."""
    from frontlines.extract import annotate_batch, document_from_json

    return annotate_batch([document_from_json({"id": str(i), "text": t,
                                               **({"published": published} if published else {})}, i)
                           for i, t in enumerate(texts, start=1)])


def _main_events(texts: list[str], published: str | None = None) -> list[dict]:
    """``events[0]`` of each text annotated with the shipped dictionary."""
    return [r["events"][0] for r in _annotated(texts, published)]


def test_people_who_fight_a_battle_are_a_communal_militia() -> None:
    # With the shipped dictionary: herders and farmers who clash are ACLED's communal
    # militias, not civilians; a battle whose other side goes unnamed is fought with an
    # unidentified armed group
    texts = ["Clashes between herders and farmers in Nigeria's Plateau state killed 12 people over the weekend.",
             "Two soldiers were shot dead at a checkpoint outside Maiduguri on Monday."]
    clash, checkpoint = _main_events(texts, "2020-05-09")
    assert clash["event_type"] == "Battles"
    assert {clash["actor1"]["name"], (clash["actor2"] or {}).get("name")} <= {
        "Unidentified Communal Militia (Nigeria)", "Unidentified Armed Group (Nigeria)"}
    assert checkpoint["event_type"] == "Battles"
    assert {checkpoint["actor1"]["name"], checkpoint["actor2"]["name"]} == {
        "Unidentified Armed Group (Nigeria)", "Military Forces of Nigeria (2015-2023)"}


def test_who_a_bomb_hurt_is_its_other_side() -> None:
    # With the shipped dictionary: the soldiers a car bomb wounded did not set it off, and the
    # women gunmen killed are, for ACLED, the country's civilians
    texts = ["A car bomb exploded outside a military base in Kabul, wounding six soldiers, officials said.",
             "Gunmen shot dead two women outside a market in Peshawar on Friday."]
    bomb, shooting = _main_events(texts, "2020-05-09")
    assert bomb["actor1"]["name"] == "Unidentified Armed Group (Afghanistan)"
    assert bomb["actor2"]["name"] == "Military Forces of Afghanistan (2014-2021)"
    assert shooting["event_type"] == "Violence against civilians"
    assert shooting["actor2"]["name"] == "Civilians (Pakistan)"


def test_what_a_bomb_hit_did_not_set_it_off() -> None:
    # With the shipped dictionary: the army truck a roadside bomb hit is its target, so the
    # soldiers' army is the other side and the bomb's doer goes unnamed
    texts = ["A roadside bomb hit an army truck near Gao on Sunday, killing four soldiers."]
    bomb = _main_events(texts, "2023-05-09")[0]
    assert bomb["sub_event_type"] == "Remote explosive/landmine/IED"
    assert bomb["actor1"]["name"] == "Unidentified Armed Group (Mali)"
    assert bomb["actor2"]["name"].startswith("Military Forces of Mali")


def test_who_held_a_retaken_town_is_the_other_side() -> None:
    # With the shipped dictionary: the group the town was taken from, not the militias that
    # helped take it
    text = "Somali troops, backed by local clan militias, retook the town of Mahaday from al-Shabaab on Monday."
    event = _main_events([text], "2023-05-09")[0]
    assert event["sub_event_type"] == "Government regains territory"
    assert event["actor2"]["name"] == "Al Shabaab"


def test_a_battles_other_side_named_after_its_class_word_and_monitors_are_no_side() -> None:
    # With the shipped dictionary: "militants from the TTP" are the TTP; monitors who counted
    # the shots are the source, not a side
    texts = ["Two soldiers were killed in a gunfight with militants from the TTP near Miranshah on Friday.",
             "Ceasefire monitors recorded 40 shots and two explosions near Horlivka on Tuesday.",
             "The OSCE SMM observed a total of 12 explosions near Horlivka on Tuesday."]
    gunfight, shots, total = _main_events(texts, "2020-05-09")
    # the monitors are no side either when their count is "a total of" explosions
    assert not (total["actor1"] or {}).get("name", "").startswith("OSCE")
    sides = {gunfight["actor1"]["name"], gunfight["actor2"]["name"]}
    assert "TTP: Tehreek-i-Taliban Pakistan" in sides
    assert any(n.startswith("Military Forces of Pakistan") for n in sides)
    assert (shots["actor1"] or {}).get("mention", "") != "Ceasefire monitors"


def test_soldiers_of_a_mission_abroad_do_not_place_the_event_at_home() -> None:
    # With the shipped dictionary: the AU base is the mission's; the Burundian soldiers it lost
    # serve in Somalia, so Burundi is not where it happened
    text = "Al-Shabaab fighters stormed an African Union base near the river, killing several Burundian soldiers."
    event = _main_events([text], "2021-05-09")[0]
    assert event["actor2"]["name"] in {"AMISOM: African Union Mission in Somalia", "Military Forces of Burundi (2020-)"}
    assert (event["location"] or {}).get("country_code") != "BI"
    base = _main_events(["Militants attacked an African Union base near the river."], "2021-05-09")[0]
    assert base["actor2"]["name"] == "AMISOM: African Union Mission in Somalia"


def test_the_victims_are_of_the_place_and_a_battles_sides_are_two() -> None:
    # With the shipped dictionary: a Russian strike on a Ukrainian city hit Ukraine's civilians
    # (the nationality of who fired is not the story's country); the army's own artillery is not
    # the other side of its battle with the RSF
    texts = ["Russian missiles struck an apartment block in Dnipro overnight, killing 12 residents.",
             "The Sudanese army and the Rapid Support Forces exchanged artillery fire in Khartoum on Saturday."]
    strike, battle = _main_events(texts, "2024-05-09")
    assert strike["actor2"]["name"] == "Civilians (Ukraine)"
    assert battle["actor2"]["name"] == "Rapid Support Forces"


def test_a_nationality_before_a_force_names_its_country() -> None:
    # With the shipped dictionary, which has no alias "Ugandan security forces": the force is
    # Uganda's, although the story names Kenya as a place
    text = ("Three fishermen were shot dead on a disputed island by Ugandan security forces. "
            "Kenya and Uganda have both claimed the island for years.")
    assert _main_events([text], "2020-05-09")[0]["actor1"]["name"] == "Military Forces of Uganda (1986-)"


def test_an_acled_style_name_is_the_actor_its_full_name_names() -> None:
    # "ABBR: Full Name", two names joined by "/": the full name decides, not the abbreviation
    from frontlines.extract.actors import load_actor_dictionary

    d = load_actor_dictionary()
    assert d.canonical("ULA/AA: United League of Arakan/Arakan Army") == d.canonical("Arakan Army")
    assert d.canonical("SSA-N: Shan State Army-North") == d.canonical("Shan State Army-North")
    assert d.canonical("LeJ: Lashkar-e-Jabbar") is None  # not Lashkar-e-Jhangvi, another "LeJ"


def test_communities_file_follows_its_schema() -> None:
    doc = yaml.safe_load((D / "communities.yaml").read_text(encoding="utf-8"))
    assert doc["version"] == 1
    seen = set()
    for c in doc["communities"]:
        assert set(c) == {"name", "kind", "country", "spellings"}, c
        assert c["kind"] in ("ethnic", "clan", "tribal"), c
        assert iso_ok(c["country"]), c
        assert isinstance(c["spellings"], list) and c["name"].isascii(), c
        assert (c["name"], c["country"]) not in seen, c
        seen.add((c["name"], c["country"]))


def test_a_communitys_armed_men_are_its_militia() -> None:
    # "<community> youths / raiders / herders" who act are ACLED's "<name> Ethnic Militia
    # (<country>)"; two communities sharing one noun are both sides of the battle.
    events = _main_events([
        "Marakwet youths raided a homestead in the valley and shot dead a schoolteacher.",
        "Two herders died when Turkana and Samburu militias exchanged fire over a water point.",
        "Fighting between the Garre and Degodia clans near the border left five dead.",
        "Tiv militias burned three houses in a farming settlement on Tuesday night.",
        "A herder died when Nandi and Luhya groups fought over a boundary marker.",
        # the bare names: who acted, or the sides "between" whom the fighting was
        "Fighting between Orma and Pokomo near the river left two farmers dead.",
        "Samburu raided a manyatta near Baragoi at dawn and drove off 300 goats.",
    ])
    raid, water, clans, houses, boundary, river, manyatta = events
    assert (raid["event_type"], raid["actor1"]["name"], raid["actor1"]["inter"]) == \
        ("Violence against civilians", "Marakwet Ethnic Militia (Kenya)", 4)
    assert water["event_type"] == "Battles"
    assert {water["actor1"]["name"], water["actor2"]["name"]} == \
        {"Turkana Ethnic Militia (Kenya)", "Samburu Ethnic Militia (Kenya)"}
    assert {clans["actor1"]["name"], clans["actor2"]["name"]} == \
        {"Garre Clan Militia (Kenya)", "Degodia Clan Militia (Kenya)"}
    assert houses["actor1"]["name"] == "Tiv Ethnic Militia (Nigeria)"
    assert {boundary["actor1"]["name"], boundary["actor2"]["name"]} == \
        {"Nandi Ethnic Militia (Kenya)", "Luhya Ethnic Militia (Kenya)"}
    assert {river["actor1"]["name"], river["actor2"]["name"]} == \
        {"Orma Ethnic Militia (Kenya)", "Pokomo Ethnic Militia (Kenya)"}
    assert manyatta["actor1"]["name"] == "Samburu Ethnic Militia (Kenya)"
    # a note that names no place is placed in the militia's home country, from its name
    assert (raid["location"]["country_code"], raid["location"]["geo_precision"]) == ("KE", 3)


def test_a_communitys_youths_who_attack_are_its_militia_not_a_mob() -> None:
    # however the parser hangs the headline ("Pokomo youth attack ..." read as one noun
    # phrase, "Turkana youths attack and kill ..." with no subject), the community's youths
    # who attack are its militia, and what they did an attack on civilians
    events = _main_events([
        "Pokomo youth attack traders returning from a cattle market",
        "Turkana youths attack and kill 3 Pokot herders near the river.",
    ])
    for e, name in zip(events, ("Pokomo Ethnic Militia (Kenya)", "Turkana Ethnic Militia (Kenya)")):
        assert (e["event_type"], e["actor1"]["name"]) == ("Violence against civilians", name)


def test_a_crowd_is_never_named_by_the_polices_word() -> None:
    # With the shipped dictionary: whichever side the parse gave the police, the protesters'
    # mention is not "policemen"
    for e in _main_events([
        "Police dispersed a march by nurses outside the ministry.",
        ("A young man was killed in a gunfight between blockade supporters and policemen in the old city on "
         "Monday, the fifth day of the countrywide blockade."),
    ]):
        assert e["actor1"]["inter"] in (5, 6)
        assert "police" not in e["actor1"]["mention"].lower()


def test_a_communitys_members_who_were_hit_are_civilians() -> None:
    # The plain words for a community's men are whom the violence hit when they are its object
    # or a passive's subject: civilians of the community, and the event one-sided.
    shot, killed, ambush = _main_events([
        "Police shot four Maasai herders who had driven cattle onto a ranch.",
        "Three Luo men were hacked to death by a gang in the estate at night.",
        "Raiders ambushed Borana herdsmen at a watering hole and drove off 200 camels.",
    ])
    for event in (shot, killed, ambush):
        assert event["event_type"] == "Violence against civilians", event
        assert event["actor2"]["inter"] == 7, event
    assert not ambush["actor1"]["name"].startswith("Borana")


def test_a_community_of_several_countries_is_read_by_the_storys_country() -> None:
    # The Fulani live across the Sahel: the story's country picks the militia.
    nigeria, mali = _main_events([
        "Fulani herdsmen attacked Bokkos in Plateau State, killing 11 villagers.",
        "Fulani militiamen attacked the village of Ogossagou near Bankass in central Mali.",
    ])
    assert nigeria["actor1"]["name"] == "Fulani Ethnic Militia (Nigeria)"
    assert mali["actor1"]["name"] == "Fulani Ethnic Militia (Mali)"


def test_a_governments_officials_hit_by_violence_are_civilians() -> None:
    # The shipped dictionary gives "officials" and a district commissioner the government's
    # code (inter 1); unarmed, they are civilians when violence hits them (ACLED), and the
    # event is one-sided. Soldiers hit are still a battle's other side.
    ambush, stabbing, troops = _main_events([
        "Gunmen ambushed and killed two local government officials on the road to the market.",
        "A retired district commissioner was attacked and injured over a dispute about his farm.",
        "Gunmen ambushed and killed two soldiers on the road to the market.",
    ])
    assert (ambush["event_type"], ambush["actor2"]["inter"]) == ("Violence against civilians", 7)
    assert stabbing["event_type"] == "Violence against civilians"
    assert troops["event_type"] == "Battles"


def test_a_bystander_of_two_communities_clash_makes_it_a_battle() -> None:
    # The one hit is a bystander (a crowd's word, "student"); the sides "between" whom the
    # clashes were are two communities' militias: a battle, not a riot.
    text = "A student was killed on Monday as clashes between the Orma and Pokomo communities spread to the market."
    (event,) = _main_events([text])
    assert event["event_type"] == "Battles"
    assert {event["actor1"]["name"], event["actor2"]["name"]} == \
        {"Orma Ethnic Militia (Kenya)", "Pokomo Ethnic Militia (Kenya)"}


def test_frontier_corps_and_a_single_assam_rifle_are_their_armies() -> None:
    # "FC" before a force's word is Pakistan's Frontier Corps (not a football club's initials
    # alone), and one "Assam Rifle" is a soldier of India's Assam Rifles.
    fc, rifle, club = _main_events([
        "FC troops raided a hideout near Turbat and killed three militants after a long exchange of fire.",
        "An Assam Rifle was shot dead by insurgents while on patrol near the border.",
        "Fans of Gor Mahia FC rioted outside the stadium after the final whistle.",
    ])
    assert fc["actor1"]["name"].startswith("Military Forces of Pakistan")
    assert rifle["actor2"]["name"].startswith("Military Forces of India")
    assert rifle["event_type"] == "Battles"
    assert not club["actor1"]["name"].startswith("Military Forces")


def test_a_government_counts_for_its_security_measures_not_its_meetings_or_deals() -> None:
    # With the shipped dictionary (its "government" class): a curfew the government imposes
    # is a strategic development; a meeting officials hold, or a trade deal, is not
    texts = ["The government imposed a dusk-to-dawn curfew on the port city on Monday.",
             "Officials held a meeting with bankers to discuss the new budget.",
             "The government and a car maker signed an agreement on a new factory."]
    curfew, meeting, deal = _annotated(texts)
    assert [e["sub_event_type"] for e in curfew["events"]] == ["Change to group/activity"]
    assert meeting["events"] == [] and deal["events"] == []


def test_the_story_country_leaves_out_a_far_namesake() -> None:
    # "Orange" is a town in California and the name of a Kenyan party's house: the protesters
    # outside it are Kenya's, as its police and its capital say
    text = ("Party supporters protested outside Orange House on Monday; Kenyan police watched "
            "them from across the road in Nairobi.")
    event, = _main_events([text], "2020-05-09")
    assert event["location"]["country_code"] == "KE"
    assert event["actor1"]["name"] == "Protesters (Kenya)"


def test_a_country_that_fires_is_its_military() -> None:
    # a country's name as the subject of a verb of force stands for its armed forces, and is
    # not the event's place
    texts = ["Iran fired a dozen missiles at two Iraqi air bases on Wednesday night.",
             "Russia launched drones at the port of Odesa overnight, officials said."]
    iran, russia = _main_events(texts, "2020-05-09")
    assert iran["actor1"]["name"].startswith("Military Forces of Iran")
    assert iran["location"]["country_code"] == "IQ"
    assert russia["actor1"]["name"].startswith("Military Forces of Russia")


def test_forces_loyal_to_a_commander_are_his() -> None:
    event, = _main_events([("Forces loyal to the eastern commander Khalifa Haftar shelled the southern suburbs "
                           "of Tripoli on Sunday.")], "2020-05-09")
    assert event["actor1"]["name"].startswith("Military Forces of Libya (2014-) Haftar Faction")


def test_a_suicide_bomber_is_the_attacker_not_the_police_of_the_place() -> None:
    texts = [("A suicide bomber blew himself up in a crowded mosque inside a police compound in Peshawar on "
             "Monday, killing dozens of people."),
             "Two suicide attackers struck a police post in Bannu at dawn, killing four constables."]
    for event in _main_events(texts, "2020-05-09"):
        assert event["actor1"]["name"] == "Unidentified Armed Group (Pakistan)", event["actor1"]
        assert "suicide" in event["actor1"]["mention"]


def test_whom_the_authorities_blame_or_who_claims_is_the_doer_not_who_speaks() -> None:
    texts = [("A car bomb went off outside a police academy on Thursday, killing nine cadets; the government "
             "blamed the ELN."),
             ("Two car bombs exploded at a busy junction in Mogadishu on Saturday, killing dozens of people. "
             "Al Shabaab claimed the attack."),
             ("Two rockets fell near an embassy in Baghdad late on Sunday without causing casualties, the Iraqi "
             "military said.")]
    eln, shabaab, rockets = _main_events(texts, "2020-05-09")
    assert eln["actor1"]["name"].startswith("ELN")
    assert shabaab["actor1"]["name"] == "Al Shabaab"
    assert rockets["actor1"]["name"] == "Unidentified Armed Group (Iraq)"
