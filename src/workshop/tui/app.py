"""Provides the facilitation app: `create_app` builds it on an engine (tests and the CLI use the
same factory) and `run_app` opens a database and runs it."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import SystemCommand
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.timers import utc_now
from workshop.domain.values import PHASE_TITLES, Phase
from workshop.engine import Engine
from workshop.engine.acting import ActingEngine
from workshop.replay.follow import Follower
from workshop.tui.app_base import SafeApp, run_on
from workshop.tui.footer import HIDDEN, key
from workshop.tui.live import LiveWatcher
from workshop.tui.messages import OpenWorkshop, WorkshopChanged, WorkshopGone
from workshop.tui.room import Room
from workshop.tui.screens import screen_for
from workshop.tui.screens.base import PhaseScreen, binding_commands
from workshop.tui.guidance import Guidance
from workshop.tui.widgets.guide import Guide

if TYPE_CHECKING:
    from workshop.playbook import Playbook


class WorkshopApp(SafeApp):
    """Runs one workshop at a time, live, with a screen per phase."""

    CSS_PATH = "app.tcss"
    TITLE = "workshop"
    BINDINGS = [key("ctrl+o", "workshops", "keys.workshops", role=HIDDEN, show=False)]

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
        self._actions: queue.Queue[tuple[Callable[[Engine], Any], Callable[[Any], None],
                                         Callable[[WorkshopError], None]]] = queue.Queue()
        self._actions_worker: Worker[None] | None = None
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

    # phases ----------------------------------------------------------------------------------

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

    # live ------------------------------------------------------------------------------------

    def submit(self, call: Callable[[Engine], Any], done: Callable[[Any], None],
               refused: Callable[[WorkshopError], None]) -> None:
        """Run an engine action after those asked before it, off the UI thread; `done` or
        `refused` then run on the UI thread."""
        self._actions.put((call, done, refused))
        if self._actions_worker is None or self._actions_worker.is_finished:
            self._actions_worker = self._run_actions()

    @work(thread=True, group="actions", exit_on_error=False)
    def _run_actions(self) -> None:
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                call, done, refused = self._actions.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                result = call(self.engine)
            except WorkshopError as err:
                self.call_from_thread(refused, err)
                continue
            # Caught up here, once after a burst of keys (not after each), and shown in the same
            # turn of the UI as the action's own answer: one frame shows both.
            caught = self._caught_up() if self._actions.empty() else None
            self.call_from_thread(self._answered, done, result, caught)

    def _answered(self, done: Callable[[Any], None], result: Any,
                  caught: tuple[WorkshopState, int] | None) -> None:
        done(result)
        if caught is not None:
            self._show_state(*caught)

    def _caught_up(self) -> tuple[WorkshopState, int] | None:
        """The open workshop brought up to date (only the events since the state on screen are
        read), or None with the reason shown."""
        follower = self.follower
        if follower is None:
            return None
        try:
            return follower.catch_up()
        except WorkshopError as err:
            self.notify(err.message, severity="error", markup=False)  # posts a message: any thread
            return None

    def catch_up(self) -> None:
        """Show the open workshop as it is now, at once (after a form saved through the engine:
        the board changes in the same frame as the form closes)."""
        caught = self._caught_up()
        if caught is not None:
            self._show_state(*caught)

    def reload_from_thread(self) -> None:
        """Bring the open workshop up to date from a worker thread."""
        caught = self._caught_up()
        if caught is not None:
            self.post_message(WorkshopChanged(*caught))

    def _show_state(self, state: WorkshopState, seq: int) -> None:
        self.on_workshop_changed(WorkshopChanged(state, seq))

    def on_workshop_changed(self, message: WorkshopChanged) -> None:
        if self.state is None or message.state.id != self.state.id or message.seq < self._seq:
            return
        self._seq = message.seq
        before, self.state = self.state, message.state
        self.live.saw(message.seq)
        if message.external and not self.replay:
            self.tell_arrivals(before, message.state)
        for screen in self.screen_stack:
            if isinstance(screen, PhaseScreen) and screen.wid == message.state.id:
                screen.refresh_state(message.state, external=message.external)

    def tell_arrivals(self, before: WorkshopState, after: WorkshopState) -> None:
        """Say which touchpoints and ideas came in from elsewhere (they may land off screen)."""
        from workshop.tui.arrivals import arrivals

        told = arrivals(before, after)
        if told:
            self.notify(told, title="New from the room", timeout=6)

    def on_workshop_gone(self, message: WorkshopGone) -> None:
        if message.workshop_id == self.workshop_id:
            self.notify("This workshop was deleted elsewhere.", severity="error", timeout=10)
            self.show_picker()

    # the room ------------------------------------------------------------------------------

    def show_room(self) -> None:
        """Show where participants join (serving the open workshop if it is not served yet)."""
        from workshop.tui.screens.room import RoomScreen

        if self.state is not None and not self.replay:
            self.push_screen(RoomScreen())

    def stop_serving(self) -> None:
        if self.room.serving or self.room.server is not None:
            self.room.stop()
            self.refresh_banner()

    def refresh_banner(self) -> None:
        """Put where to join (or nothing, when not serving) on every phase screen's top bar."""
        for screen in self.screen_stack:
            if isinstance(screen, PhaseScreen) and screen.is_mounted:
                screen.show_banner(self.room.banner())

    def on_unmount(self) -> None:
        self.room.stop()

    # commands --------------------------------------------------------------------------------

    def action_workshops(self) -> None:
        self.show_picker()

    def action_toggle_projector(self) -> None:
        self.projector = not self.projector

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, PhaseScreen):
            for title, help_text, callback in binding_commands(screen, getattr(screen, "PLACE", "Here")):
                yield SystemCommand(title, help_text, callback)
        else:
            for title, help_text, callback in screen.palette_commands():
                yield SystemCommand(title, help_text, callback)
            for phase in Phase:
                yield SystemCommand(f"Go to {PHASE_TITLES[phase]}", "Show this phase",
                                    lambda p=phase: self.show_phase(p))
            yield SystemCommand("Workshops", "Open, create or delete another workshop (ctrl+o)",
                                self.show_picker)
        yield SystemCommand("Projector mode", "Large, high-contrast text on or off",
                            self.action_toggle_projector)


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
