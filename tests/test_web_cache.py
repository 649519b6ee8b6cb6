"""The store's revision and the responses the web app keeps while it stands still (SQLite and
PostgreSQL), and ``frontlines serve --workers`` as a real multi-process server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_web_corpus import Corpus, _report, build_store

from frontlines.records import Document
from frontlines.store import Store
from frontlines.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

NEW_TEXT = ("Fighters of the Mountain Liberation Front shelled the river port of Kisangani on Friday, "
            "a spokesman for the provincial governor said.")


@pytest.fixture
def corpus(store_url: str) -> Corpus:
    return build_store(store_url)


@pytest.fixture
def client(corpus: Corpus) -> Iterator[TestClient]:
    app = create_app(corpus.db_url, tiles="")
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.store.close()


def _add_event(store: Store) -> None:
    doc = Document.from_text(NEW_TEXT, published="2024-03-08", outlet="Desert Post")
    sentence = NEW_TEXT
    store.add_documents_with_reports([(doc, [_report(doc, sentence, "Explosions/Remote violence",
                                                     "Shelling/artillery/missile attack")])])
    store.fuse()


def test_every_write_raises_the_revision_and_reads_do_not(corpus: Corpus) -> None:
    store = Store.open(corpus.db_url)
    try:
        before = store.revision()
        list(store.iter_events())
        store.list_outlets()
        assert store.revision() == before
        outlet = store.list_outlets()[0]
        store.set_outlet_grade(outlet.slug, "E" if outlet.grade != "E" else "D")
        after_grade = store.revision()
        assert after_grade > before
        _add_event(store)
        assert store.revision() > after_grade
    finally:
        store.close()


def test_a_failed_write_leaves_the_revision(corpus: Corpus) -> None:
    store = Store.open(corpus.db_url)
    try:
        before = store.revision()
        with pytest.raises(Exception):  # noqa: B017 - whatever the store raises, nothing is written
            store.set_outlet_grade("no-such-outlet", "B")
        assert store.revision() == before
    finally:
        store.close()


def test_a_kept_answer_is_served_until_the_store_changes(client: TestClient, corpus: Corpus) -> None:
    first = client.get("/events.json?per_page=50")
    again = client.get("/events.json?per_page=50")
    assert first.status_code == again.status_code == 200
    assert first.headers["x-frontlines-cache"] == "miss"
    assert again.headers["x-frontlines-cache"] == "hit"
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    # Kept answers still carry the security headers.
    assert again.headers["x-content-type-options"] == "nosniff"
    # Another query string is another answer.
    assert client.get("/events.json?per_page=49").headers["x-frontlines-cache"] == "miss"

    store = Store.open(corpus.db_url)
    try:
        _add_event(store)
    finally:
        store.close()
    # Right after a write the kept answer is stale; one that must be current says so.
    stale = client.get("/events.json?per_page=50")
    assert stale.headers["x-frontlines-cache"] in ("stale", "hit")  # "hit": refreshed meanwhile
    fresh = client.get("/events.json?per_page=50", headers={"Cache-Control": "no-cache"})
    assert fresh.headers["x-frontlines-cache"] in ("miss", "hit")
    assert fresh.json()["total"] == first.json()["total"] + 1
    assert client.get("/events.json?per_page=50").json() == fresh.json()
    new = {e["id"] for e in fresh.json()["events"]} - {e["id"] for e in first.json()["events"]}
    assert [e["sub_event_type"] for e in fresh.json()["events"] if e["id"] in new] == [
        "Shelling/artillery/missile attack"]


def test_map_and_lists_are_kept_errors_and_pages_are_not(client: TestClient) -> None:
    for path in ("/events.geojson?limit=5", "/places.json", "/actors.json", "/outlets.json"):
        assert client.get(path).headers["x-frontlines-cache"] == "miss", path
        r = client.get(path)
        assert r.status_code == 200 and r.headers["x-frontlines-cache"] == "hit", path
    for _ in range(2):
        bad = client.get("/events.json?since=not-a-date")
        assert bad.status_code == 422
        assert bad.headers.get("x-frontlines-cache") == "miss"
    assert "x-frontlines-cache" not in client.get("/events").headers  # HTML pages are built each time


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_with_two_workers_answers_from_both(tmp_path: Path) -> None:
    corpus = build_store(tmp_path / "two.db")
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("FRONTLINES_DB", None)
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "frontlines"), "serve", "--db", corpus.db_url, "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        # two processes that each load the app start slowly on a busy two-core machine
        deadline = time.monotonic() + 180
        answered: Any = None
        while time.monotonic() < deadline:
            try:
                answered = httpx.get(f"{base}/events.json", timeout=5)
                break
            except httpx.HTTPError:
                if proc.poll() is not None:
                    break
                time.sleep(0.3)
        if answered is None:
            # stop the server before reading what it printed: its pipe ends only when it does
            proc.terminate()
            out = proc.communicate(timeout=30)[0]
            pytest.fail(f"the server did not answer within 180 s:\n{out.decode(errors='replace')}")
        assert answered.status_code == 200
        assert answered.json()["total"] == len(corpus.event_ids)
        # Many requests over fresh connections: the kernel spreads them over both processes,
        # and every one gets the same answer.
        bodies = {httpx.get(f"{base}/events.json", timeout=5).content for _ in range(20)}
        assert len(bodies) == 1
        import psutil  # installed with Dask's distributed

        # uvicorn's supervisor runs one child per worker (and Python's resource tracker).
        children = [c for c in psutil.Process(proc.pid).children() if "resource_tracker" not in " ".join(c.cmdline())]
        assert len(children) >= 2
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_the_same_question_asked_at_once_is_computed_once(tmp_path: Path) -> None:
    import asyncio

    from frontlines.web.response_cache import ResponseCache

    store = Store.open(f"sqlite:///{tmp_path / 'once.db'}")
    computed = 0

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal computed
        computed += 1
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"answer %d" % computed})

    cache = ResponseCache(slow_app, store)

    async def ask(*headers: tuple[bytes, bytes]) -> tuple[bytes, bytes]:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        scope = {"type": "http", "method": "GET", "path": "/events.json", "query_string": b"country=SY",
                 "headers": list(headers)}
        await cache(scope, receive, send)
        headers = dict(sent[0]["headers"])
        return headers[b"x-frontlines-cache"], sent[-1]["body"]

    async def main() -> list[tuple[bytes, bytes]]:
        return await asyncio.gather(*(ask() for _ in range(10)))

    try:
        answers = asyncio.run(main())
        assert computed == 1
        assert [a[0] for a in answers].count(b"miss") == 1
        assert {a[1] for a in answers} == {b"answer 1"}
        store.upsert_outlets([{"name": "Desert Post", "grade": "B"}])  # a write: computed again
        assert asyncio.run(ask((b"cache-control", b"no-cache"))) == (b"miss", b"answer 2")
    finally:
        store.close()


def test_after_a_write_the_old_answer_is_served_while_the_new_one_is_computed(tmp_path: Path) -> None:
    import asyncio

    from frontlines.web.response_cache import ResponseCache

    store = Store.open(f"sqlite:///{tmp_path / 'stale.db'}")
    computed = 0
    after_answers: list[str] = []

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal computed
        computed += 1
        n = computed
        await receive()
        await asyncio.sleep(0.1)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"answer %d" % n})
        # as a response that listens for the client leaving: the background one must end
        after_answers.append((await receive())["type"])

    async def ask(cache: ResponseCache, path: str = "/places.json") -> tuple[bytes, bytes]:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        await cache({"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []},
                    receive, send)
        return dict(sent[0]["headers"])[b"x-frontlines-cache"], sent[-1]["body"]

    async def main() -> None:
        cache = ResponseCache(slow_app, store)
        assert await ask(cache) == (b"miss", b"answer 1")
        store.upsert_outlets([{"name": "Ridge Times", "grade": "C"}])  # a write
        # served at once, twice, while one background computation runs
        assert await asyncio.gather(ask(cache), ask(cache)) == [(b"stale", b"answer 1")] * 2
        await asyncio.sleep(0.3)
        assert computed == 2
        assert after_answers[-1] == "http.disconnect"
        assert await ask(cache) == (b"hit", b"answer 2")

        always_current = ResponseCache(slow_app, store, stale_seconds=0)
        assert (await ask(always_current, "/actors.json"))[0] == b"miss"
        store.set_outlet_grade("Ridge Times", "D")
        assert (await ask(always_current, "/actors.json"))[0] == b"miss"

    try:
        asyncio.run(main())
    finally:
        store.close()
