"""A PostgreSQL server of the test run's own, in a temporary folder, from the machine's PostgreSQL
binaries (Debian's `postgresql` package), and a fresh schema on it for each test.

Where there is no PostgreSQL (or no psycopg) the tests that need it are skipped, saying why,
except on CI (CI=true), where that is a failure: .ci/run installs the package.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

DATABASE = "workshop_test"


def unavailable(why: str) -> None:
    """Skip, saying why; fail instead on CI, where PostgreSQL must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}; on CI the PostgreSQL tests must run (.ci/run installs postgresql)")
    pytest.skip(why)


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running server; `url(schema)` names a schema of its own on the test database."""

    def __init__(self, *, durable: bool = False) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            unavailable("psycopg is not installed (pip install 'workshop[postgres]')")
        bindir = _bindir()
        if bindir is None:
            unavailable("PostgreSQL is not installed (apt-get install postgresql)")
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="workshop-pg-"))
        self.user: str | None = None
        if os.geteuid() == 0:  # initdb refuses to run as root: the server runs as `postgres`
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                unavailable("running as root and there is no `postgres` user to run the server as")
            self.user = "postgres"
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self.port = _free_port()
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        # Speed over durability for the tests' throw-away data; a benchmark's server is durable.
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=300"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        self.admin(f"CREATE DATABASE {DATABASE}")
        self._schemas = itertools.count(1)

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode:
            raise RuntimeError(f"{tool} failed: {done.stdout}{done.stderr}")

    def base(self, database: str = DATABASE) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, *statements: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/{database}", autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def url(self) -> str:
        """A URL naming a new, empty schema (made by the store on first use)."""
        return f"{self.base()}?schema=t{os.getpid()}_{next(self._schemas)}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class PostgresDatabase(str):
    """A test's database on the server: the URL, where a file's test has its path."""

    backend = "postgres"


def copy_database(file: Path, target: str) -> None:
    """Every workshop of a database file, with its event log, into the (empty) database `target`,
    in the file's order, so ids and slugs come out as in the file."""
    from workshop.engine import open_engine

    source, into = open_engine(str(file)), open_engine(target)
    try:
        for summary in sorted(source.list_workshops(), key=lambda s: s.id):
            made = source.copy_to(summary.id, into)
            assert (made.id, made.slug) == (summary.id, summary.slug)
    finally:
        source.store.close()
        into.store.close()
