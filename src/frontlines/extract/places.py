"""Where each event happened: pick one of the document's toponyms (from the geo stage)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from frontlines.geo import GeoContext, distance_km, geo_precision, geoparse, get_gazetteer
from frontlines.geo.recognise import DATELINE_DATE, parenthesised_town
from frontlines.geo.resolve import IN_AREA, hint_around, name_hint
from frontlines.records import Location, Toponym

# Most specific first: a town beats a district, a district beats a region, a region a country.
_SPECIFICITY = {"P": 3.0, "S": 3.0, "L": 2.0, "T": 2.0, "H": 1.5, "V": 1.5, "R": 2.0, "U": 1.0}
_ADMIN = {"ADM1": 1.2, "ADM2": 1.8, "ADM3": 2.2, "ADM4": 2.4, "ADM5": 2.4, "ADMD": 1.8,
          "PCLI": 0.3, "PCL": 0.3, "PCLD": 0.3, "PCLIX": 0.3, "PCLF": 0.3, "PCLS": 0.3,
          "CONT": 0.1, "RGN": 1.0}
# A wire dateline opening the text: "BEIRUT (Levant Wire) - ", "AKCAKALE, Turkey (Wire) - ", "KYIV, Feb 24 (Wire) - ",
# "BAGHDAD: ", "Homs, NTA - ". It names where the reporter filed from, not where things happened.
_DATELINE = re.compile(
    r"\A\s*(?:"
    r"[A-ZÀ-Þ][A-ZÀ-Þ'’.\- ]*[A-ZÀ-Þ.](?:,\s*[A-Z][\w.]+){0,2}" + DATELINE_DATE + r"(?:\s*\([^)\n]{1,40}\))?"
    r"|[A-Z][\w'’.\-]+(?: [A-Z][\w'’.\-]+)?(?:,\s*[A-Z][\w.]+)?" + DATELINE_DATE
    + r"(?:\s*\([^)\n]{1,40}\)|,\s*[A-Z]{2,6})"
    r")\s*(?:[-–—:]|--)\s"
)
# The base of a quoted source ("a monitoring group based in Britain", "the Britain-based monitor").
_BASED_BEFORE = re.compile(r"\b(?:based|headquartered|registered)\s+in\s+(?:the\s+)?$", re.IGNORECASE)
_BASED_AFTER = re.compile(r"^-?\s?(?:based|headquartered)\b", re.IGNORECASE)
# Where people or fighters went, not where the event happened ("fled south towards Raqqa").
_DIRECTION = re.compile(r"\b(?:towards?|heading\s+(?:for|to)|bound\s+for|in\s+the\s+direction\s+of)\s+(?:the\s+)?$",
                        re.IGNORECASE)
# "the village of Solhan in northern ": a settlement named before the area that holds it
_TOWN_IN_AREA = re.compile(
    r"\b(?:village|town|hamlet|settlement|locality|commune|township)\s+of\s+([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})"
    r",?" + IN_AREA)
# a locative right before a name, no article between ("in Kibera", "residents of Utawala")
_LOCATIVE_BARE = re.compile(r"\b(?:in|near|at|outside|into|to|from|of|around|and)\s+$", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|near|at|outside|into|to|from|on|of|around|across|throughout|towards?|vicinity of|outskirts of)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|district|area|province|region|governorate|municipality|state|county)\s+of\s+)?)$",
    re.IGNORECASE,
)

# A place in the genitive before another ("Assam's Kokrajhar district") only says whose part.
_POSSESSIVE = re.compile(r"['’]s\s")
_POSSESSOR = re.compile(r"[A-Z][\w\-]*(?:\s[A-Z][\w\-]*)?['’]s\s+$")

# The towns a road joins ("the Dhaka-Sylhet highway", "Kisii-Bomet road") are its ends, not
# where on it things happened.
_ROAD_WORD = r"\s+(?:national\s+|state\s+)?(?:highway|road|expressway|motorway|railway|rail\s+line)\b"
_ROAD_AFTER = re.compile(r"^(?:\s*[-–]\s*[A-Z][\w'’]+)+" + _ROAD_WORD, re.IGNORECASE)
_ROAD_END_BEFORE = re.compile(r"[A-Z][\w'’]+\s*[-–]\s*$")
_ROAD_END_AFTER = re.compile(r"^" + _ROAD_WORD, re.IGNORECASE)


def _on_road_name(text: str, t: Toponym) -> bool:
    after = text[t.end:t.end + 60]
    return bool(_ROAD_AFTER.match(after)
                or _ROAD_END_BEFORE.search(text[max(0, t.start - 30):t.start]) and _ROAD_END_AFTER.match(after))


def find_toponyms(text: str, spacy_doc: Any, countries: tuple[str, ...] = ()) -> list[Toponym]:
    return [t for t in geoparse(text, spacy_doc=spacy_doc, context=GeoContext(countries=countries))
            if t.place is not None]


def dateline_span(text: str) -> tuple[int, int] | None:
    """Character span of the dateline that opens the text, if there is one."""
    m = _DATELINE.match(text[:90])
    return (m.start(), m.end()) if m else None


def is_dateline(t: Toponym, dateline: tuple[int, int] | None) -> bool:
    # the geo stage may mark its own dateline toponyms; either way counts
    return bool(getattr(t, "dateline", False)) or (dateline is not None and dateline[0] <= t.start < dateline[1])


def is_source_base(t: Toponym, text: str) -> bool:
    """The place is where a quoted source sits ("based in Britain", "London-based")."""
    return bool(_BASED_BEFORE.search(text[max(0, t.start - 30):t.start]) or _BASED_AFTER.match(text[t.end:t.end + 10]))


# A nationality word before the people or things it describes ("Ugandan security forces",
# "British nationals", "a Chinese company", "the US dollar") says who or whose, not where.
_FORCES_PREFIX = r"^-?\s*(?:(?:security|armed|special|border|government|state|military)\s+){0,2}"
_WHOSE_AFTER = re.compile(
    _FORCES_PREFIX + r"(?:forces|troops|"
    r"soldiers|army|military|police|militants?|raiders|gunmen|fighters|nationals?|citizens?|"
    r"companies|company|firms?|owned|dollars?|embassy|consulate|diplomats?|officials?|"
    r"authorities|warplanes|jets|drones?|navy|air[\s-]?strikes?|strikes?|air[\s-]?raids?|shelling|artillery|missiles?|"
    r"bombardment|aircraft|helicopters?|pirates?|herders|traders|tourists?|investors?|"
    r"journalists?|workers|ministers?|president|envoy|force|rebels|bandits|militia|militiamen|attackers|"
    r"rustlers|tribesmen|smugglers|refugees?|migrants?|cleric|vehicles?|trucks?|lorries|registration|"
    # people one by one ("a British man", "a Ugandan MP", "Somali Islamists", "cattle rustlers")
    r"man|men|woman|women|boy|girl|child|children|family|couple|national|businessman|businessmen|"
    r"MPs?|lawmakers?|priests?|nuns?|students?|teachers?|doctors?|engineers?|fishermen|drivers|"
    r"hostages?|aid\s+workers?|contractors?|guards?|peacekeepers?|Islamists?|origin|descent|natives?|"
    r"flags?|(?:foreign|prime|home|defen[cs]e)\s+minister|(?:rebel|militant|terror|armed)\s+(?:groups?|outfits?)|"
    r"(?:cattle|ethnic|armed|suspected|young)\s+(?:rustlers|raiders|militia|militiamen|gunmen|men|youths?))\b",
    re.IGNORECASE,
)


# Where the people came from ("raiders from neighbouring Ethiopia", "militia from Somalia").
_FROM_BEFORE = re.compile(r"\b(?:raiders|militia|militiamen|gunmen|bandits|rustlers|fighters|attackers|"
                          r"militants|herders|tribesmen|men|group)\s+from\s+(?:neighbou?ring\s+)?(?:the\s+)?$",
                          re.IGNORECASE)


def describes_someone(t: Toponym, text: str) -> bool:
    """A country named by its adjective or initials right before an actor or an owner, or
    as where attackers came from: the event's place is elsewhere ("Ugandan raiders attack
    Kenyan villages", "bandits from Ethiopia raided a village")."""
    if not is_country_level(t) or t.place is None:
        return False
    if _FROM_BEFORE.search(text[max(0, t.start - 40):t.start]):
        return True
    return t.text != t.place.name and bool(_WHOSE_AFTER.match(text[t.end:t.end + 40]))


# The country across a border ("near the border with Uganda", "bordering Niger"): where the
# event was not, or not only.
_BORDER_WITH_BEFORE = re.compile(r"\b(?:borders?\s+with|bordering)\s+(?:the\s+)?$", re.IGNORECASE)
# "near the Ethiopian border"; but "inside the Kenyan border" is in Kenya, "a Kenyan border town"
# and "Myanmar border guard police" are Kenya's and Myanmar's, and a border of two ("the
# Uganda-Kenya border") is on either side
_BORDER_AFTER = re.compile(r"^\s+border\b(?!\s+(?:towns?|villages?|guards?|police|force|forces|security|"
                           r"posts?|outposts?|district|county|region|areas?|points?|crossings?)\b)", re.IGNORECASE)
_INSIDE_BEFORE = re.compile(r"\b(?:inside|within)\s+(?:the\s+)?$", re.IGNORECASE)
# a country's mission abroad ("outside the United States Consulate", "India's High Commission")
_MISSION_AFTER = re.compile(r"^(?:['’]s)?\s+(?:embassy|consulate|high\s+commission)\b", re.IGNORECASE)


def is_bearing(t: Toponym, text: str) -> bool:
    """A country named as what the event's place borders ("Bunagana, on the border with
    Uganda", "a village near the Ethiopian border") or as whose mission it is ("outside the
    United States Consulate"): a bearing, not the event's country."""
    if not is_country_level(t):
        return False
    before = text[max(0, t.start - 30):t.start]
    return bool(_BORDER_WITH_BEFORE.search(before) or _MISSION_AFTER.match(text[t.end:t.end + 30])
                or _BORDER_AFTER.match(text[t.end:t.end + 30]) and not _INSIDE_BEFORE.search(before))


# Of the people a nationality word describes, those who act at home: soldiers and police.
_HOME_FORCES_AFTER = re.compile(
    _FORCES_PREFIX + r"(?:forces|troops|"
    r"soldiers|army|military|police|policemen|personnel|rangers|paramilitaries|paramilitary)\b",
    re.IGNORECASE,
)


def describes_home_forces(t: Toponym, text: str) -> bool:
    """A country named by its adjective right before its soldiers or police ("two Thai
    soldiers"), who, unlike its nationals, firms or aircraft, act mostly at home."""
    return describes_someone(t, text) and bool(_HOME_FORCES_AFTER.match(text[t.end:t.end + 40]))


def is_place_name(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a place (then it is not an unknown actor)."""
    return get_gazetteer().has_key(name)


def is_country_level(t: Toponym) -> bool:
    fc = (t.place.feature_code or "") if t.place else ""
    return fc.startswith("PCL") or fc in ("CONT", "RGN")


def specificity(t: Toponym) -> float:
    p = t.place
    if p is None:
        return 0.0
    fc = p.feature_code or ""
    if fc in _ADMIN:
        return _ADMIN[fc]
    if fc.startswith("PCL"):
        return 0.3
    if fc.startswith("ADM"):
        return 2.0
    return _SPECIFICITY.get(fc[:1], 2.5) if fc else 2.5


# A town this far from every other place a text names, in a country none of them is in, is the
# gazetteer's namesake of a place it lacks (see ``drop_far_strays``).
STRAY_KM = 1000.0
# How sure the geo stage was of a reading (``Toponym.score``): below WEAK_READING it was
# unsure, from SURE_READING on it is taken as said.
WEAK_READING = 0.5
SURE_READING = 0.9


def drop_far_strays(specific: list[Toponym], countries: list[Toponym], text: str,
                    known: frozenset[str] = frozenset()) -> list[Toponym]:
    """The text's towns and areas (``specific``) without the far namesakes of towns the gazetteer
    lacks. A town is one when its reading is the only place of its country in the text (no
    country-level place of ``countries`` names it, nor is it in ``known``, the countries of the
    text's actors and words; the same name said twice is one place), it lies over ``STRAY_KM``
    from every other place, and those agree on one country and are two names, or one name
    whose country is also named or is its actors', or an area the text calls one ("Diyala
    province", "Lamu county" even where the gazetteer reads the town) or names as the town's
    ("Samboko village (Mambasa, Nord-Kivu)"; not for a capital, whose name is rarely a
    village's). With no other town, a reading the geo stage was unsure of (``WEAK_READING``)
    over ``STRAY_KM`` from the one country the text names, by its name, is one too.

    "Mansura" in a story about Raqqa is a Syrian village, not Egypt's city; "Irobo village,
    Shinyalu, Kakamega county" is in Kenya, not Ivory Coast. A story of two far countries
    keeps both ("protesters in London marched over the strikes on Gaza")."""
    located = [(t, t.place) for t in specific
               if t.place is not None and t.place.lat is not None and t.place.lon is not None]
    listed = {t.place.country_code for t in countries if t.place is not None}
    named = listed | known
    # the one country the text names, by its name and surely that country ("Russian drones" say
    # whose drones, not where; "Georgia" may be a US state)
    home = next((u.place for u in countries if u.place is not None and u.score >= SURE_READING
                 and u.text.lower() == u.place.name.lower()), None) if len(listed) == 1 else None
    out = []
    for t in specific:
        p = t.place
        if p is None or p.lat is None or p.lon is None or (p.feature_code or "").startswith("ADM") \
                or p.country_code in named \
                or any(u.text.lower() != t.text.lower() and q.country_code == p.country_code for u, q in located):
            out.append(t)
            continue
        others = [(u, q) for u, q in located if q.country_code != p.country_code]
        if not others and home is not None and t.score < WEAK_READING and p.feature_code != "PPLC" \
                and home.lat is not None and home.lon is not None \
                and distance_km(p.lat, p.lon, home.lat, home.lon) > STRAY_KM:
            # no other town, but the one country the text names is far away, and the gazetteer
            # was unsure of this reading ("Palma in northern Mozambique" is not Majorca's)
            continue
        other_country = {q.country_code for _, q in others}
        # what speaks for the other country: its places by name, the country itself named, its actors
        evidence = len({u.text.lower() for u, _ in others}) \
            + (len(other_country) == 1 and bool(other_country & listed)) \
            + (len(other_country) == 1 and bool(other_country & known))
        # (a capital's name is rarely a village's: a name the gazetteer reads as a town does not
        # outweigh it by being called an area, "Mogadishu-Karan district")
        backed = evidence >= 2 or any(
            _called_an_area(u, text) and ((q.feature_code or "").startswith("ADM") or p.feature_code != "PPLC")
            or p.feature_code != "PPLC" and _contains(u, t, text) for u, q in others)
        far = all(distance_km(p.lat, p.lon, q.lat, q.lon) > STRAY_KM for _, q in others)  # type: ignore[arg-type]
        if not (backed and far and len(other_country) == 1):
            out.append(t)
    return out


# What comes between a town and the area said to hold it: "Samboko village (Mambasa, Nord-Kivu)",
# "Kom, Isiolo", "Waqf in Diyala".
_CONTAINER_GAP = re.compile(r"[^.;:!?\n()]{0,30}(?:,|\(|\bin|\bof)\s*")


def _contains(area: Toponym, town: Toponym, text: str) -> bool:
    """An administrative area named just after a town as the area that holds it."""
    fc = (area.place.feature_code or "") if area.place else ""
    return fc.startswith("ADM") and town.end <= area.start and bool(_CONTAINER_GAP.fullmatch(text, town.end, area.start))


def _called_an_area(t: Toponym, text: str) -> bool:
    """An administrative area the text itself calls one, by the geo stage's words for areas:
    "Diyala province", "Wajir County", "the district of Kupwara"; also when the gazetteer read
    the name as the area's main town ("Lamu county": the town of Lamu)."""
    areas = ("admin", "adm2")
    return hint_around(text, t.start, t.end) in areas or name_hint(t.text) in areas


def dominant_country(toponyms: list[Toponym]) -> str | None:
    counts = Counter(t.place.country_code for t in toponyms if t.place and t.place.country_code)
    return counts.most_common(1)[0][0] if counts else None


def pick_location(toponyms: list[Toponym], text: str, start: int, end: int, *,
                  bonus: dict[int, float] | None = None, strict: bool = False) -> Location | None:
    """The event's place: toponyms inside its evidence span first, else the nearest before it.

    Inside the span, the most specific place wins, with a bonus for "in X" / "near X" /
    "the town of X" (the place of the event rather than the origin of an actor), plus
    ``bonus[t.start]`` from the caller (the object of the event's verb). ``strict``: only
    the span itself, no looking around.
    """
    inside = [t for t in toponyms if start <= t.start < end]
    if not inside and strict:
        return None
    if not inside:
        before = [t for t in toponyms if t.end <= start]
        after = [t for t in toponyms if t.start >= end]
        if before:
            inside = [max(before, key=lambda t: t.start)]
        elif after:
            # the place is sometimes named only later ("... In Kanpur, two police ...")
            inside = [min(after, key=lambda t: t.start)]
        else:
            return None

    def score(t: Toponym) -> float:
        s = specificity(t)
        before = text[max(start, t.start - 40):t.start]
        owner = _POSSESSOR.search(before)
        if owner:  # "in Assam's Kokrajhar district": the locative is Kokrajhar's
            before = before[:owner.start()]
        if _DIRECTION.search(before) or _on_road_name(text, t):
            s -= 1.5
        elif _LOCATIVE.search(before) and not _POSSESSIVE.match(text[t.end:t.end + 3]):
            s += 1.0
        if bonus:
            s += bonus.get(t.start, 0.0)
        # ACLED-style notes put the place in parentheses after a town: "X (Y, Z)" -> X
        s -= 0.001 * (t.start - start) / max(1, end - start)
        return s

    best = max(inside, key=score)
    assert best.place is not None
    sent = text[start:end] if start <= best.start < end else text[best.start:best.end]
    precision = geo_precision(best, sent)
    code = best.place.feature_code or ""
    town = parenthesised_town(text, best.start, best.end, single=code.startswith("ADM"))
    if town is None and code.startswith("PPL"):
        # a town alone in the parenthesis places the name before it when a locative leads to
        # that name ("in Mtongwe (Mombasa)", "residents of Utawala (Nairobi)"); a party's or a
        # movement's name has none ("Members of the Shiromani Akali Dal (Amritsar)")
        town = parenthesised_town(text, best.start, best.end, single=True)
        if town is not None and not _LOCATIVE_BARE.search(text, max(0, town[0] - 30), town[0]):
            town = None
    if town is not None and not any(t.start < town[1] and town[0] < t.end for t in inside) \
            and not get_gazetteer().countries_named(text[town[0]:town[1]]):
        # "Tieba (Bankass, Mopti)" with a Tieba the gazetteer lacks: the event is in Tieba,
        # placed as ACLED places it, by the area that holds it (near a town: precision 2)
        return Location(place=best.place, mention=text[town[0]:town[1]], geo_precision=max(2, precision))
    if code.startswith(("PCL", "ADM")):
        # "the village of Solhan in northern Burkina Faso", a Solhan the gazetteer knows only
        # abroad: the event is in that village, on the map at the area the text puts it in
        m = _TOWN_IN_AREA.search(text, max(0, best.start - 80), best.start)
        if m is not None and m.end() == best.start and not any(t.start < m.end(1) and m.start(1) < t.end for t in toponyms):
            return Location(place=best.place, mention=m.group(1), geo_precision=max(2, precision))
    return Location(place=best.place, mention=best.text, geo_precision=precision)


def country_location(country: str, mention: str) -> Location | None:
    """A location known only as a country (ISO alpha-2), at region precision, at the country's
    point; None for a code the gazetteer does not know."""
    try:
        return Location(get_gazetteer().country(country), mention, 3)
    except KeyError:
        return None


def pinned_to_seat(loc: Location | None) -> Location | None:
    """An event known only at province or county level keeps that area as its place but is
    pinned where ACLED pins such events: the area's main town, geo-precision 3 (see
    ``Gazetteer.seat``). A map point in the middle of a province would be nowhere in particular."""
    if loc is None or loc.geo_precision != 3 or loc.place.feature_code not in {"ADM1", "ADM2"}:
        return loc
    seat = get_gazetteer().seat(loc.place)
    if seat is None:
        return loc
    return Location(replace(loc.place, lat=seat.lat, lon=seat.lon), loc.mention, loc.geo_precision)
