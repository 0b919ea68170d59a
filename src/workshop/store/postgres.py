"""Provides what the store needs on a PostgreSQL server: connecting through psycopg 3, the schema's
version, the locks that keep the rules of a workshop under concurrency, the change signal, and the
server's errors told as the file's are.

Concurrency. Every writing action locks its workshop's row (`SELECT … FOR NO KEY UPDATE`) when it
looks the workshop up, at READ COMMITTED: the actions on one workshop run one after the other, each
seeing everything committed before it, exactly as SQLite's one writer at a time, while workshops of
other facilitators are written in parallel. What a rule reads (a participant's dots, an idea's cap,
the next reference, the event log's last seq) is always inside that workshop, so the rule holds and
the log's order is total per workshop, with no retries. Creating, copying in and importing a
workshop take one advisory lock of the whole database, so two new workshops never get one slug.
Reads run at REPEATABLE READ: one snapshot, as a read of the file is.
"""

from __future__ import annotations

import functools
import os
import select
import threading
import time
from typing import Any

from workshop.domain.errors import (
    DiskFull,
    StoreBusy,
    StoreDamaged,
    StoreRefused,
    StoreTooNew,
    StoreUnavailable,
    WorkshopError,
)

META_TABLE = "workshop_schema"
"""The one-row table that marks a schema as workshop's and holds its schema version (a file keeps
both in its SQLite header)."""
APPLICATION = "workshop"
CHANNEL = "workshop_changes"
"""The LISTEN/NOTIFY channel a writing transaction signals on when it commits."""
CATALOGUE_LOCK = 0x57534850
"""The advisory lock taken while a workshop is added (its slug and uid must stay unique)."""
SCHEMA_LOCK = 0x57534851
"""The advisory lock taken while the schema is checked, created or upgraded."""


def driver() -> Any:
    """The psycopg module, or a message saying how to install it."""
    try:
        import psycopg
    except ImportError:
        raise StoreUnavailable(
            "database: a PostgreSQL URL needs the psycopg driver, which is not installed; "
            "install it with: pip install 'workshop[postgres]'"
        ) from None
    return psycopg


@functools.lru_cache(maxsize=512)
def _sql(text: str) -> str:
    """A statement written for SQLite's `?` placeholders, for psycopg's `%s`."""
    return text.replace("%", "%%").replace("?", "%s").replace("instr(", "strpos(")


class Cursor:
    """A psycopg cursor that takes the engine's statements as written for SQLite."""

    __slots__ = ("_cur",)

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, sql: str, params: Any = ()) -> Cursor:
        self._cur.execute(_sql(sql), params)
        return self

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall()

    def __iter__(self) -> Any:
        return iter(self._cur)

    def close(self) -> None:
        self._cur.close()


def connect_args(schema: str | None, lock_timeout_ms: int) -> dict[str, Any]:
    options = f"-c lock_timeout={lock_timeout_ms}"
    if schema:
        options += f" -c search_path={schema}"
    return {"options": options, "application_name": "workshop",
            "connect_timeout": int(os.environ.get("WORKSHOP_CONNECT_TIMEOUT", "10"))}


def _state(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) or ""


def is_integrity(exc: BaseException) -> bool:
    """Whether a driver error is a broken key or constraint (class 23)."""
    return _state(exc).startswith("23")


def translate(exc: BaseException, shown: str) -> WorkshopError | None:
    """The user-facing error for a psycopg error (None: not one the user can act on)."""
    orig = getattr(exc, "orig", exc)
    state = _state(exc)
    text = " ".join(str(orig).split())
    if state in ("55P03", "40P01", "40001", "57014"):
        return StoreBusy(f"database: {shown} is locked by another process; try again in a moment")
    if state == "53100":
        return DiskFull(f"database: disk full: the server of {shown} has no room left; everything "
                        "saved before is kept. Free some space on the server and run the command again")
    if state in ("42501",):
        return StoreUnavailable(
            f"database: no permission on {shown}: {text}; see docs/postgres.md for the rights needed")
    if state == "25006":
        return StoreUnavailable(f"database: {shown} is read-only (a standby server?): it can be read, "
                                "but not changed")
    if state == "3D000" or "does not exist" in text and "database" in text:
        return StoreUnavailable(f"database: {shown}: {text}; create it first (see docs/postgres.md)")
    if state.startswith("28") or any(word in text for word in ("authentication", "password", "role")):
        return StoreUnavailable(f"database: cannot log in to {shown}: {text}")
    if state.startswith("08") or state.startswith("57P") or type(orig).__name__ == "OperationalError":
        return StoreUnavailable(f"database: cannot reach {shown}: {text}")
    if state.startswith("XX") or state.startswith("58"):
        return StoreDamaged(f"database: {shown}: {text}")
    return None


def check(raw: Any, tables: set[str], version: int, migrations: dict[int, Any], shown: str) -> int | None:
    """The schema version of the workshop schema the connection sees, or None when it is empty.

    Refuses a schema that holds other tables, another program's, a newer version's, or one
    missing tables; changes nothing."""
    cur = raw.cursor()
    cur.execute(
        "SELECT current_schema(), array(SELECT relname FROM pg_class WHERE relnamespace = "
        "(SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
        "AND relkind IN ('r', 'p', 'v', 'm', 'f'))")
    schema, names = cur.fetchone()
    found = set(names or ())
    if schema is None or not found:
        return None
    where = f"the schema {schema!r} of {shown}"
    if META_TABLE not in found:
        others = ", ".join(sorted(found)[:5]) + (", …" if len(found) > 5 else "")
        raise StoreRefused(
            f"database: {where} holds tables of another program ({others}), not a workshop "
            "database; give an empty database, or a schema of its own with ?schema=workshop")
    cur.execute(f"SELECT application, version FROM {META_TABLE}")
    rows = cur.fetchall()
    if len(rows) != 1 or rows[0][0] != APPLICATION:
        raise StoreRefused(f"database: {where} is another program's, not a workshop database")
    found_version = int(rows[0][1])
    if found_version > version:
        raise StoreTooNew(
            f"database: {where} was written by a newer version of workshop "
            f"(schema {found_version}; this version reads up to {version}); upgrade workshop")
    if any(step not in migrations for step in range(found_version, version)):
        raise StoreRefused(f"database: {where} is not a workshop database (schema version "
                           f"{found_version} was never one of workshop's)")
    missing = tables - found
    if missing:
        raise StoreDamaged(f"database: {where} is damaged: the tables {', '.join(sorted(missing))} are missing")
    return found_version


class Signal:
    """Wakes a waiting reader when another process commits a change (LISTEN on its own
    connection); `wait` returns early on a change, else after the timeout."""

    pushes = True

    def __init__(self, conninfo: str, options: dict[str, Any]) -> None:
        self._conninfo = conninfo
        self._options = options
        self._conn: Any = None
        self._lock = threading.Lock()

    def _connection(self) -> Any:
        if self._conn is None or self._conn.closed:
            psycopg = driver()
            self._conn = psycopg.connect(self._conninfo, autocommit=True, **self._options)
            self._conn.execute(f"LISTEN {CHANNEL}")
        return self._conn

    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a change; True when one came."""
        with self._lock:
            try:
                conn = self._connection()
                got = False
                for _ in conn.notifies(timeout=timeout, stop_after=1):
                    got = True
                # Drain what came in the same burst: one reading answers all of them.
                if got:
                    ready, _, _ = select.select([conn.fileno()], [], [], 0)
                    if ready:
                        for _ in conn.notifies(timeout=0.001):
                            pass
                return got
            except Exception:  # the server went away: the reader's own poll reports it
                self.close()
                time.sleep(timeout)
                return False

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass
