"""Provides a workshop file opened for reading with the standard library alone.

A command that only reads (`workshop list`, `show`, `log`, `export`) and the interface's first
frame need no SQLAlchemy: the file is checked as `Store` checks it (its header read before SQLite
may touch it), opened with the same connection rules, and read with plain SQL. The tables' shapes
come from the file's own catalogue, which the SQLModel tables made: the schema stays defined in one
place. A file that must first be created or upgraded, and a server, are opened by `Store` instead.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from workshop.domain.errors import StoreDamaged
from workshop.store.db import (
    SCHEMA_VERSION,
    _Sleep,
    busy_timeout_ms,
    connector,
    inspect_file,
    translate,
    writable,
)
from workshop.store.shape import Shape, Shapes
from workshop.store.url import is_url


def open_file(path: str) -> FileReader | None:
    """The file at `path` opened for reading, or None where it takes `Store` to open it: a URL,
    a file not there yet (or empty), or one of an older version. A file refused (another
    program's, damaged, newer) is refused here with `Store`'s message."""
    if is_url(path) or path == ":memory:" or not path.strip():
        return None
    file = Path(path).expanduser()
    version = inspect_file(file)
    if version is None or version < SCHEMA_VERSION:
        return None
    return FileReader(file)


class FileReader:
    """An SQLite workshop file of this version, read without SQLAlchemy."""

    postgres = False

    def __init__(self, file: Path) -> None:
        self.file = file
        self.path = str(file)
        self.read_only = not writable(file)
        self._connect = connector(file, read_only=self.read_only)
        self._local = threading.local()
        """Each thread's connection: the interface reads from its workers and its live watcher."""
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._shapes: Shapes | None = None

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self.path, read_only=self.read_only) from None

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with self._guard():
                conn = self._connect()
                conn.isolation_level = None  # transactions are begun here, never by the driver
                conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
                conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A cursor inside one reading transaction: one consistent snapshot."""
        conn = self._connection()
        with self._guard():
            conn.execute("BEGIN DEFERRED")
            try:
                yield conn.cursor()
            finally:
                conn.execute("ROLLBACK")  # nothing was written: ending the snapshot is all

    def shapes(self) -> Shapes:
        """The tables' shapes as the file's catalogue declares them: JSON and BOOLEAN columns are
        what the SQLModel tables made them; an item table is one with a workshop and a reference."""
        if self._shapes is None:
            conn = self._connection()  # inside a reading transaction or not: the catalogue holds still
            with self._guard():
                names = [name for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
                shapes = {}
                for name in names:
                    columns = conn.execute("SELECT name, upper(type) FROM pragma_table_info(?)", (name,)).fetchall()
                    shapes[name] = Shape(name, [c for c, _t in columns],
                                         json_columns={c for c, t in columns if t == "JSON"},
                                         flags={c for c, t in columns if t == "BOOLEAN"})
            if "workshop" not in shapes or "event" not in shapes:
                raise StoreDamaged(f"database: {self.path} is damaged (its tables are missing)")
            items = {name: shape for name, shape in shapes.items()
                     if name not in ("workshop", "event") and {"workshop_id", "ref"} <= set(shape.columns)}
            self._shapes = Shapes(shapes["workshop"], shapes["event"], items)
        return self._shapes

    def signal(self) -> Any:
        """How another process's change is noticed: a file has no signal, its readers poll."""
        return _Sleep()

    def close(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            conn.close()
        self._local = threading.local()
