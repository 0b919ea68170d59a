"""Provides the phase timers as plain values: a timebox per phase, how much of it is used, since
when it runs, and the time left at any moment (the clock of a workshop is stored, not kept in a
window, so every window, the command line and a replay read the same time).

A workshop stores its timers as `{"what-if": {"timebox": 600, "elapsed": 12.5, "since": "…"}}`:
seconds, and the wall-clock moment (UTC, ISO 8601) the timer was last started, or null while it
is paused. Wall-clock time, because the windows reading it are different processes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workshop.domain.errors import InvalidInput
from workshop.domain.values import Phase

MAX_MINUTES = 480
"""The longest timebox: a whole working day for one phase is already more than any room needs."""

TIMER_ACTIONS = ("timer.start", "timer.pause", "timer.reset", "timer.set")
"""The logged actions of the timers: replay shows them, undo and redo pass over them."""


def parse_moment(text: str) -> dt.datetime:
    """A stored moment (ISO 8601; UTC when it has no offset) as an aware datetime."""
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def utc_now() -> dt.datetime:
    """Now, as the timers count it."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class PhaseClock:
    """One phase's timer: its timebox, the seconds used while it ran before, and since when it
    runs now (None while paused). It counts on past zero into overtime."""

    phase: Phase
    timebox: int = 0
    """Seconds; 0 when there is no timebox."""
    elapsed: float = 0.0
    """Seconds used up to the last pause (or start)."""
    since: str | None = None
    """When it was last started (UTC, ISO 8601), or None while it is paused."""

    @property
    def running(self) -> bool:
        return self.since is not None

    @property
    def has_timebox(self) -> bool:
        return self.timebox > 0

    @property
    def untouched(self) -> bool:
        """Full and paused: as it was before it was first started (or after a reset)."""
        return not self.running and self.elapsed == 0

    def used(self, now: dt.datetime) -> float:
        """Seconds used at `now` (a clock set back never makes it run backwards)."""
        if self.since is None:
            return self.elapsed
        return self.elapsed + max(0.0, (now - parse_moment(self.since)).total_seconds())

    def remaining(self, now: dt.datetime) -> float:
        """Seconds left at `now`; negative in overtime."""
        return self.timebox - self.used(now)

    def over(self, now: dt.datetime) -> bool:
        """Whether the timebox is used up at `now`."""
        return self.has_timebox and self.remaining(now) <= 0

    def row(self) -> dict[str, Any]:
        """The stored form: `{"timebox": …, "elapsed": …, "since": …}`."""
        return {"timebox": self.timebox, "elapsed": self.elapsed, "since": self.since}


def clocks(stored: Mapping[str, Any] | None) -> tuple[PhaseClock, ...]:
    """The stored timers (a workshop's `timers` value) as values, in phase order."""
    stored = stored or {}
    found = []
    for phase in Phase:
        row = stored.get(phase.value)
        if isinstance(row, Mapping):
            found.append(PhaseClock(phase, int(row.get("timebox") or 0), float(row.get("elapsed") or 0.0),
                                    row.get("since")))
    return tuple(found)


def stored(timers: tuple[PhaseClock, ...] | list[PhaseClock]) -> dict[str, dict[str, Any]]:
    """Timers in their stored form, in phase order (so the same timers always read the same)."""
    order = list(Phase)
    return {c.phase.value: c.row() for c in sorted(timers, key=lambda c: order.index(c.phase))}


# checking what is typed --------------------------------------------------------------------------


def phase(value: str | Phase) -> Phase:
    """A phase named as typed: `what-if`, `What If`, `what_if`."""
    try:
        return Phase(str(value).strip().lower().replace(" ", "-").replace("_", "-"))
    except ValueError:
        options = ", ".join(p.value for p in Phase)
        raise InvalidInput("phase", f"must be one of: {options} (not {value!r})") from None


def minutes(value: Any, field: str = "minutes") -> int:
    """A timebox in minutes (whole or not) as whole seconds; above 0 and at most `MAX_MINUTES`."""
    problem = f"must be a number of minutes above 0 and at most {MAX_MINUTES}, not {value!r}"
    if isinstance(value, bool):
        raise InvalidInput(field, problem)
    try:
        number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise InvalidInput(field, problem) from None
    if not math.isfinite(number) or number <= 0 or number > MAX_MINUTES:
        raise InvalidInput(field, problem)
    seconds = round(number * 60)
    if seconds < 1:
        raise InvalidInput(field, problem)
    return seconds


# in words ---------------------------------------------------------------------------------------


def shown_seconds(remaining: float) -> int:
    """The whole seconds a countdown shows: it reads 10:00 for the first second and 0:00 only
    once the time is up, then counts the overtime."""
    return math.ceil(remaining - 1e-6)


def _mm_ss(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def clock_text(remaining: float) -> str:
    """12:05, or -1:30 in overtime."""
    seconds = shown_seconds(remaining)
    return ("-" if seconds < 0 else "") + _mm_ss(abs(seconds))


def left_words(clock: PhaseClock, now: dt.datetime) -> str:
    """`10:00 left`, `2:05 over`, or `no timebox`."""
    if not clock.has_timebox:
        return "no timebox"
    seconds = shown_seconds(clock.remaining(now))
    return f"{_mm_ss(-seconds)} over" if seconds < 0 else f"{_mm_ss(seconds)} left"


def minutes_text(seconds: int) -> str:
    """A timebox in minutes as typed: `15`, `7.5`."""
    value = seconds / 60
    return f"{value:g}" if value != int(value) else str(int(value))


def minutes_words(seconds: int) -> str:
    """`15 minutes`, `1 minute`, `7.5 minutes`."""
    shown = minutes_text(seconds)
    return f"{shown} minute{'' if shown == '1' else 's'}"


def state_words(clock: PhaseClock, now: dt.datetime) -> str:
    """`running`, `paused`, `not started`, with `time is up` in overtime."""
    state = "running" if clock.running else ("not started" if clock.untouched else "paused")
    return f"time is up, {state}" if clock.over(now) else state


__all__ = ["MAX_MINUTES", "TIMER_ACTIONS", "PhaseClock", "clock_text", "clocks", "left_words", "minutes",
           "minutes_text", "minutes_words", "parse_moment", "phase", "shown_seconds", "state_words", "stored", "utc_now"]
