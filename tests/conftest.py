"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from httpserver import LocalHTTPServer


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A real HTTP server on 127.0.0.1 (ephemeral port) serving canned responses by path."""
    with LocalHTTPServer() as server:
        yield server
