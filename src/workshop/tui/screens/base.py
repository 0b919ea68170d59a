"""Provides `PhaseScreen`, the base of the brief and the four phase screens.

How a phase screen plugs in:

- Subclass `PhaseScreen`, set `PHASE` (a `workshop.domain.values.Phase`) and `HELP` (the catalogue
  entry of a few lines of Markdown for `?`), implement `compose_board()` (the widgets left of the guide) and
  `show_state(state)` (put a fresh `WorkshopState` on screen, keeping the cursor on the same item
  ref: it runs after our own changes and after another process's).
- Register the class in `workshop.tui.screens.SCREENS` (phase -> "module:Class").
- Implement the actions the phase has: `action_add`, `action_edit`, `action_delete`,
  `action_vote`, `action_reveal`. The keys of those a phase lacks are not offered (neither in
  the footer nor in `?`); `can(action, parameters)` says whether one works where the cursor is
  now, and `allows(widget, verb)` whether a list's own key does (see `workshop.tui.footer` for
  how a screen declares its keys). The keys are in `BINDINGS` here, so the footer, `?` and the
  command palette always show the same ones. Extra palette-only entries go in `COMMANDS_EXTRA`
  as (title, help, action) tuples; every phase also has the timer's
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

from textual import events, on
from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import OptionList

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.timers import utc_now
from workshop.domain.values import Phase
from workshop.tui.backdrop import Beneath
from workshop.tui.frames import LaidOutFirst
from workshop.tui.footer import (DETAIL, EXPORT, HELP_KEYS, HIDDEN, PHASES, QUIT, ROOM, TIMER, UNDO,
                                 KeysFooter, key, words_of)
from workshop.tui.screens.timing import TIMER_COMMANDS, TimerActions
from workshop.tui.widgets.detail import DetailPane
from workshop.tui.widgets.guide import GuideHint, GuidePanel
from workshop.tui.widgets.itemlist import ItemList
from workshop.tui.widgets.phasebar import PhaseBar
from workshop.tui.worded import WordedBindings
from workshop.tui.words import phase_title, refusal, t

if TYPE_CHECKING:
    from workshop.tui.dialogs.form import FormDialog
    from workshop.engine import Engine
    from workshop.tui.host import WorkshopHost

PHASE_BINDINGS: list[BindingType] = [
    key(str(number), f"phase('{phase.value}')", "keys.phase", role=PHASES)
    for number, phase in enumerate(Phase)
]

ACTION_BINDINGS: list[BindingType] = [
    key("a", "add", "keys.add"),
    key("enter", "edit", "keys.edit"),
    key("d", "delete", "keys.delete"),
    key("v", "vote", "keys.vote"),
    key("r", "reveal", "keys.reveal"),
    key("t", "timer", "keys.timer", role=TIMER),
    key("e", "export", "keys.export", role=EXPORT),
    key("j", "room", "keys.room", role=ROOM),
    key("ctrl+z", "undo", "keys.undo", role=UNDO),
    key("ctrl+y", "redo", "keys.redo", role=HIDDEN, show=False),
    key("g", "guide", "keys.guide", role=HIDDEN, show=False),
    *HELP_KEYS,
    key("q", "quit", "keys.quit", role=QUIT),
]
"""The keys every phase screen has. `a` `enter` `d` `v` `r` are offered only where the screen
has the action (`PhaseScreen.can`)."""

NEXT_PART = key("tab", "app.focus_next", "keys.next_part")
"""`tab` shown in the footer, on a screen of several lists."""

SCREEN_ACTIONS = ("add", "edit", "delete", "vote", "reveal")
"""Actions a phase screen has only when it implements them (the rest say where it happens)."""


DETAIL_BINDINGS: list[BindingType] = [key("i", "details", "overview.detail.key", role=DETAIL)]
"""`i`: the focused item's details in the guide's place, on every phase screen."""


class PhaseScreen(LaidOutFirst, Beneath, WordedBindings, TimerActions, Screen[None]):
    """One phase of the open workshop: board on the left, guide on the right, timer on top."""

    PHASE: ClassVar[Phase] = Phase.BRIEF
    HELP: ClassVar[str] = ""
    HINTS: ClassVar[dict[str, str]] = {
        "add": "base.hint_add",
        "edit": "base.hint_edit",
        "delete": "base.hint_delete",
        "vote": "base.hint_vote",
        "reveal": "base.hint_reveal",
    }
    """What a key this phase lacks says instead (catalogue keys)."""
    COMMANDS_EXTRA: ClassVar[list[tuple[str, str, str]]] = []
    """Palette-only commands: (title, help, action), the title and help as catalogue keys (the help
    may name `{phase}`)."""
    BINDINGS = PHASE_BINDINGS + ACTION_BINDINGS + DETAIL_BINDINGS
    # The screen's classes follow its size (see app.tcss): below 100 columns the phase bar packs
    # into two rows and the guide folds into a one-line hint; below 30 rows the boards give the
    # curve and the lists under them fewer rows, so the cards keep theirs.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (150, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    FIRST_READ: ClassVar[frozenset[str] | None] = None
    """The tables this screen shows (None: all of them). A workshop opened on this phase is drawn
    from these alone, and the rest is read behind the first frame (see `Follower`'s `first`)."""
    IS_REPLAY: ClassVar[bool] = False
    """True in a replay (read-only): nothing on screen may then offer a key that changes things."""

    def __init__(self, engine: Engine, state: WorkshopState) -> None:
        super().__init__(classes=f"phase-{self.PHASE.value}")
        self.add_class(*self.size_classes(), update=False)
        self._guide_unfolded = False
        """Whether `g` opened the guide where it is folded (a narrow window, the projector)."""
        self.engine = engine
        self.state = state
        self.wid = state.id

    def size_classes(self) -> set[str]:
        """The breakpoint classes the app's present size gives, chosen by Textual's own rule
        (`_get_breakpoint_classes`, which its first resize applies): given at once, the screen is
        styled for its size in its first layout, and that resize changes nothing (else every
        widget is styled and drawn again)."""
        try:
            width, height = self.app.size
        except NoActiveAppError:  # no app running yet: Textual sets them at the first resize
            return set()
        return (self._get_breakpoint_classes(width, self.HORIZONTAL_BREAKPOINTS)  # noqa: SLF001
                | self._get_breakpoint_classes(height, self.VERTICAL_BREAKPOINTS))  # noqa: SLF001

    @property
    def workshop_app(self) -> WorkshopHost:
        return self.app  # type: ignore[return-value]

    # layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.workshop_app
        yield PhaseBar(self.state, self.PHASE, app.timebox(self.PHASE), id="phasebar")
        with Horizontal(id="phase-body"):
            with Vertical(id="board-area"):
                yield from self.compose_board()
            # As `place_guide` will have it, so the first frame does not flash the other way.
            folded = app.projector or app.size.width < self.HORIZONTAL_BREAKPOINTS[1][0]
            guide = GuidePanel(app.guide(self.PHASE), id="guide")
            guide.display = app.guide_shown and not folded and not app.detail_shown
            yield guide
            detail = DetailPane(id="detail")
            detail.display = app.detail_shown
            yield detail
        hint = GuideHint(app.guide(self.PHASE), id="guide-hint")
        hint.display = not guide.display and not detail.display and not app.projector
        yield hint
        yield KeysFooter()

    def compose_board(self) -> ComposeResult:
        """The widgets of this phase (left of the guide)."""
        yield from ()

    def on_mount(self) -> None:
        # Textual calls this whatever the phase's own on_mount does (handlers of every class).
        self.show_state(self.state)
        self.watch(self.app, "projector", lambda _on: self.place_guide(), init=False)
        self.place_guide()

    def on_resize(self) -> None:
        self.call_after_refresh(self.place_guide)

    @property
    def guide_folded(self) -> bool:
        """Whether the guide is folded into its one-line hint unless `g` opens it: in a narrow
        window (the board needs the width) and on the projector (the room reads the board)."""
        return self.has_class("-narrow") or bool(getattr(self.app, "projector", False))

    def place_guide(self) -> None:
        """Show the guide beside the board, or its one-line hint, as the size and mode want; the
        detail pane, while it is shown, takes the guide's place."""
        if not self.is_mounted:
            return
        app = self.workshop_app
        shown = (self._guide_unfolded if self.guide_folded else app.guide_shown) and not app.detail_shown
        panel, hint = self.query_one(GuidePanel), self.query_one(GuideHint)
        panel.display = shown
        self.query_one(DetailPane).display = app.detail_shown
        hint.display = not shown and not app.detail_shown and not app.projector
        self.show_detail()

    def on_screen_resume(self) -> None:
        # The app may have a newer state than the one this screen was made with.
        latest = self.workshop_app.state
        if latest is not None and latest is not self.state and latest.id == self.wid:
            self.refresh_state(latest)
        self.place_guide()

    # state -----------------------------------------------------------------------------------

    def refresh_state(self, state: WorkshopState, *, external: bool = False) -> None:
        """Take a new state of the workshop (ours or another process's) and show it."""
        self.state = state
        self.query_one(PhaseBar).update_state(state)
        self.show_state(state)
        self.show_detail()
        self.refresh_bindings()  # what the keys can do may have changed with it

    # which keys work -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SCREEN_ACTIONS and \
                getattr(type(self), f"action_{action}") is getattr(PhaseScreen, f"action_{action}"):
            return False  # not in this phase: the key is not offered
        try:
            return self.can(action, parameters)
        except NoMatches:  # not composed yet
            return False

    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        """Whether the screen's key for `action` works where the cursor is now (override per
        phase; a key that cannot work is neither in the footer nor in `?`)."""
        return True

    def on_key(self, event: events.Key) -> None:
        """A key of this screen that is not offered where the cursor is (so nothing took it) still
        says why when pressed: its action gives its own hint ("Dots are cast in What Wows",
        "has 0 of 3 dots left") instead of nothing happening."""
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            _node, name, params = self.app._parse_action(binding.action, self)  # noqa: SLF001
            method = getattr(self, f"action_{name}", None)
            if method is not None:
                event.stop()
                self.call_later(method, *params)
                return

    def allows(self, widget: object, verb: str) -> bool:
        """Whether a list's own key for `verb` (add, edit, delete, moment …) works on this
        screen (a replay allows none that change something)."""
        return True

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
            lambda err: self.refuse(refusal(err)),
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
        app = self.workshop_app

        def saved(result: Any) -> None:
            if isinstance(result, str):
                self.remember_selection(result)
            if previous is not None:
                previous(result)
            if dialog.prepared is None:
                app.catch_up()
            elif dialog.prepared[0] is not None:  # caught up in the saving thread already
                app.show_caught(dialog.prepared[0])

        dialog.on_saved = saved
        dialog.prepare = app.caught_up
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
        self.notify(message, title=t("base.not_done"), severity="error", markup=False, timeout=6)

    def confirm(self, question: str, then: Callable[[], None], *, yes: str | None = None) -> None:
        """Ask before something that cannot be taken back lightly; run `then` on yes (the yes
        button says `yes`, else "Delete")."""
        from workshop.tui.dialogs.confirm import ConfirmDialog

        def answered(ok: bool | None) -> None:
            if ok:
                then()

        self.app.push_screen(ConfirmDialog(question, yes=yes or t("base.delete")), answered)

    # actions every phase has -----------------------------------------------------------------

    def _hint(self, action: str) -> None:
        self.notify(t(self.HINTS.get(action, "base.not_here")), markup=False, timeout=4)

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
        if app.detail_shown:  # `g` brings the guide back in the detail pane's place
            app.detail_shown = False
            if self.guide_folded:
                self._guide_unfolded = True
            else:
                app.guide_shown = True
        elif self.guide_folded:
            self._guide_unfolded = not self._guide_unfolded
        else:
            app.guide_shown = not app.guide_shown
        self.place_guide()

    # the detail pane -------------------------------------------------------------------------

    def action_details(self) -> None:
        """Show or hide the focused item's details, in place of the guide."""
        app = self.workshop_app
        app.detail_shown = not app.detail_shown
        self.place_guide()

    def detail_ref(self) -> str | None:
        """The item the detail pane shows: the one under the cursor of the focused list."""
        focused = self.focused
        if isinstance(focused, ItemList):
            return focused.selected_ref
        if isinstance(focused, OptionList):
            option = focused.highlighted_option
            return option.id if option is not None else None
        return None

    def show_detail(self) -> None:
        """Put the item under the cursor in the detail pane (when it is shown)."""
        if not self.is_mounted:
            return
        pane = self.query_one(DetailPane)
        if pane.display:
            pane.show(self.state, self.detail_ref())

    @on(ItemList.Moved)
    @on(OptionList.OptionHighlighted)
    @on(events.DescendantFocus)
    def _detail_follows(self) -> None:
        self.show_detail()

    def action_export(self) -> None:
        from workshop.tui.screens import export_dialog

        dialog = export_dialog(self.engine, self.state)
        if dialog is None:
            self.notify(t("base.no_export"), markup=False)
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
        yield from binding_commands(self, phase_title(self.PHASE))
        for title, help_text, action in (*self.COMMANDS_EXTRA, *TIMER_COMMANDS):
            yield t(title), t(help_text, phase=phase_title(self.PHASE)), _runner(self, action, self)


def binding_commands(screen: Screen[Any], where: str) -> Iterable[tuple[str, str, Callable[[], Any]]]:
    """(title, help, callback) for every key with a description active on `screen`: the command
    palette offers whatever the keys do."""
    seen: set[str] = set()
    for bound in screen.active_bindings.values():
        b = bound.binding
        words = words_of(b)
        if not bound.enabled or words is None or b.action in seen or b.action in ("quit", "command_palette") \
                or b.group == PHASES:
            continue
        seen.add(b.action)
        shown = b.key_display or screen.app.get_key_display(b)
        yield words, t("base.palette_key", where=where, key=shown), _runner(screen, b.action, bound.node)


def _runner(screen: Screen[Any], action: str, node: Any) -> Callable[[], Any]:
    async def run() -> None:
        await screen.app.run_action(action, node)

    return run
