"""Provides the proof that an archive's event log is the history of its rows: folded with the
fold replay uses (`workshop.domain.fold`), event by event, every change must start from the
rows the events before it left, and the log must end at exactly the archive's rows and counters.

Each change was checked field by field before (`workshop.export.archive_check`); here the log is
checked as a whole. The first event that does not fold is named, with what differs:

    events[41]: the log does not fold to the rows: touchpoint T3 text is 'Ser annonsen' from this
    event to the end of the log (event 90), but 'Ser annonse' in the archive's touchpoints

A workshop's uid and slug are left out of the comparison: they are its name in one database, and
an import gives new ones where they are taken, while the log keeps those it was made with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workshop.domain.errors import InvalidInput
from workshop.domain.fold import fold
from workshop.export.archive import KINDS, SECTIONS

Rows = dict[str, dict[str, dict[str, Any]]]

_IDENTITY = ("uid", "slug")

REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "touchpoint": (("stage", "stage"), ("persona", "persona")),
    "link": (("idea", "idea"), ("touchpoint", "touchpoint")),
    "vote": (("participant", "participant"), ("idea", "idea")),
    "concept": (("idea", "idea"),),
    "assumption": (("concept", "concept"),),
    "pilot": (("concept", "concept"), ("tests", "assumption")),
}
"""The fields of each table that name a row of another table (`tests`: a list of them)."""

_SHOWN = 60



def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _targets(table: str, row: dict[str, Any]) -> list[tuple[str, str]]:
    """The rows `row` of `table` refers to, as (table, ref)."""
    found = []
    for name, target in REFERENCES.get(table, ()):
        value = row.get(name)
        if isinstance(value, list):
            found += [(target, v) for v in value]
        elif value is not None:
            found.append((target, value))
    return found


@dataclass
class _Fold:
    """The rows as the log has made them so far, and which events touched each row."""

    defaults: dict[str, dict[str, Any]]
    fold: Callable[..., dict[str, Any] | None]
    """The replay's own fold of one event's changes."""
    head: dict[str, Any] | None = None
    tables: Rows = field(default_factory=dict)
    touches: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """For each (table, ref): the positions of the events that changed it, in order."""
    incoming: dict[tuple[str, str], int] = field(default_factory=dict)
    """For each (table, ref): how many rows refer to it."""

    def __post_init__(self) -> None:
        self.required = {table: tuple(name for name, default in fields.items() if default is _MISSING)
                         for table, fields in self.defaults.items()}

    def current(self, table: str, ref: str) -> dict[str, Any] | None:
        return self.head if table == "workshop" else self.tables.get(table, {}).get(ref)

    def value(self, table: str, row: dict[str, Any], name: str) -> Any:
        """A field of a folded row; a row made by an older version lacks the fields added since,
        which the tables give their default."""
        return row[name] if name in row else self.defaults[table].get(name)

    def _refer(self, table: str, row: dict[str, Any], step: int) -> None:
        for target in _targets(table, row):
            self.incoming[target] = self.incoming.get(target, 0) + step

    def step(self, n: int, label: str, change: dict[str, Any]) -> None:
        """Check that one change starts from the rows the events before it left, then fold it."""
        table, ref, before, after = change["t"], change["ref"], change["before"], change["after"]
        old = self.current(table, ref)
        if before is None:
            _adds(self, label, table, ref, old, after)
        else:
            _changes(self, label, table, ref, old, before, after)
        self.head = self.fold(self.head, self.tables, [change])
        if table in REFERENCES:
            if old is not None:
                self._refer(table, old, -1)
            if after is not None:
                self._refer(table, self.tables[table][ref], +1)
        touched = self.touches.setdefault((table, ref), [])
        if not touched or touched[-1] != n:
            touched.append(n)


def _what(table: str, ref: str) -> str:
    return "the workshop" if table == "workshop" else f"{table} {ref}"


def _adds(state: _Fold, label: str, table: str, ref: str, old: dict[str, Any] | None, after: dict[str, Any]) -> None:
    """Refuse an added row that is there already, or lacks a field it must have."""
    if state.head is None and table != "workshop":
        raise InvalidInput(label, f"the log does not fold: it adds {_what(table, ref)} before the workshop is created")
    if old is not None:
        made = ("creates the workshop a second time" if table == "workshop"
                else f"adds {table} {ref}, which is already there")
        raise InvalidInput(label, f"the log does not fold: it {made}")
    for name in state.required[table]:
        if name not in after:
            raise InvalidInput(f"{label}.after.{name}", f"is required to add {_what(table, ref)}")
    if table in ("link", "vote"):
        first, second = ("idea", "touchpoint") if table == "link" else ("participant", "idea")
        if ref != f"{after.get(first)}-{after.get(second)}":
            raise InvalidInput(f"{label}.ref", f"must be {after.get(first)}-{after.get(second)}")


def _changes(state: _Fold, label: str, table: str, ref: str, old: dict[str, Any] | None,
             before: dict[str, Any], after: dict[str, Any] | None) -> None:
    """Refuse a change or removal of a row that is not there, or that starts from other values
    than the row has."""
    if table == "workshop" and after is None:
        raise InvalidInput(label, "the log does not fold: it removes the workshop itself")
    if old is None:
        raise InvalidInput(label, f"the log does not fold: it {'removes' if after is None else 'changes'} "
                                  f"{_what(table, ref)}, which no event before it adds")
    for name, given in before.items():
        now = old[name] if name in old else state.defaults[table].get(name)
        if now != given and not (table == "workshop" and name in _IDENTITY):
            raise InvalidInput(label, f"the log does not fold: {_what(table, ref)} {name} is {_shown(now)} after "
                                      f"the events before it, but this change starts from {_shown(given)}")


def _references_hold(state: _Fold, n: int, touched: list[tuple[str, str]]) -> None:
    """After event `n`: the rows it changed refer only to rows that are there, and no row it
    removed is still referred to."""
    for table, ref in touched:
        row = state.current(table, ref)
        if row is not None:
            for target, target_ref in _targets(table, row):
                if state.current(target, target_ref) is None:
                    raise InvalidInput(f"events[{n}]", f"the log does not fold: it leaves {table} {ref} "
                                                       f"referring to {target} {target_ref}, which is not there")
        elif state.incoming.get((table, ref), 0) > 0:
            raise InvalidInput(f"events[{n}]", f"the log does not fold: it removes {table} {ref} while "
                                               "another row still refers to it")


_MISSING: Any = object()


def _defaults(schemas: dict[str, dict[str, tuple[Any, Any]]], required: Any) -> dict[str, dict[str, Any]]:
    return {table: {name: _MISSING if default is required else default for name, (_check, default) in schema.items()}
            for table, schema in schemas.items()}


def _last_setting(state: _Fold, events: list[dict[str, Any]], table: str, ref: str, name: str | None) -> int:
    """The position of the last event that set field `name` of a row (any field: None)."""
    for n in reversed(state.touches.get((table, ref), [])):
        for change in events[n - 1]["changes"]:
            if change["t"] == table and change["ref"] == ref and (
                    name is None or change["after"] is None or name in change["after"]):
                return n
    return len(events)


def _differences(state: _Fold, head: dict[str, Any], tables: Rows, last: int) -> list[tuple[str, str, str | None, str]]:
    """What the folded rows and the archive's rows disagree on: (table, ref, field or None, words);
    `last` is the number of the log's last event."""
    found: list[tuple[str, str, str | None, str]] = []
    to_the_end = f"from this event to the end of the log (event {last})"
    folded_head = state.head or {}
    for name, value in head.items():
        if name not in _IDENTITY and state.value("workshop", folded_head, name) != value:
            found.append(("workshop", "W", name, f"the workshop's {name} is "
                          f"{_shown(state.value('workshop', folded_head, name))} {to_the_end}, but "
                          f"{_shown(value)} in the archive's workshop"))
    for key, (table, names) in SECTIONS.items():
        folded = state.tables.get(table, {})
        rows = tables[key]
        for ref, row in rows.items():
            made = folded.get(ref)
            if made is None:
                how = "this event removes" if (table, ref) in state.touches else "the log ends here, and no event adds"
                found.append((table, ref, None, f"{how} {table} {ref}, which is in the archive's {key}"))
                continue
            for name in names:
                now, archived = state.value(table, made, name), state.value(table, row, name)
                if now != archived:
                    found.append((table, ref, name, f"{table} {ref} {name} is {_shown(now)} {to_the_end}, "
                                  f"but {_shown(archived)} in the archive's {key}"))
        for ref in folded:
            if ref not in rows:
                found.append((table, ref, None, f"this event leaves {table} {ref} in the workshop, but the "
                                                f"archive's {key} do not hold it"))
    return found


def expected_counters(state_tables: Rows, tables: Rows) -> dict[str, int]:
    """The counters an archive of these rows must have: as the log counts them, never below the
    highest reference in use (as `workshop.export.archive.counters` writes them)."""
    values = {kind: row.get("value", 0) for kind, row in state_tables.get("counter", {}).items()}
    for kind, key in KINDS.items():
        highest = max((int(ref[1:]) for ref in tables[key]), default=0)
        if highest > values.get(kind, 0):
            values[kind] = highest
    return {kind: n for kind, n in sorted(values.items()) if n}


def prove(head: dict[str, Any], tables: Rows, events: list[dict[str, Any]],
          schemas: dict[str, dict[str, tuple[Any, Any]]], required: Any) -> dict[str, int]:
    """Fold `events` and refuse, naming the first event that does not fold, a log that is not the
    history of `head` and `tables` (the archive's workshop and rows by list, as checked). Returns
    the counters the log ends with. `schemas` are the fields of each table with their defaults
    (`required` marks a field without one)."""
    state = _Fold(_defaults(schemas, required), fold)
    last_seq: set[int] = set()
    for n, event in enumerate(events, 1):
        touched: list[tuple[str, str]] = []
        for m, change in enumerate(event["changes"], 1):
            state.step(n, f"events[{n}].changes[{m}]", change)
            touched.append((change["t"], change["ref"]))
        if state.head is None:
            raise InvalidInput(f"events[{n}]", "the log does not fold: its first event does not create the workshop")
        _references_hold(state, n, list(dict.fromkeys(touched)))
        phase = state.value("workshop", state.head, "phase")
        if event["phase"] and event["phase"] != phase:
            raise InvalidInput(f"events[{n}].phase", f"is {event['phase']!r}, but the log has the workshop in "
                                                     f"{phase!r} after this event")
        if event["target"] is not None and event["target"] not in last_seq:
            raise InvalidInput(f"events[{n}].target", f"is {event['target']}, which is not an event before it")
        last_seq.add(event["seq"])
    differences = _differences(state, head, tables, len(events))
    if differences:
        at = [(_last_setting(state, events, table, ref, name), words) for table, ref, name, words in differences]
        n, words = min(at, key=lambda found: found[0])
        raise InvalidInput(f"events[{n}]", f"the log does not fold to the rows: {words}")
    return expected_counters(state.tables, tables)


__all__ = ["REFERENCES", "expected_counters", "prove"]
