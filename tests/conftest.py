"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


# The two stores every store and web test runs on; PostgreSQL tests skip when no server can start.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
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


def session_store_url(request: pytest.FixtureRequest, backend: str, name: str) -> str:
    """URL of a new, empty store that lives for the session: an SQLite file or a PostgreSQL schema."""
    if backend == "sqlite":
        factory: pytest.TempPathFactory = request.getfixturevalue("tmp_path_factory")
        return f"sqlite:///{factory.mktemp(name) / 'store.db'}"
    return request.getfixturevalue("pg_server").new_schema(prefix=name)


@pytest.fixture(scope="session", params=BACKENDS)
def web_backend(request: pytest.FixtureRequest) -> str:
    """The backend of the web tests' shared stores: every test using them runs once on each, and
    pytest groups the tests by backend so each shared store is built once per backend."""
    return request.param


@pytest.fixture(scope="session")
def web_corpus(request: pytest.FixtureRequest, web_backend: str) -> Any:
    """The invented corpus of test_web_corpus.py, built once per backend; tests only read it."""
    from test_web_corpus import build_store

    return build_store(session_store_url(request, web_backend, "webcorpus"))


@pytest.fixture(scope="session")
def web_demo_url(request: pytest.FixtureRequest, web_backend: str) -> str:
    """The demo store (the bundled sample corpus through the pipeline), once per backend."""
    from test_web_picture import demo_db_url, replay_demo

    if web_backend == "sqlite":
        return demo_db_url()
    target = session_store_url(request, web_backend, "webdemo")  # first: skips if no server
    return replay_demo(demo_db_url(), target)
