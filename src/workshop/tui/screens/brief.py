"""Provides the brief screen: the challenge, scope, success measures and constraints, the voting
rules, and the people, personas and stages of the workshop; all editable."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Static

from workshop.domain.model import WorkshopState
from workshop.domain.values import Phase
from workshop.tui.dialogs.items import brief_form, participant_form, persona_form, rules_form, stage_form
from workshop.tui.footer import key
from workshop.tui.screens.base import NEXT_PART, PhaseScreen
from workshop.tui.safe import shown
from workshop.tui.widgets.itemlist import ItemList, item_list
from workshop.tui.words import t, tn

class BriefList(ItemList):
    """The fields of the brief and the rules: they are edited, never added or deleted."""

    NOUN = "brief field"
    KEYS_PLACE = "keys.place.brief"
    BINDINGS = [key("enter", "request('edit')", "keys.edit")]


SECTIONS = (
    ("brief", "brief.box_brief", "brief field"),
    ("participant", "brief.box_participants", "participant"),
    ("persona", "brief.box_personas", "persona"),
    ("stage", "brief.box_stages", "stage"),
)
"""The four boxes: (kind, title as a catalogue key, the noun of their items)."""


def _listed(items: tuple[str, ...]) -> str:
    return "; ".join(items) if items else "—"


def brief_rows(state: WorkshopState) -> list[tuple[str, Any]]:
    """The brief as rows: each shows a field and its value; the rules come last."""
    def row(ref: str, label: str, value: str) -> tuple[str, Text]:
        text = Text()
        text.append(f"{label}: ", style="bold")
        text.append(shown(value) if value else "—", style="" if value else "dim")
        return ref, text

    cap = tn("brief.cap", state.cap_per_idea) if state.cap_per_idea else t("brief.no_cap")
    rules = [tn("brief.dots_each", state.dots_per_participant), cap,
             t("brief.blind") if state.blind else t("brief.open")]
    if state.silent:
        rules.append(t("brief.silent_on"))
    return [
        row("B:title", t("brief.title"), state.title),
        row("B:challenge", t("brief.challenge"), state.challenge),
        row("B:scope", t("brief.scope"), state.scope),
        row("B:success", t("brief.success"), _listed(state.success_measures)),
        row("B:constraints", t("brief.constraints"), _listed(state.constraints)),
        row("B:date", t("brief.date"), state.date or ""),
        row("B:facilitator", t("brief.facilitator"), state.facilitator),
        row("V:rules", t("brief.voting"), ", ".join(rules)),
    ]


class BriefScreen(PhaseScreen):
    """The design brief and who and what the workshop is about."""

    PHASE = Phase.BRIEF
    HELP = "brief.help"
    HINTS = dict(PhaseScreen.HINTS, add="brief.hint_add")
    BINDINGS = [NEXT_PART]

    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        # Each box has its own keys to add, edit and delete (the brief's fields are only edited).
        return action not in ("add", "edit", "delete")

    def compose_board(self) -> ComposeResult:
        with Grid(id="brief-grid"):
            for kind, title, noun in SECTIONS:
                with Vertical(classes="brief-box", id=f"box-{kind}"):
                    yield Static(t(title), classes="panel-title")
                    lister = BriefList if kind == "brief" else item_list(noun)
                    yield lister(kind, id=f"list-{kind}")

    def on_mount(self) -> None:
        super().on_mount()
        if self.state.stages or self.IS_REPLAY:
            self.query_one("#list-brief", ItemList).focus()
            return
        # A journey with no stages (the "(none)" template): they are added here; offer it now.
        self._list("stage").focus()
        self.offer_first_stage()

    def offer_first_stage(self) -> None:
        """Ask whether to add the journey's first stage now (it opens the stage form)."""
        from workshop.tui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_form(stage_form(self.engine, self.state))

        self.app.push_screen(ConfirmDialog(t("newcomer.stages.offer"), yes=t("newcomer.stages.add"),
                                           no=t("newcomer.stages.later"), danger=False), answered)

    def show_state(self, state: WorkshopState) -> None:
        self._list("brief").show(brief_rows(state))
        self._list("participant").show(
            [(p.ref, Text.assemble((shown(p.name), "bold"), f"  {shown(p.role)}" if p.role else "",
                                   (t("brief.is_facilitator"), "dim") if p.facilitator else ""))
             for p in state.participants] or [("#none", Text(self.nothing_yet(t("brief.none_yet")), style="dim"))])
        self._list("persona").show(
            [(r.ref, Text.assemble((shown(r.name), "bold"), (f"  {shown(r.description)}" if r.description else "", "dim")))
             for r in state.personas] or [("#none", Text(self.nothing_yet(t("brief.none_yet")), style="dim"))])
        self._list("stage").show(
            [(s.ref, Text.assemble(f"{s.position}. ", (shown(s.name), "bold"),
                                   ("  " + tn("count.touchpoints", len(state.touchpoints_in(s.ref))), "dim")))
             for s in state.stages] or [("#none", Text(self.nothing_yet(t("newcomer.stages.none")), style="dim"))])

    def _list(self, kind: str) -> ItemList:
        return self.query_one(f"#list-{kind}", ItemList)

    def remember_selection(self, ref: str) -> None:
        kinds = {"U": "participant", "R": "persona", "S": "stage"}
        if ref[:1] in kinds:
            self._list(kinds[ref[:1]]).select_ref(ref)

    def _focused_list(self) -> ItemList:
        return self.focused if isinstance(self.focused, ItemList) else self._list("brief")

    def action_add(self) -> None:
        self._focused_list().action_request("add")

    def action_edit(self) -> None:
        self._focused_list().action_request("edit")

    def action_delete(self) -> None:
        self._focused_list().action_request("delete")

    @on(ItemList.Requested)
    def handle(self, event: ItemList.Requested) -> None:
        event.stop()
        kind, verb, ref = event.items.kind, event.verb, event.ref
        state = self.state
        if kind == "brief":
            if verb == "edit":
                focus = {"B:success": "success_measures"}.get(ref or "", (ref or ":").split(":", 1)[1])
                self.open_form(rules_form(self.engine, state) if ref == "V:rules"
                               else brief_form(self.engine, state, focus))
            else:
                self.notify(t("brief.fixed_fields"), markup=False)
            return
        forms = {"participant": (participant_form, state.participant),
                 "persona": (persona_form, state.persona),
                 "stage": (stage_form, lambda r: next((s for s in state.stages if s.ref == r), None))}
        form, find = forms[kind]
        item = find(ref) if ref else None
        if verb == "add":
            self.open_form(form(self.engine, state))
        elif item is None:
            return
        elif verb == "edit":
            self.open_form(form(self.engine, state, item))
        elif verb == "delete":
            remove = {"participant": "remove_participant", "persona": "remove_persona", "stage": "remove_stage"}[kind]
            self.confirm(t(f"brief.delete_{kind}", ref=item.ref, name=item.name),
                         lambda: self.perform(lambda e: getattr(e, remove)(self.wid, item.ref),
                                              say=t("brief.deleted", ref=item.ref)))
