"""The event lexicon (data/lexicon.yaml) compiled into regular expressions, loaded once.

Matching runs over the lower-cased text of a whole document with one regex per cue
category, which is far cheaper than per-token work in Python and keeps the hot path small.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.records import SUB_EVENT_TYPES

_VOWELS = set("aeiou")


@dataclass(frozen=True)
class Rule:
    sub: str
    event_type: str
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    target: str | None = None
    doer: str | None = None
    confidence: float = 0.5

    def holds(self, cues: set[str], target: str | None, doer: str | None = None) -> bool:
        if self.all and not all(c in cues for c in self.all):
            return False
        if self.any and not any(c in cues for c in self.any):
            return False
        if self.none and any(c in cues for c in self.none):
            return False
        if self.target and self.target != target:
            return False
        return not (self.doer and self.doer != doer)


@dataclass
class Lexicon:
    cues: dict[str, re.Pattern[str]]
    standalone: frozenset[str]
    tags: dict[str, re.Pattern[str]]
    rules: list[Rule]
    salience: dict[str, float]
    vague_numbers: dict[str, int | None] = field(default_factory=dict)
    default_actors: dict[str, dict[str, str]] = field(default_factory=dict)
    new_event: re.Pattern[str] | None = None
    index: CueIndex | None = None
    # opening labels of a note ("defusal") -> the rule they name
    note_labels: dict[str, Rule] = field(default_factory=dict)

    def hits(self, low: str) -> dict[str, list[tuple[int, int]]]:
        """Char spans of every cue category found in lower-cased text."""
        assert self.index is not None
        return self.index.hits(low)

    def first_rule(self, sub: str) -> Rule | None:
        """The first rule of a sub-event type: what a report becomes when a merged sentence
        says which it is ("the crowd turned violent")."""
        return next((r for r in self.rules if r.sub == sub), None)

    def classify(self, cues: set[str], target: str | None, doer: str | None = None) -> Rule | None:
        for rule in self.rules:
            if rule.holds(cues, target, doer):
                return rule
        return None


def inflections(word: str, irregular: dict[str, list[str]]) -> list[str]:
    """Regular English inflections of a verb or noun, plus listed irregular forms.

    Over-generating (e.g. "clashs") is harmless: such strings never occur in text.
    """
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    # Consonant doubling (stab -> stabbed, ambush is not: ends in two consonants).
    if len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS \
            and word[-3] not in _VOWELS:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    forms |= set(irregular.get(word, []))
    return sorted(forms, key=len, reverse=True)


def word_forms(*words: str) -> frozenset[str]:
    """Every regular inflection of each word, for code that matches tokens by their text (the
    pipeline runs without a lemmatizer): ``word_forms("accuse")`` holds "accused", "accusing"."""
    return frozenset(f for w in words for f in inflections(w, {}))


def pattern_to_regex(pattern: str, irregular: dict[str, list[str]]) -> str:
    """One lexicon phrase to a regex fragment (syntax in LEXICON.md)."""
    parts: list[str] = []
    for word in _split_words(pattern):
        if not word:
            continue
        if word == "_":
            parts.append(r"(?:\S+(?<![.!?])\s+){0,3}?")  # not across a sentence's end
            continue
        if word.endswith("+") and re.fullmatch(r"[a-z\-]+\+", word):
            base = word[:-1]
            parts.append("(?:" + "|".join(re.escape(f) for f in inflections(base, irregular)) + r")\s+")
        elif word.endswith("*") and re.fullmatch(r"[a-z\-]+\*", word):
            parts.append(re.escape(word[:-1]) + r"[\w\-]*\s+")
        else:
            parts.append(_words_regex(word, irregular) + r"\s+")
    body = "".join(parts)
    body = body.removesuffix(r"\s+")
    return r"(?<![\w\-])" + body + r"(?![\w])"


def _split_words(pattern: str) -> list[str]:
    """Split on spaces outside parentheses ("(police|security forces) fired" is two words)."""
    words, depth, cur = [], 0, ""
    for ch in pattern:
        depth += (ch == "(") - (ch == ")")
        if ch == " " and depth == 0:
            words.append(cur)
            cur = ""
        else:
            cur += ch
    words.append(cur)
    return words


def _words_regex(word: str, irregular: dict[str, list[str]]) -> str:
    # A word may itself be a small regex ("(a|an)", "[0-9]+ ?mm", "demanding(?! ransom)"); an
    # inflected word inside alternatives ("(burn+|torch+)") is expanded too.
    def expand(m: re.Match[str]) -> str:
        return "(?:" + "|".join(re.escape(f) for f in inflections(m.group(1), irregular)) + ")"

    word = re.sub(r"\((?!\?)", "(?:", word).replace(" ", "\0")  # "(?!...)": a lookahead stays one
    word = re.sub(r"([a-z]+)\+", expand, word)
    word = re.sub(r"([a-z\-]+)\*", lambda m: re.escape(m.group(1)) + r"[\w\-]*", word)
    return word.replace("\0", r"\s*")


def _compile(patterns: list[str], irregular: dict[str, list[str]]) -> re.Pattern[str]:
    return re.compile("|".join(pattern_to_regex(p, irregular) for p in patterns))


_PLAIN = re.compile(r"[a-z][a-z\-']*")


def first_words(pattern: str, irregular: dict[str, list[str]]) -> tuple[set[str], set[str]] | None:
    """The exact words and the prefixes a pattern can start with; None if it cannot be said."""
    first = _split_words(pattern)[0]
    alts = first[1:-1].split("|") if first.startswith("(") and first.endswith(")") else [first]
    exact: set[str] = set()
    prefixes: set[str] = set()
    for alt in alts:
        word = alt.split(" ")[0]
        if word.endswith("+") and _PLAIN.fullmatch(word[:-1]):
            exact |= set(inflections(word[:-1], irregular))
        elif word.endswith("*") and _PLAIN.fullmatch(word[:-1]):
            prefixes.add(word[:-1])
        elif _PLAIN.fullmatch(word):
            exact.add(word)
        else:
            return None
    return exact, prefixes


class CueIndex:
    """Finds every cue of every category in one pass over the words of a text.

    Each pattern is tried only where a word it can start with occurs, instead of scanning
    the whole text once per category (that was most of the extract stage's own time).
    """

    _WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

    def __init__(self) -> None:
        self.exact: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self.prefix: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self.prefix_lengths: list[int] = []
        self.always: list[tuple[str, re.Pattern[str]]] = []

    def add(self, category: str, pattern: str, irregular: dict[str, list[str]]) -> None:
        rx = re.compile(pattern_to_regex(pattern, irregular))
        starts = first_words(pattern, irregular)
        if starts is None:
            self.always.append((category, rx))
            return
        exact, prefixes = starts
        for w in exact:
            self.exact.setdefault(w, []).append((category, rx))
        for w in prefixes:
            self.prefix.setdefault(w, []).append((category, rx))
        self.prefix_lengths = sorted({len(w) for w in self.prefix})

    def hits(self, low: str) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, set[tuple[int, int]]] = {}
        exact, prefix, lengths = self.exact, self.prefix, self.prefix_lengths
        for m in self._WORD.finditer(low):
            word, pos = m.group(0), m.start()
            cands = exact.get(word, [])
            head = word.split("-", 1)[0]
            if head != word:
                # a pattern may match the first part of a hyphenated word ("police-led")
                cands = cands + exact.get(head, [])
            for k in lengths:
                if k > len(word):
                    break
                more = prefix.get(word[:k])
                if more:
                    cands = cands + more
            for cat, rx in cands:
                hit = rx.match(low, pos)
                if hit:
                    out.setdefault(cat, set()).add((hit.start(), hit.end()))
        for cat, rx in self.always:
            for hit in rx.finditer(low):
                out.setdefault(cat, set()).add((hit.start(), hit.end()))
        return {cat: sorted(v) for cat, v in out.items()}


def lexicon_path() -> Path:
    override = os.environ.get("FRONTLINES_LEXICON")
    if override:
        return Path(override)
    return Path(str(resources.files("frontlines") / "data" / "lexicon.yaml"))


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The compiled lexicon; ``path`` defaults to the packaged file (or FRONTLINES_LEXICON)."""
    raw: dict[str, Any] = yaml.safe_load(Path(path or lexicon_path()).read_text(encoding="utf-8"))
    irregular = {k: list(v) for k, v in (raw.get("irregular") or {}).items()}
    cues: dict[str, re.Pattern[str]] = {}
    standalone: set[str] = set()
    index = CueIndex()
    for name, spec in raw["cues"].items():
        cues[name] = _compile(list(spec["patterns"]), irregular)
        for pattern in spec["patterns"]:
            index.add(name, pattern, irregular)
        if spec.get("standalone", True):
            standalone.add(name)
    tags = {name: _compile(list(pats), irregular) for name, pats in (raw.get("tags") or {}).items()}
    rules = []
    for r in raw["rules"]:
        sub = r["sub"]
        if sub not in SUB_EVENT_TYPES:
            raise ValueError(f"lexicon rule names unknown sub-event type {sub!r}")
        for key in ("all", "any", "none"):
            for cue in r.get(key, ()):
                if cue not in cues:
                    raise ValueError(f"lexicon rule {sub!r} names unknown cue {cue!r}")
        rules.append(Rule(sub=sub, event_type=SUB_EVENT_TYPES[sub], all=tuple(r.get("all", ())),
                          any=tuple(r.get("any", ())), none=tuple(r.get("none", ())),
                          target=r.get("target"), doer=r.get("doer"), confidence=float(r.get("confidence", 0.5))))
    labels = {}
    for label, sub in (raw.get("note_labels") or {}).items():
        if sub not in SUB_EVENT_TYPES:
            raise ValueError(f"lexicon note label {label!r} names unknown sub-event type {sub!r}")
        labels[str(label).lower()] = Rule(sub=sub, event_type=SUB_EVENT_TYPES[sub], confidence=0.7)
    vague = dict((raw.get("numbers") or {}).get("vague") or {})
    return Lexicon(cues=cues, standalone=frozenset(standalone), tags=tags, rules=rules,
                   salience=dict(raw.get("salience") or {}), vague_numbers=vague,
                   default_actors=dict(raw.get("default_actors") or {}),
                   new_event=_compile(list(raw["new_event_markers"]), irregular)
                   if raw.get("new_event_markers") else None, index=index, note_labels=labels)
