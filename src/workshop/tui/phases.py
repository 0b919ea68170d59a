"""Provides `ShowsPhases`, the app's side of the phase screens: each phase's screen is made once per
open workshop and kept (going back is instant and finds the cursor where it was), the phase shown is
stored as the workshop's current phase, and the kept screens are dropped when another workshop is
opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from workshop.domain.errors import WorkshopError
from workshop.domain.values import PHASE_TITLES, Phase
from workshop.tui.screens import screen_for
from workshop.tui.screens.base import PhaseScreen

if TYPE_CHECKING:
    from workshop.domain.model import WorkshopState
    from workshop.engine import Engine


class ShowsPhases:
    """Mixed into the app: the open workshop's phase screens, shown one at a time."""

    state: WorkshopState | None
    engine: Engine
    replay: bool
    _phase_screens: set[str]

    def show_phase(self, phase: Phase, *, record: bool = True) -> None:
        """Show a phase's screen (and store it as the workshop's current phase)."""
        if self.state is None:
            return
        screen_class = screen_for(phase)
        if screen_class is None:
            self.notify(f"{PHASE_TITLES[phase]} is not part of this build.", severity="warning")
            return
        current = self.screen
        if isinstance(current, PhaseScreen) and current.PHASE == phase:
            return
        # Each phase's screen is made once per workshop and kept, so going back is instant and
        # finds the cursor where it was.
        name = f"phase-{phase.value}"
        if name not in self._phase_screens:
            self.install_screen(screen_class(self.engine, self.state), name)
            self._phase_screens.add(name)
        self._replace_top(name)
        if record and not self.replay and self.state.phase != phase:
            self._record_phase(self.state.id, phase)

    @work(thread=True, group="engine")
    def _record_phase(self, wid: int, phase: Phase) -> None:
        try:
            self.engine.set_phase(wid, phase)
        except WorkshopError:
            return  # already there (another process moved it): nothing to record
        self.reload_from_thread()

    def _replace_top(self, screen: Screen | str) -> None:
        if len(self.screen_stack) > 1 and not self.screen.is_modal:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _forget_phase_screens(self) -> None:
        """Drop the kept phase screens (another workshop is opened, or the picker shown)."""
        for name in sorted(self._phase_screens):
            kept = self.get_screen(name)
            if kept in self.screen_stack:
                continue
            self.uninstall_screen(name)
            self._phase_screens.discard(name)
            if kept.is_attached:
                kept.remove()
