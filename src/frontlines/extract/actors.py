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
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from frontlines.records import ActorRef

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span

METONYM_VERBS = frozenset({
    "said", "says", "say", "announced", "announces", "claimed", "claims", "accused", "accuses",
    "denied", "denies", "warned", "warns", "stated", "vowed", "vows", "insisted", "confirmed",
    "confirms", "rejected", "rejects", "threatened", "threatens", "responded", "retaliated",
    "ordered", "sent", "launched", "struck", "has", "had", "will", "is", "was", "reported",
})


@dataclass(frozen=True)
class ActorEntry:
    name: str
    inter: int | None
    country: str | None = None
    countries: tuple[str, ...] = ()
    parent: str | None = None


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
    # match label -> what it stands for
    labels: dict[str, tuple[str, int]] = field(default_factory=dict)  # label -> (kind, index)
    # match id (hash of the label) -> label: a doc from another pipeline copy has another vocab
    label_of: dict[int, str] = field(default_factory=dict)
    alias_to_name: dict[str, str] = field(default_factory=dict)  # normalised alias -> canonical
    matcher_lower: Any = None
    matcher_exact: Any = None

    def class_name(self, key: str, country: str | None) -> str:
        cls = self.classes[key]
        cname = self.country_names.get(country or "", None) if country else None
        if cname:
            return cls.template.replace("{country}", cname)
        # no country known: drop the placeholder and the words that frame it
        name = re.sub(r"\s*(?:of\s+|\(\s*)\{country\}\)?", "", cls.template)
        return name.replace("{country}", "").strip()

    def canonical(self, name: str) -> str | None:
        """The canonical name for a name or alias (for evaluation and fusion), else None."""
        return self.alias_to_name.get(normalise_name(name))


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
    nlp = get_nlp(parser=True)
    lower: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    d = ActorDictionary(entries=[], classes={}, country_names=dict(raw.get("country_names") or {}))
    for i, a in enumerate(raw.get("actors") or []):
        entry = ActorEntry(name=a["name"], inter=a.get("inter"), country=a.get("country"),
                           countries=tuple(a.get("countries") or ()), parent=a.get("parent"))
        d.entries.append(entry)
        label = f"a{i}"
        d.labels[label] = ("actor", i)
        aliases = [a["name"], *(a.get("aliases") or [])]
        for alias in aliases:
            d.alias_to_name.setdefault(normalise_name(alias), entry.name)
        lower.add(label, [nlp.make_doc(s) for s in aliases if s])
        if a.get("case_sensitive_aliases"):
            exact.add(label, [nlp.make_doc(s) for s in a["case_sensitive_aliases"]])
            for alias in a["case_sensitive_aliases"]:
                d.alias_to_name.setdefault(normalise_name(alias), entry.name)
        if a.get("metonyms"):
            mlabel = f"m{i}"
            d.labels[mlabel] = ("metonym", i)
            exact.add(mlabel, [nlp.make_doc(s) for s in a["metonyms"]])
    for c in raw.get("classes") or []:
        cls = ActorClass(key=c["key"], template=c["template"], inter=c.get("inter"))
        d.classes[cls.key] = cls
        label = f"c:{cls.key}"
        d.labels[label] = ("class", -1)
        cues = [s for s in (c.get("cues") or []) if s]
        if cues:
            lower.add(label, [nlp.make_doc(s) for s in cues])
    d.matcher_lower, d.matcher_exact = lower, exact
    d.label_of = {nlp.vocab.strings[label]: label for label in d.labels}
    return d


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
                if nxt not in METONYM_VERBS and not (e < len(doc) and doc[e].tag_ == "POS"):
                    continue
            spans.append(Span(doc, s, e, label=label))
    out = []
    for sp in filter_spans(spans):
        label = sp.label_
        kind, idx = dictionary.labels.get(label, ("class", -1))
        key = label[2:] if label.startswith("c:") else None
        out.append(ActorMention(sp.start, sp.end, sp.start_char, sp.end_char, sp.text, kind, idx, key))
    # Named organisations the dictionary does not know still make useful actors.
    taken = {i for m in out for i in range(m.start, m.end)}
    for ent in doc.ents:
        if ent.label_ in ("ORG", "NORP") and not any(i in taken for i in range(ent.start, ent.end)):
            out.append(ActorMention(ent.start, ent.end, ent.start_char, ent.end_char, ent.text, "entity"))
    out.sort(key=lambda m: m.start)
    return out


def to_ref(m: ActorMention, dictionary: ActorDictionary, country: str | None) -> ActorRef:
    """The canonical actor for a mention, with the story's country filling class templates."""
    if m.kind in ("actor", "metonym") and 0 <= m.ref_index < len(dictionary.entries):
        e = dictionary.entries[m.ref_index]
        return ActorRef(e.name, m.text, e.inter, e.country or (e.countries[0] if e.countries else None))
    if m.kind == "class" and m.class_key in dictionary.classes:
        cls = dictionary.classes[m.class_key]
        return ActorRef(dictionary.class_name(m.class_key, country), m.text, cls.inter, country)
    return ActorRef(m.text, m.text, None, None)


def class_ref(key: str, dictionary: ActorDictionary, country: str | None, mention: str) -> ActorRef | None:
    """A class actor not named in the text (e.g. the civilians of a VAC event)."""
    if key not in dictionary.classes:
        return None
    return ActorRef(dictionary.class_name(key, country), mention, dictionary.classes[key].inter, country)


def mentions_in(mentions: list[ActorMention], span: Span) -> list[ActorMention]:
    return [m for m in mentions if m.start >= span.start and m.end <= span.end]
