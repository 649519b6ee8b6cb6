"""Benchmark: HTML page -> stored events, next to bare ``trafilatura.extract`` on the same pages.

Data: ``<data>/pages.tar.gz`` (the shared HTML benchmark, ``html/<id>.html``; URLs from
``ground-truth.json`` when present), extracted to a temporary folder; nothing is copied into the
repository. Everything is loaded once before timing (pages read into memory, trafilatura, the
spaCy pipeline, lexicons, gazetteer, a fresh SQLite store).

Measured in one run:

1. ``trafilatura.extract`` alone on each page (the floor: any path that reads HTML pays this);
2. the full path in one process, as ``frontlines ingest`` runs it (``pipeline.store_document``):
   read HTML (``ingest.document_from_html``), extract (``extract.extract_reports``, geo
   included), store (``Store.add_documents_with_reports``, one transaction per page), then one
   ``Store.fuse`` at the end (reports -> events), each stage timed on its own;
3. the same on worker processes, the way ingest scales: ``frontlines batch`` over the HTML
   folder (Dask, 1 and 2 local workers; start-up reported apart) then ``frontlines load`` into a
   fresh SQLite store (load + fuse in the driver). The worker counts run in interleaved rounds
   (``--repeat``, 1, 2, 1, 2, ...), so that a neighbour's burst on this shared machine does not
   fall on one count only; each run is printed, and the scaling ratio is given on the median
   run of each count and on the fastest, beside ``machine_reference.py``'s ratio for the spaCy
   pipeline alone on two processes (the ceiling this machine's cores set).

Rates are pages/s and articles/day; each is compared with trafilatura's rate and with the
target of issue 6 (>= 1,000,000 articles a day on 2 cores = 11.6 articles/s).

    python bench/bench_ingest.py [--data DIR] [--limit N] [--workers 1,2] [--repeat 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "html"
TARGET_PER_DAY = 1_000_000
DAY = 86_400
TARGET_PER_S = TARGET_PER_DAY / DAY


@dataclass
class Page:
    name: str
    path: Path
    url: str | None
    html: bytes


@dataclass
class StageTimes:
    """Wall seconds per stage of the full path, summed over pages."""

    read_html: float = 0.0
    extract: float = 0.0
    store: float = 0.0
    fuse: float = 0.0
    cpu: float = 0.0
    pages: int = 0
    documents: int = 0
    reports: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return self.read_html + self.extract + self.store + self.fuse


def extract_pages(data: Path, dest: Path, limit: int | None) -> list[Page]:
    """Unpack the archive's pages into ``dest`` and read them (sorted by name) into memory."""
    truth_file = data / "ground-truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.is_file() else {}
    with tarfile.open(data / "pages.tar.gz") as archive:
        members = [m for m in archive.getmembers() if m.isfile() and m.name.endswith(".html")]
        archive.extractall(dest, members=members, filter="data")
    pages = []
    for member in sorted(members, key=lambda m: m.name):
        path = dest / member.name
        name = Path(member.name).stem
        pages.append(Page(name, path, (truth.get(name) or {}).get("url") or None, path.read_bytes()))
    return pages[:limit] if limit else pages


def run_trafilatura(pages: list[Page]) -> dict:
    import trafilatura

    trafilatura.extract(b"<html><body><p>warm up the imports</p></body></html>")
    empty = 0
    started, cpu0 = time.perf_counter(), time.process_time()
    for p in pages:
        if not trafilatura.extract(p.html, url=p.url):
            empty += 1
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
    return {"pages": len(pages), "empty": empty, "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
            "pages_per_s": round(len(pages) / wall, 2), "pages_per_cpu_s": round(len(pages) / cpu, 2)}


def run_full_path(pages: list[Page], db_url: str) -> StageTimes:
    """``pipeline.store_document``'s steps, in its order, each stage timed apart."""
    from frontlines.batch import warm_pipeline
    from frontlines.errors import BadInput
    from frontlines.extract import extract_reports
    from frontlines.ingest import document_from_html
    from frontlines.store import Store

    warm_pipeline()  # spaCy, lexicons, gazetteer: loaded before the clock starts
    document_from_html(b"<html><body><article><p>" + b"Warm-up text for the reader. " * 20
                       + b"</p></article></body></html>")
    t = StageTimes()
    store = Store.open(db_url)
    try:
        cpu0 = time.process_time()
        for p in pages:
            t.pages += 1
            t0 = time.perf_counter()
            try:
                doc = document_from_html(p.html, url=p.url, item=p.name)
            except BadInput as exc:
                t.read_html += time.perf_counter() - t0
                t.errors.append(str(exc))
                continue
            doc.source = str(p.path)
            t1 = time.perf_counter()
            t.read_html += t1 - t0
            if store.has_document(doc.id):  # part of store_document; counted as storing
                t.store += time.perf_counter() - t1
                continue
            t2 = time.perf_counter()
            t.store += t2 - t1
            try:
                reports = extract_reports(doc)
            except Exception as exc:  # noqa: BLE001 - as store_document: stored without reports
                t.errors.append(f"{p.name}: extraction failed: {exc}")
                reports = []
            t3 = time.perf_counter()
            t.extract += t3 - t2
            stored, _ = store.add_documents_with_reports([(doc, reports)])
            t.store += time.perf_counter() - t3
            t.documents += stored
            t.reports += len(reports) if stored else 0
        t4 = time.perf_counter()
        t.events = store.fuse()
        t.fuse = time.perf_counter() - t4
        t.cpu = time.process_time() - cpu0
    finally:
        store.close()
    return t


def run_batch_path(html_dir: Path, pages: int, workers: int, tmp: Path, partition_size: int, run: int) -> dict:
    """``frontlines batch DIR`` on ``workers`` local Dask workers, then ``frontlines load``."""
    from frontlines.batch import BatchOptions, load_output, run_batch
    from frontlines.store import Store

    out = tmp / f"batch-{workers}-{run}"
    started = time.perf_counter()
    s = run_batch([str(html_dir)], out, BatchOptions(workers=workers, partition_size=partition_size))
    wall = time.perf_counter() - started
    store = Store.open(f"sqlite:///{tmp / f'batch-{workers}-{run}.db'}")
    try:
        t0 = time.perf_counter()
        loaded = load_output(out, store, fuse=False)
        t1 = time.perf_counter()
        events = store.fuse()
        t2 = time.perf_counter()
    finally:
        store.close()
    work = s.processing_seconds + (t1 - t0) + (t2 - t1)
    tail = idle_tail(out)
    shutil.rmtree(out, ignore_errors=True)
    return {
        "workers": workers, "run": run, "pages": pages, "documents": s.documents, "reports": s.reports,
        "item_errors": s.errors, "failed_partitions": len(s.failed), "partitions": s.processed,
        "wall_s": round(wall, 2), "startup_s": round(s.startup_seconds, 2),
        "processing_s": round(s.processing_seconds, 2), "shutdown_s": round(s.shutdown_seconds, 2),
        "worker_cpu_s": round(s.cpu_seconds, 2), "worker_cpu_ms_per_page": round(1000 * s.cpu_seconds / pages, 1),
        "core_share": round(s.cpu_seconds / (s.processing_seconds * workers), 3) if s.processing_seconds else None,
        "tail_idle_s": tail, "load_s": round(t1 - t0, 2),
        "fuse_s": round(t2 - t1, 2), "stored": loaded.new_documents, "events": events,
        "pages_per_s": round(pages / work, 2),
        "pages_per_s_batch_only": round(pages / s.processing_seconds, 2) if s.processing_seconds else None,
    }


def idle_tail(out: Path) -> float:
    """Seconds between the first worker's last partition ending and the run's last one ending
    (a worker with nothing left to do while another finishes), from the partition markers."""
    last: dict[str, float] = {}
    for marker in (out / "_done").glob("*.json"):
        m = json.loads(marker.read_text())
        last[m["worker"]] = max(last.get(m["worker"], 0.0), m["started"] + m["seconds"])
    return round(max(last.values()) - min(last.values()), 2) if len(last) > 1 else 0.0


def per_day(rate: float) -> int:
    return int(rate * DAY)


def median_run(rows: list[dict]) -> dict:
    """The run of median rate (the lower middle one for an even count)."""
    ordered = sorted(rows, key=lambda r: r["pages_per_s"])
    return ordered[(len(ordered) - 1) // 2]


def scaling(batch_rows: list[dict]) -> dict:
    """Per worker count: every run's rate, the median run and the fastest; the 2/1 ratio of both."""
    by: dict[int, list[dict]] = {}
    for r in batch_rows:
        by.setdefault(r["workers"], []).append(r)
    out: dict = {"runs": {w: [r["pages_per_s"] for r in rows] for w, rows in by.items()},
                 "median": {w: median_run(rows)["pages_per_s"] for w, rows in by.items()},
                 "best": {w: max(r["pages_per_s"] for r in rows) for w, rows in by.items()},
                 "median_of_batch_only": {
                     w: statistics.median(r["pages_per_s_batch_only"] for r in rows) for w, rows in by.items()}}
    if 1 in by and 2 in by:
        out["ratio_median"] = round(out["median"][2] / out["median"][1], 3)
        out["ratio_best"] = round(out["best"][2] / out["best"][1], 3)
        out["ratio_batch_only_median"] = round(
            out["median_of_batch_only"][2] / out["median_of_batch_only"][1], 3)
    return out


def median_batch(rows: list[dict], workers: int) -> dict:
    return median_run([r for r in rows if r["workers"] == workers])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (by name)")
    ap.add_argument("--workers", default="1,2", help="Dask worker counts for the batch path; '' skips it")
    ap.add_argument("--repeat", type=int, default=3,
                    help="rounds of the batch path (each round runs every worker count once)")
    ap.add_argument("--partition-size", type=int, default=4,
                    help="pages per batch partition (small: 181 pages, 46 partitions, must keep 2 workers "
                         "busy to the end; a day's intake has thousands of partitions of 500)")
    ap.add_argument("--no-reference", action="store_true",
                    help="skip the machine reference (spaCy alone on 1 and 2 processes)")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args(argv)
    if not (args.data / "pages.tar.gz").is_file():
        print(f"no HTML benchmark data at {args.data}", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        pages = extract_pages(args.data, tmp / "pages", args.limit)
        n = len(pages)
        html_dir = tmp / "pages"
        if args.limit:  # the batch path reads a folder: give it only the pages measured
            html_dir = tmp / "subset"
            html_dir.mkdir()
            for p in pages:
                shutil.copy(p.path, html_dir / p.path.name)
        print(f"{n} pages, {sum(len(p.html) for p in pages) / 1e6:.1f} MB of HTML; "
              f"load average before: {os.getloadavg()}", flush=True)

        traf = run_trafilatura(pages)
        print(f"trafilatura.extract: {traf['pages_per_s']} pages/s", flush=True)
        full = run_full_path(pages, f"sqlite:///{tmp / 'single.db'}")
        full_rate = n / full.total
        print(f"full path, 1 process: {full_rate:.2f} pages/s", flush=True)

        batch_rows = []
        counts = [int(x) for x in args.workers.split(",") if x.strip()]
        for run in range(1, max(1, args.repeat) + 1 if counts else 1):
            for w in counts:
                row = run_batch_path(html_dir, n, w, tmp, args.partition_size, run)
                batch_rows.append(row)
                print(f"round {run}: batch + load, {w} worker(s): {row['pages_per_s']} pages/s "
                      f"({row['startup_s']} s start-up not counted)", flush=True)
        scale = scaling(batch_rows) if batch_rows else {}
        reference = None
        if batch_rows and not args.no_reference:
            import machine_reference

            reference = machine_reference.measure()
            print(machine_reference.describe(reference), flush=True)

        stages = {
            "read_html": full.read_html, "extract": full.extract, "store": full.store, "fuse": full.fuse,
        }
        result: dict = {
            "data": str(args.data), "pages": n, "cpus": os.cpu_count(),
            "trafilatura": {**traf, "articles_per_day": per_day(traf["pages_per_s"])},
            "full_path_1_process": {
                "pages": n, "documents": full.documents, "reports": full.reports, "events": full.events,
                "errors": len(full.errors), "seconds": round(full.total, 3), "cpu_seconds": round(full.cpu, 3),
                "pages_per_s": round(full_rate, 2), "articles_per_day": per_day(full_rate),
                "pages_per_cpu_s": round(n / full.cpu, 2),
                "stages_s": {k: round(v, 3) for k, v in stages.items()},
                "stages_share": {k: round(v / full.total, 3) for k, v in stages.items()},
                "stages_ms_per_page": {k: round(1000 * v / n, 1) for k, v in stages.items()},
                "ratio_to_trafilatura": round(full_rate / traf["pages_per_s"], 3),
                "ratio_to_target": round(full_rate / TARGET_PER_S, 3),
            },
            "batch_scaling": scale,
            "machine_reference": reference,
            "batch": [{**r, "articles_per_day": per_day(r["pages_per_s"]),
                       "ratio_to_trafilatura": round(r["pages_per_s"] / traf["pages_per_s"], 3),
                       "ratio_to_target": round(r["pages_per_s"] / TARGET_PER_S, 3)} for r in batch_rows],
            "target_articles_per_s": round(TARGET_PER_S, 2),
            "load_avg_after": os.getloadavg(),
        }
        if full.errors:
            result["full_path_1_process"]["error_examples"] = full.errors[:5]

        print(f"\n{n} pages; target {TARGET_PER_DAY:,} articles/day on 2 cores = {TARGET_PER_S:.1f}/s")
        print("| path | pages/s | articles/day | x trafilatura | x target | pages/CPU-s |")
        print("|---|---|---|---|---|---|")
        print(f"| trafilatura.extract alone, 1 process | {traf['pages_per_s']} | "
              f"{per_day(traf['pages_per_s']):,} | 1.0 | {traf['pages_per_s'] / TARGET_PER_S:.2f} | "
              f"{traf['pages_per_cpu_s']} |")
        f = result["full_path_1_process"]
        print(f"| HTML -> stored events, 1 process | {f['pages_per_s']} | {f['articles_per_day']:,} | "
              f"{f['ratio_to_trafilatura']} | {f['ratio_to_target']} | {f['pages_per_cpu_s']} |")
        for r in (median_batch(result["batch"], w) for w in sorted({r["workers"] for r in result["batch"]})):
            print(f"| batch ({r['workers']} worker(s), median run) + load + fuse | {r['pages_per_s']} | "
                  f"{r['articles_per_day']:,} | {r['ratio_to_trafilatura']} | {r['ratio_to_target']} | "
                  f"{1000 / r['worker_cpu_ms_per_page']:.2f} (workers) |")
        print("\nfull path, 1 process, per stage:")
        print("| stage | s | share | ms/page |")
        print("|---|---|---|---|")
        for k in stages:
            print(f"| {k} | {f['stages_s'][k]} | {f['stages_share'][k]:.1%} | {f['stages_ms_per_page'][k]} |")
        print(f"({f['documents']} documents, {f['reports']} reports, {f['events']} events, "
              f"{f['errors']} pages without an article)")
        if result["batch"]:
            print("\nbatch path, every run (start-up and shutdown not counted in pages/s):")
            print("| round | workers | pages/s | start-up s | processing s | worker CPU s | worker CPU ms/page | core share "
                  "| idle tail s | load s | fuse s | shutdown s |")
            print("|---|---|---|---|---|---|---|---|---|---|---|---|")
            for r in result["batch"]:
                print(f"| {r['run']} | {r['workers']} | {r['pages_per_s']} | {r['startup_s']} | {r['processing_s']} | {r['worker_cpu_s']} | "
                      f"{r['worker_cpu_ms_per_page']} | {r['core_share']} | {r['tail_idle_s']} | {r['load_s']} | "
                      f"{r['fuse_s']} | {r['shutdown_s']} |")
        if "ratio_median" in scale:
            print(f"\nDask scaling, 2 workers / 1 worker (target >= 1.8): {scale['ratio_median']} on the median "
                  f"runs ({scale['median'][1]} and {scale['median'][2]} pages/s), {scale['ratio_best']} on the "
                  f"fastest; batch alone, without load and fuse: {scale['ratio_batch_only_median']}")
            if reference:
                print(f"(the spaCy pipeline alone on 2 processes / 1 on this machine: {reference['spacy']['ratio']};"
                      f" plain Python: {reference['python']['ratio']})")
        print(f"load average after: {result['load_avg_after']} (machine shared; rates are noisy)")
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
