"""Smoke test of bench/bench_api.py: a small generated store, a real server, a short open-loop run.

It checks that the benchmark runs end to end and that every request it sends is answered (no
errors); the latency numbers themselves are the benchmark's business, not a test's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_api.py"


def test_bench_api_runs_and_every_request_is_answered(tmp_path: Path) -> None:
    out = tmp_path / "api.json"
    cache = tmp_path / "cache"
    cmd = [sys.executable, str(BENCH), "--events", "2000", "--seconds", "2", "--rate", "50",
           "--warmup", "0.5", "--cache-dir", str(cache), "--json", str(out)]
    run = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "p99" in run.stdout
    result = json.loads(out.read_text())
    overall = result["endpoints"]["overall"]
    assert overall["n"] == 100 and overall["errors"] == 0
    assert {"/events.json", "/events.geojson"} <= set(result["endpoints"])
    cold = result["cold"]["overall"]
    assert cold["errors"] == 0 and cold["kept_share"] == 0  # every distinct query computed once
    assert result["server_workers"] == 2
    assert result["generation_seconds"] is not None  # a new cache: the store was generated
    cached = list(cache.glob("events-n2000-*.sqlite"))
    assert len(cached) == 1

    # Asked again, the cached store is reused, not generated (no server needed to see that).
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench_api
    finally:
        sys.path.remove(str(BENCH.parent))
    url, seconds = bench_api.ensure_store(2000, False, None, cache)
    assert seconds is None and url.endswith(cached[0].name)
