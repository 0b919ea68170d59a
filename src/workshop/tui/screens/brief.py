"""Provides the brief screen: the challenge, scope, success measures and constraints, the voting
rules, and the people, personas and stages of the workshop; all editable."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Static

from workshop.domain.model import WorkshopState
from workshop.domain.values import Phase
from workshop.tui.dialogs.items import brief_form, participant_form, persona_form, rules_form, stage_form
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.safe import shown
from workshop.tui.widgets.itemlist import ItemList, item_list
from workshop.tui.words import t

class BriefList(ItemList):
    """The fields of the brief and the rules: they are edited, never added or deleted."""

    NOUN = "brief field"
    BINDINGS = [Binding("enter", "request('edit')", "Edit")]


SECTIONS = (
    ("brief", "Brief and voting rules", "brief field"),
    ("participant", "Participants", "participant"),
    ("persona", "Personas", "persona"),
    ("stage", "Stages of the journey", "stage"),
)


def _listed(items: tuple[str, ...]) -> str:
    return "; ".join(items) if items else "—"


def brief_rows(state: WorkshopState) -> list[tuple[str, Any]]:
    """The brief as rows: each shows a field and its value; the rules come last."""
    def row(ref: str, label: str, value: str) -> tuple[str, Text]:
        text = Text()
        text.append(f"{label}: ", style="bold")
        text.append(shown(value) if value else "—", style="" if value else "dim")
        return ref, text

    cap = str(state.cap_per_idea) if state.cap_per_idea else "no cap"
    return [
        row("B:title", "Title", state.title),
        row("B:challenge", "Challenge", state.challenge),
        row("B:scope", "Scope", state.scope),
        row("B:success", "Success measures", _listed(state.success_measures)),
        row("B:constraints", "Constraints", _listed(state.constraints)),
        row("B:date", "Date", state.date or ""),
        row("B:facilitator", "Facilitator", state.facilitator),
        row("V:rules", "Voting", f"{state.dots_per_participant} dots each, {cap}, "
            f"{'blind until revealed' if state.blind else 'open'}"
            f"{', silent brainstorming on' if state.silent else ''}"),
    ]


class BriefScreen(PhaseScreen):
    """The design brief and who and what the workshop is about."""

    PHASE = Phase.BRIEF
    HELP = """
The **brief** frames the workshop: the challenge as a how-might-we question, the scope (which
journey, where it starts and ends), how success is measured and what constrains the solution.
Below it are the **voting rules** for What Wows.

`tab` moves between the four boxes. In each, `a` adds (a participant, persona or stage),
`enter` edits the selected line and `d` deletes it. Invite people from every department, not only
those who meet customers; describe personas as segments, not one average customer.
"""
    HINTS = dict(PhaseScreen.HINTS, add="Move to Participants, Personas or Stages (tab), then press a.")

    def compose_board(self) -> ComposeResult:
        with Grid(id="brief-grid"):
            for kind, title, noun in SECTIONS:
                with Vertical(classes="brief-box", id=f"box-{kind}"):
                    yield Static(title, classes="panel-title")
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
                                   (" · facilitator", "dim") if p.facilitator else ""))
             for p in state.participants] or [("#none", Text(self.nothing_yet("None yet: press a."), style="dim"))])
        self._list("persona").show(
            [(r.ref, Text.assemble((shown(r.name), "bold"), (f"  {shown(r.description)}" if r.description else "", "dim")))
             for r in state.personas] or [("#none", Text(self.nothing_yet("None yet: press a."), style="dim"))])
        self._list("stage").show(
            [(s.ref, Text.assemble(f"{s.position}. ", (shown(s.name), "bold"),
                                   (f"  {len(state.touchpoints_in(s.ref))} touchpoints", "dim")))
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
                self.notify("The brief has fixed fields: select one and press enter to edit.", markup=False)
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
            consequence = {"participant": " Their dots are withdrawn.",
                           "persona": " Its touchpoints stay.",
                           "stage": ""}[kind]
            self.confirm(f"Delete {kind} {item.ref} {item.name!r}?{consequence}",
                         lambda: self.perform(lambda e: getattr(e, remove)(self.wid, item.ref),
                                              say=f"Deleted {item.ref}. ctrl+z brings it back."))
