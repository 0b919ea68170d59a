"""Provides the database: opening it safely, its pragmas, its schema version and migrations.

A file is checked before SQLite is allowed to touch it: a file that is not SQLite, that belongs to
another program, that was written by a newer version, or that is truncated, is refused and left
byte-identical. An older file is backed up, then migrated.
"""

from __future__ import annotations

import os
import random
import shutil
import threading
import sqlite3
import struct
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError

from workshop.domain.errors import (
    StoreBusy,
    StoreDamaged,
    StoreRefused,
    StoreTooNew,
    StoreUnavailable,
    WorkshopError,
)

APPLICATION_ID = 0x57534850  # "WSHP" in the SQLite header: this file is a workshop database.
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 15000
"""How long a writer waits for another process's transaction; `WORKSHOP_BUSY_TIMEOUT_MS` overrides it."""



def _add_timers(conn: sqlite3.Connection) -> None:
    # Version 2 stores the phase timers with the workshop; a version-1 workshop has none running.
    conn.execute("ALTER TABLE workshop ADD COLUMN timers JSON DEFAULT '{}' NOT NULL")


def _add_devices(conn: sqlite3.Connection) -> None:
    # Version 3 lets participants join from their own devices: whether each has joined and may
    # still, whether they may add their own name, and when authors are hidden from the others.
    # Nobody of a version-2 file has joined, and its rules are the defaults.
    conn.execute("ALTER TABLE participant ADD COLUMN joined BOOLEAN DEFAULT 0 NOT NULL")
    conn.execute("ALTER TABLE participant ADD COLUMN blocked BOOLEAN DEFAULT 0 NOT NULL")
    conn.execute("ALTER TABLE workshop ADD COLUMN open_join BOOLEAN DEFAULT 0 NOT NULL")
    conn.execute("ALTER TABLE workshop ADD COLUMN anonymous VARCHAR DEFAULT 'silent' NOT NULL")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _add_timers, 2: _add_devices}
"""Migration from version N to N+1, keyed by N; each runs inside one transaction."""

_MAGIC = b"SQLite format 3\x00"


def inspect_file(path: Path) -> int | None:
    """The schema version of an existing workshop database, or None for a new (absent, empty) file.

    Reads only the 100-byte header, so a refused file is never opened by SQLite.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreUnavailable(f"database: cannot read {path}: {exc.strerror}") from None
    if size == 0:
        return None
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StoreUnavailable(f"database: cannot read {path}: {exc.strerror}") from None
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise StoreRefused(f"database: {path} is not a workshop database (not an SQLite file)")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count, = struct.unpack(">I", header[28:32])
    change_counter, = struct.unpack(">I", header[24:28])
    valid_for, = struct.unpack(">I", header[92:96])
    user_version, = struct.unpack(">I", header[60:64])
    application_id, = struct.unpack(">I", header[68:72])
    if page_size < 512 or page_size & (page_size - 1):
        raise StoreDamaged(f"database: {path} is damaged (its header is corrupt)")
    if valid_for == change_counter and page_count and size < page_count * page_size:
        raise StoreDamaged(
            f"database: {path} is damaged: it is truncated "
            f"({size} bytes of {page_count * page_size})"
        )
    if application_id != APPLICATION_ID:
        raise StoreRefused(
            f"database: {path} is an SQLite database of another program, not a workshop database"
        )
    if user_version > SCHEMA_VERSION:
        raise StoreTooNew(
            f"database: {path} was written by a newer version of workshop "
            f"(schema {user_version}; this version reads up to {SCHEMA_VERSION}); upgrade workshop"
        )
    return user_version


def busy_timeout_ms() -> int:
    """The busy timeout in force: `WORKSHOP_BUSY_TIMEOUT_MS` when set (tests of a locked file use a
    short one), else `BUSY_TIMEOUT_MS`."""
    try:
        return max(0, int(os.environ.get("WORKSHOP_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Transactions are begun explicitly (see _on_begin), never implicitly by the driver.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _on_begin(conn: Connection) -> None:
    if conn.get_execution_options().get("workshop_write"):
        begin_immediate(conn.connection.driver_connection)
    else:
        conn.exec_driver_sql("BEGIN DEFERRED")


def begin_immediate(raw: sqlite3.Connection) -> None:
    """Take the write lock, waiting up to the busy timeout for another process to let go of it.

    SQLite's own wait sleeps ever longer (up to 100 ms) between tries, so with many writers the
    lock often lies free while every waiter sleeps. Trying again after a short, random pause
    hands it on within a millisecond or two.
    """
    timeout = busy_timeout_ms()
    deadline = time.monotonic() + timeout / 1000
    pause = 0.0002
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                text = str(exc).lower()
                if ("locked" not in text and "busy" not in text) or time.monotonic() >= deadline:
                    raise
            time.sleep(random.uniform(pause / 2, pause))
            pause = min(pause * 1.5, 0.004)
    finally:
        raw.execute(f"PRAGMA busy_timeout = {timeout}")


def translate(exc: BaseException, path: str) -> WorkshopError:
    """The user-facing error for a driver error."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return StoreBusy(
            f"database: {path} is locked by another process; try again in a moment"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text or "disk i/o" in text:
        return StoreUnavailable(
            f"database: cannot write {path} (read-only file or folder, or no permission)"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreDamaged(f"database: {path} is damaged ({text})")
    return StoreDamaged(f"database: {path}: {text}")


class Store:
    """An open workshop database: a SQLAlchemy engine with the pragmas and transaction rules."""

    def __init__(self, url_or_path: str) -> None:
        self.path = url_or_path
        self._batch = threading.local()
        self._writer = threading.local()
        """Each thread's writing connection, kept between actions."""
        self._writers: list[Connection] = []
        self._lock = threading.Lock()
        self._writing = threading.RLock()
        """Held by the thread of this process that is writing: the others wait their turn here,
        woken the moment it lets go, instead of all trying the file's lock (see begin_immediate)."""
        if url_or_path == ":memory:":
            raise StoreUnavailable("database: an in-memory database cannot be shared; give a file")
        file = Path(url_or_path).expanduser()
        version = inspect_file(file)
        if version is None:
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(
                    f"database: cannot create the folder {file.parent}: {exc.strerror}"
                ) from None
        self.file = file
        self.engine: Engine = create_engine(
            f"sqlite:///{file}",
            connect_args={"timeout": busy_timeout_ms() / 1000, "check_same_thread": False},
            max_overflow=-1,  # threads keep their writing connection: reads never wait for one
        )
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        try:
            if version is None:
                self._create()
            elif version < SCHEMA_VERSION:
                self._migrate(version)
            else:
                with self.read() as conn:
                    conn.exec_driver_sql("SELECT count(*) FROM workshop").scalar()
        except WorkshopError:
            self.engine.dispose()
            raise

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            raise translate(exc, str(self.file)) from None
        except DBAPIError as exc:
            if isinstance(exc.orig, sqlite3.IntegrityError):
                raise
            raise translate(exc, str(self.file)) from None
        except sqlite3.OperationalError as exc:
            # A raw connection (made when the file is created or checkpointed) is not wrapped by
            # SQLAlchemy: a folder that cannot be written fails here, not as an OperationalError above.
            raise translate(exc, str(self.file)) from None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A writing transaction: BEGIN IMMEDIATE, so rules are checked against the latest state.

        Inside `batch()`, each write is a savepoint of the batch's one transaction instead.
        """
        batch = getattr(self._batch, "conn", None)
        if batch is not None:
            with self._guard(), batch.begin_nested():
                yield batch
            return
        conn = getattr(self._writer, "conn", None)
        if conn is None or conn.closed or conn.invalidated:
            # Each thread keeps its writing connection: taking one from the pool and setting it
            # up for every action costs as much as the action's own statements.
            with self._guard():
                conn = self.engine.connect().execution_options(workshop_write=True)
            self._writer.conn = conn
            with self._lock:
                self._writers.append(conn)
        with self._writing, self._guard(), conn.begin():
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A reading transaction: one consistent snapshot (the batch's own, inside `batch()`)."""
        batch = getattr(self._batch, "conn", None)
        if batch is not None:
            yield batch
            return
        with self._guard(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many actions in one transaction (and one sync to disk): each action still writes its own
        event, and all of them land together or not at all. For building workshops by script."""
        outer = getattr(self._batch, "conn", None)  # a batch inside a batch is a part of it
        with self.write() as conn:
            self._batch.conn = conn
            try:
                yield
            finally:
                self._batch.conn = outer

    def _create(self) -> None:
        from sqlmodel import SQLModel

        from workshop.store import tables  # noqa: F401  (registers the tables)

        with self._guard():
            raw = self.engine.raw_connection()
            try:
                raw.execute("PRAGMA journal_mode = WAL")
            finally:
                raw.close()
            with self.write() as conn:
                SQLModel.metadata.create_all(conn)
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.checkpoint()

    def _migrate(self, version: int) -> None:
        backup = self.file.with_name(f"{self.file.name}.v{version}.bak")
        with self._guard():
            self.checkpoint()
            shutil.copy2(self.file, backup)
            raw = self.engine.raw_connection()
            try:
                for step in range(version, SCHEMA_VERSION):
                    raw.execute("BEGIN IMMEDIATE")
                    try:
                        MIGRATIONS[step](raw.driver_connection)
                        raw.execute(f"PRAGMA user_version = {step + 1}")
                        raw.execute("COMMIT")
                    except BaseException:
                        raw.execute("ROLLBACK")
                        raise
            finally:
                raw.close()
            self.checkpoint()
        self.backup = backup

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (keeps its header current)."""
        raw = self.engine.raw_connection()
        try:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()

    def close(self) -> None:
        with self._lock:
            writers, self._writers = self._writers, []
        for conn in writers:
            try:
                conn.close()
            except Exception:  # a connection of a thread that is gone: the engine lets it go below
                pass
        self.engine.dispose()
