"""Provides the `?` help: what the screen it was opened from is for, and every key of that screen,
grouped, from the same bindings as its footer (`workshop.tui.footer.help_sections`)."""

from __future__ import annotations

from typing import Any

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workshop.domain.values import PHASE_TITLES
from workshop.tui.footer import KeysFooter, help_markdown, key
from workshop.tui.words import t


def help_text(screen: Screen[Any]) -> str:
    """The help for `screen`, in Markdown: its title, what it is for, its keys."""
    phase = getattr(screen, "PHASE", None)
    heading = PHASE_TITLES[phase] if phase is not None and hasattr(screen, "compose_board") \
        else t(getattr(screen, "KEYS_TITLE", "keys.title.screen"))
    prose = str(getattr(screen, "HELP", "") or "").strip()
    saved = f"\n\n{t('keys.prose.saved')}\n\n{t('keys.prose.undo')}" if hasattr(screen, "compose_board") else ""
    return f"# {heading}\n\n{prose}\n\n## {t('keys.section.keys')}\n\n{help_markdown(screen)}{saved}\n"


class HelpScreen(ModalScreen[None]):
    """Help over the current screen; any of escape, q or ? closes it."""

    BINDINGS = [key("escape,q,question_mark,f1", "close", "keys.close")]
    KEYS_TITLE = "keys.title.help"

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__(classes="dialog")
        self.text = help_text(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="help-box", can_focus=True):
            yield Static(RichMarkdown(self.text, hyperlinks=False))
        yield KeysFooter()

    def action_close(self) -> None:
        self.dismiss(None)
