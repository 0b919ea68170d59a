"""Provides the building of replayed states that keeps seeking fast in a long log.

A snapshot's state is built once; a seek starts from it and redoes only what the events after the
snapshot touched: the objects of changed rows are made (or found: an object is made once per
row), the others are kept in their place, and the changed ones are put where their order says.
Rows are never changed in place while folding (a change makes a new row), so a row's identity
stands for its content: the builder keeps each row it has made an object for, with the object.
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import Any

from workshop.domain import model
from workshop.domain.fold import Rows, Touched

Items = dict[str, tuple[Any, ...]]
"""A state's items by `WorkshopState` attribute (touchpoints, ideas …), each in the state's order."""

# The state's item attributes with their table, class and order, as `model.build` makes them.
ORDER: dict[str, tuple[str, type, Any]] = model._ORDER  # noqa: SLF001 (one source of truth for the order)

_BLANK_HEAD = {"uid": "", "slug": "", "title": ""}


@dataclasses.dataclass
class Built:
    """The items of one folded state and the touchpoints each idea is linked to."""

    items: Items
    links: dict[str, frozenset[str]]


class StateBuilder:
    """Makes `WorkshopState`s of one workshop from folded rows, reusing what it made before."""

    def __init__(self, workshop_id: int) -> None:
        self.workshop_id = workshop_id
        self._made: dict[str, dict[Any, tuple[dict[str, Any], Any]]] = {}

    def carried(self, tables: Rows) -> StateBuilder:
        """A builder for `tables` that keeps the objects made here for the rows they still hold
        (the same row objects), and lets go of the rest."""
        builder = StateBuilder(self.workshop_id)
        for table, made in self._made.items():
            rows = tables.get(table, {})
            builder._made[table] = {key: (row, obj) for key, (row, obj) in made.items()
                                    if rows.get(obj.ref) is row}
        return builder

    # making objects ------------------------------------------------------------------------------

    def _objects(self, attr: str, rows: dict[str, dict[str, Any]], refs: Any,
                 links: dict[str, frozenset[str]] | None) -> list[Any]:
        """The objects for rows `refs` (made now where not made before)."""
        table = ORDER[attr][0]
        made = self._made.setdefault(table, {})
        found, missing, keys = [], {}, {}
        for ref in refs:
            row = rows.get(ref)
            if row is None:
                continue
            key = (id(row), links.get(ref, frozenset())) if links is not None else id(row)
            hit = made.get(key)
            if hit is None:
                missing[ref] = row
                keys[ref] = key
            else:
                found.append(hit[1])
        if missing:
            sub: Rows = {table: missing}
            if links is not None:
                sub["link"] = {f"{i}-{t}": {"idea": i, "touchpoint": t} for i in missing for t in links.get(i, ())}
            for obj in getattr(model.build(_BLANK_HEAD, sub), attr):
                made[keys[obj.ref]] = (missing[obj.ref], obj)
                found.append(obj)
        return found

    # building --------------------------------------------------------------------------------

    def full(self, tables: Rows) -> Built:
        """Every item of `tables`, built (from objects made before where there are any)."""
        found: dict[str, set[str]] = {}
        for row in tables.get("link", {}).values():
            found.setdefault(row["idea"], set()).add(row["touchpoint"])
        links = {idea: frozenset(tps) for idea, tps in found.items()}
        items: Items = {}
        for attr, (table, _cls, key) in ORDER.items():
            objs = self._objects(attr, tables.get(table, {}), tables.get(table, {}),
                                 links if table == "idea" else None)
            items[attr] = tuple(sorted(objs, key=key))
        return Built(items, links)

    def update(self, base: Built, base_tables: Rows, tables: Rows, touched: Touched) -> Built:
        """The items of `tables`, which differ from `base_tables` (whose items are `base`) only
        in the references `touched`."""
        links = base.links
        changed_ideas = set(touched.get("idea", ()))
        if touched.get("link"):
            # Links are only ever added or removed, so each touched one is either there or gone.
            links = dict(base.links)
            now, before = tables.get("link", {}), base_tables.get("link", {})
            for ref in touched["link"]:
                for source, present in ((before, False), (now, True)):
                    row = source.get(ref)
                    if row is None:
                        continue
                    tps = set(links.get(row["idea"], ()))
                    (tps.add if present else tps.discard)(row["touchpoint"])
                    links[row["idea"]] = frozenset(tps)
                    changed_ideas.add(row["idea"])
        items: Items = {}
        for attr, (table, _cls, key) in ORDER.items():
            changed = changed_ideas if table == "idea" else touched.get(table, set())
            if not changed:
                items[attr] = base.items[attr]
                continue
            fresh = self._objects(attr, tables.get(table, {}), changed, links if table == "idea" else None)
            gone = self._objects(attr, base_tables.get(table, {}), changed, base.links if table == "idea" else None)
            items[attr] = self._merge(base.items[attr], gone, fresh, key)
        return Built(items, links)

    def forget(self, base: Built, base_tables: Rows, built: Built, tables: Rows, touched: Touched) -> None:
        """Let go of the objects made for rows of `base_tables` that `tables` no longer holds
        (in the references `touched`): a state that moves only forward never needs them again."""
        ideas = set(touched.get("idea", ()))
        for ref in touched.get("link", ()):
            for source in (base_tables, tables):
                row = source.get("link", {}).get(ref)
                if row is not None:
                    ideas.add(row["idea"])
        for attr, (table, _cls, _key) in ORDER.items():
            refs = ideas if table == "idea" else touched.get(table, ())
            made = self._made.get(table)
            if not made:
                continue
            old_rows, new_rows = base_tables.get(table, {}), tables.get(table, {})
            for ref in refs:
                old = old_rows.get(ref)
                if old is None:
                    continue
                new = new_rows.get(ref)
                if table == "idea":
                    before = (id(old), base.links.get(ref, frozenset()))
                    if new is None or before != (id(new), built.links.get(ref, frozenset())):
                        made.pop(before, None)
                elif new is not old:
                    made.pop(id(old), None)

    @staticmethod
    def _merge(old: tuple[Any, ...], gone: list[Any], fresh: list[Any], key: Any) -> tuple[Any, ...]:
        """`old` (in order) without the objects `gone`, with `fresh` put in order."""
        if (len(gone) + len(fresh)) * 8 > len(old):
            leave = {id(obj) for obj in gone}
            return tuple(sorted([obj for obj in old if id(obj) not in leave] + fresh, key=key))
        # Edits as (position in `old`, 0 = put before it / 1 = leave it out, object); positions
        # are found by bisection, so only a few keys are computed.
        edits = [(bisect.bisect_left(old, key(obj), key=key), 1, obj) for obj in gone]
        edits += [(bisect.bisect_left(old, key(obj), key=key), 0, obj) for obj in sorted(fresh, key=key)]
        edits.sort(key=lambda e: (e[0], e[1]))
        out: list[Any] = []
        start = 0
        for position, leave_out, obj in edits:
            out.extend(old[start:position])
            if leave_out:
                start = position + 1
            else:
                out.append(obj)
                start = position
        out.extend(old[start:])
        return tuple(out)

    def state(self, head: dict[str, Any], items: Items, event_count: int) -> model.WorkshopState:
        """The workshop state from its row and its items."""
        bare = model.build(head | {"id": self.workshop_id}, {}, event_count=event_count)
        return dataclasses.replace(bare, **items)


__all__ = ["Built", "Items", "StateBuilder", "Touched"]
