"""Provides a table's shape as plain SQL sees it: its columns, which of them hold JSON or yes/no
values, and the defaults of those an insert may leave out.

The shapes come from the one definition of the schema: the SQLModel tables (`store.tables`) for
the engine, or, for a reader that must start without SQLAlchemy, the tables those models made in
the file itself (their declared column types, read from SQLite's catalogue).
"""

from __future__ import annotations

import json
from typing import Any

Row = dict[str, Any]

PRIVATE = frozenset({"workshop_id", "ref"})
"""The columns of an item row that are its address, not its fields."""


def loads(value: Any) -> Any:
    """A JSON column's value as read by the driver's cursor: SQLite gives its text, psycopg the
    value parsed already."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value


class Shape:
    """A table as the engine's own SQL sees it."""

    def __init__(self, name: str, columns: list[str], *, json_columns: set[str], flags: set[str],
                 defaults: dict[str, Any] | None = None) -> None:
        self.name = name
        self.columns = columns
        self.select = f"SELECT {', '.join(columns)} FROM {name}"
        self.json = json_columns
        self.flags = flags
        self.defaults = defaults or {}

    def row(self, values: tuple[Any, ...]) -> Row:
        """A row read by plain SQL, as SQLAlchemy would give it (JSON parsed, flags as bool)."""
        row = dict(zip(self.columns, values))
        self._convert(row)
        return row

    def _convert(self, row: Row) -> None:
        for name in self.json:
            row[name] = loads(row[name])
        for name in self.flags:
            if row[name] is not None:
                row[name] = bool(row[name])

    def by_ref(self, found: list[tuple[Any, ...]]) -> dict[str, Row]:
        """Item rows keyed by reference, without the workshop and the reference in each row."""
        ref = self.columns.index("ref")
        kept = [(i, n) for i, n in enumerate(self.columns) if n not in PRIVATE]
        rows = {values[ref]: {n: values[i] for i, n in kept} for values in found}
        if self.json or self.flags:
            for row in rows.values():
                self._convert(row)
        return rows

    def value(self, name: str, value: Any) -> Any:
        """A value as it is written."""
        return json.dumps(value) if name in self.json and value is not None else value


class Shapes:
    """The shapes of a database's tables: the workshop, its event log, and its item tables in an
    order where every table comes after the ones it refers to."""

    def __init__(self, workshop: Shape, event: Shape, items: dict[str, Shape]) -> None:
        self.workshop = workshop
        self.event = event
        self.items = items

    def __getitem__(self, table: str) -> Shape:
        if table == "event":
            return self.event
        if table == "workshop":
            return self.workshop
        return self.items[table]
