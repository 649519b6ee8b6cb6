"""The command line: every command is listed, documented and explained in the README."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from frontlines.cli import main

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("ingest", "annotate", "geoparse", "serve", "export", "demo", "gazetteer", "outlets",
            "train", "batch", "load", "watch")


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_every_command_has_useful_help() -> None:
    for name in COMMANDS:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        doc = main.commands[name].help or ""
        assert len(doc.split()) >= 8, f"{name} --help says too little"


def test_readme_shows_the_two_commands_and_the_cli() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:40])
    assert "make run" in first_screen and "make test" in first_screen
    for name in ("ingest", "annotate", "geoparse", "export", "serve"):
        assert f"frontlines {name}" in first_screen


def test_ci_calls_make_test() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
