"""`frontlines outlets`: list the outlets and set their reliability grades."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.records import Document
from frontlines.store import Store


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'outlets.db'}"
    with Store.open(url) as store:
        store.upsert_outlets(
            [
                {"name": "Levant Wire", "domain": "levantwire.example", "grade": "A"},
                {"name": "Hillside Gazette", "domain": "hillside.example"},
            ]
        )
        store.add_document(Document.from_text("A short note about a quiet day.", outlet="Valley Notes"))
    return url


def _grade(url: str, slug: str) -> str | None:
    with Store.open(url) as store:
        outlet = store.get_outlet(slug)
        return outlet.grade if outlet else None


def test_grade_changes_the_store(db: str) -> None:
    result = CliRunner().invoke(main, ["outlets", "grade", "Levant Wire", "C", "--db", db])
    assert result.exit_code == 0, result.output
    assert _grade(db, "levant-wire") == "C"
    assert "A -> C" in result.output


def test_grade_by_slug_or_domain_and_lower_case(db: str) -> None:
    assert CliRunner().invoke(main, ["outlets", "grade", "hillside-gazette", "b", "--db", db]).exit_code == 0
    assert _grade(db, "hillside-gazette") == "B"
    assert CliRunner().invoke(main, ["outlets", "grade", "levantwire.example", "E", "--db", db]).exit_code == 0
    assert _grade(db, "levant-wire") == "E"


def test_an_outlet_seen_only_in_documents_gets_registered(db: str) -> None:
    result = CliRunner().invoke(main, ["outlets", "grade", "Valley Notes", "F", "--db", db])
    assert result.exit_code == 0, result.output
    assert _grade(db, "valley-notes") == "F"


def test_bad_grade_is_a_clear_error(db: str) -> None:
    result = CliRunner().invoke(main, ["outlets", "grade", "Levant Wire", "G", "--db", db])
    assert result.exit_code != 0
    assert "'G' is not a grade" in result.output and "A, B, C, D, E, F" in result.output
    assert _grade(db, "levant-wire") == "A"


def test_unknown_outlet_is_a_clear_error(db: str) -> None:
    result = CliRunner().invoke(main, ["outlets", "grade", "Nobody Times", "B", "--db", db])
    assert result.exit_code == 1
    assert "Nobody Times" in result.output and "no registered outlet" in result.output


def test_list(db: str) -> None:
    result = CliRunner().invoke(main, ["outlets", "list", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["grade", "slug", "name"]
    assert any(line.startswith("A") and "levant-wire" in line for line in lines[1:])
    rows = [json.loads(x) for x in CliRunner().invoke(main, ["outlets", "list", "--json", "--db", db]).output.splitlines()]
    assert {r["slug"]: r["grade"] for r in rows}["levant-wire"] == "A"
    assert "valley-notes" in {r["slug"] for r in rows}


def test_help_explains_the_scale() -> None:
    result = CliRunner().invoke(main, ["outlets", "--help"])
    assert result.exit_code == 0
    assert "Admiralty" in result.output and "grade" in result.output and "list" in result.output
