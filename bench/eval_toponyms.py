"""Toponym recognition and resolution on GeoWebNews (GWN) and LGL; run by ``make eval``.

    python bench/eval_toponyms.py [--limit N] [--json] [--data DIR]

(a) resolve-given-spans: the gold spans are handed to ``geoparse``; accuracy within 161 km
    (100 miles, the field's usual threshold), exact GeoNames id, median error in km (a span
    left unresolved counts as a miss, and as 20,000 km in the median), and "in reach": the
    share of gold mentions for which some entry of the bundled gazetteer named by the mention
    (or by words inside it) lies within 161 km, the ceiling of choosing among its entries.
(b) find-and-resolve: ``geoparse`` finds the names itself; a predicted span is correct when it
    overlaps a gold span; precision/recall/F1 of that, and accuracy@161 km of the matched pairs.
    GWN's gold holds only the geocoded toponyms, so precision is a lower bound there.
    Measured twice: with the spaCy model (default) and in the fast mode (``fast=True``,
    gazetteer matching only).
(c) speed on GWN after loading, all in the same run: bare spaCy NER (``nlp.pipe``),
    ``geoparse_many`` with the model (its NER run included), and the fast mode on one and on
    two processes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from frontlines.geo import distance_km, geoparse, geoparse_many, get_gazetteer
from frontlines.nlp import get_nlp

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "toponyms"
MISS_KM = 20_000.0


def load(path: Path, limit: int | None) -> list[dict[str, Any]]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                doc = json.loads(line)
                # A few gold offsets in the corpora fall outside their text; they are skipped.
                n = len(doc["text"])
                doc["gold"] = [g for g in doc["gold"] if 0 <= g["start"] < g["end"] <= n]
                docs.append(doc)
            if limit and len(docs) >= limit:
                break
    return docs


def _gid(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def in_reach(name: str, lat: float, lon: float) -> bool:
    """Whether any gazetteer entry named by the mention or by a run of its words (up to four:
    "Bank of Japan" -> "Japan") lies within 161 km of the gold point: the ceiling that
    choosing among the bundled gazetteer's entries can reach."""
    gaz = get_gazetteer()
    words = name.split()
    for n in range(min(4, len(words)), 0, -1):
        for k in range(len(words) - n + 1):
            for c in gaz.candidates(" ".join(words[k:k + n])):
                if distance_km(lat, lon, *gaz.latlon(c.index)) <= 161:
                    return True
    return False


def eval_spans(docs: list[dict[str, Any]]) -> dict[str, float]:
    n = hit = exact = resolved = reach = 0
    errors: list[float] = []
    for doc in docs:
        gold = doc["gold"]
        if not gold:
            continue
        preds = geoparse(doc["text"], [(g["start"], g["end"]) for g in gold])
        for g, t in zip(gold, preds):
            n += 1
            reach += in_reach(g["name"], g["lat"], g["lon"])
            if t.place is None:
                errors.append(MISS_KM)
                continue
            resolved += 1
            km = distance_km(g["lat"], g["lon"], t.place.lat, t.place.lon)
            errors.append(km)
            hit += km <= 161
            exact += t.place.geonameid is not None and t.place.geonameid == _gid(g.get("geonameid"))
    return {
        "toponyms": n,
        "resolved": resolved / n if n else 0.0,
        "acc161": hit / n if n else 0.0,
        "exact_id": exact / n if n else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
        "in_reach": reach / n if n else 0.0,
    }


def eval_find(docs: list[dict[str, Any]], spacy_docs: list[Any] | None) -> dict[str, float]:
    n_pred = n_gold = tp_pred = tp_gold = matched = hit = 0
    for k, doc in enumerate(docs):
        if spacy_docs is None:
            preds = geoparse(doc["text"], fast=True)
        else:
            preds = geoparse(doc["text"], spacy_doc=spacy_docs[k])
        gold = doc["gold"]
        n_pred += len(preds)
        n_gold += len(gold)
        for t in preds:
            if any(t.start < g["end"] and g["start"] < t.end for g in gold):
                tp_pred += 1
        for g in gold:
            over = [t for t in preds if t.start < g["end"] and g["start"] < t.end]
            if over:
                tp_gold += 1
                matched += 1
                p = over[0].place
                if p is not None and distance_km(g["lat"], g["lon"], p.lat, p.lon) <= 161:
                    hit += 1
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"predicted": n_pred, "gold": n_gold, "precision": precision, "recall": recall,
            "f1": f1, "acc161_matched": hit / matched if matched else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="articles per corpus")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    get_gazetteer()
    load_s = time.perf_counter() - t0
    nlp = get_nlp(parser=False)
    nlp("warm up")
    out: dict[str, Any] = {"gazetteer_load_s": round(load_s, 3)}
    for corpus in ("gwn", "lgl"):
        path = args.data / f"{corpus}.jsonl"
        if not path.is_file():
            print(f"missing {path}", file=sys.stderr)
            return 2
        docs = load(path, args.limit)
        texts = [d["text"] for d in docs]
        t = time.perf_counter()
        sdocs = list(nlp.pipe(texts))
        ner_s = time.perf_counter() - t
        res: dict[str, Any] = {"articles": len(docs), "spans": eval_spans(docs),
                               "find": eval_find(docs, sdocs),
                               "find_fast": eval_find(docs, None)}
        if corpus == "gwn":
            speed = {"spacy_ner_articles_per_s": len(texts) / ner_s}
            for label, kw in (("geoparse", {}), ("geoparse_fast", {"fast": True}),
                              ("geoparse_fast_2proc", {"fast": True, "n_process": 2})):
                t = time.perf_counter()
                geoparse_many(texts, **kw)
                speed[f"{label}_articles_per_s"] = len(texts) / (time.perf_counter() - t)
            res["speed"] = speed
        out[corpus] = res

    if args.json:
        print(json.dumps(out, indent=2, default=lambda x: round(x, 4)))
        return 0
    print(f"gazetteer load: {out['gazetteer_load_s']:.2f} s")
    print(f"{'corpus':9} {'n':>5} {'acc@161':>8} {'in reach':>9} {'exact id':>9} {'median km':>10} | "
          f"{'P':>6} {'R':>6} {'F1':>6} {'acc@161 matched':>16}")
    for corpus in ("gwn", "lgl"):
        s = out[corpus]["spans"]
        for mode in ("find", "find_fast"):
            f = out[corpus][mode]
            label = corpus if mode == "find" else f"{corpus}/fast"
            print(f"{label:9} {s['toponyms']:>5} {s['acc161']:>8.3f} {s['in_reach']:>9.3f} {s['exact_id']:>9.3f} "
                  f"{s['median_km']:>10.1f} | {f['precision']:>6.3f} {f['recall']:>6.3f} "
                  f"{f['f1']:>6.3f} {f['acc161_matched']:>16.3f}")
    sp = out["gwn"]["speed"]
    print(f"speed (GWN, {out['gwn']['articles']} articles, articles/s): spaCy NER "
          f"{sp['spacy_ner_articles_per_s']:.1f}; geoparse with the model "
          f"{sp['geoparse_articles_per_s']:.1f}; fast mode {sp['geoparse_fast_articles_per_s']:.1f}, "
          f"on 2 processes {sp['geoparse_fast_2proc_articles_per_s']:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
