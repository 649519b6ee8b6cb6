"""Concurrent writers: a `frontlines load` process and a `frontlines ingest` process write the
same store while web-app readers query it, on SQLite (WAL) and on PostgreSQL.

No "database is locked" (or any error) may reach a reader or a writer, and no write is lost:
afterwards the store holds every document of both writers, each loaded one with all its reports.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient
from test_crash import report_counts, write_world

from frontlines.records import document_id
from frontlines.web.app import create_app

READ_ROUTES = ["/events.json", "/outlets.json", "/actors.json", "/places.json", "/events.geojson"]


def write_articles(folder: Path, n: int) -> list[str]:
    """Plain-text articles for `frontlines ingest`; returns the ids their texts will get."""
    folder.mkdir()
    ids = []
    for i in range(n):
        body = (f"Report {i} from the coast. Fishermen said patrol boats stopped them twice near the "
                f"harbour of Port Selm on Thursday, and asked for papers. Nobody was hurt ({i}).")
        (folder / f"note-{i:03d}.txt").write_text(f"Coast note {i}\n\n{body}\n", encoding="utf-8")
        ids.append(document_id(body))
    return ids


def test_loader_ingest_and_readers_at_once(tmp_path: Path, db_url: str) -> None:
    out = tmp_path / "out"
    expected = write_world(out, partitions=16, per_partition=40)
    article_ids = write_articles(tmp_path / "notes", 60)
    cli = [sys.executable, "-m", "frontlines.cli"]
    loader = subprocess.Popen([*cli, "load", str(out), "--db", db_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ingest = subprocess.Popen([*cli, "ingest", str(tmp_path / "notes"), "--no-extract", "--db", db_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    failures: list[str] = []
    counts = {"requests": 0}
    client = TestClient(create_app(db_url), raise_server_exceptions=False)

    def read() -> None:
        i = 0
        while loader.poll() is None or ingest.poll() is None:
            route = READ_ROUTES[i % len(READ_ROUTES)]
            i += 1
            res = client.get(route)
            counts["requests"] += 1
            if res.status_code != 200 or "locked" in res.text:
                failures.append(f"{route}: {res.status_code} {res.text[:200]}")
            time.sleep(0.01)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    try:
        _, load_err = loader.communicate(timeout=90)
        _, ingest_err = ingest.communicate(timeout=90)
    finally:
        for proc in (loader, ingest):
            if proc.poll() is None:
                proc.kill()
        for t in readers:
            t.join(timeout=30)
        client.close()

    assert loader.returncode == 0, load_err
    assert ingest.returncode == 0, ingest_err
    for err in (load_err, ingest_err):
        assert "locked" not in err.lower() and "Traceback" not in err
    assert not failures, failures[:5]
    assert counts["requests"] > 0

    stored, events = report_counts(db_url)
    for doc_id, n in expected.items():  # every loaded document, with all of its reports
        assert stored.get(doc_id) == n
    missing = [i for i in article_ids if i not in stored]
    assert not missing, f"{len(missing)} ingested articles lost"
    assert len(stored) == len(expected) + len(article_ids)
    assert events > 0
