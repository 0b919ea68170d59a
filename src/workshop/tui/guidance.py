"""Provides what the playbook gives the open workshop: the playbook itself (the workshop's own,
or the one named on the command line), each phase's guide, and a timer per phase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.values import Phase
from workshop.tui.widgets.guide import Guide, load_guide
from workshop.tui.widgets.timer import PhaseClock

if TYPE_CHECKING:
    from workshop.playbook import Playbook


class Guidance:
    """The playbook, guides and phase timers of one open workshop (made anew for each)."""

    def __init__(self, playbook: str | None = None, lang: str | None = None,
                 state: WorkshopState | None = None) -> None:
        self.playbook = playbook
        self.lang = lang
        self.state = state
        self.problem = ""
        """Why there is no playbook, when there is none."""
        self._book: Playbook | None = None
        self._guides: dict[Phase, Guide] = {}
        self._clocks: dict[Phase, PhaseClock] = {}

    def book(self) -> Playbook | None:
        """The playbook named on the command line, else the one the workshop was run with."""
        from workshop.playbook import Playbook

        if self._book is None:
            try:
                if self.playbook or self.lang or self.state is None:
                    self._book = Playbook.resolve(self.playbook, self.lang)
                else:
                    self._book = Playbook.for_workshop(self.state)
            except WorkshopError as err:
                self.problem = err.message
                return None
        return self._book

    def guide(self, phase: Phase) -> Guide:
        """The playbook's guide for a phase (read once)."""
        if phase not in self._guides:
            self._guides[phase] = load_guide(phase, self.book(), self.problem)
        return self._guides[phase]

    def clock(self, phase: Phase) -> PhaseClock:
        """The phase's timer from its timebox; it keeps running while another phase is shown."""
        if phase not in self._clocks:
            self._clocks[phase] = PhaseClock(self.guide(phase).timebox)
        return self._clocks[phase]
