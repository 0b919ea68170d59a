"""Provides the database: opening it safely, its pragmas, its schema version and migrations.

A file is checked before SQLite is allowed to touch it: a file that is not SQLite, that belongs to
another program, that was written by a newer version, or that is truncated, is refused and left
byte-identical. An older file is backed up, then migrated.

A file on a medium (or in a folder) that cannot be written is opened read-only: it can be read,
and every write is refused with a message saying so. A full disk is told as a full disk: what was
saved stays in the file and its write-ahead log, and the file opens again once there is room.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import sqlite3
import stat
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.domain.errors import (
    DiskFull,
    StoreBusy,
    StoreDamaged,
    StoreRefused,
    StoreTooNew,
    StoreUnavailable,
    WorkshopError,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from workshop.store.shape import Shapes

# SQLAlchemy is imported where a `Store` is opened, not with this module: the file checks, the
# connection rules and the error messages here serve `workshop.store.reading` too, which reads a
# file with the standard library alone.

APPLICATION_ID = 0x57534850  # "WSHP" in the SQLite header: this file is a workshop database.
SCHEMA_VERSION = 4
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


def _add_done_voting(conn: sqlite3.Connection) -> None:
    # Version 4 records who is done voting; nobody of a version-3 file has said so.
    conn.execute("ALTER TABLE participant ADD COLUMN done_voting BOOLEAN DEFAULT 0 NOT NULL")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _add_timers, 2: _add_devices,
                                                               3: _add_done_voting}
"""Migration from version N to N+1, keyed by N; each runs inside one transaction."""

_MAGIC = b"SQLite format 3\x00"
_WAL_MAGIC = (0x377F0682, 0x377F0683)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def wal_file(path: Path) -> Path:
    """The write-ahead log beside a database file."""
    return path.with_name(path.name + "-wal")


def _wal_completes(path: Path, page_size: int, pages_in_file: int) -> bool:
    """Whether the database's write-ahead log holds every page the main file lacks.

    A checkpoint cut short by a full disk leaves a main file whose header counts pages it does
    not yet hold; they are still in the log, and SQLite finishes the checkpoint once there is room.
    Only the 24-byte frame headers are read: the pages of the last committed transaction (SQLite
    checks each frame's checksum itself when it reads the log).
    """
    try:
        with wal_file(path).open("rb") as fh:
            header = fh.read(32)
            if len(header) < 32:
                return False
            magic, _version, wal_page_size, _seq, salt1, salt2 = struct.unpack(">6I", header[:24])
            if magic not in _WAL_MAGIC or wal_page_size != page_size:
                return False
            pending: set[int] = set()
            committed: set[int] = set()
            db_pages = 0
            offset = 32
            while True:
                fh.seek(offset)
                frame = fh.read(24)
                if len(frame) < 24:
                    break
                page, commit_size, frame_salt1, frame_salt2 = struct.unpack(">4I", frame[:16])
                if (frame_salt1, frame_salt2) != (salt1, salt2) or page == 0:
                    break
                pending.add(page)
                if commit_size:
                    committed |= pending
                    pending = set()
                    db_pages = commit_size
                offset += 24 + page_size
    except OSError:
        return False
    if not db_pages:
        return False
    missing = db_pages - pages_in_file
    return missing <= len(committed) and all(
        page in committed for page in range(pages_in_file + 1, db_pages + 1))


def inspect_file(path: Path) -> int | None:
    """The schema version of an existing workshop database, or None for a new (absent, empty) file.

    Reads only the 100-byte header (and, for a main file shorter than its header says, the frame
    headers of its write-ahead log), so a refused file is never opened by SQLite.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise StoreUnavailable(
            f"database: cannot open {path}: a part of that path is a file, not a folder") from None
    except OSError as exc:
        raise StoreUnavailable(f"database: cannot read {path}: {exc.strerror}") from None
    kind = _kind(info.st_mode)
    if kind == "a folder":
        raise StoreUnavailable(
            f"database: {path} is a folder; give a file in it, such as {path / 'workshop.db'}")
    if kind is not None:
        raise StoreRefused(f"database: {path} is {kind}, not a database file; give a file")
    size = info.st_size
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
    if (valid_for == change_counter and page_count and size < page_count * page_size
            and not _wal_completes(path, page_size, size // page_size)):
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
    if any(step not in MIGRATIONS for step in range(user_version, SCHEMA_VERSION)):
        raise StoreRefused(
            f"database: {path} is not a workshop database (schema version {user_version} was never "
            f"one of workshop's)"
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


def _on_begin_postgres(conn: Connection) -> None:
    # A writer runs at READ COMMITTED behind its workshop's row lock (see workshop.store.postgres);
    # a reader sees one snapshot. Set on the driver's connection, they go with its BEGIN.
    from psycopg import IsolationLevel

    raw = conn.connection.driver_connection
    reading = not conn.get_execution_options().get("workshop_write")
    if raw.read_only != reading:
        raw.read_only = reading
        raw.isolation_level = IsolationLevel.REPEATABLE_READ if reading else IsolationLevel.READ_COMMITTED


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


_FULL, _IOERR, _CANTOPEN, _READONLY, _CORRUPT, _NOTADB = 13, 10, 14, 8, 11, 26
"""SQLite's primary result codes this module tells apart."""
_ROOM_NEEDED = 256 * 1024
"""Below this much free space, a failed write is taken for a full disk."""
_NO_ROOM = (errno.ENOSPC, errno.EDQUOT)


def no_room(folder: Path) -> bool:
    """Whether the file system holding `folder` has (next to) no room left for this user."""
    try:
        fs = os.statvfs(folder)
    except OSError:
        return False
    free = fs.f_bfree if os.geteuid() == 0 else fs.f_bavail
    return free * fs.f_frsize < _ROOM_NEEDED


def disk_full(what: str, path: Path | str) -> DiskFull:
    """The message of a write refused for want of room."""
    return DiskFull(f"{what}: disk full: there is no room left to write {path}; everything saved "
                    "before is kept. Free some space and run the command again")


def translate(exc: BaseException, path: str, *, read_only: bool = False) -> WorkshopError:
    """The user-facing error for a driver error."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(orig).lower()
    if primary == _FULL or "disk is full" in text or getattr(orig, "errno", None) in _NO_ROOM:
        return disk_full("database", path)
    if "locked" in text or "busy" in text:
        return StoreBusy(
            f"database: {path} is locked by another process; try again in a moment"
        )
    folder = Path(path).parent
    if primary in (_IOERR, _CANTOPEN) and os.access(folder, os.W_OK) and no_room(folder):
        return disk_full("database", path)
    if read_only and primary in (_IOERR, _CANTOPEN):
        return StoreUnavailable(
            f"database: cannot read {path} here: its folder cannot be written and it holds changes "
            f"not yet folded in from {path}-wal; open it once where it can be written"
        )
    if primary == _READONLY or (read_only and ("readonly" in text or "read-only" in text)):
        return StoreUnavailable(
            f"database: {path} is read-only here (its file or folder cannot be written): it can "
            "be read, but not changed"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text or "disk i/o" in text:
        return StoreUnavailable(
            f"database: cannot write {path} (read-only file or folder, or no permission)"
        )
    if primary in (_CORRUPT, _NOTADB) or "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreDamaged(f"database: {path} is damaged ({text})")
    return StoreDamaged(f"database: {path}: {text}")


def writable(file: Path) -> bool:
    """Whether the file (when it exists) and its folder may be written (a read-only medium or a
    folder without write permission says no, even to root)."""
    folder = file.parent
    return os.access(folder, os.W_OK | os.X_OK) and (not file.exists() or os.access(file, os.W_OK))


def _uri(file: Path, **query: str) -> str:
    """An SQLite URI for the file (any bytes of its name kept), with the query given."""
    name = urllib.parse.quote(os.fsencode(file.absolute()))
    return f"file:{name}?{urllib.parse.urlencode(query)}"


def cursor(conn: Connection) -> Any:
    """The driver's own cursor of a connection, taking statements with SQLite's `?` placeholders
    on either backend (the engine's hot paths run plain SQL on it)."""
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        from workshop.store.postgres import Cursor

        return Cursor(raw.cursor())
    return raw.cursor()


def lock_workshop_sql(conn: Connection) -> str:
    """What a writing transaction appends to its look-up of a workshop, to hold that workshop
    until it commits (on SQLite the transaction already holds the whole file)."""
    if conn.dialect.name == "postgresql" and conn.get_execution_options().get("workshop_write"):
        return " FOR NO KEY UPDATE"
    return ""


def lock_catalogue(conn: Connection) -> None:
    """Hold the list of workshops while one is added, so two new ones never share a slug or uid."""
    if conn.dialect.name == "postgresql":
        from workshop.store.postgres import CATALOGUE_LOCK

        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CATALOGUE_LOCK})")


def is_integrity_error(exc: BaseException) -> bool:
    """Whether a driver error is a broken key or constraint, on either backend."""
    orig = getattr(exc, "orig", exc)
    if isinstance(orig, sqlite3.IntegrityError):
        return True
    from workshop.store import postgres

    return type(orig).__module__.startswith("psycopg") and postgres.is_integrity(orig)


def connector(file: Path, *, read_only: bool) -> Callable[[], sqlite3.Connection]:
    """How each connection is opened: as usual, or read-only when the file cannot be written.

    Read-only, SQLite still needs the `-shm` index of the write-ahead log. Where none can be
    made (the folder cannot be written) and no log is waiting to be folded in, the file is
    opened as immutable, which needs nothing beside it."""
    timeout = busy_timeout_ms() / 1000
    if not read_only:
        return lambda: sqlite3.connect(file, timeout=timeout, check_same_thread=False)
    wal = wal_file(file)
    folder_writable = os.access(file.parent, os.W_OK | os.X_OK)
    pending_log = wal.exists() and wal.stat().st_size > 0
    if folder_writable or pending_log:
        uri = _uri(file, mode="ro")
    else:
        uri = _uri(file, mode="ro", immutable="1")
    return lambda: sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)


class _Sleep:
    """The change signal of a file: none (the reader polls), so `wait` only waits."""

    pushes = False

    def wait(self, timeout: float) -> bool:
        time.sleep(timeout)
        return False

    def close(self) -> None:
        pass


class Store:
    """An open workshop database: a SQLAlchemy engine with the pragmas and transaction rules."""

    def __init__(self, url_or_path: str) -> None:
        from workshop.store.url import parse

        self.path = url_or_path
        self.postgres = False
        """Whether the database is a PostgreSQL server (else an SQLite file)."""
        self.backup: Path | None = None
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
        if not url_or_path.strip():
            raise StoreUnavailable("database: no file given; give the path of a database file")
        target = parse(url_or_path)
        if target.is_postgres:
            self._open_postgres(target)
            return
        file = Path(target.path).expanduser()
        version = inspect_file(file)
        existed = file.exists()
        if version is None:
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise StoreUnavailable(
                    f"database: cannot create {file}: {file.parent} is a file, not a folder") from None
            except OSError as exc:
                if exc.errno in _NO_ROOM:
                    raise disk_full("database", file) from None
                raise StoreUnavailable(
                    f"database: cannot create the folder {file.parent}: {exc.strerror}"
                ) from None
        self.file = file
        self.read_only = version is not None and not writable(file)
        """Whether the file is opened read-only: its medium, folder or file cannot be written."""
        if self.read_only and version < SCHEMA_VERSION:
            raise StoreUnavailable(
                f"database: {file} was made by an older version of workshop and must be upgraded "
                "before it can be read, which needs to write it; its file or folder cannot be "
                "written: copy it to a folder you can write"
            )
        from sqlalchemy import create_engine, event

        connect = connector(file, read_only=self.read_only)
        self.engine: Engine = create_engine(
            f"sqlite:///{file}",
            creator=connect,
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
            if version is None:
                self._forget_new_file(existed)
            raise

    def _open_postgres(self, target: Any) -> None:
        """Open the PostgreSQL database a URL names: create the schema in an empty database (or
        schema), check the version of one already made, refuse anything else unchanged."""
        from workshop.store import postgres

        postgres.driver()
        self.postgres = True
        self.target = target
        self.file = target.path
        """The URL as given (the participant server opens the same one)."""
        self.read_only = False
        self._shown = target.shown
        from sqlalchemy import create_engine, event

        options = postgres.connect_args(target.schema, busy_timeout_ms())
        self.engine = create_engine(target.url, max_overflow=-1, pool_size=5, connect_args=options)
        self._signal_args = (self.engine.url.render_as_string(hide_password=False).replace(
            "postgresql+psycopg://", "postgresql://", 1), options)
        event.listen(self.engine, "begin", _on_begin_postgres)
        try:
            self._prepare_postgres(target.schema)
        except WorkshopError:
            self.engine.dispose()
            raise

    def _prepare_postgres(self, schema: str | None) -> None:
        from sqlmodel import SQLModel

        from workshop.store import postgres, tables  # noqa: F401  (registers the tables)

        wanted = set(SQLModel.metadata.tables)
        with (self._guard(), self.engine.connect().execution_options(workshop_write=True) as conn,
              conn.begin()):
            raw = conn.connection.driver_connection
            version = postgres.check(raw, wanted, SCHEMA_VERSION, MIGRATIONS, self._shown)
            if version == SCHEMA_VERSION:
                return  # the usual case: one look at the catalogue, no lock
            # Made or upgraded by one process at a time: the others wait, then find it done.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({postgres.SCHEMA_LOCK})")
            if schema and not conn.exec_driver_sql(
                    "SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).first():
                conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
            version = postgres.check(raw, wanted, SCHEMA_VERSION, MIGRATIONS, self._shown)
            if version is None:
                current = conn.exec_driver_sql("SELECT current_schema()").scalar()
                if current is None:
                    raise StoreUnavailable(
                        f"database: {self._shown} has no schema to create the tables in (the "
                        "search path names none that exists); give one with ?schema=workshop")
                SQLModel.metadata.create_all(conn, checkfirst=False)
                conn.exec_driver_sql(
                    f"CREATE TABLE {postgres.META_TABLE} (application TEXT NOT NULL, version INTEGER NOT NULL)")
                conn.exec_driver_sql(f"INSERT INTO {postgres.META_TABLE} VALUES (%s, %s)",
                                     (postgres.APPLICATION, SCHEMA_VERSION))
            elif version < SCHEMA_VERSION:
                for step in range(version, SCHEMA_VERSION):
                    MIGRATIONS[step](raw)
                conn.exec_driver_sql(f"UPDATE {postgres.META_TABLE} SET version = %s", (SCHEMA_VERSION,))

    def signal(self) -> Any:
        """A change signal for a reader that follows the database: on PostgreSQL it wakes on every
        other process's commit (LISTEN/NOTIFY); on a file it has none and the reader polls."""
        if not self.postgres:
            return _Sleep()
        from workshop.store.postgres import Signal

        return Signal(*self._signal_args)

    def _forget_new_file(self, existed: bool) -> None:
        """Take away what a creation cut short left (a full disk, a folder that cannot be
        written), so the next try starts afresh: an empty file made by the user stays empty."""
        try:
            if existed:
                if self.file.is_file():
                    os.truncate(self.file, 0)
            else:
                self.file.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                self.file.with_name(self.file.name + suffix).unlink(missing_ok=True)
        except OSError:
            pass

    @contextmanager
    def _guard(self) -> Iterator[None]:
        if self.postgres:
            with self._guard_postgres():
                yield
            return
        from sqlalchemy.exc import DBAPIError, OperationalError

        try:
            yield
        except OperationalError as exc:
            raise translate(exc, str(self.file), read_only=self.read_only) from None
        except DBAPIError as exc:
            if isinstance(exc.orig, sqlite3.IntegrityError):
                raise
            raise translate(exc, str(self.file), read_only=self.read_only) from None
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:
            # A raw connection (made when the file is created or checkpointed, and the cursor each
            # action writes with) is not wrapped by SQLAlchemy: a folder that cannot be written,
            # a full disk or a damaged page fails here, not as a DBAPIError above.
            raise translate(exc, str(self.file), read_only=self.read_only) from None

    @contextmanager
    def _guard_postgres(self) -> Iterator[None]:
        from sqlalchemy.exc import DBAPIError

        from workshop.store import postgres

        try:
            yield
        except (DBAPIError, postgres.driver().Error) as exc:
            if postgres.is_integrity(exc):
                raise
            told = postgres.translate(exc, self._shown)
            if told is None:
                raise
            raise told from None

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
            if self.postgres:
                from workshop.store.postgres import CHANNEL

                conn.exec_driver_sql(f"NOTIFY {CHANNEL}")  # delivered when this commits

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
    def reading(self) -> Iterator[Any]:
        """The driver's cursor (SQLite's `?` placeholders) inside one reading transaction: what
        the engine's queries run on (see `workshop.engine.reading`)."""
        with self.read() as conn:
            yield cursor(conn)

    def shapes(self) -> Shapes:
        """The tables' shapes, from the SQLModel tables."""
        from workshop.store.tables import SHAPES

        return SHAPES

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
                SQLModel.metadata.create_all(conn, checkfirst=False)
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.checkpoint()

    def _migrate(self, version: int) -> None:
        backup = self.file.with_name(f"{self.file.name}.v{version}.bak")
        with self._guard():
            self.checkpoint()
            try:
                shutil.copy2(self.file, backup)
            except OSError as exc:
                backup.unlink(missing_ok=True)
                if exc.errno in _NO_ROOM:
                    raise disk_full("database", backup) from None
                raise StoreUnavailable(
                    f"database: cannot write the backup {backup} before upgrading: {exc.strerror}"
                ) from None
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
        if self.postgres:
            return
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
