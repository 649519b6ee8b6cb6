"""Choosing the place each mention means, document-wide (one sense per name per document).

Hand-set weights on interpretable features; no trained model. A candidate's score is

    prior        0.45 * log10(population) + feature-class bonus + spelling-match penalty
  + country      W_COUNTRY * share of the document's evidence for the candidate's country
                 (other names' current readings, the dateline, the caller's priors)
  + admin1       W_ADMIN1 * share of the evidence for the candidate's first-order division
                 (a county or town in the state the other places are in)
  + qualifier    "X, Y" or "Y's X" where Y is a country or first-order division containing X
                 (and a small X named so has no reading outside that country), or "the Y town
                 of X" where Y is a country's adjective (then no X outside it, whatever its size)
  + neighbours   other names read nearby (distance) or in the same admin1 area

and the readings are refined for a few rounds, each name seeing the others' current choice.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteer import Candidate, Gazetteer, distance_km
from .normalise import loose_key, name_key
from .recognise import COMMON_WORDS

W_POP = 0.45
FEATURE_BONUS = {"PCLI": 3.0, "CONT": 2.6, "RGN": 3.0, "ADM1": 1.2, "PPLC": 1.2, "ADM2": -0.5}
MATCH_PENALTY = (0.0, -0.8, -1.2, -2.2)  # primary, alternate, loose, fuzzy
W_COUNTRY = 3.0
W_ADMIN1 = 2.0
# A loose or fuzzy spelling match is kept only where the rest of the document (or the
# caller) already points to its country: "Nashwa" in a Syrian story is not Nashua, NH.
MIN_CONTEXT_FOR_LOOSE = 0.08
W_QUALIFIER = 4.5
DIVISION_WORD_PENALTY = 2.0  # a "state" in a country of provinces (or the reverse)
TOWN_HINT_BONUS = 1.0  # "the town of X", "X city": a settlement's reading of the name
SMALL_VILLAGE = 10_000
ROUNDS = 3

# AP-style and postal abbreviations of US states, as qualifiers ("Alexandria, La.").
US_STATE_ABBREV = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS",
    "ky": "KY", "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS",
    "mo": "MO", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "nh": "NH", "nj": "NJ",
    "nm": "NM", "ny": "NY", "nc": "NC", "nd": "ND", "okla": "OK", "ore": "OR", "pa": "PA",
    "ri": "RI", "sc": "SC", "sd": "SD", "tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA",
    "wash": "WA", "wva": "WV", "wis": "WI", "wyo": "WY", "dc": "DC", "d c": "DC",
}
QUAL_GAP = re.compile(r"^\s*,\s*$")
# "the village of Solhan in northern Burkina Faso": what comes between a place and the country or
# region the writer puts it in (also read by ``extract.places`` for a village the gazetteer lacks)
IN_AREA = (r"\s+in\s+(?:the\s+)?(?:(?:far|north|south|east|west|central|[a-z-]*(?:north|south|east|west)ern"
           r"|northeast|northwest|southeast|southwest|remote|rural|neighbouring|neighboring)\s+)?")
IN_GAP = re.compile("^" + IN_AREA + "$", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r"^\s+(?:and|or|&)\s+[A-Z]")
_PAREN_AFTER = re.compile(r"^(?:\s+[a-z]+){0,2}\s*\(([^()]{2,90})\)")  # "X (A, B)", "X village (A, B)"
_ABBREV_AFTER = re.compile(r"^\s*,\s*([A-Z][A-Za-z]{0,4}\.(?:\s?[A-Z]\.)?|[A-Z]{2})\b")
_ADMIN_SUFFIX = re.compile(
    r"\s+(province|governorate|region|state|oblast|county|parish|district|prefecture|city|town|"
    r"village|area|countryside|camp|township|twp\.?|borough|lga)$", re.IGNORECASE,
)
_HINT_AFTER = re.compile(
    r"^\s+(province|governorate|region|state|oblast|prefecture|county|parish|district|city|"
    r"town|village|township|lga)\b", re.IGNORECASE,
)
_HINT_BEFORE = re.compile(
    r"\b(province|governorate|region|state|county|district|city|town|village)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_AREA_PLURALS = r"(counties|provinces|governorates|regions|states|districts|parishes|oblasts|prefectures)\b"
# "Dakota, Otoe and Washington counties", "Idlib and Hama provinces": every name in the list
# is one of those areas.
_LIST_HINT_AFTER = re.compile(
    r"^(?:,\s+[A-Z][\w'’\-]*(?:\s[A-Z][\w'’\-]*)?)*,?\s+(?:and|or)\s+[A-Z][\w'’\-]*"
    r"(?:\s[A-Z][\w'’\-]*)?\s+" + _AREA_PLURALS,
    re.IGNORECASE,
)
_HINT_PLURAL_AFTER = re.compile(r"^\s+" + _AREA_PLURALS, re.IGNORECASE)
_HINTS = {"province": "admin", "governorate": "admin", "region": "admin", "state": "admin",
          "oblast": "admin", "prefecture": "admin", "county": "adm2", "parish": "adm2",
          "district": "adm2", "lga": "adm2", "city": "town", "town": "town", "village": "town",
          "township": "town", "twp": "town", "twp.": "town", "borough": "town"}


def area_word_after(text: str, end: int) -> str:
    """The county or district word right after a name ("Meru county" -> "county"), or ""."""
    m = _HINT_AFTER.match(text[end:end + 16])
    return m.group(1).lower() if m and m.group(1).lower() in {"county", "district"} else ""


def division_word_around(text: str, start: int, end: int) -> str:
    """"state" or "province" when the text calls a name one ("Punjab state", "the province of
    Punjab"), else ""."""
    m = _HINT_AFTER.match(text[end:end + 16]) or _HINT_BEFORE.search(text[max(0, start - 24):start])
    word = m.group(1).lower() if m else ""
    return word if word in {"state", "province"} else ""


@lru_cache(maxsize=512)
def _divisions_called(country: str, word: str) -> bool:
    """Whether a country calls its first-order divisions ``word`` (ISO 3166-2 subdivision types:
    India's are states, Pakistan's provinces, Ethiopia's regional states)."""
    import pycountry

    return any(word in (sub.type or "").lower() for sub in pycountry.subdivisions.get(country_code=country) or ()
               if sub.parent_code is None)


def hint_around(text: str, start: int, end: int) -> str | None:
    """What kind of place the words around a name say it is: "Anbar province" -> "admin",
    "Boone County" -> "adm2", "the city of Hasakah" -> "town"."""
    m = _HINT_AFTER.match(text[end:end + 16])
    if m:
        return _HINTS[m.group(1).lower()]
    m = _HINT_BEFORE.search(text[max(0, start - 24):start])
    if m:
        return _HINTS[m.group(1).lower()]
    m = _HINT_PLURAL_AFTER.match(text[end:end + 16]) or _LIST_HINT_AFTER.match(text[end:end + 160])
    if m:
        word = m.group(1).lower()
        return _HINTS[word[:-3] + "y" if word.endswith("ies") else word[:-1]]
    return None


@dataclass
class Group:
    """All mentions of one name in a document; they share one reading."""

    key: str
    mentions: list[int]
    cands: list[Candidate]
    admin_hint: bool = False  # "X province": a first-order division
    adm2_hint: bool = False  # "X County", "X district"
    town_hint: bool = False  # "X city", "the town of X"
    area_word: str = ""  # "county" of "X county", "district" of "X district"
    division_word: str = ""  # "state" of "X state" or "the state of X", "province" likewise
    qualifiers: set[tuple[str, str]] = field(default_factory=set)  # (cc, a1code or "")
    countries_said: set[str] = field(default_factory=set)  # "the Mozambican town of X": only there
    fixed_weight: float = 1.0  # how much this name counts as country evidence
    nationality: bool = False  # a nationality word ("Israeli"): whose people, not where
    scores: list[float] = field(default_factory=list)
    best: int = -1  # index into cands
    conf: float = 0.0


@lru_cache(maxsize=1)
def _fuzzy_keys(gaz_id: int, gaz: Gazetteer) -> list[str]:
    return gaz.fuzzy_keys()


@lru_cache(maxsize=64)
def _fuzzy_choices(gaz_id: int, gaz: Gazetteer, length: int) -> list[str]:
    """The gazetteer's near-miss keys that a key of ``length`` characters can match at a ratio
    of 91: the ratio's distance is at least the difference in length, so only keys within
    about a fifth of that length can."""
    lo, hi = math.floor(length * 0.83), math.ceil(length * 1.2)
    return [key for key in _fuzzy_keys(gaz_id, gaz) if lo <= len(key) <= hi]


@lru_cache(maxsize=4096)
def _near_miss(gaz: Gazetteer, key: str) -> str | None:
    """The notable place key closest in spelling to ``key`` (ratio >= 91), if any (a few
    milliseconds each: a misspelt name seen before is answered from the cache)."""
    from rapidfuzz import fuzz, process

    hit = process.extractOne(key, _fuzzy_choices(id(gaz), gaz, len(key)), scorer=fuzz.ratio, score_cutoff=91)
    return hit[0] if hit else None


def name_hint(name: str) -> str | None:
    """What kind of place a name's own last word says it is: "Wajir County" -> "adm2",
    "Anbar Province" -> "admin", "Kisumu City" -> "town"."""
    return _hint_of(_ADMIN_SUFFIX.search(name))


def _hint_of(m: re.Match[str] | None) -> str | None:
    """The kind of place an ``_ADMIN_SUFFIX`` match names."""
    return _HINTS.get(m.group(1).lower()) if m else None


def candidates_for(gaz: Gazetteer, name: str, *, fuzzy: bool = True,
                   loose: bool = True) -> tuple[list[Candidate], str | None]:
    """Candidates of a name and the kind of place a trailing word ("province", "County",
    "city") says it is: "admin", "adm2", "town" or None."""
    if name.lower() in COMMON_WORDS:
        loose = fuzzy = False  # an ordinary word is no other spelling of a town ("the U.S. Capitol": not Capitola)
    cands = gaz.candidates(name, loose=loose)
    hint = None
    spelled = name  # "Baramulla district" is spelled as "Baramulla" is: no entry has the word
    m = _ADMIN_SUFFIX.search(name)
    if m:
        hint = _hint_of(m)
        if not cands or all(c.match >= 2 for c in cands):
            stripped = gaz.candidates(name[: m.start()], loose=loose)
            if stripped:
                cands, spelled = stripped, name[: m.start()]
    if any(c.match <= 1 for c in cands):
        # Loose keys only rescue names with no proper match; otherwise they are noise.
        cands = [c for c in cands if c.match <= 1]
    elif cands:
        # A loose key can join unrelated names (Ghouta/Ghoti); keep those still close in
        # spelling to the place's own name.
        from rapidfuzz import fuzz

        key = name_key(spelled)
        cands = [c for c in cands if fuzz.ratio(key, name_key(gaz.name(c.index))) >= 75
                 or loose_key(gaz.name(c.index)) == loose_key(spelled)]
    if not cands and fuzzy and len(name_key(name)) >= 6:
        near = _near_miss(gaz, name_key(name))
        if near:
            cands = [Candidate(c.index, 3) for c in gaz.candidates(near, loose=False)]
    return cands, hint


def _prior(gaz: Gazetteer, c: Candidate, group: Group,
           ppl_countries: dict[str, int]) -> float:
    i = c.index
    fcode = gaz.feature_code(i)
    score = W_POP * math.log10(gaz.population(i) + 10) + FEATURE_BONUS.get(fcode, 0.0)
    score += MATCH_PENALTY[c.match]
    town = ppl_countries.get(gaz.country_code(i))  # the largest town of the name there
    if fcode == "ADM1":
        if group.admin_hint or group.area_word and gaz.name(i).lower().endswith(" " + group.area_word):
            # Kenya's and Liberia's counties and Uganda's districts are first-order divisions
            # ("Meru county" is Kenya's Meru County, not Tanzania's Meru District)
            score += 2.0
        elif group.town_hint or group.adm2_hint:
            score -= 2.0
        elif town is not None and town >= 0.05 * gaz.population(i):
            # A province named after its capital: the bare name usually means the town, the
            # more so when it is a big city. A village of a state's name ("Florida", New York)
            # does not make the state a town.
            score -= 1.0 + (1.5 if town >= 100_000 else 0.0)
    elif fcode == "ADM2":
        if group.adm2_hint:
            score += 2.5
        elif group.town_hint or group.admin_hint:
            score -= 2.0
        elif c.match >= 1:
            # "Washington" alone is not Washington County.
            score -= 1.5
        if town is not None and not group.adm2_hint:
            score -= 1.0
    elif group.town_hint and fcode in {"PPL", "PPLC"}:
        score += TOWN_HINT_BONUS
    return score


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def resolve_groups(gaz: Gazetteer, groups: list[Group], priors: dict[str, float]) -> None:
    """Set ``best``/``conf``/``scores`` of every group, each informed by the others."""
    priors_base: dict[int, list[float]] = {}
    for g in groups:
        # Countries with a town of this very name, and the largest such town there (a big
        # city makes the name mean the town all the more: "New York", "Aleppo", "Baghdad").
        ppl_cc: dict[str, int] = {}
        for c in g.cands:
            pop = gaz.population(c.index)
            if gaz.feature_code(c.index) in {"PPL", "PPLC"} and pop >= 1000 and c.match <= 1:
                cc = gaz.country_code(c.index)
                ppl_cc[cc] = max(ppl_cc.get(cc, 0), pop)
        base = [_prior(gaz, c, g, ppl_cc) for c in g.cands]
        for k, c in enumerate(g.cands):
            i = c.index
            cc, a1, fcode = gaz.country_code(i), gaz.admin1_code(i), gaz.feature_code(i)
            if g.qualifiers and ((cc, "") in g.qualifiers or (cc, a1) in g.qualifiers and fcode != "PCLI"):
                base[k] += W_QUALIFIER
        if g.division_word:
            # "Punjab state" is India's Punjab, "Punjab province" Pakistan's: among divisions of
            # one name, those of a country that calls its divisions so
            called = {k: _divisions_called(gaz.country_code(c.index), g.division_word)
                      for k, c in enumerate(g.cands) if gaz.feature_code(c.index) == "ADM1"}
            if any(called.values()):
                for k, fits in called.items():
                    base[k] -= 0.0 if fits else DIVISION_WORD_PENALTY
        priors_base[id(g)] = base
    _colocation_bonus(gaz, groups, priors_base)
    for g in groups:
        base = priors_base[id(g)]
        g.scores = list(base)
        g.best = max(range(len(base)), key=base.__getitem__) if base else -1
        g.conf = max(_softmax(base)) if base else 0.0

    for _ in range(ROUNDS):
        # Country and admin1 evidence from every group's current reading distribution.
        contrib: list[tuple[dict[str, float], dict[tuple[str, str], float]]] = []
        total: dict[str, float] = defaultdict(float, priors)
        total1: dict[tuple[str, str], float] = defaultdict(float)
        for g in groups:
            d: dict[str, float] = defaultdict(float)
            d1: dict[tuple[str, str], float] = defaultdict(float)
            if g.cands:
                probs = _softmax(g.scores)
                for c, p in zip(g.cands, probs):
                    cc = gaz.country_code(c.index)
                    if cc:
                        d[cc] += p * g.fixed_weight
                        a1 = gaz.admin1_code(c.index)
                        if a1 and a1 != "00":
                            d1[(cc, a1)] += p * g.fixed_weight
            contrib.append((d, d1))
            for cc, w in d.items():
                total[cc] += w
            for k1, w in d1.items():
                total1[k1] += w
        picks = [(g, g.cands[g.best].index) for g in groups if g.best >= 0 and g.conf > 0.4]
        new_scores = []
        for g, (own, own1) in zip(groups, contrib):
            base = priors_base[id(g)]
            mass = sum(total.values()) - sum(own.values()) + 1.0
            scores = []
            for k, c in enumerate(g.cands):
                i = c.index
                cc = gaz.country_code(i)
                share = (total.get(cc, 0.0) - own.get(cc, 0.0)) / mass if cc else 0.0
                s = base[k] + W_COUNTRY * share
                fcode = gaz.feature_code(i)
                if fcode not in {"PCLI", "CONT", "RGN"}:
                    a1 = gaz.admin1_code(i)
                    if a1:
                        k1 = (cc, a1)
                        s += W_ADMIN1 * (total1.get(k1, 0.0) - own1.get(k1, 0.0)) / mass
                    s += _neighbour_bonus(gaz, i, fcode, g, picks)
                scores.append(s)
            new_scores.append(scores)
        for g, scores in zip(groups, new_scores):
            if scores:
                g.scores = scores
                g.best = max(range(len(scores)), key=scores.__getitem__)
                g.conf = max(_softmax(scores))

    # Loose and fuzzy spellings only stand where the document's context supports them, and
    # an alternate name of a town abroad ("Nashwa" is also a name of Nashua, NH) only where
    # the document names nothing else or names that country too.
    # Likewise a village abroad that nothing else in the text points to, in a text about
    # another country ("Tirah" in the Khyber Agency is not the Palestinian village of the name).
    mass_all = sum(total.values())
    reading = {id(g): g.cands[g.best].index if g.best >= 0 else -1 for g in groups}
    for g, (own, _) in zip(groups, contrib if groups else []):
        if g.best < 0:
            continue
        c = g.cands[g.best]
        fcode, pop, cc = gaz.feature_code(c.index), gaz.population(c.index), gaz.country_code(c.index)
        # the evidence of the other names; a nationality counts for its own country's places
        # but not against another's ("an Israeli strike hit a school in Khan Younis")
        foreign = sum(w for h, (d, _) in zip(groups, contrib) if h is not g and h.nationality
                      for k, w in d.items() if k != cc)
        # the same name read again ("the Coast region ... at the Coast") is no support for itself
        twins = [d for h, (d, _) in zip(groups, contrib) if h is not g and reading[id(h)] == c.index]
        mass = mass_all - sum(own.values()) - foreign - sum(w for d in twins for w in d.values())
        others = total.get(cc, 0.0) - own.get(cc, 0.0) - sum(d.get(cc, 0.0) for d in twins)
        if g.qualifiers and fcode in {"PPL", "ADM2"} and cc not in {q[0] for q in g.qualifiers} \
                and (pop < 100_000 or g.countries_said):
            # "Marti, Samburu": the writer said which country; a small Marti elsewhere is not it
            # (nor a big Palma, after "the Mozambican town of")
            unsupported = True
        elif c.match == 0:
            unsupported = fcode == "PPL" and pop < SMALL_VILLAGE and mass >= 2.0 and others < 0.05
        elif c.match == 1 and (fcode not in {"PPL", "ADM2"} or pop >= 500_000):
            unsupported = False
        else:
            support = others / mass if mass > 0 else 0.0
            unsupported = support < MIN_CONTEXT_FOR_LOOSE and (c.match >= 2 or mass > 0.5)
        if unsupported:
            g.best, g.conf = -1, 0.0


W_COLOC = 1.5
COLOC_KM = 0.4  # grid cell in degrees: co-located means in the same or a touching cell
_LOCAL = frozenset({"PPL", "PPLC", "ADM2"})
_AREAS = frozenset({"PCLI", "CONT", "RGN", "ADM1"})


def _colocation_bonus(gaz: Gazetteer, groups: list[Group],
                      priors_base: dict[int, list[float]]) -> None:
    """A named county and a town whose readings meet in one spot ("Paris" and "Henry County": the
    Tennessee town lies in that county) support each other, whichever way their priors lean.
    The support is shared among all the spots where the two names meet, so common pairs
    (a Washington next to a Lincoln happens in many states) count for little."""
    cells: list[dict[tuple[int, int], list[int]]] = []
    for g in groups:
        d: dict[tuple[int, int], list[int]] = {}
        # A name that is also a country or a state ("Georgia", "Jordan") means that
        # area far more often than any small namesake; it lends and takes no support here.
        if any(gaz.feature_code(c.index) in _AREAS and c.match <= 1 for c in g.cands):
            cells.append(d)
            continue
        for k, c in enumerate(g.cands):
            if gaz.feature_code(c.index) in _LOCAL and c.match <= 1:
                lat, lon = gaz.latlon(c.index)
                d.setdefault((int(lat // COLOC_KM), int(lon // COLOC_KM)), []).append(k)
        cells.append(d)
    for a in range(len(groups)):
        if not cells[a]:
            continue
        for b in range(a + 1, len(groups)):
            if not cells[b] or groups[a].key == groups[b].key:
                continue
            # Only a named county or district and a town pin each other down; two bare town
            # names meet by chance too often (a Birmingham next to a Burton in two countries).
            if not (groups[a].adm2_hint or groups[b].adm2_hint):
                continue
            hits_a: set[int] = set()
            hits_b: set[int] = set()
            for (y, x), ks in cells[a].items():
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        kb = cells[b].get((y + dy, x + dx))
                        if kb:
                            hits_a.update(ks)
                            hits_b.update(kb)
            if not hits_a:
                continue
            n = max(len(hits_a), len(hits_b))
            for k in hits_a:
                priors_base[id(groups[a])][k] += W_COLOC / n
            for k in hits_b:
                priors_base[id(groups[b])][k] += W_COLOC / n


def _neighbour_bonus(gaz: Gazetteer, i: int, fcode: str, g: Group,
                     picks: list[tuple[Group, int]]) -> float:
    lat, lon = gaz.latlon(i)
    cc, a1 = gaz.country_code(i), gaz.admin1_code(i)
    bonus = 0.0
    for other, j in picks:
        if other is g:
            continue
        ofc = gaz.feature_code(j)
        if ofc in {"PCLI", "CONT", "RGN"}:
            continue
        if gaz.country_code(j) == cc and gaz.admin1_code(j) == a1 and a1:
            bonus += 0.8 if (ofc == "ADM1" or fcode == "ADM1") else 0.3
        if fcode != "ADM1" and ofc != "ADM1":
            dist = distance_km(lat, lon, *gaz.latlon(j))
            if dist < 100:
                bonus += 0.6
            elif dist < 400:
                bonus += 0.3
    return min(bonus, 2.0)


_KIND_OF_GAP = re.compile(r"^\s+(?:border\s+|frontline\s+|front-line\s+|port\s+|oil\s+|market\s+|mining\s+)?"
                          r"(?:town|city|village|island|port|province|region|district|capital|enclave|settlement|"
                          r"hamlet|county|state|oasis|peninsula)\s+(?:of\s+)?$")
_GENITIVE_GAP = re.compile(r"^['’]s\s+(?:(?:north|south|east|west|upper|lower|central)(?:ern)?\s+)?$", re.IGNORECASE)


def qualifier_before(gaz: Gazetteer, text: str, prev: tuple[int, int] | None, start: int) -> set[tuple[str, str]]:
    """Areas named in the genitive right before a name ("Syria's Idlib", "Assam's Kokrajhar
    district"): countries (cc, "") and admin1 (cc, code), as ``qualifier_after``."""
    if prev is None or not _GENITIVE_GAP.match(text[prev[1]:start]):
        return set()
    return _areas_named(gaz, text[prev[0]:prev[1]])


def country_of_kind_before(gaz: Gazetteer, text: str, prev: tuple[int, int] | None, start: int) -> set[str]:
    """The country whose adjective comes right before the kind of place a name is ("the
    Mozambican town of Palma", "the South Korean island of Yeonpyeong"): the writer says which
    country's place it is, whatever its size elsewhere."""
    if prev is None or not _KIND_OF_GAP.match(text[prev[1]:start]):
        return set()
    return gaz.countries_named(text[prev[0]:prev[1]])


def _areas_named(gaz: Gazetteer, name: str) -> set[tuple[str, str]]:
    """The countries (cc, "") and first-order divisions (cc, code) a name can mean."""
    out: set[tuple[str, str]] = set()
    for c in gaz.candidates(name, loose=False):
        fcode = gaz.feature_code(c.index)
        if fcode == "PCLI":
            out.add((gaz.country_code(c.index), ""))
        elif fcode == "ADM1":
            out.add((gaz.country_code(c.index), gaz.admin1_code(c.index)))
    return out


def qualifier_after(gaz: Gazetteer, text: str, end: int, nxt: tuple[int, int] | None) -> set[tuple[str, str]]:
    """Areas named right after a name as "X, Y" or "X in (northern) Y": countries (cc, "") and
    admin1 (cc, code)."""
    out: set[tuple[str, str]] = set()
    # "Washington, New York and Boston" is a list of three places, not Washington in New York.
    if nxt is not None and (QUAL_GAP.match(text[end:nxt[0]]) or IN_GAP.match(text[end:nxt[0]])) \
            and not _LIST_GOES_ON.match(text[nxt[1]:nxt[1] + 40]):
        out |= _areas_named(gaz, text[nxt[0]:nxt[1]])
    paren = _PAREN_AFTER.match(text[end:end + 100])
    if paren:
        # "Eastleigh (Kamukunji, Nairobi)", "Bara (Ariha, Idleb)": the areas the writer put
        # the place in, smallest first
        for part in (p.strip() for p in paren.group(1).split(",")):
            if not (part.isupper() and len(part) <= 3):  # "TN" is Tamil Nadu as often as Tennessee
                out |= _areas_named(gaz, part)
    m = _ABBREV_AFTER.match(text[end:end + 12])
    if m:
        code = US_STATE_ABBREV.get(name_key(m.group(1)))
        if code:
            out.add(("US", code))
        for c in gaz.candidates(m.group(1), loose=False):  # "Surrey, B.C.", "Dubbo, NSW"
            if gaz.feature_code(c.index) == "ADM1" and c.match <= 1:
                out.add((gaz.country_code(c.index), gaz.admin1_code(c.index)))
    return out
