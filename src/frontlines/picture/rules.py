"""The grading rules (``data/grading.yaml``) as one typed, read-only object.

The packaged file is read once (``load_rules()`` is cached); a user file given by path is read
on each call and laid over the packaged values, key by key, so a partial file is enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import BadInput

GRADES: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")


def packaged_rules_path() -> Path:
    return Path(str(resources.files("frontlines") / "data" / "grading.yaml"))


def rules_text(path: Path | None = None) -> str:
    """The rules file as written, comments included (what the methodology page shows)."""
    return (path or packaged_rules_path()).read_text(encoding="utf-8")


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class GradingRules:
    """Every threshold of the picture; see the comments in ``data/grading.yaml``."""

    raw: dict[str, Any] = field(repr=False)

    def section(self, name: str) -> dict[str, Any]:
        return self.raw.get(name) or {}

    # reliability -------------------------------------------------------------------------------
    @property
    def grade_labels(self) -> dict[str, str]:
        return dict(self.section("reliability").get("scale") or {})

    @property
    def default_grade(self) -> str:
        return str(self.section("reliability").get("default", "F"))

    @property
    def credibility_labels(self) -> dict[int, str]:
        return {int(k): str(v) for k, v in (self.section("credibility").get("labels") or {}).items()}

    def cred(self, key: str) -> Any:
        return self.section("credibility")[key]

    def copies(self, key: str) -> Any:
        return self.section("copies")[key]

    def contra(self, key: str) -> Any:
        return self.section("contradictions")[key]

    def control(self, key: str) -> Any:
        return self.section("control")[key]

    def significant(self, key: str) -> Any:
        return self.section("significant_places")[key]

    def alert(self, kind: str, key: str) -> Any:
        return (self.section("alerts").get(kind) or {})[key]

    def sitrep(self, key: str) -> Any:
        return self.section("sitrep")[key]

    @property
    def credit_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile(tuple(self.copies("credit_patterns") or ()))

    def to_dict(self) -> dict[str, Any]:
        return dict(self.raw)


@lru_cache(maxsize=64)
def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, re.IGNORECASE | re.MULTILINE))
        except re.error as exc:
            raise BadInput("grading rules", f"bad credit pattern {p!r}: {exc}") from exc
    return tuple(out)


@lru_cache(maxsize=1)
def _packaged() -> GradingRules:
    data = yaml.safe_load(rules_text()) or {}
    return GradingRules(data)


def load_rules(path: Path | str | None = None) -> GradingRules:
    """The packaged rules, or a user's file laid over them."""
    base = _packaged()
    if path is None:
        return base
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BadInput(str(path), f"cannot read grading rules: {exc}") from exc
    if not isinstance(data, dict):
        raise BadInput(str(path), "grading rules must be a mapping")
    return GradingRules(_merge(base.raw, data))


def with_overrides(rules: GradingRules, overrides: dict[str, Any]) -> GradingRules:
    """A copy of ``rules`` with some values replaced (nested dicts merge), e.g. in tests."""
    return GradingRules(_merge(rules.raw, overrides))
