"""The install a fresh machine runs (`make install`): the lock names only releases an index serves."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~\[@;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_lock_pins_index_releases_only():
    # a "name @ file:///..." line installs only on the machine that built the wheel
    lines = [x for x in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
             if x.strip() and not x.startswith("#")]
    bad = [x for x in lines if "@" in x or "://" in x or not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+\-]+", x)]
    assert not bad, f"requirements.lock lines that are not plain name==version pins: {bad}"


def test_lock_pins_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    pinned = {_name(x) for x in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
              if x.strip() and not x.startswith("#")}
    assert wanted <= pinned, f"dependencies without a pin in requirements.lock: {sorted(wanted - pinned)}"
