"""Provides `fold`: one event's row changes applied to a workshop's row and its item rows, as the
event log records them. Replay folds a log with it and an archive's import proves its log with it,
so both read a log the same way."""

from __future__ import annotations

from typing import Any

Rows = dict[str, dict[str, dict[str, Any]]]
"""Item rows by table, then by reference (as `engine.load` reads them)."""

Touched = dict[str, set[str]]
"""The references an event changed, by table."""


def fold(head: dict[str, Any] | None, tables: Rows, changes: list[dict[str, Any]],
         touched: Touched | None = None) -> dict[str, Any] | None:
    """Apply one event's row changes to `head` and `tables`; returns the new workshop row.
    With `touched`, the references changed are added to it, by table.

    Row dicts are replaced, never changed in place, so snapshots that share them stay true.
    """
    for change in changes:
        table, ref, after = change["t"], change["ref"], change["after"]
        if touched is not None and table != "workshop":
            touched.setdefault(table, set()).add(ref)
        if table == "workshop":
            head = dict(after) if change["before"] is None or head is None else {**head, **after}
            continue
        rows = tables.setdefault(table, {})
        if after is None:
            rows.pop(ref, None)
        elif change["before"] is None or ref not in rows:
            rows[ref] = after
        else:
            rows[ref] = {**rows[ref], **after}
    return head


__all__ = ["Rows", "Touched", "fold"]
