"""Score the extract stage against ACLED's own coding of its notes (run by ``make eval``).

Input: ../shared/data/acled/acled_dev.jsonl (annotate input) and acled_dev.csv (gold).
Scores ``events[0]`` per row: event-type macro-F1 (6 types), sub-type weighted F1 (25),
actor1, place (within 25 km) and country, date (time_precision 1 rows), fatalities, and
throughput (notes/s, 1 and 2 processes, next to bare spaCy NER in the same run).

Measuring only: nothing here is used to build the lexicon.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRONTLINES_SHARED", ROOT.parent / "shared")) / "data" / "acled"
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
               "Riots", "Strategic developments")
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


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def f1_table(pairs: list[tuple[str, str]], labels: list[str]) -> dict[str, dict[str, float]]:
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


def load(limit: int | None, seed: int) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    lines = [json.loads(x) for x in (DATA / "acled_dev.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    with open(DATA / "acled_dev.csv", encoding="utf-8", newline="") as fh:
        gold = {r["event_id"]: r for r in csv.DictReader(fh)}
    if limit and limit < len(lines):
        lines = random.Random(seed).sample(lines, limit)
    return lines, gold


def throughput(docs: list[Any], n: int) -> dict[str, float]:
    from frontlines.extract import annotate_batch
    from frontlines.nlp import get_nlp

    sample = docs[:n]
    texts = [d.text for d in sample]
    ner = get_nlp(parser=False)
    list(ner.pipe(texts[:64]))  # warm
    t = time.perf_counter()
    for _ in ner.pipe(texts, batch_size=64):
        pass
    ner_rate = len(texts) / (time.perf_counter() - t)
    annotate_batch(sample[:64])  # warm: model, lexicon, actors, gazetteer
    t = time.perf_counter()
    annotate_batch(sample, n_process=1)
    one = len(sample) / (time.perf_counter() - t)
    t = time.perf_counter()
    annotate_batch(sample, n_process=2)
    two = len(sample) / (time.perf_counter() - t)
    return {"docs": len(sample), "ner_1proc": ner_rate, "annotate_1proc": one, "annotate_2proc": two}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="score a random sample of N notes")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--processes", type=int, default=2, help="processes for the quality run")
    ap.add_argument("--speed-docs", type=int, default=1000, help="notes timed for throughput (0: skip)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--errors", type=int, default=0, help="print N misclassified notes (ids and types)")
    args = ap.parse_args(argv)

    from frontlines.extract import annotate_batch, document_from_json
    from frontlines.extract.actors import load_actor_dictionary, normalise_name

    lines, gold = load(args.limit, args.seed)
    texts = {str(o.get("id")): o.get("text", "") for o in lines}
    docs = [document_from_json(obj, i) for i, obj in enumerate(lines, start=1)]
    t = time.perf_counter()
    results = annotate_batch(docs, n_process=args.processes)
    elapsed = time.perf_counter() - t
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
            # ACLED's names come in three vintages ("Police Forces of India", "(2013-)",
            # "(2013-2022)"): actor1_match compares with the bracketed period removed
            # (normalise_name drops it); this column also asks for the same period string
            if ev and ev["actor1"] and ev["actor1"]["name"] == g["actor1"]:
                n["actor_exact"] += 1
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
                if km(float(g["latitude"]), float(g["longitude"]), loc["lat"], loc["lon"]) <= 25:
                    n["place_ok"] += 1
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
        "sample": "full dev set" if not args.limit else f"random sample of {n['rows']} (seed {args.seed})",
        "event_type_macro_f1": macro,
        "sub_event_type_weighted_f1": weighted,
        "actor1_match": rate("actor_ok", "actor_rows"),
        "actor1_exact": rate("actor_exact", "actor_rows"),
        "place_within_25km": rate("place_ok", "place_rows"),
        "place_found": rate("place_found", "place_rows"),
        "country_match": rate("country_ok", "country_rows"),
        "date_equal_precision1": rate("date_ok", "date_rows"),
        "date_equal_note_has_full_date": rate("date_explicit_ok", "date_explicit_rows"),
        "fatalities_equal_all_null_as_0": rate("fat_ok", "fat_rows"),
        "fatalities_equal_all_strict": rate("fat_strict_ok", "fat_rows"),
        "fatalities_equal_gold_gt0": rate("fat_pos_ok", "fat_pos_rows"),
        "no_event_rate": rate("no_event", "rows"),
        "quality_run_notes_per_s": n["rows"] / elapsed if elapsed else 0.0,
        "quality_run_processes": args.processes,
        "per_type": types,
        "per_sub_type": subtab,
        "confusion_top": [{"gold": a, "pred": b, "count": c} for (a, b), c in confusion.most_common(12)],
    }
    if args.speed_docs:
        scores["throughput"] = throughput(docs, min(args.speed_docs, len(docs)))

    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        print(f"ACLED dev: {scores['sample']}, {n['rows']} rows ({n['sub_rows']} with a sub-event type)")
        print(f"{'metric':<42}{'value':>10}")
        for key in ("event_type_macro_f1", "sub_event_type_weighted_f1", "actor1_match", "actor1_exact", "place_within_25km",
                    "place_found", "country_match", "date_equal_precision1", "date_equal_note_has_full_date",
                    "fatalities_equal_gold_gt0",
                    "fatalities_equal_all_strict", "fatalities_equal_all_null_as_0", "no_event_rate"):
            print(f"{key:<42}{scores[key]:>10.3f}")
        print(f"{'quality run notes/s (' + str(args.processes) + ' proc)':<42}{scores['quality_run_notes_per_s']:>10.1f}")
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
    if args.errors:
        by: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for ident, gs, ps, txt in errors:
            by[(gs, ps)].append((ident, txt))
        for (gs, ps), items in sorted(by.items(), key=lambda kv: -len(kv[1]))[:15]:
            print(f"\n{gs} -> {ps}: {len(items)}", file=sys.stderr)
            for ident, txt in items[: args.errors]:
                print(f"   {ident}: {txt}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
