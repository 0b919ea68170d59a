"""Provides what the playbook gives the open workshop: the playbook itself (the workshop's own,
or the one named on the command line), each phase's guide and timebox, and when to say that a
phase's time is up."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.timers import PhaseClock
from workshop.domain.values import Phase
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
