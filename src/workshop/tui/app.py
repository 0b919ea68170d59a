"""Provides the facilitation app: `create_app` builds it on an engine (tests and the CLI use the
same factory) and `run_app` opens a database and runs it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.engine import Engine
from workshop.engine.acting import ActingEngine
from workshop.replay.follow import Follower
from workshop.tui.actions import ActionQueue
from workshop.tui.app_base import SafeApp, run_on
from workshop.tui.commands import app_commands
from workshop.tui.following import FollowsWorkshop
from workshop.tui.guidance import Guidance, Guided
from workshop.tui.live import LiveWatcher
from workshop.tui.messages import OpenWorkshop
from workshop.tui.room import Room
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.phases import ShowsPhases
from workshop.tui.serving import ServesRoom


class WorkshopApp(ShowsPhases, FollowsWorkshop, ServesRoom, Guided, SafeApp):
    """Runs one workshop at a time, live, with a screen per phase."""

    CSS_PATH = "app.tcss"
    TITLE = "workshop"
    BINDINGS = [Binding("ctrl+o", "workshops", "Workshops", show=False)]

    projector: reactive[bool] = reactive(False)

    def __init__(self, engine: Engine, workshop: int | str | None = None, *, projector: bool = False,
                 playbook: str | None = None, lang: str | None = None, replay: bool = False,
                 actor: str | None = None) -> None:
        super().__init__()
        self.acting = ActingEngine(engine, actor)
        """The engine as the screens, forms and this app use it: every change made in this window
        is logged with its actor, so undo here takes back this window's changes only."""
        self.engine: Engine = self.acting  # type: ignore[assignment]
        self.start_with = workshop
        self.playbook = playbook
        self.lang = lang
        self.replay = replay
        self.state: WorkshopState | None = None
        self.follower: Follower | None = None
        """Keeps the open workshop's state current from the events after it."""
        self.guide_shown = not projector
        self.live = LiveWatcher(self)
        self._seq = 0
        self.guidance = Guidance(playbook, lang)
        self._phase_screens: set[str] = set()
        self.actions = ActionQueue(self, lambda: self.engine, self._caught_up, self._show_state)
        """The engine actions asked on this window's screens, run in order off the UI thread."""
        self.room = Room()
        """The participant server of the open workshop, while the facilitator serves it (`j`)."""
        self.set_reactive(WorkshopApp.projector, projector)

    @property
    def workshop_id(self) -> int | None:
        return self.state.id if self.state is not None else None

    @property
    def db(self) -> str:
        """The database this app works on (the participant server opens it too)."""
        return str(self.engine.store.file)

    def on_mount(self) -> None:
        self.set_class(self.projector, "-projector")
        self.set_interval(0.5, self.check_timers)
        if self.start_with is not None:
            self.open_workshop(self.start_with)
        else:
            self.show_picker()

    def ready_for_keys(self) -> bool:
        # Until the workshop (or the picker) is on screen, keys wait for it rather than vanish.
        return len(self.screen_stack) > 1 or self.screen.id != "_default"

    def watch_projector(self, on: bool) -> None:
        self.set_class(on, "-projector")

    # workshops -------------------------------------------------------------------------------

    def show_picker(self) -> None:
        from workshop.tui.screens.picker import PickerScreen

        self.live.stop()
        self.stop_serving()
        self.state = None
        self.follower = None
        self.acting.act_for(None)
        self.guidance = Guidance(self.playbook, self.lang)
        self._replace_top(PickerScreen(self.engine))
        self._forget_phase_screens()

    @work(thread=True, group="open", exclusive=True)
    def open_workshop(self, key: int | str) -> None:
        """Load a workshop and show the phase it was left in."""
        try:
            follower = Follower(self.engine, key)
        except WorkshopError as err:
            self.call_from_thread(self._open_failed, err.message)
            return
        self.call_from_thread(self._opened, follower)

    def _open_failed(self, message: str) -> None:
        self.notify(message, title="Cannot open", severity="error", markup=False, timeout=8)
        if not isinstance(self.screen, PhaseScreen):
            self.show_picker()

    def _opened(self, follower: Follower) -> None:
        state, seq = follower.state, follower.seq
        if self.state is not None and self.state.id != state.id:
            self._forget_phase_screens()
        self.follower = follower
        self.state = state
        self._seq = seq
        self.acting.act_for(state.facilitator)
        self.guidance = Guidance(self.playbook, self.lang, state)
        self.live.watch(state.id, seq)
        self.show_phase(state.phase, record=False)

    def on_open_workshop(self, message: OpenWorkshop) -> None:
        self.open_workshop(message.workshop)

    # actions ---------------------------------------------------------------------------------

    def submit(self, call: Callable[[Engine], Any], done: Callable[[Any], None],
               refused: Callable[[WorkshopError], None]) -> None:
        """Run an engine action after those asked before it, off the UI thread; `done` or
        `refused` then run on the UI thread."""
        self.actions.submit(call, done, refused)

    # commands --------------------------------------------------------------------------------

    def action_workshops(self) -> None:
        self.show_picker()

    def action_toggle_projector(self) -> None:
        self.projector = not self.projector

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from app_commands(self, screen)


def create_app(engine: Engine, workshop: int | str | None = None, *, projector: bool = False,
               playbook: str | None = None, lang: str | None = None, replay: bool = False,
               actor: str | None = None) -> WorkshopApp:
    """The app on `engine`, opening `workshop` (id or slug) or else the workshop picker; with
    `replay`, the read-only replay of `workshop`'s event log. Changes are logged as `actor`, or
    else as the open workshop's facilitator, or else as "Facilitator"."""
    if replay and workshop is not None:
        from workshop.tui.replay_app import ReplayApp

        return ReplayApp(engine, workshop, projector=projector)
    return WorkshopApp(engine, workshop, projector=projector, playbook=playbook, lang=lang, replay=replay,
                       actor=actor)


def run_app(db: str, workshop: int | str | None = None, *, projector: bool = False,
            playbook: str | Path | None = None, lang: str | None = None, replay: bool = False,
            actor: str | None = None) -> int:
    """Open the database at `db` and run the app until the facilitator quits; returns the exit
    code (non-zero when the app ended on an unexpected error, which it has then reported)."""
    return run_on(db, lambda engine: create_app(
        engine, workshop, projector=projector, playbook=str(playbook) if playbook else None,
        lang=lang, replay=replay, actor=actor))
