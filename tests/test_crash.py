"""Nothing lost: `frontlines load` killed with SIGKILL at random points, restarted, repeatedly.

The batch output is built here from invented documents (no NLP, so the test stays fast); the
loader is the real command in a real subprocess on a real SQLite file (and PostgreSQL when it
is installed). After every kill the store must hold each document at most once and, for each
stored document, all of its reports or none; after the last run, every document exactly once.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text

from frontlines.batch import PartitionOutput, load_output, write_partition
from frontlines.records import ActorRef, Attribution, Document, Evidence, Location, Place, Report
from frontlines.store import Store

HILLTOWNS = [Place(9200000 + i, f"Karo Hill {i}", 12.0 + i / 10, 40.0 + i / 10, "ER", "Highlands", "PPL")
             for i in range(7)]
BRIGADE = ActorRef("Highland Brigade", "the brigade", 1, "ER")
RANGERS = ActorRef("Valley Rangers", "rangers", 2, "ER")
OUTLETS = ["Ridge Courier", "Plateau Times", "Lowland Signal"]


def world_doc(i: int) -> Document:
    text_ = (
        f"Dispatch number {i}. Rangers and the brigade exchanged fire near Karo Hill {i % 7} at dawn, "
        f"residents said, and smoke rose over the terraces for hours. Later, on the road to the "
        f"market, a convoy was stopped and searched. Elders asked both sides for calm ({i})."
    )
    return Document.from_text(text_, outlet=OUTLETS[i % 3], url=f"https://news{i % 3}.example/d/{i}",
                              title=f"Dispatch {i}", published=f"2023-03-{1 + i % 28:02d}")


def world_reports(d: Document, i: int) -> list[Report]:
    out = []
    for k in range(i % 4):  # 0 to 3 reports per document
        start = 20 + 40 * k
        out.append(Report(
            event_type="Battles", sub_event_type="Armed clash",
            evidence=Evidence(d.id, start, start + 30, d.text[start:start + 30]),
            actor1=RANGERS, actor2=BRIGADE, location=Location(HILLTOWNS[i % 7], HILLTOWNS[i % 7].name),
            date=date(2023, 3, 1 + i % 28), time_precision=1, fatalities=k or None,
            modality="asserted" if k != 2 else "claimed", attribution=Attribution(d.outlet, None),
            confidence=0.7,
        ))
    return out


def write_world(out_dir: Path, partitions: int, per_partition: int) -> dict[str, int]:
    """Batch output of invented documents; returns {document id: number of reports}."""
    expected: dict[str, int] = {}
    for p in range(partitions):
        docs, reports = [], {}
        for j in range(per_partition):
            i = p * per_partition + j
            d = world_doc(i)
            docs.append(d)
            reports[d.id] = world_reports(d, i)
            expected[d.id] = len(reports[d.id])
        write_partition(out_dir, f"part-{p:04d}", PartitionOutput(docs, reports, []), {"synthetic": True})
    return expected


def load_command(out_dir: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "frontlines.cli", "load", str(out_dir), "--db", db]


def report_counts(db_url: str) -> tuple[dict[str, int], int]:
    """({document id: number of its reports}, number of events); every document is listed."""
    if db_url.startswith("sqlite"):
        with sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=30) as conn:
            rows = conn.execute("SELECT d.id, COUNT(r.id) FROM documents d "
                                "LEFT JOIN reports r ON r.doc_id = d.id GROUP BY d.id").fetchall()
            events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return dict(rows), events
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT d.id, COUNT(r.id) FROM documents d "
                                     "LEFT JOIN reports r ON r.doc_id = d.id GROUP BY d.id")).all()
            events = conn.execute(text("SELECT COUNT(*) FROM events")).scalar_one()
            dupes = conn.execute(text("SELECT COUNT(*) - COUNT(DISTINCT id) FROM documents")).scalar_one()
            assert dupes == 0
    finally:
        engine.dispose()
    return {k: v for k, v in rows}, events


def check_whole(stored: dict[str, int], expected: dict[str, int]) -> None:
    assert set(stored) <= set(expected), "a document nobody loaded is in the store"
    half = {d: (n, expected[d]) for d, n in stored.items() if n != expected[d]}
    assert not half, f"documents stored with only part of their reports: {list(half.items())[:5]}"


def test_load_killed_at_random_points_loses_and_doubles_nothing(tmp_path: Path, db_url: str) -> None:
    out = tmp_path / "out"
    expected = write_world(out, partitions=60, per_partition=15)
    rng = random.Random(int(os.environ.get("FRONTLINES_CRASH_SEED", "20230301")))
    deadline = time.monotonic() + 120  # a loaded machine starts Python slowly
    wanted = 5 if db_url.startswith("sqlite") else 3  # PostgreSQL: fewer, to bound the run time
    kills = partial = 0
    while kills < wanted and time.monotonic() < deadline:
        before = len(report_counts(db_url)[0])
        proc = subprocess.Popen(load_command(out, db_url), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        # Wait until this run has written something (or is near its end), then kill it a random
        # moment later: the kill lands inside the load or inside the final fuse.
        wait_until = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < wait_until:
            if len(report_counts(db_url)[0]) > before:
                break
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.15))  # short: a quiet machine loads a partition fast
        if proc.poll() is not None:
            break  # it finished before we could kill it: nothing left to interrupt
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        kills += 1
        stored, _ = report_counts(db_url)
        check_whole(stored, expected)
        partial += 0 < len(stored) < len(expected)
    assert kills >= min(3, wanted), f"only {kills} kills landed (deadline or loads finished first)"
    assert partial >= 1, "no kill interrupted a load in the middle"

    done = subprocess.run(load_command(out, db_url), check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    stored, events = report_counts(db_url)
    assert stored == expected  # every document once, each with all its reports
    assert events > 0
    with Store.open(db_url) as store:  # once more, in-process: stores nothing new
        again = load_output(out, store)
    assert (again.new_documents, again.already_stored) == (0, len(expected))
    assert report_counts(db_url) == (stored, events)
