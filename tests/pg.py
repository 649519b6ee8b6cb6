"""A throwaway PostgreSQL server for the test session.

``pg_server`` (session fixture) finds the PostgreSQL binaries (``initdb``/``pg_ctl`` on PATH or
under /usr/lib/postgresql/*/bin), initdb's a cluster in a temporary directory, starts it on a
free loopback port with its unix socket inside that directory, creates a database
(``PgServer.url``), and stops and removes it all at the end. Each test takes an empty schema of
its own from ``PgServer.new_schema()`` (or a whole database from ``new_database()``).

PostgreSQL refuses to run as root: under root the cluster belongs to the ``postgres`` system
user and the binaries run through ``runuser -u postgres --``. Without binaries the tests that
need the server are skipped with a reason saying how to get them. Set
``FRONTLINES_TEST_PG_URL`` (an SQLAlchemy URL of a database where the user may CREATE SCHEMA)
to use an existing server instead.

``tests/conftest.py`` imports it once, so every module shares one server per session (a module
importing it again would get its own fixture, and its own server).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

NOT_INSTALLED = "PostgreSQL not installed: run as root with apt, or install postgresql"


def find_bin_dir() -> Path | None:
    """The directory holding initdb and pg_ctl, newest version first."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent

    def version(path: str) -> float:
        try:
            return float(Path(path).parts[-2])
        except ValueError:
            return 0.0

    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(candidate) / "pg_ctl").exists() and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    """A running server; ``url`` is the SQLAlchemy URL of the session's test database."""

    url: str
    _counter: Iterator[int] = field(default_factory=itertools.count)

    @staticmethod
    def _libpq(url: str) -> str:
        return url.replace("postgresql+psycopg://", "postgresql://", 1)

    def _with_database(self, name: str) -> str:
        base, _, _ = self.url.partition("?")[0].rpartition("/")
        return f"{base}/{name}"

    def new_database(self, prefix: str = "frontlines_test") -> str:
        """Create an empty database (about a second each); returns its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(self._libpq(self.url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self._with_database(name)

    def new_schema(self, prefix: str = "t") -> str:
        """An empty schema in the test database (about a millisecond); the returned URL puts it
        first on the search_path, so tables and alembic_version land there."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(self._libpq(self.url), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
            conn.execute(f'CREATE SCHEMA "{name}"')
        return f"{self.url.partition('?')[0]}?options=-csearch_path%3D{name}"


class _Cluster:
    """initdb + pg_ctl in a temporary directory, as postgres when we are root."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="frontlines-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.root, ignore_errors=True)
                pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL as")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            runuser = shutil.which("runuser")
            self.as_user = [runuser, "-u", "postgres", "--"] if runuser else []
            if not runuser:
                shutil.rmtree(self.root, ignore_errors=True)
                pytest.skip("running as root without runuser to start PostgreSQL as 'postgres'")
        self.port = 0

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.as_user, *args],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=self.root,
        )

    def start(self) -> str:
        init = self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr or init.stdout}")
        last_error = ""
        for _ in range(3):  # the free port can be taken between finding it and binding it
            self.port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
                "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
            )
            started = self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-o",
                options,
                "-w",
                "-t",
                "30",
                "start",
            )
            if started.returncode == 0:
                return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
            last_error = started.stderr + (self.log.read_text() if self.log.exists() else "")
        raise RuntimeError(f"PostgreSQL did not start: {last_error[-2000:]}")

    def stop(self) -> None:
        if self.data.exists():
            self._run(
                str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"
            )
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """A PostgreSQL server for as long as the block runs (skips the test if none can be had)."""
    existing = os.environ.get("FRONTLINES_TEST_PG_URL")
    if existing:
        yield PgServer(existing)
        return
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(NOT_INSTALLED)
    cluster = _Cluster(bin_dir)
    try:
        server = PgServer(cluster.start())
        server.url = server.new_database()
        yield server
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    with running_server() as server:
        yield server
