"""Provides `ShowsPhases`, the app's side of the phase screens: each phase's screen is made once per
open workshop and kept (going back is instant and finds the cursor where it was), the phase shown is
stored as the workshop's current phase, and the kept screens are dropped when another workshop is
opened."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from workshop.domain.errors import WorkshopError
from workshop.domain.values import Phase
from workshop.tui.screens import screen_for
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.words import phase_title, t

if TYPE_CHECKING:
    from workshop.domain.model import WorkshopState
    from workshop.engine import Engine


class ShowsPhases:
    """Mixed into the app: the open workshop's phase screens, shown one at a time."""

    state: WorkshopState | None
    engine: Engine
    replay: bool
    _phase_screens: set[str]

    first_only = False
    """Whether the state shown holds only the tables of the screen it was opened on (see
    `first_read`): until the rest is read, keys wait and no other phase is shown."""
    _phase_after_first: tuple[Phase, bool] | None = None
    """The phase asked for while `first_only` (by the mouse), shown once the rest is read."""

    def first_read(self, phase: str) -> Collection[str] | None:
        """The tables the screen of `phase` shows (None: all), for the first read of a workshop
        opened on it (a replay reads it whole)."""
        try:
            screen_class = None if self.replay else screen_for(Phase(phase))
        except ValueError:
            return None
        return getattr(screen_class, "FIRST_READ", None)

    def shown_whole(self) -> None:
        """The whole workshop is on screen now: show the phase asked for meanwhile."""
        self.first_only = False
        pending, self._phase_after_first = self._phase_after_first, None
        if pending is not None:
            self.show_phase(pending[0], record=pending[1])

    def show_phase(self, phase: Phase, *, record: bool = True) -> None:
        """Show a phase's screen (and store it as the workshop's current phase)."""
        if self.state is None:
            return
        if self.first_only and phase != self.state.phase:
            self._phase_after_first = (phase, record)  # its screen would lack what is not read yet
            return
        screen_class = screen_for(phase)
        if screen_class is None:
            self.notify(t("app.not_in_build", phase=phase_title(phase)), severity="warning")
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
