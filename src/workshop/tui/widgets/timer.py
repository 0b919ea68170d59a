"""Provides the phase timer on screen: big digits that can be read from the back of the room,
showing the time left on the phase's timer as the workshop stores it (so every window shows the
same time), ticking twice a second while it runs, and marked when the timebox is used up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Digits, Static

from workshop.domain.timers import PhaseClock, clock_text, utc_now
from workshop.domain.values import Phase
from workshop.tui.words import t


class PhaseTimer(Horizontal):
    """The timer of one phase; `t` starts and pauses it (through the engine, see `PhaseScreen`)."""

    def __init__(self, phase: Phase, clock: PhaseClock | None, default_minutes: float | None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.phase = phase
        self.stored = clock
        """The phase's timer as the workshop holds it (None until it is first started or set)."""
        self.default_minutes = default_minutes
        """The playbook's timebox, shown until the timer has one of its own."""
        self._shown: tuple[object, ...] = ()

    @property
    def clock(self) -> PhaseClock:
        """The timer to show: the stored one, else the playbook's timebox, full and paused."""
        if self.stored is not None and self.stored.has_timebox:
            return self.stored
        return PhaseClock(self.phase, round((self.default_minutes or 0) * 60))

    def compose(self) -> ComposeResult:
        # Shown from the first frame (a tick in on_mount would come a frame later: not mounted yet).
        digits, label, running, over = self._shown = self._to_show()
        self.set_class(running, "-running")
        self.set_class(over, "-overtime")
        yield Static(label, id="timer-state")
        yield Digits(digits, id="timer-digits")
        yield Static(Content(f"{digits}  {label}"), id="timer-line")  # narrow: time and state in a line

    def on_mount(self) -> None:
        self.set_interval(0.5, self.tick)

    def now(self) -> dt.datetime:
        """The moment the timer is shown at: now, or in a replay the moment of the event shown."""
        moment = getattr(self.screen, "clock_moment", None)
        return moment() if callable(moment) else utc_now()

    def _to_show(self) -> tuple[str, str, bool, bool]:
        """The digits, the state's word, whether it runs and whether its timebox is used up."""
        clock, now = self.clock, self.now()
        over = clock.over(now)
        if not clock.has_timebox:
            return "--:--", t("timer.no_timebox"), clock.running, over
        label = t("timer.up") if over else (t("timer.running") if clock.running else t("timer.paused"))
        return clock_text(clock.remaining(now)), label, clock.running, over

    def show(self, clock: PhaseClock | None) -> None:
        """Take the phase's timer from a new state of the workshop."""
        self.stored = clock
        self.tick()

    def tick(self) -> None:
        """Redraw when what is shown changed."""
        if not self.is_mounted:
            return
        shown = self._to_show()
        if shown == self._shown:
            return
        self._shown = shown
        digits, label, running, over = shown
        self.query_one("#timer-digits", Digits).update(digits)
        self.query_one("#timer-state", Static).update(label)
        self.query_one("#timer-line", Static).update(Content(f"{digits}  {label}"))
        self.set_class(running, "-running")
        self.set_class(over, "-overtime")
