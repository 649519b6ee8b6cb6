"""frontlines watch: polite polling of feeds against a real local server, with a real store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from httpserver import LocalHTTPServer

from frontlines.cli import main
from frontlines.errors import BadInput
from frontlines.ingest.watch import (
    StateFile,
    WatchEvent,
    WatchOptions,
    WatchSummary,
    parse_duration,
    read_feeds_file,
    stop_on_signals,
    watch,
)
from frontlines.settings import Settings
from frontlines.store import Store

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}


def article(slug: str) -> bytes:
    """A small article page of our own; the slug makes each text (and its hash) distinct."""
    paragraphs = "".join(
        f"<p>Paragraph {n} of the {slug} story: the river crossing at the old mill stayed shut on "
        f"Wednesday while engineers checked the pillars, the district office said in a notice "
        f"posted at the town hall.</p>"
        for n in range(1, 4)
    )
    return (
        f"<html><head><title>{slug} report</title></head><body><article><h1>{slug} report</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def rss(server: LocalHTTPServer, slugs: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{s} report</title><link>{server.url('/news/' + s)}</link>"
        f"<pubDate>Wed, 04 Oct 2023 09:00:00 GMT</pubDate></item>"
        for s in slugs
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Mill Gazette</title>'
        f"<link>{server.url('/')}</link>{items}</channel></rss>"
    ).encode()


def serve_feed(server: LocalHTTPServer, path: str, slugs: list[str], etag: str | None = '"v1"',
               last_modified: str | None = "Wed, 04 Oct 2023 09:00:00 GMT") -> str:
    for slug in slugs:
        server.add(f"/news/{slug}", body=article(slug), headers=HTML)
    return server.add(path, body=rss(server, slugs), headers=RSS, etag=etag, last_modified=last_modified)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(str(tmp_path / "watch.db"))
    yield s
    s.close()


def settings_for(server: LocalHTTPServer, tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "watch.db"), fetch_allow=f"127.0.0.1:{server.port}",
                    fetch_timeout=2.0)


def run(
    server: LocalHTTPServer, tmp_path: Path, store: Store, feeds: list[str], *, rounds: int | None = 2,
    every: float = 0.0, on_event: Callable[[WatchEvent], None] | None = None,
    stop: threading.Event | None = None, **options: object,
) -> tuple[WatchSummary, list[WatchEvent]]:
    events: list[WatchEvent] = []

    def record(event: WatchEvent) -> None:
        events.append(event)
        if on_event:
            on_event(event)

    opts = WatchOptions(**{"host_interval": 0.0, "extract": False, **options})  # type: ignore[arg-type]
    summary = watch(feeds, store, settings_for(server, tmp_path), every=every, rounds=rounds,
                    on_event=record, stop=stop, options=opts)
    return summary, events


def feed_requests(server: LocalHTTPServer, path: str) -> list[dict[str, str]]:
    return [headers for p, headers in server.requests if p == path]


def test_conditional_get_and_only_new_items(http_server: LocalHTTPServer, tmp_path: Path,
                                            store: Store) -> None:
    feed = serve_feed(http_server, "/feed.rss", ["alpha", "beta"])
    summary, _ = run(http_server, tmp_path, store, [feed], rounds=2)
    assert (summary.new_documents, summary.not_modified, summary.feeds_fetched) == (2, 1, 1)
    first, second = feed_requests(http_server, "/feed.rss")
    assert "If-None-Match" not in first and first["User-Agent"] == Settings().user_agent
    assert second["If-None-Match"] == '"v1"'
    assert second["If-Modified-Since"] == "Wed, 04 Oct 2023 09:00:00 GMT"
    assert http_server.hits["/news/alpha"] == http_server.hits["/news/beta"] == 1
    assert store.count_documents() == 2
    assert (tmp_path / "watch.db.watch.json").exists()  # the state file, beside the database


def test_changed_feed_fetches_only_the_new_item(http_server: LocalHTTPServer, tmp_path: Path,
                                                store: Store) -> None:
    feed = serve_feed(http_server, "/feed.rss", ["alpha", "beta"])

    def on_event(event: WatchEvent) -> None:
        if event.kind == "round" and event.message.startswith("round 2"):
            serve_feed(http_server, "/feed.rss", ["gamma", "alpha", "beta"], etag='"v2"')

    summary, _ = run(http_server, tmp_path, store, [feed], rounds=2, on_event=on_event)
    assert summary.new_documents == 3 and summary.not_modified == 0
    assert [http_server.hits[f"/news/{s}"] for s in ("alpha", "beta", "gamma")] == [1, 1, 1]


def test_last_modified_alone_is_enough(http_server: LocalHTTPServer, tmp_path: Path,
                                       store: Store) -> None:
    feed = serve_feed(http_server, "/lm.rss", ["alpha"], etag=None)
    summary, _ = run(http_server, tmp_path, store, [feed], rounds=2)
    assert summary.not_modified == 1
    assert "If-None-Match" not in feed_requests(http_server, "/lm.rss")[1]


def test_state_survives_a_restart(http_server: LocalHTTPServer, tmp_path: Path, store: Store) -> None:
    feed = serve_feed(http_server, "/feed.rss", ["alpha"])
    run(http_server, tmp_path, store, [feed], rounds=1)
    summary, _ = run(http_server, tmp_path, store, [feed], rounds=1)
    assert summary.not_modified == 1 and summary.new_documents == 0
    # Lost validators (state file deleted): the feed is read again, the article is not doubled.
    (tmp_path / "watch.db.watch.json").unlink()
    summary, _ = run(http_server, tmp_path, store, [feed], rounds=1)
    assert summary.duplicates == 1 and store.count_documents() == 1


@pytest.mark.parametrize("article_delay", [0.0, 0.7], ids=["on-time", "first-round-overruns"])
def test_a_failing_feed_gets_one_line_and_backs_off(http_server: LocalHTTPServer, tmp_path: Path,
                                                    store: Store, article_delay: float) -> None:
    good = serve_feed(http_server, "/good.rss", ["alpha"])
    http_server.add("/news/alpha", body=article("alpha"), headers=HTML, delay=article_delay)
    bad = http_server.add("/bad.rss", status=500, body=b"oops", headers=HTML)
    # Rounds due at 0, 0.3, 0.6, 0.9 s: failure 1 -> retried next round; failure 2 -> one round
    # skipped; failure 3 -> three rounds skipped. A slow first round (its article takes 0.7 s)
    # makes round 2 run late, at 0.7 s; the backoff still counts rounds by when they were due.
    summary, events = run(http_server, tmp_path, store, [bad, good], rounds=4, every=0.3)
    errors = [e.message for e in events if e.kind == "error"]
    assert errors == [f"{bad}: HTTP 500 Internal Server Error"] * 3
    assert http_server.hits["/bad.rss"] == 3
    assert [e.kind for e in events].count("backoff") == 1
    assert summary.feed_errors == 3 and summary.new_documents == 1 and summary.not_modified == 3


def test_transient_item_failure_is_retried_next_round(http_server: LocalHTTPServer, tmp_path: Path,
                                                      store: Store) -> None:
    feed = serve_feed(http_server, "/feed.rss", ["alpha", "beta"])
    http_server.add("/news/beta", status=503, body=b"busy", headers=HTML)

    def on_event(event: WatchEvent) -> None:
        if event.kind == "round" and event.message.startswith("round 2"):
            http_server.add("/news/beta", body=article("beta"), headers=HTML)

    summary, events = run(http_server, tmp_path, store, [feed], rounds=2, on_event=on_event)
    assert summary.new_documents == 2 and store.count_documents() == 2
    assert any(e.kind == "error" and "retried next round" in e.message for e in events)
    # Validators were not kept after the failure: round 2 asked for the whole feed again.
    assert "If-None-Match" not in feed_requests(http_server, "/feed.rss")[1]
    assert http_server.hits["/news/alpha"] == 1 and http_server.hits["/news/beta"] == 2


def test_robots_txt_is_respected_and_cached(http_server: LocalHTTPServer, tmp_path: Path,
                                            store: Store) -> None:
    http_server.add("/robots.txt", body=b"User-agent: *\nDisallow: /news/private\n",
                    headers={"Content-Type": "text/plain"})
    feed = serve_feed(http_server, "/feed.rss", ["alpha", "private-beta"])
    summary, events = run(http_server, tmp_path, store, [feed], rounds=2)
    assert http_server.hits["/news/private-beta"] == 0 and http_server.hits["/robots.txt"] == 1
    assert summary.new_documents == 1
    assert [e.message for e in events if e.kind == "error"] == [
        f"{http_server.url('/news/private-beta')}: disallowed by robots.txt"
    ]
    closed = serve_feed(http_server, "/private-feed.rss", ["delta"])
    http_server.add("/robots.txt", body=b"User-agent: Frontlines\nDisallow: /\n",
                    headers={"Content-Type": "text/plain"})
    (tmp_path / "watch.db.watch.json").unlink()
    summary, events = run(http_server, tmp_path, store, [closed], rounds=1)
    assert summary.feed_errors == 1 and http_server.hits["/private-feed.rss"] == 0


def test_robots_unreachable_means_disallowed(http_server: LocalHTTPServer, tmp_path: Path,
                                             store: Store) -> None:
    http_server.add("/robots.txt", status=503, body=b"down", headers=HTML)
    feed = serve_feed(http_server, "/feed.rss", ["alpha"])
    summary, _ = run(http_server, tmp_path, store, [feed], rounds=1)
    assert summary.feed_errors == 1 and http_server.hits["/feed.rss"] == 0


def test_per_host_interval(http_server: LocalHTTPServer, tmp_path: Path, store: Store) -> None:
    feed = serve_feed(http_server, "/feed.rss", ["alpha", "beta", "gamma"])
    started = time.perf_counter()
    run(http_server, tmp_path, store, [feed], rounds=1, host_interval=0.15)
    # robots.txt, the feed, three articles: four gaps of at least 0.15 s.
    assert len(http_server.requests) == 5
    assert time.perf_counter() - started >= 0.6


def test_stop_ends_the_watch_after_the_current_item(http_server: LocalHTTPServer, tmp_path: Path,
                                                    store: Store) -> None:
    feed = serve_feed(http_server, "/feed.rss", ["alpha", "beta", "gamma"])
    stop = threading.Event()

    def on_event(event: WatchEvent) -> None:
        if event.kind == "new":
            stop.set()

    summary, _ = run(http_server, tmp_path, store, [feed], rounds=None, every=3600, on_event=on_event,
                     stop=stop)
    assert summary.stopped and summary.rounds == 1 and summary.new_documents == 1
    # The feed's validators were not saved: next time it is read in full and the rest comes in.
    summary, _ = run(http_server, tmp_path, store, [feed], rounds=1)
    assert summary.new_documents == 2 and store.count_documents() == 3


def test_one_watcher_per_state_file(tmp_path: Path) -> None:
    with StateFile(tmp_path / "s.json"), pytest.raises(BadInput, match="another watcher"):
        StateFile(tmp_path / "s.json").__enter__()


def test_durations_and_feed_files(tmp_path: Path) -> None:
    assert [parse_duration(t) for t in ("15m", "30s", "1h30m", "250ms", "90", "1.5h")] == [
        900, 30, 5400, 0.25, 90, 5400
    ]
    for bad in ("", "soon", "15 minutes", "m"):
        with pytest.raises(BadInput):
            parse_duration(bad)
    listing = tmp_path / "feeds.txt"
    listing.write_text("# wires\nhttps://a.example/rss\n\n  https://b.example/atom  \n", encoding="utf-8")
    assert read_feeds_file(listing) == ["https://a.example/rss", "https://b.example/atom"]
    listing.write_text("https://a.example/rss\nnot-a-url\n", encoding="utf-8")
    with pytest.raises(BadInput, match="feeds.txt:2"):
        read_feeds_file(listing)


def test_cli_once_with_a_feeds_file(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    feed = serve_feed(http_server, "/feed.rss", ["alpha"])
    bad = http_server.add("/gone.rss", status=404, body=b"no", headers=HTML)
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"{bad}\n", encoding="utf-8")
    result = CliRunner().invoke(main, [
        "watch", feed, "--feeds-file", str(listing), "--once", "--no-extract", "--host-interval", "0",
        "--db", str(tmp_path / "cli.db"), "--allow-host", f"127.0.0.1:{http_server.port}",
    ])
    assert result.exit_code == 0, result.output
    assert f"error: {bad}: HTTP 404 Not Found" in result.output
    assert "1 rounds: 1 new documents" in result.output
    assert (tmp_path / "cli.db.watch.json").exists()
    nothing = CliRunner().invoke(main, ["watch", bad, "--once", "--no-extract", "--db", str(tmp_path / "x.db"),
                                        "--allow-host", f"127.0.0.1:{http_server.port}"])
    assert nothing.exit_code == 1


def test_signals_set_stop_and_a_second_sigint_interrupts() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with stop_on_signals(threading.Event()) as stop:
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.wait(2)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)  # the handler runs here, in the main thread
    assert signal.getsignal(signal.SIGTERM) is before


def test_cli_stops_cleanly_on_sigterm(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    signum = signal.SIGTERM
    feed = serve_feed(http_server, "/feed.rss", ["alpha"])
    cmd = [sys.executable, "-m", "frontlines.cli", "watch", feed, "--every", "1h", "--no-extract",
           "--host-interval", "0", "--db", str(tmp_path / "sig.db"),
           "--allow-host", f"127.0.0.1:{http_server.port}"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stderr is not None
        lines = []
        deadline = time.monotonic() + 120  # a loaded machine starts Python slowly
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if "new document" in line:
                break
        assert any("new document" in line for line in lines), lines
        proc.send_signal(signum)
        rest = proc.communicate(timeout=30)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, rest
    assert "1 rounds: 1 new documents" in rest
