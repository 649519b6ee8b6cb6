"""Actors: the actor dictionary (data/actors.yaml, data/actor_classes.yaml) matched in text.

Named actors are matched by alias with a spaCy PhraseMatcher on lower-cased tokens (exact
case for ``case_sensitive_aliases``), longest match first. Generic cues ("soldiers",
"police", "protesters") resolve to a class template filled with the story's country
("Military Forces of {country}"). Metonyms ("Damascus said") count only before a verb of
saying or acting, so that the same word as a place is left to the geo stage.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from frontlines.records import ActorRef

from .lexicon import word_forms

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

METONYM_VERBS = frozenset({
    "said", "says", "say", "announced", "announces", "claimed", "claims", "accused", "accuses",
    "denied", "denies", "warned", "warns", "stated", "vowed", "vows", "insisted", "confirmed",
    "confirms", "rejected", "rejects", "threatened", "threatens", "responded", "retaliated",
    "ordered", "sent", "launched", "struck", "has", "had", "will", "is", "was", "reported",
})


# The classes of a state's own forces ("Syrian government troops", "blaming Myanmar's army").
STATE_FORCE_CLASSES = frozenset({"military", "police"})
BLAME_WORDS = word_forms("blame")

# Nouns after a capital's possessive that make the capital stand for its government.
METONYM_NOUNS = frozenset({
    "government", "army", "forces", "troops", "military", "regime", "offensive", "decision", "officials",
    "ministry", "leadership", "allies", "air", "position", "response", "policy", "security",
})


# Head nouns of names that are buildings and sites, not actors (NER often tags them ORG).
FACILITY_WORDS = frozenset({
    "hotel", "hospital", "mosque", "church", "school", "university", "college", "bridge", "square",
    "market", "building", "prison", "station", "airport", "stadium", "museum", "temple", "palace",
    "crossing", "gate", "camp", "field", "dam", "road", "highway", "street", "district", "quarter",
    "complex", "neighbourhood", "neighborhood", "village", "town",
    # a force's own buildings: "a car bomb went off outside a military base"
    "base", "barracks", "headquarters", "outpost", "checkpoint", "post",
})
# Words that open the name of a neighbourhood or settlement ("Colonia Jardines del Sur",
# "Fraccionamiento Las Palmas", "Barangay San Roque"): a place, whatever the model tagged it.
PLACE_WORDS_BEFORE = frozenset({
    "colonia", "col.", "fraccionamiento", "barrio", "barangay", "vila", "villa", "favela", "complexo",
    "ejido", "hacienda", "rancho", "poblado", "aldea", "caserío", "caserio", "corregimiento", "vereda",
})


@dataclass(frozen=True)
class ActorEntry:
    name: str
    inter: int | None
    country: str | None = None
    countries: tuple[str, ...] = ()
    parent: str | None = None
    series: str | None = None  # the name without its period: one key for a force across governments
    start: date | None = None  # first day of the period (None: no period)
    party: bool = False  # a political party or its wing: its leaders and members are civilians
    militia: str | None = None  # a party's name for its armed supporters in political violence
    community: bool = False  # a community's militia ("Pokot Ethnic Militia (Kenya)")
    before: str | None = None  # the entry that names the group before its first period (rebels before they ruled)


_PERIOD = re.compile(r"\s*\((\d{4})-(\d{4})?\)")


def strip_period(name: str) -> str:
    """``Police Forces of Kenya (2013-2022)`` -> ``Police Forces of Kenya`` (units keep their suffix)."""
    return " ".join(_PERIOD.sub("", name).split())


@lru_cache(maxsize=512)
def country_short_name(code: str) -> str | None:
    """pycountry's English short name of an ISO alpha-2 code (ACLED's exceptions live in the data)."""
    try:
        import pycountry
    except ImportError:
        return None
    c = pycountry.countries.get(alpha_2=code.upper())
    return c.name if c is not None else None


@dataclass(frozen=True)
class ActorClass:
    key: str
    template: str
    inter: int | None


@dataclass
class ActorDictionary:
    entries: list[ActorEntry]
    classes: dict[str, ActorClass]
    country_names: dict[str, str]
    definite_article: frozenset[str] = frozenset()
    # series name -> entry indices ordered by period start: one state force, one entry per government
    series: dict[str, list[int]] = field(default_factory=dict)
    # match label -> what it stands for
    labels: dict[str, tuple[str, int]] = field(default_factory=dict)  # label -> (kind, index)
    # match id (hash of the label) -> label: a doc from another pipeline copy has another vocab
    label_of: dict[int, str] = field(default_factory=dict)
    alias_to_name: dict[str, str] = field(default_factory=dict)  # normalised alias -> canonical
    index_of: dict[str, int] = field(default_factory=dict)  # canonical name -> its entry
    # an alias two actors share ("SNA", "NAF"): its entries, tried in order against the story's country
    ambiguous: list[tuple[int, ...]] = field(default_factory=list)
    # a community's name as written (case kept) -> its militias, first the home's
    communities: dict[str, tuple[int, ...]] = field(default_factory=dict)
    matcher_lower: Any = None
    matcher_exact: Any = None

    def country_name(self, country: str | None) -> str | None:
        if not country:
            return None
        return self.country_names.get(country) or country_short_name(country)

    def by_period(self, index: int, when: date | None) -> int:
        """The entry of ``index``'s series whose government period holds ``when``.

        With no date the current (last-opened) period; before the first period, the first.
        """
        e = self.entries[index]
        members = self.series.get(e.series or "", [])
        if not members:
            return index
        if when is None:
            return members[-1]
        best = members[0]
        first = self.entries[best].start
        if first is not None and when < first:
            return -1  # before the first period the dictionary knows: no dated name is right
        for i in members:
            start = self.entries[i].start
            if start is not None and start <= when:
                best = i
        return best

    def class_name(self, key: str, country: str | None, when: date | None = None) -> str:
        cls = self.classes[key]
        cname = self.country_name(country)
        if cname:
            if country in self.definite_article and "of {country}" in cls.template:
                cname = "the " + cname
            name = cls.template.replace("{country}", cname)
            # a state force with a period-bound entry for this country: ACLED's dated name
            members = self.series.get(name)
            if members:
                i = self.by_period(members[0], when)
                return self.entries[i].name if i >= 0 else name
            unit = cls.template.partition("{country}")[2]
            force = self.series.get(name[:-len(unit)]) if unit.strip() else None
            if force:
                # a unit of a force the dictionary dates: "Military Forces of Brazil (2019-2022)
                # Military Police", ACLED's "<force> (<period>) <unit>"
                i = self.by_period(force[0], when)
                return self.entries[i].name + unit if i >= 0 else name
            return name
        # no country known: drop the placeholder and the words that frame it
        name = re.sub(r"\s*(?:of\s+|\(\s*)\{country\}\)?", "", cls.template)
        return name.replace("{country}", "").strip()

    def is_party(self, m: ActorMention) -> bool:
        """Whether a mention names a political party (its members are civilians)."""
        return m.kind == "actor" and 0 <= m.ref_index < len(self.entries) and self.entries[m.ref_index].party

    def is_government(self, m: ActorMention) -> bool:
        """Whether a mention names a dictionary entry that is a government ("Government of ...")."""
        return 0 <= m.ref_index < len(self.entries) and self.entries[m.ref_index].name.startswith("Government of")

    def as_militia(self, ref: ActorRef | None) -> ActorRef | None:
        """A party (or its wing) named as a side in political violence is its militia, as ACLED
        names it (``militia`` in the dictionary); any other actor is itself."""
        i = self.index_of.get(ref.name, -1) if ref is not None else -1
        if ref is None or i < 0:
            return ref
        entry = self.entries[i]
        parent = self.index_of.get(entry.parent or "", -1)
        militia = entry.militia or (self.entries[parent].militia if parent >= 0 else None)
        return replace(ref, name=militia, inter=3) if militia else ref

    def canonical(self, name: str) -> str | None:
        """The canonical name for a name or alias (for evaluation and fusion), else None.

        ACLED writes many actors as "ABBR: Full Name", sometimes two names joined by "/"
        ("ULA/AA: United League of Arakan/Arakan Army"); such a name that is not itself known is
        the actor its full name names (not its abbreviation: "LeJ" is two groups)."""
        found = self.alias_to_name.get(normalise_name(name))
        if found is not None or ":" not in name:
            return found
        full = name.split(":", 1)[1]
        for part in (full, *full.split("/")):
            found = self.alias_to_name.get(normalise_name(part)) if part.strip() else None
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class ActorMention:
    start: int  # token index in the doc
    end: int
    start_char: int
    end_char: int
    text: str
    kind: str  # "actor" | "class" | "metonym" | "entity"
    ref_index: int = -1  # index into entries (actor/metonym) or -1
    class_key: str | None = None
    choices: tuple[int, ...] = ()  # an ambiguous alias: the entries it may name (ref_index is the first)


def normalise_name(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name.lower())
    return " ".join(re.sub(r"[^\w\s]", " ", name).split())


def actor_data_dir() -> Path:
    override = os.environ.get("FRONTLINES_ACTORS_DIR")
    if override:
        return Path(override)
    return Path(str(resources.files("frontlines") / "data"))


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _period_of(a: dict[str, Any]) -> dict[str, Any]:
    """Series key and start day of a period-bound entry (``Military Forces of Iraq (2014-2018)``)."""
    m = _PERIOD.search(a["name"])
    if not m:
        return {}
    start: date | None = None
    raw = a.get("start_date")
    if raw:
        start = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    else:
        period = a.get("period") or [int(m.group(1))]
        start = date(int(period[0]), 1, 1)
    return {"series": strip_period(a["name"]), "start": start}


_FACTION_LETTER = re.compile(r"-[A-Z]$")


def _patterns(nlp: Any, aliases: list[str]) -> list[Any]:
    """The matcher's patterns for aliases. A faction's letter at a sentence's end ("the SSA-N.")
    is one token with the full stop, so such an alias is also matched with it; else the text
    would match the shorter alias inside it ("SSA", a Libyan force)."""
    return [nlp.make_doc(v) for s in aliases for v in ((s, s + ".") if _FACTION_LETTER.search(s) else (s,))]


@lru_cache(maxsize=4)
def load_actor_dictionary(data_dir: str | None = None) -> ActorDictionary:
    """Both actor files, merged, with their matchers compiled (once per directory)."""
    from spacy.matcher import PhraseMatcher

    from frontlines.nlp import get_nlp

    base = Path(data_dir) if data_dir else actor_data_dir()
    raw: dict[str, Any] = {}
    for fname in ("actors.yaml", "actor_classes.yaml"):
        for key, value in _read(base / fname).items():
            if isinstance(value, list):
                raw.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                raw.setdefault(key, {}).update(value)
    bare = _add_communities(raw, _read(base / "communities.yaml"))
    nlp = get_nlp(parser=True)
    lower: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    d = ActorDictionary(entries=[], classes={}, country_names=dict(raw.get("country_names") or {}),
                        definite_article=frozenset(raw.get("definite_article") or ()))
    shared = {amb["alias"] for amb in raw.get("ambiguous_aliases") or []}  # matched below, by country
    for i, a in enumerate(raw.get("actors") or []):
        entry = ActorEntry(name=a["name"], inter=a.get("inter"), country=a.get("country"),
                           countries=tuple(a.get("countries") or ()), parent=a.get("parent"),
                           party=bool(a.get("party")), militia=a.get("militia"),
                           community=bool(_COMMUNITY_MILITIA.match(a["name"])), before=a.get("before"),
                           **_period_of(a))
        d.entries.append(entry)
        if entry.series:
            d.series.setdefault(entry.series, []).append(i)
        label = f"a{i}"
        d.labels[label] = ("actor", i)
        aliases = [a["name"], *(a.get("aliases") or [])]
        for alias in aliases:
            d.alias_to_name.setdefault(normalise_name(alias), entry.name)
        if entry.militia:
            d.alias_to_name.setdefault(normalise_name(entry.militia), entry.militia)
        aliases = [x for x in aliases if x not in shared]
        # a short acronym ("IS", "AU") read case-blind is a common word ("is", "au"): exact case only
        short = [s for s in aliases if s and len(s) <= 3 and s.isupper()]
        cased = [x for x in a.get("case_sensitive_aliases") or () if x not in shared]
        keep_case = set(cased) | set(short)
        lower.add(label, _patterns(nlp, [s for s in aliases if s and s not in keep_case]))
        if short:
            exact.add(label, _patterns(nlp, short))
        if cased:
            exact.add(label, _patterns(nlp, cased))
            for alias in cased:
                d.alias_to_name.setdefault(normalise_name(alias), entry.name)
        if a.get("metonyms"):
            mlabel = f"m{i}"
            d.labels[mlabel] = ("metonym", i)
            exact.add(mlabel, [nlp.make_doc(s) for s in a["metonyms"]])
    d.index_of = {e.name: i for i, e in enumerate(d.entries)}
    d.communities = {name: tuple(d.index_of[n] for n in names) for name, names in bare.items()}
    for k, amb in enumerate(raw.get("ambiguous_aliases") or []):
        choices = tuple(d.index_of[n] for n in amb["candidates"] if n in d.index_of)
        if not choices:
            continue
        d.ambiguous.append(choices)
        label = f"amb{k}"
        d.labels[label] = ("ambiguous", len(d.ambiguous) - 1)
        alias = amb["alias"]
        (exact if len(alias) <= 3 and alias.isupper() else lower).add(label, [nlp.make_doc(alias)])
    for c in raw.get("classes") or []:
        cls = ActorClass(key=c["key"], template=c["template"], inter=c.get("inter"))
        d.classes[cls.key] = cls
        label = f"c:{cls.key}"
        d.labels[label] = ("class", -1)
        cues = [s for s in (c.get("cues") or []) if s]
        if cues:
            lower.add(label, [nlp.make_doc(s) for s in cues])
    for members in d.series.values():
        members.sort(key=lambda i: d.entries[i].start or date.min)
    d.matcher_lower, d.matcher_exact = lower, exact
    d.label_of = {nlp.vocab.strings[label]: label for label in d.labels}
    return d


# The words after a community's name that make its armed men ("Pokot raiders", "Kalenjin
# youths", "Garre and Degodia clans"): ACLED's "<name> Ethnic Militia (<country>)". Not
# "people", "residents", "community" or a lone "clan": a community's members are as often whom
# the violence hit ("members of the Turkana community were killed").
COMMUNITY_NOUNS = (
    "militia", "militias", "militiamen", "youth", "youths", "young men", "men", "raiders", "warriors",
    "herders", "herdsmen", "tribesmen", "clansmen", "gunmen", "fighters", "attackers", "gangs", "gang",
    "bandits", "morans", "mob", "mobs", "clans", "communities", "tribes", "groups", "inhabitants",
    "ethnic group", "ethnic groups", "ethnic militia", "ethnic militias", "clan militia", "clan militias",
    "tribal militia", "tribal militias",
)
_COMMUNITY_KINDS = {"ethnic": "Ethnic", "clan": "Clan", "tribal": "Tribal"}
# A community militia's name, with the community's name first ("Garre Clan Militia (Kenya)").
_COMMUNITY_MILITIA = re.compile(r"(.+?) (?:Ethnic|Clan|Tribal|Communal) Militia\b")
# Of those words, the ones that name a community's armed men only as the doers: "Pokot herders
# raided ..." are its militia, "police shot five Pokot men" or "Turkana herders were killed"
# are civilians of the community.
_PLAIN_MEMBERS = frozenset({"men", "youth", "youths", "herders", "herdsmen", "tribesmen", "clansmen",
                            "communities", "tribes", "groups", "group", "inhabitants"})


def _add_communities(raw: dict[str, Any], data: dict[str, Any]) -> dict[str, list[str]]:
    """The militias of the communities file (``communities.yaml``) as actors of ``raw``
    (in place): each community's "<name> <Kind> Militia (<country>)", with its name and spellings
    before each of ``COMMUNITY_NOUNS`` as aliases. A militia actors.yaml already has (by its
    first words and country, whatever its kind) takes the aliases instead of a second entry. A
    community of several countries ("Fulani youths" in Nigeria, Mali, Burkina Faso) makes its
    aliases ambiguous: the story's country picks the militia. Returns each name and spelling
    as written, with its militias."""
    actors = raw.setdefault("actors", [])
    owners: dict[str, list[str]] = {}
    bare: dict[str, list[str]] = {}
    country_names = dict(raw.get("country_names") or {})
    existing: dict[tuple[str, str], dict[str, Any]] = {}
    for a in actors:
        m = _COMMUNITY_MILITIA.match(a["name"])
        if m and a.get("country"):
            existing.setdefault((m.group(1).lower(), a["country"]), a)
    for c in data.get("communities") or []:
        cc = c["country"]
        country = country_names.get(cc) or country_short_name(cc) or cc
        spellings = [c["name"], *(c.get("spellings") or ())]
        aliases = [f"{n} {noun}" for n in spellings for noun in COMMUNITY_NOUNS]
        entry = existing.get((c["name"].lower(), cc))
        if entry is None:
            entry = {"name": f"{c['name']} {_COMMUNITY_KINDS[c.get('kind', 'ethnic')]} Militia ({country})",
                     "aliases": [], "inter": 4, "country": cc, "countries": [cc]}
            actors.append(entry)
            existing[(c["name"].lower(), cc)] = entry
        have = {x.lower() for x in [entry["name"], *(entry.get("aliases") or [])]}
        entry["aliases"] = [*(entry.get("aliases") or []), *(x for x in aliases if x.lower() not in have)]
        for x in aliases:
            if entry["name"] not in owners.setdefault(x, []):
                owners[x].append(entry["name"])
        for x in spellings:
            if entry["name"] not in bare.setdefault(x, []):
                bare[x].append(entry["name"])
    shared = [{"alias": x, "candidates": names} for x, names in owners.items() if len(names) > 1]
    raw.setdefault("ambiguous_aliases", []).extend(shared)
    return bare


# ACLED's inter codes of armed actors: state forces, rebels, political and communal militias,
# external forces
ARMED_INTER = frozenset({1, 2, 3, 4, 8})


def both_armed(dictionary: ActorDictionary, named: ActorMention, cls: ActorMention) -> bool:
    """Whether a named actor and the class word after it are both armed ones."""
    entry = dictionary.entries[named.ref_index] if named.ref_index >= 0 else None
    klass = dictionary.classes.get(cls.class_key or "")
    return entry is not None and klass is not None and entry.inter in ARMED_INTER and klass.inter in ARMED_INTER


def is_site(m: ActorMention, doc: Doc) -> bool:
    """Whether a mention names a building of its force ("police station", "army camp"), not
    its people. A named actor before a place word is still the actor ("UPDF village raids")."""
    return m.kind == "class" and _site_end(doc, m.start, m.end) is not None


def _site_end(doc: Doc, start: int, end: int) -> int | None:
    """The end of a site's name that a force's word opens or is ("police station"), or None."""
    if doc[end - 1].lower_ in FACILITY_WORDS:
        return end
    if end < len(doc) and doc[end].lower_ in FACILITY_WORDS:
        return end + 1
    return None


def _jurisdiction(doc: Doc, start: int, end: int) -> bool:
    """Whether a site names the area it serves: "under X police station", "within the
    jurisdiction of X police station", "X police station area"."""
    if end < len(doc) and doc[end].lower_ in ("area", "areas", "limits", "jurisdiction"):
        return True
    for t in reversed(doc[max(0, start - 6):start]):
        if t.is_punct or t.pos_ == "VERB":
            return False
        if t.lower_ in ("under", "jurisdiction"):
            return True
    return False


def find_mentions(doc: Doc, dictionary: ActorDictionary) -> list[ActorMention]:
    """All actor mentions in a doc; overlapping matches resolved longest-first."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    spans = []
    for matcher in (dictionary.matcher_exact, dictionary.matcher_lower):
        if matcher is None or len(matcher) == 0:
            continue
        for match_id, s, e in matcher(doc):
            label = dictionary.label_of.get(match_id, "")
            if label.startswith("m"):
                nxt = doc[e].lower_ if e < len(doc) else ""
                # "Baghdad's decision" is the government; "Baghdad's hotels" is the city
                possessive = e + 1 < len(doc) and doc[e].tag_ == "POS" and doc[e + 1].lower_ in METONYM_NOUNS
                if nxt not in METONYM_VERBS and not possessive and not _loyal_to(doc, s):
                    continue
            spans.append(Span(doc, s, e, label=label))
    out = []
    for sp in filter_spans(spans):
        label = sp.label_
        kind, idx = dictionary.labels.get(label, ("class", -1))
        key = label[2:] if label.startswith("c:") else None
        choices: tuple[int, ...] = ()
        if kind == "ambiguous":
            kind, choices = "actor", dictionary.ambiguous[idx]
            idx = choices[0]
        m = ActorMention(sp.start, sp.end, sp.start_char, sp.end_char, sp.text, kind, idx, key, choices)
        site = _site_end(doc, sp.start, sp.end) if kind == "class" else None
        if site is not None and _jurisdiction(doc, sp.start, site):
            continue  # "under Kotwali police station", "in the Sadar police station area": a place
        m = _of_country(doc, dictionary, m) or _by_nationality(doc, dictionary, m) or m
        if _hit_members(doc, dictionary, m):
            # the noun alone: the community's name may still be the place ("Turkana herders")
            head = doc[m.end - 1]
            m = ActorMention(head.i, head.i + 1, head.idx, head.idx + len(head), head.text, "class",
                             class_key="civilians")
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "actor" and prev.end == m.start and kind == "class" \
                and both_armed(dictionary, prev, m):
            # "Al Shabaab militants", "TTP fighters": the group's own fighters, one mention
            # named by the group (the class word alone would make them unidentified);
            # "Syrian government troops" are the state's military, not its government
            country = dictionary.entries[prev.ref_index].country if dictionary.is_government(prev) else None
            forces = _force_members(dictionary, m.class_key, country) \
                if m.class_key in STATE_FORCE_CLASSES and country else None
            out[-1] = replace(prev, end=m.end, end_char=m.end_char, text=doc[prev.start:m.end].text,
                              **({"ref_index": forces[0], "choices": tuple(forces)} if forces else {}))
            continue
        out.append(m)
    out.extend(_coordinated(doc, dictionary, out))
    out.extend(_bare_communities(doc, dictionary, out))
    out.extend(_countries_at_war(doc, dictionary, out))
    # Named organisations the dictionary does not know still make useful actors.
    taken = {i for m in out for i in range(m.start, m.end)}
    # A demonym ("Syrian", "Kurdish") names no one in particular, and a lone unknown word
    # tagged ORG is more often a place or a building ("Homs", "Brigade") than an actor.
    for ent in doc.ents:
        if ent.label_ != "ORG" or any(i in taken for i in range(ent.start, ent.end)):
            continue
        if len(ent) == 1 and not (ent.text.isupper() and 2 <= len(ent.text) <= 6):
            continue
        if ent[-1].lower_ in FACILITY_WORDS or ent[0].lower_ in PLACE_WORDS_BEFORE:
            continue  # "the Babylon Hotel", "Tishreen University", "Colonia del Valle": where, not who
        out.append(ActorMention(ent.start, ent.end, ent.start_char, ent.end_char, ent.text, "entity"))
    out.sort(key=lambda m: m.start)
    return out


def _loyal_to(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` is whom forces are loyal to ("forces loyal to eastern
    commander Khalifa Haftar"): they are his, the name stands for them."""
    for i in range(start - 1, max(-1, start - 7), -1):
        if doc[i].lower_ == "to":
            return i > 0 and doc[i - 1].lower_ in ("loyal", "allied")
        if doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX"):
            return False
    return False


def _force_template(dictionary: ActorDictionary, m: ActorMention) -> str | None:
    """The template of a class mention that names a country's force ("Military Forces of
    {country}"), else None."""
    if m.kind != "class" or m.class_key not in dictionary.classes:
        return None
    template = dictionary.classes[m.class_key].template
    return template if template.endswith(" of {country}") else None


def _as_force(doc: Doc, m: ActorMention, start: int, end: int, members: list[int]) -> ActorMention:
    """The class mention ``m`` widened to ``start:end`` as the named force ``members[0]``."""
    return replace(m, start=start, end=end, start_char=doc[start].idx, end_char=doc[end - 1].idx + len(doc[end - 1]),
                   text=doc[start:end].text, kind="actor", ref_index=members[0], class_key=None)


def _of_country(doc: Doc, dictionary: ActorDictionary, m: ActorMention) -> ActorMention | None:
    """A state force written with its country after it, as ACLED writes them ("military forces
    of Armenia", "the police of Kenya"): that country's force, not the story's."""
    template = _force_template(dictionary, m)
    of = m.end + (m.end < len(doc) and doc[m.end].lower_ in ("forces", "force"))  # "military forces of"
    if template is None or of + 1 >= len(doc) or doc[of].lower_ != "of":
        return None
    for end in range(min(len(doc), of + 5), of + 1, -1):
        words = doc[of + 1:end].text
        bare = words[4:] if words.lower().startswith("the ") else words
        members = dictionary.series.get(template.replace("{country}", bare)) \
            or dictionary.series.get(template.replace("{country}", "the " + bare))
        if members and not (end < len(doc) and doc[end].lower_ in ("and", "or", "&")):
            # (not "the troops of India and Pakistan": two forces, neither the one)
            return _as_force(doc, m, m.start, end, members)
    return None


def _by_nationality(doc: Doc, dictionary: ActorDictionary, m: ActorMention) -> ActorMention | None:
    """A state force named by the nationality before it ("Ugandan security forces") that the
    dictionary has no alias for: that one country's force, not the story's."""
    adj = doc[m.start - 1] if m.start > 0 else None
    if _force_template(dictionary, m) is None or adj is None or adj.pos_ not in ("ADJ", "PROPN") \
            or not adj.text[:1].isupper():
        return None
    from frontlines.geo import get_gazetteer

    homes = get_gazetteer().countries_named(adj.text)
    if len(homes) != 1:
        return None
    assert m.class_key is not None
    members = _force_members(dictionary, m.class_key, next(iter(homes)))
    return _as_force(doc, m, m.start - 1, m.end, members) if members else None


def _force_members(dictionary: ActorDictionary, key: str, country: str) -> list[int] | None:
    """The dictionary's dated entries of a country's force of class ``key`` ("Military Forces
    of Iran (1989-)" and its other periods), or None when it has none."""
    return dictionary.series.get(strip_period(dictionary.class_name(key, country)))


# Verbs of force whose subject, a country's name, stands for its armed forces (the pipeline
# runs without a lemmatizer: the forms themselves).
_FORCE_VERBS = frozenset({"fired", "fires", "launched", "launches", "struck", "strikes", "attacked", "attacks",
                          "bombed", "bombs", "shelled", "shells", "pounded", "pounds", "invaded", "invades",
                          "targeted", "targets", "raided", "raids", "retaliated", "retaliates", "hit", "hits"})


def _blamed(tok: Token) -> bool:
    """Whether a word is whom violence is blamed on ("an air strike blamed on Israel", "blaming Israel")."""
    return tok.dep_ == "dobj" and tok.head.lower_ in BLAME_WORDS \
        or tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.lower_ in BLAME_WORDS


def _countries_at_war(doc: Doc, dictionary: ActorDictionary, found: list[ActorMention]) -> list[ActorMention]:
    """A country named as the subject of a verb of force ("Iran fired missiles at two bases",
    "Israel struck targets in Gaza") or blamed for violence ("an air strike blamed on Israel"):
    its military forces, as ACLED names them, not a place."""
    from frontlines.geo import get_gazetteer

    taken = {i for m in found for i in range(m.start, m.end)}
    out = []
    for ent in doc.ents:
        root = ent.root
        if ent.label_ != "GPE" or any(i in taken for i in range(ent.start, ent.end)) or not (
                root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lower_ in _FORCE_VERBS
                or _blamed(root)):
            continue
        homes = get_gazetteer().countries_named(ent.text)
        if len(homes) != 1:
            continue
        members = _force_members(dictionary, "military", next(iter(homes)))
        if members:
            out.append(ActorMention(ent.start, ent.end, ent.start_char, ent.end_char, ent.text, "actor", members[0]))
    return out


def _is_community(dictionary: ActorDictionary, m: ActorMention) -> bool:
    """Whether a mention names a community's militia ("Samburu militias")."""
    return m.kind == "actor" and 0 <= m.ref_index < len(dictionary.entries) and dictionary.entries[m.ref_index].community


_HARM_NOUNS = frozenset({"killing", "killings", "murder", "murders", "death", "deaths", "abduction", "abductions",
                         "kidnapping", "massacre", "attack", "attacks", "lynching"})


def _hit_members(doc: Doc, dictionary: ActorDictionary, m: ActorMention) -> bool:
    """Whether a community's plain members ("Turkana herders", "Hazara men") are whom the
    sentence's violence hit: its object, a passive's subject, "attacks on" them, "the killing of"
    them, or a headline's "Borana men killed"."""
    head = doc[m.end - 1]
    if head.lower_ not in _PLAIN_MEMBERS or not _is_community(dictionary, m):
        return False
    if head.dep_ == "conj" and head.head.dep_ in ("dobj", "nsubjpass", "pobj"):
        head = head.head
    return head.dep_ in ("dobj", "nsubjpass") \
        or head.dep_ == "pobj" and head.head.lower_ in ("on", "against", "at", "to", "for") \
        or head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _HARM_NOUNS \
        or any(c.dep_ == "acl" and c.tag_ == "VBN" for c in head.children)


def _bare_communities(doc: Doc, dictionary: ActorDictionary, found: list[ActorMention]) -> list[ActorMention]:
    """A community's name alone as who acted ("Degodia attack Garre civilians", "Maasais
    clashed with ...") or as a side of a fight "between" two ("clashes between Kalenjin and
    Kikuyu"): its militia. Elsewhere a bare name is the community (or a place), not its men."""
    taken = {i for m in found for i in range(m.start, m.end)}
    out = []
    for t in doc:
        if t.i in taken or not t.text[:1].isupper():
            continue
        name = t.text if t.text in dictionary.communities else t.text[:-1] if t.text.endswith("s") else ""
        choices = dictionary.communities.get(name)
        if not choices:
            continue
        head = t.head if t.dep_ == "conj" else t
        acts = head.dep_ == "nsubj" and head.head.pos_ == "VERB"
        side = head.dep_ == "pobj" and head.head.lower_ == "between"
        if acts or side:
            out.append(ActorMention(t.i, t.i + 1, t.idx, t.idx + len(t), t.text, "actor", choices[0], None,
                                    choices if len(choices) > 1 else ()))
    return out


def _coordinated(doc: Doc, dictionary: ActorDictionary, found: list[ActorMention]) -> list[ActorMention]:
    """The first of two nationalities or communities sharing one noun: in "Indian and Pakistani
    troops" the dictionary matches "Pakistani troops"; "Indian" names India's troops, one mention
    of its own (and "Turkana" in "Turkana and Samburu militias" the Turkana militia)."""
    taken = {i for m in found for i in range(m.start, m.end)}
    out = []
    for m in found:
        k = m.start - 2
        if m.kind != "actor" or m.end - m.start < 2 or k < 0 or k in taken \
                or doc[m.start - 1].lower_ not in {"and", "or", "&"} \
                or not (doc[k].ent_type_ == "NORP" or doc[k].text[:1].isupper() and _is_community(dictionary, m)):
            continue
        name = dictionary.canonical(f"{doc[k].text} {doc[m.start + 1:m.end].text}")
        i = dictionary.index_of.get(name or "", -1)
        if i >= 0 and i != m.ref_index:
            out.append(ActorMention(k, k + 1, doc[k].idx, doc[k].idx + len(doc[k]), doc[k].text, "actor", i))
    return out


def to_ref(m: ActorMention, dictionary: ActorDictionary, country: str | None,
           when: date | None = None) -> ActorRef:
    """The canonical actor for a mention; the story's country fills class templates and the
    event's date (else the published date) picks a state force's government period."""
    if m.kind in ("actor", "metonym") and 0 <= m.ref_index < len(dictionary.entries):
        ref_index = m.ref_index
        if m.choices and country:
            # an alias two actors share: the one of the story's country ("SNA" in Syria or Somalia)
            ref_index = next((c for c in m.choices if country == dictionary.entries[c].country),
                             next((c for c in m.choices if country in dictionary.entries[c].countries), ref_index))
        i = dictionary.by_period(ref_index, when)
        e = dictionary.entries[i if i >= 0 else ref_index]
        name = e.name if i >= 0 else strip_period(e.name)
        if i < 0 and e.before in dictionary.index_of:
            # before its first period the group had another name ("Houthi Movement - Ansar
            # Allah" before the Sanaa government's forces)
            e = dictionary.entries[dictionary.index_of[e.before]]
            name = e.name
        return ActorRef(name, m.text, e.inter, e.country or (e.countries[0] if e.countries else None))
    if m.kind == "class" and m.class_key in dictionary.classes:
        cls = dictionary.classes[m.class_key]
        return ActorRef(dictionary.class_name(m.class_key, country, when), m.text, cls.inter, country)
    return ActorRef(m.text, m.text, None, None)


def class_ref(key: str, dictionary: ActorDictionary, country: str | None, mention: str,
              when: date | None = None) -> ActorRef | None:
    """A class actor not named in the text (e.g. the civilians of a VAC event)."""
    if key not in dictionary.classes:
        return None
    return ActorRef(dictionary.class_name(key, country, when), mention, dictionary.classes[key].inter, country)


def mentions_in(mentions: list[ActorMention], span: Span) -> list[ActorMention]:
    return [m for m in mentions if m.start >= span.start and m.end <= span.end]
