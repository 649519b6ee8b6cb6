"""Score the extract stage against ACLED's own coding of its notes (run by ``make eval``).

Input: ../shared/data/acled/acled_dev.jsonl (annotate input) and acled_dev.csv (gold).
Scores ``events[0]`` per row: event-type macro-F1 (6 types), sub-type weighted F1 (25),
actor1 (also with a battle's two sides read in either order, as ACLED's actor order implies
no direction), actor2 where the type is the coder's, place (within 25 km) and country, date
(time_precision 1 rows), fatalities, and
throughput (notes/s, 1 and 2 processes, next to bare spaCy NER in the same run).

``--model DIR`` scores ``annotate --model DIR``; ``--train-split 0.5`` trains a model on half the
notes (in a temporary directory) and scores the rule default, the trained model and a TF-IDF +
linear SVM baseline on the other half.

Measuring only: nothing here is used to build the lexicon.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench_annotate import throughput  # the same measurement as `make bench`

from frontlines.extract.learned import f1_table
from frontlines.geo import distance_km
from frontlines.geo.normalise import name_key
from frontlines.records import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRONTLINES_SHARED", ROOT.parent / "shared")) / "data" / "acled"
FULL_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+,? \d{4}|\b[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}")
COUNTRY_FIX = {"Democratic Republic of Congo": "CD", "Ivory Coast": "CI", "Palestine": "PS",
               "Russia": "RU", "Iran": "IR", "Laos": "LA", "Syria": "SY", "Vietnam": "VN",
               "Bolivia": "BO", "Venezuela": "VE", "Moldova": "MD", "Curacao": "CW",
               "Turkey": "TR", "Tanzania": "TZ", "Republic of Congo": "CG", "eSwatini": "SZ",
               "Kosovo": "XK", "Micronesia": "FM", "North Korea": "KP", "South Korea": "KR"}


def country_code(name: str) -> str | None:
    if name in COUNTRY_FIX:
        return COUNTRY_FIX[name]
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(name)[0].alpha_2
        except LookupError:
            return None


def load(limit: int | None, seed: int) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    lines = [json.loads(x) for x in (DATA / "acled_dev.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    with open(DATA / "acled_dev.csv", encoding="utf-8", newline="") as fh:
        gold = {r["event_id"]: r for r in csv.DictReader(fh)}
    if limit and limit < len(lines):
        lines = random.Random(seed).sample(lines, limit)
    return lines, gold


def score(results: list[dict[str, Any]], gold: dict[str, dict[str, str]], texts: dict[str, str],
          elapsed: float, processes: int, sample: str
          ) -> tuple[dict[str, Any], Counter[str], list[tuple[str, str, str, str]]]:
    """The table's scores for ``events[0]`` of each result against the coder's row."""
    from frontlines.extract.actors import load_actor_dictionary, normalise_name

    dictionary = load_actor_dictionary()

    def same_actor(a: str, b: str) -> bool:
        ca, cb = dictionary.canonical(a) or a, dictionary.canonical(b) or b
        return normalise_name(ca) == normalise_name(cb)

    type_pairs: list[tuple[str, str]] = []
    sub_pairs: list[tuple[str, str]] = []
    n = Counter()
    errors: list[tuple[str, str, str, str]] = []
    confusion: Counter[tuple[str, str]] = Counter()
    for res in results:
        g = gold.get(str(res["id"]))
        if g is None:
            continue
        n["rows"] += 1
        ev = res.get("events", [])[0] if res.get("events") else None
        pt = ev["event_type"] if ev else "(none)"
        ps = (ev["sub_event_type"] or "(none)") if ev else "(none)"
        gt, gs = g["event_type"], g["sub_event_type"]
        if gt == "Protests|Riots":
            type_pairs.append((pt if pt in ("Protests", "Riots") else "Protests", pt))
        else:
            type_pairs.append((gt, pt))
            if gt != pt:
                confusion[(gt, pt)] += 1
        if gs:
            n["sub_rows"] += 1
            sub_pairs.append((gs, ps))
            if gs != ps and len(errors) < 10_000:
                errors.append((str(res["id"]), gs, ps, ev["evidence"]["text"][:160] if ev else ""))
        # actor1
        if g["actor1"]:
            n["actor_rows"] += 1
            if ev and ev["actor1"] and same_actor(ev["actor1"]["name"], g["actor1"]):
                n["actor_ok"] += 1
                n["actor_either_ok"] += 1
            elif (gt == "Battles" and ev and ev["event_type"] == "Battles" and ev["actor2"]
                  and same_actor(ev["actor2"]["name"], g["actor1"])):
                # ACLED's codebook: "Actor 1 and Actor 2 do not imply directionality"; its coders
                # put the state first in about half of the battles of a state and a non-state
                # side. This column reads a battle's two sides in either order.
                n["actor_either_ok"] += 1
            # ACLED's names come in three vintages ("Police Forces of India", "(2013-)",
            # "(2013-2022)"): actor1_match compares with the bracketed period removed
            # (normalise_name drops it); this column also asks for the same period string
            if ev and ev["actor1"] and ev["actor1"]["name"] == g["actor1"]:
                n["actor_exact"] += 1
        # actor2, where the event is of the coder's type (the other side of a battle, who
        # broke up a protest, the civilians hit); both empty counts as equal
        if ev and ev["event_type"] == gt:
            n["actor2_rows"] += 1
            mine = ev["actor2"]["name"] if ev["actor2"] else ""
            if mine == g["actor2"] == "" or mine and g["actor2"] and same_actor(mine, g["actor2"]):
                n["actor2_ok"] += 1
        # place and country
        cc = country_code(g["country"]) if g["country"] else None
        if cc:
            n["country_rows"] += 1
            if ev and ev["location"] and ev["location"]["country_code"] == cc:
                n["country_ok"] += 1
        if g["latitude"] and g["longitude"]:
            n["place_rows"] += 1
            loc = ev["location"] if ev else None
            if loc and loc.get("lat") is not None:
                n["place_found"] += 1
                near = distance_km(float(g["latitude"]), float(g["longitude"]), loc["lat"], loc["lon"]) <= 25
                n["place_ok"] += near
                # ACLED's older country files put many towns tens or hundreds of km from the
                # town ("Jaipur" at 23.91, 74.14): the same town named, in the same country,
                # is counted here whatever the coder's point
                named = loc.get("country_code") == cc and g["location"] and name_key(g["location"]) in {
                    name_key(loc.get("name") or ""), name_key(loc.get("mention") or "")}
                n["place_ok_or_named"] += bool(near or named)
        # date
        if g["time_precision"] == "1" and g["event_date"]:
            n["date_rows"] += 1
            ok = bool(ev and ev["date"] == g["event_date"][:10])
            n["date_ok"] += ok
            # notes carry no published date: only an explicit full date can be resolved
            if FULL_DATE.search(texts.get(str(res["id"]), "")):
                n["date_explicit_rows"] += 1
                n["date_explicit_ok"] += ok
        # fatalities
        if g["fatalities"] != "":
            gf = int(float(g["fatalities"]))
            pf = ev["fatalities"] if ev else None
            n["fat_rows"] += 1
            n["fat_ok"] += int((pf or 0) == gf)
            n["fat_strict_ok"] += int(pf == gf)
            if gf > 0:
                n["fat_pos_rows"] += 1
                n["fat_pos_ok"] += int(pf == gf)
        if not res.get("events"):
            n["no_event"] += 1

    types = f1_table(type_pairs, list(EVENT_TYPES))
    macro = sum(v["f1"] for v in types.values()) / len(types)
    subs = sorted({s for s, _ in sub_pairs})
    subtab = f1_table(sub_pairs, subs)
    weighted = sum(v["f1"] * v["support"] for v in subtab.values()) / max(1, sum(v["support"] for v in subtab.values()))

    def rate(a: str, b: str) -> float:
        return n[a] / n[b] if n[b] else 0.0

    scores: dict[str, Any] = {
        "rows": n["rows"],
        "sample": sample,
        "event_type_macro_f1": macro,
        "sub_event_type_weighted_f1": weighted,
        "actor1_match": rate("actor_ok", "actor_rows"),
        "actor1_exact": rate("actor_exact", "actor_rows"),
        "actor1_battle_sides_either_order": rate("actor_either_ok", "actor_rows"),
        "actor2_match_same_type": rate("actor2_ok", "actor2_rows"),
        "place_within_25km": rate("place_ok", "place_rows"),
        "place_found": rate("place_found", "place_rows"),
        "place_within_25km_or_same_name": rate("place_ok_or_named", "place_rows"),
        "country_match": rate("country_ok", "country_rows"),
        "date_equal_precision1": rate("date_ok", "date_rows"),
        "date_equal_note_has_full_date": rate("date_explicit_ok", "date_explicit_rows"),
        "fatalities_equal_all_null_as_0": rate("fat_ok", "fat_rows"),
        "fatalities_equal_all_strict": rate("fat_strict_ok", "fat_rows"),
        "fatalities_equal_gold_gt0": rate("fat_pos_ok", "fat_pos_rows"),
        "no_event_rate": rate("no_event", "rows"),
        "quality_run_notes_per_s": n["rows"] / elapsed if elapsed else 0.0,
        "quality_run_processes": processes,
        "per_type": types,
        "per_sub_type": subtab,
        "confusion_top": [{"gold": a, "pred": b, "count": c} for (a, b), c in confusion.most_common(12)],
    }
    return scores, n, errors


def print_table(scores: dict[str, Any], n: Counter[str], processes: int) -> None:
    types, subtab = scores["per_type"], scores["per_sub_type"]
    print(f"ACLED dev: {scores['sample']}, {n['rows']} rows ({n['sub_rows']} with a sub-event type)")
    print(f"{'metric':<42}{'value':>10}")
    for key in ("event_type_macro_f1", "sub_event_type_weighted_f1", "actor1_match", "actor1_exact",
                "actor1_battle_sides_either_order", "actor2_match_same_type", "place_within_25km",
                "place_within_25km_or_same_name", "place_found", "country_match", "date_equal_precision1", "date_equal_note_has_full_date",
                "fatalities_equal_gold_gt0",
                "fatalities_equal_all_strict", "fatalities_equal_all_null_as_0", "no_event_rate"):
        print(f"{key:<42}{scores[key]:>10.3f}")
    print(f"{'quality run notes/s (' + str(processes) + ' proc)':<42}{scores['quality_run_notes_per_s']:>10.1f}")
    if "throughput" in scores:
        tp = scores["throughput"]
        print(f"throughput on {tp['docs']} notes: bare NER 1 proc {tp['ner_1proc']:.0f}/s, "
              f"annotate 1 proc {tp['annotate_1proc']:.0f}/s, 2 proc {tp['annotate_2proc']:.0f}/s")
    print("\nper event type:            P      R      F1   support")
    for lab, v in types.items():
        print(f"  {lab:<26}{v['precision']:.3f}  {v['recall']:.3f}  {v['f1']:.3f}  {v['support']}")
    print("\nper sub-event type:")
    for lab, v in sorted(subtab.items(), key=lambda kv: -kv[1]["support"]):
        print(f"  {lab:<36}{v['precision']:.3f}  {v['recall']:.3f}  {v['f1']:.3f}  {v['support']}")
    print("\nmost common type confusions (gold -> predicted):")
    for item in scores["confusion_top"]:
        print(f"  {item['gold']} -> {item['pred']}: {item['count']}")


def print_errors(errors: list[tuple[str, str, str, str]], k: int) -> None:
    by: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for ident, gs, ps, txt in errors:
        by[(gs, ps)].append((ident, txt))
    for (gs, ps), items in sorted(by.items(), key=lambda kv: -len(kv[1]))[:15]:
        print(f"\n{gs} -> {ps}: {len(items)}", file=sys.stderr)
        for ident, txt in items[:k]:
            print(f"   {ident}: {txt}", file=sys.stderr)


def _notes(lines: list[dict[str, Any]], gold: dict[str, dict[str, str]]) -> list[Any]:
    """Training rows as ``frontlines train`` reads them from an export (same label rules)."""
    from frontlines.extract.learned import LabelledNote, _label

    out = []
    for obj in lines:
        g = gold.get(str(obj.get("id")))
        label = _label(g["event_type"], g["sub_event_type"]) if g else None
        if label is not None and obj.get("text"):
            out.append((str(obj["id"]), LabelledNote(obj["text"], *label)))
    return out


def baseline(train: list[Any], test: list[Any]) -> list[tuple[str, str | None]]:
    """What a user builds in an afternoon: TF-IDF (word 1-2-grams) + a linear SVM for the type
    (rows of a definite type) and another for the sub-type (rows that have one), independently."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    typed = [n for n in train if n.event_type]
    vt = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    types = LinearSVC().fit(vt.fit_transform([n.text for n in typed]), [n.event_type for n in typed])
    subbed = [n for n in train if n.sub_event_type]
    vs = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    subs = LinearSVC().fit(vs.fit_transform([n.text for n in subbed]), [n.sub_event_type for n in subbed])
    texts = [n.text for n in test]
    return list(zip(types.predict(vt.transform(texts)), subs.predict(vs.transform(texts)), strict=True))


def train_split(args: argparse.Namespace, lines: list[dict[str, Any]], gold: dict[str, dict[str, str]]) -> int:
    """Train on a share of the dev notes (split by distinct text), score default, trained and baseline
    on the rest, in one run. The model lives in a temporary directory, deleted at the end."""
    import tempfile

    from frontlines.extract import annotate_batch, document_from_json
    from frontlines.extract.learned import (
        TrainOptions,
        score_predictions,
        split_notes,
        train_event_model,
    )

    labelled = _notes(lines, gold)
    ids = {id(note): ident for ident, note in labelled}
    train, test = split_notes([n for _, n in labelled], 1.0 - args.train_split, args.seed)
    test_ids = {ids[id(n)] for n in test}
    test_lines = [o for o in lines if str(o.get("id")) in test_ids]
    texts = {str(o.get("id")): o.get("text", "") for o in test_lines}
    docs = [document_from_json(obj, i) for i, obj in enumerate(test_lines, start=1)]
    label = f"train split {args.train_split} (seed {args.seed}): trained on {len(train)}, scored on {len(test)}"
    print(f"ACLED dev, {label}", file=sys.stderr)

    t = time.perf_counter()
    base_pred = baseline(train, test)
    base_s = time.perf_counter() - t
    base = score_predictions(test, base_pred)

    t = time.perf_counter()
    result = train_event_model(train, TrainOptions(test_fraction=0.0, seed=args.seed, processes=args.processes),
                               on_step=lambda msg: print(f"  {msg}", file=sys.stderr))
    train_s = time.perf_counter() - t
    runs: dict[str, tuple[dict[str, Any], Counter[str], list[Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="frontlines-model-") as tmp:
        model_dir = str(result.model.save(tmp))
        for name, model in (("default (rules)", None), ("trained (--model)", model_dir)):
            t = time.perf_counter()
            results = annotate_batch(docs, n_process=args.processes, model=model)
            elapsed = time.perf_counter() - t
            runs[name] = score(results, gold, texts, elapsed, args.processes, f"{label}, {name}")
        if args.speed_docs:
            runs["trained (--model)"][0]["throughput"] = throughput(docs[:args.speed_docs], model_dir)

    if args.json:
        print(json.dumps({"split": label, "train_seconds": train_s, "baseline_seconds": base_s, "baseline": base,
                          **{k: v[0] for k, v in runs.items()}}, indent=2))
        return 0
    for name, (scores, n, errors) in runs.items():
        print(f"\n=== {name} ===")
        print_table(scores, n, args.processes)
        if args.errors:
            print(f"\n--- {name}: sub-type errors ---", file=sys.stderr)
            print_errors(errors, args.errors)
    print(f"\n=== same split, side by side ({len(test)} held-out notes) ===")
    print(f"{'':<28}{'type macro-F1':>14}{'sub weighted F1':>17}")
    for name, (scores, _, _) in runs.items():
        print(f"{name:<28}{scores['event_type_macro_f1']:>14.3f}{scores['sub_event_type_weighted_f1']:>17.3f}")
    print(f"{'baseline TF-IDF+LinearSVC':<28}{base['event_type_macro_f1']:>14.3f}"
          f"{base['sub_event_type_weighted_f1']:>17.3f}")
    print(f"train (rule stage + fit) {train_s:.0f} s on {len(train)} notes; baseline fit+predict {base_s:.0f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="score a random sample of N notes")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--processes", type=int, default=2, help="processes for the quality run")
    ap.add_argument("--speed-docs", type=int, default=1000, help="notes timed for throughput (0: skip)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--errors", type=int, default=0, help="print N misclassified notes (ids and types)")
    ap.add_argument("--model", help="annotate with this trained model (a `frontlines train` directory)")
    ap.add_argument("--train-split", type=float, default=None, metavar="F",
                    help="train on share F of the notes (temp dir), score default, trained and a TF-IDF+SVM "
                         "baseline on the rest")
    args = ap.parse_args(argv)

    from frontlines.extract import annotate_batch, document_from_json

    lines, gold = load(args.limit, args.seed)
    if args.train_split is not None:
        if not 0.0 < args.train_split < 1.0:
            ap.error("--train-split must be between 0 and 1")
        return train_split(args, lines, gold)
    texts = {str(o.get("id")): o.get("text", "") for o in lines}
    docs = [document_from_json(obj, i) for i, obj in enumerate(lines, start=1)]
    t = time.perf_counter()
    results = annotate_batch(docs, n_process=args.processes, model=args.model)
    elapsed = time.perf_counter() - t
    sample = "full dev set" if not args.limit else f"random sample of {len(results)} (seed {args.seed})"
    if args.model:
        sample += f", model {args.model}"
    scores, n, errors = score(results, gold, texts, elapsed, args.processes, sample)
    if args.speed_docs:
        scores["throughput"] = throughput(docs[:args.speed_docs], args.model)

    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        print_table(scores, n, args.processes)
    if args.errors:
        print_errors(errors, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
