"""Provides the phase timer actions: start, pause and reset a phase's timer and set its timebox,
each one transaction with its event. The timers are stored with the workshop, so every window,
the command line and a replay read the same time; undo and redo pass over these events (the
clock is where the room is in its time, not something it made)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from workshop.domain import timers
from workshop.domain.errors import InvalidInput, RuleRefused
from workshop.domain.timers import PhaseClock, left_words, minutes_words
from workshop.domain.values import PHASE_TITLES, Phase
from workshop.engine.base import EngineBase
from workshop.engine.tx import now

# What an action does to a phase's timer: (phase, its timer or None, the moment as text) ->
# the timer after and the summary for the log.
Change = Callable[[Phase, PhaseClock | None, str], tuple[PhaseClock, str]]


class TimerActions(EngineBase):
    """Starting, pausing and resetting the phase timers, and setting their timeboxes."""

    def start_timer(self, workshop: int | str, phase: str | Phase | None = None, *,
                    minutes: float | None = None, default_minutes: float | None = None,
                    actor: str | None = None) -> str:
        """Start (or resume) a phase's timer; returns what was done, in words.

        `phase` defaults to the workshop's current phase. `minutes` sets the timebox it runs
        with; `default_minutes` is the timebox for a timer that has none yet (the playbook's).
        """
        seconds = None if minutes is None else timers.minutes(minutes)
        default = None if default_minutes is None else timers.minutes(default_minutes, "timebox")

        def start(which: Phase, clock: PhaseClock | None, at: str) -> tuple[PhaseClock, str]:
            name = PHASE_TITLES[which]
            if clock is not None and clock.running:
                raise RuleRefused(f"timer: the {name} timer is already running "
                                  f"({left_words(clock, timers.parse_moment(at))})")
            timebox = seconds or (clock.timebox if clock is not None and clock.has_timebox else default)
            if not timebox:
                raise InvalidInput("minutes", f"the {name} timer has no timebox yet: give its minutes")
            elapsed = clock.elapsed if clock is not None else 0.0
            started = PhaseClock(which, timebox, elapsed, at)
            return started, f"started the {name} timer ({left_words(started, timers.parse_moment(at))})"

        return self._clock_change(workshop, phase, "timer.start", actor, start)

    def pause_timer(self, workshop: int | str, phase: str | Phase | None = None, *,
                    actor: str | None = None) -> str:
        """Pause a running timer (of the current phase unless `phase` says); returns what was
        done, in words."""

        def pause(which: Phase, clock: PhaseClock | None, at: str) -> tuple[PhaseClock, str]:
            name = PHASE_TITLES[which]
            if clock is None or not clock.running:
                raise RuleRefused(f"timer: the {name} timer is not running")
            moment = timers.parse_moment(at)
            paused = dataclasses.replace(clock, elapsed=round(clock.used(moment), 3), since=None)
            return paused, f"paused the {name} timer ({left_words(paused, moment)})"

        return self._clock_change(workshop, phase, "timer.pause", actor, pause)

    def reset_timer(self, workshop: int | str, phase: str | Phase | None = None, *,
                    minutes: float | None = None, actor: str | None = None) -> str:
        """Put a timer back to its full timebox, paused (with `minutes`, a new timebox)."""
        seconds = None if minutes is None else timers.minutes(minutes)

        def reset(which: Phase, clock: PhaseClock | None, at: str) -> tuple[PhaseClock, str]:
            name = PHASE_TITLES[which]
            if clock is None and seconds is None:
                raise RuleRefused(f"timer: the {name} timer has not been started")
            if clock is not None and clock.untouched and seconds in (None, clock.timebox):
                raise RuleRefused(f"timer: the {name} timer is already full and paused")
            fresh = PhaseClock(which, seconds or clock.timebox)  # type: ignore[union-attr]
            return fresh, f"reset the {name} timer ({left_words(fresh, timers.parse_moment(at))})"

        return self._clock_change(workshop, phase, "timer.reset", actor, reset)

    def set_timebox(self, workshop: int | str, phase: str | Phase | None = None, *,
                    minutes: float, actor: str | None = None) -> str:
        """Give a phase's timer a new timebox; a running timer keeps running, with the time it
        has used."""
        seconds = timers.minutes(minutes)

        def set_(which: Phase, clock: PhaseClock | None, at: str) -> tuple[PhaseClock, str]:
            name = PHASE_TITLES[which]
            if clock is not None and clock.timebox == seconds:
                raise RuleRefused(f"minutes: the {name} timebox is already {minutes_words(seconds)}")
            changed = PhaseClock(which, seconds) if clock is None else dataclasses.replace(clock, timebox=seconds)
            left = left_words(changed, timers.parse_moment(at))
            return changed, f"set the {name} timebox to {minutes_words(seconds)} ({left})"

        return self._clock_change(workshop, phase, "timer.set", actor, set_)

    def _clock_change(self, workshop: int | str, phase: str | Phase | None, action: str,
                      actor: str | None, change: Change) -> str:
        """One timer action in one transaction: the timer read, changed and written back with
        its event, whose time is the moment the timer counts from."""
        chosen = None if phase is None else timers.phase(phase)
        with self._change(workshop, action, actor) as tx:
            which = chosen or Phase(tx.workshop.get("phase") or "brief")
            held = {c.phase: c for c in timers.clocks(tx.workshop.get("timers"))}
            at = now()
            held[which], tx.summary = change(which, held.get(which), at)
            tx.update_workshop(timers=timers.stored(list(held.values())))
            tx.at = at
            return tx.summary


__all__ = ["TimerActions"]
