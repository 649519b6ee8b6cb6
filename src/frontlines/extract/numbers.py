"""Counting the dead: number words, vague counts and the phrases that report fatalities.

Rules (LEXICON.md, "Fatalities"): only deaths count ("killed", "dead", "died", "bodies");
injuries do not. "five soldiers and a civilian were killed" = 6. "no casualties", "no one was
killed" = 0. Vague words follow ACLED's conventions from the lexicon (dozens = 12, ...).
A sentence that reports injuries only says nothing about deaths: fatalities stay null.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .dates import MONTHS
from .lexicon import word_forms
from .modality import is_speech

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    "both": 2, "couple": 2,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

KILL_WORDS = frozenset({
    "kill", "kills", "killed", "killing", "dead", "died", "die", "dies", "death", "deaths",
    "fatality", "fatalities", "slain", "bodies", "body", "martyred", "lives", "life", "toll",
    "lynched", "lynch", "lynches", "lynching", "slaughtered", "beheaded", "execute", "executed", "executes", "executing", "murdered", "assassinated", "corpse", "corpses",
    "slew", "slay", "slays", "succumbed", "succumbs", "succumb",
})
# Verbs that kill with "dead", "down" or "to death" after them ("shot dead", "guns down"), and
# verbs that kill only with the words around them ("fatally stabbed").
_SHOT_WORDS = frozenset({"shot", "gunned", "guns", "gunning", "shooting"})
_FATAL_WHEN = _SHOT_WORDS | {"stabbed", "wounded", "injured", "burned", "burnt", "hit", "assaulted", "attacked",
                             "beaten", "struck", "hacked", "knifed", "slashed", "clubbed"}
# What is shot down without anyone dying of the words: aircraft and what they fire.
_MACHINES = frozenset({"drone", "drones", "uav", "uavs", "helicopter", "helicopters", "plane", "planes", "aircraft",
                       "jet", "jets", "warplane", "warplanes", "missile", "missiles", "rocket", "rockets",
                       "balloon", "balloons", "quadcopter", "quadcopters", "airplane", "airplanes", "fighter"})
# Animals killed in a raid are no fatalities.
_ANIMALS = frozenset({"livestock", "cattle", "cow", "cows", "calf", "calves", "goat", "goats", "sheep", "camel",
                      "camels", "donkey", "donkeys", "animal", "animals", "poultry", "chickens", "herd", "herds", "ox",
                      "oxen", "bull", "bulls", "dog", "dogs", "pig", "pigs", "buffalo", "buffaloes", "horse", "horses"})
# Verbs whose subject is the one who died ("two protesters succumbed to their wounds").
_DIE_WORDS = frozenset({"died", "die", "dies", "dead", "succumbed", "succumbs", "succumb"})
# "lost their lives", "claimed the lives of": the verbs a life is lost or taken with
_LOSE = frozenset({"lost", "lose", "loses", "losing"})
_CLAIM = frozenset({"claimed", "claim", "claims", "claiming", "took", "take", "takes", "taking"})
# The words for a dead body: counted by their own number or "of" phrase, never as a victim of
# another kill word ("the beheaded body of a man" is one man).
_BODY_WORDS = frozenset({"body", "bodies", "corpse", "corpses"})
# Words that make a following number a count of something other than people killed.
INJURY_WORDS = frozenset({"injured", "injuring", "wounded", "wounding", "hurt", "injuries",
                          "arrested", "abducted", "kidnapped", "detained"})
ZERO_RE = re.compile(
    r"\bno (?:one|body|casualties|fatalities|deaths|loss of (?:life|lives)|lives were lost|"
    r"(?:reported |immediate )?(?:casualties|fatalities|deaths))\b|\bnobody was (?:killed|hurt)|"
    r"\bwithout (?:any )?casualties|\bnon-fatal\b|\bno one (?:was|were) (?:killed|hurt|injured)"
    r"|\bnone (?:of them )?(?:was |were )?(?:killed|dead|died)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = "|".join(sorted((w for w in UNITS if len(w) > 2 and w not in ("single", "both", "couple")),
                                key=len, reverse=True))
TOTAL_RE = re.compile(
    r"\b(\d[\d,]*|[a-z\-]+) fatalit(?:y|ies)\b(?! (?:were |was )?coded as)|\bfatalit(?:y|ies)(?:: ?| (?:were |was )?coded as )(\d[\d,]*)"
    r"|\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten) deaths? (?:were |was )?(?:reported|confirmed)\b"
    r"|death (?:toll|total) (?:[\w,']+ ){0,20}?(?:(?:risen|rose|climbed|increased|gone up|went up|jumped|raised|revised)"
    r"(?: from \w+)? to|of|is|was|stands at|stood at|reached) "
    r"(?:at least |some |about |over |more than |nearly )?(\d[\d,]*|(?:[a-z]+-)?(?:" + _NUMBER_WORDS + r"))\b",
    re.IGNORECASE,
)


# A coder's note that one figure was shared out over several events or places ("20 fatalities
# split up between 3 events", "Fatalities are split across 4 events (2)", "coded as 10, split
# between three locations"); a number in brackets after it is this event's share.
_SPLIT_RE = re.compile(
    r"\b(?:fatalit(?:y|ies)|deaths?)\b[^.\n]{0,60}?\b(?:split|coded)\b(?: up)? (?:between|among|across|over|into) (?:the )?"
    r"(\d+|[a-z]+) (?:events|locations|places)\b(?:\s*\((\d+)\))?",
    re.IGNORECASE,
)


def split_share(total: int | None, text: str) -> int | None:
    """An event's share of a toll its note says was split over ``n`` events: the share the note
    gives, else the toll over ``n`` rounded to the nearest (one death over twelve events is
    none here; twenty over three is seven)."""
    m = _SPLIT_RE.search(text)
    if m is None:
        return total
    if m.group(2):
        return int(m.group(2))
    parts = parse_number(m.group(1))
    if total is None or not parts or parts < 2:
        return total
    return int(total / parts + 0.5)


def parse_number(text: str, vague: dict[str, int | None] | None = None) -> int | None:
    """'12', '1,200', 'twenty-five', 'two hundred', 'dozens', 'a few' -> int; else None."""
    t = text.lower().strip().replace(",", "")
    if not t:
        return None
    if vague and t in vague:
        return vague[t]
    if t.isdigit():
        return int(t)
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s\-]+", t):
        if word in ("and",):
            continue
        if word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
            seen = True
        elif word.isdigit():
            current += int(word)
            seen = True
        elif vague and word in vague and vague[word] is not None:
            current += vague[word] or 0
            seen = True
        else:
            return None
    return total + current if seen else None


def counts_nought(tok: Token) -> bool:
    """Whether a noun phrase counts no one: "no one", "no soldiers", "none", "nobody"."""
    return tok.lower_ in ("none", "nobody", "noone") or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _count_token(tok: Token, vague: dict[str, int | None]) -> int | None:
    """How many people one noun (or number) token stands for; None when not said."""
    low = tok.lower_
    if counts_nought(tok):
        return 0  # "no one was killed", "no soldiers died", "wounding six, none killed"
    if tok.like_num or low in UNITS or low in SCALES:
        # "at least 12": the number is the head; its compound parts are children
        words = [c.text for c in tok.children if c.dep_ in ("compound", "nummod") and c.like_num]
        return parse_number(" ".join(words + [tok.text]), vague)
    if low in vague:
        return vague[low]
    nums = [c for c in tok.children if (c.dep_ in ("nummod",) or (c.like_num and c.dep_ == "amod"))
            and not _day_of_month(c)]  # "25 Aug. Five people": the date is no count
    if nums:
        n = nums[0]
        parts = [c.text for c in n.children if c.dep_ in ("compound", "nummod") and c.like_num]
        return parse_number(" ".join(parts + [n.text]), vague)
    n = _opening_number(tok, vague)
    if n is not None:
        return n
    for c in tok.children:
        if c.dep_ == "det" and (c.lower_ in ("a", "an", "one") or c.lower_ == "the" and low == "other"):
            return 1  # "a man", "one of them", "the other" (of two)
    # "dozens of people": the vague word heads the phrase
    if tok.tag_ in ("NN", "NNP") or tok.tag_ in ("PRP", "PRP$") and low in ("he", "she", "him", "her", "his"):
        return 1
    return None


def shot_dead_object(tok: Token) -> bool:
    """ "Police shot one dead", "shot two robbers dead": the dead word after the object."""
    return any(c.lower_ == "dead" or c.dep_ == "dobj" and any(g.lower_ == "dead" for g in c.children)
               for c in tok.children)


def _burned_alive(tok: Token) -> bool:
    """ "burnt alive two children", "were burned alive", "burned them alive": a killing."""
    doc = tok.doc
    return any(t.lower_ == "alive" for t in doc[tok.i + 1:min(len(doc), tok.i + 3)]) \
        or any(g.lower_ == "alive" for c in tok.children if c.dep_ == "dobj" for g in c.children)


def _day_of_month(tok: Token) -> bool:
    """A number followed by a month's name ("25 Aug."): a date, whatever the parser made of it."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_.rstrip(".") in MONTHS


# Words between a number and its noun in "5 suspected TTP militants".
_SUSPECTED = frozenset({"suspected", "alleged", "armed", "unidentified", "unknown"})


def _opening_number(tok: Token, vague: dict[str, int | None]) -> int | None:
    """The number that opens a noun's phrase however the parser hung it, when the noun has no
    number of its own: inside the phrase's parse, or cut off it before a plural noun."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    edge = tok.left_edge
    between = tok.doc[edge.i + 1:tok.i]
    if edge.i < tok.i and edge.like_num and edge.lower_ not in ("one",) \
            and all(t.dep_ in _NOUN_MODIFIERS and t.lower_ not in _AGE_WORDS for t in between):
        # "Thirteen suspected militants": a number the parser hung on the adjective or as a
        # modifier of its own kind still opens the noun's phrase, and counts it
        words = [edge.text]
        for t in between:
            if not (t.like_num or t.lower_ in SCALES):
                break
            words.append(t.text)
        return parse_number(" ".join(words), vague)
    if tok.tag_ not in ("NNS", "NNPS"):
        return None
    # "5 suspected TTP militants killed": the parser cut "5" off the phrase altogether (it hangs
    # on "suspected", read as a verb); only adjectives and names stand between it and the noun
    j = _before_gloss(tok.doc, tok.i - 1)  # "Two JMB [Jamaat-ul-Mujahideen Bangladesh] suspects"
    start = j
    while j >= 0 and start - j <= 3 and not tok.doc[j].like_num and (
            tok.doc[j].tag_ in ("JJ", "NNP", "NN") or tok.doc[j].lower_ in _SUSPECTED):
        j = _before_gloss(tok.doc, j - 1)
    if j < 0 or j == tok.i - 1 or not tok.doc[j].like_num or tok.doc[j].ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") \
            or j > 0 and tok.doc[j - 1].pos_ == "ADP" or edge.i <= j:
        return None
    return parse_number(tok.doc[j].text, vague)


def _before_gloss(doc: Doc, j: int) -> int:
    """The index before a bracketed gloss that ends at ``j`` ("NDFB(S) [National Democratic
    Front of Bodoland (NDFB)-Songbijit]"), or ``j`` itself when none ends there."""
    pairs = {"]": "[", ")": "("}
    while j >= 0 and doc[j].text in pairs:
        close, depth = doc[j].text, 0
        while j >= 0:
            depth += doc[j].text == close
            depth -= doc[j].text == pairs[close]
            j -= 1
            if depth == 0:
                break
    return j


# What may stand between a number and its noun: "13 suspected", "four armed", "two police".
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod", "nummod", "npadvmod", "advmod", "punct", "appos"})

# "a 52-year-old trader", "5 yr old child": the number is an age, not a count
_AGE_WORDS = frozenset({"year", "years", "yr", "yrs", "month", "months", "old", "aged"})

_CAUSING = frozenset({"resulted", "resulting", "results", "led", "leading", "leads", "caused", "causing", "causes"})


def _says_unparsed(v: Token) -> bool:
    """Whether a noun is the source of the "said" right after it, a verb the parser left with no
    subject ("killing dozens, witnesses and a rights group said")."""
    # (the noun's own phrase: not its conjuncts, nor an apposition that is the source itself:
    # "killed five soldiers and a civilian, a security source said")
    after = max([v.i, *(t.i for c in v.children if c.dep_ not in ("conj", "cc", "appos", "punct") for t in c.subtree)]) + 1
    if after >= len(v.doc):
        return False
    verb = v.doc[after]
    return is_speech(verb) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _victims(kill: Token) -> list[Token]:
    """Noun tokens that name who died, from the dependency parse around one kill word."""
    heads: list[Token] = []
    low = kill.lower_
    if low in _BODY_WORDS or low == "deaths" and kill.dep_ in ("pobj", "dobj"):
        # "16 bodies were collected", "13 bodies of the armed group", "resulted in 6 deaths":
        # the number counts
        counted = [c for c in kill.children if c.dep_ == "nummod"]
        if counted:
            return counted
        # "the bodies of two men", "3 villagers' bodies"
        for c in kill.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                heads.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") and low in ("bodies", "corpses"):
                heads.append(c)  # (a singular "a man's body" counts as a bare body)
        if not heads and low in ("body", "corpse"):
            return [kill]  # a bare body; its conjuncts ("throat slit and body dumped") are no one
        return _with_conjuncts(heads)
    if low in ("death", "deaths") and kill.dep_ == "pobj" and kill.head.lower_ == "to" \
            and kill.head.head.pos_ == "VERB":
        # "hacked to death", "was beaten to death by a mob": the verb's object died; with
        # none, its subject ("4 villagers macheted to death": a headline drops the "were")
        verb = kill.head.head
        heads.extend(c for c in verb.children if c.dep_ in ("nsubjpass", "dobj"))
        if not heads:
            # "villagers beat to death two people": the object the parser lost follows
            heads.extend([t for t in kill.doc[kill.i + 1:kill.i + 4]
                          if t.pos_ in ("NOUN", "PROPN") and t.left_edge.i == kill.i + 1][:1])
        if not heads and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            heads.extend(c for c in verb.children if c.dep_ == "nsubj")
        if not heads and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            heads.append(verb.head)  # "3 herders hacked to death": the noun the verb describes
        if not heads and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            # "three men were beaten and chopped to death": the first verb holds the subject
            heads.extend(c for c in verb.head.children if c.dep_ in ("nsubjpass", "dobj"))
        return _with_conjuncts(_them(_one_subject(heads or _subject_hung_on_place(verb)), verb))
    if low in ("death", "deaths", "killing", "killings") and (
            kill.head.lower_ in ("in", "to") and kill.head.head.lower_ in _CAUSING
            or kill.dep_ == "dobj" and kill.head.lower_ in _CAUSING):
        # "resulted in the death of a councillor", "caused the deaths of 14 people", "led to
        # the killing of 1 militant"; not "a protest over the death of a student", which is
        # the grievance
        for c in kill.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                heads.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "poss" and c.lower_ in ("his", "her") and low == "death":
                heads.append(c)  # "resulting in his death"
        if heads:
            return _with_conjuncts(heads)
    if low in ("death", "deaths", "fatality", "fatalities") and kill.dep_ != "pobj":
        # "one death was reported", "three deaths": the number before the word
        heads.extend(c for c in kill.children if c.dep_ == "nummod")
        return heads
    if low in ("life", "lives") and kill.dep_ == "dobj":
        verb = kill.head
        if verb.dep_ == "relcl" or any(a.dep_ == "relcl" for a in verb.ancestors):
            return heads  # "the attack that claimed 60 lives in 2014", "clashes in which hundreds lost lives"
        if verb.lower_ in _LOSE:
            # "three people lost their lives", "a policeman lost his life"
            heads.extend(c for c in verb.children if c.dep_ == "nsubj")
        elif verb.lower_ in _CLAIM:
            # "the blast claimed the lives of four traders", "claimed 40 lives"
            heads.extend(g for c in kill.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj")
            heads.extend(c for c in kill.children if c.dep_ == "nummod")
        return _with_conjuncts(heads)
    if low in ("death", "deaths", "fatality", "fatalities", "toll", "life", "lives"):
        return heads  # handled by TOTAL_RE / the regex fallback
    rel = next((a for a in kill.ancestors if a.dep_ == "relcl"), None)
    if rel is not None and not any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in rel.children) \
            and not (kill.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") and _counted(c) for c in kill.children)):
        # background in a relative clause ("a man they believed murdered a colleague"); but
        # "gunfire which left three dead" tells what the event did (and "a roadside IED
        # targeted them and 6 elders were killed", misread as a relative clause of "roadside":
        # a verb joined with a counted subject of its own is a clause of its own)
        return heads
    for c in kill.children:
        if c.dep_ == "nummod" and low in ("dead", "killed"):
            heads.append(c)  # "left 7 dead", "12 killed"
        elif c.dep_ == "dobj" and any(x.dep_ == "nsubjpass" for x in kill.children):
            continue  # a passive has no object: "... was killed on 27 September [Geo-precision 2 ...]"
        elif c.dep_ in ("nsubjpass", "dobj") or (c.dep_ == "nsubj" and low in _DIE_WORDS):
            heads.append(c)
        elif c.dep_ == "nsubj" and c.like_num:
            heads.append(c)  # headline style: "Twelve killed"
    if not heads and low in _SHOT_WORDS:
        # "militia guns down two police officers": the parser made "down" a preposition
        heads.extend(g for c in kill.children if c.lower_ == "down" for g in c.children
                     if g.dep_ in ("pobj", "npadvmod", "dobj"))
    if low in ("died", "dies") and kill.dep_ == "relcl" and kill.head.pos_ in ("NOUN", "PROPN") and any(
            h.lower_ in ("who", "that", "which") for h in heads):
        # "police shot one gang member, who died later in hospital": the noun the clause is about
        heads = [h for h in heads if h.lower_ not in ("who", "that", "which")] + [kill.head]
    if not heads and kill.head.lower_ in _FOUND_OR_SAID and kill.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "advcl", "conj", "dobj") \
            and not any(c.dep_ == "nsubj" for c in kill.children):  # (not "a settler shot dead a man, the ministry said")
        # "three men found killed", "one soldier was reported to have been killed": who was
        # found, or said to have died
        heads.extend(c for c in kill.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c is not kill)
    heads = _one_subject(heads)
    if not heads and low == "killed" and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in kill.children):
        # headline style with a noun: "Three police and a reservist killed, two missing"
        # ("Somalia: ... repelled, 20 militants killed": one subject, the one next to it)
        heads = _one_subject([c for c in kill.children if c.dep_ == "nsubj"])
    if not heads and (kill.tag_ == "VBN" and kill.dep_ in ("advcl", "acomp", "xcomp")
                      or low in _SHOT_WORDS and kill.dep_ in ("dep", "attr", "advcl")) \
            and kill.head.lower_ in ("was", "were", "is", "are", "been"):
        # "a man was on Sunday night lynched by residents", "a motorcyclist was on Saturday
        # shot dead", "two policemen were Friday afternoon shot dead" (read as a noun), "two
        # men were in the evening hours shot dead" (read as a past tense): the parser hangs the
        # participle on "was", whose subject is the one who died
        heads.extend(c for c in kill.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if not heads and kill.dep_ == "conj" and kill.head.pos_ == "VERB":
        # "a man was shot and killed": the first verb holds the victim; "two policemen deployed
        # at the gate were shot dead": a passive's subject hung on the verb before it
        passive = any(c.dep_ == "auxpass" for c in kill.children)
        heads.extend(c for c in kill.head.children if c.dep_ in ("nsubjpass", "dobj") or passive and c.dep_ == "nsubj")
    if not heads and low == "killed" and any(c.dep_ == "prep" and c.lower_ == "by" for c in kill.children):
        # headline style, the auxiliary dropped: "Lawyer killed at her home by gunmen"
        heads.extend(c for c in kill.children if c.dep_ == "nsubj")
    if not heads and kill.dep_ in ("acl", "amod") and kill.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") \
            and kill.head.lower_ not in _SHOT_WORDS \
            and not (kill.tag_ == "VBD" and kill.i + 1 < len(kill.doc) and kill.doc[kill.i + 1].lower_ in ("dead", "down")):
        # ("shot dead" with "shot" read as a noun; "an assailant shot dead Adalat Khan", the
        # past tense hung on the killer: the one it shot is counted by "dead")
        heads.append(kill.head)
    if not heads and low in _SHOT_WORDS and kill.dep_ in ("advcl", "xcomp", "ccomp", "oprd") \
            and kill.head.lower_ in ("left", "leaving", "leaves", "leave"):
        # "a police operation left the son of a trader shot dead": who was left so
        heads.extend(c for c in kill.head.children if c.dep_ == "dobj")
    if not heads and low == "dead" and kill.head.pos_ in ("VERB", "AUX"):
        # "left five dead", "five were dead"; in "a sniper shot dead a soldier" the subject
        # is the killer
        objects = [c for c in (*kill.head.children, *kill.children) if c.dep_ in ("dobj", "nsubjpass") and c.i != kill.i]
        heads.extend(_one_subject(objects) or [c for c in kill.head.children if c.dep_ == "nsubj"])
    if not heads:
        heads = _subject_hung_on_place(kill)
    heads = _them(heads, kill)
    if heads:
        heads.extend(_companions(kill))
    return _with_conjuncts(heads)


def _subject_hung_on_place(verb: Token) -> list[Token]:
    """The subject of a passive the parser hung on the place before it as an apposition ("On
    9 May, in Manaus, Amazonas, a man was beaten to death"): the common noun that ends right
    before the verb's auxiliary."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if not any(c.dep_ == "auxpass" for c in aux) \
            or any(c.dep_ in ("nsubj", "nsubjpass", "csubjpass") for c in verb.children):
        return []
    before = aux[0].i - 1
    noun = next((t for t in verb.sent if t.dep_ == "appos" and t.right_edge.i == before), None)
    if noun is None or noun.pos_ != "NOUN" or noun.ent_type_ or noun.head.pos_ != "PROPN":
        return []
    return [noun]


def _companions(kill: Token) -> list[Token]:
    """Who died with the victim: "killed along with six other militants", "killed by gunmen
    with his wife and son" (not "killed with a machete"), "killing X and five other people"."""
    # "killing its chief X and at least five other people": the counted "others" the parser
    # joined to the verb, not to its object
    out = [c for c in kill.children if c.dep_ == "conj" and c.pos_ == "NOUN" and _counted(c)
           and any(a.lower_ in ("other", "others") for a in c.children)]
    for w in kill.subtree:
        if w.lower_ != "with" or w.dep_ != "prep" or w.i == 0:
            continue
        along = w.doc[w.i - 1].lower_ in ("along", "together")
        for g in (c for c in w.children if c.dep_ == "pobj"):
            if along or any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in g.children) \
                    and g.lower_ in _KIN:
                out.append(g)
    return out


_KIN = frozenset({"wife", "husband", "son", "sons", "daughter", "daughters", "children", "child", "brother", "brothers",
                  "sister", "sisters", "father", "mother", "family", "nephew", "niece", "companion", "companions",
                  "bodyguard", "bodyguards", "guard", "guards", "driver", "friend", "friends"})
_FOUND_OR_SAID = frozenset({"found", "discovered", "reported", "feared", "believed", "confirmed", "presumed", "said"})
_CHARGED = frozenset({"suspected", "accused", "charged", "convicted", "wanted", "guilty"})
_ACCUSED = _CHARGED | {"booked", "arrested", "detained"}
# what someone is held for: the killing a relative clause below these words tells is another event
HELD_FOR = _CHARGED | {"connection"}
_TIME_UNITS = frozenset({"hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"})
_THE_DEAD = frozenset({"those", "victims", "dead", "deceased"})
# what a crowd did because of a death ("rioted after a driver was killed", "in retaliation for
# the killing of three members", "demanding justice for the killing of two youths")
_CROWD_VERBS = word_forms("riot", "protest", "demonstrate", "rampage", "march", "agitate")
_CAUSE_NOUNS = frozenset({"retaliation", "revenge", "reprisal", "justice", "accountability", "response",
                          "demanding", "demand", "demanded", "demands", "seeking", "sought"})


_CROWD_NOUNS = frozenset({"mob", "mobs", "crowd", "crowds", "rioters", "protesters", "protestors", "demonstrators"})
_ANGRY = frozenset({"angry", "angered", "irate", "enraged", "furious", "incensed", "agitated"})


def _crowd_acted(verb: Token) -> bool:
    """A crowd's verb, or one joined to it ("youths rioted", "began to protest", "marched and
    blocked", "rioted, setting posts on fire"), or what a crowd did ("a mob attacked", "angry
    residents set ablaze")."""
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX") and _crowd_acted(verb.head):
        return True
    if any(v.lower_ in _CROWD_VERBS for v in (verb, *(c for c in verb.children if c.dep_ in ("xcomp", "conj")))):
        return True
    return any(c.dep_ == "nsubj" and (c.lower_ in _CROWD_NOUNS or any(a.dep_ == "amod" and a.lower_ in _ANGRY for a in c.children))
               for c in verb.children)


def _not_this_toll(kill: Token, counted_before: bool) -> bool:
    """A kill word that tells of other deaths: what someone is accused of ("three men suspected
    of killing a trader were lynched"), an earlier event ("two days after the militia executed
    20 others"), or, once deaths are counted, who the dead were ("Those killed were ...")."""
    if kill.dep_ in ("pcomp", "pobj") and kill.head.lower_ in ("of", "for") and kill.head.head.lower_ in _ACCUSED:
        return True
    rel = kill if kill.dep_ == "relcl" else next((a for a in kill.ancestors if a.dep_ == "relcl"), None)
    if rel is not None and any(a.lower_ in HELD_FOR for a in rel.ancestors):
        # what someone is suspected of, told in a relative clause: "a student suspected of
        # joining a raid that killed six", "suspects in connection with an attack which killed
        # four" (but "police arrested an officer who shot dead two colleagues" tells the killing)
        return True
    cause = kill.head if kill.dep_ == "acl" and kill.head.dep_ == "pobj" else kill
    if cause.dep_ in ("pcomp", "pobj") and cause.head.lower_ in ("for", "to", "over") and cause.head.head.lower_ in _CAUSE_NOUNS:
        # (and "demanding justice for a student killed by a police officer")
        return True
    for t in (kill, *kill.ancestors):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before", "since") for c in t.children) \
                and (any(c.dep_ == "npadvmod" and c.lower_ in _TIME_UNITS for c in t.children) or _crowd_acted(t.head)):
            return True
    return counted_before and kill.dep_ in ("acl", "relcl", "amod") and kill.head.lower_ in _THE_DEAD


_ONGOING = re.compile(r"\b(?:during|in) the (?:ongoing|continuing) (?:\w+ ){0,3}(?:blockade|campaign|strike|agitation|"
                      r"movement|unrest|violence|programme|program|hartal|protests?)\b", re.IGNORECASE)


# "local body elections", "the governing body": a body that is an institution
_INSTITUTION_BODY = frozenset({"local", "governing", "student", "advisory", "regulatory", "apex", "statutory",
                               "legislative", "elected", "professional", "civic", "umbrella", "representative",
                               "autonomous", "judicial", "sports", "trade", "examining", "municipal", "civil"})


def _not_a_death(kill: Token) -> bool:
    """A kill word that tells no death: a body that is an institution ("local body
    elections"), or a death that nearly happened ("nearly lynched", "almost killed")."""
    if kill.lower_ in ("body", "bodies"):
        return kill.dep_ == "compound" or any(c.dep_ == "amod" and c.lower_ in _INSTITUTION_BODY for c in kill.children)
    return kill.i > 0 and kill.doc[kill.i - 1].lower_ in ("nearly", "almost", "narrowly")


def _one_person(kill: Token, victims: list[Token]) -> list[Token]:
    """ "a prominent official and activist was shot dead": nouns an "and" joins under a
    singular verb name one person, not two."""
    if len(victims) < 2 or any(_counted(v) for v in victims):
        return victims
    first = victims[0]
    if first.dep_ not in ("nsubj", "nsubjpass") or first.tag_ != "NN" \
            or not all(v is first or v in first.conjuncts and v.tag_ == "NN"
                       and not any(c.dep_ in ("det", "poss") for c in v.children) for v in victims):
        return victims  # ("a shopkeeper and his wife was killed": two, however the verb agrees)
    verb = kill.head if kill.dep_ in ("oprd", "acomp") else kill  # "was shot dead"
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "is", "has") for c in verb.children):
        return [first]
    return victims


_VAGUE_HEADS = frozenset({"dozens", "scores", "hundreds", "thousands", "several", "many", "some"})


def taken_before(verb: Token, keep: Callable[[Token], bool]) -> list[Token]:
    """Whom a pronoun object of ``verb`` stands for: those a verb before it in the sentence
    took, along the verbs the parser chains it to ("kidnapped two traders and killed them",
    "took 13 suspects from the police station and stoned and burned them to death", "pounced
    on 13 men, beating them"): the objects ``keep`` accepts of the nearest such verb."""
    head = verb
    for _ in range(3):
        if head.dep_ not in ("conj", "advcl", "xcomp") or head.head.pos_ != "VERB":
            break
        head = head.head
        taken = [c for c in head.children if c.dep_ == "dobj" and keep(c)] \
            or [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                for g in c.children if g.dep_ == "pobj" and keep(g)]
        if taken:
            return taken
    return []


def _them(heads: list[Token], verb: Token) -> list[Token]:
    """Whom a "them" stands for: those a verb before it took, counted."""
    if not heads or any(h.lower_ != "them" for h in heads):
        return heads
    return taken_before(verb, _counted) or heads


def _counted(tok: Token) -> bool:
    """Whether a noun phrase says how many: a number, or a number of its own."""
    return tok.like_num or tok.lower_ in _VAGUE_HEADS or any(c.dep_ == "nummod" for c in tok.children)


def _one_subject(heads: list[Token]) -> list[Token]:
    """A verb has one subject; a second one is a misparse of what stands before it ("in
    Sinop, Mato Grosso, a man was killed"): the subject next to the verb is the one. Subjects
    an "and" joins are one list the parser split ("4 militants and 1 policeman were killed")."""
    subjects = [h for h in heads if h.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) < 2:
        return heads
    for h in subjects[:-1]:
        if any(c.dep_ == "prep" and c.lower_ == "including" for c in h.children):
            # "eight persons, including an officer, two inspectors and a toddler, were killed":
            # the list is who the eight were
            return [x for x in heads if x not in subjects or x.i <= h.i]
    last = subjects[-1]
    doc = last.doc

    def joined(h: Token) -> bool:
        # "4 militants and 1 policeman", "10 militants as well as foreigners", "a boy, a
        # woman, and a demonstrator" (a list's first item split off)
        return any(t.lower_ in ("and", "as") and t.dep_ == "cc" for t in doc[h.i + 1:last.left_edge.i]) \
            or _one_of_a_list(h) and _one_of_a_list(last) and bool(last.conjuncts) \
            and doc[last.left_edge.i - 1].text == ","

    if not _counted(last):
        for h in subjects[:-1]:
            if _counted(h) and (any(t.text == "," for t in doc[h.right_edge.i:last.left_edge.i + 1])
                                or h.i + 1 < len(doc) and doc[h.i + 1].lower_ == "of" and not joined(h)):
                # "Dozens of people, mainly women and children, were killed": the words after
                # the comma say who the counted were; "two militants of the X outfit were
                # killed": the group's word the parser made a second subject is theirs
                return [x for x in heads if x is not last]

    return [h for h in heads if h not in subjects or h is last or joined(h)]


def _definite_one(tok: Token) -> bool:
    """A singular noun with "the" and no number: someone the report has named already ("the
    victim", "the Maoist")."""
    return tok.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) \
        and not any(c.dep_ == "nummod" for c in tok.children)


def _named_one(tok: Token) -> bool:
    """A person named by name alone ("Asghar died on the way to hospital"): once a report has
    counted deaths, most often one of them named."""
    return tok.ent_type_ == "PERSON" and tok.tag_ == "NNP" and not any(c.dep_ == "nummod" for c in tok.children)


def _after_place_preposition(tok: Token) -> bool:
    """A place the parser made a subject although a preposition stands before it ("In
    Barisal, a driver and his helper were killed"; "in Sinop, Mato Grosso, a driver and his
    son were shot dead", the state read as a person's name)."""
    if not (tok.ent_type_ in ("GPE", "LOC", "FAC")
            or tok.pos_ == "PROPN" and any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in tok.children)):
        return False
    i = tok.left_edge.i - 1
    while i > 0 and tok.left_edge.i - i < 8 and (tok.doc[i].text == "," or tok.doc[i].pos_ == "PROPN"):
        i -= 1  # over the town before the state: "in Sinop, Mato Grosso"
    return i >= 0 and tok.doc[i].lower_ in ("in", "at", "near", "from")


def _hurt_not_killed(tok: Token) -> bool:
    """A count whose own words say injured ("scores of others injured"), whatever the parse."""
    for t in tok.doc[tok.i + 1:tok.i + 5]:
        if t.lower_ in KILL_WORDS or t.lower_ in ("and", "who", "that") or t.is_punct or t.pos_ == "AUX":
            return False  # "the man was kidnapped and killed": his own verb comes later
        if t.lower_ in INJURY_WORDS:
            return True
    return False


def _with_conjuncts(heads: list[Token]) -> list[Token]:
    """Heads and their conjuncts ("five soldiers and a civilian"), minus those the parse marks
    injured; one followed by its injury ("and 20 injured") is left out by ``_hurt_not_killed``,
    which every victim passes."""
    out: list[Token] = []
    for h in heads:
        out.append(h)
        out.extend(c for c in (*h.conjuncts, *_listed_in_apposition(h))
                   if c.lower_ not in INJURY_WORDS and not any(k.lower_ in INJURY_WORDS for k in c.children))
    return out


def _one_of_a_list(tok: Token) -> bool:
    """A common noun with "a" or "an": an item of a list of people ("a boy, a woman, and")."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


def _listed_in_apposition(head: Token) -> list[Token]:
    """The rest of a list the parser read as an apposition to its first item: "a boy, a
    pregnant woman, and a demonstrator were killed". Not one that says who a count were ("two
    people, a man and his son") or who the first was ("a soldier, a member of the unit, and")."""
    if _counted(head) or not _one_of_a_list(head):
        return []
    listed = any(c.dep_ == "cc" for c in head.children)  # "a farmer, a girl, and a shopkeeper"
    return [x for a in head.children
            if a.dep_ == "appos" and (a.conjuncts or listed) and _one_of_a_list(a)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in a.children)
            for x in (a, *a.conjuncts)]


def sentence_fatalities(sent: Span, vague: dict[str, int | None],
                        counted_before: bool = False) -> tuple[int | None, bool]:
    """Deaths reported in one sentence and whether the figure is a stated total.

    Returns (count or None, is_total). "1 fatality." / "the death toll rose to 9" are totals.
    ``counted_before``: an earlier sentence of the report counted deaths already, so "his
    body" or "killed him" here is someone counted there, not one more.
    """
    text = sent.text
    for m in TOTAL_RE.finditer(text):
        # "no report of fatalities ... fatalities coded as 10": the first figure that is a number
        n = parse_number(next((g for g in m.groups() if g), ""), vague)
        if n is not None:
            return n, True
    total = 0
    found = False
    seen: set[int] = set()
    doc = sent.doc
    bare_bodies = 0  # "his body was returned": most often someone the sentence already counted
    # "38 victims have died during the ongoing blockade": a campaign's tally, not this toll
    ongoing = bool(_ONGOING.search(text))
    set_aside = False  # a kill word read as other deaths: the words-only fallback must not count it
    for tok in sent:
        low = tok.lower_
        if low in _FATAL_WHEN:
            # "shot dead", "shooting dead", "shot to death", "gunned down", "fatally shot",
            # "mortally wounded": a killing verb after all
            nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
            nxt2 = doc[tok.i + 2].lower_ if tok.i + 2 < len(doc) else ""
            if not (low in _SHOT_WORDS and (nxt in ("dead", "down") or (nxt == "to" and nxt2 == "death")
                                             or shot_dead_object(tok))
                    or low in ("burned", "burnt") and _burned_alive(tok)
                    or any(c.lower_ in ("fatally", "mortally") and doc[c.i - 1].lower_ not in ("not", "non", "-", "non-")
                           for c in tok.children)):  # (not "non-fatally shot", "injured, but not fatally")
                continue
        elif low not in KILL_WORDS:
            continue
        if low == "body" and tok.i > 0 and doc[tok.i - 1].lower_ == "no":
            continue  # "No body was hurt": nobody, written in two words
        if ongoing or _not_this_toll(tok, counted_before) or _not_a_death(tok):
            set_aside = True
            continue
        victims = _one_person(tok, _victims(tok))
        if low in _SHOT_WORDS and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "down":
            # "shot down 30 drones", "a helicopter was shot down": machines, not the dead
            victims = [v for v in victims if v.lower_ not in _MACHINES]
        if low in _DIE_WORDS and all(v.ent_type_ in ("DATE", "TIME") for v in victims):
            # "Around 3 May 2020, in X, five members of ... died": the parser made the date the
            # subject, or none, and hung the counted noun on the place as an apposition
            victims = [a for a in tok.subtree if a.i < tok.i and a.dep_ == "appos" and a.pos_ == "NOUN"
                       and any(c.dep_ == "nummod" for c in a.children)][:1]
        for v in victims:
            if v.i in seen:
                continue
            seen.add(v.i)
            if v.i == tok.i and low in ("body", "corpse"):
                bare_bodies += 1
                continue
            if v.lower_ in _ANIMALS or _says_unparsed(v):
                # "killed at least 17 villagers, burned houses and killed livestock"; "killing
                # dozens, witnesses and a rights group said" (the parser made the sources dead)
                continue
            if v.dep_ == "pobj" and v.head.lower_ == "among" and v.i != tok.i and (counted_before or found):
                # "4 members were killed ..., two commanders were among the four killed":
                # counted already (told first, "a commander was among four militants killed"
                # is the toll)
                set_aside = True
                continue
            if v.i != tok.i and v.lower_ in _BODY_WORDS or v.ent_type_ in ("DATE", "TIME"):
                # "the beheaded body of a man": the body's own words count him; "27 April",
                # a misparsed subject, is no one
                continue
            if _after_place_preposition(v):
                # "In Barisal, a driver, X, 32, and his helper, Y, 26, were killed": the town is
                # no one, and the ages beside the names are no count either. Who died hangs on
                # the town: as its conjuncts (counted as victims already), or as its apposition
                # ("a driver, X") and the apposition's conjuncts ("and his helper")
                if not any(c.dep_ == "conj" for c in v.children):
                    people = [a for a in v.children if a.dep_ == "appos" and not a.like_num
                              and a.ent_type_ not in ("DATE", "TIME", "CARDINAL", "GPE", "LOC")]
                    more = {c.i for a in people for c in a.conjuncts if not c.like_num} - seen
                    seen |= more
                    if people:
                        total += (_count_token(people[0], vague) or 1) + len(more)
                        found = True
                set_aside = True
                continue
            if (counted_before or found) and v.tag_ == "PRP" \
                    or counted_before and (_definite_one(v) or _named_one(v)):
                # "killed him", "shooting the Japanese man", "Asghar died", "shot dead a
                # journalist ..., leaving him dead": one counted before
                set_aside = True
                continue
            if _hurt_not_killed(v) and not (low in _DIE_WORDS and v.dep_ == "nsubj" and v.head.i == tok.i):
                # (but "a youth hurt in the clash died later" died)
                continue
            n = _count_token(v, vague)
            if n is not None:
                total += n
                found = True
    if not found and bare_bodies and not counted_before:
        total, found = bare_bodies, True
    if not found and not set_aside:
        n = _regex_fallback(text, vague)
        if n is not None:
            return n, False
    if found:
        return total, False
    if ZERO_RE.search(text):
        return 0, False
    return None, False


_NUM = r"(\d[\d,]*|(?:[a-z]+[\- ])?[a-z]+)"
# "<count> [up to three words] [were] killed": the count and the words between are groups 1 and 2
_COUNT_THEN_DEAD = (_NUM + r" ((?:\w+ ){0,3}?)(?:were |was |are |have been |had been |reportedly )?"
                    r"(?:killed|dead|died)\b")
_FALLBACK = (
    # (not "1 security personnel killed 5 injured": a count its own injury word follows)
    re.compile(r"\b(?:killed|killing|kills|kill|shooting dead|shot dead|gunning down|gunned down) (?:at least |atleast |about |around |some |nearly |over |more than |up to |an estimated )?"
               + _NUM + r"\b(?!,? (?:(?:others|other people|people|persons) )?(?:injured|wounded|hurt)\b)", re.IGNORECASE),
    re.compile(r"\b" + _COUNT_THEN_DEAD, re.IGNORECASE),
    # "a clash over land causes the death of one", however the parser hangs "death"
    re.compile(r"\b(?:caus\w*|result\w* in|led to|leading to|leaves|leaving|left) the deaths? of (?:at least |some )?"
               + _NUM + r"\b", re.IGNORECASE),
)


# a headline's one victim, whatever the parser made of it: "Mob lynches man suspected of theft"
_ONE_VICTIM = re.compile(
    r"\b(?:kills|lynches|lynched|murders|beheads|executes) (?:a |an |one )?(?:man|woman|boy|girl|child|teenager|trader|"
    r"farmer|herder|driver|student|teacher|policeman|soldier|officer|civilian|villager|resident|chief|elder|"
    r"businessman|vendor|pastor|priest|imam|journalist|guard|suspect|thief)\b", re.IGNORECASE)


# a protest's grievance: the deaths it is against were counted where they happened
_GRIEVANCE = re.compile(
    r"\b(?:against|over|protest(?:s|ed|ing)?|condemn\w*|denounc\w*|mourn\w*) (?:the |a )?(?:\w+ ){0,2}?"
    r"(?:killings?|murders?|deaths?) of [^.,;]*", re.IGNORECASE)


# The same reading from every word on (a lookahead: in "resulting in 1 soldier killed" the match
# at "resulting in" must not use up the one at "1"), for a match that opens with a number.
_COUNTED_DEAD = re.compile(r"(?=\b" + _COUNT_THEN_DEAD + ")", re.IGNORECASE)


_YEAR = re.compile(r"(?:19|20)\d\d,?")


def _regex_fallback(text: str, vague: dict[str, int | None]) -> int | None:
    """The dead a sentence's words count where its parse found none."""
    text = _GRIEVANCE.sub(" ", text)
    n = _words_fallback(text, vague)
    if n is not None:
        return n
    for m in _COUNTED_DEAD.finditer(text):
        first, *rest = m.group(1).split()
        between = rest + m.group(2).split()
        # not an article ("a girl who was killed"), a part of those counted ("one of the
        # killed"), the last of a list ("three police officers and one raider were killed",
        # "five officers and about a dozen militants left dead"), nor animals
        if (first[0].isdigit() and not _YEAR.fullmatch(first)
                or first.lower() in UNITS and first.lower() not in ("a", "an", "no")) \
                and not (between and between[0].lower() == "of") \
                and not re.search(r"\band\s+(?:\w+\s+){0,2}$|,\s*$", text[max(0, m.start() - 40):m.start()]) \
                and not any(w.lower() in _ANIMALS for w in between):
            n = parse_number(m.group(1), vague)  # "twenty five", else "three" of "three police"
            n = parse_number(first, vague) if n is None else n
            if n is not None and n < 100000:
                return n
    return 1 if _ONE_VICTIM.search(text) else None


def _words_fallback(text: str, vague: dict[str, int | None]) -> int | None:
    """The first count that ``_FALLBACK``'s phrases read ("killed at least 12", "7 people were
    killed", "caused the death of one")."""
    for rx in _FALLBACK:
        for m in rx.finditer(text):
            words = m.group(1).split()
            # try the longest number reading first ("twenty five", then "five"); a number
            # and its noun are two words as well ("three women were reported killed")
            counted = [words[:k] for k in range(len(words) - 1, 0, -1) if words[0].isdigit() or words[0].lower() in UNITS]
            # "kills a 14 year old" counts one; "killed at a petrol station", "the killing of a
            # youth" do not: an article after another word is no count
            suffixes = [words[k:] for k in range(len(words)) if k == 0 or words[k].lower() not in ("a", "an")]
            for part in suffixes + counted:
                n = parse_number(" ".join(part), vague)
                if n is not None and n < 100000:
                    return n
    return None
