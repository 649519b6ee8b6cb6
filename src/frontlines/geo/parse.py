"""``geoparse``: place names in a text, resolved to GeoNames entries; the CLI line contract."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import BadInput
from ..records import Toponym
from .gazetteer import Candidate, Gazetteer, get_gazetteer
from .normalise import loose_key, name_key
from .recognise import (
    COMMON_WORDS,
    Mention,
    clean_span,
    dateline_spans,
    find_mentions,
    first_names,
    in_before,
    known_parts,
    local_body_after,
    not_a_place_cue,
    parenthesised_town,
    person_words,
    place_cue_before,
    said_after,
    settlement_cue_before,
)
from .resolve import (
    QUAL_GAP,
    TOWN_HINT_BONUS,
    US_STATE_ABBREV,
    Group,
    area_word_after,
    candidates_for,
    country_of_kind_before,
    division_word_around,
    hint_around,
    qualifier_after,
    qualifier_before,
    resolve_groups,
)

PRIOR_WEIGHT = 2.0  # a caller's country prior counts like two unambiguous names
DATELINE_WEIGHT = 3.0


@dataclass(frozen=True)
class GeoContext:
    """What the caller already knows about where a document is about."""

    countries: tuple[str, ...] = ()  # ISO alpha-2: the outlet's country, the dateline, ...


def _accept(gaz: Gazetteer, m: Mention, g: Group, text: str = "",
            elsewhere: frozenset[str] = frozenset()) -> bool:
    """Whether a name found only by the gazetteer (not NER) is kept as a place. ``elsewhere``:
    the countries the document's other places, actors and words point to."""
    if m.how != "gazetteer":
        return True
    if g.best < 0:
        return False
    i = g.cands[g.best].index
    pop, fcode = gaz.population(i), gaz.feature_code(i)
    gain = g.scores[g.best] - _base_prior_estimate(gaz, i)  # what the context added
    if g.town_hint and fcode in {"PPL", "PPLC"} and elsewhere and gaz.country_code(i) not in elsewhere:
        # "the village of Moura" in a story about Mali: "village of" is the name's reading, not
        # context for Portugal's Moura
        gain -= TOWN_HINT_BONUS
    if fcode in {"PCLI", "ADM1", "CONT", "RGN"}:
        return True
    if m.label == "affiliation":
        return gaz.country_code(i) == "US"
    if g.cands[g.best].match == 0 and parenthesised_town(text, m.start, m.end) is not None:
        # one half of the "Town (District, Province)" parenthesis ACLED-style notes put after a
        # place: "near Sambonaye (Dori, Seno)" (``resolve`` reads it as the town's qualifiers)
        return True
    if fcode == "ADM2" and g.cands[g.best].match != 0:
        return g.adm2_hint  # "Otoe" only as one of "Dakota, Otoe and Washington counties"
    if fcode == "PPL" and g.cands[g.best].match != 0 and pop < 100_000 \
            and not (place_cue_before(text, m.start) or local_body_after(text, m.end)):
        # Only an old or other name of a small town ("Wilkinson" is also a name of Putnam,
        # Connecticut): a surname or a firm unless the sentence calls it a place.
        return False
    # GeoNames gives no population for some towns (0 = unknown, not empty): those need the
    # document's context to stand, like a small town does.
    known = pop >= 1_000 or pop == 0
    if known and fcode.startswith("PPL") and settlement_cue_before(text, m.start):
        # "the town of X": a settlement the document's context does not reject, or the only
        # place of that name there is; with no context either way, the rules below decide
        # ("Residents of Kisumu": a city of 400,000 beside its county of the same name; "Residents
        # of Tuticorin", the one town of that other name, unless the text is elsewhere: "the
        # Milano area of Malindi town" is not Milan)
        own_name = {c.index for c in g.cands if c.match == 0}
        any_name = {c.index for c in g.cands if c.match <= 1}
        if gain > 0.0 or len(own_name) == 1 \
                or len(any_name) == 1 and (not elsewhere or gaz.country_code(i) in elsewhere):
            return True
        if gain < 0.0:
            return False
    if known and fcode.startswith("PPL") and (g.town_hint or g.adm2_hint) and g.cands[g.best].match == 0 \
            and (not elsewhere or gaz.country_code(i) in elsewhere):
        # "X town", "X village", "X district" (named after its town): the town of that name,
        # unless the rest of the text is somewhere else ("Rajapur village ... Jhenidah
        # district" is not India's Rajapur)
        return True
    if known and fcode.startswith("PPL") and local_body_after(text, m.end):
        return gain > 0.0 or pop >= 1_000  # "Berea police": a town of some size is enough
    if m.label == "initial":
        return pop >= 200_000 or (gain > 2.0 and known)
    if " " not in m.text and pop < 100_000 and m.text.lower() in first_names() \
            and not place_cue_before(text, m.start) and not local_body_after(text, m.end):
        return gain > 1.5  # "Linda", "Keith", "Earl": a given name unless the text says otherwise
    after_in = m.label == "mislabelled" and in_before(text, m.start) and text[m.end:m.end + 2] not in {"'s", "’s"}
    home = gaz.country_code(i) in elsewhere if elsewhere else known
    # a name that towns of many countries bear, none of them where the text is ("shelled Bara
    # ... of Idleb" is none of the Baras of Nigeria, India, Romania or Sweden)
    common_abroad = not home and bool(elsewhere) and pop < 100_000 and len(
        {gaz.country_code(c.index) for c in g.cands if c.match == 0}) >= 3
    if after_in and not common_abroad and (known and pop >= 10_000 or g.cands[g.best].match == 0 and home):
        # "in Clinton": the preposition outweighs the model's "person"; so for a small town by
        # its own name ("In Jumla, the police ...", "shots near Naberezhne" in a text about
        # Ukraine) where nothing else in the text is abroad
        return True
    if m.label == "part" and g.cands[g.best].match != 0:
        # "Cano" of "Cano Raya" is an old name of Kano only in a Nigerian story; a city's
        # other spelling after "in" ("in Ar-Raqqa") is the city
        return gain > 1.0 or pop >= 200_000 and in_before(text, m.start)
    if m.label in {"mislabelled", "part"}:
        return pop >= 50_000 or (gain > 1.0 and known)
    if g.cands[g.best].match == 0 and pop >= 2_000 and in_before(text, m.start):
        return True  # "traders in Watamu": a town of some size, by its own name, after "in"
    return pop >= 30_000 or (gain > 1.0 and known)


def _plausible(gaz: Gazetteer, text: str, m: Mention, g: Group, persons: frozenset[str],
               tagged: frozenset[str]) -> bool:
    """Whether a resolved name still reads as a place in its sentence: a town's name
    used as a surname ("Brown said", "Sheriff Lincoln"), a street ("Augusta St.") or a
    state abbreviation as an ordinary word ("Miss", "Wash") is dropped."""
    i = g.cands[g.best].index
    fcode = gaz.feature_code(i)
    name = m.text
    if fcode in {"PCLI", "CONT"}:
        return not name.endswith(("'ll", "’ll", "'d", "’d"))
    if not_a_place_cue(text, m.start, m.end, persons):
        return False
    if len(name) == 2 and name.isupper() and fcode == "ADM1" and g.cands[g.best].match != 0 \
            and not re.search(r"[a-z.]\s*,\s*$", text[max(0, m.start - 4):m.start]):
        return False  # a postal code ("MD", "AL") is a state only after a town: "Mobile, AL"
    if fcode == "PPL" and said_after(text, m.end) and not in_before(text, m.start) \
            and not (place_cue_before(text, m.start) and gaz.population(i) >= 100_000):
        # "Brown, who ..." is a person; "teachers in Panchkula who clashed" are in a town, and
        # "fighting in Idlib and Hama continued" in a city.
        return False
    if len(name) <= 5 and not name.isupper() and name_key(name) in US_STATE_ABBREV \
            and text[m.end:m.end + 1] != ".":
        return False
    if m.label == "mislabelled" and fcode == "PPL":
        # The model called it a person or an organisation; a town needs some support:
        # a big place, the model tagging the same name a place elsewhere, "in X", "X, Y".
        return (gaz.population(i) >= 100_000 or name in tagged or place_cue_before(text, m.start)
                or local_body_after(text, m.end) or g.town_hint or g.adm2_hint  # "X district"
                or bool(re.match(r",\s+[A-Z]", text[m.end:m.end + 3])))
    return True


def _base_prior_estimate(gaz: Gazetteer, i: int) -> float:
    import math

    from .resolve import FEATURE_BONUS, W_POP

    return W_POP * math.log10(gaz.population(i) + 10) + FEATURE_BONUS.get(gaz.feature_code(i), 0.0)


def _resolve(text: str, mentions: list[Mention], gaz: Gazetteer,
             context: GeoContext | None) -> list[Group | None]:
    """Group mentions by name, resolve all groups together; per mention its group."""
    priors: dict[str, float] = {}
    for cc in (context.countries if context else ()):
        if cc:
            priors[cc.upper()] = priors.get(cc.upper(), 0.0) + PRIOR_WEIGHT
    by_name: dict[str, Group] = {}  # spelling and hint -> its group
    by_loose_key: dict[str, Group] = {}  # loose key and hint -> the first group read under it
    created: list[Group] = []
    per_mention: list[Group | None] = []
    area_of_previous: set[int] = set()  # mentions that are the "Y" of an "X, Y"
    for k, m in enumerate(mentions):
        # One sense per document, also across spellings (Hasakah ... Hasakeh).
        key = loose_key(m.text) or name_key(m.text)
        if not key:
            per_mention.append(None)
            continue
        # "Hasakah province" and "the city of Hasakah" are two places in one document.
        hint = hint_around(text, m.start, m.end)
        spelling = f"{name_key(m.text)}|{hint}"
        g = by_name.get(spelling)
        if g is None and m.how == "capital":
            capital = gaz.capital_index(m.label or "")
            g = Group(key, [], [Candidate(capital, 0)] if capital is not None else [])
            created.append(g)
        elif g is None:
            cands, name_hint = candidates_for(gaz, m.text, fuzzy=m.how in {"ner", "given"},
                                              loose=m.how != "gazetteer" or not gaz.has_key(m.text))
            g = _spelling_of(by_loose_key.get(f"{key}|{hint}"), cands)
            if g is None:
                g = Group(key, [], cands)
                created.append(g)
                by_loose_key.setdefault(f"{key}|{hint}", g)
                kind = name_hint or hint
                g.admin_hint, g.adm2_hint, g.town_hint = (kind == "admin", kind == "adm2",
                                                          kind == "town")
                g.area_word = area_word_after(text, m.end)
                g.division_word = division_word_around(text, m.start, m.end)
        by_name[spelling] = g
        g.mentions.append(k)
        if k in area_of_previous:
            g.admin_hint = True  # "Tacoma, Washington": the state, not the capital
        nxt = (mentions[k + 1].start, mentions[k + 1].end) if k + 1 < len(mentions) else None
        prev = (mentions[k - 1].start, mentions[k - 1].end) if k > 0 else None
        quals = qualifier_after(gaz, text, m.end, nxt)
        said = country_of_kind_before(gaz, text, prev, m.start)
        g.countries_said |= said
        g.qualifiers |= quals | qualifier_before(gaz, text, prev, m.start) | {(cc, "") for cc in said}
        if quals and nxt is not None and QUAL_GAP.match(text[m.end:nxt[0]]) and any(
                (gaz.country_code(c.index), gaz.admin1_code(c.index)) in quals for c in g.cands):
            area_of_previous.add(k + 1)
        if m.how == "dateline":
            g.fixed_weight = DATELINE_WEIGHT
        elif m.how == "gazetteer" and m.label:
            g.fixed_weight = 0.5
        if m.how == "norp" and m.label == "NORP":
            g.nationality = True
        per_mention.append(g)
    resolve_groups(gaz, created, priors)
    return per_mention


def _spelling_of(group: Group | None, cands: list[Candidate]) -> Group | None:
    """The group a new spelling of an already-read name joins: "Hasakeh" after "Hasakah".
    A spelling that is a name of its own ("Tunis" after "Tunisia", whose loose keys meet)
    joins only when its own entries are all among the group's."""
    if group is None:
        return None
    own = {c.index for c in cands if c.match <= 1}
    return group if own <= {c.index for c in group.cands} else None


def _toponym(gaz: Gazetteer, m: Mention, g: Group | None) -> Toponym:
    if g is None or g.best < 0:
        return Toponym(m.start, m.end, m.text, None, 0.0)
    return Toponym(m.start, m.end, m.text, gaz.place(g.cands[g.best].index), g.conf)


def geoparse(text: str, spans: list[tuple[int, int]] | None = None, *, spacy_doc: Any = None,
             context: GeoContext | None = None, fast: bool = False) -> list[Toponym]:
    """Place names in ``text`` resolved to gazetteer entries.

    Without ``spans`` the names are found (spaCy entities, datelines, capitalised gazetteer
    names) and only resolved ones are returned. With ``spans`` exactly one Toponym per span
    comes back, in order, ``place`` None where nothing matched. ``fast=True`` finds names
    without running the spaCy model (gazetteer matching only: several times faster, somewhat
    less precise); a given ``spacy_doc`` is used either way.
    """
    gaz = get_gazetteer()
    if spans is not None:
        mentions = []
        for s, e in spans:
            if not (0 <= s <= e <= len(text)):
                raise BadInput(f"span [{s}, {e}]", f"outside the text (length {len(text)})")
            cs, ce = clean_span(text, s, e, gaz)
            if ce <= cs:
                cs, ce = s, e
            if " " in text[cs:ce] and not gaz.has_key(text[cs:ce], loose=True):
                # A name with a place inside it ("Bank of Japan", "Mosul University") is
                # read as that place.
                parts = known_parts(gaz, text, cs, ce)
                if parts:
                    cs, ce = parts[-1] if text[cs:ce].split()[-1][:1].isupper() and \
                        " of " in text[cs:ce] else parts[0]
            mentions.append(Mention(cs, ce, text[cs:ce], "given"))
        order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
        groups = _resolve(text, [mentions[k] for k in order], gaz, context)
        out: list[Toponym] = [Toponym(0, 0, "", None)] * len(spans)
        for pos, g in zip(order, groups):
            t = _toponym(gaz, mentions[pos], g)
            s, e = spans[pos]  # the caller's own span, not the trimmed one
            out[pos] = Toponym(s, e, text[s:e], t.place, t.score)
        return out

    if spacy_doc is None and not fast:
        from ..nlp import get_nlp

        spacy_doc = get_nlp(parser=False)(text)
    return _find_and_resolve(text, spacy_doc, gaz, context)


def _find_and_resolve(text: str, spacy_doc: Any, gaz: Gazetteer,
                      context: GeoContext | None) -> list[Toponym]:
    mentions = find_mentions(text, spacy_doc, gaz)
    resolved = _resolve(text, mentions, gaz, context)
    _drop_stray_common_words(gaz, mentions, resolved, context)
    persons = person_words(spacy_doc, text)
    tagged = frozenset(e.text for e in (spacy_doc.ents if spacy_doc is not None else ())
                       if e.label_ in {"GPE", "LOC"})
    result = []
    strong: set[str] = set()
    elsewhere = _elsewhere(gaz, resolved, context)
    for m, g in zip(mentions, resolved):
        if g is None or g.best < 0 or not _accept(gaz, m, g, text, elsewhere[id(g)]) \
                or not _plausible(gaz, text, m, g, persons, tagged):
            continue
        t = _toponym(gaz, m, g)
        result.append(t)
        if (m.how in {"ner", "dateline"} and m.label in {"GPE", "LOC", None}
                and t.place is not None and t.place.feature_code in {"PPL", "PPLC", "ADM1", "ADM2"}
                and m.text.lower() not in COMMON_WORDS and m.text[:1].isupper()):
            strong.add(m.text)
    return _other_mentions(text, spacy_doc, result, persons, strong)


def _country_of(gaz: Gazetteer, g: Group | None) -> str:
    """The country of a group's reading ("" when it has none)."""
    return gaz.country_code(g.cands[g.best].index) if g is not None and g.best >= 0 else ""


def _context_countries(context: GeoContext | None) -> set[str]:
    return {c.upper() for c in (context.countries if context else ()) if c}


def _elsewhere(gaz: Gazetteer, groups: list[Group | None], context: GeoContext | None) -> dict[int, frozenset[str]]:
    """Per group (by id): the countries the document's actors and words (``context``) and its
    other names point to."""
    countries = {id(g): _country_of(gaz, g) for g in groups}
    base = _context_countries(context)
    return {k: frozenset(base | {c for other, c in countries.items() if other != k and c}) for k in countries}


def _all_words_in(name: str, *vocabularies: frozenset[str]) -> bool:
    words = re.findall(r"[\w'’]+", name.lower())
    return bool(words) and all(any(w in v for v in vocabularies) for w in words)


def _generic_word(name: str) -> bool:
    return _all_words_in(name, _GENERIC_WORDS)


def _common_word(name: str) -> bool:
    return _all_words_in(name, COMMON_WORDS, _GENERIC_WORDS)


# Ordinary words, beyond COMMON_WORDS, that name a province or a district somewhere and,
# capitalised, mean something else in news ("sent to the Capital", "the West Zone of Rio").
_GENERIC_WORDS = frozenset({"capital", "zone", "ward", "division"})


def _drop_stray_common_words(gaz: Gazetteer, mentions: list[Mention], groups: list[Group | None],
                             context: GeoContext | None) -> None:
    """A common word read as a place ("the Centre" as Burkina Faso's Centre region, "Zone" as
    a village in Lombardy) is dropped when the document points to other countries: the
    countries of its actors and words (``context``) or of its other places, and not this one's.
    With nothing else to go by it stands (a reader of "Victoria" alone cannot tell either)."""
    common = [_common_word(m.text) for m in mentions]
    evidence = _context_countries(context) | {
        cc for g, is_common in zip(groups, common) if not is_common and (cc := _country_of(gaz, g))}
    if not evidence:
        # "marched in the Capital" names no country at all; Denmark's Capital Region only
        # stands where the text is about Denmark
        for k, m in enumerate(mentions):
            if _generic_word(m.text) and groups[k] is not None:
                groups[k] = None
        return
    for k, (g, is_common) in enumerate(zip(groups, common)):
        if is_common and g is not None and g.best >= 0 and _country_of(gaz, g) not in evidence \
                and gaz.feature_code(g.cands[g.best].index) not in {"PCLI", "CONT"}:
            groups[k] = None


def _other_mentions(text: str, spacy_doc: Any, found: list[Toponym],
                    persons: frozenset[str], strong: set[str]) -> list[Toponym]:
    """One sense per document, for finding too: a name the model read as a town or a
    province once is that place wherever else it stands capitalised ("Huntsville Fire Chief
    Tom Grisham", "the Gainesville sewer system"), unless the words around it make it a person
    or a street there."""
    names = {t.text: t for t in found if t.text in strong and len(t.text) >= 4
             and not t.text.isupper()}
    if not names:
        return found
    people = [(e.start_char, e.end_char) for e in (spacy_doc.ents if spacy_doc is not None else ())
              if e.label_ == "PERSON" and any(w.strip(".,'’") in persons for w in e.text.split())]
    taken = [(t.start, t.end) for t in found]
    pattern = re.compile(r"(?<![\w\-])(" + "|".join(
        re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w\-])")
    out = list(found)
    for m in pattern.finditer(text):
        s, e = m.span(1)
        if any(s < b and a < e for a, b in taken) or any(s < b and a < e for a, b in people) \
                or not_a_place_cue(text, s, e, persons) or said_after(text, e):
            continue
        t = names[m.group(1)]
        out.append(Toponym(s, e, t.text, t.place, t.score))
        taken.append((s, e))
    out.sort(key=lambda t: t.start)
    return out


def geoparse_many(texts: Iterable[str], *, fast: bool = False, n_process: int = 1,
                  batch_size: int = 32,
                  contexts: Iterable[GeoContext | None] | None = None) -> list[list[Toponym]]:
    """``geoparse`` over many texts: the model runs batched (``nlp.pipe``), on ``n_process``
    processes when asked; ``fast=True`` skips the model altogether."""
    texts = list(texts)
    ctxs = list(contexts) if contexts is not None else [None] * len(texts)
    gaz = get_gazetteer()
    if fast:
        if n_process > 1 and len(texts) >= 4 * n_process:
            return _pool_map(texts, ctxs, n_process)
        return [_find_and_resolve(t, None, gaz, c) for t, c in zip(texts, ctxs)]
    from ..nlp import get_nlp

    nlp = get_nlp(parser=False)
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=max(1, n_process))
    return [_find_and_resolve(t, d, gaz, c) for t, d, c in zip(texts, docs, ctxs)]


def _fast_chunk(args: tuple[list[str], list[GeoContext | None]]) -> list[list[Toponym]]:
    gaz = get_gazetteer()
    return [_find_and_resolve(t, None, gaz, c) for t, c in zip(*args)]


def _pool_map(texts: list[str], ctxs: list[GeoContext | None], n_process: int) -> list[list[Toponym]]:
    import multiprocessing

    # Forked workers share the loaded index instead of each unpickling it again.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    size = max(1, len(texts) // (n_process * 4))
    chunks = [(texts[i:i + size], ctxs[i:i + size]) for i in range(0, len(texts), size)]
    with multiprocessing.get_context(method).Pool(n_process) as pool:
        parts = pool.map(_fast_chunk, chunks)
    return [r for part in parts for r in part]


def is_dateline(toponym: Toponym, text: str) -> bool:
    """Whether a toponym is the place of the text's dateline ("BEIRUT (AP) -"): the
    reporter's location, not necessarily the event's."""
    return (toponym.start, toponym.end) in dateline_spans(text, get_gazetteer())


_NEAR = re.compile(
    r"\b(?:near|nearby|outside|outskirts\s+of|vicinity\s+of|close\s+to|around|countryside\s+of|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+"
    r"(?:of\s+|part\s+of\s+|parts\s+of\s+)?|(?:kilometres|kilometers|km|miles)\s+(?:\w+\s+){0,2}of|"
    r"(?:northern|southern|eastern|western|central)\s+)(?:the\s+)?$",
    re.IGNORECASE,
)
_AREA_AFTER = re.compile(r"^\s*(?:district|countryside|area|suburbs?|neighbou?rhood|region)\b", re.IGNORECASE)
_PROVINCE_AFTER = re.compile(r"^\s*(?:province|governorate|state|oblast|prefecture)\b", re.IGNORECASE)


def geo_precision(toponym: Toponym, sentence: str) -> int:
    """ACLED geo_precision: 1 the town itself, 2 near a town or part of a region, 3 a region."""
    place = toponym.place
    if place is None or place.feature_code in {"PCLI", "CONT", "ADM1", "RGN"}:
        return 3
    pos = sentence.find(toponym.text)
    if pos < 0:
        pos = sentence.lower().find(toponym.text.lower())
    if pos < 0:
        return 1
    before, after = sentence[:pos], sentence[pos + len(toponym.text):]
    if _PROVINCE_AFTER.match(after):
        return 3
    if _NEAR.search(before) or _AREA_AFTER.match(after):
        return 2
    return 1


def _lone_surrogate(obj: Any) -> str | None:
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as e:
        return f"\\u{ord(e.object[e.start]):04x}"
    return None


def _bad(line_no: int, ident: Any, cause: str) -> dict[str, Any]:
    return {"id": ident, "error": str(BadInput(f"line {line_no}", cause))}


def geoparse_lines(lines: Iterable[str], *, fast: bool = False) -> Iterator[dict[str, Any]]:
    """The ``frontlines geoparse`` contract: one JSON line in, one dict out, same order.
    ``fast=True`` finds names without the spaCy model (see ``geoparse``)."""
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            # Answered, not skipped: output line n must stay the answer to input line n.
            yield _bad(n, None, "empty line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _bad(n, None, f"not JSON ({exc.msg})")
            continue
        except (RecursionError, ValueError) as exc:  # nested too deeply; a number of over 4300 digits
            yield _bad(n, None, f"not usable JSON ({type(exc).__name__}: {str(exc)[:100]})")
            continue
        if not isinstance(obj, dict):
            yield _bad(n, None, "not a JSON object")
            continue
        ident = obj.get("id")
        if (bad := _lone_surrogate(obj)) is not None:
            # "\ud800" is valid JSON but not text: spaCy and the UTF-8 output would both fail on it.
            yield _bad(n, None if _lone_surrogate(ident) else ident, f"not valid Unicode (a lone surrogate {bad})")
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield _bad(n, ident, "no text")
            continue
        spans = obj.get("spans")
        if spans is not None:
            try:
                spans = [(int(s), int(e)) for s, e in spans]
            except (TypeError, ValueError, OverflowError):  # overflow: JSON's Infinity
                yield _bad(n, ident, "spans must be a list of [start, end] pairs")
                continue
        try:
            places = geoparse(text, spans, fast=fast)
        except BadInput as exc:
            yield {"id": ident, "error": f"line {n}: {exc}"}
            continue
        yield {"id": ident, "places": [t.to_dict() for t in places]}


__all__ = ["COMMON_WORDS", "GeoContext", "geo_precision", "geoparse", "geoparse_lines",
           "geoparse_many", "is_dateline"]
