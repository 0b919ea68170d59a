"""Provides `FormDialog`, the one form every item is added and edited with: fields described as
data, the engine called on save, and a refusal shown under the field it names, with what was
typed kept. For entry one after another (ideas, touchpoints) the form stays open: each save is
checked first, then the fields are emptied and the cursor is back in the first one at once, and
what carries over to the next entry is what the facilitator chose with the form's keep box."""

from __future__ import annotations

import queue
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual import work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from workshop.domain.errors import WorkshopError
from workshop.tui.backdrop import Backdrop
from workshop.tui.footer import HELP, KeysFooter, key
from workshop.tui.frames import HeldFrames
from workshop.tui.safe import plain, shown
from workshop.tui.widgets.text import show_text
from workshop.tui.worded import WordedBindings
from workshop.tui.words import refusal, t


@dataclass
class Field:
    """One field of a form.

    `kind` is `text` (one line), `note` (several lines), `lines` (a list, one item a line),
    `choice` (from `choices`), `flag` (yes/no), `number` (a whole number or empty) or `person`
    (a name: one of `choices`, the participants, picked with ↑/↓ or completed as typed, or any
    other name typed).
    `aliases` are other names the engine may use for this field in its messages.
    """

    name: str
    label: str
    kind: str = "text"
    value: Any = None
    choices: Sequence[tuple[str, Any]] = ()
    placeholder: str = ""
    aliases: tuple[str, ...] = ()
    hint: str = ""
    keep: bool = False
    """Carried over to the next entry when the form's keep box is ticked (else emptied)."""
    sticky: bool = False
    """Always carried over to the next entry (the stage touchpoints are added to)."""
    names: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        self.names = {self.name, self.name.replace("_", " "), self.label.lower(), *self.aliases}


def person_field(name: str, label: str, people: Sequence[str], value: str | None = None, *,
                 aliases: tuple[str, ...] = (), keep: bool = False) -> Field:
    """A field for a person's name: one of `people` (the participants), picked with ↑/↓ or
    completed as typed, or anyone else typed."""
    return Field(name, label, "person", value or "", choices=[(p, p) for p in people], aliases=aliases, keep=keep,
                 hint=t("newcomer.person.hint") if people else t("newcomer.person.hint_none"),
                 placeholder=t("newcomer.person.example", name=people[0]) if people else "")


class Tick(Checkbox):
    """A checkbox whose box shows its state by shape, not only by colour (a washed-out projector
    loses the colour): ☑ when ticked, ☐ when not."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        return "☑" if self.value else "☐"


class PersonInput(Input):
    """A person's name: ↑/↓ step through the participants, typing completes one (→ takes the
    completion), and a name not in the list is typed as it is."""

    BINDINGS = [
        key("down", "pick(1)", "newcomer.person.next", show=False),
        key("up", "pick(-1)", "newcomer.person.previous", show=False),
    ]

    def __init__(self, value: str, names: Sequence[str], **kwargs: Any) -> None:
        super().__init__(value, suggester=SuggestFromList(names, case_sensitive=False) if names else None,
                         **kwargs)
        self.names = list(names)

    def action_pick(self, step: int) -> None:
        if not self.names:
            return
        folded = [name.casefold() for name in self.names]
        typed = self.value.strip().casefold()
        at = folded.index(typed) if typed in folded else (-1 if step > 0 else 0)
        self.value = self.names[(at + step) % len(self.names)]
        self.cursor_position = len(self.value)


class FormRefused(WorkshopError):
    """A value the form itself cannot read (a number that is not one)."""


class FormDialog(HeldFrames, Backdrop, WordedBindings, ModalScreen[Any]):
    """A modal form. `submit(values)` runs in a thread; its result is what the dialog returns.

    With `again=True` the form stays open after a save, empties its fields and is ready for
    the next entry (fast entry of ideas and touchpoints); `on_saved(result)` hears each save.
    `check(values)` runs before a save and may refuse it (a `WorkshopError`) while everything
    typed is still in place; `keep` adds a box that carries the `keep` fields over to the next
    entry (`keep_on` ticks it at the start); `saved_words(result, values)` says what a save did.
    """

    BINDINGS = [
        key("ctrl+s", "save", "keys.save", priority=True),
        key("escape", "cancel", "keys.cancel"),
        key("tab", "app.focus_next", "keys.next_field"),
        key("f1", "help", "keys.help", role=HELP),
    ]
    KEYS_TITLE = "keys.title.form"
    ANSWER_WAIT = 0.05
    """Seconds the emptied form waits for the save's answer before it is painted without it."""

    def __init__(self, title: str, fields: list[Field], submit: Callable[[dict[str, Any]], Any], *,
                 again: bool = False, on_saved: Callable[[Any], None] | None = None,
                 save_label: str | None = None, intro: str = "", focus: str | None = None,
                 enter_saves: bool = True, check: Callable[[dict[str, Any]], None] | None = None,
                 keep: str = "", keep_on: bool = False,
                 saved_words: Callable[[Any, dict[str, Any]], str] | None = None) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.fields = fields
        self.submit = submit
        self.again = again
        self.on_saved = on_saved
        self.save_label = save_label or t("form.save")
        self.intro = intro
        self.first = focus if focus in {f.name for f in fields} else fields[0].name
        """The field the cursor starts in."""
        self.enter_saves = enter_saves
        """Enter in a one-line field saves; when False it moves to the next field (long forms)."""
        self.check = check
        self.keep_label = keep
        self.keep_on = keep_on
        self.saved_words = saved_words
        self._stored: dict[str, tuple[str, Any]] = {}
        """Fields whose stored value shows otherwise (controls as marks): (as shown, as stored)."""
        self.saved = 0
        self._saving = 0
        self._close_when_saved = False
        self._queue: queue.Queue[dict[str, Any]] = queue.Queue()
        self.prepare: Callable[[], Any] | None = None
        """Run in the saving thread after a save with none waiting behind it (the workshop
        brought up to date there, off the interface's thread)."""
        self.prepared: tuple[Any] | None = None
        """While `on_saved` runs: (what `prepare` gave,) when it ran for this save, else None."""

    # layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box form"):
            yield Static(plain(self.title_text), classes="dialog-title")
            if self.intro:
                yield Static(plain(self.intro), classes="dialog-question")
            if self.again:
                # At the top, where the eye is: what the last save did, and what carries over.
                yield Static("", id="form-saved", classes="form-saved", markup=False)
            if self.keep_label:
                yield Tick(plain(self.keep_label), self.keep_on, id="keep-toggle")
            for f in self.fields:
                if f.kind != "flag":  # a checkbox carries its own label
                    yield Static(plain(f.label + (f"  ({f.hint})" if f.hint else "")), classes="field-label")
                yield self._input(f)
                yield Static("", id=f"error-{f.name}", classes="field-error", markup=False)
            yield Static("", id="form-error", classes="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.cancel_button"), id="cancel")
                yield Button(plain(t("form.save_button", label=self.save_label)), id="save", variant="primary")
        yield KeysFooter()

    def _editable(self, f: Field, text: str) -> str:
        """A stored value as the field shows it for editing: a control character another program
        left in it as its visible mark. Left untouched, the field gives back the stored value."""
        seen = shown(text)
        if seen != text:
            self._stored[f.name] = (seen, f.value)
        return seen

    def _input(self, f: Field) -> Widget:
        wid = f"field-{f.name}"
        if f.kind == "note":
            return TextArea(self._editable(f, f.value or ""), id=wid, soft_wrap=True, classes="field-note")
        if f.kind == "lines":
            return TextArea(self._editable(f, "\n".join(f.value or ())), id=wid, soft_wrap=True,
                            classes="field-lines")
        if f.kind == "choice":
            # Choices name people, stages and concepts: shown as plain text, never markup.
            return Select([(plain(label), value) for label, value in f.choices],
                          value=f.value if f.value is not None else Select.NULL,
                          id=wid, prompt=shown(f.placeholder or t("form.none")))
        if f.kind == "flag":
            return Tick(plain(f.label), bool(f.value), id=wid)
        text = "" if f.value is None else str(f.value)
        if f.kind == "person":
            return PersonInput(self._editable(f, text), [str(value) for _label, value in f.choices],
                               id=wid, placeholder=shown(f.placeholder))
        return Input(self._editable(f, text), id=wid, placeholder=shown(f.placeholder))

    def on_mount(self) -> None:
        self._saver()
        self.query_one(f"#field-{self.first}").focus()

    # values ----------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What is in the fields now, read into the types the engine takes."""
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#field-{f.name}")
            stored = self._stored.get(f.name)
            if stored is not None and isinstance(widget, (TextArea, Input)) and \
                    (widget.text if isinstance(widget, TextArea) else widget.value) == stored[0]:
                out[f.name] = list(stored[1] or ()) if f.kind == "lines" else stored[1]
            elif isinstance(widget, TextArea):
                text = widget.text
                out[f.name] = [ln for ln in text.split("\n") if ln.strip()] if f.kind == "lines" else text
            elif isinstance(widget, Select):
                out[f.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Checkbox):
                out[f.name] = widget.value
            elif isinstance(widget, Input):
                text = widget.value
                if f.kind == "number":
                    text = text.strip()
                    if text and not text.lstrip("-").isdigit():
                        raise FormRefused(t("form.not_a_number", field=f.label, text=text), f.name)
                    out[f.name] = int(text) if text else None
                else:
                    out[f.name] = text
        return out

    @property
    def keeping(self) -> bool:
        """Whether the keep box is ticked (the `keep` fields carry over to the next entry)."""
        if not self.keep_label:
            return False
        return self.query_one("#keep-toggle", Checkbox).value

    def clear_text(self) -> None:
        """Ready the form for the next entry: every field back to where it started, emptied, or
        (sticky, or `keep` with the keep box ticked) as it is; the cursor in the first field."""
        keeping = self.keeping
        for f in self.fields:
            if f.sticky or (f.keep and keeping):
                continue
            widget = self.query_one(f"#field-{f.name}")
            value = None if f.keep else f.value
            # Only fields that changed are set: each set lays the form out again.
            if isinstance(widget, Input):
                empty = "" if value is None else str(value)
                if widget.value != empty:
                    widget.value = empty
            elif isinstance(widget, TextArea):
                empty = "\n".join(value) if isinstance(value, (list, tuple)) else str(value or "")
                if widget.text != empty:
                    widget.text = empty
            elif isinstance(widget, Select):
                empty = value if value is not None else Select.NULL
                if widget.value != empty:
                    widget.value = empty
            elif isinstance(widget, Checkbox) and widget.value != bool(value):
                widget.value = bool(value)
        # At once, not later: keys typed after the save go to the first field, not the last one.
        self.set_focus(self.query_one(f"#field-{self.first}"), scroll_visible=False)
        # Back at the top, where what the save did is said, the first field below it.
        self.query_one(VerticalScroll).scroll_home(animate=False)

    # saving ----------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.enter_saves or event.input.id == f"field-{self.fields[-1].name}":
            self.action_save()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_help(self) -> None:
        from workshop.tui.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_cancel(self) -> None:
        if self._saving:
            # Close once what was entered is saved: nothing typed is dropped on the way out.
            self._close_when_saved = True
            return
        self.dismiss(None)

    def action_save(self) -> None:
        if self._saving and not self.again:
            return  # one save at a time; the first one's answer decides
        self.show_error(None)
        try:
            values = self.values()
            if self.check is not None:
                self.check(values)  # refused here, everything typed is still in its place
        except WorkshopError as err:
            self.show_error(err)
            return
        self._saving += 1
        if self.again:
            # Ready for the next entry at once; a refusal puts the text back. The emptied form
            # is laid out and painted with the answer (the card beneath, what the save did): one
            # frame, and the save does not share the interpreter with the form's layout.
            self.clear_text()
            self.hold_frames(lambda: not self._saving, self.ANSWER_WAIT, layout=True)
        else:
            self.query_one("#save", Button).disabled = True
        self._save(values)

    def _save(self, values: dict[str, Any]) -> None:
        self._queue.put(values)

    @work(thread=True, group="form")
    def _saver(self) -> None:
        """Saves, one after another in the order they were asked for."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                values = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                result = self.submit(values)
            except WorkshopError as err:
                self.app.call_from_thread(self._refused, err, values)
                continue
            prepared = (self.prepare(),) if self.prepare is not None and self._queue.empty() else None
            self.app.call_from_thread(self._saved, result, values, prepared)

    def _refused(self, err: WorkshopError, values: dict[str, Any]) -> None:
        self._saving -= 1
        self._close_when_saved = False  # stay open: the refusal needs reading
        self.query_one("#save", Button).disabled = False
        if self.again:
            self._put_back(values)
        self.show_error(err)

    def _put_back(self, values: dict[str, Any]) -> None:
        """Restore a refused entry into the form, unless the next entry is being typed there
        already: then the refusal quotes the refused entry, so nothing typed goes unseen."""
        first = self.query_one(f"#field-{self.first}")
        typing = (isinstance(first, Input) and first.value) or (isinstance(first, TextArea) and first.text)
        if typing:
            self.query_one("#form-saved", Static).update(
                plain(t("form.not_saved", text=values.get(self.first) or "")))
            return
        for f in self.fields:
            widget = self.query_one(f"#field-{f.name}")
            value = values.get(f.name)
            if isinstance(widget, Input):
                widget.value = "" if value is None else str(value)
            elif isinstance(widget, TextArea):
                widget.text = "\n".join(value) if isinstance(value, list) else str(value or "")
            elif isinstance(widget, Select):
                widget.value = value if value is not None else Select.NULL
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)

    def _saved(self, result: Any, values: dict[str, Any], prepared: tuple[Any] | None = None) -> None:
        self._saving -= 1
        self.saved += 1
        if self.on_saved is not None:
            self.prepared = prepared
            try:
                self.on_saved(result)
            finally:
                self.prepared = None
        if not self.again:
            self.dismiss(result)
            return
        if self.saved_words is not None:
            # One line for another as wide: no need to lay the form out again.
            show_text(self.query_one("#form-saved", Static), plain(self.saved_words(result, values)))
        if self._close_when_saved and not self._saving:
            self.dismiss(None)

    def field_for(self, err: WorkshopError) -> Field | None:
        """The field a refusal is about: the one it names, or the one its message begins with."""
        keys = [err.field] if err.field else []
        head = err.message.split(":", 1)[0].strip().lower()
        keys.append(head)
        for key in keys:
            key = key.split("[", 1)[0].strip()
            for f in self.fields:
                if key and key.lower() in f.names:
                    return f
        return None

    def show_error(self, err: WorkshopError | None) -> None:
        """Show a refusal under its field (or at the foot); None clears every message."""
        # Only a line that says something is emptied: each update lays the form out again.
        for box in self.query(".field-error"):
            box.remove_class("-shown")
            if box.content != "":  # type: ignore[attr-defined]
                box.update("")  # type: ignore[attr-defined]
        foot = self.query_one("#form-error", Static)
        if foot.content != "":
            foot.update("")
        if err is None:
            return
        target = self.field_for(err)
        if target is None:
            foot.update(plain(refusal(err)))
            return
        box = self.query_one(f"#error-{target.name}", Static)
        box.update(plain(refusal(err, target.label)))
        box.add_class("-shown")
        widget = self.query_one(f"#field-{target.name}")
        widget.focus()
        box.scroll_visible()
