"""Provides the engine's queries: the workshops, one workshop as it is now, and its event log.

They run as plain SQL on the driver's own cursor (SQLite's `?` placeholders, on either backend),
with the tables' shapes the store gives. So they need no SQLAlchemy: a command that only reads
(`workshop list`, `show`, `log`, `export`) and the interface's first frame read an SQLite file
through `workshop.store.reading` before the data layer is imported, and the engine, which has it,
runs the same queries through its own store.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from workshop.domain import model, validate
from workshop.domain.errors import NotFound
from workshop.store.shape import Shapes


@dataclass(frozen=True)
class WorkshopSummary:
    id: int
    slug: str
    title: str
    phase: str
    created_at: str
    updated_at: str
    events: int
    touchpoints: int
    ideas: int
    pilots: int


@dataclass(frozen=True)
class LoggedEvent:
    seq: int
    at: str
    actor: str
    action: str
    summary: str
    phase: str
    target: int | None
    changes: list[dict[str, Any]]


@dataclass(frozen=True)
class WorkshopRows:
    """A workshop's rows as the tables hold them: the workshop row, item rows by table and
    reference, and its events' count and newest seq."""

    head: dict[str, Any]
    tables: dict[str, dict[str, dict[str, Any]]]
    event_count: int
    seq: int
    whole: bool = True
    """False when only some tables were read (`Reader.rows` with `only`): the others are left out,
    not empty."""


class Readable(Protocol):
    """What a reader needs of a store: its tables' shapes, and a cursor inside one reading
    transaction (one consistent snapshot)."""

    path: str

    def shapes(self) -> Shapes: ...

    def reading(self) -> AbstractContextManager[Any]: ...

    def close(self) -> None: ...


def find_workshop(cur: Any, shapes: Shapes, key: int | str, *, lock: str = "") -> dict[str, Any] | None:
    """The workshop row for an id, slug or uid (None if there is none); `lock` is appended to the
    look-up (a writer's row lock)."""
    text = str(key).strip()
    select = shapes.workshop.select
    if text.isascii() and text.isdigit():
        if int(text) > validate.MAX_INTEGER:
            return None  # beyond any id the database can hold
        cur.execute(f"{select} WHERE id = ?{lock}", (int(text),))
    else:
        cur.execute(f"{select} WHERE slug = ? OR uid = ?{lock}", (text.lower(), text))
    found = cur.fetchone()
    return shapes.workshop.row(found) if found else None


def required(row: dict[str, Any] | None, key: int | str) -> dict[str, Any]:
    """A workshop row found, or the message of one that is not."""
    if row is None:
        raise NotFound(f"workshop: no workshop {str(key).strip()!r} (see `workshop list`)")
    return row


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while many objects that live on are made (a workshop's
    rows, its event log): a collection in the middle walks everything already made, again and again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_REF = re.compile(r"^\s*([A-Za-z])\s*(\d+)\s*$")


def reference(value: str, kind: str, label: str) -> str:
    """Normalise a short reference such as 't3' to 'T3', checking its kind."""
    match = _REF.match(str(value))
    if not match or match.group(1).upper() != kind:
        raise NotFound(f"{label}: {value!r} is not a {label} reference (like {kind}1)")
    return f"{kind}{int(match.group(2))}"


def actor_name(actor: str | None) -> str:
    """Who makes a change, as the event log records it: one line of at most 200 characters with
    no control characters, trimmed; "" (no actor given) is an actor of its own."""
    return validate.name("actor", actor, required=False)


_EVENT_COLUMNS = "seq, at, actor, action, summary, phase, target"


class Reader:
    """The queries, on any store that can be read."""

    def __init__(self, store: Readable) -> None:
        self.store: Any = store  # the engine's own store is a `Store`, which is a `Readable` too

    def _workshop(self, cur: Any, key: int | str) -> dict[str, Any]:
        return required(find_workshop(cur, self.store.shapes(), key), key)

    def list_workshops(self) -> list[WorkshopSummary]:
        """All workshops, most recently changed first."""
        with self.store.reading() as cur:
            counts = {}
            for name in ("touchpoint", "idea", "pilot"):
                cur.execute(f"SELECT workshop_id, count(*) FROM {name} GROUP BY workshop_id")
                counts[name] = dict(cur.fetchall())
            cur.execute("SELECT workshop_id, max(at), count(*) FROM event GROUP BY workshop_id")
            activity = {wid: (at, n) for wid, at, n in cur.fetchall()}
            cur.execute("SELECT id, slug, title, phase, created_at FROM workshop")
            heads = cur.fetchall()
        result = [
            WorkshopSummary(
                id=wid, slug=slug, title=title, phase=phase, created_at=created,
                updated_at=activity.get(wid, (created, 0))[0],
                events=activity.get(wid, (None, 0))[1],
                touchpoints=counts["touchpoint"].get(wid, 0),
                ideas=counts["idea"].get(wid, 0),
                pilots=counts["pilot"].get(wid, 0),
            )
            for wid, slug, title, phase, created in heads
        ]
        return sorted(result, key=lambda s: (s.updated_at, s.id), reverse=True)

    def workshop_id(self, workshop: int | str) -> int:
        with self.store.reading() as cur:
            return self._workshop(cur, workshop)["id"]

    def load(self, workshop: int | str) -> model.WorkshopState:
        """The workshop as it is now."""
        rows = self.rows(workshop)
        with collector_paused():
            return model.build(rows.head, rows.tables, event_count=rows.event_count)

    def rows(self, workshop: int | str, *, only: Callable[[str], Collection[str] | None] | None = None
             ) -> WorkshopRows:
        """The workshop's rows as they are now, with the count and last seq of its events, all
        read in one transaction (so they agree with each other).

        `only`, given the workshop's phase, names the tables to read (None: all of them): what
        the screen of that phase shows, for a first screen drawn before the rest is read."""
        shapes = self.store.shapes()
        with self.store.reading() as cur:
            head = self._workshop(cur, workshop)
            wid = head["id"]
            wanted = only(str(head.get("phase") or "")) if only is not None else None
            # Tens of thousands of rows come back as tuples and become dicts once.
            tables = {}
            with collector_paused():
                for name, shape in shapes.items.items():
                    if wanted is not None and name not in wanted:
                        continue
                    cur.execute(f"{shape.select} WHERE workshop_id = ?", (wid,))
                    tables[name] = shape.by_ref(cur.fetchall())
            cur.execute("SELECT count(*), coalesce(max(seq), 0) FROM event WHERE workshop_id = ?", (wid,))
            count, last = cur.fetchone()
        return WorkshopRows(head, tables, int(count), int(last),
                            whole=wanted is None or set(wanted) >= set(shapes.items))

    def events(self, workshop: int | str, *, since: int = 0, changes: bool = True) -> list[LoggedEvent]:
        """The event log, in order (events after seq `since`); without `changes`, each event's
        row changes are left out (empty), which is most of what the log holds: for a summary of
        who changed what when."""
        with self.store.reading() as cur:
            wid = self._workshop(cur, workshop)["id"]
            payload = ", payload" if changes else ""
            cur.execute(f"SELECT {_EVENT_COLUMNS}{payload} FROM event WHERE workshop_id = ? AND seq > ? "
                        "ORDER BY seq", (wid, since))
            with collector_paused():
                found = cur.fetchall()
        with collector_paused():
            return _logged(found, changes)

    def last_seq(self, workshop: int | str) -> int:
        """The seq of the newest event: a cheap way to notice another process's change."""
        with self.store.reading() as cur:
            wid = self._workshop(cur, workshop)["id"]
            cur.execute("SELECT coalesce(max(seq), 0) FROM event WHERE workshop_id = ?", (wid,))
            return int(cur.fetchone()[0])


def _logged(found: list[tuple[Any, ...]], changes: bool) -> list[LoggedEvent]:
    """Events from the rows read: with their row changes, or (without `changes`) none."""
    if not changes:
        return [LoggedEvent(seq=seq, at=at, actor=actor, action=action, summary=summary,
                            phase=phase, target=target, changes=[])
                for seq, at, actor, action, summary, phase, target in found]
    # Plain tuples: a mapping per row costs more than the row itself on a long log.
    return [
        LoggedEvent(seq=seq, at=at, actor=actor, action=action, summary=summary, phase=phase,
                    target=target, changes=_payload(payload).get("changes", []))
        for seq, at, actor, action, summary, phase, target, payload in found
    ]


def _payload(value: Any) -> dict[str, Any]:
    """An event's payload as the cursor gives it: SQLite its JSON text, psycopg the value parsed."""
    return json.loads(value) if isinstance(value, (str, bytes)) else (value or {})
