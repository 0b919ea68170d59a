"""Provides what the playbook gives the open workshop: the playbook itself (the workshop's own,
or the one named on the command line), each phase's guide and timebox, and when to say that a
phase's time is up (`Guided`, the app's side of it)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.timers import PhaseClock, utc_now
from workshop.domain.values import PHASE_TITLES, Phase
from workshop.tui.widgets.guide import Guide, load_guide

if TYPE_CHECKING:
    from workshop.playbook import Playbook


class Guidance:
    """The playbook, guides and timeboxes of one open workshop (made anew for each)."""

    def __init__(self, playbook: str | None = None, lang: str | None = None,
                 state: WorkshopState | None = None) -> None:
        self.playbook = playbook
        self.lang = lang
        self.state = state
        self.problem = ""
        """Why there is no playbook, when there is none."""
        self._book: Playbook | None = None
        self._guides: dict[Phase, Guide] = {}
        self._over: dict[Phase, bool] = {}
        """Whether each phase's time was up when last looked at, in this window."""

    def book(self) -> Playbook | None:
        """The playbook named on the command line, else the one the workshop was run with."""
        from workshop.playbook import Playbook

        if self._book is None:
            try:
                self._book = Playbook.for_open(self.state, self.playbook, self.lang)
            except WorkshopError as err:
                self.problem = err.message
                return None
        return self._book

    def guide(self, phase: Phase) -> Guide:
        """The playbook's guide for a phase (read once)."""
        if phase not in self._guides:
            self._guides[phase] = load_guide(phase, self.book(), self.problem)
        return self._guides[phase]

    def timebox(self, phase: Phase) -> float | None:
        """The playbook's minutes for a phase (None when it gives none): a timer started for the
        first time runs for that long."""
        return self.guide(phase).timebox

    def time_up(self, clock: PhaseClock, now: dt.datetime) -> bool:
        """Whether to say now that a phase's time is up: once each time a running timer runs
        out while this window is open. A timer already over when the window first sees it (after
        a restart, say) was announced where it ran out."""
        over = clock.over(now)
        before = self._over.get(clock.phase)
        self._over[clock.phase] = over
        return over and before is False and clock.running


class Guided:
    """Mixed into the app: the open workshop's playbook, guides and timeboxes, and the bell when a
    running timer's time is up."""

    guidance: Guidance
    state: WorkshopState | None
    replay: bool

    def book(self) -> Playbook | None:
        """The playbook of the open workshop (or the one given on the command line)."""
        return self.guidance.book()

    def guide(self, phase: Phase) -> Guide:
        """The playbook's guide for a phase of the open workshop."""
        return self.guidance.guide(phase)

    def timebox(self, phase: Phase) -> float | None:
        """The playbook's minutes for a phase of the open workshop (None when it gives none)."""
        return self.guidance.timebox(phase)

    def check_timers(self) -> None:
        """Ring and say so when a running timer's time is up, whichever phase is on screen."""
        state = self.state
        if state is None or self.replay:
            return
        now = utc_now()
        for clock in state.timers:
            if self.guidance.time_up(clock, now):
                self.bell()
                self.notify(f"Time is up for {PHASE_TITLES[clock.phase]}.", title="Timer",
                            severity="warning", timeout=15, markup=False)
