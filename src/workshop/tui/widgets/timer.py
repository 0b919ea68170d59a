"""Provides the phase timer: a clock per phase that keeps running across screens, and big digits
that can be read from the back of the room, with a notice when the timebox is used up."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Digits, Static


class PhaseClock:
    """The timebox of one phase: started, paused and resumed; counts past zero into overtime."""

    def __init__(self, minutes: float | None) -> None:
        self.total = int((minutes or 0) * 60)
        self._elapsed = 0.0
        self._since: float | None = None
        self.announced = False

    @property
    def running(self) -> bool:
        return self._since is not None

    def toggle(self, now: float | None = None) -> bool:
        """Start or pause; returns whether it now runs."""
        now = time.monotonic() if now is None else now
        if self._since is None:
            self._since = now
        else:
            self._elapsed += now - self._since
            self._since = None
        return self.running

    def elapsed(self, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        return self._elapsed + (now - self._since if self._since is not None else 0.0)

    def remaining(self, now: float | None = None) -> int:
        """Whole seconds left (negative in overtime)."""
        left = self.total - self.elapsed(now)
        return int(left) if left >= 0 else -int(-left + 0.999)

    @property
    def has_timebox(self) -> bool:
        return self.total > 0


def clock_text(seconds: int) -> str:
    """12:05, or -1:30 in overtime."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


class PhaseTimer(Horizontal):
    """The running clock of the current phase; `t` starts and pauses it."""

    def __init__(self, clock: PhaseClock, phase_title: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.clock = clock
        self.phase_title = phase_title
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", id="timer-state")
        yield Digits(self._text(), id="timer-digits")

    def on_mount(self) -> None:
        self.set_interval(0.5, self.tick)
        self.tick()

    def _text(self) -> str:
        if not self.clock.has_timebox:
            return "--:--"
        return clock_text(self.clock.remaining())

    def tick(self) -> None:
        """Redraw when something changed, and announce once that the time is up."""
        over = self.clock.has_timebox and self.clock.remaining() <= 0
        if not self.clock.has_timebox:
            label = "no timebox"
        elif over:
            label = "TIME IS UP"
        else:
            label = "running" if self.clock.running else "paused (t)"
        shown = (self._text(), label, self.clock.running, over)
        if shown != self._shown:
            self._shown = shown
            self.query_one("#timer-digits", Digits).update(shown[0])
            self.query_one("#timer-state", Static).update(label)
            self.set_class(self.clock.running, "-running")
            self.set_class(over, "-overtime")
        if over and self.clock.running and not self.clock.announced:
            self.clock.announced = True
            self.app.bell()
            self.notify(f"Time is up for {self.phase_title}.", title="Timer", severity="warning", timeout=15)

    def toggle(self) -> bool:
        running = self.clock.toggle()
        self.tick()
        return running
