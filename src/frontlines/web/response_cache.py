"""Whole responses of the read-only JSON endpoints, kept while the store stays as it was.

The list and the map are asked the same questions over and over (the newest events, one
country, one type) while the store changes only when ``ingest``, ``watch`` or ``load`` write.
A response is kept under its path and query string together with the store's revision
(``Store.revision``: one number, read by primary key, that every write transaction raises), and
served again while that number has not moved (``x-frontlines-cache: hit``).

After a write, a kept answer is *stale*. Computing every question again at once is what a
server under load cannot afford (on a million events, each takes 50 to 150 ms; a few hundred
of them queue behind each other for seconds). So, as HTTP's ``stale-while-revalidate``: the
first request for a stale answer starts computing the fresh one in the background and is served
the stale one at once (``x-frontlines-cache: stale``), as is every request for it until the
fresh one is kept. The background work is done one answer at a time per server process, so it
takes the spare CPU, not the requests'. Limits:

- an answer is served stale for at most ``stale_seconds`` (default ``STALE_SECONDS``) after this
  process first saw the write that made it stale; after that a request waits for the fresh one;
- a request with ``Cache-Control: no-cache`` always gets an answer computed on the current
  store (waiting for it when needed), as does any request when ``stale_seconds`` is 0.
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontlines.store import Store

# Read-only endpoints whose answer depends on the path, the query string and the store only.
CACHED_PATHS = frozenset({"/events.json", "/events.geojson", "/places.json", "/actors.json", "/outlets.json"})
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # a bigger answer (a whole-store export) streams through uncached
MAX_TOTAL_BYTES = 64 * 1024 * 1024
STALE_SECONDS = 60.0
CACHE_HEADER = b"x-frontlines-cache"
_REVISIONS_KEPT = 256  # when this process first saw each recent revision


@dataclass
class _Response:
    """A kept answer: only a 200 is kept, so only its headers and body are."""

    headers: list[tuple[bytes, bytes]]
    body: bytes
    revision: int


def _wants_fresh(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"cache-control" and b"no-cache" in value.lower():
            return True
    return False


class ResponseCache:
    """Pure ASGI middleware: serves a kept response, or runs the app and keeps its answer."""

    def __init__(self, app: ASGIApp, store: Store, paths: frozenset[str] = CACHED_PATHS,
                 max_entry: int = MAX_ENTRY_BYTES, max_total: int = MAX_TOTAL_BYTES,
                 stale_seconds: float = STALE_SECONDS) -> None:
        self.app = app
        self._read_revision = store.revision_reader()
        self.paths = paths
        self.max_entry = max_entry
        self.max_total = max_total
        self.stale_seconds = stale_seconds
        self._revision: int | None = None
        self._first_seen: OrderedDict[int, float] = OrderedDict()  # revision -> monotonic time
        self._entries: OrderedDict[tuple[str, bytes], _Response] = OrderedDict()
        # Answers being computed: a request for one of them waits for it instead of computing
        # it again (after a write, the same questions arrive many times before the first answer).
        # Per event loop: an asyncio.Event wakes only waiters of its own loop, and an app may be
        # driven by several (a test client without a context opens one per request).
        self._pending: dict[tuple[asyncio.AbstractEventLoop, tuple[str, bytes]], asyncio.Event] = {}
        # Background computations of stale answers: one at a time per loop, strongly held.
        self._refresh_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = \
            weakref.WeakKeyDictionary()
        self._refreshing: set[asyncio.Task[None]] = set()
        # The entries are shared by every loop and thread serving the app; held only between
        # awaits, never across one.
        self._lock = threading.Lock()
        self._bytes = 0

    def _current(self) -> int:
        # Called on the event loop, not in a worker thread, over a connection of its own: a
        # primary-key read takes well under a millisecond, and a hit must not queue behind slow
        # requests, neither for a thread nor for a pooled connection.
        revision = self._read_revision()
        with self._lock:
            if revision != self._revision:
                self._revision = revision
                self._first_seen.setdefault(revision, time.monotonic())
                while len(self._first_seen) > _REVISIONS_KEPT:
                    self._first_seen.popitem(last=False)
        return revision

    def _stale_for(self, kept: _Response) -> float | None:
        """Seconds since this process first saw a write after ``kept`` was computed (None: too
        long ago to tell)."""
        with self._lock:
            later = [seen for rev, seen in self._first_seen.items() if rev > kept.revision]
        return time.monotonic() - min(later) if later else None

    def _kept(self, key: tuple[str, bytes]) -> _Response | None:
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None:
                self._entries.move_to_end(key)
            return kept

    def _keep(self, key: tuple[str, bytes], response: _Response) -> None:
        with self._lock:
            if self._revision != response.revision:
                return  # a write came in meanwhile: the answer may mix both states
            old = self._entries.pop(key, None)
            self._bytes -= len(old.body) if old is not None else 0
            self._entries[key] = response
            self._bytes += len(response.body)
            while self._bytes > self.max_total and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") not in self.paths:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        loop = asyncio.get_running_loop()
        revision = self._current()
        kept = self._kept(key)
        if kept is not None and kept.revision != revision and not _wants_fresh(scope):
            stale_for = self._stale_for(kept)
            if stale_for is not None and stale_for <= self.stale_seconds:
                if (loop, key) not in self._pending:
                    self._start_refresh(scope, key, loop)
                await self._send_kept(send, kept, b"stale")
                return
        if (kept is None or kept.revision != revision) and (loop, key) in self._pending:
            await self._pending[loop, key].wait()
            revision = self._current()
            kept = self._kept(key)
        if kept is not None and kept.revision == revision:
            await self._send_kept(send, kept, b"hit")
            return
        done = self._pending.get((loop, key))
        if done is None:
            done = self._pending[loop, key] = asyncio.Event()
        else:
            done = None  # another request computes it too (it was not kept): do not signal theirs
        try:
            await self._compute(scope, receive, send, key, revision)
        finally:
            if done is not None:
                del self._pending[loop, key]
                done.set()

    @staticmethod
    async def _send_kept(send: Send, kept: _Response, how: bytes) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [*kept.headers, (CACHE_HEADER, how)]})
        await send({"type": "http.response.body", "body": kept.body})

    def _start_refresh(self, scope: Scope, key: tuple[str, bytes], loop: asyncio.AbstractEventLoop) -> None:
        """Compute the answer to ``key`` on the current store in the background and keep it."""
        done = self._pending[loop, key] = asyncio.Event()
        slot = self._refresh_slots.setdefault(loop, asyncio.Semaphore(1))

        # The request has no body; after it, a receive waits until the answer is sent, as for a
        # client that stays connected (a response may listen for the disconnect meanwhile).
        asked = False
        answered = asyncio.Event()

        async def receive() -> Message:
            nonlocal asked
            if not asked:
                asked = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await answered.wait()
            return {"type": "http.disconnect"}

        async def discard(message: Message) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered.set()

        async def refresh() -> None:
            try:
                async with slot:
                    await self._compute(dict(scope), receive, discard, key, self._current())
            finally:
                answered.set()
                del self._pending[loop, key]
                done.set()

        task = loop.create_task(refresh())
        self._refreshing.add(task)
        task.add_done_callback(self._refreshing.discard)

    async def _compute(self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes],
                       revision: int) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
                message = {**message, "headers": [*message.get("headers", []), (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and size <= self.max_entry:
                body = message.get("body", b"")
                size += len(body)
                chunks.append(body)
                if not message.get("more_body", False) and start is not None and start["status"] == 200 \
                        and size <= self.max_entry:
                    self._keep(key, _Response(list(start.get("headers", [])), b"".join(chunks), revision))
            await send(message)

        await self.app(scope, receive, capture)
