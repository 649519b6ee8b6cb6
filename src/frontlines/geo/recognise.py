"""Finding place-name mentions in text: NER entities, datelines, capitalised gazetteer names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontlines.timewords import MONTHS, WEEKDAYS

from .gazetteer import Gazetteer, get_gazetteer

# Capitalised English words that are also names of places; taken as places only when the
# document supports them (same country as its other places) or spaCy tags them a place.
COMMON_WORDS = frozenset({
    "a", "about", "according", "added", "afp", "after", "again", "against", "agency", "all",
    "allah", "also", "amazon", "an", "and", "any", "ap", "apple", "april", "are", "army", "as",
    "at", "august", "avenue", "back", "bath", "bay", "bbc", "be", "beach", "because", "been",
    "before", "being", "best", "between", "big", "bishop", "both", "but", "by", "call", "can",
    "captain", "center", "centre", "chief", "christ", "christian", "church", "city", "cnn",
    "college", "colonel", "come", "commander", "company", "congress", "could", "council", "county",
    "court", "day", "december", "department", "did", "district", "do", "does", "down", "dr",
    "during", "each", "early", "east", "eden", "even", "every", "facebook", "february", "first",
    "five", "for", "former", "four", "friday", "friendship", "from", "general", "get", "give",
    "globe", "go", "god", "good", "goodwill", "google", "governor", "great", "group", "guardian",
    "had", "has", "have", "he", "her", "herald", "here", "hill", "hills", "him", "his", "home",
    "hope", "hospital", "house", "how", "however", "i", "if", "imam", "in", "independence", "into",
    "is", "islam", "island", "islands", "it", "its", "january", "jesus", "journal", "july", "june",
    "just", "king", "kingdom", "know", "lake", "last", "late", "liberty", "lieutenant", "like",
    "little", "long", "lord", "made", "mail", "major", "make", "man", "many", "march", "may",
    "mayor", "me", "meanwhile", "media", "might", "minister", "ministry", "mobile", "monday",
    "more", "most", "mount", "mr", "mrs", "ms", "much", "muslim", "must", "my", "new", "news",
    "next", "nice", "no", "north", "not", "november", "now", "october", "of", "off", "office",
    "officer", "old", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own",
    "paradise", "park", "part", "party", "people", "police", "pope", "post", "president", "prince",
    "princess", "province", "queen", "reading", "region", "republic", "reuters", "river", "road",
    "said", "sale", "same", "saturday", "say", "says", "school", "see", "senate", "senator",
    "september", "sergeant", "several", "she", "sheikh", "should", "since", "sir", "so", "some",
    "south", "st", "star", "state", "states", "still", "street", "such", "sun", "sunday", "take",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "three", "through", "thursday", "time", "times", "to", "today", "told", "too", "tribune",
    "tuesday", "twitter", "two", "under", "union", "unity", "university", "up", "us", "valley",
    "very", "victoria", "was", "way", "we", "wednesday", "well", "were", "west", "what", "when",
    "where", "which", "while", "who", "why", "will", "with", "would", "year", "years", "yet",
    "you", "your",
    # Ordinary English words that are also the names of small towns somewhere ("Chamber of
    # Commerce", "National Guard and Reserve", "Metro police"): as a capitalised word inside
    # another name they are almost never the town.
    "academy", "airport", "area", "assembly", "bell", "bridge", "camp", "canyon", "capitol",
    "central", "chamber", "christmas", "coast", "commerce", "commons", "concord", "creek", "crystal",
    "delta", "desert", "diamond", "earth", "eastern", "energy", "enterprise", "falls",
    "federal", "forest", "free", "gateway", "glacier", "gold", "golden", "grove", "guard",
    "hall", "harbor", "harbour", "harmony", "heights", "industry", "liberal", "marine",
    "market", "meadow", "mercury", "metro", "midwest", "mission", "moon", "national", "navy",
    "northeast", "northern", "northwest", "opportunity", "orient", "parkway", "plaza", "point",
    "prairie", "progress", "reserve", "ridge", "royal", "security", "shore", "silver", "ski",
    "southeast", "southern", "southwest", "springs", "square", "standard", "station", "success",
    "summit", "supreme", "temple", "titan", "tower", "town", "trail", "victory", "village", "welcome",
    "western", "wing", "woodlands", "woods", "continental", "democrat", "democrats", "eagle",
    "green", "mound", "republican", "republicans", "rodeo", "superior",
    # Words of an address: "Colonia Las Flores" (a neighbourhood in Mexico), "Sector 17".
    "colonia", "sector",
    # Abbreviated titles, cut from their dot ("Sen. Jon Husted").
    "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cpl", "supt",
})
# Last words of an institution's or a firm's name: in "Sarah Bush Lincoln Hospital" or
# "Clarke County Superior Court" only a leading name ("Clarke County") can be its place.
_INSTITUTION_END = re.compile(
    r"\s(?:Hospital|Court|School|Academy|Corp\.?|Corporation|Company|Co\.|Inc\.?|Foundation|"
    r"Center|Centre|Church|University|College|Institute|Museum|Library|Bank|Club|Association|"
    r"Society|Committee|Party|League|Construction|Dinner|Supper|Festival|Award|Awards)$")

_DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|central|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|"
    r"southeast|southwest|upper|lower|greater|downtown|rural|suburban|outer|inner)\s+)",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:the\s+)", re.IGNORECASE)
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")
# "BEIRUT (AP) -", "RAMADI, Iraq —", "WASHINGTON —", "KYIV, Feb 24 (Reuters) -" at the start of a text, of a line or
# right after a headline that lost its line break ("... in Roanoke. ROANOKE -- Former ...").
# A wire dateline's date: "KYIV, Feb 24 (Reuters) -", "GOMA, Congo, Nov. 20, 2012 (AP) --".
DATELINE_DATE = (r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
                 r"(?:,?\s+\d{4})?)?")
_DATELINE = re.compile(
    r"(?m)(?:^|(?<=[.!?]\s))\s*([A-Z][A-Z'’.\- ]{2,40}?)(?:,\s*([A-Z][A-Za-z.\- ]{1,30}?))?" + DATELINE_DATE + r"\s*"
    r"(?:\((?:[A-Za-z .&/-]{1,30})\))?\s*(?:[-—–:]|--)\s"
)
_CAP_SEQ = re.compile(
    # "as", "an" and "at" join only as an article ("Ras al-Ain", "Tal as-Samman"): "Minister
    # X at Jalandhar" is two names
    r"\b[A-Z][\w'’.\-]*(?:\s+(?:(?:al|el|ad|ar|az|ash|de|of|la|le|du|des|del|da|do|dos|"
    r"upon|on|the)[\s\-]|(?:as|an|at)-)?(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w'’\-]*))*"
)
_SENT_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n\s*)$")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# Cues around a name that say it is a person, a street or a building, not a place
# ("Sheriff Brown", "Brown said", "Augusta St."), or that it is a place ("in Brown").
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Judge|Justice|Coach|coach|Sheriff|Sen|Senator|Rep|Gov|Governor|"
    r"Officer|Sgt|Sergeant|Lt|Capt|Captain|Chief|Det|Detective|Deputy|Mayor|President|"
    r"Commissioner|Councilman|Councilwoman|Attorney|Pastor|Rev|Father|Sister|Brother|Prof|"
    r"Professor|Superintendent|Principal|Trooper|Director|Chairman|Chairwoman|Manager|Agent|"
    r"Cpl|Pfc|Spc|Gen|Col|Maj|Adm|Sir|Lady|Lord|Dame|Saint)\.?\s+$"
)
_TITLE_WORDS = frozenset(re.findall(r"[A-Z][a-z]+", _TITLE_BEFORE.pattern)) | {
    "Police", "Spokesman", "Spokeswoman", "Spokesperson", "Councilor", "Councillor",
    "Selectman", "Clerk", "Coroner", "Treasurer", "Prosecutor", "Administrator", "Engineer"}
# A "person" the model read that ends in a word of a place's own ("Embu Town", "Imphal West
# district", "Rajshahi Campus", "Delhi Police"): the name before it is the place.
_PLACE_PART_END = re.compile(
    r"\s(?:Town|City|East|West|North|South|Central|Campus|Junction|Bazaar|Bazar|Bazzar|"
    r"Market|Constituency|[Dd]istrict|Police|Range|Municipality|Sadar|Upazila|Tehsil|Agency|Division)$")

_BODY_WORDS = frozenset({
    "academy", "airport", "board", "church", "city", "college", "council", "county",
    "department", "district", "fire", "historic", "hospital", "library", "park", "parks",
    "police", "recreation", "school", "schools", "township", "university"})
_SAID_AFTER = re.compile(
    r"^(?:['’]s?)?,?\s+(?:said|says|told|added|explained|noted|stated|asked|wrote|testified|"
    r"agreed|pleaded|recalled|admitted|replied|answered|insisted|argued|continued|declined|"
    r"who|whose)\b"
)
_STREET_AFTER = re.compile(
    r"^\s+(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Lane|Ln|Pike|Highway|Hwy|"
    r"Route|Parkway|Pkwy|Ct|Circle|Pl|Trail|Terrace|Crescent|Alley|"
    r"street|avenue|boulevard|lane)\b"  # "along Moi avenue": notes write streets in lower case too
)
# A sentence may begin with the preposition ("In Sopore, ..."), hence the capital allowed.
_PREP_BEFORE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ff]rom|to|of|[Oo]utside|[Aa]cross|[Tt]oward|[Tt]owards|[Tt]hrough|"
    r"into|[Aa]round|[Bb]etween|and|via|visit|visited|visiting)\s+(?:the\s+)?$"
)
_IN_BEFORE = re.compile(r"\b(?:[Ii]n|[Nn]ear|[Oo]utside|into)\s$")
_CONTRACTION = re.compile(r"^[A-Z][a-z]?['’](?:ll|d|ve|re|m|s|t)$")


def person_words(doc: Any, text: str) -> frozenset[str]:
    """Words that name people in this document: the parts of multi-word PERSON entities
    ("Farrin Brown" -> Farrin, Brown), or with no model, capitalised pairs next to "said"
    or after a title. A lone "Brown said" later in the text is the same person."""
    out: set[str] = set()
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                words = [w.strip(".,'’") for w in ent.text.split()]
                # "Alexandria Police Chief Earl Cook", "McMinn County Sheriff Steve Frisbie":
                # the words before a title are the office's place, not the person's name.
                titled = [k for k, w in enumerate(words) if w in _TITLE_WORDS]
                if titled:
                    words = words[titled[-1] + 1:]
                if any(w.lower() in _BODY_WORDS for w in words):
                    continue  # "Litchfield Fire", "Lawrenceburg Parks": an office mistaken for a person
                if len(words) > 1:
                    out.update(words)
        return frozenset(w for w in out if w[:1].isupper())
    from spacy.lang.en.stop_words import STOP_WORDS

    gaz = get_gazetteer()
    first = first_names()

    def plain_words(a: str, b: str) -> bool:
        # "The Moscow Times", "Fargo City", "Decatur Democrat", "Columbus Metropolitan":
        # a function word, an office or a common word makes the pair something else.
        return (a.lower() in STOP_WORDS or b.lower() in _BODY_WORDS or b.lower() in COMMON_WORDS
                or b in _TITLE_WORDS)

    def add(a: str, b: str) -> None:
        out.add(b)
        if a.lower() in first or not gaz.has_key(a):  # "Fargo" of "Fargo Mayor X said" is the town
            out.add(a)

    for m in re.finditer(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)(?=(?:,\s+\d+,|,?\s+(?:said|says|told)\b))",
                         text):
        if not plain_words(*m.groups()):
            add(*m.groups())
    # "George Bush", "Dan Adkins", "Cathy Shannon": a first name before a capitalised word makes
    # a person's name, unless either word is a country, a state or a big city ("Austin Texas"),
    # or the pair is itself a place name ("Glen Carbon"). Overlapping pairs (a lookahead), so
    # that "Rodney Eric Smith" yields Eric-Smith as well.
    for m in re.finditer(r"\b(?=([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?((?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b)",
                         text):
        a, b = m.group(1), m.group(2)
        if a.lower() in first and not plain_words(a, b) and not gaz.has_key(f"{a} {b}") \
                and not _prominent(gaz, a) and not _prominent(gaz, b):
            out.add(b)
            if not _big_town(gaz, a):  # "Columbus", "Austin": given names and big cities
                out.add(a)
    for m in re.finditer(r"\b(?:said|says|told)\s+([A-Z][a-z]+) ([A-Z][a-z]+)\b", text):
        if not plain_words(*m.groups()):
            add(*m.groups())
    return frozenset(out)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names, lower case, from gender-guesser's dictionary (about 60,000, many countries)."""
    from gender_guesser.detector import Detector

    return frozenset(Detector(case_sensitive=False).names)


def _big_town(gaz: Gazetteer, word: str) -> bool:
    return any(gaz.population(c.index) >= 500_000 for c in gaz.candidates(word, loose=False)
               if c.match == 0)


def _prominent(gaz: Gazetteer, word: str) -> bool:
    """A country, a continent, or a state or city of a million: a name that means the place
    even beside a given name ("Austin Texas"). A parish of the Isle of Man called "Michael"
    or a Uruguayan department called "Flores" does not make "Michael Flores" a place."""
    return any(gaz.feature_code(c.index) in {"PCLI", "CONT", "RGN"} or gaz.population(c.index) >= 1_000_000
               for c in gaz.candidates(word, loose=False) if c.match == 0)


def not_a_place_cue(text: str, start: int, end: int, persons: frozenset[str]) -> bool:
    """Whether the words around a name say it is a person, a street or an abbreviation
    used as an ordinary word ("I'll", "Miss Smith")."""
    name = text[start:end]
    if _CONTRACTION.match(name):
        return True
    if name in persons and not local_body_after(text, end) or _TITLE_BEFORE.search(text[max(0, start - 20):start]):
        # a word the model put in a person's name is a town where its police or its people
        # follow ("the Kalaigaon police station")
        return True
    return bool(_STREET_AFTER.match(text[end:end + 14]))


def said_after(text: str, end: int) -> bool:
    return bool(_SAID_AFTER.match(text[end:end + 16]))


def place_cue_before(text: str, start: int) -> bool:
    return bool(_PREP_BEFORE.search(text[max(0, start - 16):start])) or _taken_before(text, start)


def in_before(text: str, start: int) -> bool:
    """The strict form of ``place_cue_before``: "in X", "near X", "outside X" only; or a
    place taken in a fight ("seized Palmyra", "recaptured Saraqeb")."""
    return bool(_IN_BEFORE.search(text[max(0, start - 12):start])) or _taken_before(text, start)


_TAKEN_BEFORE = re.compile(
    r"\b(?:seized|captured|recaptured|retook|retaken|overran|overrun|stormed|liberated|"
    r"raided|shelled|bombed|pounded|besieged|"
    r"(?:air\s?)?(?:strikes?|attacks?|assault|raids?|offensive)\s+on|"
    r"(?:shelling|bombardment|bombing|siege)\s+of)\s$")


def _taken_before(text: str, start: int) -> bool:
    """Whether the name is what a fight took or hit ("seized Palmyra", "a strike on Khan
    Younis", "the shelling of Kharkiv")."""
    return bool(_TAKEN_BEFORE.search(text[max(0, start - 24):start]))


# Words that make the next name a settlement whatever the model tagged it ("the town of Ain
# Issa", "took control of Tal Abyad", "the outskirts of X").
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:town|city|village|villages|district|province|governorate|suburb|neighbou?rhood|"
    r"outskirts|control|capital|border town|port|port city|residents|inhabitants|villagers|"
    # the officials of a town or district ("the Deputy Commissioner of Tamenglong")
    r"commissioner|collector|magistrate|mayor)"
    r"\s+of\s+(?:the\s+)?$", re.IGNORECASE
)


def settlement_cue_before(text: str, start: int) -> bool:
    return bool(_SETTLEMENT_BEFORE.search(text[max(0, start - 30):start]))


# A town's own bodies named after it ("Berea police", "the Crestwood Board of Education",
# "Aleppo city council", "Kandahar governor") and its people ("a Winona man", "two Homs
# residents"): the name before them is a settlement.
_LOCAL_BODY_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:police|sheriff|mayor|city\s+council|city\s+hall|town\s+council|"
    r"village\s+council|municipal\s+council|municipality|board\s+of\s+(?:education|selectmen|"
    r"aldermen|supervisors|finance)|fire\s+department|fire\s+chief|school\s+district|"
    r"township\s+committee|residents?|governor|natives?|(?:man|woman|men|women|boy|girl|teen|"
    r"teenager|couple|family)\b(?!\s+(?:of|who)\b))\b",
    re.IGNORECASE,
)


def local_body_after(text: str, end: int) -> bool:
    return bool(_LOCAL_BODY_AFTER.match(text[end:end + 40]))


@dataclass
class Mention:
    """A candidate place-name span; ``how`` says which recogniser proposed it."""

    start: int
    end: int
    text: str
    how: str  # ner, norp, dateline, gazetteer, given
    label: str | None = None


def clean_span(text: str, start: int, end: int, gaz: Gazetteer | None = None) -> tuple[int, int]:
    """Trim "the", possessives, punctuation and (when the rest is a known name) directions."""
    s = text[start:end]
    m = _LEADING.match(s)
    if m and len(s) > m.end():
        start += m.end()
        s = text[start:end]
    stripped = s.rstrip(" .,;:!?)\"”’'")
    m2 = _TRAILING.search(stripped)
    if m2 and len(stripped) > len(m2.group(0)):
        stripped = stripped[: m2.start()]
    end = start + len(stripped)
    lead = len(s) - len(s.lstrip(" (\"“‘'"))
    start += lead
    s = text[start:end]
    m = _DIRECTION.match(s)
    if m and gaz is not None and len(s) > m.end() and not gaz.has_key(s):
        start += m.end()
    return start, end


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENT_START.search(text[max(0, start - 4):start])) or start == 0


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def dateline_spans(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Spans of the dateline's place names ("BEIRUT (AP) -", "RAMADI, Iraq -"): the
    reporter's location, which is not necessarily where the story's events happened."""
    out: list[tuple[int, int]] = []
    for m in _DATELINE.finditer(text[:400]):
        word = m.group(1).strip(" .-")
        if word.isupper() and len(word) >= 3 and gaz.has_key(word) and word.lower() not in COMMON_WORDS:
            s = m.start(1) + m.group(1).index(word)
            out.append((s, s + len(word)))
            if m.group(2):
                out.append((m.start(2), m.start(2) + len(m.group(2).rstrip(" ."))))
        break  # only the first line-initial dateline counts
    return out


def dotted_area(gaz: Gazetteer, name: str) -> bool:
    """"U.S.", "S.C.", "D.C.": a dotted abbreviation of a country or first-order division
    (unlike bare capitals, "AP", "ISIS", which are mostly acronyms of organisations); and the
    few undotted acronyms the gazetteer lists for a country or a union ("UK", "UAE", "EU")."""
    kinds = {"PCLI", "ADM1"} if "." in name else {"PCLI", "CONT"}
    return any(gaz.feature_code(c.index) in kinds for c in gaz.candidates(name, loose=False))


_DOTTED = re.compile(r"(?:^|\b)(?:[A-Z]\.){2,}$")


def _country_initials(gaz: Gazetteer, name: str) -> bool:
    """"US" in capitals is the country, not the pronoun."""
    return name.isupper() and len(name) <= 3 and dotted_area(gaz, name)


# "of the" in Spanish, Portuguese and Italian names: the one word after it ends the name
# ("Jardines del Sur", "Vila do Mar"); after a bare "de" a town may follow ("Universidad de León").
_ARTICLE_OF = frozenset({"del", "la", "las", "los", "do", "da", "dos", "das", "della", "dello"})


def known_parts(gaz: Gazetteer, text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The longest known names inside a capitalised run that is not itself a name
    ("Syrian Democratic Forces" -> "Syrian", "University of Mosul" -> "Mosul")."""
    # Hyphens part names as spaces do ("Washington-Moscow", "Athens-Clarke", "U.S.-led").
    words = [(m.start() + s, m.end() + s) for m in re.finditer(r"[^\s\-‐–]+", text[s:e])]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        for n in range(min(4, len(words) - k), 0, -1):
            ws, we = words[k][0], words[k + n - 1][1]
            if not _DOTTED.search(text[ws:we]):  # "U.S." keeps its last dot
                we = ws + len(text[ws:we].rstrip(".,'’"))
            name = text[ws:we]
            if n == 1 and k > 0 and text[words[k - 1][0]:words[k - 1][1]] in _ARTICLE_OF:
                continue  # "Colonia Jardines del Sur": a common noun ending the name, not Sur in Oman
            if name[:1].isupper() and (name.lower() not in COMMON_WORDS and len(name) >= 3
                                       or _country_initials(gaz, name)) \
                    and not (name.isupper() and len(name) <= 4 and not dotted_area(gaz, name)) \
                    and gaz.has_key(name):
                out.append((ws, we))
                k += n
                break
        else:
            k += 1
    return out


# (not when the city is named after it: "the Burundian capital Bujumbura" is Bujumbura, whatever
# the gazetteer calls the capital now)
_CAPITAL_OF = re.compile(r"\bthe\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:['’]s)?\s+capital\b(?!\s+(?:of|city\s+of)\b)(?!,?\s+[A-Z])")
_AFFILIATION = re.compile(r"[,(]\s?(?:D|R|I|DFL)-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})")
_ADMIN_WORD_END = re.compile(r"\s(?:County|Parish|Province|Governorate|District|Oblast|LGA)$")
_NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY",
                        "LANGUAGE"})
# Words a date or a time is written with: a "date" with none of them and no digit is a name the
# model misread ("a raid near Turbat" tagged DATE).
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset({
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today", "tomorrow",
    "yesterday", "tonight", "morning", "evening", "night", "afternoon", "noon", "midnight", "dawn",
    "dusk", "week", "weeks", "weekend", "month", "months", "year", "years", "decade", "century",
    "season", "spring", "summer", "autumn", "fall", "winter", "eid", "ramadan", "ramzan", "christmas",
    "easter", "diwali", "holi", "ashura", "muharram", "navratri", "puja", "hanukkah", "passover",
    "nowruz", "new", "day", "days", "hours", "hour", "era", "ago", "last", "next", "this", "early",
    "late", "mid", "the"
})


def _false_date(ent: Any) -> bool:
    """A DATE or TIME entity that no date or time word or digit makes one."""
    return ent.label_ in ("DATE", "TIME") and not any(ch.isdigit() for ch in ent.text) \
        and not any(t.lower_ in _DATE_WORDS for t in ent)


_LEADING_PREPOSITION = re.compile(r"(?:In|At|Near|From|Outside|Across)\s+(?=[A-Z])")


def _cap_runs(text: str, ents: list[tuple[int, int, str]]) -> Iterator[tuple[int, int]]:
    """Capitalised runs, cut where a date or number begins ("in Clinton April 4" -> "Clinton")
    and after a person's name followed by "of" ("Steven Sachs of Alexandria" -> "Alexandria":
    the local-news way of saying where someone lives)."""
    for m in _CAP_SEQ.finditer(text):
        s, e = clean_span(text, m.start(), m.end())
        lead = _LEADING_PREPOSITION.match(text, s, e)
        if lead and _sentence_initial(text, s):
            # "In Toba Tek Singh, ...": the sentence's first word is no part of the name (inside
            # a sentence a capital "At" is an article: "via At Turbah")
            s = lead.end()
        for x0, x1, label in ents:
            if not (x0 < e and s < x1):
                continue
            if label in _NOT_NAMES and x0 <= s < x1 < e:
                # a date that opens the run ("April. University of Nairobi"): the name is
                # what follows it
                s = x1 + len(text[x1:e]) - len(text[x1:e].lstrip(" .,;:"))
            elif label in _NOT_NAMES or (label == "PERSON" and x0 > s and " " in text[x0:x1].strip()):
                # "Alexandria Police Spokeswoman Ashley Hill": the person is not part of the
                # name. A one-word "person" ("Residents of Muhoroni") may be a mislabelled town.
                e = min(e, x0) if x0 > s else s
            elif label == "PERSON" and x0 <= s and " " in text[x0:x1].strip():
                rest = re.match(r"['’]?s?\s+of\s+", text[x1:e])
                if rest:
                    s = x1 + rest.end()
        if text[s:e].endswith("-based"):
            e -= len("-based")  # "a Sligo-based group"
        if tail := _LOWER_TAIL.search(text, s, e):
            e = tail.start()  # cut before a date: "into Khan Younis on Tuesday"
        # a possessive ends a name: "North Kashmir's Handwara town" is two places
        for a, b in _possessive_parts(text, s, e):
            a, b = clean_span(text, a, b)
            if b > a:
                yield a, b


_LOWER_TAIL = re.compile(r"(?:\s+[a-z][\w'’]*)+\s*$")
_POSSESSIVE_S = re.compile(r"['’]s\s+(?=[A-Z])")


def _possessive_parts(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    start = s
    for m in _POSSESSIVE_S.finditer(text, s, e):
        yield start, m.start()
        start = m.end()
    if e > start:
        yield start, e


_QUALIFIED = re.compile(r"([A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,2})(?:, | \()([A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,2})\)?")


def _qualified_place(gaz: Gazetteer, span: str) -> bool:
    """An entity of the model's that is a place and its area: "Alagoinha, Pernambuco" read as
    a work of art, "Ludhiana (Punjab" or "Kutulo, Wajir" as an organisation. Its names are
    then read one by one like any capitalised name."""
    m = _QUALIFIED.fullmatch(span.strip())
    return bool(m) and gaz.has_key(m.group(2))


_AREA_WORD_AFTER = re.compile(r"^\s+(?:district|town|city|village|county|area|division|upazila|tehsil|taluka|"
                              r"mandal|sub-county|province|state|department|region|governorate|municipality|prefecture)\b",
                              re.IGNORECASE)
_IN_OR_OWNER_BEFORE = re.compile(r"(?:\b(?:[Ii]n|[Nn]ear|[Aa]t|Outside|From)|['’]s)\s+$")


def _placed_in_name(text: str, s: int, e: int) -> bool:
    """One capitalised word inside a longer name the model tagged an organisation is read as
    a place when the words say it is one: "the Bhubaneswar district Congress committee",
    "Narathiwat's Chanae district", "the Health office in Sira" (not "Smith, Barker and Sons")."""
    return bool(_AREA_WORD_AFTER.match(text[e:e + 16]) or _IN_OR_OWNER_BEFORE.search(text[max(0, s - 10):s]))


def _town_not_tongue(gaz: Gazetteer, name: str) -> bool:
    """A town of 10,000 or more by exactly this name, and no country whose people or language
    the word may be ("English", "French"): "in Sangrur" and not "in English"."""
    exact = [c.index for c in gaz.candidates(name, loose=False) if c.match == 0]
    return not any(gaz.feature_code(i).startswith("PCL") for i in exact) and any(
        gaz.feature_code(i).startswith(("PPL", "ADM")) and gaz.population(i) >= 10_000 for i in exact)


# A place name's lower-case middle words: "San Jose del Monte", "Puerto de la Cruz".
_PARTICLE_TAIL = re.compile(r"(?:\s+(?:del|de|la|las|los|do|da|dos|das|di|el)){1,2}\s+[A-Z][\w'’\-]*")


def _reduplicated(text: str, s: int, e: int) -> bool:
    """A name repeated after a hyphen in lower case ("Barangay Gaya-gaya"): one word of a
    local name (Austronesian names double words so), not the town the first half spells."""
    m = re.match(r"[\-‐–]([\w'’]+)", text[e:])
    return m is not None and m.group(1).lower() == text[s:e].lower()


# The town a parenthesis places: its capitalised words, an alias in square brackets after it
# ("Sambonaye [Sambonay] (Dori, Seno)"); a sentence's opening "In" or "On" is not part of it.
_TOWN_BEFORE = re.compile(r"([A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,3})\s*(?:\[[^\]\n]*\])?\s*$")
_NOT_OF_A_NAME = frozenset({"In", "On", "At", "Near", "The", "From", "Around", "Outside"})


def parenthesised_town(text: str, start: int, end: int, *, single: bool = False) -> tuple[int, int] | None:
    """The span of the town that a "Town (District, Province)" parenthesis places, when the
    name at ``start:end`` is one of the parenthesis's two parts ("Tieba (Bankass, Mopti)": Tieba
    for Bankass or Mopti); None when the name is not in such a parenthesis. ``single``: a
    parenthesis of the area alone counts too ("Inates (Tillaberi)"; the caller knows the name
    is an area's, which a one-part parenthesis does not say: "Myanmar (Burma)")."""
    a = text.rfind("(", max(0, start - 45), start + 1)
    b = text.find(")", end, end + 45)
    if a < 0 or b < 0 or "\n" in text[a:b]:
        return None
    parts = [p.strip() for p in text[a + 1:b].split(",")]
    if len(parts) not in ((1, 2) if single else (2,)) or text[start:end] not in parts \
            or not all(p[:1].isupper() for p in parts):
        return None
    m = _TOWN_BEFORE.search(text, max(0, a - 60), a)
    if m is None:
        return None
    words = list(re.finditer(r"\S+", m.group(1)))
    while words and words[0].group(0) in _NOT_OF_A_NAME:
        words.pop(0)
    if not words:
        return None
    return m.start(1) + words[0].start(), m.end(1)


def find_mentions(text: str, doc: Any, gaz: Gazetteer) -> list[Mention]:
    """Place-name mentions in reading order (non-overlapping).

    With ``doc`` (a spaCy Doc of ``text``) NER entities lead and the gazetteer adds names the
    model missed; with ``doc=None`` (the fast mode, no model run) capitalised runs are matched
    against the gazetteer alone, parts of runs included, and the resolver's acceptance rules
    (``parse._accept``) carry the whole burden of telling places from other names.
    """
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, how: str, label: str | None = None) -> None:
        if e > s and not _overlaps((s, e), taken) and not _reduplicated(text, s, e):
            found.append(Mention(s, e, text[s:e], how, label))
            taken.append((s, e))

    for s, e in dateline_spans(text, gaz):
        add(s, e, "dateline")
    for m in _CAPITAL_OF.finditer(text):
        # "the Syrian capital", "Sudan's capital": the capital city, named by its country.
        countries = gaz.countries_named(m.group(1))
        if len(countries) == 1 and gaz.capital_index(next(iter(countries))) is not None:
            add(m.start(1), m.end(), "capital", next(iter(countries)))
    for m in _AFFILIATION.finditer(text):
        # "Sen. Tony Strickland, R-Moorpark": a US legislator's party and home town or state.
        s, e = clean_span(text, m.start(1), m.end(1))
        if gaz.has_key(text[s:e]):
            add(s, e, "gazetteer", "affiliation")

    other_ents: list[tuple[int, int, str]] = []
    for ent in (doc.ents if doc is not None else ()):
        if ent.label_ in PLACE_LABELS:
            s, e = clean_span(text, ent.start_char, ent.end_char, gaz)
            joined = re.match(r"[\-–]\w[\w'’]*", text[e:])
            if joined and gaz.has_key(text[s:e + joined.end()]):
                e += joined.end()  # the model stopped at the hyphen of "Guinea-Bissau"
            longer = _PARTICLE_TAIL.match(text[e:])
            if longer and gaz.has_key(text[s:e + longer.end()]):
                e += longer.end()  # the model stopped before the "del" of "San Jose del Monte"
            ends = [(a.start(), a.end()) for a in re.finditer(r"[^\s\-–]+", text[s:e])] \
                if re.search(r"\w[\-–]\w", text[s:e]) else []
            if len(ends) > 1 and not gaz.has_key(text[s:e], loose=True) \
                    and all(gaz.has_key(text[s + a:s + b]) for a, b in ends):
                # "the Abuja-Kaduna highway": a road between two towns, each of them a place
                for a, b in ends:
                    add(s + a, s + b, "gazetteer", "route")
                continue
            if " " in text[s:e] and not gaz.has_key(text[s:e], loose=True):
                # "the Boone County Jail", "Mosul Dam": the model's span runs past the name;
                # the known name inside it is the place ("Boone County").
                parts = known_parts(gaz, text, s, e)
                if parts and parts[0][0] == s:
                    # Only a leading name: in "City Hall" or "Glacier National Park" the
                    # known word ("Hall", "Glacier") names nothing. When the rest is a name
                    # of its own ("Shahi Khel", "Yae Shin"), the whole is likely one unknown
                    # place, and its first word must earn its reading as a part does.
                    rest = re.findall(r"[\w'’]+", text[parts[0][1]:e])
                    if all(w.lower() in COMMON_WORDS or w.lower() in _BODY_WORDS or not w[:1].isupper()
                           or _INSTITUTION_END.search(" " + w) for w in rest):
                        add(*parts[0], "ner", ent.label_)
                    else:
                        add(*parts[0], "gazetteer", "part")
                    continue
                inner = re.search(r"\s(?:in|at|near|of)\s+$", text[s:parts[-1][0]]) if parts else None
                if inner and parts[-1][1] == e:
                    # "the Golden Temple in Amritsar": a building in a town, the town named last
                    add(*parts[-1], "ner", ent.label_)
                    continue
            add(s, e, "ner", ent.label_)
        elif ent.label_ in {"NORP", "ORG", "PERSON"}:
            # The small model calls "Uttar Pradesh" an ORG and "Punjab" a NORP; a span that
            # is exactly the name of a country or first-order division is taken as a place.
            s, e = clean_span(text, ent.start_char, ent.end_char, gaz)
            # A person's name can be a country's ("Jordan") or a state's ("Georgia") but
            # hardly a two-word state's ("Tamil Nadu said").
            kinds = {"PCLI", "ADM1", "CONT"}
            if ent.label_ == "PERSON":
                kinds = {"PCLI", "ADM1"} if " " in text[s:e] else {"PCLI"}
            names = [text[s:e]]
            if m := _ADMIN_WORD_END.search(text[s:e]):
                kinds = {"PCLI", "ADM1", "ADM2"}  # "McMinn County", "Bassa LGA" tagged a person
                names.append(text[s:s + m.start()])
            if any(gaz.feature_code(c.index) in kinds
                   for n in names for c in gaz.candidates(n, loose=False)):
                add(s, e, "norp", ent.label_)
            elif not _qualified_place(gaz, text[s:e]):
                other_ents.append((ent.start_char, ent.end_char, ent.label_))
        elif ent.label_ == "LANGUAGE" and " " not in ent.text and in_before(text, ent.start_char) \
                and _town_not_tongue(gaz, ent.text):
            # the small model calls an unfamiliar town a language ("in Sangrur, Punjab")
            add(ent.start_char, ent.end_char, "gazetteer", "mislabelled")
        elif _false_date(ent):
            continue  # a name the model read as a date: the gazetteer decides below
        elif ent.label_ in _NOT_NAMES or not _qualified_place(gaz, text[ent.start_char:ent.end_char]):
            other_ents.append((ent.start_char, ent.end_char, ent.label_))

    # Capitalised names the model missed or mislabelled.
    for s, e in _cap_runs(text, other_ents):
        if _overlaps((s, e), taken):
            continue
        inside = [x for x in other_ents if x[0] < e and s < x[1]]
        # A multi-word person or organisation ("Jordan Peterson", "Aleppo University") is not
        # a place; a single mislabelled word ("Palmyra" as PERSON) may be.
        if any(x[2] == "PERSON" and len(text[x[0]:x[1]].split()) > 1 and not _PLACE_PART_END.search(text[x[0]:x[1]])
               for x in inside) \
                and not settlement_cue_before(text, s) \
                and not (in_before(text, s) and gaz.has_key(text[s:e])):  # "in Qila Saifullah"
            continue
        # In an organisation's name the place inside it is kept ("University of Mosul"):
        # the news means the place as its seat.
        org = any(x[2] in {"ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
                  and len(text[x[0]:x[1]].split()) > 1 for x in inside)
        if any(x[2] in _NOT_NAMES for x in inside):
            continue
        words = re.split(r"[\s\-‐–]+", text[s:e].strip())
        name = " ".join(text[s:e].split())
        low = name.lower()
        parts = [(s, e)]
        if len(words) > 4 or (low in COMMON_WORDS or len(name) < 3) and not _country_initials(gaz, name) \
                or name.isupper() and len(name) <= 4 and not dotted_area(gaz, name) \
                or not gaz.has_key(name, loose=doc is None and len(words) > 1
                                   or len(words) == 1 and in_before(text, s)) or org:
            # (one word after "in" or "near" may be a town's other spelling: "in Baramulla")
            if len(words) < 2 and not (org and _placed_in_name(text, s, e)):
                continue
            parts = known_parts(gaz, text, s, e)
            if doc is None and _INSTITUTION_END.search(name):
                parts = parts[:1] if parts and parts[0][0] == s else []
            if " " not in name and (s, e) not in parts and parenthesised_town(text, s, e) is not None:
                continue  # "Ngarbuh (Donga-Mantung, North-West)": the district's whole name, none of its parts
        for ps, pe in parts:
            # Sentence-initial capitals carry no signal; the resolver demands prominence then.
            label = "initial" if _sentence_initial(text, ps) else None
            if any(x[2] in {"PERSON", "ORG"} for x in inside):
                label = "mislabelled"
            elif (ps, pe) != (s, e):
                label = "part"
            add(ps, pe, "gazetteer", label)

    found.sort(key=lambda m: m.start)
    return found
