"""The trained mode of event typing: a classifier fitted on a user's own licensed ACLED export.

``frontlines train --acled FILE.csv`` reads the export (its ``notes`` are the texts, its
``event_type``/``sub_event_type`` the labels), runs the rule stage over every note, and fits two
sparse linear models (linear SVMs) on TF-IDF word and character n-grams plus the rule stage's own
signals (``features.py``): one over the 6 event types, one over the 25 sub-types. The sub-type is
chosen among the sub-types of the predicted type, so the pair is always a valid ACLED pair.

``frontlines annotate --model DIR`` keeps everything the rule stage found (actors, place, date,
fatalities, modality, evidence) and replaces only ``event_type``/``sub_event_type``.

Nothing trained ships with the package: ACLED's terms forbid redistributing its data, and a
model fitted on it would carry it. A model directory holds ``model.joblib`` and ``meta.json``
(versions, a hash and the size of the training data, held-out scores); loading checks the versions.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import platform
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontlines import __version__
from frontlines.errors import BadInput
from frontlines.records import (
    EVENT_TYPES,
    SUB_EVENT_TYPES,
    TAXONOMY,
    Document,
    Report,
    normalise_text,
)

from .features import FeatureSpec, Featurizer, rule_signals

__all__ = [
    "MODEL_FORMAT",
    "EventModel",
    "LabelledNote",
    "TrainOptions",
    "TrainResult",
    "default_model_dir",
    "load_model",
    "read_acled_csv",
    "score_predictions",
    "train_event_model",
]

MODEL_FORMAT = 1
MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
AMBIGUOUS = ("Protests", "Riots")  # ACLED before 2019 coded both as one type, "Riots/Protests"

# ACLED's pre-2019 type names -> (event_type, sub_event_type the old name implies)
OLD_TYPES: dict[str, tuple[str, str | None]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "battle-non-state actors overtake territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", None),
    "strategic development": ("Strategic developments", None),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
}
AMBIGUOUS_NAMES = {"riots/protests", "protests/riots", "protests|riots", "riots|protests"}
REQUIRED_COLUMNS = ("event_type", "notes")


@dataclass(frozen=True)
class LabelledNote:
    """One training row: the note and its gold labels (event_type None: Protests or Riots, unknown which)."""

    text: str
    event_type: str | None
    sub_event_type: str | None = None

    @property
    def ambiguous(self) -> bool:
        return self.event_type is None


def _label(raw_type: str, raw_sub: str) -> tuple[str | None, str | None] | None:
    """Normalised (event_type, sub_event_type); None when the type is not ACLED's."""
    t, s = raw_type.strip(), raw_sub.strip() or None
    low = t.casefold()
    if low in AMBIGUOUS_NAMES:
        return None, None
    by_name = {e.casefold(): e for e in EVENT_TYPES}
    if low in by_name:
        event_type = by_name[low]
    elif low in OLD_TYPES:
        event_type, implied = OLD_TYPES[low]
        s = s or implied
    else:
        return None
    if s is not None:
        subs = {x.casefold(): x for x in TAXONOMY[event_type]}
        s = subs.get(s.casefold())  # a sub-type of another type (or unknown) is dropped, the type kept
    return event_type, s


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # older ACLED exports are Windows-1252


@dataclass
class CsvSummary:
    path: str
    sha256: str
    rows: int  # data rows read
    used: int  # rows kept for training
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count


def read_acled_csv(path: str | Path) -> tuple[list[LabelledNote], CsvSummary]:
    """Training rows from an ACLED export (any vintage: new or pre-2019 type names, any case of header).

    Raises BadInput naming the file when it cannot be read, lacks the required columns
    (``event_type``, ``notes``) or has no usable row.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise BadInput(str(p), f"cannot read: {e.strerror or e}") from None
    reader = csv.DictReader(io.StringIO(_decode(raw), newline=""))
    header = {(h or "").strip().casefold(): h for h in reader.fieldnames or []}
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        found = ", ".join(h for h in reader.fieldnames or [] if h) or "none"
        raise BadInput(str(p), f"not an ACLED export: missing column(s) {', '.join(missing)} (found: {found})")
    col_type, col_notes = header["event_type"], header["notes"]
    col_sub = header.get("sub_event_type")
    notes: list[LabelledNote] = []
    summary = CsvSummary(str(p), hashlib.sha256(raw).hexdigest(), 0, 0)
    try:
        for row in reader:
            summary.rows += 1
            text = (row.get(col_notes) or "").strip()
            if not text:
                summary.skipped["no notes"] += 1
                continue
            label = _label(row.get(col_type) or "", (row.get(col_sub) or "") if col_sub else "")
            if label is None:
                summary.skipped[f"unknown event_type {row.get(col_type)!r}"] += 1
                continue
            notes.append(LabelledNote(text, *label))
    except csv.Error as e:
        raise BadInput(str(p), f"bad CSV at row {summary.rows + 1}: {e}") from None
    summary.used = len(notes)
    if not notes:
        raise BadInput(str(p), f"no usable rows ({summary.rows} read; {dict(summary.skipped) or 'none skipped'})")
    return notes, summary


# --- scoring ------------------------------------------------------------------------------

def f1_table(pairs: Sequence[tuple[str, str]], labels: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per label of (gold, predicted) pairs: precision, recall, F1 and support."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[pred] += 1
    out = {}
    for lab in labels:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[lab] = {"precision": p, "recall": r, "f1": f, "support": tp[lab] + fn[lab]}
    return out


def score_predictions(gold: Sequence[LabelledNote], predicted: Sequence[tuple[str, str | None]]) -> dict[str, Any]:
    """Event-type macro-F1 over the types present in gold, sub-type weighted F1, as ``bench/eval_acled.py``.

    A Protests-or-Riots gold row counts as right when either is predicted.
    """
    type_pairs, sub_pairs = [], []
    for g, (pt, ps) in zip(gold, predicted, strict=True):
        gt = g.event_type or (pt if pt in AMBIGUOUS else AMBIGUOUS[0])
        type_pairs.append((gt, pt))
        if g.sub_event_type:
            sub_pairs.append((g.sub_event_type, ps or "(none)"))
    types = sorted({g for g, _ in type_pairs})
    tf = f1_table(type_pairs, types)
    sf = f1_table(sub_pairs, sorted({g for g, _ in sub_pairs}))
    support = sum(v["support"] for v in sf.values())
    return {
        "rows": len(type_pairs),
        "sub_rows": len(sub_pairs),
        "event_type_accuracy": sum(g == p for g, p in type_pairs) / max(1, len(type_pairs)),
        "event_type_macro_f1": sum(v["f1"] for v in tf.values()) / max(1, len(tf)),
        "sub_event_type_weighted_f1": sum(v["f1"] * v["support"] for v in sf.values()) / max(1, support),
        "per_type_f1": {k: round(v["f1"], 4) for k, v in tf.items()},
    }


# --- the model ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Prediction:
    event_type: str
    sub_event_type: str | None
    margin: float  # type score minus the runner-up's (a rough confidence)


class EventModel:
    """Two fitted linear models over shared features; ``predict`` returns a valid ACLED pair per text."""

    def __init__(self, featurizer: Featurizer, types: Any, subs: Any | None, meta: dict[str, Any]) -> None:
        self.featurizer = featurizer
        self.types = types
        self.subs = subs
        self.meta = meta

    def predict(self, texts: Sequence[str], signals: Sequence[Sequence[str]]) -> list[Prediction]:
        """One prediction per text, computed text by text from the weights (annotate's path)."""
        import numpy as np

        if not texts:
            return []
        rows = [self.featurizer.row(t, s) for t, s in zip(texts, signals, strict=True)]
        tscore = np.stack([_scores(self.types, c, v) for c, v in rows])
        sscore = np.stack([_scores(self.subs, c, v) for c, v in rows]) if self.subs is not None else None
        return self._decide(tscore, sscore)

    def _predict_x(self, x: Any) -> list[Prediction]:
        """Predictions for a feature matrix (scikit-learn's path, for many texts at once)."""
        import numpy as np

        def two_columns(d: Any) -> Any:  # two classes: sklearn returns one column
            d = np.asarray(d)
            return np.stack([-d, d], axis=1) if d.ndim == 1 else d

        tscore = two_columns(self.types.decision_function(x))
        sscore = two_columns(self.subs.decision_function(x)) if self.subs is not None else None
        return self._decide(tscore, sscore)

    def _decide(self, tscore: Any, sscore: Any | None) -> list[Prediction]:
        import numpy as np

        tclasses = list(self.types.classes_)
        sclasses = list(self.subs.classes_) if self.subs is not None else []
        out = []
        for i in range(tscore.shape[0]):
            order = np.argsort(-tscore[i])
            et = tclasses[order[0]]
            margin = float(tscore[i, order[0]] - tscore[i, order[1]]) if len(order) > 1 else 1.0
            sub = None
            if sscore is not None:
                allowed = [j for j, s in enumerate(sclasses) if SUB_EVENT_TYPES.get(s) == et]
                if allowed:
                    sub = sclasses[max(allowed, key=lambda j: sscore[i, j])]
            out.append(Prediction(et, sub, margin))
        return out

    def retype(self, doc: Document, reports: list[Report]) -> list[Report]:
        """The rule stage's reports with the classifier's types.

        ``reports[0]`` (the main event) is classified on the whole text when the document is a
        note-sized text (the unit the model was trained on); every other report, and the main one
        of a longer article, on its own evidence text.
        """
        if not reports:
            return reports
        ann = [r.to_annotation() for r in reports]
        whole = len(doc.text) <= self.meta.get("whole_text_chars", 0)
        texts = [doc.text if i == 0 and whole else r.evidence.text for i, r in enumerate(reports)]
        signals = [rule_signals(a, len(reports)) for a in ann]
        preds = self.predict(texts, signals)
        return [replace(r, event_type=p.event_type, sub_event_type=p.sub_event_type)
                if (p.event_type, p.sub_event_type) != (r.event_type, r.sub_event_type) else r
                for r, p in zip(reports, preds, strict=True)]

    # --- persistence ---

    def save(self, directory: str | Path) -> Path:
        import joblib

        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        joblib.dump({"featurizer": self.featurizer, "types": self.types, "subs": self.subs},
                    d / MODEL_FILE, compress=3)
        (d / META_FILE).write_text(json.dumps(self.meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return d


def _scores(clf: Any, cols: Any, vals: Any) -> Any:
    """``clf.decision_function`` of one sparse row, as one score per class."""
    import numpy as np

    d = clf.coef_[:, cols] @ vals + clf.intercept_
    return np.array([-d[0], d[0]]) if clf.coef_.shape[0] == 1 else d


def _versions() -> dict[str, str]:
    import sklearn

    return {"frontlines": __version__, "scikit_learn": sklearn.__version__, "python": platform.python_version()}


def check_meta(meta: dict[str, Any], where: str) -> None:
    """Raise BadInput when the model was saved by another format or library version than this one."""
    if meta.get("format") != MODEL_FORMAT:
        raise BadInput(where, f"model format {meta.get('format')!r}, this Frontlines reads format "
                              f"{MODEL_FORMAT}: retrain with `frontlines train --acled FILE.csv`")
    have = _versions()
    saved = meta.get("versions") or {}
    # a pickled scikit-learn model is only safe to load in the version that wrote it; the rule
    # stage (whose signals are features) changes between Frontlines versions
    for key, what in (("scikit_learn", "scikit-learn"), ("frontlines", "Frontlines")):
        if saved.get(key) != have[key]:
            raise BadInput(where, f"model trained with {what} {saved.get(key)}, this is {what} {have[key]}: "
                                  "retrain with `frontlines train --acled FILE.csv` (or install the version "
                                  "it was trained with)")


def read_meta(directory: str | Path) -> dict[str, Any]:
    d = Path(directory)
    path = d / META_FILE
    if not d.is_dir():
        raise BadInput(str(d), "no such model directory (make one with `frontlines train --acled FILE.csv`)")
    if not path.is_file() or not (d / MODEL_FILE).is_file():
        raise BadInput(str(d), f"not a Frontlines model directory (needs {META_FILE} and {MODEL_FILE})")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise BadInput(str(path), f"unreadable model metadata: {e}") from None


@lru_cache(maxsize=4)
def _load(path: str, stamp: float) -> EventModel:
    import joblib

    meta = read_meta(path)
    check_meta(meta, path)
    try:
        parts = joblib.load(Path(path) / MODEL_FILE)
    except Exception as e:  # noqa: BLE001 - any unpickling failure means the same thing to the user
        raise BadInput(path, f"cannot load {MODEL_FILE}: {type(e).__name__}: {e}") from None
    return EventModel(parts["featurizer"], parts["types"], parts["subs"], meta)


def load_model(directory: str | Path) -> EventModel:
    """The model saved in ``directory``, loaded once per process (reloaded if the files change)."""
    d = Path(directory).resolve()
    meta = d / META_FILE
    stamp = meta.stat().st_mtime if meta.is_file() else 0.0
    return _load(str(d), stamp)


def default_model_dir() -> Path:
    """Where ``frontlines train`` saves when not told: the user's data directory, not the working tree."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "frontlines" / "model"


# --- training -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainOptions:
    test_fraction: float = 0.2  # held out for the reported scores; 0: no scores
    seed: int = 13
    refit: bool = True  # after scoring, fit the saved model on all rows
    processes: int = 1  # for the rule stage over the training notes
    c: float = 0.5  # SVM regularisation
    whole_text_chars: int = 1500  # a document up to this long is classified whole for its main event
    spec: FeatureSpec = field(default_factory=FeatureSpec)


@dataclass
class TrainResult:
    model: EventModel
    scores: dict[str, Any] | None  # held-out scores (None when nothing was held out)
    seconds: float
    train_rows: int
    test_rows: int


def split_notes(notes: Sequence[LabelledNote], test_fraction: float, seed: int
                ) -> tuple[list[LabelledNote], list[LabelledNote]]:
    """Train/test split by distinct text: ACLED repeats a note on several rows, and a note on both
    sides would flatter the scores."""
    keys = sorted({normalise_text(n.text) for n in notes})
    random.Random(seed).shuffle(keys)
    test_keys = set(keys[: round(len(keys) * test_fraction)])
    train = [n for n in notes if normalise_text(n.text) not in test_keys]
    test = [n for n in notes if normalise_text(n.text) in test_keys]
    return train, test


def rule_signals_for(texts: Sequence[str], processes: int = 1) -> list[list[str]]:
    """What the rule stage makes of each text (its main event), as feature names."""
    from frontlines.extract import annotate_batch

    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    out = []
    for res in annotate_batch(docs, n_process=processes):
        events = res.get("events") or []
        out.append(rule_signals(events[0] if events else None, len(events)))
    return out


def _svm(c: float, seed: int) -> Any:
    from sklearn.svm import LinearSVC

    return LinearSVC(C=c, random_state=seed)


def _shrink(clf: Any) -> Any:
    import numpy as np

    clf.coef_ = clf.coef_.astype(np.float32)  # half the size on disk and in memory; same predictions
    return clf


def _fit(notes: Sequence[LabelledNote], signals: Sequence[Sequence[str]], options: TrainOptions,
         meta: dict[str, Any]) -> EventModel:
    import numpy as np

    featurizer = Featurizer(options.spec)
    x = featurizer.fit_transform([n.text for n in notes], signals)
    y = np.array([n.event_type or "" for n in notes], dtype=object)
    amb = np.array([n.ambiguous for n in notes])
    if (~amb).sum() == 0 or len(set(y[~amb])) < 2:
        raise BadInput("training data", "needs at least two event types among rows with a definite type")
    types = _svm(options.c, options.seed).fit(x[~amb], y[~amb].astype(str))
    classes = list(types.classes_)
    if amb.any() and all(a in classes for a in AMBIGUOUS):
        # self-training: a "Riots/Protests" row is labelled with whichever of the two the first
        # model prefers, then every row trains the final model (it knows these texts exist)
        d = types.decision_function(x[amb])
        y[amb] = np.where(d[:, classes.index(AMBIGUOUS[0])] >= d[:, classes.index(AMBIGUOUS[1])], *AMBIGUOUS)
        types = _svm(options.c, options.seed).fit(x, y.astype(str))
    has_sub = np.array([bool(n.sub_event_type) for n in notes])
    subs = None
    if len({n.sub_event_type for n in notes if n.sub_event_type}) >= 2:
        subs = _shrink(_svm(options.c, options.seed).fit(
            x[has_sub], np.array([n.sub_event_type for n in notes if n.sub_event_type])))
    meta = dict(meta, n_features=featurizer.n_features, event_types=classes,
                sub_event_types=list(subs.classes_) if subs is not None else [])
    return EventModel(featurizer, _shrink(types), subs, meta)


def train_event_model(notes: Sequence[LabelledNote], options: TrainOptions | None = None,
                      data: dict[str, Any] | None = None,
                      on_step: Callable[[str], None] | None = None) -> TrainResult:
    """Fit the classifier; with ``test_fraction`` > 0, score it on held-out notes first.

    ``data`` describes the training data for meta.json (file, sha256, rows); ``on_step`` hears
    what is being done (the CLI prints it).
    """
    options = options or TrainOptions()
    step = on_step or (lambda _msg: None)
    t0 = time.perf_counter()
    notes = list(notes)
    if options.spec.rules:
        step(f"reading {len(notes)} notes with the rule stage")
        signals = rule_signals_for([n.text for n in notes], options.processes)
    else:
        signals = [[] for _ in notes]
    by_text = {id(n): s for n, s in zip(notes, signals, strict=True)}
    meta: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "versions": _versions(),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": dict(data or {}, rows_used=len(notes)),
        "options": {"c": options.c, "seed": options.seed, "test_fraction": options.test_fraction,
                    "refit": options.refit, "features": options.spec.to_dict()},
        "whole_text_chars": options.whole_text_chars,
    }
    scores = None
    train, test = (notes, []) if options.test_fraction <= 0 else split_notes(notes, options.test_fraction, options.seed)
    if test:
        step(f"fitting on {len(train)} notes, scoring on {len(test)} held out")
        model = _fit(train, [by_text[id(n)] for n in train], options, meta)
        x = model.featurizer.transform([n.text for n in test], [by_text[id(n)] for n in test])
        preds = model._predict_x(x)
        scores = score_predictions(test, [(p.event_type, p.sub_event_type) for p in preds])
        if not options.refit:
            model.meta.update(scores=scores, train_rows=len(train), test_rows=len(test),
                              seconds=round(time.perf_counter() - t0, 1))
            return TrainResult(model, scores, time.perf_counter() - t0, len(train), len(test))
    step(f"fitting on all {len(notes)} notes")
    model = _fit(notes, signals, options, meta)
    seconds = time.perf_counter() - t0
    model.meta.update(scores=scores, scores_note="held-out scores of a model fitted on the other rows"
                      if scores and options.refit else None,
                      train_rows=len(notes), test_rows=len(test), seconds=round(seconds, 1))
    return TrainResult(model, scores, seconds, len(notes) if options.refit else len(train), len(test))

