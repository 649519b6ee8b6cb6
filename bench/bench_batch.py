"""Benchmark: `frontlines batch` (ingest + extract on Dask) with 1 and 2 local worker processes.

Input: the first N notes of the shared ACLED evaluation file as a JSONL input (or, where that
file is absent, the bundled sample wire copy replicated with a counter so the texts differ),
written to a temporary folder; nothing is copied into the repository.

Reported per worker count: wall time split into start-up (cluster + each worker loading the
pipeline), processing (first partition submitted to last result, as ``run_batch`` measures it)
and shutdown; the processing rate; the workers' CPU time and the share of a core each worker
actually got while processing (on a shared machine a low share, not our code, caps the
scaling); the driver's CPU (client + local scheduler). Then the scaling ratio (2 workers / 1
worker, on processing rates), the same ratio from CPU time (what it would be with the cores to
ourselves), and the rate extrapolated to articles a day; beside it, ``machine_reference.py``'s
ratio for the spaCy pipeline alone on two processes (the ceiling this machine's cores set). Targets (issue 6): ratio >= 1.8,
>= 1,000,000 articles a day on 2 cores.

    python bench/bench_batch.py [--n 2000] [--partition-size 100] [--workers 1,2] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from frontlines.batch import BatchOptions, run_batch
from frontlines.pipeline import sample_corpus_dir

ACLED = Path(__file__).resolve().parents[2] / "shared" / "data" / "acled" / "acled_dev.jsonl"


def write_input(path: Path, n: int) -> str:
    out = []
    if ACLED.exists():
        with ACLED.open(encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                out.append({"text": obj["text"]})
                if len(out) == n:
                    break
        label = f"{len(out)} ACLED notes ({ACLED.name})"
    else:
        wire = [json.loads(x) for x in (sample_corpus_dir() / "wire.jsonl").read_text().splitlines() if x]
        for i in range(n):
            out.append({"text": f"{wire[i % len(wire)]['text']}\n\n(copy {i})"})
        label = f"{n} sample wire stories, replicated"
    path.write_text("\n".join(json.dumps(o) for o in out) + "\n", encoding="utf-8")
    return label


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--partition-size", type=int, default=100)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--no-reference", action="store_true",
                    help="skip the machine reference (spaCy alone on 1 and 2 processes)")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        src = tmp / "input.jsonl"
        label = write_input(src, args.n)
        rows = []
        load_before = os.getloadavg()
        for workers in (int(w) for w in args.workers.split(",")):
            out = tmp / f"out-{workers}"
            started = time.perf_counter()
            s = run_batch([str(src)], out, BatchOptions(workers=workers, partition_size=args.partition_size))
            wall = time.perf_counter() - started
            work = s.processing_seconds  # excludes start-up and shutdown, which are reported apart
            rows.append({"workers": workers, "documents": s.documents, "reports": s.reports,
                         "errors": s.errors, "failed_partitions": len(s.failed), "partitions": s.processed,
                         "wall_s": round(wall, 2), "startup_s": round(s.startup_seconds, 2),
                         "processing_s": round(work, 2), "shutdown_s": round(s.shutdown_seconds, 2),
                         "docs_per_s": round(s.documents / work, 2),
                         "worker_cpu_s": round(s.cpu_seconds, 2),
                         "core_share": round(s.cpu_seconds / (work * workers), 3),
                         "driver_cpu_s": round(s.driver_cpu_seconds, 2),
                         "docs_per_cpu_s": round(s.documents / s.cpu_seconds, 2) if s.cpu_seconds else None})
            print(f"{workers} worker(s): {s.documents} docs in {wall:.1f} s wall ({s.startup_seconds:.1f} s "
                  f"start-up, {s.shutdown_seconds:.1f} s shutdown), {s.documents / work:.1f} docs/s processing",
                  flush=True)
        reference = None
        if not args.no_reference:
            import machine_reference

            reference = machine_reference.measure()
        result: dict = {"machine_reference": reference, "input": label, "partition_size": args.partition_size, "runs": rows,
                        "cpus": os.cpu_count(), "load_avg_before": load_before,
                        "load_avg_after": os.getloadavg()}
        by = {r["workers"]: r for r in rows}
        if 1 in by and 2 in by:
            result["scaling_ratio_2_over_1"] = round(by[2]["docs_per_s"] / by[1]["docs_per_s"], 3)
            if by[1]["docs_per_cpu_s"] and by[2]["docs_per_cpu_s"]:
                # each worker on a whole core: the ratio our code allows, whatever the neighbours do
                result["scaling_ratio_by_cpu_time"] = round(
                    2 * by[2]["docs_per_cpu_s"] / by[1]["docs_per_cpu_s"], 3)
        best = max(rows, key=lambda r: r["docs_per_s"])
        result["articles_per_day"] = int(best["docs_per_s"] * 86_400)
        per_cpu = [r["docs_per_cpu_s"] for r in rows if r["docs_per_cpu_s"]]
        if per_cpu:  # what 2 cores would do if they were ours alone, from CPU time actually used
            result["articles_per_day_2_cores_by_cpu_time"] = int(min(per_cpu) * 2 * 86_400)
        print(f"\ninput: {label}; partition size {args.partition_size}")
        print("| workers | docs | wall s | start-up s | processing s | shutdown s | docs/s | worker CPU s "
              "| core share | driver CPU s | docs/CPU-s |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['workers']} | {r['documents']} | {r['wall_s']} | {r['startup_s']} | "
                  f"{r['processing_s']} | {r['shutdown_s']} | {r['docs_per_s']} | {r['worker_cpu_s']} | "
                  f"{r['core_share']} | {r['driver_cpu_s']} | {r['docs_per_cpu_s']} |")
        if "scaling_ratio_2_over_1" in result:
            print(f"scaling ratio 2/1 workers: {result['scaling_ratio_2_over_1']} (target >= 1.8)")
        if "scaling_ratio_by_cpu_time" in result:
            print(f"scaling ratio from CPU time (each worker on a whole core): "
                  f"{result['scaling_ratio_by_cpu_time']}")
        if reference:
            print(machine_reference.describe(reference))
        print(f"extrapolated: {result['articles_per_day']:,} articles/day with {best['workers']} "
              f"worker(s) (target >= 1,000,000 on 2 cores)")
        if "articles_per_day_2_cores_by_cpu_time" in result:
            print(f"by CPU time: {result['articles_per_day_2_cores_by_cpu_time']:,} articles/day on 2 "
                  "dedicated cores")
        print(f"load average before / after the run: {result['load_avg_before']} / "
              f"{result['load_avg_after']} (machine shared)")
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
