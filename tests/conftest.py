"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from httpserver import LocalHTTPServer
from pg import pg_server  # noqa: F401 - one PostgreSQL server for the whole session


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A real HTTP server on 127.0.0.1 (ephemeral port) serving canned responses by path."""
    with LocalHTTPServer() as server:
        yield server


@pytest.fixture(scope="module")
def extract() -> Iterator[Callable[..., list]]:
    """``extract_reports`` on a text, with the tests' own small actor dictionary (tests/data/extract)."""
    from frontlines.extract import extract_reports
    from frontlines.extract.actors import load_actor_dictionary
    from frontlines.records import Document

    mp = pytest.MonkeyPatch()
    mp.setenv("FRONTLINES_ACTORS_DIR", str(Path(__file__).parent / "data" / "extract"))
    load_actor_dictionary.cache_clear()

    def run(text: str, published: str | None = "2020-05-09") -> list:
        return extract_reports(Document.from_text(text, published=published, outlet="Test Wire"))

    yield run
    mp.undo()
    load_actor_dictionary.cache_clear()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a new, empty store: an SQLite file, then a schema on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_server").new_schema()


@pytest.fixture
def db_url(store_url: str) -> str:
    """``store_url`` with its schema already in place (so that no kill lands in a migration)."""
    from frontlines.store import Store

    Store.open(store_url).close()
    return store_url
