"""From a parsed document to Reports: segment by sentence, classify, merge, fill the fields."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from frontlines.geo import distance_km, get_gazetteer
from frontlines.records import (
    SUB_EVENT_TYPES,
    ActorRef,
    Attribution,
    Document,
    Evidence,
    Location,
    Place,
    Report,
    Toponym,
)
from frontlines.timewords import MONTHS

from .actors import (
    ARMED_INTER,
    BLAME_WORDS,
    STATE_FORCE_CLASSES,
    ActorDictionary,
    ActorEntry,
    ActorMention,
    both_armed,
    class_ref,
    find_mentions,
    is_site,
    to_ref,
)
from .country_words import CountryWord
from .dates import DateMention, dateline_date, dateline_month, day_named, find_dates
from .lexicon import Lexicon, Rule, word_forms
from .modality import FEAR_NOUNS, TOLL_NOUNS, is_speech, modality_of, speaker_of
from .numbers import (
    HELD_FOR,
    TOTAL_RE,
    counts_nought,
    sentence_fatalities,
    shot_dead_object,
    split_share,
    taken_before,
)
from .places import (
    country_location,
    dateline_span,
    describes_home_forces,
    describes_someone,
    dominant_country,
    drop_far_strays,
    is_bearing,
    is_country_level,
    is_dateline,
    is_place_name,
    is_source_base,
    pick_location,
    pinned_to_seat,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from spacy.tokens import Doc, Span, Token

# Cue categories whose first match in a sentence is taken as the event's trigger word.
TRIGGER_ORDER = ("takeover", "regain", "clash", "attack", "abduction", "sexual", "air", "shelling",
                 "ied", "suicide", "grenade", "chemical", "protest", "riot_word", "mob", "arrest",
                 "looting", "disrupted", "agreement", "base", "transfer", "change", "other", "kill")


_CONTEXT_ONLY = frozenset({"target_armed", "target_civilian"})
_TOLL_ONLY = _CONTEXT_ONLY | {"kill", "injury", "nil_toll"}  # cues of a sentence that only counts the dead and hurt
# Event types whose first actor is never the civilians (they are the victims, actor2).
_NO_CIVILIAN_DOER = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Modalities that make a sentence a report of its own rather than a detail of the last one.
_STANCES = frozenset({"expected", "hypothetical", "denied"})
# Verbs of taking a place: their object, when it is a place, makes the sentence a territory event.
_TAKE_VERBS = frozenset({
    "took", "taken", "take", "takes", "taking", "seized", "seize", "seizes", "seizing", "captured",
    "capture", "captures", "capturing", "overran", "overrun", "overruns", "overrunning",
})
_TAKE_RE = re.compile(r"\b(?:" + "|".join(sorted(_TAKE_VERBS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PART_WORDS = frozenset({"part", "parts", "much", "most", "all", "control", "whole", "rest", "half", "areas",
                         "centre", "center", "outskirts", "districts", "neighbourhoods", "neighborhoods"})
_PLACE_NOUNS = frozenset({
    "town", "city", "village", "villages", "district", "districts", "neighbourhood", "neighbourhoods",
    "neighborhood", "neighborhoods", "base", "airbase", "airport", "area", "areas", "territory", "hill",
    "hills", "outpost", "checkpoint", "headquarters", "compound", "garrison", "bridge", "port", "crossing",
    "quarter", "suburb", "suburbs", "province", "region", "oilfield", "field", "dam", "prison", "streets",
    "stronghold", "strongholds", "bastion", "enclave",
})


@dataclass
class _Sentence:
    span: Span
    cues: dict[str, list[tuple[int, int]]]  # category -> char spans (doc offsets)

    @property
    def names(self) -> set[str]:
        return set(self.cues)


@dataclass
class _Group:
    sentences: list[_Sentence]
    rule: Rule
    lead: _Sentence  # the sentence that gave the event its type
    trigger: Token | None
    cues: set[str] = field(default_factory=set)
    modality: str = "asserted"
    paragraph: int = 0
    last_index: int = -1  # index of its last sentence: a report is a run of adjacent sentences
    # cue-less sentences after it in its paragraph ("3 fatalities.", "FATALITIES: 15"): only
    # a stated total is read from them
    tail: list[_Sentence] = field(default_factory=list)
    # where the fight with those who came to stop an attack begins (token index): who fought
    # back there is not who attacked
    response_start: int | None = None

    def join(self, sent: _Sentence, idx: int) -> None:
        """Add the sentence at ``idx`` to this report."""
        self.sentences.append(sent)
        self.cues |= sent.names
        self.last_index = idx


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters lower-case to two; keep offsets aligned with the original text
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _cue_hits(lex: Lexicon, low: str) -> dict[str, list[tuple[int, int]]]:
    return lex.hits(low)


def _token_at(sdoc: Doc, char: int) -> Token | None:
    """The token covering a character offset (``Doc.char_span`` costs far more per call)."""
    starts = sdoc.user_data.get("frontlines_token_starts")
    if starts is None:
        starts = sdoc.user_data["frontlines_token_starts"] = [t.idx for t in sdoc]
    i = bisect.bisect_right(starts, char) - 1
    if i < 0:
        return None
    tok = sdoc[i]
    return tok if char < tok.idx + len(tok) else None


def _trigger(sdoc: Doc, sent: _Sentence, rule: Rule) -> Token | None:
    wanted = [c for c in (*rule.all, *rule.any) if c in sent.cues] or \
             [c for c in TRIGGER_ORDER if c in sent.cues]
    hits = sorted(h for c in wanted for h in sent.cues[c])
    if not hits:
        return None
    # prefer a verb among the hits: it carries the subject and object; failing that, a verb
    # of any event cue of the sentence ("were killed ... in an ambush": "killed")
    # a cue that opens with its article ("the bombing") is its noun's
    tokens = [t.head if t.pos_ == "DET" else t for t in (_token_at(sdoc, s) for s, _ in hits) if t is not None]
    for t in tokens:
        if t.pos_ == "VERB":
            return t
    # (a violent event's verb is violent: not "massing" of "could launch an offensive ...
    # citing intelligence that Moscow was massing forces")
    violent = all(c in _VIOLENT_CUES for c in wanted)
    others = sorted(h for c in TRIGGER_ORDER if c in sent.cues and c not in wanted
                    and (c in _VIOLENT_CUES or not violent) for h in sent.cues[c])
    for t in (_token_at(sdoc, s) for s, _ in others):
        # (not a verb inside a relative clause: "a march ..., after a week in which rights
        # groups say 40 people died")
        if t is not None and t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj", "advcl", "ccomp") \
                and not any(a.dep_ == "relcl" for a in t.ancestors):
            return t
    return tokens[0] if tokens else None


def _pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition, without dates ("On 3 May, militants shot ..." names no target)."""
    return [g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]


def _words(tok: Token) -> str:
    """A token's whole phrase, lower-cased."""
    return " ".join(t.lower_ for t in tok.subtree)


def _span_of(tok: Token) -> tuple[int, int]:
    """The characters of a token's whole phrase."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def _own_words(tok: Token) -> str:
    """A token's phrase without a passive's agent inside it ("a rifle shot by the police": a rifle)."""
    skip = {t.i for a in tok.subtree if a.dep_ == "agent" and a.i != tok.i for t in a.subtree}
    return " ".join(t.lower_ for t in tok.subtree if t.i not in skip)


def _lead_words(tok: Token) -> str:
    """A token's phrase up to the token itself ("an off - duty soldier" of "... soldier in the town")."""
    return " ".join(t.lower_ for t in tok.subtree if t.i <= tok.i)


def _object_tokens(trigger: Token) -> list[Token]:
    objs = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "with"):
            objs.extend(_pobjs(c))
    if trigger.dep_ in ("acl", "amod") and trigger.head.pos_ in ("NOUN", "PROPN"):
        objs.append(trigger.head)
    return objs


# Nouns for a group's people: "Assam Rifles men", "an official of the Levies Force" are the
# force's own; "men" and "officials" alone are civilians.
_MEMBER_NOUNS = frozenset({"man", "men", "official", "officials"})
_KIN_GROUPS = frozenset({"clan", "clans", "community", "communities", "tribe", "tribes", "family", "families"})
# A fight with the attackers just reported: "the bandits", "they", or the defenders' response.
_RESPONSE = re.compile(
    r"\b(?:the|these|those) (?:\w+ )?(?:bandits|gunmen|attackers|raiders|assailants|robbers|militants|rustlers|"
    r"attacker|gunman|assailant)\b|^\W*they\b|\b(?:respond|responds|responded|responding|intervene|intervenes|"
    r"intervened|retaliated|fired back|returned fire|return fire|repulsed|repelled|(?:fight|fought|fighting) back)\b",
    re.IGNORECASE)
_CARRIERS = frozenset({"vehicle", "vehicles", "bus", "buses", "car", "cars", "truck", "trucks", "van", "boat"})
# A member of the forces hit while off duty is a civilian victim (ACLED), wherever the sentence says so.
_OUT_OF_UNIFORM = re.compile(r"\b(?:unarmed|off\s*-?\s*duty|in (?:civilian|civil|plain) (?:clothes|dress))\b",
                             re.IGNORECASE)
# A target's own words that make it a civilian ("a civilian school guard", "a retired soldier"),
# beyond the sentence's off-duty words above
_UNARMED = re.compile(r"\b(?:civilian(?! police)|retired|former|ex(?=\s?-))\b"
                      # an officer of a civilian body: "a Red Cross officer", "a polling officer"
                      r"|\b(?:red cross|red crescent|aid|relief|humanitarian|ngo|health|medical|election|electoral|"
                      r"polling|revenue|education|agricultur\w*|veterinary|welfare)\s+(?:officers?|officials?)\b")


def _phrase_head(sdoc: Doc, char: int) -> Token | None:
    """The head noun of the phrase whose word is at a character offset ("police" of "police
    officers" -> "officers")."""
    tok = _token_at(sdoc, char)
    while tok is not None and tok.dep_ in ("compound", "amod", "nmod", "poss", "det") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _agent(sdoc: Doc, char: int) -> bool:
    """Whether the word at a character offset is in a passive's agent ("killed by the army") or
    is who did another verb of the sentence ("... injured after raiders attacked a village")."""
    tok = _phrase_head(sdoc, char)
    if tok is not None and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" \
            and any(c.dep_ == "mark" and c.lower_ in ("after", "when", "as", "while", "before")
                    or c.dep_ == "advmod" and c.lower_ == "when" and tok.head.lower_ in _ATTACK_VERBS
                    for c in tok.head.children):
        # ("killed when bandits attacked a van"; not "when the two officers pulled over a car")
        return True
    return tok is not None and tok.dep_ == "pobj" and (tok.head.dep_ == "agent" or tok.head.lower_ == "by")


def _teller(sdoc: Doc, char: int, trigger: Token | None) -> bool:
    """Whether the word at a character offset is who tells the story after telling it ("The
    motive for the shooting is unknown, the officer said"), not whom it is about. (Before it,
    the teller may be who was hit: "Soldiers said they were ambushed".)"""
    tok = _phrase_head(sdoc, char)
    return tok is not None and trigger is not None and tok.dep_ == "nsubj" and is_speech(tok.head) \
        and tok.head.i > trigger.i


def _bare_number(obj: Token) -> bool:
    """An object that is a number alone ("gunmen kill two on the road"), not one the parser
    cut from its noun ("killed 4 IS militants")."""
    if obj.pos_ != "NUM" or obj.dep_ != "dobj" or obj.n_lefts + obj.n_rights:
        return False
    after = obj.nbor(1) if obj.i + 1 < len(obj.doc) else None
    return after is None or after.pos_ in ("ADP", "PUNCT", "CCONJ", "ADV", "SCONJ")


def _officials(m: ActorMention, dictionary: ActorDictionary) -> bool:
    """Whether a mention names a government's people ("officials", "a district commissioner",
    "KRA officials"): unarmed, so civilians when violence hits them (ACLED)."""
    if m.kind == "class":
        return m.class_key == "government"
    return dictionary.is_government(m)


_DIED = frozenset({"died", "dies", "die", "dying", "perished", "succumbed"})
# what is held by fighters when it is what an attack hits ("attacked an army position", "stormed
# the trenches"); as words anywhere they are a stance or a job ("his position on the talks")
_FIGHTING_POSITIONS = frozenset({"position", "trench", "trenches", "foxhole", "foxholes", "dugout", "dugouts"})


def _target(lex: Lexicon, sent: _Sentence, trigger: Token | None, mentions: list[ActorMention],
            dictionary: ActorDictionary) -> str | None:
    """Whether the attack/kill of the sentence hit armed actors or civilians."""
    armed_rx, civ_rx = lex.cues["target_armed"], lex.cues["target_civilian"]
    if _OUT_OF_UNIFORM.search(sent.span.text):
        return "civilian"  # "gunned down while in civilian clothes and unarmed": off duty (ACLED)
    if trigger is not None and armed_rx.fullmatch(trigger.lower_) and trigger.dep_ in ("nsubj", "aux") \
            and trigger.head.pos_ == "VERB":
        # "Turkana raiders attack villagers" (the noun the cue found, "raiders", even where the
        # tagger read it as a verb): the raiders did it, to the villagers
        trigger = trigger.head
    doers, role_targets = _roles(trigger)
    if trigger is not None:
        objects = _object_tokens(trigger)
        if not objects:  # "Police shoot and kill seven gang members": the conjunct's object
            objects = [o for c in trigger.conjuncts if c.pos_ == "VERB" for o in _object_tokens(c)]
        # and the subject of a headline's passive ("2 Mungiki suspects killed")
        objects += [t for t in role_targets if t not in objects and t != trigger and t not in trigger.ancestors]
        for obj in objects:
            if obj.pos_ == "PRON":
                # "took a schoolteacher from his home and shot him dead": him is the teacher
                # (else who they are is in the rest of the sentence: "attacked them")
                obj = next(iter(taken_before(trigger, lambda t: t.pos_ in ("NOUN", "PROPN"))), obj)
            if obj.pos_ == "PRON":
                continue
            phrase, pre = _own_words(obj), _lead_words(obj)
            if _UNARMED.search(pre):
                return "civilian"  # "a civilian school guard", "a Red Cross officer"
            for m in mentions:
                if m.start <= obj.i < m.end and m.kind in ("actor", "class"):
                    if dictionary.is_party(m) or _officials(m, dictionary):
                        return "civilian"  # a party's people and a government's officials are civilians
                    ref = to_ref(m, dictionary, None)
                    if ref.inter in ARMED_INTER:
                        return "armed"
                    if ref.inter == 7:
                        return "civilian"
            head = obj.lower_
            if head in ("member", "members") and any(
                    g.lower_ in _KIN_GROUPS for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in _pobjs(c)):
                return "civilian"  # "two members of the Garre clan": a clan's people, not its militia
            member = head in _MEMBER_NOUNS
            if not civ_rx.fullmatch(head) or member:
                # "four members of al Shabaab", "a commander of the rebels": an armed group's people;
                # "a local Awami League leader": a party's people are civilians. "Men" and
                # "officials" are a force's own only by its name before them or after "of"
                left, right = obj.left_edge.i, obj.right_edge.i
                named = [m for m in mentions if left <= m.start <= right] if not member else \
                    [m for m in mentions if left <= m.start < obj.i] + _of_mentions(obj, mentions)
                for m in named:
                    if m.kind == "actor":
                        if dictionary.is_party(m):
                            return "civilian"
                        if to_ref(m, dictionary, None).inter in ARMED_INTER:
                            return "armed"
            # the noun a compound ends on decides: "a police informer", "a soldier's widow"
            # (a civilian word inside the armed words, "men" of "police men", is theirs)
            last_armed = max((m.end() for m in armed_rx.finditer(pre)), default=-1)
            if max((m.start() for m in civ_rx.finditer(pre)), default=-1) >= last_armed >= 0:
                return "civilian"
            if last_armed == len(pre):
                return "armed"
            if armed_rx.fullmatch(head) or head in _FIGHTING_POSITIONS \
                    or armed_rx.search(phrase) and not civ_rx.fullmatch(head):
                return "armed"  # (what an attack's object "position" is: a force's, not a stance)
            if head in _CARRIERS and armed_rx.search(" ".join(t.lower_ for t in obj.subtree if t.i > obj.i)):
                return "armed"  # "a vehicle carrying Levies personnel"
            if civ_rx.search(phrase) or _bare_number(obj):
                return "civilian"  # "kill two": people not named as fighters
    # no usable object: armed words outside the doer's own phrase mean armed targets (who
    # "died" is whom it hit: "Two police officers died after militants ambushed their van")
    died = trigger is not None and trigger.lower_ in _DIED
    spans = [] if died else [_span_of(d) for d in doers]
    armed = [s for s, _ in sent.cues.get("target_armed", [])
             if not any(a <= s < b for a, b in spans) and not _agent(sent.span.doc, s)
             and not _teller(sent.span.doc, s, trigger)]
    civil = [s for s, _ in sent.cues.get("target_civilian", []) if not any(a <= s < b for a, b in spans)]
    if trigger is not None and armed and civil and max(armed) < trigger.idx < min(civil) and not died:
        return "civilian"  # "Raiders attack and kill villagers": the doer comes first
    if armed and (not civil or trigger is not None and min(armed, key=lambda x: abs(x - trigger.idx)) is not None
                  and min(abs(x - trigger.idx) for x in armed) < min(abs(x - trigger.idx) for x in civil)):
        return "armed"
    return "civilian"


def _same_stance(a: str, b: str) -> bool:
    """A claim may add detail to a fact; an expectation, a supposition or a denial may not."""
    return a == b or (a not in _STANCES and b not in _STANCES)


def _territory_hits(sdoc: Doc, toponyms: list[Toponym]) -> list[tuple[int, int]]:
    """Verbs of taking whose object is a place ("seized Ramadi", "took parts of Nashwa")."""
    starts = sorted(t.start for t in toponyms)
    spans = {t.start: t.end for t in toponyms}

    def is_place(tok: Token) -> bool:
        if tok.lower_ in _PLACE_NOUNS or tok.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        i = bisect.bisect_right(starts, tok.idx) - 1
        return i >= 0 and tok.idx < spans[starts[i]]

    out = []
    for m in _TAKE_RE.finditer(sdoc.text):
        tok = _token_at(sdoc, m.start())
        if tok is None or tok.idx != m.start() or tok.lower_ not in _TAKE_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            objs.append(tok.head)  # "Ramadi, which the group captured on Sunday"
        more = []
        for o in objs:
            if o.lower_ in _PART_WORDS:
                for p in o.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        more.extend(g for g in p.children if g.dep_ == "pobj")
        # (a name the tagger misreads, told as a place by its apposition: "took Knin, the
        # stronghold of the rebels")
        if any(is_place(o) or any(is_place(c) for c in o.children if c.dep_ in ("compound", "appos"))
               for o in objs + more):
            out.append((tok.idx, tok.idx + len(tok)))
    return out


def _elsewhere(sent: _Sentence, group: _Group, toponyms: list[Toponym]) -> bool:
    """A same-type sentence naming a new place (while the group has one) is another event."""
    def places(a: int, b: int) -> list[Place]:
        return [t.place for t in toponyms if a <= t.start < b and t.place is not None]

    here = places(sent.span.start_char, sent.span.end_char)
    if not here:
        return False
    before = places(group.sentences[0].span.start_char, group.sentences[-1].span.end_char)
    return bool(before) and not any(_same_area(h, b) for h in here for b in before)


def _same_area(a: Place, b: Place) -> bool:
    """The same place, a town in the county or province named before ("Meru County" ... "Meru
    town"), or a place a few kilometres away."""
    if a.name == b.name:
        return True
    if a.country_code != b.country_code:
        return False
    if a.admin1 and a.admin1 == b.admin1 and "ADM1" in (a.feature_code, b.feature_code):
        return True
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= 25


def _sides(parties: list[Token], between: list[Token]) -> list[Token]:
    """The sides of a clash: its roles with their conjuncts ("Police and voters clashed"),
    and whoever "between" names anywhere in the sentence (``_between``: "a clash took place
    between ...", "injured in a clash between ...", where the trigger is another word)."""
    return list(parties) + [cj for p in parties for cj in p.conjuncts] + between


def _between(sent: _Sentence) -> list[Token]:
    """Whoever "between" names in the sentence, with their conjuncts."""
    # "two rival groups" alone may be armed ones: the other words decide
    return [x for t in sent.span if t.dep_ == "prep" and t.lower_ == "between"
            for g in _pobjs(t) if g.lower_ not in ("group", "groups") for x in (g, *g.conjuncts)]


_ARMED_GROUPS = frozenset({2, 3, 4})  # ACLED's rebels, political and identity militias


def _refs(tokens: list[Token], mentions: list[ActorMention], dictionary: ActorDictionary) -> list[ActorRef]:
    """The actors some tokens (and their conjuncts) are, by the words up to the noun
    ("Police", "RAF personnel"; not the "government" of "beneficiaries of government land")."""
    return [to_ref(m, dictionary, None) for t in tokens for x in (t, *t.conjuncts) for m in mentions
            if m.kind in ("actor", "class") and x.left_edge.i <= m.start <= x.i]


_BY_AGENT = re.compile(r"\bby (?:\w+ ){0,2}$", re.IGNORECASE)


def _camps(sides: list[Token], named: Callable[[Token], list[ActorMention]],
           dictionary: ActorDictionary) -> set[str]:
    """The parties the sides of a clash are named by, a party's wings counted as the party."""
    return {ref.name for d in sides for m in named(d) if dictionary.is_party(m)
            for ref in (dictionary.as_militia(to_ref(m, dictionary, None)),) if ref is not None}


def _doer(lex: Lexicon, sent: _Sentence, trigger: Token | None, mentions: list[ActorMention],
          dictionary: ActorDictionary) -> str | None:
    """Whether the event's doer is a crowd (youths, supporters, villagers) or armed."""
    crowd_rx, side_rx, armed_rx = lex.cues["crowd_actor"], lex.cues["crowd_side"], lex.cues["target_armed"]
    doers, targets = _roles(trigger)
    if not doers and trigger is not None and trigger.dep_ in ("advcl", "conj") and trigger.tag_ == "VBG" \
            and trigger.head.pos_ == "VERB" and trigger.head.dep_ in ("ROOT", "ccomp"):
        # "Attackers hurled grenades into a crowd ..., killing seven": the participle's doer is
        # the main verb's, and the crowd that verb hit is no doer (not a side clause's: "a crowd
        # pounced on them after police seized their weapons, beating them")
        doers, more = _roles(trigger.head)
        targets = targets + more
    clash = "clash" in sent.cues

    event = {t.i for t in trigger.subtree} if trigger is not None else set()

    def event_words(d: Token) -> set[int]:  # the event itself, where the parser hung it on its doer
        return event if trigger is not None and trigger.head.i == d.i else set()

    def named(d: Token) -> list[ActorMention]:  # (a name the phrase holds the end of: "Orma youth")
        a, b = d.left_edge.i, d.right_edge.i
        inside = event_words(d)
        return [m for m in mentions if m.start <= b and a < m.end and m.start not in inside
                and m.kind in ("actor", "class")]

    def militia(m: ActorMention) -> bool:  # a rebel group or militia, not a party
        return m.kind == "actor" and not dictionary.is_party(m) and to_ref(m, dictionary, None).inter in _ARMED_GROUPS

    def armed_group(d: Token) -> bool:  # a rebel group or militia named in the phrase
        return any(militia(m) for m in named(d))

    def crowd_words(words: str) -> bool:  # "youths", "supporters", "villagers"
        return bool(crowd_rx.search(words) or side_rx.search(words))

    between = _between(sent) if clash else []
    if any(armed_group(d) for d in between) \
            and not any(crowd_words(_lead_words(d)) and not armed_group(d) for d in between):
        return "armed"  # "a bystander was killed in clashes between the Kipsigis and Maasai communities"
    # in a clash every party is a doer: a crowd fighting the police is a riot, not a battle
    sides = _sides(doers + targets, between) if clash else doers
    if clash and trigger is not None and any(d.inter == 1 for d in _refs(doers, mentions, dictionary)):
        # "Police clashed with villagers": a crowd the state's forces fought is a riot's (two
        # communities that clash are ACLED's communal militias: a battle)
        sides = sides + [x for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"
                         for g in _pobjs(c) for x in (g, *g.conjuncts)]
    # (one verb has one doer: a second subject beside armed men is the parser's misreading of
    # an apposition, "Gunmen from the clan's private army, a powerful family, stopped a convoy")
    armed_doer = not clash and any(armed_rx.search(_lead_words(d)) for d in sides)
    for d in sides:
        head = _lead_words(d)
        if crowd_words(head) and not armed_rx.search(head) and not armed_group(d) and not armed_doer:
            return "crowd"  # "cadres of the Garo National Liberation Army" are its fighters
    if clash and any(dictionary.is_party(m) for d in doers for m in named(d)):
        # "BJP and Congress workers clashed": a party's men, not its militia; so is a fight of a
        # ruling party's youth wing with the opposition's members ("Imbonerakure and CNL members
        # fought one another": ACLED's mob violence)
        return "crowd"
    if clash and len(_camps(sides, named, dictionary)) >= 2 \
            and not any(r.inter == 1 for r in _refs(sides, mentions, dictionary)):
        # "clashes broke out between the Trinamool Congress and the CPI(M)": two parties' men
        # (two factions of one party are its militia's feud, as ACLED codes them: a battle)
        return "crowd"
    for d in doers:
        for m in named(d):
            if to_ref(m, dictionary, None).inter in ARMED_INTER:
                return "armed"
        # (not where a thing was thrown: "a grenade thrown into a crowd at a rally killed one")
        thrown = {t.i for c in d.children if c.dep_ == "acl" and c.tag_ == "VBN" for t in c.subtree} \
            if d.pos_ == "NOUN" else set()
        inside = event_words(d) | thrown
        phrase = " ".join(t.lower_ for t in d.subtree if t.i not in inside)
        if armed_rx.search(phrase):
            return "armed"
        if crowd_words(phrase):
            return "crowd"
    # the crowd word first in the sentence is its doer, unless it is who was hit ("Three
    # activists were injured as police opened fire on them") and not a side of a clash; one
    # after the event word or the sentence's main verb is its doer only as its agent ("injured
    # in an attack by activists"; "shells crashed into a compound where villagers had taken
    # refuge, killing 100", "hurled a grenade into a crowd, killing one")
    hit = [] if clash else [_span_of(t) for t in targets]
    crowd = [c for c in sent.cues.get("crowd_actor", ()) if not any(a <= c[0] < b for a, b in hit)]
    if not doers and crowd:
        first_crowd = crowd[0][0]
        first_armed = sent.cues["target_armed"][0][0] if "target_armed" in sent.cues else 10**9
        text = sent.span.doc.text
        root = sent.span.root  # (a verb, not one of speech: "police said youths ...")
        main = root.idx if root.pos_ in ("VERB", "AUX") and not is_speech(root) else 10**9
        before = min(trigger.idx if trigger is not None else 10**9, main)
        if first_crowd < first_armed and (first_crowd < before
                                          or _BY_AGENT.search(text[max(0, first_crowd - 30):first_crowd])):
            # ("Kalenjin youths attack ...": a community's youths are its militia)
            return "armed" if any(m.start_char <= first_crowd < m.end_char and militia(m) for m in mentions) else "crowd"
    return None


def _decide(lex: Lexicon, sdoc: Doc, sent: _Sentence, names: set[str], mentions: list[ActorMention],
            dictionary: ActorDictionary) -> tuple[Rule | None, Token | None]:
    """The sentence's rule and trigger word; who did it and to whom decide close calls."""
    rule = lex.classify(names, None, None)
    trig = _trigger(sdoc, sent, rule) if rule else None
    conditional = [r for r in lex.rules if (r.target or r.doer) and set(r.any) & names]
    if rule is None or not conditional or lex.rules.index(rule) < min(lex.rules.index(r) for r in conditional):
        return rule, trig
    target = _target(lex, sent, trig, mentions, dictionary)
    doer = _doer(lex, sent, trig, mentions, dictionary)
    better = lex.classify(names, target, doer)
    if better is not None and better is not rule:
        return better, _trigger(sdoc, sent, better)
    return rule, trig


def _mention_for(tok: Token, mentions: list[ActorMention],
                 dictionary: ActorDictionary | None = None) -> ActorMention | None:
    for m in mentions:
        if m.start <= tok.i < m.end:
            if m.kind == "actor":
                # "Indian and Pakistani troops": the first nationality named leads
                first = next((n for n in mentions if n.kind == "actor" and n.end - n.start == 1
                              and tok.left_edge.i <= n.start < m.start and tok.doc[n.start].ent_type_ == "NORP"), None)
                if first is not None:
                    return first
            if m.kind == "class" and dictionary is not None:
                # "Cadres of NSCN (K)", "militants of Al Shabaab": the armed group the class
                # word's "of" names is the actor
                named = [n for n in _of_mentions(tok, mentions) if n.kind == "actor" and both_armed(dictionary, n, m)]
                if named:
                    return named[0]
            return m
    # the phrase headed by tok (e.g. "militants of Al Shabaab")
    left, right = tok.left_edge.i, tok.right_edge.i
    inside = [m for m in mentions if left <= m.start and m.end - 1 <= right]
    return inside[0] if inside else None


def _of_mentions(tok: Token, mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions in the "of" or "from" phrase after a noun ("members of the Levies Force",
    "rebels from the Arakan Army")."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            left, right = c.left_edge.i, c.right_edge.i
            out.extend(m for m in mentions if left <= m.start <= right)
    return out


_ACCUSE = word_forms("accuse", "blame") | {"suspect", "suspects", "suspected", "suspecting", "charged", "convicted"}
_REDUCED_PASSIVE = frozenset({"killed", "injured", "wounded", "abducted", "kidnapped", "arrested",
                              "detained", "beheaded", "lynched", "executed", "murdered"})


# verbs whose past tense and participle are one word: passive in a headline only with a "by"
_HEADLINE_PASSIVE = frozenset({"shot", "attacked", "stabbed", "beaten", "hacked", "ambushed", "targeted", "gunned"})

_BODIES = frozenset({"body", "bodies", "corpse", "corpses", "remains"})
_FINDING = frozenset({"found", "find", "finds", "discovered", "discover", "discovers", "recovered", "recover",
                      "recovers", "retrieved", "exhumed", "located"})


def _finds_bodies(verb: Token) -> bool:
    """Whether a verb is the finding of the dead ("police recovered the body of a trader")."""
    return verb.lower_ in _FINDING and any(c.dep_ == "dobj" and c.lower_ in _BODIES for c in verb.children)


# what is "held" that is no one detained
_GATHERINGS = frozenset({"vigil", "vigils", "meeting", "meetings", "rally", "rallies", "protest", "protests",
                         "demonstration", "demonstrations", "march", "marches", "talks", "conference", "prayers",
                         "funeral", "procession", "sit-in", "election", "elections", "referendum", "session"})
_ARRESTING = word_forms("arrest", "detain", "apprehend", "nab") | {"caught", "held"}


def _arrests(verb: Token) -> bool:
    """Whether a verb is an arrest made after the event ("..., and police arrested a suspect")."""
    return verb.lower_ in _ARRESTING and verb.pos_ == "VERB" and any(c.dep_ == "dobj" for c in verb.children)


def _bare_passive(verb: Token) -> bool:
    """A headline's passive without its auxiliary: "2 police killed", "two children abducted"."""
    return verb.lower_ in _REDUCED_PASSIVE \
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "agent") for c in verb.children)


def _to_death(tok: Token) -> bool:
    """Whether a verb's dependent says the one it hit died: "dead", "to death". Without an
    object, "Police reservist shot dead" and "Trader stabbed to death" are headline passives
    (the parser may hang the object on "shot dead" as an adverb: "shot dead a couple")."""
    return tok.lower_ == "dead" and tok.dep_ in ("acomp", "oprd", "advmod") or tok.dep_ == "prep" \
        and tok.lower_ == "to" and any(g.dep_ == "pobj" and g.lower_ == "death" for g in tok.children)


def _roles(trigger: Token | None) -> tuple[list[Token], list[Token]]:
    """Doer and target tokens of a trigger from the parse (subject/agent vs object)."""
    doers: list[Token] = []
    targets: list[Token] = []
    if trigger is None:
        return doers, targets
    while trigger.dep_ in ("compound", "amod") and trigger.head.pos_ in ("NOUN", "PROPN") and trigger.head.i != trigger.i:
        trigger = trigger.head  # "air" in "seven air strikes": the phrase's head has the roles
    verb = trigger
    if trigger.pos_ not in ("VERB", "AUX") and trigger.head.pos_ == "VERB" and trigger.dep_ in ("dobj", "nsubj", "pobj"):
        # "carried out an air strike", "clashes erupted": the verb governs the roles
        verb = trigger.head if trigger.dep_ != "nsubj" else trigger
    if _finds_bodies(verb):
        # "Authorities found the bodies of nine men": who found them did not kill them
        return doers, [trigger]
    # headline style drops the auxiliary of a passive: in "2 police killed" the subject died,
    # in "Police reservist shot dead by militants" the parser's "by" is the agent's
    bare = not any(c.dep_ in ("aux", "auxpass", "dobj", "agent") for c in verb.children)
    reduced = _bare_passive(verb) or bare and verb.lower_ in _HEADLINE_PASSIVE and any(
        c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" and g.ent_type_ not in ("GPE", "LOC", "FAC")
                                                     for g in c.children) or _to_death(c) for c in verb.children) \
        and not any(c.dep_ == "npadvmod" and c.i > verb.i for c in verb.children)
    # "Police officer shot dead by gunmen": a verb with an agent is a passive, whatever the
    # parser called its subject
    passive = reduced or any(c.dep_ == "agent" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "nsubj":
            (targets if passive else doers).append(c)
        elif c.dep_ == "agent":
            doers.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("dobj", "nsubjpass"):
            targets.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):
            targets.extend(_pobjs(c))
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            parties = [g for g in c.children if g.dep_ == "pobj"]
            parties += [cj for p in parties for cj in p.conjuncts]
            doers.extend(parties[:1])
            targets.extend(parties[1:2])
        elif c.dep_ == "prep" and c.lower_ in ("by",):
            doers.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in ("with", "against", "on") and trigger.i != verb.i:
            targets.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("compound", "amod", "poss") and trigger.pos_ == "NOUN":
            doers.append(c)
    if trigger.dep_ == "acl":
        # "a soldier killed in the ambush" was hit; "a group of fishermen attacked and injured
        # four officers", a sentence the parser hung on its subject, tells what the group did
        # (a participle with an object of its own is no passive)
        active = trigger.tag_ in ("VBD", "VBN") and not any(c.dep_ == "agent" for c in trigger.children) and any(
            c.dep_ == "dobj" for v in (trigger, *(c for c in trigger.children if c.dep_ == "conj")) for c in v.children)
        (doers if active else targets).append(trigger.head)
    if not doers and trigger.dep_ == "pcomp" and trigger.head.lower_ in ("of", "for") \
            and trigger.head.head.lower_ in _ACCUSE:
        # "Residents accuse police of killing a man": who is accused did it, not who accuses
        doers.extend(c for c in trigger.head.head.children if c.dep_ == "dobj")
    # a conjunct verb ("attacked ... and killed") shares the first verb's subject, unless that
    # verb is a headline's passive ("three others injured and two children abducted": the hurt)
    if not doers and verb.dep_ == "conj" and not _bare_passive(verb.head):
        doers.extend(c for c in verb.head.children if c.dep_ == "nsubj")
    if not doers and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        # "was beaten and seriously injured by two police": the agent of the last of two
        # passive verbs is the doer of both
        doers.extend(g for cj in verb.children if cj.dep_ == "conj" and cj.pos_ == "VERB"
                     for c in cj.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj")
    if not doers and any(c.dep_ == "auxpass" for c in verb.children):
        # "were shot dead on a disputed island by Ugandan forces": the parser hung the agent's
        # "by" on the place
        doers.extend(g for t in targets if t.dep_ == "pobj" for c in t.children
                     if c.dep_ == "prep" and c.lower_ == "by" for g in _pobjs(c))
    return doers, targets


_CLAIMED_THINGS = frozenset({"responsibility", "credit"})
_CLAIMED_ATTACKS = frozenset({"attack", "attacks", "bombing", "bombings", "blast", "blasts", "assault", "ambush",
                              "killing", "killings", "explosion", "explosions", "raid", "strike", "strikes"})


def _claims_attack(tok: Token) -> bool:
    """Whether a token is a claim of an attack ("claimed responsibility", "claims credit")."""
    if tok.lower_ not in ("claim", "claims", "claimed", "claiming") or tok.pos_ not in ("VERB", "AUX"):
        return False
    after = [t.lower_ for t in tok.doc[tok.i + 1:tok.i + 3]]  # by the words: parses of it vary
    if after and (after[0] in _CLAIMED_THINGS or after[0] == "the" and len(after) > 1 and after[1] in _CLAIMED_THINGS):
        return True
    # "Al Shabaab claimed the attack", by the parse ("claimed the attack was repelled" is speech)
    return not any(c.dep_ == "ccomp" for c in tok.children) and any(
        c.dep_ == "dobj" and c.lower_ in _CLAIMED_ATTACKS and any(d.lower_ in ("the", "this", "that", "both") for d in c.children)
        for c in tok.children)


def _claims_back(span: Span) -> bool:
    """Whether a sentence claims the attack just told ("X claimed responsibility for the
    attack", "... for it"), not one of its own ("... for an attack on a bus on Monday")."""
    for tok in span:
        if not _claims_attack(tok):
            continue
        whats = [g for c in tok.doc[tok.i + 1:span.end] if c.dep_ == "prep" and c.lower_ in ("for", "of")
                 and c.head.lower_ in _CLAIMED_THINGS for g in c.children if g.dep_ in ("pobj", "pcomp")]
        return all(g.pos_ == "PRON" or any(d.lower_ in ("the", "this", "that", "these", "those", "both") for d in g.children)
                   for g in whats)
    return False


def _blames(tok: Token) -> bool:
    """Whether a word is a verb of blaming ("the government blamed the ELN")."""
    return tok.lower_ in BLAME_WORDS and tok.pos_ == "VERB"


def _a_source(tok: Token) -> bool:
    """Whether a word is, or describes, who says what a sentence tells ("the Iraqi military
    said"): the subject of an active verb of saying that does not claim its own deed ("Kenyan
    forces claim to have killed three") and is not a passive report ("strikes were reported")."""
    subj = tok.head if tok.dep_ in ("amod", "compound") else tok
    verb = subj.head
    return subj.dep_ == "nsubj" and is_speech(verb) and not any(c.dep_ == "xcomp" for c in verb.children)


def _claimant(g: _Group, mentions: list[ActorMention], dictionary: ActorDictionary) -> ActorMention | None:
    """The named group that claimed the report's attack, in its sentences or the cue-less ones
    after it; not "no group has claimed responsibility"."""
    for s in (*g.sentences, *g.tail):
        for tok in s.span:
            if _blames(tok) and not any(c.dep_ == "neg" for c in tok.children):
                # "the government blamed the ELN", "blaming Myanmar's army", "an air strike blamed
                # on Israel": whom the authorities blame is the doer they name
                whom = [c for c in tok.children if c.dep_ == "dobj"] + [
                    p for c in tok.children if c.dep_ == "prep" and c.lower_ == "on" for p in c.children if p.dep_ == "pobj"]
                blamed = next((m for c in whom for m in [_mention_for(c, mentions, dictionary)]
                               if m is not None and (m.kind == "actor" or m.class_key in STATE_FORCE_CLASSES)), None)
                if blamed is not None:
                    return blamed
            if not _claims_attack(tok) or any(c.dep_ == "neg" for c in tok.children):
                continue
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            if any(t.lower_ in ("no", "none", "neither") for c in subjects for t in c.subtree):
                continue
            found = [_mention_for(c, mentions, dictionary) for c in subjects] or [
                next((m for m in reversed(mentions) if tok.i - 3 <= m.end <= tok.i), None)]  # a parse without one
            for m in found:
                if m is not None and m.kind == "actor":
                    return m
    return None


_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
# violence with a doer and a victim: who it killed or hurt is not who did it
_ONE_SIDED = frozenset({"Explosions/Remote violence", "Violence against civilians"})
_HURT_VERBS = word_forms("kill", "wound", "maim", "injure", "hurt") \
    | word_forms("hit") | {"struck", "target", "targets", "targeted", "targeting"}  # what a bomb or a shell hit


def _hurt(span: Span) -> list[Token]:
    """The tokens of who a sentence says was killed, hurt or hit ("wounding six soldiers", "two
    policemen were killed", "a roadside bomb hit a military vehicle")."""
    return [t for v in span if v.lower_ in _HURT_VERBS and v.pos_ == "VERB"
            for c in v.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]


_OBSERVED = frozenset({"observed", "recorded", "registered", "documented", "heard", "counted", "monitored"})
_WHAT_MONITORS_COUNT = frozenset({"shots", "shot", "bursts", "explosions", "explosion", "blasts", "projectiles",
                                  "violations", "fire", "rounds", "shelling"})


def _counts_fire(verb: Token) -> bool:
    """A verb of monitors counting fire ("the OSCE SMM observed (a total of) 5 shots"): its
    subject is the fire's source, not a side."""
    return verb.lower_ in _OBSERVED and verb.pos_ == "VERB" and any(
        t.lower_ in _WHAT_MONITORS_COUNT for c in verb.children if c.dep_ == "dobj" for t in c.subtree)


def _speaker_tokens(span: Span) -> set[int]:
    """Token indices of who a sentence quotes ("X said", "according to X", "told X"): sources,
    not actors of the event, unless the parse makes them the doer."""
    doc = span.doc
    out: set[int] = set()
    for tok in span:
        if is_speech(tok):
            for c in tok.children:
                if c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("dobj", "dative") and tok.lower_ in ("told", "tells")):
                    out.update(t.i for t in c.subtree)
        elif _counts_fire(tok) or _blames(tok):
            # (who counted the fire, or blamed someone for it, is a source too)
            for c in tok.children:
                if c.dep_ == "nsubj":
                    out.update(t.i for t in c.subtree)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for c in doc[tok.i + 1].children:
                if c.dep_ == "pobj":
                    out.update(t.i for t in c.subtree)
    return out


def _speaker_mention(span: Span, mentions: list[ActorMention]) -> ActorMention | None:
    """The actor a sentence quotes ("The YPG said it had taken ..."), for its pronouns."""
    for tok in span:
        if is_speech(tok):
            for c in tok.children:
                if c.dep_ == "nsubj":
                    m = _mention_for(c, mentions)
                    if m is not None and m.kind != "entity":
                        return m
    return None


# words for the men of a group that the group's name, or its quoted spokesman, names
_MEMBER_WORDS = frozenset({"fighters", "forces", "members", "units"})


def _actors(lex: Lexicon, g: _Group, event_type: str, sub: str, mentions: list[ActorMention],
            dictionary: ActorDictionary, country: str | None, when: date | None
            ) -> tuple[ActorRef | None, ActorRef | None]:
    span_start = g.sentences[0].span.start
    span_end = g.sentences[-1].span.end
    local = [m for m in mentions if span_start <= m.start and m.end <= span_end]
    doers, targets = _roles(g.trigger)
    # the parties of a fight ("clashes between herders and farmers", "villagers clashed with
    # herders"), not whom it hit ("three villagers were killed in the clashes")
    parties = [*doers, *(t for t in targets if t.dep_ == "pobj")]
    parties += [p for t in doers for c in t.children if c.dep_ == "prep" and c.lower_ == "between" for p in _pobjs(c)]
    sides = {x.i for t in parties for x in (t, *t.conjuncts)}
    # in one-sided violence, who it killed or hurt ("..., wounding six soldiers")
    hurt = {t.i for s in g.sentences for t in _hurt(s.span)} if event_type in _ONE_SIDED else set()
    said = set().union(*(_speaker_tokens(s.span) for s in g.sentences))  # sources, not actors

    def ref(m: ActorMention) -> ActorRef:
        r = to_ref(m, dictionary, country, when)
        if event_type == "Battles" and m.kind == "class" and r.inter == 7 and any(m.start <= i < m.end for i in sides):
            # people who fight a battle are a communal militia (ACLED), not civilians
            return class_ref("communal_militia", dictionary, country, m.text, when) or r
        return r

    def named_by_class(m: ActorMention) -> ActorMention:
        # "militants from the TTP": the group a class word names is the actor
        return _mention_for(g.lead.span.doc[m.end - 1], local, dictionary) or m if m.kind == "class" else m

    def may_act(m: ActorMention) -> bool:
        return not (event_type in _NO_CIVILIAN_DOER and ref(m).inter == 7)

    a1m = None
    for t in doers:
        m = _mention_for(t, local, dictionary)
        if m is None and t.lower_ in _MEMBER_WORDS:
            # "Fighters from the Islamic State overran ...": whose they are, where the parser cut
            # the name out of the phrase
            m = next(iter(_of_mentions(t, local)), None)
        if m is None and (t.pos_ == "PRON" or t.lower_ in _MEMBER_WORDS):
            # "The YPG said it had taken ...", "... its fighters": the quoted actor
            m = _speaker_mention(g.lead.span, local)
        if t.dep_ == "nsubj" and _counts_fire(t.head):
            continue  # the monitors who counted the explosions
        if m is not None and may_act(m):
            a1m = m
            break
    def unnamed_armed(m: ActorMention) -> bool:  # "militants", "gunmen": armed, but no one in particular
        return m.kind == "class" and ref(m).inter in (2, 3)

    by_parse = a1m is not None and not unnamed_armed(a1m)
    a2m = next((m for m in (_mention_for(t, local, dictionary) for t in targets) if m and m is not a1m), None)
    if sub in _TERRITORY and g.trigger is not None:
        # "retook the town from al-Shabaab": who held the place is the other side, not who
        # helped take it ("backed by clan militias")
        held = next((m for c in g.trigger.children if c.dep_ == "prep" and c.lower_ == "from"
                     for p in _pobjs(c) for m in [_mention_for(p, local, dictionary)] if m and m is not a1m), None)
        a2m = held or a2m
    if a2m is None and a1m is not None and a1m.kind == "actor":
        # the other of two actors that share the doer's noun ("Indian and Pakistani troops")
        a2m = next((m for t in doers if t.left_edge.i <= a1m.start <= t.i for m in local
                    if m is not a1m and m.kind == "actor" and m.start <= t.i < m.end), None)
    # "Turkish air strikes hit PKK targets": the doer is named by a nationality (read below),
    # not by whichever actor the sentence names first
    by_nationality = a1m is None and any(t.ent_type_ in ("NORP", "GPE") and get_gazetteer().countries_named(t.text)
                                         for t in doers)
    if a1m is None and not by_nationality:
        quoted = set(said)
        # nor who found the dead, nor, in one-sided violence, who arrested someone for it
        quoted |= {t.i for s in g.sentences for v in s.span
                   if _finds_bodies(v) or event_type in _ONE_SIDED and _arrests(v)
                   for c in v.children if c.dep_ == "nsubj" for t in c.subtree}
        lead_local = [m for m in local if g.lead.span.start <= m.start < g.lead.span.end] \
            or [m for m in local if g.response_start is None or m.start < g.response_start]
        # a site ("a bomb went off near a police station") is the target of a one-sided event,
        # not a doer the text names; in a battle at it ("an attack on a police station was
        # foiled") its force is a side
        # nor, in one-sided violence, who was hit ("Three activists of the BCL were injured as
        # police opened fire"); the dead of a gunfight were one of its sides
        if event_type != "Battles":
            quoted |= {t.i for x in targets if x.dep_ != "pobj" and g.trigger not in x.subtree
                       for t in x.subtree} | hurt  # (not "on a disputed island by Ugandan forces")
        usable = [m for m in lead_local if m is not a2m and not any(i in quoted for i in range(m.start, m.end))
                  and may_act(m) and (event_type == "Battles" or not is_site(m, g.lead.span.doc))]
        rest = [m for m in usable if m.kind != "entity"] or usable
        a1m = rest[0] if rest else None
    if not by_parse:
        # "JNIM claimed responsibility": the group that claims the attack is its doer, where the
        # parse names no doer or only "militants" (ACLED codes the claimant)
        claimant = _claimant(g, mentions, dictionary)
        if claimant is not None and claimant is not a1m:
            if a2m is None and a1m is not None and a1m.kind == "class" and not unnamed_armed(a1m):
                a2m = a1m  # the soldiers the bomb hit
            a1m = claimant
    if event_type == "Battles" and a2m is not None and (
            ref(a2m).inter == 7 or a1m is not None and ref(a2m).name == ref(a1m).name):
        # "killed 12 people": the dead of a battle are not its other side, nor is the doer's
        # own "artillery fire"
        a2m = None
    if event_type == "Battles" and a2m is None and a1m is not None:
        # a battle has two sides: the other is the next armed actor its sentences name ("KIA
        # and Myanmar troops clashed", "killed in a gunfight with RAB personnel"), not a source
        first = ref(a1m).name

        def other_side(m: ActorMention) -> bool:
            r = ref(m)
            return r.inter in ARMED_INTER and r.name != first and not any(i in said for i in range(m.start, m.end))

        a2m = next((m for m in map(named_by_class, local) if m is not a1m and m.kind in ("actor", "class")
                    and other_side(m)), None)
    if a2m is None and hurt:
        # who a bomb or an attack hurt is its other side
        a2m = next((m for m in local if m is not a1m and m.kind in ("actor", "class") and m.start in hurt), None)
    a1m = named_by_class(a1m) if a1m else None
    a2m = named_by_class(a2m) if a2m else None
    actor1 = ref(a1m) if a1m else None
    actor2 = ref(a2m) if a2m else None
    defaults = {**lex.default_actors.get(g.rule.event_type, {}), **lex.default_actors.get(sub, {})}
    key1 = defaults.get("actor1")
    if key1 and actor1 is not None and a1m is not None and a1m.kind == "class" and actor1.inter in (5, 6):
        # the class follows the event: "protesters" who torch a bus are ACLED's rioters
        actor1 = class_ref(key1, dictionary, country, actor1.mention, when) or actor1
    if key1 and (actor1 is None or actor1.inter not in (5, 6)):
        # ACLED codes demonstrators by class; whoever else the sentence names (the police
        # that dispersed them) becomes the second actor
        moved = actor1 is not None and actor1.inter in ARMED_INTER and (actor2 is None or actor2.inter in (5, 6))
        # (the police who broke it up, or any state force, rebel or foreign army, are not the
        # crowd's name; a party whose members marched is)
        crowd_word = actor1 is not None and not moved and actor1.inter not in (1, 2, 8)
        cref = class_ref(key1, dictionary, country, actor1.mention if actor1 and crowd_word else "", when)
        if cref is not None:
            if moved:
                actor2 = actor1  # (the students who marched are the protesters, not their other side)
            elif actor2 is not None and actor2.inter in (5, 6):
                actor2 = None
            actor1 = cref
    if event_type in _DEMONSTRATIONS:
        # ACLED's other side of a protest or riot is who broke it up: the police or soldiers
        # ("protesters were met with live fire as security forces broke up the march, killing
        # four"), not the dead, the people who marched or whom they marched against ("the
        # president"); a peaceful protest has none but counter-protesters
        def is_force(r: ActorRef) -> bool:
            return r.inter == 1 and r.name.startswith(_FORCE_NAMES)

        force = next((r for m in local if m.kind in ("actor", "class") for r in [ref(m)]
                      if m.class_key in _FORCE_CLASSES or is_force(r)), None)
        if sub == "Peaceful protest":
            actor2 = actor2 if actor2 is not None and actor2.inter == 6 else None
        elif force is not None and (actor2 is None or not is_force(actor2)):
            actor2 = force
    key2 = defaults.get("actor2")
    if key2 and (actor2 is None or actor2.inter in ARMED_INTER or actor2.inter is None
                 or actor2.inter == 7 and a2m is not None and a2m.kind == "class"):
        # (ACLED's victims are the country's civilians; "women", "journalists" are who among them)
        cref = class_ref(key2, dictionary, country, actor2.mention if actor2 else "", when)
        if cref is not None:
            actor2 = cref
    unnamed = defaults.get("actor1_unnamed")
    if unnamed and actor1 is None:
        # a nationality that names the doer's arms: "Israeli strikes", "Russian shelling"
        state = [(e, homes) for e in g.lead.span.ents if e.label_ in ("NORP", "GPE")
                 and e.root.dep_ not in ("nsubjpass", "dobj", "pobj", "poss")
                 and not _a_source(e.root)  # ("..., the Iraqi military said")
                 and (g.trigger is not None and e.root.head.i == g.trigger.i or e.root.head.lower_ in _STATE_WEAPONS)
                 for homes in [get_gazetteer().countries_named(e.text)]
                 if e.label_ == "NORP" or homes]  # a country, not "the Kabul attack"
        if state:
            # the state's armed forces, when the word is one country's
            e, homes = state[0]
            if len(homes) == 1:
                actor1 = class_ref("military", dictionary, next(iter(homes)), e.text, when)
        elif sub != "Air/drone strike":
            # (an air force: a state is named after all, only not as an actor)
            # violence whose doer the text does not name: ACLED's unidentified armed group
            actor1 = class_ref(unnamed, dictionary, country, "", when)
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name:
        actor2 = None
    unnamed2 = defaults.get("actor2_unnamed")
    if unnamed2 and actor2 is None and actor1 is not None:
        # the other side the text does not name: a battle's unidentified armed group, a mob's
        # victims (civilians), unless it is who actor1 already is
        other = class_ref(unnamed2, dictionary, country, "", when)
        actor2 = other if other is not None and other.name != actor1.name else None
    return actor1, actor2


# the state's forces that break up a protest, by class or by ACLED's names for them
_FORCE_CLASSES = frozenset({"military", "police", "military_police", "federal_police", "civil_police"})
_FORCE_NAMES = ("Police Forces of", "Military Forces of")

# what a nationality names as the doer ("Israeli strikes", "Russian shelling"): a state's arms,
# not a victim's origin ("a Canadian aid worker", "a Hindu temple")
_STATE_WEAPONS = frozenset({"strike", "strikes", "airstrike", "airstrikes", "shelling", "drone", "drones",
                            "missile", "missiles", "jets", "warplanes", "aircraft", "planes", "artillery",
                            "rocket", "rockets", "bombardment", "bombing", "bombings", "raid", "raids",
                            "fire", "gunfire", "forces", "troops", "soldiers", "army", "navy", "military"})


def _date_for(dates: list[DateMention], start: int, end: int, published: date | None,
              lead: tuple[int, int, int] | None = None, filed: bool = False) -> tuple[date | None, int | None]:
    """The event's date: of its lead sentence, the one nearest the event word ("attacked on
    30 May and again on 25 June, when IS took two districts": the taking was on 25 June), else
    the first of its sentences, else the last before them, else the day of publication (a
    day's precision when it is the dateline's, ``filed``: a wire story tells that day's news).
    ``lead``: the lead sentence's start and end and the event word's offset."""
    if lead is not None:
        a, b, at = lead
        near = [d for d in dates if a <= d.start < b and d.date is not None]
        if len(near) > 1:
            best = min(near, key=lambda d: min(abs(d.start - at), abs(d.end - at)))
            return best.date, best.precision
    inside = [d for d in dates if start <= d.start < end and d.date is not None]
    if inside:
        return inside[0].date, inside[0].precision
    before = [d for d in dates if d.end <= start and d.date is not None]
    if before:
        return before[-1].date, before[-1].precision
    if published is not None:
        return published, 1 if filed else 2
    return None, None


_EXCESSIVE = "Excessive force against protesters"


def _force_kills(lex: Lexicon, s: _Sentence) -> bool:
    """Whether the police or soldiers killed someone in this sentence of a protest, by the
    parse: "Police intervene in the demonstration, killing one", "Police allegedly shot dead a
    rider". Not a death the protest is about ("after a truck killed a boy", "an officer who
    they believe killed two", "demanding justice over the killing of ...")."""
    if "kill" not in s.cues or "target_armed" not in s.cues or not sentence_fatalities(s.span, lex.vague_numbers)[0]:
        return False
    armed_rx = lex.cues["target_armed"]
    for tok in s.span:
        low = tok.lower_
        nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
        if not (low in ("killed", "killing", "kills", "kill") or low in ("shot", "shooting")
                and (nxt == "dead" or shot_dead_object(tok))):
            continue
        if any(a.dep_ == "relcl" or a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BEFORE_AFTER for c in a.children)
               or a.dep_ == "prep" and a.lower_ in _BEFORE_AFTER | _GRIEVANCE_PREPS for a in (tok, *tok.ancestors)):
            continue  # a death the protest is about
        verb = tok  # "Police intervened ..., killing one": the participle's doer is its verb's
        while not any(c.dep_ in ("nsubj", "agent") for c in verb.children) \
                and verb.dep_ in ("advcl", "conj", "xcomp", "pcomp") and verb.head.i != verb.i:
            verb = verb.head
        if any(armed_rx.search(_words(d)) for d in _subject_and_agent(verb)):
            return True
        if any(c.dep_ == "prep" and c.lower_ in ("in", "during", "by")
               and any(g.dep_ in ("pobj", "pcomp") and g.lower_ in _FORCE_ACTS and armed_rx.search(_words(g))
                       for g in c.children)
               for c in verb.children):
            return True  # "a student was killed in police action / firing"
    return False


# What the forces did that killed ("killed in police firing", "died in a police crackdown").
_FORCE_ACTS = frozenset({"action", "firing", "fire", "shooting", "crackdown", "operation", "raid", "lathicharge",
                         "baton-charge", "charge", "assault"})


def _subject_and_agent(verb: Token) -> list[Token]:
    """Who a verb says acted: its subject and the nouns of its "by" agent."""
    return [c for c in verb.children if c.dep_ == "nsubj"] + \
        [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


_BEFORE_AFTER = frozenset({"after", "following", "before", "since"})
# Who was arrested, when it is the protest's own crowd ("Police arrested them").
_ARRESTED_CROWD = re.compile(r"\b(?:them|protesters|protestors|demonstrators|marchers|participants)\b", re.IGNORECASE)


def _fatalities(lex: Lexicon, g: _Group, sub: str) -> int | None:
    if SUB_EVENT_TYPES.get(sub) == "Protests" and sub != "Excessive force against protesters":
        # by ACLED's definitions only force against protesters kills at a protest; a death
        # named in a protest's sentence is the grievance, not a casualty of the event, unless
        # the sentence says it happened at the protest ("a student was shot dead during the
        # demonstration"); two figures for it: the most conservative (ACLED)
        at_protest = [s for s in g.sentences if _deaths_at_protest(s.span.text)]
        counts = [n for n in (sentence_fatalities(s.span, lex.vague_numbers)[0] for s in at_protest) if n]
        return min(counts, default=0)
    total: int | None = None
    stated: int | None = None
    for s in g.tail:
        n, is_total = sentence_fatalities(s.span, lex.vague_numbers)
        if n is not None and is_total:
            stated = n if stated is None else min(stated, n)
    seen: list[int] = []
    for s in g.sentences:
        before = total is not None or stated is not None
        if "kill" not in s.cues and "attack" not in s.cues:
            n, is_total = sentence_fatalities(s.span, lex.vague_numbers, before) if re.search(
                r"no (?:one|body|casualt|fatalit|death|loss)|without (?:any )?casualt", s.span.text, re.IGNORECASE
            ) or "nil_toll" in s.cues else (None, False)
        else:
            n, is_total = sentence_fatalities(s.span, lex.vague_numbers, before)
        if n is None:
            continue
        if is_total:
            # a stated total; two totals for one event: the most conservative (ACLED)
            stated = n if stated is None else min(stated, n)
        elif total is not None and n and n <= total and _PART_OF_DEAD.search(s.span.text):
            # who the dead counted already were: "The dead included four rustlers", "three out
            # of ten militants"
            pass
        elif total is not None and n and (_OTHER_FIGURE.search(s.span.text) or not _MORE_DEAD.search(s.span.text) and (
                _REPORTED_FIGURE.search(s.span.text) or n > 1 and n in seen)):
            # another source's figure ("Al Shabaab claims eight dead", "The Standard reports 9
            # people were beheaded"), or the same dead told again ("... left five security
            # officers dead"; one death told twice is left to the words for the same person):
            # the most conservative (ACLED)
            total = min(total, n)
        else:
            total = n if total is None else total + n
        seen.append(n)
    return stated if stated is not None else total


# A death at the protest itself, not the one it is about: "was shot dead during the protest",
# "died in the clash", "killed at a rally".
_AT_WHAT = r"(?:\w+ ){0,2}?(?:protests?|demonstrations?|rally|rallies|procession|march|clash(?:es)?|hartal|banda|blockade|violence|melee|scuffle|stampede)\b"
_DIED_AT_PROTEST = re.compile(
    r"\b(?:killed|shot dead|died|dead)\b[^.;]{0,40}\b(?:(?:during|at) (?:the |a |an |this |that |their )?|"
    r"in (?:the |a |an |this |that |their ))" + _AT_WHAT, re.IGNORECASE)
# "a day after a youth was killed during a demonstration": an earlier death
_DIED_BEFORE = re.compile(r"\b(?:after|since|following)\b[^.;]{0,40}$", re.IGNORECASE)
_GUNFIRE = re.compile(r"\bshot\b|\bgunshot|\bbullet", re.IGNORECASE)


def _deaths_at_protest(text: str) -> list[re.Match[str]]:
    """The words of a sentence that place a death at the protest itself."""
    return [m for m in _DIED_AT_PROTEST.finditer(text) if not _DIED_BEFORE.search(text, 0, m.start())]


def _shot_at_protest(s: _Sentence) -> bool:
    """A death by gunfire that the sentence places at the protest itself."""
    return any(_GUNFIRE.search(m.group(0)) for m in _deaths_at_protest(s.span.text))


# A later count that is another source's figure, or that adds to the dead already counted.
_OTHER_FIGURE = re.compile(r"\b(?:claim(?:s|ed|ing)?|(?:other|one|another|some) (?:sources?|reports?)|conflicting|alternative|"
                           r"contest(?:s|ed)?|disputed?|unconfirmed)\b", re.IGNORECASE)
# a figure an outlet gives ("The Standard reports 9 people were beheaded") after the count told
_REPORTED_FIGURE = re.compile(r"\breport(?:s|ed)? (?:that )?(?:at least |up to |as many as )?(?:\d+|[a-z]+) (?:people|persons|were|had|have|died)\b",
                              re.IGNORECASE)
_PART_OF_DEAD = re.compile(r"\b(?:(?:the )?(?:dead|victims|deceased|killed) (?:included|include|were)|among (?:them|the dead|those killed|the victims)"
                           r"|of (?:them|those killed|the dead)|out of)\b", re.IGNORECASE)
_MORE_DEAD = re.compile(r"\b(?:also|more|other|another|further|additional|besides|too)\b", re.IGNORECASE)

_DEMONSTRATIONS = frozenset({"Protests", "Riots"})
# Cues that make a sentence after a protest more than how it was met: arrests (read by their
# own rule), deaths, fighting, weapons
_NOT_AN_INTERVENTION = frozenset({"arrest", "kill", "clash", "lethal_force", "direct_fire", "ied", "shelling", "air"})


def _same_kind(a: Rule, b: Rule) -> bool:
    """Same event type, or one demonstration told in two sentences (it gathered, then it
    turned violent): the merge re-reads the cues and picks the more specific sub-type."""
    return a.event_type == b.event_type or {a.event_type, b.event_type} <= _DEMONSTRATIONS


def _add_tail(groups: list[_Group], sent: _Sentence, breaks: list[int]) -> None:
    """Keep a stated total ("3 fatalities.") that follows the last report in its paragraph."""
    if groups and TOTAL_RE.search(sent.span.text) \
            and groups[-1].paragraph == bisect.bisect_right(breaks, sent.span.start_char):
        groups[-1].tail.append(sent)


_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_DIED_OF_WOUNDS = re.compile(r"\b(?:died|succumbed|passed away)\b.{0,80}\b(?:injur|wound|hospital)"
                             r"|\b(?:injur|wound)\w*\b.{0,80}\b(?:died|succumbed|passed away)\b", re.IGNORECASE)
_LATER_DEATH = re.compile(r"\b(?:died|succumbed)\s+later\b|\blater\s+(?:died|succumbed)\b", re.IGNORECASE)


def _new_event_marker(lex: Lexicon, sdoc: Doc, low: str, sent: _Sentence) -> re.Match[str] | None:
    """The first word of the sentence that says it tells another event ("another attack",
    "meanwhile"); "another 79 people were injured" counts more of the same event's hurt."""
    if lex.new_event is None:
        return None
    for m in lex.new_event.finditer(low, sent.span.start_char, sent.span.end_char):
        tok = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if m.group(0) == "another" and tok is not None and tok.end < len(sdoc) and sdoc[tok.end].like_num:
            continue
        return m
    return None


def _dated_apart(sent: _Sentence, last: _Group, days: list[tuple[int, tuple[int, int]]]) -> bool:
    """Whether a sentence names a day, and none of them is its last event's ("05 July. A mob
    lynched a police officer ... The officer had shot a rider while dispersing youths protesting
    on 03/07"): another event, told as the first one's cause. ``days``: the document's dates that
    spell out a month and day, as (offset, (month, day))."""
    a, b = sent.span.start_char, sent.span.end_char
    own = {k for at, k in days if a <= at < b}
    if not own or _DIED_OF_WOUNDS.search(sent.span.text):
        return False  # ("a protester, who had sustained severe injuries, died on 23 August": its toll)
    lead = last.lead.span
    theirs = [(at, k) for at, k in days if at < lead.end_char]
    inside = [k for at, k in theirs if at >= lead.start_char]
    day = inside[0] if inside else (theirs[-1][1] if theirs else None)
    return day is not None and day not in own


def _casualty_detail(rule: Rule, trig: Token | None, last: _Group, names: set[str]) -> bool:
    """ "Twelve killed, others injured." after a bombing or a riot: the toll of the last event,
    not an attack of its own (nobody is said to have done it)."""
    if rule.event_type not in ("Violence against civilians", "Battles") or last.rule.event_type not in _VIOLENT | {"Riots"} \
            or not names & {"kill", "injury", "nil_toll"} or "crowd_actor" in names:
        return False  # "Two soldiers killed." after an ambush is its toll as well
    doers, _ = _roles(trig)
    return not [d for d in doers if not d.like_num]  # "Nine killed": the number is the dead


_CROWD_PRONOUNS = frozenset({"they", "some", "many", "others"})


def _same_crowd(sent: _Sentence, last: _Group) -> bool:
    """A sentence whose doer is the crowd of the protest before it ("Prisoners protested
    over ... . The prisoners set fire to buildings and clashed with the guards"): the same
    event turning violent, not a new one."""
    if last.rule.event_type != "Protests":
        return False
    root = sent.span.root
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if not subjects:
        return False
    subj = subjects[0]
    if subj.lower_ in _CROWD_PRONOUNS:
        return True
    lead = {t.lower_ for t in last.lead.span if t.pos_ == "NOUN"} | _PROTEST_CROWD
    return subj.pos_ == "NOUN" and subj.tag_ == "NNS" and subj.lower_ in lead \
        and any(c.lower_ in ("the", "these", "those") for c in subj.children)


# What a protest's crowd is called once told ("... protested. The protesters lit fires").
_PROTEST_CROWD = frozenset({"protesters", "protestors", "demonstrators", "marchers", "strikers", "crowds"})


def _crowd_turned(sent: _Sentence, trig: Token | None, last: _Group) -> bool:
    """The protest's crowd itself did the violence of the sentence, as the doer of its main
    verb ("They beat up and injured the deputy principal"), not as those hurt ("Some injured")
    or a speaker ("The refugees say they are being targeted")."""
    if trig is None or not _same_crowd(sent, last):
        return False
    verb = trig
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.i == sent.span.root.i and verb.lower_ not in _HURT_VERBS \
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _paragraphs(text: str) -> list[int]:
    """Offsets of the line breaks: a sentence's paragraph is the number of breaks before it."""
    return [i for i, c in enumerate(text) if c == "\n"]


def _paragraph_text(text: str, breaks: list[int], para: int) -> str:
    """The text of paragraph number ``para`` (``breaks`` from ``_paragraphs``)."""
    return text[breaks[para - 1] if para else 0: breaks[para] if para < len(breaks) else len(text)]


def _span_end(text: str, start: int, end: int) -> int:
    """A sentence's end without its trailing white space (the line break after it)."""
    return start + len(text[start:end].rstrip())


_NOT_BREAK = re.compile(r"[^\n]")


def focus_text(text: str, lex: Lexicon) -> str:
    """``text`` with every paragraph that cannot hold a report blanked out (its characters
    turned to spaces, line breaks kept, so every offset stays where it was).

    A report starts only at a sentence with a standalone cue or a verb of taking, and never
    runs over a paragraph break (``build_reports``), so a paragraph with neither yields none:
    the statistical models need not read it. The first paragraph (headline, dateline) is kept.
    On a long page most paragraphs go (about three quarters of the text of ordinary web pages).
    """
    low = _lower(text)
    starts = sorted([a for name, hs in lex.hits(low).items() if name in lex.standalone for a, _ in hs]
                    + [m.start() for m in _TAKE_RE.finditer(text)])
    out = []
    start = 0
    for k, para in enumerate(text.split("\n")):
        end = start + len(para)
        i = bisect.bisect_left(starts, start)
        keep = k == 0 or (i < len(starts) and starts[i] < end)
        out.append(para if keep or not para.strip() else _NOT_BREAK.sub(" ", para))
        start = end + 1
    return "\n".join(out)


# What a protest is against is its grievance, not what happened at it: "protested against the
# killing of two workers", "to protest the vandalism of a statue", "demanding the release of
# those arrested for rioting". Violence named there does not make the protest violent.
_GRIEVANCE_PREPS = frozenset({"against", "over"})
# what people were arrested for: a protest they called or led, not one held there and then
_REASON_FOR = re.compile(r"\bfor (?:calling|organi[sz]ing|planning|leading|announcing|instigating|inciting)\b[^.]{0,25}$"
                         r"|\b(?:ahead of|before|to prevent|to stop|to foil|to thwart)(?: (?:a|an|the|their|its|his|her|this|"
                         r"next|sunday's|monday's|tuesday's|wednesday's|thursday's|friday's|saturday's|tomorrow's))?"
                         r"(?: (?:planned|proposed|scheduled|announced|upcoming|possible|expected))?(?: [\w-]+){0,2} $")
# word stems (the pipeline has no lemmatizer): what a grievance hangs on
_GRIEVANCE_VERBS = ("protest", "demand", "condemn", "denounc", "decry", "decri", "oppos")
_PROTEST_HEADS = ("protest", "demonstrat", "rall", "march", "agitat", "strik", "procession", "gather", "picket",
                  "sit-in", "hartal", "bandh", "dharna")
# what an "after" phrase names when it tells of earlier unrest: another protest or riot, or
# a time before the event's own
_EARLIER_UNREST = ("riot", "protest", "demonstration", "unrest", "agitation")
_EARLIER = re.compile(r"\b(?:previous|last|earlier|ago|past|yesterday)\b")
_GRIEVANCE_CUES = ("riot_violence", "riot_word", "stones", "mob", "lethal_force", "attack", "kill", "clash",
                   "looting", "arrest", "intervention", "injury")


def _grievances(sent: Span) -> list[tuple[int, int]]:
    """Character spans of what the sentence's protest is against (from the dependency parse)."""
    spans = []
    for tok in sent:
        head = None
        more: list[Token] = []
        if tok.lower_ in _GRIEVANCE_PREPS and tok.dep_ == "prep":
            if not tok.head.lower_.startswith(_PROTEST_HEADS):
                continue  # "clashed over land": a fight over something, not a grievance
            head = tok  # "protested against X", "a march over X"
        elif tok.lower_.startswith(_GRIEVANCE_VERBS) and tok.i > sent.start \
                and (tok.dep_ in ("xcomp", "advcl", "acl", "pcomp", "conj")
                     or tok.dep_ == "ROOT" and tok.tag_ in ("VBD", "VBP", "VBZ") and not tok.lower_.endswith(("ers", "ors"))):
            # "to protest X", "demanding X", "demanding justice for X", "residents protested X";
            # not how they protested ("by blocking the road")
            objs = [c for c in tok.children if c.dep_ in ("dobj", "prep") and not _means(c)]
            head, more = (objs[0], objs[1:]) if objs else (None, [])
        elif tok.lower_ in ("after", "following", "since") and tok.dep_ == "prep" and _tells_earlier_unrest(tok):
            head = tok
        elif tok.lower_ == "protest" and tok.i > sent.start and tok.nbor(-1).lower_ == "in":
            objs = [c for c in tok.children if c.dep_ == "prep"]
            head = objs[0] if objs else None  # "in protest of X"
        if head is not None:
            spans.extend(_clause_span(h) for h in (head, *more))
    return spans


def _tells_earlier_unrest(prep: Token) -> bool:
    """ "after the riots in the prisons the previous week", "since the prison riot": earlier
    unrest, not this protest's ("police opened fire following a scuffle" is this one's)."""
    for c in prep.children:
        if c.dep_ != "pobj":
            continue
        if c.lower_.startswith(_EARLIER_UNREST) or _EARLIER.search(_words(c)) \
                or prep.lower_ == "since" and any(t.lower_.startswith(_EARLIER_UNREST) for t in c.subtree):
            return True
    return False


def _means(tok: Token) -> bool:
    """Whether a word opens how something was done: "by blocking the road"."""
    return tok.lower_ == "by" and any(c.tag_ == "VBG" for c in tok.children)


def _clause_span(head: Token) -> tuple[int, int]:
    """Characters of a grievance phrase: the clause ends at a verb of its own or a dash
    ("protesters against insecurity throw stones", where the parser hung the rest of the
    sentence on the grievance), but not at a relative clause's ("the activists who were
    arrested for ...")."""
    end = head.right_edge.i + 1
    for t in head.doc[head.i + 1:end]:
        # (a spaced dash, not the hyphen of "a 17-year-old")
        dash = t.text in ("–", "—", ";") or t.text == "-" and bool(head.doc[t.i - 1].whitespace_)
        if dash or t.tag_ in ("VBD", "VBZ", "VBP", "VB", "MD") \
                and t.dep_ not in ("aux", "auxpass") and not _in_relative(t, head) \
                or t.tag_ == "VBG" and t.nbor(-1).text == "," and t.dep_ != "prep" or _means(t):
            # "against X, burning posters"; "protest X by blocking a road": how, not what
            # (", including murders and abductions" goes on with what: a participle as a preposition)
            end = t.i
            break
    last = head.doc[end - 1]
    return head.left_edge.idx, last.idx + len(last)


def _in_relative(tok: Token, top: Token) -> bool:
    """Whether ``tok`` sits in a relative or participle clause below ``top``."""
    clause = tok.dep_ in ("relcl", "acl")
    for a in tok.ancestors:
        if a.i == top.i:
            return False
        if clause or a.dep_ in ("relcl", "acl"):
            return True
    return False


# Deaths and hurt in an accident: no one's violence ("after one person died in an accident
# involving two minibuses", "a road accident injures a student"), often what a crowd is angry at.
_ACCIDENT = re.compile(
    r"\b(?:died|dies|die|killed|kills|injured|injures|injuring|hurt|wounded|death|deaths|dead"
    r"|lost (?:his|her|their) (?:life|lives))\b[^.;]{0,70}?"
    r"\b(?:accidents?|crash|crashes|collisions?)\b"
    r"|\b(?:accidents?|crash|crashes|collisions?)\b[^.;]{0,25}?\b(?:killed|kills|killing|injured|injures|injuring|died)\b")


# Fire that backs a ground attack: "troops backed by artillery and airstrikes attacked the
# SSA-N" is a battle (ACLED), not an air strike.
_BACKING = frozenset({"backed", "supported", "aided", "assisted", "covered"})
_SUPPORT_NOUNS = frozenset({"help", "aid", "support", "backing", "cover"})


def _drop_support(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the air and shelling cues of the fire that backs the sentence's attack (in place):
    the agent of "backed by", or the phrase "with the support of ...", "with air support"."""
    phrases = [c for t in sent if t.lower_ in _BACKING for c in t.children
               if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"]
    phrases += [t for t in sent if t.lower_ == "with" and any(
        c.dep_ == "pobj" and c.lower_ in _SUPPORT_NOUNS for c in t.children)]
    spans = [_span_of(p) for p in phrases]
    if any(not _inside(h, spans) for name in ("attack", "clash") for h in cues.get(name, ())):
        # (where the supported fire is all the sentence tells, it stays)
        _drop_inside(cues, ("air", "shelling", "heavy_launcher", "distant_fire"), spans)


def _drop_other_senses(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the cues of words of violence used in another sense (in place): inside an
    ``other_sense`` match ("a three-pointer", "shooting a film", "the plague killed"), or a
    game's "beat": "Switzerland beat Gibraltar 6-0", "Minnesota beat Buffalo" (a country, a
    city or a club beaten is a match lost, not people hurt)."""
    spans = [(a, b) for a, b in cues.pop("other_sense", ())]
    if not cues.get("kill") and _game_report(sent.text):
        # "Rask made 25 saves and Clifton added a goal as the Bruins beat the Devils": the
        # sentence tells a game, its attacks and battles are the players'
        _drop_inside(cues, _GAME_CUES, [(sent.start_char, sent.end_char)])
    # (only a word where a cue starts can lose one)
    for tok in {t.i: t for t in (_token_at(sent.doc, a) for hs in cues.values() for a, _ in hs) if t is not None}.values():
        if tok.lower_ in _GAME_VERBS and tok.pos_ == "VERB" and not any(c.dep_ == "prt" for c in tok.children) \
                and any(c.dep_ == "dobj" and _team(c) for c in tok.children) \
                and (any(c.dep_ == "nsubj" and _team(c) for c in tok.children)
                     or _SCORE.search(sent.doc.text, tok.idx, sent.end_char)):
            spans.append((tok.idx, tok.idx + len(tok)))
    _drop_inside(cues, list(cues), spans)


_GAME_WORDS = re.compile(
    r"\b(?:goals?|assists?|saves|scored|scoring|innings?|touchdowns?|quarterbacks?|pitchers?|pitched|homers?"
    r"|home runs?|rebounds?|free throws?|three-pointers?|playoffs?|semi-?finals?|quarter-?finals?|tournament"
    r"|championships?|league|season|coach(?:es)?|strikers?|midfielders?|goalkeepers?|goalies?|hat-trick|wickets?"
    r"|overtime|teammates?|(?:winning|losing) streak|straight (?:wins|victories|games|losses)|grand slam"
    r"|davis cup|world cup|nba|nfl|nhl|mlb|fifa|uefa)\b", re.IGNORECASE)
_AT_A_GAME = re.compile(r"\b(?:fans|supporters|hooligans|spectators|ultras|rioters|mobs?|crowds?)\b", re.IGNORECASE)
_GAME_CUES = ("attack", "clash", "takeover", "regain", "air", "shelling", "distant_fire", "direct_fire", "fought_back")


def _game_report(text: str) -> bool:
    """Whether a sentence tells a game: two of sport's words, and no crowd ("fans clashed
    after the league match" is a riot)."""
    return len({m.group(0).lower() for m in _GAME_WORDS.finditer(text)}) >= 2 and not _AT_A_GAME.search(text)


_GAME_VERBS = word_forms("beat", "defeat", "thrash", "rout", "edge", "upset", "sweep") | {"beaten"}
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b(?!\s*(?:year|month|day|week|hour|km|mile|meter|metre))")


def _team(tok: Token) -> bool:
    """A country, a city or a club by its name (not a person's): who wins or loses a match."""
    return tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "")


# A weapon named but not used ("the aircraft reached India", "$1 billion in missiles", "an
# ice shell", "a 9mm handgun was found"): no strike. A weapon's bare noun counts only in a
# sentence that tells it struck, fell, went off or hurt someone.
_WEAPON_NOUN = re.compile(
    r"(?:aircrafts?|jets?|drones?|uavs?|warplanes?|war planes|gunships?|helicopter gunships?|fighter jets?|jet fighters?"
    r"|combat aircraft|artillery|mortars?|rockets?|missiles?|shells?|grad|howitzers?|heavy weapons|projectiles?"
    r"|[0-9]+-?mm|explosives?|explosive devices?|rpgs?|rocket launchers?|grenade launchers?|remote[- ]controlled)")
_WEAPON_USED = re.compile(
    r"\b(?:struck|strikes?|striking|hit|hits|hitting|target\w*|bomb(?:ed|ing|s)?|pound\w*|fir(?:e|ed|es|ing)|rounds|launch(?:ed|es|ing)?"
    r"|exchang\w*|observed|heard|recorded|entered|brought down|incurring|losses"
    r"|dropp\w*|drop|drops|shell(?:ed|ing)|rain\w*|land(?:ed|ing|s)|fell|falls?|explo(?!sives\b)\w*|blast\w*|blew|blow\w*|crash\w*"
    r"|destroy\w*|damag\w*|attack\w*|kill\w*|wound\w*|injur\w*|dead|died|strafed|raid\w*|lobbed|hurled|detonat\w*"
    r"|went off|go off|goes off|used (?:explosives|dynamite)|(?:drove|drives|driving|ran|runs) over|intercept\w*|shot|downed|recovered|seized|found|defused|planted|hidden|casualt\w*)\b",
    re.IGNORECASE)
_WEAPON_CUES = ("air", "shelling", "ied", "heavy_launcher")


def _drop_unused_weapons(sent: Span, low: str, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the weapon cues of a sentence that names weapons without their use (in place;
    ``low``: the lower-cased text the cues were found in)."""
    if not any(cues.get(name) for name in _WEAPON_CUES) or _WEAPON_USED.search(sent.text):
        return

    def unused(a: int, b: int) -> bool:
        tok = _token_at(sent.doc, a)  # ("the army would shell the bridge": a verb of use)
        return bool(_WEAPON_NOUN.fullmatch(low, a, b)) and (tok is None or tok.pos_ != "VERB")

    _drop_where(cues, _WEAPON_CUES, lambda hit: unused(*hit))


# What a war's fighting does in a story about something else: "as fighting drags on", "fighting
# between Israel and Hamas stoked fears of a wider conflict" (markets, aid, diplomacy).
_BACKGROUND_VERBS = frozenset({"drags", "dragged", "dragging", "stoked", "stokes", "stoking", "fuelled", "fueled",
                               "fuels", "fuelling", "fueling", "rattled", "rattles", "spooked", "spooks", "weighed",
                               "weighs", "lifted", "lifts", "boosted", "boosts", "worried", "worries"})


# what moves in a market story: "oil prices jumped as fighting ...", "shares fell as fighting ..."
_MARKETS = frozenset({"price", "prices", "share", "shares", "stock", "stocks", "market", "markets", "futures", "bond",
                      "bonds", "yield", "yields", "index", "indexes", "indices", "currency", "dollar", "rouble",
                      "ruble", "shekel", "lira", "rupee", "naira", "gold", "crude", "benchmark", "wheat", "brent"})


_WORRIES = frozenset({"concern", "concerns", "fear", "fears", "worry", "worries", "alarm", "uncertainty", "jitters"})


def _markets_move(verb: Token) -> bool:
    """ "prices jumped", "shares fell": a market moves; "raised concern about supplies": what
    fighting does in a market story."""
    return verb.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lower_ in _MARKETS
                                       or c.dep_ == "dobj" and c.lower_ in _WORRIES for c in verb.children)


def _drop_background_fighting(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the clash cues of "fighting" that only describes or sets a scene (in place): a
    participle of who fights ("M23 rebels fighting in eastern Congo") or the subject of a verb
    of lasting or of markets ("as fighting drags on", "fighting stoked fears")."""
    def background(hit: tuple[int, int]) -> bool:
        tok = _token_at(sent.doc, hit[0])
        if tok is None or tok.lower_ != "fighting":
            return False
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return True
        heads = list(tok.ancestors)[:2]
        return any(a.lower_ in _BACKGROUND_VERBS or _markets_move(a) for a in heads)

    _drop_where(cues, ("clash",), background)


_RAID = re.compile(r"raid(?:s|ed|ing)?")
# what makes a raid more than a way to arrest people: someone killed, hurt, fought or taken
_RAID_HARM = ("kill", "injury", "clash", "direct_fire", "abduction", "sexual", "looting", "ied", "exploded",
              "shelling", "air", "grenade", "stones", "riot_violence", "mob", "crowd_control")


def _drop_raid_for_arrests(low: str, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the attack cues of a sentence whose only attack is the raid that made its arrests
    (in place): "troops arrested 12 people in overnight raids" is an arrest (ACLED), not an attack."""
    attacks = cues.get("attack")
    if not attacks or not cues.get("arrest") or any(cues.get(name) for name in _RAID_HARM):
        return
    if all(_RAID.fullmatch(low, a, b) for a, b in attacks):
        cues["attack"] = []


def _drop_accident(low: str, start: int, end: int, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the kill, injury and attack cues of a sentence's accident clause (in place)."""
    spans = [(m.start(), m.end()) for m in _ACCIDENT.finditer(low, start, end)]
    _drop_inside(cues, ("kill", "injury", "attack"), spans)


# What someone is wanted, accused or convicted of is another, earlier event: "arrested ... Sharma,
# who was wanted in the bomb blasts in the state capital" reports an arrest, not the blasts.
_HELD_WORDS = HELD_FOR | {"involved", "implicated", "booked", "sentenced", "acquitted", "jailed", "tried", "blamed"}
# a court's word for what it judged: "the conviction for", "his trial over", "a sentence for"
_JUDGED = frozenset({"conviction", "convictions", "sentence", "sentences", "verdict", "verdicts", "trial", "trials",
                     "indictment", "indictments", "acquittal", "retrial", "term", "terms", "counts", "charges"})
# a court's or a government's verbs of judging and of measures against someone: what they are
# "for" or "over" happened before ("barred the army chief over the killing of ...")
_COURT_VERBS = word_forms("convict", "sentence", "acquit", "jail", "imprison", "bar", "ban", "sanction", "blacklist",
                          "expel", "condemn", "summon", "indict")
_CONVICTED = word_forms("convict", "acquit")  # "convicted of murder"
_COURT_RULINGS = word_forms("convict", "sentence", "acquit", "jail", "imprison", "indict")
_PLOTS = word_forms("plot", "conspire") | {"conspiracy"}
_RULINGS = word_forms("rule", "conclude")
_VIOLENT_CUES = ("attack", "kill", "clash", "injury", "ied", "ied_device", "exploded", "detonation", "grenade",
                 "shelling", "air", "suicide", "direct_fire", "abduction", "sexual", "looting", "riot_violence",
                 "mob", "stones", "takeover")


# what follows an event: the search, the dead counted and buried
_AFTERMATH = frozenset({"rescuers", "rescue", "search", "searched", "searching", "dug", "digging", "survivors",
                        "rubble", "wreckage", "debris", "mourners", "mourned", "mourning", "buried", "burial",
                        "funeral", "funerals", "toll", "bodies"})


# the cues of an event a sentence can tell beside an earlier one it is dated by
_OWN_EVENT_CUES = (*_VIOLENT_CUES, "protest", "riot_word", "crowd_clash", "arrest", "agreement", "base", "transfer",
                   "change", "disrupted", "regain", "intervention", "crowd_control", "lethal_force")


# a war's words, when the war is what a story looks back on or means to end
_WARS = frozenset({"war", "wars", "conflict", "conflicts", "genocide", "insurgency", "insurgencies", "fighting",
                   "violence", "bloodshed", "campaign", "uprising", "troubles", "struggle", "rebellion"})
_ENDING = word_forms("end", "stop", "halt")
_LONG_SPANS = frozenset({"years", "decades", "century", "centuries", "chapter", "era"})
_FLED = word_forms("flee", "escape") | {"fled"}
_DYING = word_forms("kill", "wound", "injure") | _DIED | {"dead", "shot"}  # ("three were killed amid clashes")


def _the_war(tok: Token) -> bool:
    """ "the war", "the 1994 genocide", "its civil war": a war the reader knows, not "ethnic
    violence" or "a conflict" a note tells the toll of."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "his", "her") for c in tok.children)


_TIME_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})


def _time_ago(after: Token) -> str | None:
    """How far back a measured "after" goes ("a week after", "two days after": "week", "days"):
    what follows it is another, earlier event. None when the "after" is not measured."""
    near = [*after.children, *(after.head.children if after.dep_ == "mark" else ())]
    if after.dep_ == "prep" and after.head.dep_ == "npadvmod":
        near.append(after.head)  # ("days after a string of blasts killed 45": "days" over "after")
    return next((c.lower_ for c in near if c.dep_ == "npadvmod" and c.lower_ in _TIME_UNITS), None)


# stretches of time a clause may tell what went on in
_PERIODS = frozenset({"campaign", "campaigns", "period", "rule", "reign", "era", "regime", "presidency", "tenure",
                      "dictatorship", "years", "decade", "decades", "months", "crackdown", "summer", "winter",
                      "spring", "autumn", "year"})
_INQUIRIES = frozenset({"report", "reports", "inquiry", "inquiries", "investigation", "investigations", "probe"})
_MOURNING = frozenset({"mourning", "mourn", "mourns", "mourned", "funeral", "funerals", "burial", "burials"})
_WORKS = frozenset({"documentary", "documentaries", "film", "films", "movie", "movies", "book", "books", "novel",
                    "novels", "memoir", "play", "exhibition", "series", "podcast", "song", "opera", "photographs"})
_WAR_STARTS = frozenset({"invasion", "outbreak", "start", "beginning", "onset", *_WARS})
_BEGAN = word_forms("start", "erupt", "invade") | {"begin", "begins", "began", "begun", "broke"}
_LAUNCHED = word_forms("launch", "unleash", "wage")  # "since the army launched a crackdown"
_ONSETS = frozenset({*_WARS, "crackdown", "offensive", "invasion", "operation", "operations"})


def _since_the_war(since: Token) -> Token | None:
    """The verb a "since" measures from a war's start ("have fled since the war began", "since
    Russia invaded", "since the start of the war"); None when it counts from a day or from
    anything else ("the deadliest day since the invasion began" hangs on no verb)."""
    began = since.head
    if since.dep_ == "mark" and began.lower_ in _BEGAN and (
            began.lower_.startswith("invad") or any(c.dep_ == "nsubj" and c.lower_ in _WAR_STARTS for c in began.children)):
        verb = began.head
    elif since.dep_ == "prep" and any(c.dep_ == "pobj" and c.lower_ in _WAR_STARTS for c in since.children):
        verb = since.head
    else:
        return None
    if verb.dep_ in ("nsubj", "csubj") and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "fighting since the invasion has killed ...": the count is the sentence's
    return verb if verb.pos_ in ("VERB", "AUX") else None


_SPANS_COUNTED = frozenset({*_TIME_UNITS, "decade", "decades", "anniversary"})  # "25 years since ..."


def _counted_since(since: Token) -> bool:
    """Whether a "since" clause is an earlier event something is counted from: a first or a last
    ("the first aid to arrive since forces retook the city"), a time ("25 years since troops
    killed 8,000 men") or a campaign's launch ("since the army launched a crackdown")."""
    verb = since.head
    if since.i > 0 and since.nbor(-1).lower_ in _SPANS_COUNTED \
            or verb.lower_ in _LAUNCHED and any(c.dep_ == "dobj" and c.lower_ in _ONSETS for c in verb.children):
        return True
    head = verb.head
    while head.dep_ in ("relcl", "acl", "xcomp", "advcl") and head.pos_ in ("VERB", "AUX"):
        head = head.head  # (to the noun the clause is about)
    return verb.dep_ == "advcl" and head.i != verb.i and head.pos_ in ("NOUN", "ADJ") and (
        head.lower_ in ("first", "last") or any(c.lower_ in ("first", "last") or c.tag_ == "JJS" for c in head.children))


_APOLOGY = word_forms("apologise", "apologize") | {"apology", "apologies"}
_CITING = word_forms("cite") | {"describing"}  # ("describing killings and kidnappings as unprecedented")


def _told_of_them(verb: Token) -> bool:
    """Whether a relative clause tells what those it is about have done or have been doing, to
    say who they are: in the present perfect, on "whose" ("guerrillas whose kidnappings have
    terrorised the north"), or active and either going on ("who have been fighting the army
    since April") or naming them ("the gangs that have overrun the capital", no comma before
    it). Not "the armed forces, who have driven the militants out of the city" (the news itself,
    told as an aside), not what was done to someone ("two men who have been injured in the
    clash"), not "a conflict that has left two people dead" (this one's toll, read with the
    wars), and not a clause on the sentence's subject (where the parser also hangs the main
    verb's words: "vigilantes who have taken up arms ... traded gunfire")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not any(c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for c in aux):
        return False
    if any(t.lower_ == "whose" for t in verb.subtree if t.i < verb.i):
        return True  # what their violence has done: "guerrillas whose kidnappings have terrorised the north"
    if any(c.dep_ == "auxpass" for c in aux) or verb.head.dep_ in ("nsubj", "nsubjpass"):
        return False
    going_on = verb.tag_ == "VBG" and any(c.lower_ == "been" for c in aux)
    first = verb.left_edge
    return going_on or first.i == 0 or first.nbor(-1).text != ","


def _drop_wars_told_aside(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the violent cues of violence the sentence tells aside from its event (in place): a
    war it looks back on ("after four decades of bombings and shootings", "the genocide in which
    militias slaughtered ...", "a memorial to children killed in the war"), an earlier event it
    dates this one by ("a week after bomb blasts hit the capital", "the first release since the
    abduction") or counts from ("25 years since troops killed 8,000 men", "since the army
    launched a crackdown"), what has gone on since a war began or how far into it a story is
    ("two weeks into the bombardment"), what a film or a book is about, a war someone means to
    end, declares an end to or trains for ("aimed at ending fighting", "a halt to its campaign of
    bombings", "for the fight against X"), what a group has done or has been doing, told to say
    who they are ("the gangs that have overrun the capital"), what someone apologises for, and
    the grounds a decision cites ("imposed sanctions, citing the killing of ...").
    "Two days of clashes", "killed in the fighting on Monday" and "ending a nine-month battle"
    stay events, and so does an event days before a story that tells only its aftermath."""
    spans: list[tuple[int, int]] = []
    before: list[tuple[int, int]] = []  # earlier events weeks or more back, and a war's time: all their cues
    earlier: list[tuple[int, int]] = []  # days back
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _LONG_SPANS:
            spans.append(_span_of(tok.head.head))  # "three decades of violence"
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ("weeks", "months") \
                and tok.head.head.dep_ == "pobj" and tok.head.head.head.lower_ == "after":
            # what a story looks back on: "called off protests after weeks of demonstrations
            # that police broke up with tear gas" (the parser may hang the "that" clause on the
            # main verb: it is still the demonstrations')
            a, b = _span_of(tok.head.head)
            after = tok.doc[tok.head.head.right_edge.i + 1] if tok.head.head.right_edge.i + 1 < len(tok.doc) else None
            if after is not None and after.tag_ == "WDT" and after.head.pos_ == "VERB" and after.head.i > after.i:
                b = max(b, _span_of(after.head)[1])
            before.append((a, b))
        elif tok.lower_ in _FLED and tok.dep_ in ("relcl", "acl"):
            # what people fled, and their flight, told to say who they are: "camps for those
            # who fled the beheadings and raids", "refugees who fled attacks by militias"
            before.append(_span_of(tok))
        elif tok.lower_ == "after" and tok.dep_ in ("mark", "prep") and tok.head.dep_ != "ROOT" \
                and (ago := _time_ago(tok)) is not None:
            # an earlier event the story dates this one by: "less than a week after serial
            # bomb blasts hit the capital", "two days after the bombing"
            # ("days after a string of blasts in Ahmedabad killed 45", the parser hanging the
            # time on the earlier event's verb after it: that clause; "the day after the clash, X
            # burned trucks", "seized the town a day after launching attacks", on the sentence's
            # own: the "after" phrase)
            verb = tok.head.head
            told = verb if tok.dep_ == "prep" and tok.head.dep_ == "npadvmod" and verb.dep_ != "ROOT" and verb.i > tok.i \
                else tok.head if tok.dep_ == "mark" else tok
            (earlier if ago in ("day", "days") else before).append(_span_of(told))
        elif tok.lower_ == "since" and tok.dep_ == "mark" and _counted_since(tok):
            # the event something is counted from: "the first relief to arrive since forces
            # retook the city", "to mark 25 years since troops killed 8,000 men", "have fled
            # since the army launched a crackdown" (what was done since stays: "have executed
            # 217 people since they launched their offensive")
            before.append(_span_of(tok.head))
        elif tok.lower_ == "into" and tok.dep_ == "prep" and (
                tok.head.lower_ in _TIME_UNITS or any(c.dep_ == "npadvmod" and c.lower_ in _TIME_UNITS for c in tok.children)):
            spans.append(_span_of(tok))  # a war's time: "two weeks into Israel's bombardment of Gaza"
        elif tok.lower_ in ("halt", "end", "cessation") and tok.pos_ == "NOUN":
            # what someone declares an end to: "a definitive halt to its campaign of bombings"
            spans += [_span_of(c) for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "of")]
        elif tok.lower_ == "since" and tok.dep_ == "prep" and tok.head.pos_ != "VERB":
            # the earlier event a later one is measured from: "the first negotiated release
            # since the mass abduction", "the worst attack since the bombing of the embassy"
            spans.append(_span_of(tok))
        elif tok.lower_ == "since" and (since := _since_the_war(tok)) is not None:
            # what has gone on over a war's time, a count and not an event: "Syrians who have
            # fled since the war began", "fighting since the invasion has killed thousands"
            before.append(_span_of(since))
        elif tok.lower_ in _WORKS and tok.pos_ == "NOUN":
            # what a film, a book or an exhibition is about: "a documentary about home
            # demolitions and settler attacks won the Oscar"
            spans += [_span_of(c) for c in tok.subtree if c.dep_ == "prep" and c.lower_ == "about"
                      and _within_clause(c, tok)]
        elif tok.lower_ in _INQUIRIES and tok.pos_ == "NOUN":
            # what a report or an inquiry is on: "said in a report on clashes that killed about
            # 470 people" (what it says happened is a clause of its own: "a report said ...")
            spans += [_span_of(c) for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "into", "about")
                      and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)]
        elif tok.lower_ in _MOURNING and tok.pos_ in ("NOUN", "VERB"):
            # whom a country mourns or buries died before: "national mourning for the 67 people
            # killed during the siege" (the "for" hung on the mourning's verb: "began three days
            # of mourning on Wednesday for ...")
            verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None) if tok.pos_ == "NOUN" else None
            spans += [_span_of(c) for t in (tok, *([verb] if verb is not None else []))
                      for c in t.children if c.dep_ == "prep" and c.lower_ in ("for", "of") and c.i > tok.i]
        elif tok.lower_ in ("toll", "tally") and tok.dep_ == "dobj":
            # what drove a year's toll up: "with suicide bombings and air strikes pushing the
            # toll to its highest" (the parser hangs the verb on its doer)
            verb = tok.head
            doers = [c for c in verb.children if c.dep_ == "nsubj"]
            if verb.dep_ == "acl":
                first = verb.head
                while first.dep_ == "conj":
                    first = first.head
                doers.append(first)
            spans += [_span_of(d) for d in doers]
        elif tok.lower_ in ("fight", "war", "battle", "struggle") and tok.dep_ == "pobj" and tok.head.lower_ == "for":
            spans.append(_span_of(tok))  # what troops are trained or sent for: "for the fight against X"
        elif tok.lower_ in _ENDING and tok.pos_ == "VERB" and (
                tok.dep_ == "pcomp" or any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)):
            # what someone means to end: "to end the fighting", "aimed at ending fighting", "to
            # stop carrying out attacks" (not "drove them out, ending a nine-month battle": its
            # end is the event)
            spans += [_span_of(c) for c in tok.children if c.dep_ in ("dobj", "xcomp")]
        elif tok.dep_ == "relcl" and tok.head.lower_ not in _WARS and _told_of_them(tok):
            # what a group has done or has been doing, told to say who they are: "the gangs that
            # have overrun much of the capital", "the M23 rebels, who have been fighting the army
            # since April"
            spans.append(_span_of(tok))
        elif tok.lower_ in _APOLOGY:
            # what someone apologises for was done before: "apologised for the killing of 14
            # marchers in 1972"
            spans += [_span_of(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"]
        elif tok.lower_ == "amid" and tok.dep_ == "prep" and tok.head.pos_ == "VERB" and tok.head.lower_ not in _DYING \
                and not any(g.lower_ in FEAR_NOUNS for g in tok.children):
            # the fighting a sentence's own event happened amid: "abducted 4 young men from a car
            # wash amid fighting between rival factions" (not "three were killed amid clashes";
            # "amid fears of clashes" is a fear's, read by the modality)
            spans.append(_span_of(tok))
        elif tok.lower_ == "despite" and tok.dep_ == "prep":
            # what something happens in spite of is no event of the sentence: "renewed an arms
            # embargo, citing continued fighting, despite the country's 2018 peace deal"
            before.append(_span_of(tok))
        elif tok.lower_ in _CITING and tok.pos_ == "VERB":
            # the grounds a decision cites: "imposed sanctions, citing the systematic killing of men"
            spans += [_span_of(c) for c in tok.children if c.dep_ == "dobj"]
        elif tok.lower_ in _PERIODS and tok.pos_ == "NOUN":
            # what went on over a stretch of time, told of it: "his 1982-1990 rule, a period in
            # which some 40,000 people were killed", "a campaign in which 100 candidates were
            # murdered"
            spans += [_span_of(c) for c in tok.children if c.dep_ == "relcl"
                      and any(k.dep_ == "prep" and k.lower_ in ("in", "during", "over", "throughout") and
                              any(w.lower_ == "which" for w in k.children) for k in c.children)]
        elif tok.lower_ in _WARS and tok.pos_ == "NOUN" and _the_war(tok):
            # what the war did, told in a clause on it: "the genocide in which extremists
            # slaughtered 800,000" ("a conflict that has left two people dead" is this one's toll)
            spans += [_span_of(c) for c in tok.children if c.dep_ == "relcl"]
            # who died in it, told as a description: "a memorial to children killed in the war"
            # ("Two killed in ethnic fighting" is a headline's event)
            killed = tok.head.head
            if tok.dep_ == "pobj" and tok.head.lower_ == "in" and killed.dep_ == "acl" \
                    and killed.head.dep_ in ("pobj", "dobj") and killed.head.pos_ == "NOUN" \
                    and not any(c.dep_ == "nummod" for c in killed.head.children) \
                    and not any(c.ent_type_ in ("DATE", "TIME") for c in killed.subtree):
                spans.append(_span_of(killed))
    if any(not _inside(hit, earlier) for name in _OWN_EVENT_CUES for hit in cues.get(name, ())) \
            or not any(t.lower_ in _AFTERMATH and not _inside((t.idx, t.idx), earlier) for t in sent):
        # (an event days before, told by its aftermath, is what the story reports: "rescuers
        # dug through the rubble a day after a missile killed 30"; not when the story tells
        # something else: "the crash comes a day after the Taliban swapped two hostages")
        # (its violence, and a truce: "three days after a ceasefire was meant to take effect")
        _drop_inside(cues, (*_VIOLENT_CUES, "agreement"), earlier)
    _drop_inside(cues, _VIOLENT_CUES, spans)
    _drop_inside(cues, (*_OWN_EVENT_CUES, "other"), before)


_AGO_UNITS = frozenset({"year", "years", "decade", "decades"})
# a span up to now, not a time before it: "since last week", "over last year"
_SPAN_PREPS = frozenset({"since", "in", "over", "during", "within", "throughout", "for", "from", "until", "till"})
_RECENT_UNITS = frozenset({"week", "weeks", "month", "months"})
_YEAR = re.compile(r"(?:19|20)\d\ds?")
_A_DAY_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\.?\s*(?:[A-Za-z]+\.?)?\s*,?\s*$")  # "1 May 2020", "Oct 27th 2019"
# clauses that describe beside the sentence's own ("whom soldiers killed in 1992"), not what a
# source reports ("sources reported that two months ago militiamen killed two")
_ASIDE_CLAUSES = frozenset({"relcl", "acl", "advcl", "pcomp"})


def _drop_told_as_earlier(sent: Span, cues: dict[str, list[tuple[int, int]]], month: int | None,
                          year: int | None) -> None:
    """Remove the violent cues of what a clause dates before the story (in place): "last year",
    "two years ago", or a bare month at least two months before the dateline's ("BEIRUT, Feb 23
    -- ... Nasrallah, who was killed in an Israeli air strike in September"). What is dated so
    is what a story looks back on, whatever it reports. Dated by weeks ("three weeks ago", "last
    week") or by a year alone ("in 1994", before the story's year), only a clause that describes
    beside the sentence's own is ("girls its fighters kidnapped in 2014"; "In 2014, Boko Haram
    abducted 276 girls" is a lead about then, "sources reported that two months ago ..." a late
    report)."""
    spans = []
    for tok in sent:
        # aside: dated so, only a clause of its own is earlier ("whom soldiers killed in 1992")
        if tok.lower_ in _AGO_UNITS | _RECENT_UNITS and (
                (tok.dep_ == "npadvmod" or tok.dep_ == "pobj" and tok.head.lower_ not in _SPAN_PREPS)
                and any(c.lower_ == "last" for c in tok.children)
                and not any(c.lower_ in ("the", "this", "past") for c in tok.children)  # (not "in the last year")
                or tok.head.lower_ == "ago"):
            anchor = tok.head.head if tok.head.lower_ == "ago" else tok.head  # "last year", "two years ago"
            aside = tok.lower_ in _RECENT_UNITS
        elif _YEAR.fullmatch(tok.text) and tok.ent_type_ == "DATE" and (year is None or int(tok.text[:4]) < year) \
                and not _A_DAY_BEFORE.search(sent.doc.text, max(0, tok.idx - 16), tok.idx):
            # "in 1994", "in July 1995", "in the late 1990s", "after the failed 1991 uprising"
            # (not "on 4 May 2020": a day of its own)
            anchor, aside = tok.head, True
        elif month is not None and tok.ent_type_ == "DATE" and MONTHS.get(tok.lower_) and tok.text[0].isupper() \
                and (month - MONTHS[tok.lower_]) % 12 >= 2 and not any(c.like_num for c in tok.children) \
                and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            anchor, aside = tok.head.head, False  # "killed in an air strike in September" (not "on Sept 3")
        else:
            continue
        while anchor.pos_ not in ("VERB", "AUX") and anchor.dep_ != "ROOT" \
                or anchor.dep_ == "conj" and anchor.head.dep_ != "ROOT":
            anchor = anchor.head  # (to the first of verbs in a row: "shot, clubbed and hacked to death in 1994")
        if anchor.pos_ in ("VERB", "AUX") and not (aside and anchor.dep_ not in _ASIDE_CLAUSES):
            spans.append(_span_of(anchor))
    _drop_inside(cues, (*_VIOLENT_CUES, "intercept", "disrupted"), spans)  # (a jet "shot down over Hanoi in 1967" too)


_MANY = frozenset({"hundreds", "thousands", "millions", "tens", "scores", "million", "thousand"})
# (what violence has done: "violence has forced 800,000 from their homes"; not "10,000 villagers
# have been forced to leave due to relentless shelling", where the shelling is this event's)
_DISPLACING = word_forms("displace", "uproot") | {"forced", "driven"}
_TALLY_VERBS = word_forms("kill", "leave", "claim", "shoot", "slaughter", "massacre", "die") | {"left", "shot"} | _DISPLACING


def _in_thousands(tok: Token) -> bool:
    """Whether a token is a count of a thousand or more written in figures ("34,000"; not the
    year of "On 10 December 2019")."""
    digits = tok.text.replace(",", "")
    return tok.like_num and digits.isdigit() and tok.ent_type_ != "DATE" and int(digits) >= 1000


def _a_tally(verb: Token) -> bool:
    """Whether a killing verb counts hundreds or thousands in the perfect, in a relative clause
    or with a war as subject: what a war has done over its years ("an insurgency that has killed
    tens of thousands", "killings have left thousands dead", "a 52-year war that killed some
    220,000", "this summer's war, in which strikes killed more than 2,100", "the thousands killed
    during its rule"), not one event's toll."""
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had") for c in verb.children)
    told_aside = verb.dep_ in ("relcl", "acl") or any(c.dep_ == "nsubj" and c.lower_ in _WARS for c in verb.children) \
        or any(t.lower_ in ("which", "whom") for c in verb.children if c.dep_ == "prep" for t in c.children) \
        or any(t.lower_ in _WARS and t.dep_ == "pobj" for c in verb.children
               if c.dep_ == "prep" and c.lower_ in ("in", "during") for t in c.children)  # "killed in a 20-year conflict"
    # the stretch of time it counts over, by preposition: "during the first three months of the
    # year" (a statistic when counted in thousands), "over four decades" (a war's, whatever its size)
    over = {(c.lower_, t.lower_) for c in verb.children if c.dep_ == "prep" for t in c.children if t.dep_ == "pobj"}
    if not (perfect or told_aside or any(p in ("over", "during", "in") and t in ("months", "years", "quarter")
                                         for p, t in over)):
        return False
    if verb.dep_ == "relcl" and verb.head.lower_ in _WARS:
        return True  # "a struggle in which more than 800 people have been killed": the war's toll, whatever its size
    if any(p in ("over", "during", "across") and t in ("years", "decades") for p, t in over):
        return True  # "the bombings that killed more than 800 people over four decades"
    counted = [t for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj", "oprd", "ccomp") for t in c.subtree]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children):
        counted.append(verb.head)  # "mourning the thousands killed during its rule" (the dead themselves)
    return any(t.lower_ in _MANY or _in_thousands(t) for t in counted)


# a whole land, as a clause describes it ("a nation fighting an insurgency"): not a town's or a
# base's ("a town being shelled", "a base housing troops")
_LANDS_DESCRIBED = frozenset({"country", "countries", "nation", "nations", "state", "states", "region", "regions",
                              "society", "continent", "land"})
# a place as a clause describes it ("a country where militias raid villages", "a region scarred
# by violence", "a capital where militants bomb officials")
_PLACES_DESCRIBED = _PLACE_NOUNS | _LANDS_DESCRIBED | {"capital"}


def _habitual(verb: Token) -> bool:
    """Whether a violent verb tells what happens as a rule, in a clause on a place ("a capital
    where militants still bomb and gun down officials", "a country where death squads kill
    hundreds every month"): no event."""
    first = verb.head if verb.dep_ == "conj" else verb
    # (not a note's headline present: "injured when unknown men throw a grenade")
    return verb.tag_ in ("VBP", "VBZ") and first.dep_ == "relcl" and any(c.lower_ == "where" for c in first.children) \
        and (first.head.lower_ in _PLACES_DESCRIBED or first.head.ent_type_ in ("GPE", "LOC"))


_TALLY_NOUNS = frozenset({"murders", "killings", "homicides", "deaths", "attacks", "kidnappings", "abductions",
                          "shootings", "bombings", "massacres"})
_BLIGHTED = frozenset({"scarred", "plagued", "wracked", "racked", "ravaged", "torn", "riven", "gripped", "blighted",
                       "battered", "beset", "haunted", "marked"})


def _by_thousands(noun: Token) -> bool:
    """Whether a plural of violence is counted in thousands: a statistic, no one event ("more
    than 34,000 murders in 2019", "thousands of kidnappings")."""
    return any(c.dep_ == "nummod" and _in_thousands(c) for c in noun.children) \
        or noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in _MANY


_NO_ONE = frozenset({"one", "nobody", "none", "noone"})


def _nil_tolls(sdoc: Doc, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Move the death and injury words that count nought ("no casualties were reported",
    "without any casualties", "no one was hurt") to a cue of their own, "nil_toll" (in place):
    the event's toll, 0, and no killing that makes police who fired tear gas into a battle."""
    for name in ("kill", "injury"):
        for hit in list(cues.get(name, ())):
            tok = _token_at(sdoc, hit[0])
            # (the nought is the toll noun's, or its verb's subject's: "no one was hurt")
            if tok is not None and (tok.lower_ in TOLL_NOUNS and (
                    counts_nought(tok) or tok.dep_ == "pobj" and tok.head.lower_ == "without")
                    or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _NO_ONE and counts_nought(c)
                           for c in tok.children)):
                cues[name].remove(hit)
                cues.setdefault("nil_toll", []).append(hit)
    # ("killed" is an attack's word as well; and "no one was injured in the arson attack" names
    # the attack just told)
    nil = set(cues.get("nil_toll", ()))
    if nil and cues.get("attack"):
        cues["attack"] = [hit for hit in cues["attack"] if hit not in nil]


def _drop_tallies(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the violent cues of what a war has done over its years, of what goes on as a rule
    in a place, of violence counted in thousands ("34,000 murders in 2019") or said to scar a
    place ("a country scarred by cartel violence"), and of a market story's cause ("Brent crude
    posted its biggest jump after drone strikes on ...") (in place). (What a group's violence
    has done, "whose kidnappings have terrorised the north", is ``_told_of_them``'s.)"""
    spans = [_span_of(tok) for tok in sent if tok.pos_ in ("VERB", "AUX") and tok.lower_ in _TALLY_VERBS and _a_tally(tok)
             and not (tok.lower_ in _DISPLACING and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children))]
    spans += [_span_of(tok) for tok in sent if tok.pos_ == "VERB" and _habitual(tok)]
    spans += [(tok.idx, tok.idx + len(tok)) for tok in sent if tok.lower_ in _TALLY_NOUNS and _by_thousands(tok)]
    # a place described by what it suffers: "a country scarred by cartel violence"
    spans += [_span_of(tok) for tok in sent if tok.dep_ == "acl" and tok.lower_ in _BLIGHTED
              and tok.head.lower_ in _PLACES_DESCRIBED]
    # ... or by what it goes through: "the deadliest attack in years in a country battling
    # Islamist insurgents" (not "a town being shelled")
    spans += [_span_of(tok) for tok in sent if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.lower_ != "being"
              and tok.head.lower_ in _LANDS_DESCRIBED]
    if _markets_move(sent.root):
        spans.append((sent.start_char, sent.end_char))
    _drop_inside(cues, _VIOLENT_CUES, spans)


def _hangs_under(tok: Token, top: Token, barrier: Callable[[Token], bool]) -> bool:
    """Whether ``tok`` hangs under ``top`` in the parse through no head for which ``barrier``
    holds."""
    for head in tok.ancestors:
        if head.i == top.i:
            return True
        if barrier(head):
            return False
    return False


def _within_clause(tok: Token, top: Token) -> bool:
    """Whether ``tok`` hangs on ``top`` through no finite verb of its own ("barred him from
    entering the country over X": yes; "sentenced him after militants killed X": no)."""
    return _hangs_under(tok, top, lambda head: head.tag_ in ("VBD", "VBZ", "VBP", "MD"))


def _said_of_them(verb: Token) -> bool:
    """Whether a relative clause says what someone else holds the people named before it
    responsible for ("two army units it accused of taking part in killings"): a description,
    not "the rebels, who accused the army of shelling the town" (their claim of an event)."""
    return verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that")
                                        for c in verb.children)


def _drop_held_for(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the violent cues of what the sentence says someone is held for (in place)."""
    # (a participle that describes someone: "a man suspected of killing a trader"; "the group
    # accused the army of shooting two men" and "X is charged with assaulting" report the event)
    # (up to a verb of its own: "two men accused of robbing when the police intervened and
    # shot a woman", where the parser hung the rest of the sentence on the charge)
    spans = [_clause_span(c) for tok in sent
             if tok.lower_ in ("wanted", "guilty") or tok.lower_ in _HELD_WORDS and (tok.dep_ in ("acl", "amod") or _said_of_them(tok))
             or tok.lower_ in _JUDGED and tok.pos_ == "NOUN"  # "his conviction for the 1995 massacre"
             # ("on 70 counts including murder, rape and enslavement")
             for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "for", "of", "with", "over", "including")]
    # what an arrest follows is why it was made: "Soldiers detain an MP and dozens of supporters
    # after campaign violence", "arrested X after a dispute over the body of a singer"
    # (not "After an exchange of fire, police arrested 7 militants", told in order; nor a vigil
    # "held after a terrorist attack")
    spans += [_span_of(c) for tok in sent if _arrests(tok)
              and not any(o.dep_ == "dobj" and o.lower_ in _GATHERINGS for o in tok.children)
              for c in tok.children if c.dep_ == "prep" and c.lower_ in ("after", "following", "over") and c.i > tok.i]
    # what a doer accuses its victims of is its reason: "abducted 3 teachers, accusing them of
    # defying the school boycott" (not a statement "accusing the army of killing 30": a claim)
    reasons = [_clause_span(c) for tok in sent if tok.lower_ == "accusing" and tok.dep_ == "advcl"
               for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    _drop_inside(cues, _OWN_EVENT_CUES, reasons)
    # ("found guilty on Thursday of aiding rebels who murdered ...": the "of" hung on "found")
    spans += [_clause_span(c) for tok in sent if tok.lower_ == "guilty" and tok.dep_ in ("oprd", "acomp")
              for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    # what a court judged, whatever the parser hangs it on: "convicted seven men over the 2016
    # attack", "upheld the conviction of X for the massacre" ("for" on the verb), "two citizens
    # who were convicted of murder", "convicted him on 61 counts of war crimes, among them murder"
    judged = [(tok, _clause_span(c)) for tok in sent if tok.pos_ == "VERB" and (
                  tok.lower_ in _COURT_VERBS or any(o.dep_ == "dobj" and o.lower_ in _JUDGED for o in tok.children))
              for c in tok.subtree if c.dep_ == "prep" and _within_clause(c, tok) and (
                  c.lower_ in ("for", "over") or c.lower_ in ("of", "on", "among") and tok.lower_ in _CONVICTED)]
    spans += [span for _, span in judged]
    # (and, by a court, the protest it was done to: "sentenced her to death over last year's
    # crackdown on student-led protests")
    _drop_inside(cues, ("protest", "crowd_control", "intervention", "lethal_force"),
                 [span for tok, span in judged if tok.lower_ in _COURT_RULINGS])
    # what a court or an inquiry rules happened: "jailed him for life, ruling that forces under
    # his command slaughtered 8,000 men"
    spans += [_span_of(c) for tok in sent if tok.lower_ in _RULINGS and tok.pos_ == "VERB"
              for c in tok.children if c.dep_ == "ccomp"]
    # what someone is arrested "in connection with"; what a plot was to do ("two men plotting to
    # attack a police station", "foiled a plot to bomb a church"): never done
    spans += [_span_of(c) for tok in sent
              if tok.lower_ == "connection" and tok.head.lower_ == "in" or tok.lower_ in _PLOTS
              for c in tok.children if c.dep_ in ("xcomp", "acl", "relcl") or c.dep_ == "prep" and c.lower_ in ("with", "for")]
    # ("foiled a plot to attack": from the verb on, where the lexicon reads a repelled attack)
    spans += [(tok.head.idx, _span_of(tok)[1]) for tok in sent if tok.lower_ in _PLOTS and tok.dep_ == "dobj"]
    _drop_inside(cues, (*_VIOLENT_CUES, "other"), spans)  # (and the siege a court judged)


_STRIKE_AT = word_forms("attack", "ambush", "bomb", "target", "raid", "assault", "storm")
_LOBBED = word_forms("hurl", "throw", "toss", "lob") | {"threw", "thrown"}
_THROWN_AT = _LOBBED | word_forms("fire", "shoot") | {"shot"}
_OPEN = word_forms("open")
_ATTACK_VERBS = _STRIKE_AT | _THROWN_AT | _OPEN  # what attackers did "when" the dead fell


# who breaks up a protest by force: the state's police and soldiers
_FORCES_RX = re.compile(r"\b(?:police\w*|cops?|troops|soldiers?|army|military|paramilitar\w*|security (?:forces|personnel)|"
                        r"law enforce\w*|rangers|gendarm\w*|riot squad|officers?|guards?|bsf|crpf|rab|fc)\b")


_AT_A_GATHERING = frozenset({"at", "in", "near", "during", "among", "inside", "outside", "on"})
_BLAST_VERBS = word_forms("explode", "detonate") | {"went", "blew", "tore", "ripped"}
_INTO = frozenset({"at", "into", "among", "inside"})  # where a thing thrown lands (not "during a strike")
# what is thrown into a crowd by other than the police
_THROWN_BOMBS = frozenset({"grenade", "grenades", "bomb", "bombs", "explosive", "explosives", "device", "devices"})


def _attacked_gathering(tok: Token) -> bool:
    """Whether a protest word names what someone other than the police or soldiers attacked:
    "crude bombs were hurled at a rally", "gunmen fired upon a procession", "youths attack a
    rally" (not "police fired at the procession": force against the protest)."""
    while tok.dep_ in ("compound", "amod") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in _AT_A_GATHERING:
        # "grenades exploded among supporters at a rally": a blast at it, whoever set it off;
        # "grenades were hurled into a crowd at a rally": thrown there, by other than the police
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and (verb.lower_ in _BLAST_VERBS or verb.lower_ in _LOBBED and tok.head.lower_ in _INTO
                                 and not any(_FORCES_RX.search(_words(d)) for d in _subject_and_agent(verb))):
            return True
    if tok.dep_ == "dobj" and tok.head.lower_ in _STRIKE_AT:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ in ("at", "on", "upon", "into") and (
            tok.head.head.lower_ in _THROWN_AT
            or tok.head.head.lower_ in _OPEN and any(c.lower_ == "fire" for c in tok.head.head.children)):
        # "hurled at a rally", "fired upon a procession", "opened fire on a procession"
        verb = tok.head.head if tok.head.head.lower_ != "fire" else tok.head.head.head
    else:
        return False
    doers = _subject_and_agent(verb)
    if not doers and verb.dep_ == "acl" and verb.head.lower_ in _THROWN_BOMBS:
        return True  # "a grenade thrown into a huge crowd rallying for the prime minister"
    if any(d.pos_ == "PRON" for d in doers):
        # "police shot dead two people when they opened fire on demonstrators": "they" are
        # the forces the sentence named before
        return not _FORCES_RX.search(tok.doc[tok.sent.start:verb.i].text.lower())
    # (who fired must be said: "action against policemen for firing on protesters" names them
    # elsewhere)
    return bool(doers) and not any(_FORCES_RX.search(_words(d)) for d in doers)


def _drop_forces_violence(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the riot words of a protest's sentence whose doer is the police or the army
    (in place): "security forces stormed a sit-in, firing live rounds" is force against the
    protest, not the crowd's riot."""
    def by_forces(hit: tuple[int, int]) -> bool:
        # (a clash has two sides: police who clash with a crowd meet a riot; "protesters of
        # police practices" are no police)
        tok = _token_at(sent.doc, hit[0])
        return tok is not None and tok.pos_ == "VERB" and not tok.lower_.startswith("clash") and any(
            c.dep_ == "nsubj" and _FORCES_RX.search(_lead_words(c)) for c in tok.children)

    _drop_where(cues, ("riot_violence",), by_forces)


def _drop_attacked_gathering(lex: Lexicon, sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """A rally or procession that assailants attacked is their victim, not the event: drop the
    sentence's protest cues (in place), where the rest of its cues still tell an event."""
    if not cues.get("protest") or not any(cues.get(name) for name in _VIOLENT_CUES if name in lex.standalone):
        return
    doc = sent.doc
    for start, _ in cues["protest"]:
        tok = _token_at(doc, start)
        if tok is not None and _attacked_gathering(tok):
            cues["protest"] = []
            return


def _inside(hit: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= hit[0] < b for a, b in spans)


def _drop_where(cues: dict[str, list[tuple[int, int]]], names: Iterable[str],
                drop: Callable[[tuple[int, int]], bool]) -> None:
    """Remove the hits of the cues ``names`` for which ``drop`` holds (in place)."""
    for name in names:
        if cues.get(name):
            cues[name] = [h for h in cues[name] if not drop(h)]


def _drop_feared(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove every cue inside what a fear, a risk or a threat is of, when the sentence tells
    something else (in place): "called for protests, raising fears of a repeat of the deadly
    clashes with police that marred past demonstrations" tells no clash. A sentence about the
    feared thing alone keeps it, to be reported as hypothetical ("weighed the risk of attacks")."""
    spans = [_span_of(c) for t in sent if t.lower_ in FEAR_NOUNS and t.pos_ == "NOUN"
             for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
    if spans and any(not _inside(hit, spans) for name in _OWN_EVENT_CUES for hit in cues.get(name, ())):
        _drop_inside(cues, list(cues), spans)


def _drop_inside(cues: dict[str, list[tuple[int, int]]], names: Iterable[str],
                 spans: list[tuple[int, int]]) -> None:
    """Remove the hits of the cues ``names`` that start inside any of ``spans`` (in place)."""
    if spans:
        _drop_where(cues, names, lambda hit: _inside(hit, spans))


def _drop_cause(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove the violent cues of what a crowd is angry at (in place): "youths in fury over the
    death of a student in custody set fire to police vans" (the death is the cause)."""
    spans = []
    for _, end in cues["crowd_cause"]:
        prep = _token_at(sent.doc, end - 1)  # the cause's last word: "over", "at", "by"
        if prep is not None and prep.dep_ in ("prep", "agent"):
            spans.append(_clause_span(prep))
    _drop_inside(cues, _GRIEVANCE_CUES, spans)


def _drop_grievance(sent: Span, cues: dict[str, list[tuple[int, int]]]) -> None:
    """Remove violent cues that fall inside the sentence's grievance clauses (in place)."""
    spans = _grievances(sent)
    if spans and all(_inside(h, spans) for h in cues["protest"]):
        return  # the protest word itself is in the clause: the parse is not to be trusted here
    _drop_inside(cues, _GRIEVANCE_CUES, spans)


def _crowd_violence(lex: Lexicon, sent: Span, cues: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The attack and killing words of a protest's sentence whose doer is the crowd ("the
    demonstrators caught one of the suspects and killed him", "protesters stone a journalist"):
    the protest's own violence, a riot. Read from the parse only (the verb's subject, or its
    first conjunct's), so a grievance's killing, who suffered it or who did it elsewhere in the
    sentence, says nothing."""
    crowd = [lex.cues[k] for k in ("crowd_actor", "crowd_side", "protest")]
    armed_rx = lex.cues["target_armed"]
    out = []
    for hit in [*cues.get("attack", ()), *cues.get("kill", ())]:
        verb = _token_at(sent.doc, hit[0])
        if verb is None or verb.lower_ in _DIED or not any(c.dep_ == "dobj" for c in verb.children):
            continue  # someone the crowd beat or killed, not "two protesters died"
        while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        if verb.pos_ != "VERB":
            continue
        for subj in (c for c in verb.children if c.dep_ == "nsubj"):
            # "demonstrators", "a group of youths"
            heads = [_lead_words(x) for x in (subj, *(g for c in subj.children if c.dep_ == "prep"
                                                      and c.lower_ == "of" for g in _pobjs(c)))]
            if any(rx.search(h) for rx in crowd for h in heads) and not any(armed_rx.search(h) for h in heads):
                out.append(hit)
    return out


# A meeting, a visit, a deal, a deployment or a warning is a strategic development of a
# conflict only among its people: armed men named ("troops deployed", "rebels agreed to a
# truce") or the words of war. A city council's meeting, a trade deal or airbags that deploy
# are no event of ACLED's.
_NEEDS_CONFLICT = frozenset({"Other", "Change to group/activity", "Agreement", "Headquarters or base established"})
_CONFLICT_WORDS = re.compile(
    r"\b(?:wars?|warring|conflicts?|ceasefires?|cease-fire|truce|peace|power[- ]sharing|hostilities|insurgen\w*|rebellion|coup"
    r"|junta|armed|militar\w*|jihad\w*|terror\w*|extremis\w*|separatis\w*|secession\w*|security|weapons|arms"
    r"|combat\w*|disputed (?:\w+ )?(?:territor\w*|islands?|regions?|areas?|borders?|lands?|enclaves?)"
    r"|(?:border|territorial|land) disputes?)\b", re.IGNORECASE)


def _conflict_context(rule: Rule, sent: _Sentence, mentions: list[ActorMention], dictionary: ActorDictionary) -> bool:
    """Whether a sentence names armed men, an armed actor or the words of war; a government
    counts for its security measures ("the government declared a curfew"), not for its
    meetings, warnings or deals ("officials warned of a storm", "a trade deal")."""
    if sent.cues.get("target_armed") or sent.names.intersection(_VIOLENT_CUES) or _CONFLICT_WORDS.search(sent.span.text):
        return True  # ("fleeing the fighting")
    span = sent.span
    measures = rule.sub == "Change to group/activity"
    return any(span.start <= m.start < span.end and m.kind != "entity" and (measures or not _officials(m, dictionary))
               and to_ref(m, dictionary, None).inter in ARMED_INTER for m in mentions)


def build_reports(document: Document, sdoc: Doc, toponyms: list[Toponym], lex: Lexicon,
                  dictionary: ActorDictionary, actors: list[ActorMention] | None = None,
                  cue: CountryWord | None = None) -> list[Report]:
    """The document's reports. ``actors``: the dictionary's mentions in ``sdoc``
    (``find_mentions``), when the caller has them already. ``cue``: the country the text's own
    words point to (``country_words``), read by the caller with the places' prior; the story's
    country when nothing else says one."""
    text = sdoc.text  # the document's text, or its focus_text: the same offsets
    low = _lower(text)
    hits = _cue_hits(lex, low)
    taken_places = _territory_hits(sdoc, toponyms)
    if taken_places:
        hits["takeover"] = sorted(set(hits.get("takeover", [])) | set(taken_places))
    sents = list(sdoc.sents)
    published = document.published.date() if document.published else None
    dateline = dateline_span(text)
    # a wire dateline's date ("KYIV, Feb 24 (Reuters) -") is the day the story speaks from: its
    # "on Thursday" is the Thursday before it, whenever the copy was published or fetched
    story_day = dateline_date(text, dateline, published)
    published = story_day or published
    # the month it speaks from, known from the dateline even without a year ("BEIRUT, Feb 23 -")
    month = story_day.month if story_day is not None else dateline_month(text, dateline)
    dates = find_dates(document.text, published)  # a blanked paragraph's dates still count
    if story_day is not None and dateline is not None:
        # the dateline's own date is the day of filing: the fallback, not a date of the text
        dates = [d for d in dates if not dateline[0] <= d.start < dateline[1]]
    days = [(d.start, k) for d in dates if (k := day_named(d)) is not None]  # spelled-out days, read once
    place_spans = [(t.start, t.end) for t in toponyms]
    mentions = [m for m in (find_mentions(sdoc, dictionary) if actors is None else actors)
                # the dateline's city is where the reporter is, and an unknown name that is a
                # place name is the place, not an actor
                if not (dateline and m.start_char < dateline[1])
                and not (m.kind == "entity" and (any(a < m.end_char and m.start_char < b for a, b in place_spans)
                                                 or is_place_name(m.text)))]
    # a country named as what the place borders, or as whose mission is there, is neither the
    # story's country nor a place of it
    bearing = {id(t) for t in toponyms if is_bearing(t, text)}
    # the places a story names before the nationality of who acted ("Russian missiles struck
    # Dnipro": a Ukrainian story)
    # the words of an actor's name ("Syrian army", "Orange Democratic Movement") are not its places
    taken = [(m.start_char, m.end_char) for m in mentions if m.kind != "entity"]
    named = [t for t in toponyms if id(t) not in bearing and not any(a < t.end and t.start < b for a, b in taken)]
    country_counts: dict[str, int] = {}
    for t in toponyms:
        if t.place is not None and t.place.country_code:
            country_counts[t.place.country_code] = country_counts.get(t.place.country_code, 0) + 1
    breaks = _paragraphs(text)

    # cue hits per sentence (hits are sorted by position within each category)
    per_sent: list[_Sentence] = []
    bounds = [(s.start_char, s.end_char) for s in sents]
    for s, (a, b) in zip(sents, bounds):
        cues = {name: [h for h in hs if a <= h[0] < b] for name, hs in hits.items()}
        _drop_other_senses(s, cues)
        _drop_unused_weapons(s, low, cues)
        _drop_accident(low, a, b, cues)
        _drop_support(s, cues)
        _drop_held_for(s, cues)
        _drop_wars_told_aside(s, cues)
        _drop_told_as_earlier(s, cues, month, published.year if published else None)
        _drop_tallies(s, cues)
        _drop_feared(s, cues)
        _drop_raid_for_arrests(low, cues)
        _drop_background_fighting(s, cues)
        _drop_attacked_gathering(lex, s, cues)
        _nil_tolls(sdoc, cues)
        if cues.get("crowd_cause"):
            _drop_cause(s, cues)
        if cues.get("protest"):
            _drop_grievance(s, cues)
            _drop_forces_violence(s, cues)
            rioting = _crowd_violence(lex, s, cues)
            if rioting:
                cues["riot_violence"] = sorted({*cues.get("riot_violence", ()), *rioting})
            if cues.get("arrest"):
                # "arrested for calling a 12-hour strike": the strike is why, the arrest the event
                cues["protest"] = [h for h in cues["protest"] if not _REASON_FOR.search(low, max(0, h[0] - 40), h[0])]
        per_sent.append(_Sentence(s, {k: v for k, v in cues.items() if v}))

    groups: list[_Group] = []
    loose: dict[int, _Sentence] = {}  # sentences with cues that joined no report, by index
    for idx, sent in enumerate(per_sent):
        names = sent.names
        last = groups[-1] if groups else None
        para = bisect.bisect_right(breaks, sent.span.start_char)
        # a report never runs over a paragraph break or skips a sentence, nor mixes a fact
        # with a forecast
        same_para = last is not None and last.paragraph == para
        near = same_para and last.last_index == idx - 1
        # a toll may come after one sentence that tells no event ("Two groups clashed ... The
        # groups had a long rivalry. 4 people were killed.")
        near_toll = near or same_para and last.last_index == idx - 2 \
            and not per_sent[idx - 1].names - _CONTEXT_ONLY
        if same_para and _claims_back(sent.span):
            # "Al Shabaab later claimed responsibility for the attack.": who did the last attack
            # of the paragraph (not the arrests that followed it)
            claimed = next((x for x in reversed(groups) if x.paragraph == para and x.rule.event_type in _VIOLENT), last)
            claimed.tail.append(sent)
            last.last_index = idx  # the story goes on ("The blast was very powerful," ...)
            continue
        if not names:
            _add_tail(groups, sent, breaks)
            continue
        standalone = names & lex.standalone
        marker = _new_event_marker(lex, sdoc, low, sent)
        later = marker is not None and marker.group(0) == "later"
        # "One victim later died.": a casualty sentence's "later" is the same event's toll, and
        # so is one that names the event told ("A man injured in the clash died later") or one
        # whose "later" is a death's ("Police shot one gang member, who died later in hospital")
        fresh = marker is not None and bool(standalone or names - _TOLL_ONLY or not later) \
            and not (later and ("anaphor" in names or _LATER_DEATH.search(sent.span.text)
                                # "The protesters lit fires and were later dispersed": the same crowd
                                or last is not None and _same_crowd(sent, last)))
        if not standalone:
            # a sentence that only names who was there ("troops", "villagers") is no event; one
            # that only counts the dead and hurt may come after a sentence of background ("They
            # had gone to the market. One of them died of his wounds in hospital.")
            if last is not None and (near or near_toll and not names - _TOLL_ONLY - {"anaphor"}) and not fresh \
                    and names - _CONTEXT_ONLY \
                    and _same_stance(modality_of(sent.span, None), last.modality):
                last.join(sent, idx)
                _reclassify(lex, last, mentions, dictionary)
            else:
                _add_tail(groups, sent, breaks)
                loose[idx] = sent
            continue
        rule, trig = _decide(lex, sdoc, sent, names, mentions, dictionary)
        if rule is None or rule.sub in _NEEDS_CONFLICT and not _conflict_context(rule, sent, mentions, dictionary):
            loose[idx] = sent
            continue
        modality = modality_of(sent.span, trig)
        if last is not None and rule.sub == "Armed clash" and last.rule.sub == "Attack" and last.paragraph == para \
                and idx - last.last_index <= 2 and not any(per_sent[j].names - _CONTEXT_ONLY for j in range(last.last_index + 1, idx)) \
                and (not fresh or later) \
                and _same_stance(modality, last.modality) and _RESPONSE.search(sent.span.text):
            # "Bandits attacked the village. ... Police reservists responded and exchanged fire
            # with the bandits.": the attack became a fight with those who came to stop it,
            # one battle (ACLED), its dead counted together
            last.join(sent, idx)
            last.rule = rule
            last.response_start = sent.span.start
            continue
        # "Five persons were shot dead by the police." after the crowd clashed with them: the
        # riot's dead (ACLED counts an intervention's dead with the riot), and still a riot
        # (a toll of nought names the event it counts: "No one, however, was reportedly injured
        # in the arson attack" is the last event's, whatever the hedge)
        nought = "nil_toll" in names and not names - _TOLL_ONLY - {"attack", "looting", "anaphor"}
        joins = near_toll and not fresh and (_same_stance(modality, last.modality) or nought) \
            and not _dated_apart(sent, last, days)
        riot_dead = joins and last.rule.event_type == "Riots" and _force_kills(lex, sent)
        if joins and (
                _casualty_detail(rule, trig, last, names) or riot_dead
                or nought and last.rule.event_type in _VIOLENT | {"Riots"}
                # "... staged a demonstration. They claimed ... Police arrested them.": the
                # protest's arrests, over a sentence of background
                or rule.sub == "Arrests" and last.rule.event_type in _DEMONSTRATIONS
                and _ARRESTED_CROWD.search(sent.span.text)
                or near and (
                    "anaphor" in names or _same_kind(rule, last.rule)
                    and not _elsewhere(sent, last, toponyms)
                    or _same_crowd(sent, last)
                    # "Police shot at the crowd", "Police intervened, killing one": force used on
                    # the protest just reported
                    or last.rule.event_type == "Protests" and ("lethal_force" in names or _force_kills(lex, sent))
                    # "Clashes with the police broke out when ...": the protest turned violent
                    or last.rule.event_type == "Protests" and "crowd_clash" in names
                    # "Police intervened to break up the crowds.": how the protest was met
                    # (arrests are read above: "He was arrested ..." may be the grievance told again)
                    or last.rule.event_type == "Protests" and "intervention" in names and "protest" not in names
                    and not names & _NOT_AN_INTERVENTION
                    # "Six arrests reported." after a protest: how it was broken up
                    or rule.sub == "Arrests" and last.rule.event_type in _DEMONSTRATIONS
                    # "Chairs were burnt and property destroyed." after it: the crowd's damage
                    or rule.sub == "Looting/property destruction" and last.rule.event_type in ("Protests", "Riots")
                    and not _roles(trig)[0])):
            last.join(sent, idx)
            if rule.sub == "Arrests" and last.rule.event_type == "Protests":
                last.cues.add("intervention")  # arrests made at the protest are its intervention
            if rule.event_type in _VIOLENT and _crowd_turned(sent, trig, last):
                # "The students walked out ... They beat up and injured the deputy principal":
                # the protest's crowd turned on someone
                last.rule = lex.first_rule("Violent demonstration") or last.rule
                continue
            if not riot_dead:
                _reclassify(lex, last, mentions, dictionary)
            if rule.sub == "Arrests" and last.rule.sub == "Peaceful protest":
                # (a crowd that only blocked a road has no protest word for the rule to read)
                last.rule = lex.first_rule("Protest with intervention") or last.rule
            continue
        g = _Group([sent], rule, sent, trig, set(names), modality, para, idx)
        # the nearest sentence before, over at most one without cues ("They demanded ...")
        before = loose.get(idx - 1) or (loose.get(idx - 2) if idx >= 2 and not per_sent[idx - 1].names else None)
        if rule.event_type == "Protests" and before is not None and "riot_violence" in before.names \
                and bisect.bisect_right(breaks, before.span.start_char) == para:
            # "Supporters stormed the hotel ... Police dispersed the protesters.": what the
            # crowd did just before the protest is named is part of it
            g.sentences.insert(0, before)
            g.cues |= before.names
            _reclassify(lex, g, mentions, dictionary)
        groups.append(g)

    labelled = _apply_note_label(lex, text, per_sent, groups, breaks)

    # a capital named as a government ("Damascus said") is an actor, not the event's place;
    # the dateline, the seat of a quoted source and the words of an actor's name
    # ("Syrian army") are not where the event happened either
    places = [t for t in toponyms if not any(a < t.end and t.start < b for a, b in taken)
              and not is_dateline(t, dateline) and not is_source_base(t, text)
              and not describes_someone(t, text) and id(t) not in bearing
              # "west", "the south": directions, not places ("al-Bayda" is a name)
              and not (t.text[:1].islower() and not _ARTICLE_NAME.match(t.text))
              and not (t.place and t.place.feature_code == "CONT")]  # "an African Union base" is not in Africa
    specific = drop_far_strays([t for t in places if not is_country_level(t)],
                               [t for t in places if is_country_level(t)], text,
                               frozenset(actors_countries(mentions, dictionary)) | set(cue.countries if cue else ()))
    strays = {id(t) for t in places if not is_country_level(t)} - {id(t) for t in specific}
    places = [t for t in places if is_country_level(t) or any(t is u for u in specific)]
    # the story's country, from its places without the strays; (a nationality that describes
    # someone says it only when its actors do not: "Shiv Sena activists protested at a book
    # launch by a former Pakistani minister")
    named = [t for t in named if id(t) not in strays]
    country_doc = dominant_country([t for t in named if not describes_someone(t, text)]) \
        or _actors_country(mentions, dictionary) or dominant_country(named) \
        or (cue.countries[0] if cue else None)
    if cue is not None:
        # a text whose own words tie it to one country ("a village under Kotalipara upazila")
        # happened among its places in that country: "Kandi village" there is a Bangladeshi
        # village the gazetteer lacks, not India's town of the name
        specific = [t for t in specific if t.place is not None and t.place.country_code == cue.countries[0]] or specific
    datelined = [t for t in toponyms if is_dateline(t, dateline)]
    home = None if places else _home_country(mentions, dictionary) or _cue_location(cue) \
        or _described_country(toponyms, text, mentions, dictionary)
    reports = []
    for g in groups:
        start = g.sentences[0].span.start_char
        end = _span_end(text, start, g.sentences[-1].span.end_char)
        location = _location(text, g, specific, places, datelined, breaks, country_doc) or home
        if location is not None and not location.place.country_code and country_doc:
            # a region no one country holds ("Kashmir"): the story's country says whose part
            location = Location(replace(location.place, country_code=country_doc), location.mention,
                                location.geo_precision)
        country = location.place.country_code if location else country_doc
        if country_doc and country != country_doc and country_counts.get(country or "", 0) < 2:
            # one stray reading of a name in a far country must not rename the story's actors
            country = country_doc
        anchor = (g.lead.span.start_char, g.lead.span.end_char, g.trigger.idx) if g.trigger is not None else None
        d, prec = _date_for(dates, start, end, published, anchor, filed=story_day is not None)
        sub = g.rule.sub
        event_type = g.rule.event_type
        if event_type == "Protests" and sub != _EXCESSIVE and any(_force_kills(lex, s) or _shot_at_protest(s)
                                                                  for s in g.sentences):
            # "Police intervene in the demonstration, killing one": force that killed at a
            # protest is excessive force, however the words said it; so is a death by gunfire
            # there ("one person was shot dead during the protest": a crowd rarely has the guns)
            sub = _EXCESSIVE
        actor1, actor2 = _actors(lex, g, event_type, sub, mentions, dictionary, country, d or published)
        if event_type in _VIOLENT:
            # a party's supporters who fight, attack or bomb are its militia (ACLED)
            actor1, actor2 = dictionary.as_militia(actor1), dictionary.as_militia(actor2)
        if sub == "Non-state actor overtakes territory" and actor1 is not None and actor1.inter == 1:
            sub = "Government regains territory"
        elif sub == "Government regains territory" and actor1 is not None and actor1.inter in (2, 3, 4):
            # "liberated", "retook" said of a rebel group: a non-state actor takes the place
            sub = "Non-state actor overtakes territory"
        tags = sorted(name for name, rx in lex.tags.items() if rx.search(low, start, end))
        modality = g.modality
        speaker = None
        for s in [g.lead, *g.sentences]:
            speaker = speaker_of(s.span)
            if speaker:
                break
        attribution = Attribution(document.outlet, speaker) if (document.outlet or speaker) else None
        conf = g.rule.confidence + 0.1 * (actor1 is not None) + 0.1 * (location is not None) \
            + 0.05 * (d is not None and prec == 1)
        if modality != "asserted":
            conf -= 0.1
        reports.append(Report(
            event_type=event_type,
            sub_event_type=sub,
            evidence=Evidence(document.id, start, end, text[start:end]),
            tags=tags,
            actor1=actor1,
            actor2=actor2,
            location=location,
            date=d,
            time_precision=prec,
            fatalities=split_share(_fatalities(lex, g, sub), _paragraph_text(text, breaks, g.paragraph)),
            modality=modality,
            attribution=attribution,
            confidence=max(0.05, min(0.95, conf)),
        ))
    ordered = _by_salience(lex, reports)
    if labelled is not None:
        # the note's own label says which event it is about
        main = reports[groups.index(labelled)]
        ordered = [main, *(r for r in ordered if r is not main)]
    return ordered


_LABEL = re.compile(r"\s*([A-Za-z][A-Za-z/\- ]{2,40}):\s")


def _apply_note_label(lex: Lexicon, text: str, per_sent: list[_Sentence], groups: list[_Group],
                      breaks: list[int]) -> _Group | None:
    """A note opening with a category label ("Defusal: two bombs were found ...") is that kind
    of event: its first report takes the label's type, or one is made from its first sentence."""
    m = _LABEL.match(text)
    rule = lex.note_labels.get(m.group(1).strip().lower()) if m and lex.note_labels else None
    if rule is None or not per_sent:
        return None
    first = per_sent[0]
    for g in groups:
        if first in g.sentences:
            g.rule = rule
            return g
    g = _Group([first], rule, first, None, set(first.names), "asserted",
               bisect.bisect_right(breaks, first.span.start_char), 0)
    groups.insert(0, g)
    return g


def _one_actor(m: ActorMention, dictionary: ActorDictionary) -> bool:
    """A mention that names one dictionary actor (not a class word, nor an ambiguous alias but
    a community's, whose first militia is its home's: "Pokot raiders")."""
    return m.kind in {"actor", "metonym"} and m.ref_index >= 0 \
        and all(dictionary.entries[c].community for c in m.choices)


def actors_countries(mentions: list[ActorMention], dictionary: ActorDictionary) -> tuple[str, ...]:
    """The country of the actors a text names (its ``find_mentions``), as a prior for reading its
    place names: "Punjab" in a note about the BJP is India's, in a note about the PML-N
    Pakistan's. Actors of a few countries give those ("Islamic State": Syria and Iraq, so its
    "Palmyra" is Syria's, not Pennsylvania's)."""
    country = _actors_country(mentions, dictionary)
    if country:
        return (country,)
    spread = {cc for m in mentions if _one_actor(m, dictionary)
              for cc in dictionary.entries[m.ref_index].countries}
    return tuple(sorted(spread)) if 0 < len(spread) <= 3 else ()


def _actors_country(mentions: list[ActorMention], dictionary: ActorDictionary) -> str | None:
    """The country the named actors belong to, when the text names no place: a note about the
    KIA or the BNP is about Myanmar or Bangladesh, and its "police" are that country's."""
    votes = Counter(dictionary.entries[m.ref_index].country for m in mentions
                    if _one_actor(m, dictionary)
                    and dictionary.entries[m.ref_index].country)
    if not votes:
        return None
    (top, n), *rest = votes.most_common(2)
    return top if not rest or rest[0][1] < n else None


# Who acts at home: parties, militias of one community, protesters, unions. State forces (1) and
# rebel groups (2) fight abroad too ("Turkish forces shelled ...", Al Shabaab in Kenya), and
# external forces (8) always do; a rebel group the dictionary gives one country fights there
# (the KIA in Myanmar, the NPA in the Philippines).
_ABROAD_INTER = frozenset({1, 2, 8})


def _acts_at_home(entry: ActorEntry) -> bool:
    return entry.inter not in _ABROAD_INTER or entry.inter == 2 and len(entry.countries) == 1


def _home_country(mentions: list[ActorMention], dictionary: ActorDictionary) -> Location | None:
    """A text that names no place at all is placed, at region precision, in the country of the
    actors that act only at home, when they agree: a hartal called by the BNP is in
    Bangladesh, a clash with the KIA in Myanmar. The country's own point stands for it on a
    map; ``mention`` is the actor's name in the text, so the location is traceable like any other."""
    home = [m for m in mentions if _one_actor(m, dictionary) and _acts_at_home(dictionary.entries[m.ref_index])]
    country = _actors_country(home, dictionary)
    if country is None:
        return None
    return country_location(country, next(m.text for m in home if dictionary.entries[m.ref_index].country == country))


def _described_country(toponyms: list[Toponym], text: str, mentions: list[ActorMention],
                       dictionary: ActorDictionary) -> Location | None:
    """The country a text names only as whose soldiers or police it speaks of ("two Thai
    soldiers were wounded by a mine"), when that is one country: then, with no place named,
    the event is placed there, at region precision. A text that names two ("Indian troops
    and Pakistani troops") gets no place from this, nor one naming foreign nationals."""
    described = [t for t in toponyms if describes_home_forces(t, text) and t.place is not None]
    countries = {t.place.country_code for t in described}
    if len(countries) != 1:
        return None
    named = [set(dictionary.entries[m.ref_index].countries) for m in mentions
             if _one_actor(m, dictionary) and not any(m.start_char <= t.start < m.end_char for t in described)]
    if any(named) and not any(cs & countries for cs in named):
        # soldiers abroad: "Al-Shabaab attacked an AU base, killing Ugandan soldiers" (no actor
        # named fights in Uganda); "Lashkar-e-Taiba militants killed two Indian soldiers" stays
        return None
    t = described[0]
    return country_location(t.place.country_code, t.text)


def _cue_location(cue: CountryWord | None) -> Location | None:
    """A text that names neither a place nor an actor of one country is placed in the country
    its own words point to ("a dharna outside the collectorate"), at region precision; the cue
    word is the location's ``mention``."""
    return country_location(cue.countries[0], cue.text) if cue else None


# A name written with the Arabic article in lower case: "al-Bayda", "el-Arish", "ad-Dali".
_ARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez)[-‑][A-Z]")
_THE_CITY = re.compile(r"\b(?:in|across|around|inside|outside|near|into|on|through)\s+the\s+(capital|city)\b(?!\s+of\b)",
                       re.IGNORECASE)
# a state's seats of power: in the capital whatever else the story names ("stormed Brazil's
# Congress, Supreme Court and presidential palace")
_SEATS = re.compile(r"\b(?:[Pp]arliament|Congress|[Pp]residential palace|Supreme Court|National Assembly|Capitol)\b")


def _location(text: str, g: _Group, specific: list[Toponym], places: list[Toponym],
              datelined: list[Toponym], breaks: list[int], country_doc: str | None) -> Location | None:
    """Where the event happened, most telling evidence first.

    A town or district of the event's own sentences (the object of its verb scores best; a
    state named there is narrowed to a town of it that the report's other sentences name);
    else the nearest sentence naming one before it in the article (after it, in its
    paragraph), read as a whole and in the story's country; else a country or region of its
    sentences; the dateline only when the article names nothing else, and then at region
    precision.
    """
    lead_a, lead_b = g.lead.span.start_char, g.lead.span.end_char
    start, end = g.sentences[0].span.start_char, g.sentences[-1].span.end_char
    bonus: dict[int, float] = {}
    if g.trigger is not None:
        for t in specific:
            if lead_a <= t.start < lead_b:
                tok = _token_at(g.trigger.doc, t.start)
                # (a place under the event word; one beside it, hung on the same head, was
                # meant to count too but never did: spaCy makes a new Token per access, so the
                # identity test always failed, and an equality test reads one Kenyan note worse)
                if tok is not None and _under_event_word(tok, g.trigger):
                    bonus[t.start] = 0.8
    loc = pick_location(specific, text, lead_a, lead_b, bonus=bonus, strict=True) \
        or pick_location(specific, text, start, end, bonus=bonus, strict=True)
    if loc is not None and loc.place.feature_code == "ADM1" and end > lead_b:
        # "Violence broke out in an Uttar Pradesh jail ... It took place in Kannauj": a town of
        # that state in the report's other sentences says where in it
        inner = [t for t in specific if start <= t.start < end and t.place is not None
                 and t.place.feature_code != "ADM1" and t.place.country_code == loc.place.country_code
                 and t.place.admin1 == loc.place.admin1]
        loc = pick_location(inner, text, start, end, bonus=bonus, strict=True) or loc
    if loc is None:
        para_end = breaks[bisect.bisect_left(breaks, end)] if bisect.bisect_left(breaks, end) < len(breaks) else len(text)
        before = [t for t in specific if t.end <= start]
        after = [t for t in specific if end <= t.start < para_end]
        near = max(before, key=lambda t: t.start) if before else min(after, key=lambda t: t.start) if after else None
        if near is not None:
            # the nearest sentence that names a place, read as a whole: "In Petrolina,
            # Pernambuco, police ... A man was arrested." is in the town, not the state
            tok = _token_at(g.lead.span.doc, near.start)
            a, b = (tok.sent.start_char, tok.sent.end_char) if tok is not None else (near.start, near.end)
            pool = [t for t in specific if a <= t.start < b] or [near]
            in_country = [t for t in pool if t.place is not None and t.place.country_code == country_doc]
            loc = pick_location(in_country or pool, text, a, b, strict=True)
    if loc is None or (loc.place.feature_code or "").startswith("PCL"):
        # "KHARTOUM (Wire) - Fighting broke out in the capital": the dateline's city is the
        # place the story's "the capital" or "the city" means
        told = _THE_CITY.search(text, start, end)
        town = next((t for t in datelined if t.place is not None and not is_country_level(t)), None)
        capital = town is not None and town.place is not None and town.place.feature_code == "PPLC"
        if town is not None and town.place is not None \
                and (told and (told.group(1).lower() == "city" or capital) or capital and _SEATS.search(text, start, end)) \
                and (loc is None or loc.place.country_code == town.place.country_code):
            return pinned_to_seat(Location(town.place, town.text, 1))
    if loc is None:
        loc = pick_location(places, text, start, end, strict=True)
    if loc is None and datelined and not places:
        loc = pick_location(datelined, text, datelined[0].start, datelined[0].end, strict=True)
        if loc is not None:
            loc = Location(loc.place, loc.mention, 3)
    return pinned_to_seat(loc)


# A clause of time hung on the event word tells of another event and its place ("clashed with
# police after his arrest in Islamabad").
_OTHER_TIME = frozenset({"after", "before", "following", "since", "until", "ahead"})


def _under_event_word(tok: Token, trigger: Token) -> bool:
    """Whether a place's token hangs under the event word, not through a clause of time."""
    return _hangs_under(tok, trigger, lambda head: head.lower_ in _OTHER_TIME and head.dep_ in ("prep", "mark", "advmod"))


def _reclassify(lex: Lexicon, g: _Group, mentions: list[ActorMention], dictionary: ActorDictionary) -> None:
    """After a merge, the union of cues may name a more specific sub-type (protest -> tear gas)."""
    rule = lex.classify(g.cues, None)
    if rule is None:
        return
    conditional = [r for r in lex.rules if (r.target or r.doer) and set(r.any) & g.cues]
    if conditional and lex.rules.index(rule) > min(lex.rules.index(r) for r in conditional):
        target = _target(lex, g.lead, g.trigger, mentions, dictionary)
        rule = lex.classify(g.cues, target, _doer(lex, g.lead, g.trigger, mentions, dictionary)) or rule
    if rule.event_type == g.rule.event_type or lex.rules.index(rule) < lex.rules.index(g.rule) \
            and rule.event_type in ("Protests", "Riots") and g.rule.event_type in ("Protests", "Riots"):
        g.rule = rule
    elif rule.event_type == "Riots" and g.rule.event_type == "Protests" and g.cues & {"riot_violence", "riot_word"}:
        # "Students blocked the road. The students began pelting the police.": the protest's
        # crowd turned violent
        g.rule = lex.first_rule("Violent demonstration") or rule
    elif g.rule.sub == "Other" and rule.event_type in _VIOLENT:
        # "... set off two crude bombs during a meeting. No one was injured in the blasts.": the
        # meeting was where the violence happened, not the event
        g.rule = rule
    elif rule.sub == "Armed clash" and g.rule.sub == "Attack" and (
            "fought_back" in g.cues or any({"clash", "direct_fire"} <= s.names for s in g.sentences[1:])):
        # the attack became a fight: "... The attackers were repelled", or the report's own later
        # sentence says it was met with fire ("Rustlers attacked the village ... A police
        # reservist and a raider were killed in the shootout.")
        g.rule = rule
    elif rule.sub == "Armed clash" and g.rule.sub in ("Grenade", "Remote explosive/landmine/IED") \
            and any("direct_fire" in s.names for s in g.sentences[1:]):
        # "A grenade was thrown at the police station. Police reacted with gunfire.": the
        # explosion opened a fight (ACLED codes the exchange)
        g.rule = rule


def _by_salience(lex: Lexicon, reports: list[Report]) -> list[Report]:
    def score(item: tuple[int, Report]) -> float:
        i, r = item
        s = lex.salience.get(r.event_type, 0.5)
        s += 0.3 if r.modality in ("asserted", "claimed") else 0.0
        s += 0.1 if r.fatalities else 0.0
        return s - 0.3 * i

    return [r for _, r in sorted(enumerate(reports), key=score, reverse=True)]
