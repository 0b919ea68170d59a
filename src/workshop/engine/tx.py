"""Provides the unit of change: a transaction that records every row it touches.

Each engine action opens one `Tx`, reads and checks inside it, writes rows through it, and the
rows before and after become the payload of one event in the same transaction. Undo, redo and
replay are therefore generic: they apply or fold these row changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Table

from workshop.domain import validate
from workshop.domain.errors import NotFound
from workshop.engine.reading import actor_name, find_workshop
from workshop.store.db import cursor, lock_workshop_sql
from workshop.store.shape import PRIVATE as _PRIVATE
from workshop.store.shape import Row, Shape
from workshop.store.tables import ITEM_TABLES, SHAPES, Event, Workshop

Change = dict[str, Any]

_WORKSHOP: Table = Workshop.__table__  # type: ignore[assignment]
_EVENT: Table = Event.__table__  # type: ignore[assignment]
_TABLES: dict[str, Table] = {name: model.__table__ for name, model in ITEM_TABLES.items()}  # type: ignore[misc]


def now() -> str:
    """The current time, UTC, to the millisecond."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _where(wid_column: str, where: dict[str, Any]) -> tuple[str, list[Any]]:
    """` WHERE workshop_id = ? AND a = ? …` (IS NULL for None) and its values."""
    sql = [f"{wid_column} = ?"] + [f"{name} IS NULL" if value is None else f"{name} = ?" for name, value in where.items()]
    return " WHERE " + " AND ".join(sql), [value for value in where.values() if value is not None]


def item_row(mapping: Any) -> Row:
    return {k: v for k, v in dict(mapping).items() if k not in _PRIVATE}


def workshop_row(mapping: Any) -> Row:
    return {k: v for k, v in dict(mapping).items() if k != "id"}


def _held(values: Row) -> None:
    """Refuse a whole number no column can hold, naming its column, whoever gave it (the
    fields' own checks name their limits first)."""
    for name, value in values.items():
        if type(value) is int:
            validate.integer(name, value)


class Tx:
    """One writing transaction on one workshop.

    Its reads and writes run as plain SQL on the database connection's own cursor: an action
    runs ten or so statements, and through SQLAlchemy each costs more Python than SQLite takes to
    run it. The rows it gives and records are those SQLAlchemy would give (JSON parsed, flags as
    bool)."""

    def __init__(self, conn: Connection, workshop_id: int, workshop: Row) -> None:
        self.conn = conn
        self.cur = cursor(conn)
        self.wid = workshop_id
        self.workshop = workshop
        self.changes: list[Change] = []
        self.summary = ""
        self.target: int | None = None
        self.at: str | None = None
        """The event's time when the action fixed it (a timer started at the event's moment);
        else the time it is recorded."""
        self.seq: int | None = None
        """The seq of the event, once recorded."""

    @staticmethod
    def find_workshop(conn: Connection, key: int | str) -> Row | None:
        """The workshop row for an id, slug or uid (None if there is none), held until the
        transaction ends where the backend locks rows."""
        return find_workshop(cursor(conn), SHAPES, key, lock=lock_workshop_sql(conn))

    # reading ---------------------------------------------------------------------------------

    def get(self, table: str, ref: str) -> Row | None:
        shape = SHAPES[table]
        self.cur.execute(f"{shape.select} WHERE workshop_id = ? AND ref = ?", (self.wid, ref))
        found = self.cur.fetchone()
        return item_row(shape.row(found)) | {"ref": ref} if found else None

    def rows(self, table: str, **where: Any) -> list[Row]:
        shape = SHAPES[table]
        sql, values = _where("workshop_id", where)
        self.cur.execute(shape.select + sql, [self.wid, *values])
        return [item_row(row) | {"ref": row["ref"]} for row in map(shape.row, self.cur.fetchall())]

    def count(self, table: str, **where: Any) -> int:
        sql, values = _where("workshop_id", where)
        self.cur.execute(f"SELECT count(*) FROM {table}{sql}", [self.wid, *values])
        return int(self.cur.fetchone()[0])

    def total(self, table: str, column: str, **where: Any) -> int:
        sql, values = _where("workshop_id", where)
        self.cur.execute(f"SELECT coalesce(sum({column}), 0) FROM {table}{sql}", [self.wid, *values])
        return int(self.cur.fetchone()[0])

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

    def _insert(self, shape: Shape, values: Row) -> None:
        values = {**{k: v for k, v in shape.defaults.items() if k not in values}, **values}
        _held(values)
        names = list(values)
        self.cur.execute(f"INSERT INTO {shape.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                         [shape.value(n, values[n]) for n in names])

    def insert(self, table: str, ref: str, row: Row) -> None:
        row = {k: v for k, v in row.items() if k not in _PRIVATE}
        self._insert(SHAPES[table], {"workshop_id": self.wid, "ref": ref, **row})
        self.changes.append({"t": table, "ref": ref, "before": None, "after": row})

    def _set(self, shape: Shape, key: str, keys: list[Any], after: Row) -> None:
        _held(after)
        assignments = ", ".join(f"{name} = ?" for name in after)
        self.cur.execute(f"UPDATE {shape.name} SET {assignments} WHERE {key}",
                         [*(shape.value(n, v) for n, v in after.items()), *keys])

    def update(self, table: str, ref: str, **fields: Any) -> bool:
        """Change some fields of a row; returns whether anything differed."""
        if table == "workshop":
            return self.update_workshop(**fields)
        current = self.require(table, ref, table)
        before = {k: current[k] for k in fields if current[k] != fields[k]}
        if not before:
            return False
        after = {k: fields[k] for k in before}
        self._set(SHAPES[table], "workshop_id = ? AND ref = ?", [self.wid, ref], after)
        self.changes.append({"t": table, "ref": ref, "before": before, "after": after})
        return True

    def update_workshop(self, **fields: Any) -> bool:
        before = {k: self.workshop[k] for k in fields if self.workshop[k] != fields[k]}
        if not before:
            return False
        after = {k: fields[k] for k in before}
        self._set(SHAPES.workshop, "id = ?", [self.wid], after)
        self.workshop.update(after)
        self.changes.append({"t": "workshop", "ref": "W", "before": before, "after": after})
        return True

    def delete(self, table: str, ref: str) -> Row:
        current = self.require(table, ref, table)
        self.cur.execute(f"DELETE FROM {table} WHERE workshop_id = ? AND ref = ?", (self.wid, ref))
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
        """Write the event for this transaction's changes; returns its seq.

        Every action's event is written here, so this is where the actor is checked: an invalid
        one raises inside the transaction and nothing of the action is kept."""
        actor = actor_name(actor)
        self.cur.execute("SELECT coalesce(max(seq), 0) FROM event WHERE workshop_id = ?", (self.wid,))
        seq = int(self.cur.fetchone()[0]) + 1
        self._insert(SHAPES["event"], {
            "workshop_id": self.wid,
            "seq": seq,
            "at": self.at or now(),
            "actor": actor,
            "action": action,
            "target": self.target,
            "summary": self.summary,
            "phase": self.workshop.get("phase", ""),
            "payload": {"changes": self.changes},
        })
        self.seq = seq
        return seq


def invert(change: Change) -> Change:
    return {"t": change["t"], "ref": change["ref"], "before": change["after"], "after": change["before"]}
