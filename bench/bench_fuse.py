"""Benchmark: what a fuse costs on a big store, rebuilding every event vs only what changed.

A `watch` cycle or an `ingest` adds a few hundred documents to a store that may hold millions of
reports; `Store.fuse()` then rebuilds only the events those writes can touch
(`frontlines/store/fusing.py`). This script measures that against the full rebuild:

1. Generate a store of invented news (``--docs`` documents over two years, one to three reports
   each: ACLED types, towns in four regions, actors, denials and claims, some reports without a
   date), written day by day through ``Store.add_documents_with_reports``, and fuse it once in
   full (timed).
2. Then, each timed: several rounds of "the next day's news" (``--batch`` documents published
   after everything stored); one round of late news (published six weeks back); one round of
   re-read documents (``set_reports`` on old documents).
3. Check that the result equals a full rebuild (every event's content hash), and time that
   rebuild too.

    python bench/bench_fuse.py [--docs 30000] [--batch 200] [--rounds 5] [--db URL] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from frontlines.records import (
    TAXONOMY,
    ActorRef,
    Attribution,
    Document,
    Evidence,
    Location,
    Place,
    Report,
)
from frontlines.store import Store

FIRST_DAY = date(2023, 1, 1)
N_DAYS = 730
REGIONS = {  # country: (lat0, lat1, lon0, lon1) of a box inside it
    "SY": (33.0, 36.8, 36.0, 41.5),
    "UA": (46.5, 51.5, 24.0, 39.5),
    "SD": (10.0, 19.5, 23.0, 36.0),
    "ML": (12.0, 17.0, -8.0, 2.0),
}
MODALITIES = ["asserted"] * 14 + ["claimed"] * 3 + ["denied", "expected", "hypothetical"]
TEXT = ("Fighting was reported around the towns of the region, residents said; officials and "
        "the armed groups gave different accounts of who held the roads by nightfall.")


class World:
    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.towns: list[Place] = []
        for cc, (lat0, lat1, lon0, lon1) in REGIONS.items():
            for i in range(100):
                self.towns.append(Place(9_500_000 + len(self.towns), f"{cc} town {i}",
                                        round(self.rng.uniform(lat0, lat1), 4),
                                        round(self.rng.uniform(lon0, lon1), 4), cc, f"{cc} province {i % 6}",
                                        "PPL"))
        self.actors = {cc: [ActorRef(f"{cc} armed group {i}", "fighters", 1 + i % 4, cc) for i in range(8)]
                       for cc in REGIONS}
        self.types = sorted(TAXONOMY)
        self.n = 0

    def document(self, day: date, *, hours: int | None = None) -> tuple[Document, list[Report]]:
        rng = self.rng
        self.n += 1
        # Every document has a publication time: one without sorts by when the store took it in,
        # and a store generated in minutes cannot spread that over two years.
        published = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(
            hours=hours if hours is not None else rng.randrange(0, 24), minutes=rng.randrange(60))
        doc = Document.from_text(f"Dispatch {self.n}. {TEXT}", outlet=f"Outlet {self.n % 40}",
                                 url=f"https://outlet{self.n % 40}.example/{self.n}", published=published)
        return doc, self.reports(doc, day)

    def reports(self, doc: Document, day: date) -> list[Report]:
        rng = self.rng
        out = []
        for seq in range(rng.choice([1, 1, 2, 2, 3])):
            town = rng.choice(self.towns)
            etype = rng.choice(self.types)
            actors = self.actors[town.country_code or "SY"]
            start = seq * 9
            out.append(Report(
                event_type=etype,
                sub_event_type=rng.choice(sorted(TAXONOMY[etype])),
                evidence=Evidence(doc.id, start, start + 40, doc.text[start:start + 40]),
                actor1=rng.choice(actors),
                actor2=rng.choice([*actors, None]),
                location=Location(town, town.name) if rng.random() < 0.9 else None,
                date=day - timedelta(days=rng.randrange(0, 3)) if rng.random() < 0.9 else None,
                time_precision=rng.choice([1] * 8 + [2, 3]),
                fatalities=rng.choice([None, 0, 1, 3, 12]),
                modality=rng.choice(MODALITIES),
                attribution=Attribution(doc.outlet, None),
                confidence=round(rng.uniform(0.4, 0.95), 2),
            ))
        return out


def hashes(url: str) -> dict[str, str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        out = {row[0]: row[1] for row in conn.execute(text("SELECT id, content_hash FROM events"))}
    engine.dispose()
    return out


def timed(fn: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=30_000, help="documents in the store before the timed rounds")
    ap.add_argument("--batch", type=int, default=200, help="documents per round")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of the next day's news")
    ap.add_argument("--db", help="store URL (default: a new SQLite file in a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="bench-fuse-")
    url = args.db or f"sqlite:///{Path(tmp.name) / 'fuse.db'}"
    world = World()
    results: dict[str, Any] = {"docs": args.docs, "batch": args.batch}
    with Store.open(url) as store:
        t0 = time.perf_counter()
        per_day = max(1, args.docs // N_DAYS)
        day, pending, reports = FIRST_DAY, [], 0
        for _ in range(args.docs):
            pending.append(world.document(day))
            reports += len(pending[-1][1])
            if len(pending) >= per_day:
                store.add_documents_with_reports(pending)
                pending, day = [], day + timedelta(days=1)
        if pending:
            store.add_documents_with_reports(pending)
        results["write_s"] = round(time.perf_counter() - t0, 1)
        events, seconds = timed(lambda: store.fuse(full=True))
        results.update(reports=reports, events=events, full_first_s=round(seconds, 2))
        print(f"store: {args.docs:,} documents, {reports:,} reports -> {events:,} events "
              f"(written in {results['write_s']} s); first full fuse {seconds:.2f} s")

        rounds: list[dict[str, Any]] = []

        def round_of(label: str, write: Any) -> None:
            write()
            count, seconds = timed(store.fuse)
            rounds.append({"round": label, "events": count, "seconds": round(seconds, 3)})
            print(f"  {label:<28} fuse {seconds * 1000:8.0f} ms  ({count:,} events)")

        print(f"timed rounds of {args.batch} documents, each followed by fuse():")
        for i in range(args.rounds):
            day += timedelta(days=1)
            batch = [world.document(day) for _ in range(args.batch)]
            round_of(f"next day's news #{i + 1}", lambda b=batch: store.add_documents_with_reports(b))
        late_day = day - timedelta(days=42)
        late = [world.document(late_day) for _ in range(args.batch)]
        round_of("late news (six weeks back)", lambda: store.add_documents_with_reports(late))
        old = world.rng.sample(range(len(late)), min(20, len(late)))

        def reread() -> None:
            for i in old:
                doc = late[i][0]
                store.set_reports(doc.id, world.reports(doc, late_day))
        round_of("20 documents re-read", reread)
        results["rounds"] = rounds

        before = hashes(url)
        _, seconds = timed(lambda: store.fuse(full=True))
        after = hashes(url)
        results["full_s"] = round(seconds, 2)
        results["equal_to_full"] = before == after
        print(f"full rebuild of the same store: {seconds * 1000:.0f} ms; "
              f"the store after the rounds equals it: {'yes' if before == after else 'NO'}")
        nexts = sorted(r["seconds"] for r in rounds if r["round"].startswith("next"))
        if nexts:
            median = nexts[len(nexts) // 2]
            print(f"next day's news: median {median * 1000:.0f} ms per fuse, "
                  f"{seconds / median:.0f}x faster than a full rebuild")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if not results["equal_to_full"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
