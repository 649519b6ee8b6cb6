"""A small real HTTP server on 127.0.0.1 for offline tests: canned responses keyed by path.

    with LocalHTTPServer() as server:
        server.add("/a", body=b"<html>...</html>", headers={"Content-Type": "text/html"})
        server.add("/old", redirect="/a")
        server.add("/slow", delay=2.0)                      # wait before the status line
        server.add("/trickle", chunk=b"x", chunk_delay=0.1, endless=True)
        url = server.url("/a")

Unknown paths answer 404. ``server.hits`` counts requests per path. Threads are daemons, so a
handler sleeping in a slow response never blocks the end of the test run.
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
    redirect: str | None = None  # answer 302 with this Location
    chunk: bytes = b""  # streamed after ``body``, ``chunk_delay`` apart
    chunk_delay: float = 0.0
    chunk_count: int = 0  # how many chunks (ignored when endless)
    endless: bool = False  # keep streaming chunks until the client hangs up
    content_length: bool = True  # send Content-Length when the size is known


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
        canned = self.server.routes.get(path, Canned(status=404, body=b"not found"))
        if canned.delay:
            time.sleep(canned.delay)
        try:
            if canned.redirect is not None:
                self.send_response(302)
                self.send_header("Location", canned.redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(canned.status)
            for name, value in canned.headers.items():
                self.send_header(name, value)
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
            sent = 0
            while canned.endless or sent < canned.chunk_count:
                if canned.chunk_delay:
                    time.sleep(canned.chunk_delay)
                self.wfile.write(canned.chunk)
                self.wfile.flush()
                sent += 1
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as the code under test is meant to


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        # Clients in these tests hang up on purpose (timeouts, size caps); that is not a failure.
        pass
    routes: dict[str, Canned]
    hits: Counter[str]


class LocalHTTPServer:
    """Start on enter (ephemeral port), stop on exit."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.routes = {}
        self._server.hits = Counter()
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
