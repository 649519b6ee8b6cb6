"""A small real HTTP server on 127.0.0.1 for offline tests: canned responses keyed by path.

    with LocalHTTPServer() as server:
        server.add("/a", body=b"<html>...</html>", headers={"Content-Type": "text/html"})
        server.add("/old", redirect="/a")
        server.add("/slow", delay=2.0)                      # wait before the status line
        server.add("/trickle", chunk=b"x", chunk_delay=0.1, endless=True)
        server.add("/feed", body=b"...", etag='"v1"', last_modified="Mon, ...")  # 304 when matched
        server.add("/liar", raw=b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nshort")
        url = server.url("/a")

Unknown paths answer 404. ``server.hits`` counts requests per path; ``server.requests`` keeps
(path, headers) of every request. ``raw`` bytes are written to the socket as they are (a hostile
or broken server: lying headers, malformed chunking), followed by any ``chunk``s, then the
connection is closed. Threads are daemons, so a handler sleeping in a slow response never blocks
the end of the test run.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


@dataclass
class Canned:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds before the status line
    redirect: str | None = None  # answer ``redirect_status`` with this Location
    redirect_status: int = 302
    chunk: bytes = b""  # streamed after ``body``, ``chunk_delay`` apart
    chunk_delay: float = 0.0
    chunk_count: int = 0  # how many chunks (ignored when endless)
    endless: bool = False  # keep streaming chunks until the client hangs up
    content_length: bool = True  # send Content-Length when the size is known
    raw: bytes | None = None  # written verbatim instead of a well-formed response
    etag: str | None = None  # sent, and a matching If-None-Match gets 304
    last_modified: str | None = None  # sent, and an equal If-Modified-Since gets 304


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def _answer(self, with_body: bool) -> None:
        path = self.path.split("?")[0]
        self.server.hits[path] += 1
        self.server.requests.append((path, dict(self.headers.items())))
        canned = self.server.routes.get(path, Canned(status=404, body=b"not found"))
        if canned.delay:
            time.sleep(canned.delay)
        try:
            if canned.raw is not None:
                self.close_connection = True
                self.wfile.write(canned.raw)
                self.wfile.flush()
                self._stream_chunks(canned)
                return
            if self._not_modified(canned):
                self.send_response(304)
                for name, value in (("ETag", canned.etag), ("Last-Modified", canned.last_modified)):
                    if value:
                        self.send_header(name, value)
                self.end_headers()
                return
            if canned.redirect is not None:
                self.send_response(canned.redirect_status)
                self.send_header("Location", canned.redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(canned.status)
            for name, value in canned.headers.items():
                self.send_header(name, value)
            if canned.etag:
                self.send_header("ETag", canned.etag)
            if canned.last_modified:
                self.send_header("Last-Modified", canned.last_modified)
            streamed = canned.endless or canned.chunk_count > 0
            if streamed or not canned.content_length:
                self.send_header("Connection", "close")
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(len(canned.body)))
            self.end_headers()
            if not with_body:
                return
            self.wfile.write(canned.body)
            self._stream_chunks(canned)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as the code under test is meant to

    def _stream_chunks(self, canned: Canned) -> None:
        sent = 0
        while canned.endless or sent < canned.chunk_count:
            if canned.chunk_delay:
                time.sleep(canned.chunk_delay)
            self.wfile.write(canned.chunk)
            self.wfile.flush()
            sent += 1

    def _not_modified(self, canned: Canned) -> bool:
        tag = self.headers.get("If-None-Match")
        since = self.headers.get("If-Modified-Since")
        if canned.etag and tag is not None:
            return tag == canned.etag  # If-None-Match wins over If-Modified-Since (RFC 9110)
        return bool(canned.last_modified) and since == canned.last_modified


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # Clients in these tests hang up on purpose (timeouts, size caps); that is not a failure.
        pass
    routes: dict[str, Canned]
    hits: Counter[str]
    requests: list[tuple[str, dict[str, str]]]


class LocalHTTPServer:
    """Start on enter (ephemeral port), stop on exit."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.routes = {}
        self._server.hits = Counter()
        self._server.requests = []
        # A short poll interval: shutdown() waits up to one interval, at every test's teardown.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def hits(self) -> Counter[str]:
        return self._server.hits

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        return self._server.requests

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, **canned: object) -> str:
        """Register a canned response; returns its absolute URL."""
        self._server.routes[path] = Canned(**canned)  # type: ignore[arg-type]
        return self.url(path)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
