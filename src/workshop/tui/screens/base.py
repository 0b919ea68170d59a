"""Provides `PhaseScreen`, the base of the brief and the four phase screens.

How a phase screen plugs in:

- Subclass `PhaseScreen`, set `PHASE` (a `workshop.domain.values.Phase`) and `HELP` (a few lines of
  Markdown for `?`), implement `compose_board()` (the widgets left of the guide) and
  `show_state(state)` (put a fresh `WorkshopState` on screen, keeping the cursor on the same item
  ref: it runs after our own changes and after another process's).
- Register the class in `workshop.tui.screens.SCREENS` (phase -> "module:Class").
- Implement the actions the phase has: `action_add`, `action_edit`, `action_delete`,
  `action_vote`, `action_reveal`. Those a phase lacks answer with `HINTS` (a clear message
  saying where that happens) instead of doing nothing. The keys are in `BINDINGS` here, so the
  footer, `?` and the command palette always show the same ones. Extra palette-only entries go in
  `COMMANDS_EXTRA` as (title, help, action) tuples; every phase also has the timer's
  (`workshop.tui.screens.timing`).
- The phase timer is stored with the workshop: `t` starts and pauses it through the engine, and
  the timer on screen shows it at `clock_moment()` (now; in a replay, the moment of the event).
- Every change goes through the engine, never SQL: `self.perform(lambda e: e.add_idea(self.wid,
  ...), select="…")` runs the call in a thread worker, shows a refusal as a message, and on success
  brings the workshop up to date so every screen shows it. Forms call the engine themselves (see
  `workshop.tui.dialogs.form`) so a refused field keeps what was typed.
- `self.state` is the newest `WorkshopState`, `self.engine` the engine, `self.wid` the workshop id.
  The engine acts as the window's actor: changes are logged with it without naming it, and
  undo takes back that actor's changes only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.timers import utc_now
from workshop.domain.values import PHASE_TITLES, Phase
from workshop.tui.screens.timing import TIMER_COMMANDS, TimerActions
from workshop.tui.widgets.guide import GuidePanel
from workshop.tui.widgets.phasebar import PhaseBar
from workshop.tui.words import t

if TYPE_CHECKING:
    from workshop.tui.dialogs.form import FormDialog
    from workshop.engine import Engine
    from workshop.tui.app import WorkshopApp

_PHASES = Binding.Group("Phases", compact=True)
PHASE_BINDINGS: list[BindingType] = [
    Binding("0", "phase('brief')", "Brief", group=_PHASES),
    Binding("1", "phase('what-is')", "What Is", group=_PHASES),
    Binding("2", "phase('what-if')", "What If", group=_PHASES),
    Binding("3", "phase('what-wows')", "What Wows", group=_PHASES),
    Binding("4", "phase('what-works')", "What Works", group=_PHASES),
]

ACTION_BINDINGS: list[BindingType] = [
    Binding("a", "add", "Add"),
    Binding("enter", "edit", "Edit"),
    Binding("d", "delete", "Delete"),
    Binding("v", "vote", "Vote"),
    Binding("r", "reveal", "Reveal"),
    Binding("t", "timer", "Timer"),
    Binding("e", "export", "Export"),
    Binding("j", "room", "Join"),
    Binding("ctrl+z", "undo", "Undo"),
    Binding("ctrl+y", "redo", "Redo", show=False),
    Binding("g", "guide", "Guide", show=False),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("q", "quit", "Quit"),
]

class PhaseScreen(TimerActions, Screen[None]):
    """One phase of the open workshop: board on the left, guide on the right, timer on top."""

    PHASE: ClassVar[Phase] = Phase.BRIEF
    HELP: ClassVar[str] = ""
    HINTS: ClassVar[dict[str, str]] = {
        "add": "There is nothing to add here.",
        "edit": "Select an item first (arrow keys), then press enter.",
        "delete": "Select an item first (arrow keys), then press d.",
        "vote": "Dots are cast in What Wows: press 3.",
        "reveal": "Votes are revealed in What Wows (3); hidden ideas in What If (2).",
    }
    COMMANDS_EXTRA: ClassVar[list[tuple[str, str, str]]] = []
    BINDINGS = PHASE_BINDINGS + ACTION_BINDINGS
    IS_REPLAY: ClassVar[bool] = False
    """True in a replay (read-only): nothing on screen may then offer a key that changes things."""

    def __init__(self, engine: Engine, state: WorkshopState) -> None:
        super().__init__(classes=f"phase-{self.PHASE.value}")
        self.engine = engine
        self.state = state
        self.wid = state.id

    @property
    def workshop_app(self) -> WorkshopApp:
        return self.app  # type: ignore[return-value]

    # layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.workshop_app
        yield PhaseBar(self.state, self.PHASE, app.timebox(self.PHASE), id="phasebar")
        with Horizontal(id="phase-body"):
            with Vertical(id="board-area"):
                yield from self.compose_board()
            guide = GuidePanel(app.guide(self.PHASE), id="guide")
            guide.display = app.guide_shown
            yield guide
        yield Footer(compact=True)

    def compose_board(self) -> ComposeResult:
        """The widgets of this phase (left of the guide)."""
        yield from ()

    def on_mount(self) -> None:
        self.show_state(self.state)

    def on_screen_resume(self) -> None:
        # The app may have a newer state than the one this screen was made with.
        latest = self.workshop_app.state
        if latest is not None and latest is not self.state and latest.id == self.wid:
            self.refresh_state(latest)

    # state -----------------------------------------------------------------------------------

    def refresh_state(self, state: WorkshopState, *, external: bool = False) -> None:
        """Take a new state of the workshop (ours or another process's) and show it."""
        self.state = state
        self.query_one(PhaseBar).update_state(state)
        self.show_state(state)

    def show_state(self, state: WorkshopState) -> None:
        """Put `state` on screen; keep the cursor on the same item. Override in each phase."""

    def clock_moment(self) -> dt.datetime:
        """The moment the phase timer is shown at: now (a replay shows its event's moment)."""
        return utc_now()

    # doing things ----------------------------------------------------------------------------

    def perform(
        self,
        call: Callable[[Engine], Any],
        *,
        select: str | None = None,
        done: Callable[[Any], None] | None = None,
        say: str | Callable[[Any], str] | None = None,
    ) -> None:
        """Run one engine action on the app's actions thread (in the order asked); a refusal
        becomes a message, success brings the workshop up to date on screen.

        `select` is the item ref to put the cursor on afterwards (or, when None, the action's
        result if it is a ref); `done` gets the result on the UI thread; `say` is the message shown.
        """
        self.workshop_app.submit(
            call,
            lambda result: self._performed(result, select, done, say),
            lambda err: self.refuse(err.message),
        )

    def _performed(self, result: Any, select: str | None, done: Callable[[Any], None] | None,
                   say: str | Callable[[Any], str] | None) -> None:
        target = select if select is not None else (result if isinstance(result, str) else None)
        if target:
            self.remember_selection(target)
        if done is not None:
            done(result)
        text = say(result) if callable(say) else say
        if text:
            self.notify(text, markup=False, timeout=3)

    def open_form(self, dialog: FormDialog) -> None:
        """Show a form; each save puts the cursor on the saved item and shows it at once."""
        previous = dialog.on_saved

        def saved(result: Any) -> None:
            if isinstance(result, str):
                self.remember_selection(result)
            if previous is not None:
                previous(result)
            self.workshop_app.catch_up()

        dialog.on_saved = saved
        self.app.push_screen(dialog)

    def offer(self, hint: str, looking: str = "") -> str:
        """A hint that offers a key which changes something: in a replay, `looking` instead
        (by default nothing), since a replay only looks."""
        return looking if self.IS_REPLAY else hint

    def nothing_yet(self, hint: str) -> str:
        """What an empty list says: `hint` (which key adds to it) live; in a replay only that
        there was nothing at that moment."""
        return self.offer(hint, t("newcomer.replay.nothing"))

    def remember_selection(self, ref: str) -> None:
        """Put the cursor on `ref` at the next `show_state` (override where there is a cursor)."""

    def refuse(self, message: str) -> None:
        """Say why an action was refused, where the facilitator looks."""
        self.notify(message, title="Not done", severity="error", markup=False, timeout=6)

    def confirm(self, question: str, then: Callable[[], None], *, yes: str = "Delete") -> None:
        """Ask before something that cannot be taken back lightly; run `then` on yes."""
        from workshop.tui.dialogs.confirm import ConfirmDialog

        def answered(ok: bool | None) -> None:
            if ok:
                then()

        self.app.push_screen(ConfirmDialog(question, yes=yes), answered)

    # actions every phase has -----------------------------------------------------------------

    def _hint(self, action: str) -> None:
        self.notify(self.HINTS.get(action, "Not available here."), markup=False, timeout=4)

    def action_add(self) -> None:
        self._hint("add")

    def action_edit(self) -> None:
        self._hint("edit")

    def action_delete(self) -> None:
        self._hint("delete")

    def action_vote(self) -> None:
        self._hint("vote")

    def action_reveal(self) -> None:
        self._hint("reveal")

    def action_phase(self, phase: str) -> None:
        self.workshop_app.show_phase(Phase(phase))

    def action_guide(self) -> None:
        app = self.workshop_app
        app.guide_shown = not app.guide_shown
        self.query_one(GuidePanel).display = app.guide_shown

    def action_export(self) -> None:
        from workshop.tui.screens import export_dialog

        dialog = export_dialog(self.engine, self.state)
        if dialog is None:
            self.notify("Export is not available in this build; use `workshop export`.", markup=False)
            return
        self.app.push_screen(dialog)

    def action_undo(self) -> None:
        self._take_back("undo")

    def action_redo(self) -> None:
        self._take_back("redo")

    def _take_back(self, action: str) -> None:
        """Undo or redo this window's own newest change (the app's engine acts as this window's
        actor), saying in words what was taken back, or why nothing was."""

        def refused(err: WorkshopError) -> None:
            text = err.message.removeprefix(f"{action}: ")
            self.refuse(text[:1].upper() + text[1:])

        self.workshop_app.submit(
            lambda e: getattr(e, action)(self.wid),
            lambda result: self._performed(result, None, None, result.words),
            refused,
        )

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_room(self) -> None:
        self.workshop_app.show_room()

    def show_banner(self, banner: str) -> None:
        """Show where participants join (`banner`, empty when not serving) in the top bar."""
        self.query_one(PhaseBar).show_banner(banner)

    def action_quit(self) -> None:
        self.app.exit()

    # command palette -------------------------------------------------------------------------

    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], Any]]]:
        """(title, help, callback) for every key active on this screen and every extra command."""
        yield from binding_commands(self, PHASE_TITLES[self.PHASE])
        for title, help_text, action in (*self.COMMANDS_EXTRA, *TIMER_COMMANDS):
            yield title, help_text, _runner(self, action, self)


def binding_commands(screen: Screen[Any], where: str) -> Iterable[tuple[str, str, Callable[[], Any]]]:
    """(title, help, callback) for every key with a description active on `screen`: the command
    palette offers whatever the keys do."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        b = active.binding
        if not b.description or b.action in seen or b.action in ("quit", "command_palette"):
            continue
        seen.add(b.action)
        shown = b.key_display or screen.app.get_key_display(b)
        yield b.description, f"{where}: key {shown}", _runner(screen, b.action, active.node)


def _runner(screen: Screen[Any], action: str, node: Any) -> Callable[[], Any]:
    async def run() -> None:
        await screen.app.run_action(action, node)

    return run
