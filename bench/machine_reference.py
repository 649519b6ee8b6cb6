"""What this machine's two cores give two processes, measured without Dask or our code.

A scaling target (2 workers >= 1.8 x 1 worker) assumes that two processes on two cores each run
as fast as one alone. On a virtual machine that is not a given: two vCPUs may be the two
hyperthreads of one physical core, which share its vector units. Pure Python, which barely uses
them, then scales while a neural network's matrix products do not. This script measures both,
on the same texts the benchmarks use:

- ``python``: a plain Python loop, the same work in 1 process, then in 2 processes at once;
- ``spacy``: the spaCy pipeline the workers run (``get_nlp()``: tagger, parser, NER) over the
  texts, in 1 process, then the same texts in each of 2 processes at once.

The ratio printed is (work done per second by 2 processes) / (by 1): 2.0 is perfect scaling.
It is the ceiling for any pipeline whose time is mostly that work. ``bench_batch.py`` and
``bench_ingest.py`` print it beside their own Dask ratio.

    python bench/machine_reference.py [--n 600] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import time
from pathlib import Path

ACLED = Path(__file__).resolve().parents[2] / "shared" / "data" / "acled" / "acled_dev.jsonl"


def _python_work(_: object) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(8_000_000):
        total += i * i
    return time.perf_counter() - started


def _spacy_work(texts: list[str]) -> float:
    from frontlines.nlp import get_nlp

    nlp = get_nlp()
    for _ in nlp.pipe(texts[:50]):  # warm up before the clock starts
        pass
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def _texts(n: int) -> list[str]:
    if ACLED.exists():
        with ACLED.open(encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line, _ in zip(fh, range(n), strict=False)]
    from frontlines.pipeline import sample_corpus_dir

    wire = [json.loads(x)["text"] for x in (sample_corpus_dir() / "wire.jsonl").read_text().splitlines() if x]
    return [wire[i % len(wire)] for i in range(n)]


def _ratio(fn, arg, rounds: int) -> dict:
    """Rounds of (1 process, then 2 at once); per round, 2 * t1 / mean(t2 of each process)."""
    ctx = mp.get_context("spawn")  # fresh interpreters, as Dask's workers are
    ratios, ones, twos = [], [], []
    for _ in range(rounds):
        with ctx.Pool(1) as pool:
            t1 = pool.map(fn, [arg])[0]
        with ctx.Pool(2) as pool:
            t2 = pool.map(fn, [arg, arg], chunksize=1)
        ones.append(t1)
        twos.append(max(t2))
        ratios.append(2 * t1 / max(t2))
    return {"ratio": round(statistics.median(ratios), 3), "ratios": [round(r, 3) for r in ratios],
            "seconds_1_process": [round(t, 2) for t in ones], "seconds_2_processes": [round(t, 2) for t in twos]}


def measure(n: int = 600, rounds: int = 2) -> dict:
    """Both references; ``n`` texts for spaCy."""
    texts = _texts(n)
    return {"texts": len(texts), "python": _ratio(_python_work, None, rounds),
            "spacy": _ratio(_spacy_work, texts, rounds)}


def describe(ref: dict) -> str:
    return (f"machine reference, 2 processes / 1 (no Dask, no Frontlines code): plain Python "
            f"{ref['python']['ratio']} (rounds {ref['python']['ratios']}), spaCy pipeline on "
            f"{ref['texts']} texts {ref['spacy']['ratio']} (rounds {ref['spacy']['ratios']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=600, help="texts for the spaCy reference")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    ref = measure(args.n, args.rounds)
    print(json.dumps(ref, indent=1) if args.json else describe(ref))


if __name__ == "__main__":
    main()
