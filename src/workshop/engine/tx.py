"""Provides the unit of change: a transaction that records every row it touches.

Each engine action opens one `Tx`, reads and checks inside it, writes rows through it, and the
rows before and after become the payload of one event in the same transaction. Undo, redo and
replay are therefore generic: they apply or fold these row changes.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Executable, Table, bindparam, delete, func, insert, select, update

from workshop.domain.errors import NotFound
from workshop.store.tables import ITEM_TABLES, Event, Workshop

Row = dict[str, Any]
Change = dict[str, Any]

_WORKSHOP: Table = Workshop.__table__  # type: ignore[assignment]
_EVENT: Table = Event.__table__  # type: ignore[assignment]
_TABLES: dict[str, Table] = {name: model.__table__ for name, model in ITEM_TABLES.items()}  # type: ignore[misc]
_PRIVATE = {"workshop_id", "ref"}


def now() -> str:
    """The current time, UTC, to the millisecond."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@lru_cache(maxsize=None)
def _statement(verb: str, table: str, where: tuple[str, ...] = (), column: str = "") -> Executable:
    """A statement on one table, built once: the workshop and each column in `where` are bound
    parameters (`_w`, `_<column>`). Building SQLAlchemy expressions costs more than SQLite takes
    to run them, and an action runs ten or so."""
    t = _EVENT if table == "event" else _TABLES[table]
    if verb == "rows":
        query: Any = select(t)
    elif verb == "count":
        query = select(func.count()).select_from(t)
    elif verb == "total":
        query = select(func.coalesce(func.sum(t.c[column]), 0)).select_from(t)
    elif verb == "last":
        query = select(func.coalesce(func.max(t.c[column]), 0)).select_from(t)
    elif verb == "update":
        query = update(t)
    elif verb == "delete":
        query = delete(t)
    else:
        return insert(t)
    query = query.where(t.c.workshop_id == bindparam("_w"))
    for name in where:
        query = query.where(t.c[name] == bindparam(f"_{name}"))
    return query


def _bound(wid: int, where: dict[str, Any]) -> dict[str, Any]:
    return {"_w": wid, **{f"_{k}": v for k, v in where.items()}}


def item_row(mapping: Any) -> Row:
    return {k: v for k, v in dict(mapping).items() if k not in _PRIVATE}


def workshop_row(mapping: Any) -> Row:
    return {k: v for k, v in dict(mapping).items() if k != "id"}


class Tx:
    """One writing transaction on one workshop."""

    def __init__(self, conn: Connection, workshop_id: int, workshop: Row) -> None:
        self.conn = conn
        self.wid = workshop_id
        self.workshop = workshop
        self.changes: list[Change] = []
        self.summary = ""
        self.target: int | None = None

    # reading ---------------------------------------------------------------------------------

    def get(self, table: str, ref: str) -> Row | None:
        row = self.conn.execute(
            _statement("rows", table, ("ref",)), {"_w": self.wid, "_ref": ref}
        ).mappings().first()
        return item_row(row) | {"ref": ref} if row else None

    def rows(self, table: str, **where: Any) -> list[Row]:
        if any(v is None for v in where.values()):  # `= NULL` matches nothing: let SQLAlchemy say IS NULL
            t = _TABLES[table]
            query = select(t).where(t.c.workshop_id == self.wid)
            for column, value in where.items():
                query = query.where(t.c[column] == value)
            found = self.conn.execute(query)
        else:
            found = self.conn.execute(_statement("rows", table, tuple(where)), _bound(self.wid, where))
        return [item_row(r) | {"ref": r["ref"]} for r in found.mappings()]

    def count(self, table: str, **where: Any) -> int:
        if any(v is None for v in where.values()):
            return sum(1 for _ in self.rows(table, **where))
        return int(self.conn.execute(_statement("count", table, tuple(where)), _bound(self.wid, where)).scalar_one())

    def total(self, table: str, column: str, **where: Any) -> int:
        if any(v is None for v in where.values()):
            return sum(r[column] or 0 for r in self.rows(table, **where))
        return int(self.conn.execute(
            _statement("total", table, tuple(where), column), _bound(self.wid, where)).scalar_one())

    def require(self, table: str, ref: str, label: str) -> Row:
        row = self.get(table, ref)
        if row is None:
            raise NotFound(f"{label}: no {label} {ref} in this workshop")
        return row

    # writing ---------------------------------------------------------------------------------

    def next_ref(self, kind: str) -> str:
        counter = self.get("counter", kind)
        value = (counter["value"] if counter else 0) + 1
        if counter:
            self.update("counter", kind, value=value)
        else:
            self.insert("counter", kind, {"value": value})
        return f"{kind}{value}"

    def insert(self, table: str, ref: str, row: Row) -> None:
        row = {k: v for k, v in row.items() if k not in _PRIVATE}
        self.conn.execute(_statement("insert", table), {"workshop_id": self.wid, "ref": ref, **row})
        self.changes.append({"t": table, "ref": ref, "before": None, "after": row})

    def update(self, table: str, ref: str, **fields: Any) -> bool:
        """Change some fields of a row; returns whether anything differed."""
        if table == "workshop":
            return self.update_workshop(**fields)
        current = self.require(table, ref, table)
        before = {k: current[k] for k in fields if current[k] != fields[k]}
        if not before:
            return False
        after = {k: fields[k] for k in before}
        self.conn.execute(_statement("update", table, ("ref",)), {"_w": self.wid, "_ref": ref, **after})
        self.changes.append({"t": table, "ref": ref, "before": before, "after": after})
        return True

    def update_workshop(self, **fields: Any) -> bool:
        before = {k: self.workshop[k] for k in fields if self.workshop[k] != fields[k]}
        if not before:
            return False
        after = {k: fields[k] for k in before}
        self.conn.execute(update(_WORKSHOP).where(_WORKSHOP.c.id == self.wid).values(**after))
        self.workshop.update(after)
        self.changes.append({"t": "workshop", "ref": "W", "before": before, "after": after})
        return True

    def delete(self, table: str, ref: str) -> Row:
        current = self.require(table, ref, table)
        self.conn.execute(_statement("delete", table, ("ref",)), {"_w": self.wid, "_ref": ref})
        before = {k: v for k, v in current.items() if k != "ref"}
        self.changes.append({"t": table, "ref": ref, "before": before, "after": None})
        return current

    def apply(self, change: Change) -> None:
        """Apply a recorded change (used by undo and redo), recording it again."""
        table, ref, before, after = change["t"], change["ref"], change["before"], change["after"]
        if table == "workshop":
            self.update_workshop(**after)
        elif before is None:
            self.insert(table, ref, after)
        elif after is None:
            self.delete(table, ref)
        else:
            self.update(table, ref, **after)

    def record(self, action: str, actor: str | None) -> int:
        """Write the event for this transaction's changes; returns its seq."""
        seq = self.conn.execute(_statement("last", "event", (), "seq"), {"_w": self.wid}).scalar_one() + 1
        self.conn.execute(_statement("insert", "event"), {
            "workshop_id": self.wid,
            "seq": seq,
            "at": now(),
            "actor": actor or "",
            "action": action,
            "target": self.target,
            "summary": self.summary,
            "phase": self.workshop.get("phase", ""),
            "payload": {"changes": self.changes},
        })
        return seq


def invert(change: Change) -> Change:
    return {"t": change["t"], "ref": change["ref"], "before": change["after"], "after": change["before"]}
