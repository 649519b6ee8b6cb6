"""What the methodology page says about the data files in use, read from those files themselves."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontlines.extract.actors import actor_data_dir
from frontlines.extract.country_words import country_cues_path
from frontlines.extract.lexicon import lexicon_path
from frontlines.picture.rules import packaged_rules_path


@dataclass(frozen=True)
class DataFile:
    """One knowledge file: where it is, its declared version, how many entries it holds."""

    label: str
    path: str
    version: Any
    entries: int
    extra: dict[str, Any] = field(default_factory=dict)


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict[str, Any]:
    # Keyed on the modification time: an edited file shows on the next request.
    return _load(Path(path))


def _read_now(path: Path) -> dict[str, Any]:
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _read(str(path), mtime)


def data_files() -> list[DataFile]:
    """The actor dictionary, the actor classes, the communities, the event lexicon and the
    country cue words, as loaded by the extract stage."""
    out = []
    base = actor_data_dir()
    actors = _read_now(base / "actors.yaml")
    out.append(DataFile("Actor dictionary", str(base / "actors.yaml"), actors.get("version"),
                        len(actors.get("actors") or [])))
    classes = _read_now(base / "actor_classes.yaml")
    out.append(DataFile("Actor classes (generic actors: “gunmen”, “protesters”)", str(base / "actor_classes.yaml"),
                        classes.get("version"), len(classes.get("classes") or [])))
    communities = _read_now(base / "communities.yaml")
    out.append(DataFile("Communities (whose armed men are a named militia: “Pokot raiders”)",
                        str(base / "communities.yaml"), communities.get("version"),
                        len(communities.get("communities") or [])))
    lex_path = lexicon_path()
    lexicon = _read_now(lex_path)
    out.append(DataFile("Event lexicon", str(lex_path), lexicon.get("version"), len(lexicon.get("rules") or []),
                        {"cues": len(lexicon.get("cues") or {})}))
    cue_path = country_cues_path()
    cues = _read_now(cue_path)
    out.append(DataFile("Country cue words (a story's country when it names no place)", str(cue_path),
                        cues.get("version"), len(cues.get("cues") or [])))
    return out


@dataclass(frozen=True)
class RulesSection:
    title: str
    text: str  # the file's own lines, comments included


def grading_rules() -> tuple[str, dict[str, Any], list[RulesSection]]:
    """The picture's grading rules file: path, parsed content, and its sections as written.

    The file is cut at its ``# --- Title ---`` comment lines, so each section keeps the comments
    that explain it; the page shows the rules as they are, not a paraphrase that could drift.
    """
    path = packaged_rules_path()
    if not path.exists():
        return str(path), {}, []
    text = path.read_text(encoding="utf-8")
    sections: list[RulesSection] = []
    title, lines = "Header", []
    for line in text.splitlines():
        m = re.match(r"#\s*-{3,}\s*(.+?)\s*-*\s*$", line)
        if m:
            if any(x.strip() for x in lines):
                sections.append(RulesSection(title, "\n".join(lines).strip("\n")))
            title, lines = m.group(1), []
        else:
            lines.append(line)
    if any(x.strip() for x in lines):
        sections.append(RulesSection(title, "\n".join(lines).strip("\n")))
    return str(path), _read_now(path), sections
