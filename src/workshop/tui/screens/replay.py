"""Provides replay in the terminal interface: every phase screen, read-only, on the workshop as it
was after a chosen event, with a timeline bar and keys to move through the event log.

`replaying(cls)` turns a phase screen class into its read-only replay version, and the
`ReplayController` moves through the log and shows the state there on every screen;
`workshop.tui.replay_app` runs them. Keys: ←/→ one event, [ ] the previous or next phase change, home/end, space play or pause,
+/- faster or slower; every key that would change something is refused with a note.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, TextArea

from workshop.replay import Replay, local_time
from workshop.tui.footer import key, together
from workshop.tui.safe import plain
from workshop.tui.widgets.scrubber import Scrubber
from workshop.tui.words import phase_title, t

if TYPE_CHECKING:
    from workshop.tui.host import WorkshopHost
    from workshop.tui.screens.base import PhaseScreen

READ_ONLY = "replay.read_only"
"""What a change tried in a replay is refused with (a catalogue key)."""

REPLAY_HELP = "replay.help"

SPEEDS: list[tuple[str, float | None]] = [
    ("replay.pace_1", 1.0), ("replay.pace_4", 4.0), ("replay.pace_16", 16.0), ("replay.pace_events", None)]
"""Playing speeds, slowest first (their words as catalogue keys); None plays one event a second
whatever the real gaps."""

LONGEST_WAIT = 10.0
"""At real pace a pause is shortened to this many seconds (a lunch break would stall the replay)."""

SAFE_ACTIONS = {"phase", "guide", "help", "quit", "view", "switch_view", "next_view", "voter", "export",
                "criteria", "board", "command_palette", "details", "overview"}
"""Phase-screen actions that only look; every other action of a phase screen is refused, and
its key is not offered."""

_STEP = together("keys.replay.step", "←→")
_JUMP = together("keys.replay.jump", "[]")
_SPEED = together("keys.replay.speed", "+-")
REPLAY_BINDINGS = [
    key("left", "replay_step(-1)", "keys.replay.back", role=_STEP, display="←", priority=True),
    key("right", "replay_step(1)", "keys.replay.forward", role=_STEP, display="→", priority=True),
    key("space", "replay_play", "keys.replay.play", display="space", priority=True),
    key("left_square_bracket", "replay_phase(-1)", "keys.replay.phase_back", role=_JUMP, display="[",
        priority=True),
    key("right_square_bracket", "replay_phase(1)", "keys.replay.phase_next", role=_JUMP, display="]",
        priority=True),
    key("plus,equals_sign", "replay_speed(1)", "keys.replay.faster", role=_SPEED, display="+", priority=True),
    key("minus", "replay_speed(-1)", "keys.replay.slower", role=_SPEED, display="-", priority=True),
    key("home", "replay_seek('start')", "keys.replay.start", priority=True, show=False),
    key("end", "replay_seek('end')", "keys.replay.end", priority=True, show=False),
]


class ReplayController:
    """Where the replay is, how fast it plays, and showing the state there on every screen."""

    def __init__(self, app: WorkshopHost, replay: Replay) -> None:
        self.app = app
        self.replay = replay
        self.position = 0
        self.speed = len(SPEEDS) - 1
        self.playing = False
        self._timer: Timer | None = None
        self._flush_queued = False
        self._shown_phase: Any = None

    @property
    def total(self) -> int:
        return len(self.replay)

    def marks(self) -> list[tuple[int, Any]]:
        return [(p.position, p.phase) for p in self.replay.phase_changes()]

    def seek(self, position: int) -> None:
        """Show the workshop after event `position` (clamped to the log).

        The bar moves at once; the board follows as soon as the screen is free, with the newest
        position only, so keys held down or pressed fast never queue up redraws of a big board.
        """
        self.position = max(1, min(self.total, position))
        self.show_bars()
        if not self._flush_queued:
            self._flush_queued = True
            self.app.call_later(self._flush)
        if self.playing:
            self._schedule()

    def _flush(self) -> None:
        from workshop.tui.screens.base import PhaseScreen

        self._flush_queued = False
        position = self.position
        state = self.replay.state_at(position)
        self.app.state = state
        for screen in self.app.screen_stack:
            if isinstance(screen, PhaseScreen):
                if screen.is_mounted:
                    screen.refresh_state(state)
                else:
                    screen.state = state  # shown when it mounts
        phase = self.replay.phase_at(position)
        if phase != self._shown_phase:
            # The room moved to another phase: follow it (a phase the viewer chose stays otherwise).
            self._shown_phase = phase
            self.app.show_phase(phase, record=False)

    def step(self, delta: int) -> None:
        self.seek(self.position + delta)

    def phase_step(self, delta: int) -> None:
        if delta < 0:
            self.seek(self.replay.previous_phase_change(self.position))
        else:
            self.seek(self.replay.next_phase_change(self.position))

    def toggle_play(self) -> None:
        self.playing = not self.playing
        if self.playing and self.position >= self.total:
            self.seek(1)
            return
        self._schedule() if self.playing else self._cancel()
        self.show_bars()

    def change_speed(self, delta: int) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + delta))
        if self.playing:
            self._schedule()
        self.show_bars()

    def stop(self) -> None:
        """Stop playing (another workshop is being replayed)."""
        self.playing = False
        self._cancel()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _schedule(self) -> None:
        self._cancel()
        if self.position >= self.total:
            self.playing = False
            self.show_bars()
            return
        factor = SPEEDS[self.speed][1]
        wait = 1.0 if factor is None else min(self.replay.pause_after(self.position) / factor, LONGEST_WAIT)
        self._timer = self.app.set_timer(max(wait, 0.02), lambda: self.seek(self.position + 1))

    def show_bars(self) -> None:
        for screen in self.app.screen_stack:
            for bar in screen.query(ReplayBar):
                bar.show(self)

    def status(self) -> str:
        """`▶ 312 of 1 204 · What If · 10:42 · one event a second` (or ❚❚ when paused)."""
        event = self.replay.event(self.position)
        phase = phase_title(self.replay.phase_at(self.position))
        sign = "▶" if self.playing else "❚❚"
        return f"{sign} " + t("replay.status", position=self.position, total=self.total, phase=phase,
                              when=local_time(event, date=True), speed=t(SPEEDS[self.speed][0]))


class ReplayBar(Vertical):
    """The bar under a phase screen in a replay: status, the timeline, the event in words."""

    DEFAULT_CSS = """
    ReplayBar {
        height: auto;
        background: $boost;
        padding: 0 1;
        border-top: solid $accent;
    }
    ReplayBar #replay-status { text-style: bold; }
    ReplayBar #replay-event { color: $text; }
    """

    def compose(self) -> ComposeResult:
        yield Static(t("replay.title"), id="replay-status", markup=False)
        yield Scrubber(id="replay-scrubber")
        yield Static("", id="replay-event", markup=False)

    def on_mount(self) -> None:
        controller = getattr(self.app, "replay_controller", None)
        if controller is not None and controller.position:
            self.show(controller)

    def show(self, controller: ReplayController) -> None:
        self.query_one("#replay-status", Static).update(plain(controller.status()))
        self.query_one(Scrubber).show(controller.position, controller.total, controller.marks())
        self.query_one("#replay-event", Static).update(plain(controller.replay.describe(controller.position)))

    def on_scrubber_seek(self, message: Scrubber.Seek) -> None:
        controller = getattr(self.app, "replay_controller", None)
        if controller is not None:
            controller.seek(message.position)


class ReplayScreenMixin:
    """What a phase screen becomes in a replay: read-only, with the replay bar and keys."""

    IS_REPLAY = True

    @property
    def controller(self) -> ReplayController | None:
        return getattr(self.app, "replay_controller", None)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        # The replay's bar goes above the footer, which offers only the keys that look (see
        # `check_action`).
        for widget in super().compose():  # type: ignore[misc]
            if isinstance(widget, Footer):
                yield ReplayBar(id="replay-bar")
            yield widget

    # Textual calls the mount and resume handlers of every class in the screen's lineage, so
    # these only add what a replay needs.

    def on_mount(self) -> None:
        for field in self.query(Input):  # type: ignore[attr-defined]
            field.disabled = True
        for area in self.query(TextArea):  # type: ignore[attr-defined]
            area.read_only = True

    def on_screen_resume(self) -> None:
        if self.controller is not None:
            for bar in self.query(ReplayBar):  # type: ignore[attr-defined]
                bar.show(self.controller)

    def clock_moment(self) -> dt.datetime:
        """The phase timers are shown as they stood at the event shown, not as they are now."""
        controller = self.controller
        if controller is not None and controller.position:
            return controller.replay.time_of(controller.position)
        return super().clock_moment()  # type: ignore[misc]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not (action in SAFE_ACTIONS or action.startswith("replay_")):
            return False  # it would change something: not offered in a replay
        return super().check_action(action, parameters)  # type: ignore[misc]

    def allows(self, widget: object, verb: str) -> bool:
        return False  # a list's own keys (add, edit, move a card …) all change something

    def on_key(self, event: events.Key) -> None:
        """A key of the live screen that is not offered here says why, rather than nothing."""
        for node, bindings in self._modal_binding_chain:  # type: ignore[attr-defined]
            if node is not self.app and event.key in bindings.key_to_bindings:  # type: ignore[attr-defined]
                event.stop()
                self.read_only()
                return

    def read_only(self, *_args: Any, **_kwargs: Any) -> None:
        """Refuse a change, where the facilitator looks."""
        self.notify(t(READ_ONLY), title=t("replay.title"), severity="warning", markup=False, timeout=4)  # type: ignore[attr-defined]

    perform = read_only
    open_form = read_only
    confirm = read_only

    # replay keys -----------------------------------------------------------------------------

    def action_replay_step(self, delta: int) -> None:
        if self.controller:
            self.controller.step(delta)

    def action_replay_phase(self, delta: int) -> None:
        if self.controller:
            self.controller.phase_step(delta)

    def action_replay_seek(self, where: str) -> None:
        if self.controller:
            self.controller.seek(1 if where == "start" else self.controller.total)

    def action_replay_play(self) -> None:
        if self.controller:
            self.controller.toggle_play()

    def action_replay_speed(self, delta: int) -> None:
        if self.controller:
            self.controller.change_speed(delta)


_MADE: dict[type, type] = {}


def replaying(screen_class: type[PhaseScreen]) -> type[PhaseScreen]:
    """The read-only replay version of a phase screen class: its own actions that change
    something are refused with a note, the replay keys and bar are added."""
    if screen_class in _MADE:
        return _MADE[screen_class]
    from workshop.tui.screens.base import PhaseScreen

    refused: dict[str, Any] = {}
    for klass in screen_class.__mro__:
        if not (isinstance(klass, type) and issubclass(klass, PhaseScreen)):
            continue
        for name in vars(klass):
            if name.startswith("action_") and name[len("action_"):] not in SAFE_ACTIONS:
                refused[name] = ReplayScreenMixin.read_only
    namespace = {"BINDINGS": REPLAY_BINDINGS, **refused, "__doc__": f"{screen_class.__doc__} (replay)",
                 "HELP": f"{REPLAY_HELP} {screen_class.HELP}"}
    made = type(f"Replay{screen_class.__name__}", (ReplayScreenMixin, screen_class), namespace)
    _MADE[screen_class] = made
    return made  # type: ignore[return-value]
