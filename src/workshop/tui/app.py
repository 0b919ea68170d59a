"""Provides the facilitation app: `create_app` builds it on an engine (tests and the CLI use the
same factory) and `run_app` opens a database and runs it (its replay is `workshop.tui.replay_app`)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import SystemCommand
from textual.screen import Screen

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.engine.acting import ActingEngine
from workshop.replay.follow import Follower
from workshop.tui.actions import ActionQueue
from workshop.tui.app_base import SafeApp, run_on
from workshop.tui.commands import app_commands
from workshop.tui.following import FollowsWorkshop
from workshop.tui.footer import HIDDEN, key
from workshop.tui.guidance import Guidance, Guided
from workshop.tui.live import LiveWatcher
from workshop.tui.messages import OpenWorkshop
from workshop.tui.room import Room
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.phases import ShowsPhases
from workshop.tui.serving import ServesRoom
from workshop.tui.settled import when_settled
from workshop.tui import words
from workshop.tui.words import refusal, t

if TYPE_CHECKING:
    from workshop.engine import Engine


class WorkshopApp(ShowsPhases, FollowsWorkshop, ServesRoom, Guided, SafeApp):
    """Runs one workshop at a time, live, with a screen per phase."""

    CSS_PATH = "app.tcss"
    TITLE = "workshop"
    BINDINGS = [key("ctrl+o", "workshops", "keys.workshops", role=HIDDEN, show=False)]

    def __init__(self, engine: Engine, workshop: int | str | None = None, *, projector: bool = False,
                 playbook: str | None = None, lang: str | None = None, replay: bool = False,
                 actor: str | None = None) -> None:
        super().__init__(projector=projector)
        self.acting = ActingEngine(engine, actor)
        """The engine as the screens, forms and this app use it: every change made in this window
        is logged with its actor, so undo here takes back this window's changes only."""
        self.engine: Engine = self.acting  # type: ignore[assignment]
        self.start_with = workshop
        self.playbook = playbook
        self.lang = lang or os.environ.get("WORKSHOP_LANG") or None
        """The language asked for (`--lang`, else `WORKSHOP_LANG`) for the guide and the interface;
        None: the open workshop's own language decides, and the picker speaks English."""
        self.words_lang = self.lang
        """The interface's language asked for (a replay keeps the workshop's own guide)."""
        words.use(self.lang)
        self.replay = replay
        self.state: WorkshopState | None = None
        self.follower: Follower | None = None
        """Keeps the open workshop's state current from the events after it."""
        self.guide_shown = not projector
        self.detail_shown = False
        """Whether the phase screens show the focused item's details in place of the guide (`i`)."""
        self.live = LiveWatcher(self)
        self._seq = 0
        self.guidance = Guidance(playbook, self.lang)
        self._phase_screens: set[str] = set()
        self.actions = ActionQueue(self, lambda: self.engine, self._caught_up, self._show_state)
        """The engine actions asked on this window's screens, run in order off the UI thread."""
        self.room = Room()
        """The participant server of the open workshop, while the facilitator serves it (`j`)."""
        self._behind_started = False
        """Whether what is done behind the first frame (`open_engine_soon`) has begun."""

    @property
    def workshop_id(self) -> int | None:
        return self.state.id if self.state is not None else None

    @property
    def db(self) -> str:
        """The database this app works on (the participant server opens it too)."""
        return str(self.engine.store.file)

    def on_mount(self) -> None:
        self.set_interval(0.5, self.check_timers)
        if self.start_with is not None:
            self.open_workshop(self.start_with)
        else:
            self.show_picker()

    def ready_for_keys(self) -> bool:
        # Until the workshop (or the picker) is on screen, keys wait for it rather than vanish.
        # So do keys typed before the rest of a workshop opened on its first screen is read.
        return (len(self.screen_stack) > 1 or self.screen.id != "_default") and not self.first_only

    # workshops -------------------------------------------------------------------------------

    def show_picker(self) -> None:
        from workshop.tui.screens.picker import PickerScreen

        self.live.stop()
        self.stop_serving()
        self.state = None
        self.follower = None
        self.first_only, self._phase_after_first = False, None
        self.acting.act_for(None)
        self.guidance = Guidance(self.playbook, self.lang)
        words.use(self.words_lang)
        self._replace_top(PickerScreen(self.engine))
        self._forget_phase_screens()
        self.open_engine_soon()

    @work(thread=True, group="open", exclusive=True)
    def open_workshop(self, key: int | str) -> None:
        """Load a workshop and show the phase it was left in."""
        try:
            follower = Follower(self.engine, key, first=self.first_read)
        except WorkshopError as err:
            self.call_from_thread(self._open_failed, refusal(err))
            return
        self.call_from_thread(self._opened, follower)

    def _open_failed(self, message: str) -> None:
        self.notify(message, title=t("app.cannot_open"), severity="error", markup=False, timeout=8)
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
        self.speak(state)
        self.live.watch(state.id, seq)
        self.first_only, self._phase_after_first = not follower.whole, None
        self.show_phase(state.phase, record=False)
        self.open_engine_soon()

    def open_engine_soon(self) -> None:
        """Once the screen has settled, read the rest of a workshop opened from its first
        screen's tables (see `ShowsPhases.first_read`; keys typed meanwhile wait for it), then
        open the data layer in the background (the app starts on a reader of the file, see
        `workshop.engine.deferred`; nothing to do on an engine)."""
        self._behind_started = False
        if self.first_only or callable(getattr(self.acting.inner, "open_soon", None)):
            # Each takes the interpreter for a few tenths of a second: not while the screen is
            # being laid out and painted (unless keys wait for it, see `keys_waiting`).
            self.call_after_refresh(when_settled, self, self._start_behind)
            if self.first_only and self.holds_keys:
                self.call_after_refresh(self._start_behind)  # typed while it opened: they wait

    def keys_waiting(self) -> None:
        if self.first_only:
            self._start_behind()  # someone types: the rest of the workshop is read now

    def _start_behind(self) -> None:
        if not self._behind_started:
            self._behind_started = True
            self._behind_the_screen()

    @work(thread=True, group="open")
    def _behind_the_screen(self) -> None:
        if self.first_only:
            self.reload_from_thread()
        importlib.import_module("workshop.tui.dialogs.items")  # the forms keys open, for the first

        opener = getattr(self.acting.inner, "open_soon", None)
        if callable(opener):
            opener()

    def speak(self, state: WorkshopState) -> None:
        """Put the interface in the language asked for, else the open workshop's own, with the
        words of the playbook it is run with."""
        book = self.guidance.book()
        lang = self.words_lang or (book.lang if book is not None else state.lang)
        words.use(lang, book.vocabulary if book is not None and book.lang == words.normalise(lang) else None)

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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from app_commands(self, screen)


def create_app(engine: Engine, workshop: int | str | None = None, *, projector: bool = False,
               playbook: str | None = None, lang: str | None = None, actor: str | None = None) -> WorkshopApp:
    """The app on `engine`, opening `workshop` (id or slug) or else the workshop picker. Changes are
    logged as `actor`, or else as the open workshop's facilitator, or else as "Facilitator"."""
    return WorkshopApp(engine, workshop, projector=projector, playbook=playbook, lang=lang, actor=actor)


def run_app(db: str, workshop: int | str | None = None, *, projector: bool = False,
            playbook: str | Path | None = None, lang: str | None = None, actor: str | None = None) -> int:
    """Open the database at `db` and run the app until the facilitator quits; returns the exit
    code (non-zero when the app ended on an unexpected error, which it has then reported)."""
    return run_on(db, lambda engine: create_app(
        engine, workshop, projector=projector, playbook=str(playbook) if playbook else None,
        lang=lang, actor=actor))
