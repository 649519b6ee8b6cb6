"""Quality floors on fixed slices of the shared evaluation data and on the project's own
labelled wire-news leads (bench/floors.json).

Runs the bench scripts as a user would and fails when a pinned figure drops. Skipped when
../shared/data is absent (a user's clone); CI has it beside the clone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTLINES_SHARED", ROOT.parent / "shared")) / "data"
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))
# bench script and the data it needs (the wire leads are the project's own, always present)
SCRIPTS = {"toponyms": ("eval_toponyms.py", SHARED / "toponyms/gwn.jsonl"),
           "acled": ("eval_acled.py", SHARED / "acled/acled_dev.jsonl"),
           "wire": ("eval_wire.py", ROOT / "bench/data/wire_leads.jsonl")}


def _get(data: dict, dotted: str) -> float:
    for part in dotted.split("."):
        data = data[part]
    return float(data)  # type: ignore[arg-type]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_quality_does_not_drop_below_its_floor(name: str) -> None:
    script, probe = SCRIPTS[name]
    if not probe.exists():
        pytest.skip(f"{probe} not present: quality floors need the shared evaluation data")
    spec = FLOORS[name]
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / script), *spec["args"]],
                          check=False, capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    scores = json.loads(proc.stdout)
    drops = {key: (round(_get(scores, key), 4), floor) for key, floor in spec["floors"].items()
             if _get(scores, key) < floor}
    assert not drops, f"{name}: below floor (measured, floor): {drops}"
