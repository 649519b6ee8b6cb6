"""Features for the trained event classifier (``learned.py``): the words of a note and what the
rule stage made of it.

The text block is TF-IDF over word 1-2-grams and over character 2-5-grams inside words (the
character block carries morphology and spelling variants: "shelled", "shelling", "mortar-fire").
The rule block is a handful of one-hot signals read from the rule stage's own annotation of the
same text (its event type, sub-type, tags, modality, actor types, fatalities, place precision),
so the classifier learns when to trust the rules and when the words say otherwise (stacking).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class FeatureSpec:
    """How the features are built; saved with the model so that loading rebuilds the same thing."""

    word_ngrams: tuple[int, int] = (1, 2)
    word_min_df: int = 2
    char_ngrams: tuple[int, int] = (2, 5)
    char_min_df: int = 3
    char_max_features: int = 150_000
    rules: bool = True  # stack the rule stage's signals
    rule_weight: float = 0.5  # scale of each rule one-hot next to the L2-normalised text blocks
    sublinear: bool = True  # 1 + log(tf)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FeatureSpec:
        d = {k: tuple(v) if isinstance(v, list) else v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**d)


def _bucket(n: int | None) -> str:
    if n is None:
        return "none"
    if n == 0:
        return "0"
    return "1" if n == 1 else ("2-9" if n < 10 else "10+")


def rule_signals(event: dict[str, Any] | None, n_events: int) -> list[str]:
    """One-hot names for one rule-stage event in ``annotate`` shape (None: the rules found none)."""
    if event is None:
        return ["rt=none"]
    out = [f"rt={event['event_type']}", f"rs={event.get('sub_event_type') or 'none'}",
           f"mod={event.get('modality') or 'asserted'}", f"fat={_bucket(event.get('fatalities'))}",
           f"n={min(n_events, 3)}"]
    out += [f"tag={t}" for t in event.get("tags") or ()]
    for role in ("actor1", "actor2"):
        actor = event.get(role)
        out.append(f"{role}={actor.get('inter') if actor else 'none'}")
    if actor := event.get("actor1"):
        out.append(f"rt={event['event_type']}|a1={actor.get('inter')}")
    loc = event.get("location")
    out.append(f"geo={loc.get('geo_precision') if loc else 'none'}")
    return out


class Featurizer:
    """Fitted vectorizers: ``fit_transform`` on training notes, ``transform`` at annotate time."""

    def __init__(self, spec: FeatureSpec) -> None:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.spec = spec
        # \w+ keeps one-letter and digit tokens ("1 fatality", "2 killed"), which carry signal here
        self.words = TfidfVectorizer(ngram_range=spec.word_ngrams, min_df=spec.word_min_df, sublinear_tf=spec.sublinear,
                                     token_pattern=r"(?u)\b\w+\b", dtype=np.float32)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=spec.char_ngrams, min_df=spec.char_min_df,
                                     max_features=spec.char_max_features, sublinear_tf=spec.sublinear, dtype=np.float32)
        self.signals = DictVectorizer(dtype=np.float32)

    def _signal_dicts(self, signals: Sequence[Sequence[str]]) -> list[dict[str, float]]:
        w = self.spec.rule_weight
        return [dict.fromkeys(s, w) for s in signals]

    def fit_transform(self, texts: Sequence[str], signals: Sequence[Sequence[str]]) -> sp.csr_matrix:
        blocks = [self.words.fit_transform(texts), self.chars.fit_transform(texts)]
        if self.spec.rules:
            blocks.append(self.signals.fit_transform(self._signal_dicts(signals)))
        return sp.hstack(blocks, format="csr")

    def transform(self, texts: Sequence[str], signals: Sequence[Sequence[str]]) -> sp.csr_matrix:
        blocks = [self.words.transform(texts), self.chars.transform(texts)]
        if self.spec.rules:
            blocks.append(self.signals.transform(self._signal_dicts(signals)))
        return sp.hstack(blocks, format="csr")

    # --- one text at a time, without scikit-learn's per-call input checks (they cost ~10x the
    # arithmetic on a note-sized text; annotate classifies a handful of texts per document)

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_fast"}

    def _compiled(self) -> list[tuple[Callable[[str], list[str]], dict[str, int], np.ndarray, int]]:
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast, offset = [], 0
            for vec in (self.words, self.chars):
                fast.append((vec.build_analyzer(), vec.vocabulary_, vec.idf_.astype(np.float32), offset))
                offset += len(vec.vocabulary_)
            self._fast = fast
        return fast

    def row(self, text: str, signals: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of ``transform([text], [signals])`` (same numbers)."""
        cols: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        for analyze, vocab, idf, offset in self._compiled():
            counts = Counter(vocab[t] for t in analyze(text) if t in vocab)
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            v = (1.0 + np.log(tf)) * idf[idx] if self.spec.sublinear else tf * idf[idx]
            cols.append(idx + offset)
            vals.append(v / np.float32(np.sqrt((v * v).sum())))
        if self.spec.rules:
            offset = len(self.words.vocabulary_) + len(self.chars.vocabulary_)
            vocab = self.signals.vocabulary_
            idx = np.array(sorted({vocab[s] for s in signals if s in vocab}), dtype=np.int64)
            cols.append(idx + offset)
            vals.append(np.full(len(idx), self.spec.rule_weight, dtype=np.float32))
        if not cols:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(cols), np.concatenate(vals)

    @property
    def n_features(self) -> int:
        n = len(self.words.vocabulary_) + len(self.chars.vocabulary_)
        return n + (len(self.signals.vocabulary_) if self.spec.rules else 0)
