"""Provides the What If screen: how-might-we prompts drawn from the pains and moments of truth,
and the ideas, typed fast, linked to touchpoints and grouped in themes; with silent brainstorming
the ideas show only as a count until revealed."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from workshop.domain.errors import WorkshopError
from workshop.domain.model import Idea, WorkshopState
from workshop.domain.values import Phase
from workshop.domain.views import themes
from workshop.tui.dialogs.form import Field, FormDialog
from workshop.tui.dialogs.items import idea_form
from workshop.tui.footer import key
from workshop.tui.screens.base import NEXT_PART, PhaseScreen
from workshop.tui.safe import shown, text
from workshop.tui.widgets.itemlist import ItemList, item_list
from workshop.tui.widgets.text import show_text
from workshop.tui.words import current, refusal, t, tn


class IdeaList(item_list("idea", 2)):  # type: ignore[misc]
    """Ideas by theme; `m` puts the selected idea in a theme."""

    BINDINGS = [key("m", "request('theme')", "keys.theme")]


class PromptList(item_list("idea")):  # type: ignore[misc]
    """Suggested how-might-we prompts; `enter` or `a` adds ideas for the selected one."""

    KEYS_PLACE = "keys.place.prompt"
    BINDINGS = [
        key("enter", "request('prompt')", "keys.ideas_for_prompt"),
        key("d", "request('none')", "keys.delete", show=False),  # a prompt is not deleted
    ]


def idea_row(idea: Idea, state: WorkshopState) -> Text:
    """An idea: its reference and words, the touchpoints it improves, its dots once visible."""
    dots = state.dots_for(idea.ref) if state.votes_visible else 0
    return _idea_row(idea, dots, current().lang)


@lru_cache(maxsize=50_000)
def _idea_row(idea: Idea, dots: int, _lang: str) -> Text:
    row = Text()
    row.append(f"{idea.ref}  ", style="bold")
    row.append(shown(idea.text))
    if idea.touchpoints:
        row.append("  → " + " ".join(idea.touchpoints), style="cyan")
    if dots:
        row.append(f"  {'●' * min(dots, 12)} {dots}", style="yellow")
    if idea.hidden:
        row.append("  " + t("what_if.hidden_mark"), style="dim italic")
    return row


class WhatIfScreen(PhaseScreen):
    """What the journey could be: ideas for the pains and moments of truth."""

    PHASE = Phase.WHAT_IF
    HELP = "what_if.help"
    BINDINGS = [NEXT_PART, key("s", "silent(True)", "keys.silent_on"), key("s", "silent(False)", "keys.silent_off")]
    HINTS = dict(PhaseScreen.HINTS, vote="base.hint_vote")
    COMMANDS_EXTRA = [
        ("what_if.silent_command", "what_if.silent_command_help", "silent"),
        ("what_if.reveal_command", "what_if.reveal_command_help", "reveal"),
    ]

    _pending: str | None = None

    def compose_board(self) -> ComposeResult:
        yield Static("", id="silent-status")
        yield Static(t("what_if.prompts_title"), classes="panel-title")
        yield PromptList("prompt", id="prompts")
        yield Static(t("what_if.ideas"), classes="panel-title", id="ideas-title")
        yield IdeaList("idea", id="ideas")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ideas", ItemList).focus()

    # showing ---------------------------------------------------------------------------------

    def show_state(self, state: WorkshopState) -> None:
        hidden = sum(1 for i in state.ideas if i.hidden)
        status = Text()
        if state.silent:
            status.append(" " + t("what_if.silent_banner") + " ", style="bold reverse yellow")
            status.append("  " + tn("what_if.written_hidden", hidden))
        elif hidden:
            status.append(tn("what_if.hidden_reveal", hidden), style="yellow")
        else:
            status.append(t("what_if.silent_hint"), style="dim")
        show_text(self.query_one("#silent-status", Static), status)
        self.query_one("#prompts", ItemList).show(self._prompt_rows(state))
        rows: list[tuple[str, Any]] = []
        for theme, ideas in themes(state):
            visible = [i for i in ideas if not i.hidden]
            if not visible:
                continue
            title = theme or t("what_if.no_theme")
            rows.append((f"#theme:{theme}", text(f"{title}  ({len(visible)})", style="bold underline")))
            rows.extend((i.ref, idea_row(i, state)) for i in visible)
        if not rows:
            rows = [("#none", Text(t("what_if.no_ideas"), style="dim"))]
        ideas = self.query_one("#ideas", ItemList)
        ideas.show(rows)
        if self._pending and ideas.select_ref(self._pending):
            self._pending = None
        visible = sum(1 for i in state.ideas if not i.hidden)
        show_text(self.query_one("#ideas-title", Static),
            t("what_if.ideas_title", shown=visible, hidden=hidden))

    def _prompt_rows(self, state: WorkshopState) -> list[tuple[str, Any]]:
        self._prompts: dict[str, Any] = {}
        book = self.workshop_app.book()
        try:
            prompts = book.prompts(state) if book is not None else []
        except WorkshopError as err:
            return [("#problem", Text(refusal(err), style="dim"))]
        rows = []
        for index, prompt in enumerate(prompts, start=1):
            key = f"H{index}"
            self._prompts[key] = prompt
            where = prompt.touchpoint or prompt.stage
            row = text(prompt.text)
            kind = t(f"what_if.kind.{prompt.kind}") if current().has(f"what_if.kind.{prompt.kind}") else prompt.kind
            row.append(f"  ({kind}, {shown(where)})", style="dim")
            rows.append((key, row))
        return rows or [("#none", Text(t("what_if.no_prompts"), style="dim"))]

    def remember_selection(self, ref: str) -> None:
        self._pending = ref

    def detail_ref(self) -> str | None:
        """A prompt shows the touchpoint it was drawn from (its pains and evidence), or its stage."""
        ref = super().detail_ref()
        prompt = getattr(self, "_prompts", {}).get(ref or "") if ref and ref.startswith("H") else None
        if prompt is None:
            return ref
        if prompt.touchpoint:
            return prompt.touchpoint
        return next((s.ref for s in self.state.stages if s.name == prompt.stage), None)

    # actions ---------------------------------------------------------------------------------

    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        if action in ("edit", "delete"):
            return False  # the ideas have their own keys (a prompt is not edited)
        if action == "reveal":
            return any(i.hidden for i in self.state.ideas)
        if action == "silent" and parameters:
            return bool(parameters[0]) != self.state.silent  # `s` turns it on, or off
        return True

    def allows(self, widget: object, verb: str) -> bool:
        return not (isinstance(widget, PromptList) and verb not in ("add", "prompt"))

    def action_add(self) -> None:
        focused = self.focused
        if isinstance(focused, PromptList):
            focused.action_request("add")
        else:
            self._add_ideas()

    def action_edit(self) -> None:
        self.query_one("#ideas", ItemList).action_request("edit")

    def action_delete(self) -> None:
        self.query_one("#ideas", ItemList).action_request("delete")

    def action_reveal(self) -> None:
        if not any(i.hidden for i in self.state.ideas):
            self.notify(t("what_if.nothing_hidden"), markup=False)
            return
        self.perform(lambda e: e.reveal_ideas(self.wid), say=lambda n: tn("what_if.revealed", n))

    def action_silent(self, on: bool | None = None) -> None:
        on_now = not self.state.silent if on is None else on
        self.perform(lambda e: e.set_rules(self.wid, silent=on_now),
                     say=t("what_if.silent_on") if on_now else t("what_if.silent_off"))

    def _add_ideas(self, touchpoints: list[str] | None = None, intro: str = "") -> None:
        self.open_form(idea_form(self.engine, self.state, touchpoints=touchpoints, intro=intro,
                                 latest=self._latest))

    def _latest(self) -> WorkshopState:
        return self.workshop_app.state or self.state

    @on(ItemList.Requested)
    def handle(self, event: ItemList.Requested) -> None:
        event.stop()
        verb, ref = event.verb, event.ref
        if isinstance(event.items, PromptList):
            prompt = self._prompts.get(ref or "") if verb in ("add", "prompt") else None
            if prompt is None:
                self._add_ideas()
            else:
                links = [prompt.touchpoint] if prompt.touchpoint else []
                self._add_ideas(links, intro=prompt.text)
            return
        idea = self.state.idea(ref) if ref else None
        if verb == "add":
            self._add_ideas()
        elif idea is None:
            return
        elif verb == "edit":
            self.open_form(idea_form(self.engine, self.state, idea, latest=self._latest))
        elif verb == "theme":
            self._theme(idea)
        elif verb == "delete":
            self.confirm(t("what_if.delete_idea", ref=idea.ref, text=idea.text),
                         lambda: self.perform(lambda e: e.remove_idea(self.wid, idea.ref),
                                              say=t("brief.deleted", ref=idea.ref)))

    def _theme(self, idea: Idea) -> None:
        known = [name for name, _ in themes(self.state) if name]
        hint = t("what_if.known_themes", themes=", ".join(known))[:70] if known else t("what_if.theme_hint")
        fields = [Field("theme", t("what_if.theme"), value=idea.theme, hint=hint)]

        def save(values: dict[str, Any]) -> str:
            if values["theme"] == idea.theme:
                return idea.ref
            return self.engine.edit_idea(self.wid, idea.ref, theme=values["theme"])

        self.open_form(FormDialog(t("what_if.theme_title", ref=idea.ref), fields, save))
