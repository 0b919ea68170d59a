"""Provides the What Works screen: pilots (learning launches) promoted from concepts, the ranked
backlog, the effect-against-cost 2×2 and the timeline of the pilots by date."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from workshop.domain import views
from workshop.domain.model import Pilot, WorkshopState
from workshop.domain.values import PILOT_STATUSES, Phase
from workshop.tui.dialogs.choices import one_line, pilot_fields, split_refs
from workshop.tui.dialogs.form import Field, FormDialog
from workshop.tui.footer import key, together
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.widgets.matrix import EffectCostMatrix, Scored
from workshop.tui.widgets.timeline import Timeline
from workshop.tui.safe import shown
from workshop.tui.widgets.votes import EditList, RefList
from workshop.tui.widgets.text import show_text
from workshop.tui.words import t, tn, vocabulary

VIEWS = ("pilot", "matrix", "timeline")
RANK = together("keys.rank", "+-")


def when(pilot: Pilot) -> str:
    """The pilot's dates, short: `2025-03-03 → 2025-04-11`, or what is missing."""
    if pilot.start_date and pilot.end_date:
        return f"{pilot.start_date} → {pilot.end_date}"
    if pilot.start_date or pilot.end_date:
        return t("what_works.from", date=pilot.start_date) if pilot.start_date else \
            t("what_works.until", date=pilot.end_date)
    return t("what_works.no_dates")


def status_word(status: str) -> str:
    """A pilot's status in the room's words (the playbook's vocabulary)."""
    return vocabulary().pilot_statuses.get(status, status)


def pilot_card(state: WorkshopState, ranked: views.RankedPilot) -> Text:
    """Everything about one pilot, for the group to read aloud."""
    p = ranked.pilot
    text = Text()
    text.append(f"#{ranked.rank} ", style="bold")
    text.append(f"{p.ref} ", style="dim")
    text.append(shown(p.name), style="bold")
    decision = vocabulary().pilot_decisions.get(p.decision, p.decision) if p.decision else ""
    text.append(f"   {status_word(p.status)}" + (" · " + t("what_works.decision", decision=decision) if decision else ""),
                style="italic")
    concept = state.concept(p.concept)
    rows = [
        (t("what_works.hypothesis"), p.hypothesis),
        (t("what_works.metric"), p.metric),
        (t("what_works.owner"), p.owner),
        (t("what_works.when"), when(p) if (p.start_date or p.end_date) else ""),
        (t("what_works.budget"), p.budget),
        (t("what_works.scope"), p.scope),
        # The concept's assumptions as a checklist: ☑ those this pilot tests, ☐ the others.
        (t("what_works.tests"), "  ".join(f"{'☑' if a.ref in p.tests else '☐'} {a.ref} {one_line(a.text)}"
                                          for a in state.assumptions if a.ref in p.tests or a.concept == p.concept)),
        (t("what_works.learnings"), p.learnings),
    ]
    for label, value in rows:
        text.append(f"\n{label}: ", style="bold")
        text.append(shown(one_line(value)) if value else "—", style="" if value else "dim")
    if concept is not None:
        text.append("\n" + t("what_works.from_concept", ref=concept.ref, idea=shown(one_line(concept.big_idea)),
                              effect=concept.effect or "?", cost=concept.cost or "?",
                              dots=tn("count.dots", ranked.votes)), style="dim")
    if p.pin is not None:
        text.append("\n" + t("what_works.pinned_at", rank=p.pin), style="dim")
    return text


class WhatWorksScreen(PhaseScreen):
    """Turn concepts into small pilots, rank them and see when they run."""

    PHASE = Phase.WHAT_WORKS
    HELP = "what_works.help"
    HINTS = dict(PhaseScreen.HINTS)
    HINTS.update({
        "edit": "what_works.hint_edit",
        "delete": "what_works.hint_delete",
    })
    BINDINGS = [
        key("plus,equals_sign", "move(-1)", "keys.rank_up", role=RANK, display="+"),
        key("minus", "move(1)", "keys.rank_down", role=RANK, display="-"),
        key("p", "pin", "keys.pin"),
        # `s` shows the next view, and says which
        *(key("s", f"next_view('{shown}')", f"keys.view.{shown}") for shown in VIEWS),
    ]
    COMMANDS_EXTRA = [
        ("what_works.matrix_command", "what_works.matrix_command_help", "view('matrix')"),
        ("what_works.timeline_command", "what_works.timeline_command_help", "view('timeline')"),
        ("what_works.pin_command", "what_works.pin_command_help", "pin"),
    ]

    # Not scoped, so the projector rules can start from the app.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    WhatWorksScreen #backlog { height: auto; min-height: 5; max-height: 40%; border: round $panel-lighten-2; }
    WhatWorksScreen #backlog:focus { border: round $accent; }
    WhatWorksScreen #works-views { height: 1fr; }
    WhatWorksScreen #pilot-scroll, WhatWorksScreen #matrix-scroll, WhatWorksScreen #timeline-scroll { height: 1fr; }
    WhatWorksScreen #pilot-card { padding: 0 1; }
    App.-projector WhatWorksScreen #backlog { border: heavy white; text-style: bold; }
    App.-projector WhatWorksScreen #backlog:focus { border: heavy yellow; }
    App.-projector WhatWorksScreen #pilot-card { text-style: bold; }
    """

    def __init__(self, engine: Any, state: WorkshopState) -> None:
        super().__init__(engine, state)
        self._select: str | None = None
        self._ranked: list[views.RankedPilot] = []

    # layout ----------------------------------------------------------------------------------

    def compose_board(self) -> ComposeResult:
        backlog = EditList(id="backlog")
        backlog.border_title = t("what_works.backlog")
        yield backlog
        with TabbedContent(id="works-views", initial="pilot"):
            with TabPane(t("what_works.tab_pilot"), id="pilot"), VerticalScroll(id="pilot-scroll"):
                yield Static("", id="pilot-card")
            with TabPane(t("what_works.tab_matrix"), id="matrix"), VerticalScroll(id="matrix-scroll"):
                yield EffectCostMatrix(id="effect-cost")
            with TabPane(t("what_works.tab_timeline"), id="timeline"), VerticalScroll(id="timeline-scroll"):
                yield Timeline(id="pilot-timeline")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#backlog", RefList).focus()

    # showing ---------------------------------------------------------------------------------

    def remember_selection(self, ref: str) -> None:
        self._select = ref

    @property
    def selected(self) -> views.RankedPilot | None:
        ref = self.query_one("#backlog", RefList).current
        return next((r for r in self._ranked if r.pilot.ref == ref), None)

    def show_state(self, state: WorkshopState) -> None:
        select, self._select = self._select, None
        self._ranked = views.rank_pilots(state)
        backlog = self.query_one("#backlog", RefList)
        backlog.replace([Option(self._line(r), id=r.pilot.ref) for r in self._ranked],
                        keep=select if select and select.startswith("P") else None)
        waiting = [c for c in state.concepts if not any(p.concept == c.ref for p in state.pilots)]
        backlog.border_subtitle = (tn("count.pilots", len(self._ranked)) if self._ranked else t("what_works.a_makes")) + (
            " · " + tn("what_works.without_pilot", len(waiting)) if waiting else "")
        items = [Scored(r.pilot.ref, r.pilot.name, r.effect, r.cost) for r in self._ranked]
        items += [Scored(c.ref, t("what_works.no_pilot_yet", idea=one_line(c.big_idea)[:40]), c.effect, c.cost)
                  for c in waiting]
        self.query_one(EffectCostMatrix).show(items)
        self.query_one(Timeline).show(state.pilots)
        self._show_pilot()

    @staticmethod
    def _line(r: views.RankedPilot) -> Text:
        p = r.pilot
        line = Text()
        line.append(f"{r.rank:>2}. ", style="bold")
        line.append("⚑ " if p.pin is not None else "  ", style="bold yellow")
        line.append(f"{p.ref:<4}", style="dim")
        line.append(f"e{r.effect or '?'} c{r.cost or '?'} ", style="bold")
        # As wide as the room's longest status word and a space ("foreslått" is longer than "proposed").
        width = max(len(status_word(status)) for status in PILOT_STATUSES) + 1
        line.append(status_word(p.status).ljust(width), style="italic")
        line.append(shown(one_line(p.name)))
        if p.owner:
            line.append(f" · {shown(p.owner)}", style="cyan")
        line.append(f" · {when(p)}", style="dim")
        return line

    def _show_pilot(self) -> None:
        card = self.query_one("#pilot-card", Static)
        ranked = self.selected
        if ranked is None:
            show_text(card, Text(self.nothing_yet(t("what_works.no_pilot")), style="dim"))
        else:
            show_text(card, pilot_card(self.state, ranked))

    @on(OptionList.OptionHighlighted, "#backlog")
    def _moved(self) -> None:
        self._show_pilot()
        self.refresh_bindings()

    @on(TabbedContent.TabActivated)
    def _view_shown(self) -> None:
        self.refresh_bindings()  # `s` names the next view

    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        if action == "add":
            return bool(self.state.concepts)
        if action in ("edit", "delete", "move", "pin"):
            return self.selected is not None
        if action == "next_view":
            views = self.query_one("#works-views", TabbedContent)
            now = views.active if views.active in VIEWS else VIEWS[0]
            return parameters[:1] == (VIEWS[(VIEWS.index(now) + 1) % len(VIEWS)],)
        return True

    @on(OptionList.OptionSelected, "#backlog")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_switch_view(self) -> None:
        tabs = self.query_one("#works-views", TabbedContent)
        tabs.active = VIEWS[(VIEWS.index(tabs.active) + 1) % len(VIEWS)] if tabs.active in VIEWS else VIEWS[0]

    def action_next_view(self, name: str) -> None:
        self.action_view(name)

    def action_view(self, name: str) -> None:
        self.query_one("#works-views", TabbedContent).active = name

    # changing --------------------------------------------------------------------------------

    def action_add(self) -> None:
        if not self.state.concepts:
            self.refuse(t("what_works.no_concept"))
            return
        waiting = [c for c in self.state.concepts if not any(p.concept == c.ref for p in self.state.pilots)]
        first = (waiting or list(self.state.concepts))[0].ref

        def submit(values: dict[str, Any]) -> str:
            concept = values.pop("concept")
            if not concept:
                from workshop.domain.errors import InvalidInput

                raise InvalidInput("concept", t("what_works.choose_concept"))
            values["tests"] = split_refs(values["tests"])
            return self.engine.add_pilot(self.wid, values.pop("name"), concept=concept, **values)

        self._form(t("what_works.new_pilot"), pilot_fields(self.state, None, first), submit, t("what_wows.add"))

    def action_edit(self) -> None:
        ranked = self.selected
        if ranked is None:
            self._hint("edit")
            return
        pilot = ranked.pilot

        def submit(values: dict[str, Any]) -> str:
            values["tests"] = split_refs(values["tests"])
            # Only what changed is sent, so an untouched form is not an error.
            current = {"name": pilot.name, "hypothesis": pilot.hypothesis, "metric": pilot.metric,
                       "owner": pilot.owner, "start": pilot.start_date or "", "end": pilot.end_date or "",
                       "budget": pilot.budget, "scope": pilot.scope, "tests": list(pilot.tests),
                       "status": pilot.status, "decision": pilot.decision, "learnings": pilot.learnings}
            changed = {k: v for k, v in values.items() if v != current.get(k)}
            if not changed:
                return pilot.ref
            return self.engine.edit_pilot(self.wid, pilot.ref, **changed)

        self._form(t("what_works.edit_pilot", ref=pilot.ref), pilot_fields(self.state, pilot), submit)

    def action_delete(self) -> None:
        ranked = self.selected
        if ranked is None:
            self._hint("delete")
            return
        p = ranked.pilot
        self.confirm(t("what_works.delete_pilot", ref=p.ref, name=one_line(p.name)[:60]),
                     lambda: self.perform(lambda e: e.remove_pilot(self.wid, p.ref),
                                          say=t("what_works.deleted_pilot", ref=p.ref)))

    def action_move(self, step: int) -> None:
        ranked = self.selected
        if ranked is None:
            self.refuse(t("what_works.pilot_first"))
            return
        target = ranked.rank + step
        if not 1 <= target <= len(self._ranked):
            self.refuse(t("what_works.already_first" if step < 0 else "what_works.already_last", ref=ranked.pilot.ref))
            return
        ref = ranked.pilot.ref
        self.perform(lambda e: e.move_pilot(self.wid, ref, target), select=ref,
                     say=t("what_works.pinned", ref=ref, rank=target))

    def action_pin(self) -> None:
        ranked = self.selected
        if ranked is None:
            self.refuse(t("what_works.pilot_first"))
            return
        p = ranked.pilot

        def submit(values: dict[str, Any]) -> str:
            if values["pin"] is None:
                return self.engine.edit_pilot(self.wid, p.ref, pin=None)
            return self.engine.move_pilot(self.wid, p.ref, values["pin"])

        self._form(t("what_works.pin_title", ref=p.ref), [Field("pin", t("what_works.rank"), "number", p.pin,
                                                                aliases=("rank",), hint=t("what_works.rank_hint"))],
                   submit, t("what_works.pin"))

    def _form(self, title: str, fields: list[Field], submit: Any, save: str | None = None) -> None:
        self.open_form(FormDialog(title, fields, submit, save_label=save))
