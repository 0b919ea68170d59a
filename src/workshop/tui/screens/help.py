"""Provides the `?` help: every key of the screen it was opened from, and what the phase is for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop.domain.values import PHASE_TITLES

if TYPE_CHECKING:
    from workshop.tui.host import PhaseView

_ALWAYS = """
| key | what it does |
| --- | --- |
| `0` `1` `2` `3` `4` | Brief, What Is, What If, What Wows, What Works |
| `a` | add |
| `enter` | edit the selected item |
| `d` | delete the selected item (asks first) |
| `v` | vote (What Wows) |
| `r` | reveal votes or hidden ideas |
| `t` | start or pause the phase timer (ctrl+p: reset it, set its timebox) |
| `e` | export (journey, backlog, report, printable map, emotion curve) |
| `j` | the room: participants join from their phones (address, code, QR code) |
| `ctrl+z` / `ctrl+y` | undo / redo your own changes (not a participant's or another window's) |
| `g` | hide or show the guide |
| `i` | details of the selected item (every field), in place of the guide; it follows the cursor |
| `o` | What Is: the whole journey on one screen, and its weakest link |
| `ctrl+p` | command palette: every action, themes, projector mode |
| `ctrl+o` | other workshops |
| `q` | quit |

Everything is saved the moment it is shown. Another window or the `workshop` command may change
the same workshop: the screen follows within a second. The phase timers are saved too: they keep
their time when the app is closed, and every window shows the same time.

Undo takes back only the changes made here, newest first; it says what it undid, and it changes
nothing when someone else has since changed or built on that change (dots on your idea, a link to
your touchpoint).
"""


# Moving the cursor is the same in every list; the help lists what is particular to the board.
_WIDGET_PLUMBING = ("cursor_", "first", "last", "page_", "select", "scroll_")


def help_text(screen: PhaseView) -> str:
    """The help for a phase screen, in Markdown."""
    keys = []
    for active in screen.active_bindings.values():
        b = active.binding
        if (b.description and active.node is not screen and active.node is not screen.app
                and not b.action.startswith(_WIDGET_PLUMBING)):
            keys.append(f"| `{b.key_display or screen.app.get_key_display(b)}` | {b.description} |")
    extra = ("\n\nOn the board:\n\n| key | what it does |\n| --- | --- |\n" + "\n".join(keys)) if keys else ""
    return f"# {PHASE_TITLES[screen.PHASE]}\n\n{screen.HELP.strip()}\n{extra}\n\n## Keys\n{_ALWAYS}"


class HelpScreen(ModalScreen[None]):
    """Help over the current screen; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, screen: PhaseView) -> None:
        super().__init__(classes="dialog")
        self.text = help_text(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="help-box", can_focus=True):
            yield Static(RichMarkdown(self.text, hyperlinks=False))
            yield Static("escape closes", classes="field-label")

    def action_close(self) -> None:
        self.dismiss(None)
