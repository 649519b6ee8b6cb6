"""Which country a text is about, from words tied to one country's public life.

A note that names no place may still say where it is: a "dharna" outside a collectorate is
in India, a hartal enforced in an upazila in Bangladesh, a matatu strike in Kenya. The words
live in ``data/country_cues.yaml`` (knowledge is data: users extend it without code). They are
a weak signal, used only where the text's places and named actors say nothing: as a prior for
reading its place names, for the country of its unnamed actors ("Protesters (India)"), and as
the event's place at country precision when it names no place at all.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# A cue shared by n countries gives each 1/n; a country needs one whole vote, and more than
# any other country, to be taken ("crore" alone, shared by four, says nothing).
_ENOUGH = 1.0


@dataclass(frozen=True)
class CountryWord:
    """A cue found in a text: its span and the countries it points to."""

    start: int
    end: int
    text: str
    countries: tuple[str, ...]


@dataclass(frozen=True)
class CountryWords:
    """The compiled cue file: one pattern for words (any case), one for acronyms (exact case)."""

    words: re.Pattern[str] | None
    acronyms: re.Pattern[str] | None
    countries: dict[str, tuple[str, ...]]  # a cue as written in the file, lower case -> its countries

    def find(self, text: str) -> list[CountryWord]:
        found = []
        for pattern in (self.words, self.acronyms):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                found.append(CountryWord(m.start(), m.end(), m.group(0), self.countries[_key(m.group(0))]))
        found.sort(key=lambda w: w.start)
        return found

    def country(self, text: str) -> CountryWord | None:
        """The text's country by its cue words, as the first cue that names it; None when the
        cues are too few or point to several countries."""
        found = self.find(text)
        votes: dict[str, float] = defaultdict(float)
        for countries in {_key(w.text): w.countries for w in found}.values():  # each cue once
            for cc in countries:
                votes[cc] += 1.0 / len(countries)
        if not votes:
            return None
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        top, score = ranked[0]
        if score < _ENOUGH or (len(ranked) > 1 and ranked[1][1] >= score):
            return None
        first = next(w for w in found if top in w.countries)
        return CountryWord(first.start, first.end, first.text, (top,))


def _key(cue: str) -> str:
    """A cue as the file and a text may both write it: lower case, single spaces."""
    return " ".join(cue.lower().split())


def country_cues_path() -> Path:
    override = os.environ.get("FRONTLINES_COUNTRY_CUES")
    if override:
        return Path(override)
    return Path(str(resources.files("frontlines") / "data" / "country_cues.yaml"))


def _trie_regex(trie: dict[str, Any]) -> str:
    """A regex for the phrases of a character trie ("" marks a phrase's end): one branch per
    next character, so the engine tries a handful of letters at each position instead of
    every cue in turn (fifteen times faster than a plain alternation of 1,400 cues)."""
    ends = "" in trie
    branches = []
    for ch in sorted(k for k in trie if k):
        head = r"\s+" if ch == " " else re.escape(ch)
        branches.append(head + _trie_regex(trie[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longest first: a longer phrase ("gram panchayat") is tried before the end of a shorter one.
    return f"(?:{body})?" if ends else body


def _pattern(phrases: list[str], flags: int) -> re.Pattern[str] | None:
    if not phrases:
        return None
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        # spaces match any run of white space
        for ch in _key(phrase) if flags & re.IGNORECASE else " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    # a cue is a whole word, not the inside of one: a trie's greedy branch that ends inside a
    # word backtracks to a shorter cue that ends at a word's end
    return re.compile(r"(?<![\w\-])" + _trie_regex(trie) + r"(?![\w\-])", flags)


@lru_cache(maxsize=4)
def load_country_words(path: str | None = None) -> CountryWords:
    """The compiled cue file; ``path`` defaults to the packaged one (or FRONTLINES_COUNTRY_CUES)."""
    raw: dict[str, Any] = yaml.safe_load(Path(path or country_cues_path()).read_text(encoding="utf-8"))
    countries: dict[str, tuple[str, ...]] = {}
    words: list[str] = []
    acronyms: list[str] = []
    for n, entry in enumerate(raw.get("cues") or [], start=1):
        codes = tuple(str(c).upper() for c in entry.get("countries") or ())
        if not codes or any(not re.fullmatch(r"[A-Z]{2}", c) for c in codes):
            raise ValueError(f"country cue entry {n}: 'countries' must list ISO alpha-2 codes, got {codes!r}")
        for kind, out in (("words", words), ("acronyms", acronyms)):
            for cue in entry.get(kind) or ():
                key = _key(str(cue))
                if key in countries and countries[key] != codes:
                    raise ValueError(f"country cue {cue!r} is listed twice (entry {n}): "
                                     "a shared cue is one entry naming all its countries")
                countries[key] = codes
                out.append(str(cue))
    return CountryWords(_pattern(words, re.IGNORECASE), _pattern(acronyms, 0), countries)
