"""Modality (asserted / claimed / expected / hypothetical / denied) and who says so."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import word_forms

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DENIED = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected (?:the )?(?:reports?|claims?)|refuted|dismissed (?:the )?(?:reports?|claims?)"
    r"|(?:rejected|denied|dismissed) (?:the )?(?:charges?|accusations?|allegations?)"
    r"|false reports?|no such (?:attack|incident)|did not (?:take place|happen|occur)"
    r"|rejected (?:that|this|these|those|the (?:report|account|claim|allegation)s?)"
    r"|(?:are|is|were|was) (?:completely |entirely |totally )?(?:false|baseless|untrue|fabricated|fabrications)"
    r"|(?:are|is|were|was) (?:a |an )?(?:\S+ ){0,3}?(?:fabrication|hoax|fiction|lie)"
    r"|dismissed (?:\S+ ){0,8}?as (?:baseless|false|untrue|groundless|fabricated|lies|nonsense|fake|rumou?rs?)"
    r"|(?:had|has|have) no (?:hand|role|part) in)\b",
    re.IGNORECASE)
# A party blamed that denies its part ("blaming Tamil Tiger rebels, who denied it", "the group
# denied any involvement"): the event stands, only who did it is disputed.
DENIED_PART = re.compile(
    r",\s*(?:who|which)\s+(?:(?:has|have|had)\s+)?(?:denied|denies|deny|rejected|dismissed)\b[^,;.]*"
    r"|\b(?:denied|denies|deny|denying|rejected|rejects|rejecting)\s+(?:any\s+|all\s+)?(?:involvement|responsibility|role|links?|complicity)\b",
    re.IGNORECASE)
# "were the army to attack" supposes; "were pretending to", "were forced to", "were able to"
# tell what happened
_NOT_PAST = r"(?:(?!\w+(?:ing|ed)\s|(?:able|unable|about|due|set|likely|sent|made|told)\s)\w+ ){0,2}"
# A condition: the whole sentence is a supposition, whatever tense its main clause has
# ("If the town falls, the rebels will control ...", "Should Ramadi fall, ...").
CONDITION = re.compile(
    r"(?:^|[\s,;(\"“‘])(?:if|unless|in case|in the event (?:that|of)"
    r"|should (?:\w+[\s-]){0,3}?(?:fall|falls|be|come|collapse|fail|capture|take|lose|enter)"
    r"|were " + _NOT_PAST + r"to)\s", re.IGNORECASE)
HYPOTHETICAL = re.compile(
    r"(?:^|[\s,;(])(?:if|unless|should (?:\w+ ){0,3}(?:fall|be|come|collapse)|in case|in the event (?:that|of)|were " + _NOT_PAST + r"to)\s|"
    r"\b(?:could|would|might) (?:\w+ )?(?:be|have|fall|lead|trigger|result|see|face)\b", re.IGNORECASE)
# Reporting formulas that only hedge a figure ("could not be independently confirmed").
HEDGES = re.compile(r"\bcould not (?:be )?(?:independently )?(?:confirm|verif)\w*|\bcould not (?:immediately )?be reached\b",
                    re.IGNORECASE)
EXPECTED = re.compile(
    r"\b(?:(?:is|are|was|were) (?:expected|set|due|poised|scheduled|likely|preparing|planning|about) to"
    r"|plans? to|planned to|intends? to|intend to|threaten(?:s|ed)? to|vow(?:s|ed)? to|prepar(?:es|ing) to"
    r"|pledg(?:e|es|ed|ing) to|promis(?:e|es|ed|ing) to"
    r"|expects? (?:to|further|more|a|an)|in the (?:coming|next) (?:days|hours|weeks|months)|will|shall|is going to"
    r"|urg(?:e|es|ed|ing)|call(?:s|ed|ing)? (?:on|upon|for)|exhort(?:s|ed|ing)?|incit(?:e|es|ed|ing)"
    r"|prepar(?:e|es|ed|ing) (?:an? |new |fresh |more )?(?:attacks?|assaults?|offensives?|strikes?)"
    r"|are going to|'ll)\b", re.IGNORECASE)
CLAIMED = re.compile(
    r"\b(?:claim(?:s|ed|ing)?(?! (?:the |\S+ |more than \S+ )?lives?\b)|according to|reportedly|allegedly|alleged|purportedly|"
    r"(?:said|says|say|stated|announced) (?:that )?(?:it|they|he|she|its \w+|their \w+) (?:had|have|has)|alleges|accused)\b", re.IGNORECASE)
REPORTED = re.compile(r"\b(?:said|says|say|told|stated|announced|added|warned|warns)\b", re.IGNORECASE)
FUTURE_WORDS = frozenset({"expected", "set", "due", "poised", "plans", "plan", "planning", "intends", "coming",
                          "scheduled", "going", "threatened", "threatens", "vowed", "vows", "expect", "expects",
                          "likely", "preparing", "pledging", "pledged", "pledges", "promising", "promised", "promises"})
SPEECH_VERBS = frozenset({
    "said", "says", "say", "claimed", "claims", "claim", "told", "tells", "stated", "states",
    "announced", "announces", "reported", "reports", "alleged", "alleges", "accused", "accuses",
    "confirmed", "confirms", "denied", "denies", "added", "noted", "insisted", "warned", "tweeted",
    "wrote", "quoted",
})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
_OTHER_CLAUSES = frozenset({"ccomp", "conj", "parataxis", "advcl"})
# what an event's toll is counted in: "no casualties" is a toll of nought, not a denial
TOLL_NOUNS = frozenset({"casualty", "casualties", "death", "deaths", "fatality", "fatalities", "injury", "injuries",
                         "loss", "losses", "damage", "harm", "one", "life", "lives", "victims", "dead", "injured"})


def is_speech(tok: Token) -> bool:
    """Whether a word is a verb of saying: not "claimed" when lives are what it took ("the
    blast claimed the lives of four traders")."""
    return tok.lower_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX") \
        and not any(c.dep_ == "dobj" and c.lower_ in ("life", "lives") for c in tok.children)


def modality_of(sent: Span, trigger: Token | None) -> str:
    """The strongest modality cue of the sentence; negation of the trigger verb is a denial."""
    text = HEDGES.sub(" ", sent.text)
    if CONDITION.search(text):
        return "hypothetical"
    if trigger is not None:
        # the trigger may be the object of the negated verb ("did not attack the protesters")
        for t in (trigger, trigger.head) if trigger.dep_ in ("dobj", "nsubjpass", "pobj") else (trigger,):
            for c in t.children:
                if c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod",)):
                    return "denied"
        if trigger.lower_ not in TOLL_NOUNS and any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children) \
                and trigger.dep_ in ("nsubj", "nsubjpass", "attr") and trigger.head.dep_ == "ROOT" \
                and not any(c.dep_ in _OTHER_CLAUSES and c.pos_ in ("VERB", "AUX") for c in trigger.head.children):
            # "No arrests were made.", "There were no clashes." (but "there were no casualties
            # in the attack" counts the attack's dead, and "police intervened to break up the
            # crowds, with no violence reported" tells an intervention)
            return "denied"
        if _feared(trigger):
            return "hypothetical"
        modal = _modal_over(trigger)
        if modal in ("could", "might", "may"):
            return "hypothetical"
        if modal == "would":
            # reported future ("officials said the army would send troops") is a forecast
            return "expected" if REPORTED.search(text) or EXPECTED.search(text) else "hypothetical"
        if modal in ("will", "shall", "'ll"):
            return "expected"
    if DENIED.search(DENIED_PART.sub(" ", text)):
        return "denied"
    # "will" etc. only when it governs the event, or there is no parse to say otherwise
    if EXPECTED.search(text) and (trigger is None or _governs_future(trigger)):
        return "expected"
    if HYPOTHETICAL.search(text):
        if re.search(r"\bwould\b", text, re.IGNORECASE) and REPORTED.search(text) \
                and not re.search(r"\b(?:could|might)\b", text, re.IGNORECASE):
            return "expected"
        return "hypothetical"
    if CLAIMED.search(text):
        return "claimed"
    return "asserted"


# Nouns whose "of" names what may come, not what came: "the risk of attacks on shipping",
# "fears of a new offensive", "the threat of violence".
FEAR_NOUNS = frozenset({"risk", "risks", "threat", "threats", "fear", "fears", "danger", "dangers", "possibility",
                        "prospect", "prospects", "likelihood", "spectre", "specter", "warning", "warnings"})


def _feared(trigger: Token) -> bool:
    """Whether the event word is what a risk, a fear or a threat is of ("traders weighed the
    risk of attacks on shipping", "fears of a repeat of the violence that killed 800 people
    after the last vote"): no event happened."""
    t = trigger.head if trigger.dep_ == "relcl" else trigger
    for _ in range(3):
        if t.dep_ != "pobj" or t.head.lower_ != "of":
            return False
        t = t.head.head
        if t.lower_ in FEAR_NOUNS:
            return True
    return False


# How a trigger word hangs from the verb whose modal rules it: "may launch an offensive",
# "fighting might spread", "might try to retake", "could come under attack".
_UNDER_VERB = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "xcomp", "attr", "compound", "amod", "nmod"})


def _modal_over(trigger: Token) -> str | None:
    """The modal verb of the trigger, or of the verb it is the object, subject or aim of
    ("the army may launch an offensive"); none past a speech verb or a clause of its own.
    "may have been" and "could have fired" guess about what happened, not whether."""
    if trigger.lower_ in SPEECH_VERBS:
        # "Analysts warned that fighting might spread": what is said carries the modal
        said = [k.lower_ for c in trigger.children if c.dep_ == "ccomp" for k in c.children if k.tag_ == "MD"]
        if said:
            return said[0]
    t = trigger
    while t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head  # one of two things named together: "would keep launching missiles and drones"
    for _ in range(4):
        while t.dep_ == "conj" and t.pos_ == "VERB" and t.head.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in t.children):
            t = t.head  # a verb joined to one with its modal shares it: "would hunt down ... and keep firing"
        kids = list(t.children)
        for c in kids:
            if c.tag_ == "MD":
                if c.lower_ in ("may", "might", "could") and t.tag_ == "VBN" \
                        and any(k.lower_ == "have" for k in kids):
                    return None
                return c.lower_
        if t.pos_ in ("VERB", "AUX") and t.lower_ in SPEECH_VERBS:
            return None
        if t.dep_ not in _UNDER_VERB or t.head.i == t.i:
            return None
        t = t.head
    return None


# Verbs of urging: what someone is urged or called on to do has not been done ("called on the
# group's followers to kill citizens of ..."; "urged residents to stay indoors after gunmen
# killed three" tells the killing).
URGE_WORDS = word_forms("urge", "call", "exhort", "incite")


_CALL = word_forms("call")


def _governs_future(trigger: Token) -> bool:
    urged = any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children)  # "to kill", "to lay down"
    t: Token | None = trigger
    told = False  # passed through a clause of its own ("to stay indoors after gunmen killed three")
    for _ in range(5):
        if t is None:
            break
        if t.lower_ in FUTURE_WORDS or urged and t.lower_ in URGE_WORDS and t.pos_ == "VERB":
            return True
        if not told and t.pos_ == "VERB" and t.head.lower_ in URGE_WORDS and t.head.pos_ == "VERB" \
                and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
            return True  # "urged Venezuelans to flood the streets in a nationwide march": what is urged
        told = told or t.dep_ in ("advcl", "relcl", "ccomp")
        if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lower_ in _CALL and t.head.head.pos_ == "VERB":
            return True  # "called for nationwide protests on March 20": a call, not yet a protest
        for c in t.children:
            if c.tag_ == "MD" and c.lower_ in ("will", "shall", "'ll"):
                return True
            if c.lower_ in FUTURE_WORDS and c.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def speaker_of(sent: Span) -> str | None:
    """Who the sentence attributes its content to: "according to X", "X said", "said X"."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(sent.doc) and sent.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in sent.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                o = objs[0]
                return _trim(sent.doc[o.left_edge.i:o.right_edge.i + 1].text)
    for tok in sent:
        if is_speech(tok):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                s = subj[0]
                if s.pos_ == "PRON":
                    continue
                words = [t for t in s.subtree if not t.is_punct or t.text == "-"]
                if not words:
                    continue
                phrase = sent.doc[words[0].i:words[-1].i + 1].text
                return _trim(phrase)
    return None


def _trim(phrase: str) -> str | None:
    phrase = " ".join(phrase.split())
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE).strip(" ,.;:")
    words = phrase.split()
    if not words:
        return None
    return " ".join(words[:10])
