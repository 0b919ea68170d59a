"""Provides the app in replay: `ReplayApp` opens a workshop read-only on its event log, showing
every phase screen as it was after the chosen event, and `run_replay` runs it on a database.

It is the facilitation app with three differences: it reads through `ReadOnlyEngine` (every change
refused; the replayed workshop read as it was at the replay's position, so an export from a replay
exports that moment), it shows each phase screen in its replay version, and it ignores live
changes (a replay shows the log as it was when opened).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from workshop.domain.errors import RuleRefused, WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.values import Phase
from workshop.replay import Replay
from workshop.replay.follow import Follower
from workshop.tui.app import WorkshopApp
from workshop.tui.app_base import run_on
from workshop.tui.messages import WorkshopChanged
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.screens.replay import READ_ONLY, ReplayController, replaying
from workshop.tui.guidance import Guidance
from workshop.tui.words import refusal, t

if TYPE_CHECKING:
    from workshop.engine import Engine


class ReadOnlyEngine:
    """The engine as a replay sees it: every changing method refused, and the replayed workshop
    read as it was at the replay's position (so an export from a replay exports that moment)."""

    READS = {"load", "rows", "events", "last_seq", "workshop_id", "list_workshops", "find_ref", "ref", "store",
             "open_soon"}  # (opening the data layer in the background changes nothing)

    def __init__(self, engine: Engine, app: WorkshopApp | None = None) -> None:
        self._engine = engine
        self._app = app

    def _replayed(self, workshop: int | str) -> ReplayController | None:
        controller = getattr(self._app, "replay_controller", None)
        if controller is None or not controller.position:
            return None
        if self._engine.workshop_id(workshop) != controller.replay.workshop_id:
            return None
        return controller

    def load(self, workshop: int | str) -> WorkshopState:
        controller = self._replayed(workshop)
        if controller is None:
            return self._engine.load(workshop)
        return controller.replay.state_at(controller.position)

    def events(self, workshop: int | str, *, since: int = 0) -> list[Any]:
        controller = self._replayed(workshop)
        if controller is None:
            return self._engine.events(workshop, since=since)
        return controller.replay.events[since:controller.position]

    def last_seq(self, workshop: int | str) -> int:
        controller = self._replayed(workshop)
        return self._engine.last_seq(workshop) if controller is None else controller.position

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._engine, name)
        if name.startswith("_") or name in self.READS or not callable(value):
            return value

        def refused(*_args: Any, **_kwargs: Any) -> Any:
            raise RuleRefused(t(READ_ONLY))

        return refused


class ReplayApp(WorkshopApp):
    """The facilitation app, read-only, stepping through a workshop's event log."""

    def __init__(self, engine: Engine, workshop: int | str | None = None, *, projector: bool = False,
                 lang: str | None = None, **_ignored: Any) -> None:
        # The playbook and its guide are the ones the workshop was run with, whatever is set now;
        # the interface speaks the language asked for (else the workshop's own).
        super().__init__(ReadOnlyEngine(engine, self), workshop, projector=projector, replay=True, lang=lang)
        self.lang = None
        self.guidance = Guidance(None, None)
        self.replay_controller: ReplayController | None = None
        self._holding = False

    def _opened(self, follower: Follower) -> None:
        # The app resets what it keeps per workshop; the first screen shown is the replay's.
        self._holding = True
        try:
            super()._opened(follower)
        finally:
            self._holding = False
        self.live.stop()
        self.follower = None  # the replay's states come from its own log, never from new events
        self._start(follower.workshop_id)

    def show_phase(self, phase: Phase, *, record: bool = True) -> None:
        """Show a phase's screen (never stored: a replay changes nothing)."""
        if not self._holding:
            super().show_phase(phase, record=False)

    def install_screen(self, screen: Screen[Any], name: str) -> None:
        # The app makes phase screens as it shows them; each becomes its read-only replay version.
        if isinstance(screen, PhaseScreen) and not getattr(screen, "IS_REPLAY", False):
            screen = replaying(type(screen))(self.engine, self.state)  # type: ignore[arg-type]
        super().install_screen(screen, name)

    def on_workshop_changed(self, message: WorkshopChanged) -> None:
        """Live changes are not shown: the replay is of the log as it was when opened."""

    def _start(self, workshop_id: int) -> None:
        if self.replay_controller is not None:
            self.replay_controller.stop()
            self.replay_controller = None
        engine = self.engine._engine  # type: ignore[attr-defined]

        def load() -> None:
            try:
                replay = Replay.open(engine, workshop_id)
            except WorkshopError as err:
                self.call_from_thread(self.notify, refusal(err), title=t("replay.cannot"), severity="error",
                                      markup=False)
                return
            self.call_from_thread(self._begin, replay)

        self.run_worker(load, thread=True, group="replay", exclusive=True, name="replay")

    def _begin(self, replay: Replay) -> None:
        controller = ReplayController(self, replay)
        self.replay_controller = controller
        controller.seek(1)
        self.notify(t("replay.begin"), timeout=6, markup=False)


def run_replay(db: str, workshop: int | str, *, projector: bool = False, lang: str | None = None) -> int:
    """Open the database at `db` and replay `workshop` until the viewer quits (the interface in
    `lang`, else `WORKSHOP_LANG`, else the workshop's own language); returns the exit code."""
    return run_on(db, lambda engine: ReplayApp(engine, workshop, projector=projector, lang=lang))
