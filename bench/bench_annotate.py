"""Throughput of `annotate` next to bare spaCy NER on the same texts, measured in one run.

Bare spaCy is timed three ways: NER alone on 1 process and on 2 (the most two cores of this
machine give the model by itself), and the tagger + parser + NER pipeline that ``annotate`` runs
before its own code, on 1 process.

Texts: the ACLED notes in ../shared/data/acled/acled_dev.jsonl (first --limit lines), or the
bundled sample corpus when the shared data is absent. Prints a table; --json for machines.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTLINES_SHARED", ROOT.parent / "shared")) / "data"


def load_docs(limit: int):
    from frontlines.records import Document

    path = SHARED / "acled" / "acled_dev.jsonl"
    docs = []
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                docs.append(Document(id=d["id"], text=d["text"]))
                if len(docs) >= limit:
                    break
        return docs, "ACLED dev notes"
    from frontlines.ingest import iter_sources
    from frontlines.pipeline import sample_sources
    from frontlines.settings import Settings

    for result in iter_sources(sample_sources(), Settings()):
        if result.document:
            docs.append(result.document)
    return docs[:limit], "sample corpus"


def throughput(docs: list[Any], model: str | None = None) -> dict[str, float]:
    """Texts per second, in one run on the same texts: bare spaCy NER (1 process), then
    ``annotate`` on 1 and 2 processes (``model``: a trained event classifier, optional)."""
    from frontlines.extract import annotate_batch
    from frontlines.nlp import get_nlp

    texts = [d.text for d in docs]
    ner = get_nlp(parser=False)
    list(ner.pipe(texts[:64]))  # warm up
    t = time.perf_counter()
    for _ in ner.pipe(texts, batch_size=64):
        pass
    ner_rate = len(texts) / (time.perf_counter() - t)
    # the same on two processes: the most that two cores of this machine give the model alone
    t = time.perf_counter()
    for _ in ner.pipe(texts, batch_size=64, n_process=2):
        pass
    ner_two = len(texts) / (time.perf_counter() - t)
    full = get_nlp()  # tagger, parser and NER: what annotate runs before its own code
    list(full.pipe(texts[:64]))
    t = time.perf_counter()
    for _ in full.pipe(texts, batch_size=64):
        pass
    full_rate = len(texts) / (time.perf_counter() - t)
    annotate_batch(docs[:64], model=model)  # warm up: model, gazetteer, lexicons, actors
    t = time.perf_counter()
    annotate_batch(docs, n_process=1, model=model)
    one = len(docs) / (time.perf_counter() - t)
    t = time.perf_counter()
    annotate_batch(docs, n_process=2, model=model)
    two = len(docs) / (time.perf_counter() - t)
    return {"docs": len(docs), "ner_1proc": ner_rate, "ner_2proc": ner_two, "parse_1proc": full_rate,
            "annotate_1proc": one, "annotate_2proc": two}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=2000, help="texts to run (default 2000)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args()

    docs, what = load_docs(args.limit)
    results: dict[str, Any] = {"texts": what, "n": len(docs), "cores": os.cpu_count()}
    rates = throughput(docs)
    results.update(spacy_ner_1proc=rates["ner_1proc"], spacy_ner_2proc=rates["ner_2proc"],
                   spacy_full_1proc=rates["parse_1proc"], annotate_1proc=rates["annotate_1proc"],
                   annotate_2proc=rates["annotate_2proc"])
    n = len(docs)

    if args.json:
        print(json.dumps({k: round(v, 1) if isinstance(v, float) else v for k, v in results.items()}))
        return 0
    print(f"Throughput on {n} {what} ({results['cores']} cores), texts per second:")
    print(f"  {'bare spaCy NER, 1 process':32s} {results['spacy_ner_1proc']:8.1f}")
    print(f"  {'bare spaCy NER, 2 processes':32s} {results['spacy_ner_2proc']:8.1f}")
    print(f"  {'spaCy tagger+parser+NER, 1 proc':32s} {results['spacy_full_1proc']:8.1f}")
    print(f"  {'frontlines annotate, 1 process':32s} {results['annotate_1proc']:8.1f}")
    print(f"  {'frontlines annotate, 2 processes':32s} {results['annotate_2proc']:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
