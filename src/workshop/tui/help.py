"""Provides the `?` help: what the screen it was opened from is for, and every key of that screen,
grouped, from the same bindings as its footer (`workshop.tui.footer.help_sections`)."""

from __future__ import annotations

from typing import Any

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workshop.tui.backdrop import Backdrop
from workshop.tui.footer import KeysFooter, help_markdown, key
from workshop.tui.words import current, phase_title, t


def about(help_keys: str) -> str:
    """What a screen is for: its `HELP`, one catalogue entry or several separated by spaces (a
    replay's and its phase's), each looked up in the room's language."""
    keys = help_keys.split()
    if not keys or not all(current().has(k) for k in keys):
        return help_keys.strip()
    return "\n\n".join(t(k).strip() for k in keys)


def help_text(screen: Screen[Any]) -> str:
    """The help for `screen`, in Markdown: its title, what it is for, its keys."""
    phase = getattr(screen, "PHASE", None)
    heading = phase_title(phase) if phase is not None and hasattr(screen, "compose_board") \
        else t(getattr(screen, "KEYS_TITLE", "keys.title.screen"))
    prose = about(str(getattr(screen, "HELP", "") or ""))
    saved = f"\n\n{t('keys.prose.saved')}\n\n{t('keys.prose.undo')}" if hasattr(screen, "compose_board") else ""
    return f"# {heading}\n\n{prose}\n\n## {t('keys.section.keys')}\n\n{help_markdown(screen)}{saved}\n"


class HelpScreen(Backdrop, ModalScreen[None]):
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
