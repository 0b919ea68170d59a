"""Provides `Replay`: the state of a workshop after any event, folded from its event log.

Positions count events from 1: `state_at(k)` is the workshop just after its k-th event, so
position 1 is the workshop as it was created (with its stages) and `len(replay)` is the workshop
as it is now. There is no position 0: before the first event the workshop did not exist.

Folding never writes anything. Seeking is fast because the fold keeps a snapshot of the rows every
`interval` events; a seek copies the nearest snapshot at or before the target (rows are never
changed in place, so snapshots share them) and folds the few events after it. The state is then
built from the snapshot's state, redoing only what those events touched (see `build`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workshop.domain import model
from workshop.domain.errors import InvalidInput, NotFound, StoreDamaged
from workshop.domain.fold import Rows, Touched, fold
from workshop.domain.values import Phase
from workshop.engine.reading import LoggedEvent
from workshop.engine.reading import collector_paused as _collector_paused
from workshop.replay.build import Built, StateBuilder
from workshop.replay.words import describe, parse_time

if TYPE_CHECKING:
    from workshop.engine import Engine

SNAPSHOT_INTERVAL = 500
MAX_SNAPSHOTS = 40
"""A long log keeps at most this many snapshots (each holds every row), so memory stays bounded
and the collector has less to walk; seeking then folds at most len/40 events."""

LONG_LOG = 5000
"""From this many events on, what a replay keeps is moved out of the garbage collector's reach."""


_BROKEN = (KeyError, TypeError, ValueError, AttributeError, IndexError)
"""What folding or building raises on a log whose changes are not what the engine writes (one
imported before archives were proven to fold); each becomes `StoreDamaged` with a message."""


@contextmanager
def _readable(where: str) -> Iterator[None]:
    try:
        yield
    except _BROKEN as exc:
        raise StoreDamaged(f"replay: the event log cannot be replayed {where}: it holds a change the "
                           f"engine never writes ({type(exc).__name__}: {exc})") from None


def _settle(events: int) -> None:
    # What a long log's replay keeps is kept until the replay ends: moving it out of the
    # collector's reach keeps later collections (and so seeks and screen updates) short.
    if events >= LONG_LOG:
        gc.freeze()


@dataclass(frozen=True)
class PhaseChange:
    """Where a phase began: the position of the event that moved the workshop into it."""

    position: int
    phase: Phase
    at: str


class Replay:
    """A workshop's event log, ready to show the workshop as it was after any event."""

    def __init__(self, events: list[LoggedEvent], *, workshop_id: int = 0,
                 interval: int | None = None) -> None:
        if not events:
            raise NotFound("workshop: it has no events to replay")
        self.events = events
        self.workshop_id = workshop_id
        if interval is None:
            interval = max(SNAPSHOT_INTERVAL, -(-len(events) // MAX_SNAPSHOTS))
        self.interval = max(1, interval)
        self._snapshots: list[tuple[dict[str, Any], Rows]] = []
        self._between: list[Touched] = []
        """What the events after each snapshot (up to the next) touched."""
        self._items: dict[int, Built] = {}
        """The built items of a snapshot's state, made when first needed."""
        self._builder = StateBuilder(workshop_id)
        self._last: tuple[int, model.WorkshopState] | None = None
        self._phases: list[PhaseChange] = []
        self._times: list[dt.datetime] | None = None
        self._build()

    @classmethod
    def open(cls, engine: Engine, workshop: int | str, *, warm: bool = True, **options: Any) -> Replay:
        """The replay of a workshop's whole log (read once; nothing is written). With `warm` (the
        default) every snapshot's state is built now, so the first seek anywhere is as fast as
        the rest; without it, a snapshot's state is built when a seek first needs it."""
        with _collector_paused():
            events = engine.events(workshop)
        replay = cls(events, workshop_id=engine.workshop_id(workshop), **options)
        if warm:
            replay.warm()
        return replay

    def warm(self) -> None:
        """Build every snapshot's state now (each from the one before, so it costs little more
        than building the last)."""
        with _collector_paused(), _readable("from its start"):
            for index in range(len(self._snapshots)):
                self._snapshot_items(index)
        _settle(len(self.events))

    def _build(self) -> None:
        # One pass over the log: snapshots at 0, interval, 2*interval... (snapshot i holds the
        # rows after i*interval events) and the index of phase changes.
        with _collector_paused(), _readable("from its start"):
            self._fold_all()
        _settle(len(self.events))

    def _fold_all(self) -> None:
        head: dict[str, Any] | None = None
        tables: Rows = {}
        previous = None
        for position, event in enumerate(self.events, start=1):
            if (position - 1) % self.interval == 0:
                self._snapshots.append((head or {}, {t: dict(rows) for t, rows in tables.items()}))
                self._between.append({})
            head = fold(head, tables, event.changes, self._between[-1])
            if event.phase != previous:
                self._phases.append(PhaseChange(position, Phase(event.phase or "brief"), event.at))
                previous = event.phase

    def __len__(self) -> int:
        return len(self.events)

    def _check(self, k: int) -> int:
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(self.events):
            raise InvalidInput("event", f"must be a position from 1 to {len(self.events)}, not {k!r}")
        return k

    def event(self, k: int) -> LoggedEvent:
        """The k-th event (1-based)."""
        return self.events[self._check(k) - 1]

    def _fold_to(self, k: int) -> tuple[int, dict[str, Any], Rows, Touched]:
        # Copy-on-seek: the nearest snapshot's tables are copied (the rows themselves are shared,
        # since folding replaces rows rather than changing them) and the events after it folded.
        index = (self._check(k) - 1) // self.interval
        head, snapshot = self._snapshots[index]
        tables = {t: dict(rows) for t, rows in snapshot.items()}
        touched: Touched = {}
        for event in self.events[index * self.interval:k]:
            head = fold(head, tables, event.changes, touched)
        return index, head or {}, tables, touched

    def _snapshot_items(self, index: int) -> Built:
        """The built state of snapshot `index`, from the nearest built snapshot before it."""
        if index in self._items:
            return self._items[index]
        tables = self._snapshots[index][1]
        earlier = max((i for i in self._items if i < index), default=None)
        if earlier is None:
            built = self._builder.full(tables)
        else:
            touched: Touched = {}
            for between in self._between[earlier:index]:
                for table, refs in between.items():
                    touched.setdefault(table, set()).update(refs)
            built = self._builder.update(self._items[earlier], self._snapshots[earlier][1], tables, touched)
        self._items[index] = built
        return built

    def rows_at(self, k: int) -> tuple[dict[str, Any], Rows]:
        """The workshop row and the item rows just after the k-th event, as the tables would hold
        them (copies the caller may change)."""
        with _readable(f"to event {k}"):
            _index, head, tables, _touched = self._fold_to(k)
        return _copy(head), {t: {ref: _copy(row) for ref, row in rows.items()} for t, rows in tables.items()}

    def state_at(self, k: int) -> model.WorkshopState:
        """The workshop as it was just after its k-th event."""
        if self._last is not None and self._last[0] == k:
            return self._last[1]
        with _collector_paused(), _readable(f"to event {k}"):
            index, head, tables, touched = self._fold_to(k)
            built = self._builder.update(self._snapshot_items(index), self._snapshots[index][1], tables, touched)
            state = self._builder.state(head, built.items, k)
        self._last = (k, state)
        return state

    # the timeline ----------------------------------------------------------------------------

    def phase_changes(self) -> list[PhaseChange]:
        """Where each phase began, in order (the first entry is the workshop's creation)."""
        return list(self._phases)

    def phase_at(self, k: int) -> Phase:
        """The phase the workshop was in just after the k-th event."""
        return Phase(self.event(k).phase or "brief")

    def previous_phase_change(self, k: int) -> int:
        """The position of the phase change before `k` (or 1)."""
        starts = [p.position for p in self._phases]
        index = bisect.bisect_left(starts, k) - 1
        return starts[index] if index >= 0 else 1

    def next_phase_change(self, k: int) -> int:
        """The position of the phase change after `k` (or the last event)."""
        starts = [p.position for p in self._phases]
        index = bisect.bisect_right(starts, k)
        return starts[index] if index < len(starts) else len(self.events)

    def time_of(self, k: int) -> dt.datetime:
        """When the k-th event happened (aware, UTC)."""
        return parse_time(self.event(k).at)

    def pause_after(self, k: int) -> float:
        """Seconds between the k-th event and the next one, as they happened (0 at the end)."""
        if k >= len(self.events):
            return 0.0
        return max(0.0, (self.time_of(k + 1) - self.time_of(k)).total_seconds())

    def position_at(self, moment: dt.datetime) -> int:
        """The number of events that had happened at `moment` (0 if the workshop did not exist)."""
        moment = moment if moment.tzinfo else moment.astimezone()
        if self._times is None:
            self._times = [parse_time(e.at) for e in self.events]
        return bisect.bisect_right(self._times, moment)

    def describe(self, k: int) -> str:
        """The k-th event in words, with its local time."""
        return describe(self.event(k))


def _copy(row: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, list) else v for k, v in row.items()}


__all__ = ["PhaseChange", "Replay", "Rows", "fold", "parse_time"]
