"""Provides the export dialog: the journey map, the pilot backlog or the report as Markdown, the
printable journey map (HTML) or the emotion curve (SVG), written to a file (whole or not at all,
see `workshop.files`) or copied to the clipboard."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.files import write_file
from workshop.tui.backdrop import Backdrop
from workshop.tui.footer import HELP, KeysFooter, key
from workshop.tui.safe import plain
from workshop.tui.worded import WordedBindings
from workshop.tui.words import refusal, t, tn

if TYPE_CHECKING:
    from workshop.engine import Engine

WHAT = ("journey", "backlog", "report", "map", "curve")
"""What can be exported from here; each one's title and hint are `export.<what>` and
`export.<what>_hint` in the catalogue."""


def title_of(what: str) -> str:
    """An export's title in the interface's language ("Journey map")."""
    return t(f"export.{what}")

SUFFIX = {"map": ".html", "curve": ".svg"}
"""The file ending of each export that is not Markdown."""

DIAGRAMS = ("journey", "report")
"""The exports whose diagrams the fence choice shapes."""

FIRST_CHOICE = {"brief": "journey", "what-is": "journey", "what-if": "report", "what-wows": "report",
                "what-works": "backlog"}
"""What the dialog offers first: what the phase the workshop is in most likely wants."""

FENCES = ("backticks", "azure", "none")
"""How diagrams are fenced; each one's words are `export.fence_<key>`."""

Renderer = Callable[..., str]


def default_file(slug: str, what: str) -> str:
    """The file an export goes to unless the facilitator types another: `<slug>-<what>.md` (or
    `.html` for the printable map, `.svg` for the curve)."""
    return f"{slug}-{what}{SUFFIX.get(what, '.md')}"


def check_target(typed: str, base: Path) -> Path:
    """The file a typed path names (relative to `base`), or a WorkshopError naming the field."""
    text = typed.strip()
    if not text:
        raise WorkshopError(t("export.no_file"), "file")
    path = Path(os.path.expanduser(text))
    if not path.is_absolute():
        path = base / path
    if path.is_dir():
        raise WorkshopError(t("export.is_folder", path=text), "file")
    if not path.parent.is_dir():
        raise WorkshopError(t("export.no_folder", folder=path.parent), "file")
    return path


def cursor_on_choice(radios: RadioSet) -> None:
    """Put a radio set's cursor on its chosen button (Textual starts it on the first one), so
    space or enter at once keeps what is chosen and the arrows move from there."""
    buttons = list(radios.query(RadioButton))
    chosen = next((i for i, button in enumerate(buttons) if button.value), None)
    if chosen is not None:
        radios._selected = chosen  # Textual's cursor; it has no public setter


class ExportDialog(Backdrop, WordedBindings, ModalScreen[Path | None]):
    """Choose what to export and how diagrams are fenced; write it to a file or copy it.

    Dismisses with the file written (or None after copying or cancelling).
    """

    BINDINGS = [
        key("ctrl+s", "write", "keys.write_file"),
        key("escape", "cancel", "keys.cancel"),
        key("tab", "app.focus_next", "keys.next_part"),
        key("f1", "help", "keys.help", role=HELP),
    ]
    KEYS_TITLE = "keys.title.export"

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog .dialog-box { width: 90; max-height: 100%; overflow-y: auto; }
    ExportDialog RadioSet { width: 100%; margin-bottom: 1; }
    ExportDialog #error { color: $error; text-style: bold; height: auto; }
    ExportDialog #error.warning { color: $warning; }
    ExportDialog .export-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, engine: Engine, state: WorkshopState, *, what: str | None = None,
                 folder: Path | None = None, renderer: Renderer | None = None) -> None:
        super().__init__(classes="dialog")
        self.engine = engine
        self.workshop = state.id
        self.slug = state.slug
        self.what = what or FIRST_CHOICE.get(state.phase.value, "journey")
        self.fence = "backticks"
        self.folder = folder or Path.cwd()
        self._renderer = renderer
        self._replace: Path | None = None
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(t("export.title"), classes="dialog-title")
            yield Label(t("export.what"))
            with RadioSet(id="what"):
                for key in WHAT:
                    yield RadioButton(plain(t("export.choice", title=title_of(key), hint=t(f"export.{key}_hint"))),
                                      value=key == self.what, id=f"what-{key}")
            yield Label(t("export.diagram"))
            with RadioSet(id="fence", disabled=self.what not in DIAGRAMS):
                for key in FENCES:
                    yield RadioButton(plain(t(f"export.fence_{key}")), value=key == self.fence, id=f"fence-{key}")
            yield Label(plain(t("export.file_in", folder=self.folder)))
            yield Input(default_file(self.slug, self.what), id="path")
            yield Static("", id="error")
            yield Static(t("export.keys"), classes="export-keys")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("export.write"), id="write", variant="primary")
                yield Button(t("export.copy"), id="copy")
                yield Button(t("export.cancel"), id="cancel")
        yield KeysFooter()

    def action_help(self) -> None:
        from workshop.tui.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def on_mount(self) -> None:
        for radios in self.query(RadioSet):
            cursor_on_choice(radios)
        self.query_one("#what", RadioSet).focus()

    # choices ---------------------------------------------------------------------------------

    @on(RadioSet.Changed, "#what")
    def _what_changed(self, event: RadioSet.Changed) -> None:
        new = (event.pressed.id or "").removeprefix("what-")
        field = self.query_one("#path", Input)
        # Follow the choice only while the facilitator has not typed a file of their own.
        if field.value == default_file(self.slug, self.what):
            field.value = default_file(self.slug, new)
        self.what = new
        self.query_one("#fence", RadioSet).disabled = new not in DIAGRAMS
        self._say("")

    @on(RadioSet.Changed, "#fence")
    def _fence_changed(self, event: RadioSet.Changed) -> None:
        self.fence = (event.pressed.id or "").removeprefix("fence-")

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._replace = None

    @on(Input.Submitted, "#path")
    def _path_submitted(self) -> None:
        self.action_write()

    @on(Button.Pressed, "#write")
    def _write_pressed(self) -> None:
        self.action_write()

    @on(Button.Pressed, "#copy")
    def _copy_pressed(self) -> None:
        self.action_copy()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    # actions ---------------------------------------------------------------------------------

    def action_write(self) -> None:
        """Write the export to the typed file; an existing file is replaced only when asked twice."""
        if self._busy:
            return
        field = self.query_one("#path", Input)
        try:
            path = check_target(field.value, self.folder)
        except WorkshopError as err:
            self._refuse(refusal(err))
            return
        if path.exists() and self._replace != path:
            self._replace = path
            self._say(t("export.exists", name=path.name, write=t("export.write")), warning=True)
            return
        self._start(path)

    def action_copy(self) -> None:
        """Copy the export to the clipboard (the terminal must allow it; most do)."""
        if not self._busy:
            self._start(None)

    def _start(self, path: Path | None) -> None:
        self._busy = True
        self._say(t("export.exporting"), warning=True)
        self.run_worker(lambda: self._export(path), thread=True, group="export", exit_on_error=False)

    def _export(self, path: Path | None) -> None:
        """In a worker thread: read the workshop, render it, then write it to `path` (or hand it
        back for the clipboard when there is no path)."""
        try:
            state = self.engine.load(self.workshop)
            events = self.engine.events(self.workshop)
            text = self.render_export(state, events)
            if path is None:
                self.app.call_from_thread(self._copied, text)
            else:
                write_file(path, text, "file")
                self.app.call_from_thread(self._written, path)
        except WorkshopError as err:
            self.app.call_from_thread(self._refuse, refusal(err))
        except OSError as err:
            self.app.call_from_thread(self._refuse, t("export.cannot_write", reason=err.strerror or err))

    def render_export(self, state: Any, events: list[Any]) -> str:
        renderer = self._renderer
        if renderer is None:
            from workshop.export import render as renderer
        return renderer(self.what, state, events, mermaid=self.fence)

    def _written(self, path: Path) -> None:
        self._busy = False
        self.app.notify(t("export.written", title=title_of(self.what), path=path), title=t("export.title"))
        self.dismiss(path)

    def _copied(self, text: str) -> None:
        self._busy = False
        self.app.copy_to_clipboard(text)
        self.app.notify(tn("export.copied", len(text.splitlines()), title=title_of(self.what)), title=t("export.title"))
        self.dismiss(None)

    # messages --------------------------------------------------------------------------------

    def _refuse(self, message: str) -> None:
        """Show why in place; what was typed stays in the field."""
        self._busy = False
        self._say(message)
        self.query_one("#path", Input).focus()

    def _say(self, message: str, *, warning: bool = False) -> None:
        error = self.query_one("#error", Static)
        error.update(plain(message))
        error.set_class(warning, "warning")
