"""Watching RSS/Atom feeds: poll politely, ingest what is new, keep going through errors.

Politeness: conditional GET (If-None-Match / If-Modified-Since from the feed's last answer),
robots.txt respected for feeds and articles (``urllib.robotparser``, cached per host, the
settings' user agent, its Crawl-delay honoured), and at least ``host_interval`` seconds between
two requests to one host. A feed that fails is reported in one line and retried with backoff:
the next round after one failure, then after 1, 3, 7... skipped rounds (capped).

State (ETag, Last-Modified, the links already ingested, failures) lives in a JSON file, by
default beside the SQLite database (``frontlines.db`` -> ``frontlines.db.watch.json``), or
``./frontlines-watch.json`` for other stores; it is rewritten atomically after every feed, and
locked so that two watchers cannot share it.

Nothing lost, nothing doubled: each article is stored in its own transaction before its link is
remembered, and a feed's new validators are saved only when every new item was dealt with, so a
crash or a transient failure means the feed is read in full again next time and the documents
already stored are recognised by their content hash.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import signal
import tempfile
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Self, TextIO
from urllib.parse import urlsplit

import httpx

from frontlines.errors import BadInput, FetchError, FrontlinesError, StoreError
from frontlines.ingest.feeds import FeedItem, parse_feed
from frontlines.ingest.fetch import FetchedPage, fetch, make_client
from frontlines.ingest.sources import feed_item_document
from frontlines.records import Document
from frontlines.settings import Settings

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}
# Item failures worth another try next round; anything else is final for that link.
_TRANSIENT_HTTP = re.compile(r"^HTTP (408|425|429|5\d\d)\b")
_FINAL_CAUSES = (
    "HTTP ", "refused:", "unsupported", "response too large", "disallowed by robots.txt",
    "no content type", "too many redirects", "redirect loop",
)
ROBOTS_MAX_BYTES = 500_000  # Google's limit for robots.txt is 500 KiB


def parse_duration(text: str) -> float:
    """Seconds in ``"15m"``, ``"30s"``, ``"1h30m"``, ``"250ms"`` or a bare number of seconds."""
    spec = text.strip()
    pos, total = 0, 0.0
    while pos < len(spec):
        match = _DURATION.match(spec, pos)
        if not match:
            break
        total += float(match.group(1)) * _UNITS[(match.group(2) or "").lower() or None]
        pos = match.end()
        while pos < len(spec) and spec[pos] == " ":
            pos += 1
    if not spec or pos != len(spec):
        raise BadInput(text, "not a duration (use e.g. 30s, 15m, 1h, 1h30m)")
    return total


def read_feeds_file(path: Path) -> list[str]:
    """Feed URLs from a file: one per line; blank lines and ``#`` comments are skipped."""
    feeds: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(str(path), f"cannot read feed list ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        check_feed_url(url, f"{path}:{number}")
        feeds.append(url)
    return feeds


def check_feed_url(url: str, item: str | None = None) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(item or url, f"{url!r} is not an http(s) feed URL")


def default_state_path(db_url: str) -> Path:
    """Beside an SQLite file; ``./frontlines-watch.json`` for an in-memory or server store."""
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    if url.startswith("sqlite") and "///" in url:
        path = url.split("///", 1)[1].split("?", 1)[0]
        if path and path != ":memory:":
            return Path(path + ".watch.json")
    return Path("frontlines-watch.json")


# ------------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True)
class WatchOptions:
    host_interval: float = 2.0  # seconds between two requests to one host
    max_backoff: float = 6 * 3600.0  # longest wait before retrying a failing feed
    extract: bool = True  # extract and fuse new documents (off: store them only)
    state_path: Path | None = None  # default: default_state_path(settings.db)
    robots_ttl: float = 3600.0  # seconds a host's robots.txt is trusted
    seen_per_feed: int = 5000  # links remembered per feed (oldest forgotten first)


@dataclass(frozen=True)
class WatchEvent:
    """Something the CLI may print: one line each."""

    kind: str  # round | feed | not-modified | new | duplicate | error | backoff | done
    message: str
    feed: str | None = None
    url: str | None = None


@dataclass
class WatchSummary:
    rounds: int = 0
    feeds_fetched: int = 0  # feed requests answered with a feed (200)
    not_modified: int = 0  # ... with 304
    feed_errors: int = 0
    new_documents: int = 0
    duplicates: int = 0
    reports: int = 0
    item_errors: int = 0
    stopped: bool = False  # ended by a stop request (signal), not by running out of rounds


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)  # links already dealt with, oldest first
    failures: int = 0
    retry_at: float = 0.0  # a round scheduled (epoch seconds) before this time skips the feed
    last_error: str | None = None


class StateFile:
    """The watcher's memory, one JSON file, written atomically, held under an exclusive lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.feeds: dict[str, FeedState] = {}
        self._lock: TextIO | None = None

    def __enter__(self) -> Self:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = open(f"{self.path}.lock", "w")  # held until __exit__
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self._lock.close()
            raise BadInput(str(self.path), "another watcher is using this state file") from exc
        self._load()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            self._lock.close()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            known = set(FeedState.__dataclass_fields__)
            self.feeds = {
                url: FeedState(**{k: v for k, v in raw.items() if k in known})
                for url, raw in data.get("feeds", {}).items()
            }
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise BadInput(str(self.path), f"watch state file is unreadable ({exc})") from exc

    def get(self, feed: str) -> FeedState:
        return self.feeds.setdefault(feed, FeedState())

    def save(self) -> None:
        payload = {"version": 1, "feeds": {url: asdict(s) for url, s in self.feeds.items()}}
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


# ------------------------------------------------------------------------------------------------
# politeness


class HostThrottle:
    """At least ``interval`` seconds between two requests to the same host (scheme://host:port)."""

    def __init__(self, interval: float, stop: threading.Event) -> None:
        self.interval = interval
        self._stop = stop
        self._last: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        self._delays[host] = seconds

    def wait(self, url: str) -> bool:
        """Sleep until the host may be asked again; False if a stop was requested meanwhile."""
        host = _origin(url)
        gap = max(self.interval, self._delays.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            pause = last + gap - time.monotonic()
            if pause > 0 and self._stop.wait(pause):
                return False
        self._last[host] = time.monotonic()
        return not self._stop.is_set()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class RobotsCache:
    """robots.txt per host, fetched through the guarded fetcher and kept for ``ttl`` seconds.

    As RFC 9309 says: a 4xx answer means no rules (everything allowed); a 5xx answer or an
    unreachable host means everything is disallowed, until the file is asked for again.
    """

    def __init__(
        self, settings: Settings, client: httpx.Client, throttle: HostThrottle, ttl: float
    ) -> None:
        self._settings = settings
        self._client = client
        self._throttle = throttle
        self._ttl = ttl
        self._rules: dict[str, tuple[float, urllib.robotparser.RobotFileParser | bool]] = {}

    def allowed(self, url: str) -> bool:
        origin = _origin(url)
        cached = self._rules.get(origin)
        if cached is None or cached[0] < time.monotonic():
            cached = (time.monotonic() + self._ttl, self._load(origin))
            self._rules[origin] = cached
        rules = cached[1]
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self._settings.user_agent, url)

    def forget_failures(self) -> None:
        """Drop cached 'unreachable' verdicts, so that the next round asks again."""
        self._rules = {k: v for k, v in self._rules.items() if v[1] is not False}

    def _load(self, origin: str) -> urllib.robotparser.RobotFileParser | bool:
        url = f"{origin}/robots.txt"
        if not self._throttle.wait(url):
            return False
        try:
            page = fetch(url, self._settings, self._client, types=None, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            return exc.cause.startswith("HTTP 4")
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(page.content.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(self._settings.user_agent)
        if delay:
            self._throttle.set_delay(origin, min(float(delay), 60.0))
        return parser


class PoliteFetcher:
    """fetch() behind robots.txt and the per-host throttle; one HTTP client for the whole run."""

    def __init__(self, settings: Settings, options: WatchOptions, stop: threading.Event) -> None:
        self.settings = settings
        self.client = make_client(settings)
        self.throttle = HostThrottle(options.host_interval, stop)
        self.robots = RobotsCache(settings, self.client, self.throttle, options.robots_ttl)
        self._stop = stop

    def get(self, url: str, headers: dict[str, str] | None = None) -> FetchedPage:
        if not self.robots.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        if not self.throttle.wait(url):
            raise FetchError(url, "stopped")
        return fetch(url, self.settings, self.client, headers=headers)

    def close(self) -> None:
        self.client.close()


# ------------------------------------------------------------------------------------------------
# the loop


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[threading.Event]:
    """SIGINT/SIGTERM set ``stop`` (the current item finishes, then the watcher returns); a second
    SIGINT interrupts at once. Previous handlers come back on exit. Main thread only."""
    previous = {}

    def handler(signum: int, _frame: Any) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, handler)
    try:
        yield stop
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def watch(
    feeds: Iterable[str],
    store: Any,  # frontlines.store.Store
    settings: Settings,
    *,
    every: float = 900.0,
    rounds: int | None = None,
    on_event: Callable[[WatchEvent], None] | None = None,
    stop: threading.Event | None = None,
    options: WatchOptions | None = None,
) -> WatchSummary:
    """Poll ``feeds`` every ``every`` seconds, ``rounds`` times (None: until ``stop`` is set).

    Rounds start ``every`` seconds apart (at once if the last one overran). Never raises for a
    bad feed or item: each gives one ``WatchEvent(kind="error")``. Raises BadInput for a feed
    that is not an http(s) URL or a state file in use or unreadable.
    """
    feed_list = list(dict.fromkeys(feeds))
    for feed in feed_list:
        check_feed_url(feed)
    options = options or WatchOptions()
    stop = stop or threading.Event()
    emit = on_event or (lambda _event: None)
    summary = WatchSummary()
    state_path = options.state_path or default_state_path(settings.db)
    with StateFile(state_path) as state:
        fetcher = PoliteFetcher(settings, options, stop)
        try:
            started, started_epoch = time.monotonic(), time.time()
            while rounds is None or summary.rounds < rounds:
                if stop.is_set():
                    break
                # Backoff counts rounds by when they were due, not when they ran: a slow round
                # (a long fetch, a busy machine) must not make a failing feed skip one round more.
                due = started_epoch + summary.rounds * every
                summary.rounds += 1
                emit(WatchEvent("round", f"round {summary.rounds}: {len(feed_list)} feeds"))
                _round(feed_list, store, state, fetcher, settings, options, every, due, summary, emit,
                       stop)
                fetcher.robots.forget_failures()
                if rounds is not None and summary.rounds >= rounds:
                    break
                next_start = started + summary.rounds * every
                if stop.wait(max(0.0, next_start - time.monotonic())):
                    break
        finally:
            fetcher.close()
    summary.stopped = stop.is_set()
    emit(WatchEvent("done", f"{summary.rounds} rounds: {summary.new_documents} new documents, "
                            f"{summary.duplicates} already stored, {summary.not_modified} feeds not "
                            f"modified, {summary.feed_errors} feed errors, {summary.item_errors} item "
                            f"errors"))
    return summary


def _round(
    feeds: list[str], store: Any, state: StateFile, fetcher: PoliteFetcher, settings: Settings,
    options: WatchOptions, every: float, due: float, summary: WatchSummary,
    emit: Callable[[WatchEvent], None], stop: threading.Event,
) -> None:
    """One round, due at ``due`` (epoch seconds): each feed polled unless it is backing off."""
    new_before = summary.new_documents
    for feed in feeds:
        if stop.is_set():
            break
        feed_state = state.get(feed)
        if feed_state.retry_at > due:
            wait = max(0.0, feed_state.retry_at - time.time())
            emit(WatchEvent("backoff", f"{feed}: skipped, retried in {wait:.0f} s "
                                       f"({feed_state.failures} failures)", feed=feed))
            continue
        try:
            _poll_feed(feed, feed_state, store, fetcher, options, summary, emit, stop)
            feed_state.failures = 0
            feed_state.retry_at = 0.0
            feed_state.last_error = None
        except FrontlinesError as exc:
            _failed(feed, feed_state, str(exc), every, due, options, summary, emit)
        except Exception as exc:  # noqa: BLE001 - one broken feed must not end the watch
            _failed(feed, feed_state, f"{feed}: {type(exc).__name__}: {exc}", every, due, options,
                    summary, emit)
        state.save()
    if options.extract and summary.new_documents > new_before:
        try:
            events = store.fuse()
            emit(WatchEvent("fused", f"{events} events in the store"))
        except StoreError as exc:
            summary.item_errors += 1
            emit(WatchEvent("error", f"fuse failed: {exc}"))


def _failed(
    feed: str, feed_state: FeedState, message: str, every: float, due: float,
    options: WatchOptions, summary: WatchSummary, emit: Callable[[WatchEvent], None],
) -> None:
    summary.feed_errors += 1
    feed_state.failures += 1
    feed_state.last_error = message
    # 1 failure: next round; then skip 1, 3, 7, ... rounds, never longer than max_backoff.
    # The half round of margin puts the retry time between two due times, never on one.
    skipped = min((2 ** min(feed_state.failures - 1, 30) - 1) * every, options.max_backoff)
    feed_state.retry_at = due + skipped + every / 2 if skipped else 0.0
    emit(WatchEvent("error", message, feed=feed))


def _poll_feed(
    feed: str, feed_state: FeedState, store: Any, fetcher: PoliteFetcher, options: WatchOptions,
    summary: WatchSummary, emit: Callable[[WatchEvent], None], stop: threading.Event,
) -> None:
    headers = {}
    if feed_state.etag:
        headers["If-None-Match"] = feed_state.etag
    if feed_state.last_modified:
        headers["If-Modified-Since"] = feed_state.last_modified
    page = fetcher.get(feed, headers=headers)
    if page.not_modified:
        summary.not_modified += 1
        emit(WatchEvent("not-modified", f"{feed}: not modified", feed=feed))
        return
    items = parse_feed(page.content, feed, base_url=page.url)
    summary.feeds_fetched += 1
    seen = set(feed_state.seen)
    fresh = [entry for entry in items if entry.link and entry.link not in seen]
    emit(WatchEvent("feed", f"{feed}: {len(items)} items, {len(fresh)} new", feed=feed))
    complete = True
    for entry in items:
        if not entry.link:
            summary.item_errors += 1
            title = f" ({entry.title!r})" if entry.title else ""
            emit(WatchEvent("error", f"{feed} item {entry.index}: feed item{title} has no link", feed=feed))
    for entry in fresh:
        if stop.is_set():
            complete = False
            break
        done = _ingest_item(feed, entry, store, fetcher, options, summary, emit)
        if done:
            feed_state.seen.append(entry.link or "")
            del feed_state.seen[: -options.seen_per_feed]
        complete = complete and done
    # New validators only once every new item is in: otherwise the next answer would be a 304
    # and the items that failed this time would never be retried.
    if complete:
        feed_state.etag = page.etag
        feed_state.last_modified = page.last_modified


def _ingest_item(
    feed: str, entry: FeedItem, store: Any, fetcher: PoliteFetcher, options: WatchOptions,
    summary: WatchSummary, emit: Callable[[WatchEvent], None],
) -> bool:
    """Fetch, store and extract one item; True when its link need not be tried again."""
    link = entry.link or ""
    try:
        page = fetcher.get(link)
        document = feed_item_document(feed, entry, page)
    except FetchError as exc:
        summary.item_errors += 1
        final = not _TRANSIENT_HTTP.match(exc.cause) and exc.cause.startswith(_FINAL_CAUSES)
        emit(WatchEvent("error", str(exc) + ("" if final else " (retried next round)"),
                        feed=feed, url=link))
        return final
    except BadInput as exc:  # not an article: final
        summary.item_errors += 1
        emit(WatchEvent("error", str(exc), feed=feed, url=link))
        return True
    try:
        return _store(document, store, options, summary, emit, feed, link)
    except StoreError as exc:
        summary.item_errors += 1
        emit(WatchEvent("error", f"{link}: not stored ({exc}); retried next round", feed=feed, url=link))
        return False


def _store(
    document: Document, store: Any, options: WatchOptions, summary: WatchSummary,
    emit: Callable[[WatchEvent], None], feed: str, link: str,
) -> bool:
    from frontlines.pipeline import store_document

    stored = store_document(document, store, extract=options.extract)
    if not stored.new:
        summary.duplicates += 1
        emit(WatchEvent("duplicate", f"{link}: already stored", feed=feed, url=link))
        return True
    summary.new_documents += 1
    if stored.error:
        summary.item_errors += 1
        emit(WatchEvent("error", f"{link}: {stored.error}", feed=feed, url=link))
    reports = stored.reports
    summary.reports += reports
    emit(WatchEvent("new", f"{link}: new document ({reports} reports)", feed=feed, url=link))
    return True
