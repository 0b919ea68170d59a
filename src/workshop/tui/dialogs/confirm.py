"""Provides the yes/no question asked before deleting something."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workshop.tui.backdrop import Backdrop
from workshop.tui.footer import KeysFooter, key
from workshop.tui.safe import plain
from workshop.tui.worded import WordedBindings
from workshop.tui.words import t


class ConfirmDialog(Backdrop, WordedBindings, ModalScreen[bool]):
    """Asks a question; dismisses with True for yes (`y`), False for no (`n`, escape)."""

    BINDINGS = [
        key("y", "answer(True)", "keys.yes"),
        key("n,escape", "answer(False)", "keys.no"),
    ]

    def __init__(self, question: str, *, yes: str | None = None, no: str | None = None,
                 danger: bool = True) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.yes = yes or t("confirm.yes")
        self.no = no or t("confirm.no")
        self.danger = danger
        """Yes destroys something: shown as a warning, the cursor on no. Otherwise (an offer)
        the cursor is on yes."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(plain(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain(t("confirm.yes_button", label=self.yes)), id="yes",
                             variant="error" if self.danger else "primary")
                yield Button(plain(t("confirm.no_button", label=self.no)), id="no",
                             variant="primary" if self.danger else "default")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
