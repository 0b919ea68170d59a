"""Provides `Follower`: one workshop's state kept current by folding the events written after it.

Reading a large workshop whole takes a second or more; the events of one change take a few
milliseconds. The follower reads the workshop once, then after each change (ours or another
process's) reads only the events it has not seen, folds their row changes into the rows it holds
and rebuilds only the items they touched (see `build`). The new state shares every untouched item
with the one before, so screens can tell what changed by identity.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from workshop.domain import model
from workshop.replay.build import Built, Rows, StateBuilder, Touched
from workshop.replay.log import _collector_paused, _settle, fold

if TYPE_CHECKING:
    from workshop.engine import Engine

MAX_EVENTS = 2000
"""From this many unseen events on, reading the workshop whole is cheaper than folding them."""


ACTORS_KEPT = 1000
"""How many of the latest events' actors a follower keeps (to tell the app's own from others')."""


class Follower:
    """The newest state of one workshop, brought up to date on request (thread-safe)."""

    def __init__(self, engine: Engine, workshop: int | str, *,
                 first: Callable[[str], Collection[str] | None] | None = None) -> None:
        """`first`, given the workshop's phase, names the only tables to read now (see
        `Reader.rows`): the state then holds those alone (`whole` is False) until the first
        `catch_up`, which reads the workshop whole."""
        self.engine = engine
        self.whole = True
        self._lock = threading.Lock()
        self._builder: StateBuilder | None = None
        self._head: dict = {}
        self._tables: Rows = {}
        self._built: Built | None = None
        self.seq = 0
        self._actors: collections.deque[tuple[int, str]] = collections.deque(maxlen=ACTORS_KEPT)
        """Who made each of the latest events folded in, by seq."""
        self.state: model.WorkshopState = self._read(workshop, first)
        self.workshop_id = self.state.id

    def _read(self, workshop: int | str, first: Callable[[str], Collection[str] | None] | None = None
              ) -> model.WorkshopState:
        with _collector_paused():
            rows = self.engine.rows(workshop, only=first)
            tables = rows.tables
            if self._builder is not None and self._builder.workshop_id == rows.head["id"]:
                # Read again: the rows that did not change stay the objects on screen.
                tables = _same_rows(self._tables, tables)
                self._builder = self._builder.carried(tables)
            else:
                self._builder = StateBuilder(rows.head["id"])
            self._head, self._tables, self.seq, self.whole = rows.head, tables, rows.seq, rows.whole
            self._built = self._builder.full(tables)
            state = self._builder.state(rows.head, self._built.items, rows.event_count)
        # A large workshop's rows and items live as long as it is open: kept out of the garbage
        # collector's walks, so a collection in the middle of drawing a frame stays short.
        _settle(rows.event_count)
        return state

    def catch_up(self) -> tuple[model.WorkshopState, int]:
        """The state with every event written so far, and the seq of the newest.

        Raises `NotFound` when the workshop was deleted, and the store's errors when it cannot be
        read just now (the state held stays as it was).
        """
        with self._lock:
            if not self.whole:  # the first screen's tables alone so far: now all of them
                self.state = self._read(self.workshop_id)
                return self.state, self.seq
            events = self.engine.events(self.workshop_id, since=self.seq)
            if not events:
                return self.state, self.seq
            seqs = [e.seq for e in events]
            if seqs != list(range(self.seq + 1, self.seq + 1 + len(events))) or len(events) >= MAX_EVENTS:
                # Not a plain continuation of what is held (or too long to fold): read it whole.
                self.state = self._read(self.workshop_id)
                return self.state, self.seq
            with _collector_paused():
                self._fold(events)
            self._actors.extend((e.seq, e.actor) for e in events)
            return self.state, self.seq

    def actors_after(self, seq: int) -> set[str] | None:
        """Who made the events folded in after `seq`, or None when that is not known (the events
        were read whole, or are older than those kept)."""
        with self._lock:
            kept = list(self._actors)
        if self.seq <= seq:
            return set()
        if not kept or kept[0][0] > seq + 1 or kept[-1][0] != self.seq:
            return None
        return {actor for at, actor in kept if at > seq}

    def _fold(self, events: list) -> None:
        assert self._builder is not None and self._built is not None
        names = {change["t"] for event in events for change in event.changes}
        # Copy the tables these events change, so the rows before stay whole for the builder.
        before_tables, before_built, before = self._tables, self._built, self.state
        tables = {t: (dict(rows) if t in names else rows) for t, rows in before_tables.items()}
        head: dict | None = self._head
        touched: Touched = {}
        for event in events:
            head = fold(head, tables, event.changes, touched)
        built = self._builder.update(before_built, before_tables, tables, touched)
        self._builder.forget(before_built, before_tables, built, tables, touched)
        self._head, self._tables, self._built = head or self._head, tables, built
        self.seq = events[-1].seq
        self.state = self._builder.state(self._head, built.items, before.event_count + len(events))
        # What the screens counted over thousands of votes is brought forward, not counted again.
        moved = []
        for ref in touched.get("vote", ()):
            for rows, sign in ((before_tables.get("vote", {}), -1), (tables.get("vote", {}), 1)):
                row = rows.get(ref)
                if row is not None:
                    moved.append((row["participant"], row["idea"], sign * row["dots"]))
        model.carry_indexes(before, self.state, moved)


def _same_rows(before: Rows, now: Rows) -> Rows:
    """`now`, with each row equal to the one `before` held under its reference replaced by that
    row (a row's identity stands for its content, see `workshop.replay.build`)."""
    result: Rows = {}
    for table, rows in now.items():
        old = before.get(table)
        if not old:
            result[table] = rows
            continue
        result[table] = {ref: (kept if (kept := old.get(ref)) is not None and kept == row else row)
                         for ref, row in rows.items()}
    return result


__all__ = ["Follower", "MAX_EVENTS"]
