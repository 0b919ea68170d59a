"""Provides the yes/no question asked before deleting something."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from workshop.tui.safe import plain


class ConfirmDialog(ModalScreen[bool]):
    """Asks a question; dismisses with True for yes (`y`), False for no (`n`, escape)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, *, yes: str = "Delete", no: str = "Keep", danger: bool = True) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.yes = yes
        self.no = no
        self.danger = danger
        """Yes destroys something: shown as a warning, the cursor on no. Otherwise (an offer)
        the cursor is on yes."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(plain(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain(f"{self.yes} (y)"), id="yes", variant="error" if self.danger else "primary")
                yield Button(plain(f"{self.no} (n)"), id="no", variant="primary" if self.danger else "default")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
