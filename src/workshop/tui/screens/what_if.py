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
    """Ideas by theme; `space` marks ideas, `m` puts the marked ideas (or the selected one) in a
    theme, `n` renames a theme or merges several."""

    BINDINGS = [
        key("m", "request('theme')", "keys.theme"),
        key("space", "request('mark')", "newcomer.themes.mark"),
        key("n", "request('themes')", "newcomer.themes.rename"),
    ]


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
    return _idea_row(idea, dots, current().lang, not state.authors_hidden)


@lru_cache(maxsize=50_000)
def _idea_row(idea: Idea, dots: int, _lang: str, named: bool = True) -> Text:
    """`named`: the author is shown (not while the room's cards are anonymous)."""
    row = Text()
    row.append(f"{idea.ref}  ", style="bold")
    row.append(shown(idea.text))
    if named and idea.author:
        row.append(f"  · {shown(idea.author)}", style="italic")
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.marked: dict[str, None] = {}
        """The ideas marked with space, in the order marked: `m` puts them all in one theme."""

    def compose_board(self) -> ComposeResult:
        yield Static("", id="silent-status")
        yield Static(self.offer(t("what_if.prompts_title"), t("what_if.prompts_title_replay")),
                     classes="panel-title")
        yield PromptList("prompt", id="prompts")
        yield Static(t("what_if.ideas"), classes="panel-title", id="ideas-title")
        yield IdeaList("idea", id="ideas")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ideas", ItemList).focus()

    # showing ---------------------------------------------------------------------------------

    def _marked_row(self, idea: Idea, state: WorkshopState) -> Text:
        row = idea_row(idea, state)
        if idea.ref not in self.marked:
            return row
        return Text.assemble(("✓ ", "bold reverse"), row)

    def show_state(self, state: WorkshopState) -> None:
        hidden = sum(1 for i in state.ideas if i.hidden)
        shown_refs = {i.ref for i in state.ideas if not i.hidden}
        self.marked = {ref: None for ref in self.marked if ref in shown_refs}
        status = Text()
        if state.silent:
            status.append(" " + t("what_if.silent_banner") + " ", style="bold reverse yellow")
            if hidden:
                status.append("  " + self.offer(tn("what_if.written_hidden", hidden),
                                                tn("newcomer.ideas.hidden", hidden)))
            else:  # after a reveal the round goes on: what is typed next is hidden again
                status.append("  " + self.offer(t("what_if.written_none")))
        elif hidden:
            status.append(self.offer(tn("what_if.hidden_reveal", hidden), tn("newcomer.ideas.hidden", hidden)),
                          style="yellow")
        else:
            status.append(self.offer(t("what_if.silent_hint")), style="dim")
        show_text(self.query_one("#silent-status", Static), status)
        self.query_one("#prompts", ItemList).show(self._prompt_rows(state))
        rows: list[tuple[str, Any]] = []
        for theme, ideas in themes(state):
            visible = [i for i in ideas if not i.hidden]
            if not visible:
                continue
            title = theme or t("what_if.no_theme")
            rows.append((f"#theme:{theme}", text(f"{title}  ({len(visible)})", style="bold underline")))
            rows.extend((i.ref, self._marked_row(i, state)) for i in visible)
        if not rows:
            rows = [("#none", Text(self._no_ideas_shown(hidden), style="dim"))]
        ideas = self.query_one("#ideas", ItemList)
        ideas.show(rows)
        if self._pending and ideas.select_ref(self._pending):
            self._pending = None
        visible = sum(1 for i in state.ideas if not i.hidden)
        show_text(self.query_one("#ideas-title", Static),
            (t("what_if.ideas_count", shown=visible, hidden=hidden) + "   " + tn("newcomer.themes.marked", len(self.marked))
             if self.marked else self.offer(t("what_if.ideas_title", shown=visible, hidden=hidden),
                                            t("what_if.ideas_count", shown=visible, hidden=hidden))))

    def _no_ideas_shown(self, hidden: int) -> str:
        """Why the idea list is empty: hidden ideas are counted (never quoted), and a replay
        offers no key that changes anything."""
        if hidden:
            return tn("newcomer.ideas.hidden", hidden)
        return self.nothing_yet(t("newcomer.ideas.none"))

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
        return rows or [("#none", Text(self.nothing_yet(t("what_if.no_prompts")), style="dim"))]

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
            if self.marked:
                self._theme_marked()
            else:
                self._theme(idea)
        elif verb == "mark":
            self._toggle_mark(idea)
        elif verb == "themes":
            self._rename_themes(idea)
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

    def _toggle_mark(self, idea: Idea) -> None:
        if idea.ref in self.marked:
            del self.marked[idea.ref]
        else:
            self.marked[idea.ref] = None
        self.refresh_state(self.state)
        self.query_one("#ideas", ItemList).action_cursor(1)  # on to the next, to mark a run fast

    def _known_themes(self) -> str:
        known = ", ".join(name for name, _ in themes(self.state) if name)
        return known if len(known) <= 70 else known[:69] + "…"

    def _theme_marked(self) -> None:
        """One theme for every marked idea, in one change (one undo)."""
        refs = list(self.marked)
        current = {self.state.idea(ref).theme for ref in refs if self.state.idea(ref)}
        known = self._known_themes()
        fields = [Field("theme", t("what_if.theme"), value=current.pop() if len(current) == 1 else "",
                        hint=t("newcomer.themes.known", themes=known) if known else t("what_if.theme_hint"))]

        def save(values: dict[str, Any]) -> list[str]:
            return self.engine.set_theme(self.wid, refs, values["theme"])

        def saved(_result: Any) -> None:
            self.marked.clear()

        self.open_form(FormDialog(tn("newcomer.themes.of_marked", len(refs)), fields, save, on_saved=saved))

    def _rename_themes(self, idea: Idea) -> None:
        """Rename a theme, or merge several into one: the themes of the marked ideas (else the
        selected idea's), one a line, and the name they all get."""
        marked = [self.state.idea(ref) for ref in self.marked]
        chosen = [i.theme for i in marked if i is not None and i.theme] or ([idea.theme] if idea.theme else [])
        chosen = list(dict.fromkeys(chosen))
        known = self._known_themes()
        fields = [
            Field("themes", t("newcomer.themes.which"), kind="lines", value=chosen, aliases=("theme",),
                  hint=t("newcomer.themes.known", themes=known) if known else ""),
            Field("new", t("newcomer.themes.new"), value=chosen[0] if len(chosen) == 1 else "",
                  aliases=("new theme",), hint=t("newcomer.themes.new_hint")),
        ]

        def save(values: dict[str, Any]) -> int:
            names = [name.strip() for name in values["themes"] if name.strip()]
            if len(names) == 1:
                return self.engine.rename_theme(self.wid, names[0], values["new"])
            return self.engine.merge_themes(self.wid, names, values["new"])

        def saved(_result: Any) -> None:
            self.marked.clear()

        self.open_form(FormDialog(t("newcomer.themes.title"), fields, save, on_saved=saved,
                                  focus="new" if chosen else "themes", enter_saves=False))
