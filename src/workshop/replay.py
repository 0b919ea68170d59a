"""Provides replay: the state of a workshop after any event, folded from its event log.

Positions count events from 1: `state_at(k)` is the workshop just after its k-th event, so
position 1 is the workshop as it was created (with its stages) and `len(replay)` is the workshop
as it is now. There is no position 0: before the first event the workshop did not exist.

Folding never writes anything. Seeking is fast because the fold keeps a snapshot of the rows every
`interval` events; a seek copies the nearest snapshot at or before the target (rows are never
changed in place, so snapshots share them) and folds the few events after it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workshop.domain import model
from workshop.domain.errors import InvalidInput, NotFound
from workshop.domain.values import Phase
from workshop.engine.base import LoggedEvent

if TYPE_CHECKING:
    from workshop.engine import Engine

Rows = dict[str, dict[str, dict[str, Any]]]
"""Item rows by table, then by reference (as `engine.load` reads them)."""

SNAPSHOT_INTERVAL = 500


@dataclass(frozen=True)
class PhaseChange:
    """Where a phase began: the position of the event that moved the workshop into it."""

    position: int
    phase: Phase
    at: str


def fold(head: dict[str, Any] | None, tables: Rows, changes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Apply one event's row changes to `head` and `tables`; returns the new workshop row.

    Row dicts are replaced, never changed in place, so snapshots that share them stay true.
    """
    for change in changes:
        table, ref, after = change["t"], change["ref"], change["after"]
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


class Replay:
    """A workshop's event log, ready to show the workshop as it was after any event."""

    def __init__(self, events: list[LoggedEvent], *, workshop_id: int = 0,
                 interval: int = SNAPSHOT_INTERVAL) -> None:
        if not events:
            raise NotFound("workshop: it has no events to replay")
        self.events = events
        self.workshop_id = workshop_id
        self.interval = max(1, interval)
        self._snapshots: list[tuple[dict[str, Any], Rows]] = []
        self._phases: list[PhaseChange] = []
        self._times: list[dt.datetime] | None = None
        self._build()

    @classmethod
    def open(cls, engine: Engine, workshop: int | str, **options: Any) -> Replay:
        """The replay of a workshop's whole log (read once; nothing is written)."""
        return cls(engine.events(workshop), workshop_id=engine.workshop_id(workshop), **options)

    def _build(self) -> None:
        # One pass over the log: snapshots at 0, interval, 2*interval... (snapshot i holds the
        # rows after i*interval events) and the index of phase changes.
        head: dict[str, Any] | None = None
        tables: Rows = {}
        previous = None
        for position, event in enumerate(self.events, start=1):
            if (position - 1) % self.interval == 0:
                self._snapshots.append((head or {}, {t: dict(rows) for t, rows in tables.items()}))
            head = fold(head, tables, event.changes)
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

    def _fold_to(self, k: int) -> tuple[dict[str, Any], Rows]:
        # Copy-on-seek: the nearest snapshot's tables are copied (the rows themselves are shared,
        # since folding replaces rows rather than changing them) and the events after it folded.
        index = (self._check(k) - 1) // self.interval
        head, snapshot = self._snapshots[index]
        tables = {t: dict(rows) for t, rows in snapshot.items()}
        for event in self.events[index * self.interval:k]:
            head = fold(head, tables, event.changes)
        return head or {}, tables

    def rows_at(self, k: int) -> tuple[dict[str, Any], Rows]:
        """The workshop row and the item rows just after the k-th event, as the tables would hold
        them (copies the caller may change)."""
        head, tables = self._fold_to(k)
        return _copy(head), {t: {ref: _copy(row) for ref, row in rows.items()} for t, rows in tables.items()}

    def state_at(self, k: int) -> model.WorkshopState:
        """The workshop as it was just after its k-th event."""
        head, tables = self._fold_to(k)
        return model.build(head | {"id": self.workshop_id}, tables, event_count=k)

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


def parse_time(text: str) -> dt.datetime:
    """An event time (ISO, UTC) as an aware datetime."""
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def local_time(event: LoggedEvent, *, date: bool = False) -> str:
    """When an event happened, in the local time zone: `10:42`, or `2026-03-14 10:42`."""
    moment = parse_time(event.at).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M" if date else "%H:%M")


def describe(event: LoggedEvent, *, date: bool = False) -> str:
    """An event in words: "10:42 Kari added touchpoint T7 'Waits for the parcel' to Delivery …"."""
    when = local_time(event, date=date)
    who = event.actor.strip() or "The facilitator"
    summary = event.summary.strip() or event.action
    if event.action in ("undo", "redo"):
        what = summary.split(": ", 1)[1] if ": " in summary else summary
        return f"{when} {who} {'undid' if event.action == 'undo' else 'redid'}: {what}"
    if summary[:1].isupper():
        # The summary already names who did it (a participant's dots, cast by proxy or not).
        return f"{when} {summary}"
    return f"{when} {who} {summary}"


_SEQ = re.compile(r"^#?\s*(\d+)$")


def parse_point(at: str) -> int | dt.datetime:
    """An event number (`120`, `#120`) or a moment: an ISO date and time, local unless it has an
    offset; a date alone means the end of that day."""
    text = str(at).strip()
    match = _SEQ.match(text)
    if match:
        return int(match.group(1))
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is not None:
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()) - dt.timedelta(microseconds=1)
        return end.astimezone()
    try:
        moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if " " in text else text)
    except ValueError:
        raise InvalidInput(
            "at", f"give an event number (like 120) or a date and time (like 2026-03-14 10:42, "
            f"or 2026-03-14T10:42+01:00), not {at!r}"
        ) from None
    return moment if moment.tzinfo else moment.astimezone()


def state_at_point(engine: Engine, workshop: int | str, at: str) -> tuple[model.WorkshopState, list[LoggedEvent]]:
    """The workshop as it was at `at` (an event number or a moment) and its log up to then."""
    point = parse_point(at)
    replay = Replay.open(engine, workshop)
    if isinstance(point, int):
        if not 1 <= point <= len(replay):
            raise InvalidInput("at", f"there is no event {point}; the log has events 1 to {len(replay)}")
        k = point
    else:
        k = replay.position_at(point)
        if k == 0:
            first = local_time(replay.event(1), date=True)
            raise InvalidInput("at", f"the workshop did not exist yet at {at.strip()} (created {first})")
    return replay.state_at(k), replay.events[:k]


__all__ = ["PhaseChange", "Replay", "describe", "fold", "local_time", "parse_point", "state_at_point"]
