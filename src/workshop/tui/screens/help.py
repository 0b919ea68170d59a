"""Provides the `?` help: every key of the screen it was opened from, and what the phase is for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop.domain.values import Phase
from workshop.tui.worded import WIDGET_PLUMBING, WordedBindings
from workshop.tui.words import phase_title, t

if TYPE_CHECKING:
    from workshop.tui.host import PhaseView

_ALWAYS = "help.always"
"""The keys every phase has, and how saving and undo work (a catalogue key)."""




def help_text(screen: PhaseView) -> str:
    """The help for a phase screen, in Markdown."""
    keys = []
    for active in screen.active_bindings.values():
        b = active.binding
        if (b.description and active.node is not screen and active.node is not screen.app
                and not b.action.startswith(WIDGET_PLUMBING)):
            keys.append(f"| `{b.key_display or screen.app.get_key_display(b)}` | {b.description} |")
    extra = ("\n\n" + t("help.on_board") + "\n\n" + t("help.table_head") + "\n| --- | --- |\n"
             + "\n".join(keys)) if keys else ""
    # HELP names one catalogue entry, or several separated by spaces (a replay's and its phase's).
    about = "\n\n".join(t(key).strip() for key in screen.HELP.split())
    return f"# {phase_title(screen.PHASE)}\n\n{about}\n{extra}\n\n## {t('help.keys')}\n{t(_ALWAYS, phases=', '.join(phase_title(p) for p in Phase))}"


class HelpScreen(WordedBindings, ModalScreen[None]):
    """Help over the current screen; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, screen: PhaseView) -> None:
        super().__init__(classes="dialog")
        self.text = help_text(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="help-box", can_focus=True):
            yield Static(RichMarkdown(self.text, hyperlinks=False))
            yield Static(t("help.escape_closes"), classes="field-label")

    def action_close(self) -> None:
        self.dismiss(None)
