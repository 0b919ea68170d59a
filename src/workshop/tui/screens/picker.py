"""Provides the workshop picker: every workshop, most recent first; new from a journey template,
open, duplicate, and delete after a confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop.domain.errors import WorkshopError
from workshop.domain.values import Phase
from workshop.tui.dialogs.form import Field, FormDialog
from workshop.tui.footer import HELP_KEYS, QUIT, KeysFooter, key
from workshop.tui.messages import OpenWorkshop
from workshop.tui.safe import shown
from workshop.tui.worded import WordedBindings
from workshop.tui.words import phase_title, refusal, t, tn

from workshop.engine.reading import WorkshopSummary

if TYPE_CHECKING:
    from workshop.engine import Engine


def journey_templates(app: object) -> list[tuple[str, str, list[str]]]:
    """(name, title, stages) of every journey template in the playbook, in its language."""
    book = app.book()  # type: ignore[attr-defined]
    if book is None:
        return []
    try:
        return [(tpl.name, tpl.title, list(tpl.stages)) for tpl in book.templates()]
    except WorkshopError:
        return []


def summary_line(s: WorkshopSummary) -> Text:
    """One workshop in the list: title, phase, counts and when it last changed."""
    phase = phase_title(s.phase) if s.phase in Phase._value2member_map_ else s.phase
    line = Text()
    line.append(shown(s.title), style="bold")
    line.append(f"   {s.slug} · {shown(phase)}", style="dim")
    line.append("\n  " + t("picker.summary", touchpoints=tn("count.touchpoints", s.touchpoints),
                              ideas=tn("count.ideas", s.ideas), pilots=tn("count.pilots", s.pilots),
                              changed=s.updated_at[:16].replace("T", " ")), style="dim")
    return line


class WorkshopList(OptionList):
    """The workshops; enter opens the highlighted one (and says so in the footer)."""

    BINDINGS = [key("enter", "select", "keys.open")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.highlighted is not None if action == "select" else True


class PickerScreen(WordedBindings, Screen[None]):
    """The first screen of `workshop`: choose or create the workshop to run."""

    @property
    def PLACE(self) -> str:  # noqa: N802 (what the palette calls this screen)
        return t("picker.place")
    KEYS_TITLE = "keys.title.picker"

    BINDINGS = [
        key("a", "new", "keys.new"),
        key("enter", "open", "keys.open"),
        key("c", "duplicate", "keys.duplicate"),
        key("d", "delete", "keys.delete"),
        *HELP_KEYS,
        key("q", "quit", "keys.quit", role=QUIT),
    ]

    def __init__(self, engine: Engine) -> None:
        super().__init__(id="picker")
        self.engine = engine
        self.summaries: list[WorkshopSummary] = []

    def compose(self) -> ComposeResult:
        yield Static(t("picker.title"), id="picker-title")
        yield WorkshopList(id="workshops")
        yield Static("", id="picker-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="picker")
    def load(self, select: int | None = None) -> None:
        try:
            summaries = self.engine.list_workshops()
        except WorkshopError as err:
            self.app.call_from_thread(self.notify, refusal(err), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, summaries, select)

    def _show(self, summaries: list[WorkshopSummary], select: int | None) -> None:
        self.summaries = summaries
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(summary_line(s), id=str(s.id)) for s in summaries])
        empty = self.query_one("#picker-empty", Static)
        empty.update("" if summaries else t("picker.empty"))
        if summaries:
            index = next((i for i, s in enumerate(summaries) if s.id == select), 0)
            options.highlighted = index
        options.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "duplicate", "delete"):
            return bool(self.summaries)  # nothing to open, copy or delete yet
        return True

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def selected(self) -> WorkshopSummary | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.summaries):
            return None
        return self.summaries[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.notify(t("picker.nothing_to_open"))
            return
        self.post_message(OpenWorkshop(chosen.id))

    def action_new(self) -> None:
        templates = journey_templates(self.app)
        stages = {name: st for name, _title, st in templates}
        fields = [
            Field("title", t("picker.field_title"), placeholder=t("picker.title_example")),
            Field("template", t("picker.field_template"), kind="choice",
                  choices=[(f"{title}: {', '.join(st)}", name) for name, title, st in templates],
                  value=next((n for n, _t, _s in templates if n == "core-processes"),
                             templates[0][0] if templates else None),
                  aliases=("stage", "stages"), placeholder=t("newcomer.template.none")),
            Field("challenge", t("picker.field_challenge"), placeholder=t("picker.challenge_example")),
        ]

        def create(values: dict[str, Any]) -> int:
            template = values["template"] or ""
            app = self.app
            wid, _slug = self.engine.create_workshop(
                values["title"], challenge=values["challenge"], template=template,
                stages=stages.get(template, []), playbook=getattr(app, "playbook", None) or "",
                lang=getattr(app, "lang", None) or "en")
            return wid

        def created(wid: int | None) -> None:
            if wid is not None:
                self.post_message(OpenWorkshop(wid))

        self.app.push_screen(FormDialog(t("picker.new_title"), fields, create, save_label=t("picker.create")), created)

    def action_duplicate(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        fields = [Field("title", t("picker.copy_title"), value=t("picker.copy_value", title=chosen.title))]

        def copy(values: dict[str, Any]) -> int:
            return self.engine.duplicate_workshop(chosen.id, values["title"])[0]

        def copied(wid: int | None) -> None:
            if wid is not None:
                self.load(wid)

        self.app.push_screen(FormDialog(t("picker.duplicate_title", title=chosen.title), fields, copy,
                                        save_label=t("picker.duplicate")), copied)

    def action_delete(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        from workshop.tui.dialogs.confirm import ConfirmDialog

        question = t("picker.delete_question", title=chosen.title,
                     touchpoints=tn("count.touchpoints", chosen.touchpoints), ideas=tn("count.ideas", chosen.ideas),
                     pilots=tn("count.pilots", chosen.pilots))

        def answered(ok: bool | None) -> None:
            if ok:
                self._delete(chosen.id)

        self.app.push_screen(ConfirmDialog(question), answered)

    @work(thread=True, group="picker-delete")
    def _delete(self, wid: int) -> None:
        try:
            title = self.engine.delete_workshop(wid)
        except WorkshopError as err:
            self.app.call_from_thread(self.notify, refusal(err), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, t("picker.deleted", title=title), markup=False)
        self.load()

    def action_quit(self) -> None:
        self.app.exit()
