"""Provides the What Works screen: pilots (learning launches) promoted from concepts, the ranked
backlog, the effect-against-cost 2×2 and the timeline of the pilots by date."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from workshop.domain import views
from workshop.domain.model import Pilot, WorkshopState
from workshop.domain.values import Phase
from workshop.tui.dialogs.choices import one_line, pilot_fields, split_refs
from workshop.tui.dialogs.form import Field, FormDialog
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.widgets.matrix import EffectCostMatrix, Scored
from workshop.tui.widgets.timeline import Timeline
from workshop.tui.safe import shown
from workshop.tui.widgets.votes import RefList
from workshop.tui.widgets.text import show_text

VIEWS = ("pilot", "matrix", "timeline")


def when(pilot: Pilot) -> str:
    """The pilot's dates, short: `2025-03-03 → 2025-04-11`, or what is missing."""
    if pilot.start_date and pilot.end_date:
        return f"{pilot.start_date} → {pilot.end_date}"
    if pilot.start_date or pilot.end_date:
        return f"from {pilot.start_date}" if pilot.start_date else f"until {pilot.end_date}"
    return "no dates"


def pilot_card(state: WorkshopState, ranked: views.RankedPilot) -> Text:
    """Everything about one pilot, for the group to read aloud."""
    p = ranked.pilot
    text = Text()
    text.append(f"#{ranked.rank} ", style="bold")
    text.append(f"{p.ref} ", style="dim")
    text.append(shown(p.name), style="bold")
    text.append(f"   {p.status}" + (f" · decision: {p.decision}" if p.decision else ""), style="italic")
    concept = state.concept(p.concept)
    rows = [
        ("Hypothesis", p.hypothesis),
        ("Metric", p.metric),
        ("Owner", p.owner),
        ("When", when(p) if (p.start_date or p.end_date) else ""),
        ("Budget", p.budget),
        ("Scope", p.scope),
        ("Tests", ", ".join(f"{a.ref} {one_line(a.text)}" for a in state.assumptions if a.ref in p.tests)),
        ("Learnings", p.learnings),
    ]
    for label, value in rows:
        text.append(f"\n{label}: ", style="bold")
        text.append(shown(one_line(value)) if value else "—", style="" if value else "dim")
    if concept is not None:
        text.append(f"\nFrom concept {concept.ref} {shown(one_line(concept.big_idea))}: effect "
                    f"{concept.effect or '?'}, cost {concept.cost or '?'}, {ranked.votes} dots", style="dim")
    if p.pin is not None:
        text.append(f"\nPinned at rank {p.pin} (p changes it; empty unpins)", style="dim")
    return text


class WhatWorksScreen(PhaseScreen):
    """Turn concepts into small pilots, rank them and see when they run."""

    PHASE = Phase.WHAT_WORKS
    HELP = """
Decide what to try first. `a` makes a **pilot** (a learning launch) from a concept: a name, the
hypothesis (*We believe that … for … will …, measured by …*), a success metric, an owner, dates, a
budget you can afford to lose, a small scope and the assumptions it tests. `enter` edits it (status,
decision and learnings too), `d` deletes it.

The **backlog** ranks the pilots by expected effect ÷ cost, then dots, then order; `+` and `-` move
the selected pilot up or down by pinning it, `p` pins it at a rank you type (empty unpins).
`s` switches between the pilot, the **effect × cost** matrix (quick wins top left) and the
**timeline** of the pilots by week.
"""
    HINTS = dict(PhaseScreen.HINTS)
    HINTS.update({
        "edit": "Select a pilot in the backlog first, then press enter.",
        "delete": "Select a pilot in the backlog first, then press d.",
    })
    BINDINGS = [
        Binding("s", "switch_view", "View"),
        Binding("plus,equals_sign", "move(-1)", "Move up", show=False, key_display="+"),
        Binding("minus", "move(1)", "Move down", show=False, key_display="-"),
        Binding("p", "pin", "Pin", show=False),
    ]
    COMMANDS_EXTRA = [
        ("Show the effect × cost matrix", "What Works: quick wins top left (s)", "view('matrix')"),
        ("Show the timeline", "What Works: the pilots by week (s)", "view('timeline')"),
        ("Pin the pilot at a rank", "What Works: keep it there whatever its score (p)", "pin"),
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
        backlog = RefList(id="backlog")
        backlog.border_title = "Backlog: ranked by effect ÷ cost, then dots"
        yield backlog
        with TabbedContent(id="works-views", initial="pilot"):
            with TabPane("Pilot", id="pilot"), VerticalScroll(id="pilot-scroll"):
                yield Static("", id="pilot-card")
            with TabPane("Effect × cost", id="matrix"), VerticalScroll(id="matrix-scroll"):
                yield EffectCostMatrix(id="effect-cost")
            with TabPane("Timeline", id="timeline"), VerticalScroll(id="timeline-scroll"):
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
        backlog.border_subtitle = (f"{len(self._ranked)} pilots" if self._ranked else "a makes a pilot from a concept") + (
            f" · {len(waiting)} concept{'s' if len(waiting) != 1 else ''} without a pilot" if waiting else "")
        items = [Scored(r.pilot.ref, r.pilot.name, r.effect, r.cost) for r in self._ranked]
        items += [Scored(c.ref, f"{one_line(c.big_idea)[:40]} (no pilot yet)", c.effect, c.cost) for c in waiting]
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
        line.append(f"{p.status:<9}", style="italic")
        line.append(shown(one_line(p.name)))
        if p.owner:
            line.append(f" · {shown(p.owner)}", style="cyan")
        line.append(f" · {when(p)}", style="dim")
        return line

    def _show_pilot(self) -> None:
        card = self.query_one("#pilot-card", Static)
        ranked = self.selected
        if ranked is None:
            show_text(card, Text(self.nothing_yet(
                "No pilot yet. Press a to turn a concept into a small pilot: a learning "
                "launch with an owner, dates and a budget you can afford to lose."), style="dim"))
        else:
            show_text(card, pilot_card(self.state, ranked))

    @on(OptionList.OptionHighlighted, "#backlog")
    def _moved(self) -> None:
        self._show_pilot()

    @on(OptionList.OptionSelected, "#backlog")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_switch_view(self) -> None:
        tabs = self.query_one("#works-views", TabbedContent)
        tabs.active = VIEWS[(VIEWS.index(tabs.active) + 1) % len(VIEWS)] if tabs.active in VIEWS else VIEWS[0]

    def action_view(self, name: str) -> None:
        self.query_one("#works-views", TabbedContent).active = name

    # changing --------------------------------------------------------------------------------

    def action_add(self) -> None:
        if not self.state.concepts:
            self.refuse("No concept yet: promote an idea to a concept in What Wows (3) first.")
            return
        waiting = [c for c in self.state.concepts if not any(p.concept == c.ref for p in self.state.pilots)]
        first = (waiting or list(self.state.concepts))[0].ref

        def submit(values: dict[str, Any]) -> str:
            concept = values.pop("concept")
            if not concept:
                from workshop.domain.errors import InvalidInput

                raise InvalidInput("concept", "choose the concept the pilot comes from")
            values["tests"] = split_refs(values["tests"])
            return self.engine.add_pilot(self.wid, values.pop("name"), concept=concept, **values)

        self._form("New pilot: a learning launch", pilot_fields(self.state, None, first), submit, "Add")

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

        self._form(f"Edit pilot {pilot.ref}", pilot_fields(self.state, pilot), submit)

    def action_delete(self) -> None:
        ranked = self.selected
        if ranked is None:
            self._hint("delete")
            return
        p = ranked.pilot
        self.confirm(f"Delete pilot {p.ref} “{one_line(p.name)[:60]}”?",
                     lambda: self.perform(lambda e: e.remove_pilot(self.wid, p.ref),
                                          say=f"Deleted pilot {p.ref} (ctrl+z brings it back)."))

    def action_move(self, step: int) -> None:
        ranked = self.selected
        if ranked is None:
            self.refuse("Select a pilot in the backlog first.")
            return
        target = ranked.rank + step
        if not 1 <= target <= len(self._ranked):
            self.refuse(f"backlog: {ranked.pilot.ref} is already {'first' if step < 0 else 'last'}.")
            return
        ref = ranked.pilot.ref
        self.perform(lambda e: e.move_pilot(self.wid, ref, target), select=ref,
                     say=f"{ref} pinned at rank {target}.")

    def action_pin(self) -> None:
        ranked = self.selected
        if ranked is None:
            self.refuse("Select a pilot in the backlog first.")
            return
        p = ranked.pilot

        def submit(values: dict[str, Any]) -> str:
            if values["pin"] is None:
                return self.engine.edit_pilot(self.wid, p.ref, pin=None)
            return self.engine.move_pilot(self.wid, p.ref, values["pin"])

        self._form(f"Pin {p.ref} at a rank", [Field("pin", "Rank", "number", p.pin, aliases=("rank",),
                                                     hint="1 is first; leave empty to rank it by score")],
                   submit, "Pin")

    def _form(self, title: str, fields: list[Field], submit: Any, save: str = "Save") -> None:
        self.open_form(FormDialog(title, fields, submit, save_label=save))
