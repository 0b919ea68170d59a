"""Provides the What Is screen: the journey board, the emotion curve with the weakest link, and
the design criteria the group draws from it."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from workshop.domain.model import Touchpoint, WorkshopState
from workshop.domain.values import FEELINGS, Phase
from workshop.domain.views import weakest_link
from workshop.engine import Engine
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.dialogs.items import criterion_form, stage_form, touchpoint_form
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.safe import shown, text
from workshop.tui.widgets.board import JourneyBoard, TouchpointColumnList
from workshop.tui.widgets.curve import EmotionCurve
from workshop.tui.widgets.itemlist import ItemList, item_list
from workshop.tui.widgets.text import show_text
from workshop.tui.words import t


class WhatIsScreen(PhaseScreen):
    """The journey today: touchpoints per stage, how they feel, where it hurts."""

    PHASE = Phase.WHAT_IS
    HELP = """
Map the journey as it is today, in the customer's own words. Each card is a **touchpoint**: the
face shows the **feeling** (from `>:(` frustrated to `:D` delighted), then what the customer does,
the channel, how many **pains** it has, and a ★ for a **moment of truth**.

Arrow keys move between cards and stages. `a` adds a touchpoint to the stage you are in;
`enter` edits the selected one (feeling, pains, channel, moment of truth, stage); `d` deletes it.
`shift+←/→` moves a card to the previous or next stage, `shift+↑/↓` within its stage;
`+` and `-` change its feeling; `m` marks a moment of truth.

The curve above the board shows the feelings across the whole journey; the **weakest link**
(lowest mean feeling) is marked. Below the board are the **design criteria**: what any good
solution must meet; `c` moves between the board and the criteria.
"""
    BINDINGS = [Binding("c", "criteria", "Criteria", show=False)]
    AUTO_FOCUS = ".stage-cards"
    """A stage's cards; with no stages yet nothing, so `a` adds the first stage (not a criterion)."""
    HINTS = dict(PhaseScreen.HINTS, add="Move to a stage column (arrow keys), then press a.")
    COMMANDS_EXTRA = [
        ("Add design criterion", "What Is: a statement any good solution must meet", "add_criterion"),
    ]

    _pending: str | None = None
    _remaking = 0
    """Shows waiting for the board's columns to be remade."""

    def __init__(self, engine: Engine, state: WorkshopState) -> None:
        super().__init__(engine, state)
        self._asked: dict[str, Touchpoint] = {}
        """Touchpoints as the keys just pressed will leave them, until the board reloads."""

    def compose_board(self) -> ComposeResult:
        yield EmotionCurve(self.state, id="curve")
        yield Static("", id="weakest")
        yield JourneyBoard(id="board")
        with Vertical(id="criteria-box"):
            yield Static("Design criteria" + self.offer("  (c moves here and back)"), classes="panel-title")
            yield item_list("design criterion")("criterion", id="criteria")

    async def on_mount(self) -> None:
        await self.show_board(self.state)
        self.query_one(JourneyBoard).focus_stage(None)

    def show_state(self, state: WorkshopState) -> None:
        if not self.is_mounted:
            return
        if self._remaking == 0 and self.query_one(JourneyBoard).same_stages(state):
            self._show_parts(state)  # at once: the change shows in the next frame
        else:
            self._show_latest(state)  # after the columns are remade (and after any remaking now)

    @work(group="show", exclusive=True, description="show the board")
    async def _show_latest(self, state: WorkshopState) -> None:
        self._remaking += 1
        try:
            await self.show_board(state)
        finally:
            self._remaking -= 1

    async def show_board(self, state: WorkshopState) -> None:
        """Show `state`, remaking the board's columns when the stages changed."""
        weakest = self._show_parts(state, cards=False)
        await self.query_one(JourneyBoard).show(state, weakest)
        self._apply_pending(state)

    def _show_parts(self, state: WorkshopState, *, cards: bool = True) -> str | None:
        """Show the curve, the weakest link, the criteria and (with `cards`) the cards in the
        columns there are; returns the weakest stage's ref."""
        self._asked.clear()
        weakest = weakest_link(state)
        self.query_one(EmotionCurve).show(state)
        line = Text()
        if weakest is not None and weakest.mean_feeling is not None:
            mean = weakest.mean_feeling
            line.append("Weakest link: ", style="bold")
            line.append(shown(weakest.stage.name), style="bold red")
            line.append(f"  {mean:+.1f} {FEELINGS[round(mean)]}, "
                        f"{weakest.painful}/{weakest.touchpoints} with pains")
        elif not state.stages:
            line.append(self.offer(t("newcomer.stages.on_board"), t("newcomer.stages.none_replay")), style="bold")
        else:
            line.append("Rate the touchpoints' feelings to find the weakest link.", style="dim")
        if state.stages:
            line.append("   ★ moment of truth", style="yellow")
        weakest_line = self.query_one("#weakest", Static)
        weakest_line.styles.height = 1 if state.stages else "auto"  # the no-stages note wraps
        show_text(weakest_line, line)
        self.query_one("#criteria", ItemList).show(
            [(c.ref, text(f"{c.ref}  {c.text}")) for c in state.criteria]
            or [("#none", Text(self.nothing_yet("None yet: press c to come here, then a."), style="dim"))])
        stage = weakest.stage.ref if weakest else None
        if cards:
            self.query_one(JourneyBoard).show_cards(state, stage)
            self._apply_pending(state)
        return stage

    def remember_selection(self, ref: str) -> None:
        self._pending = ref

    def _apply_pending(self, state: WorkshopState) -> None:
        ref = self._pending
        if not ref:
            return
        if ref.startswith("D"):
            self._pending = None
            self.query_one("#criteria", ItemList).select_ref(ref)
            return
        tp = state.touchpoint(ref)
        if tp is not None:
            self._pending = None
            self.query_one(JourneyBoard).focus_stage(tp.stage, ref)

    # keys ------------------------------------------------------------------------------------

    def _current_list(self) -> ItemList | None:
        return self.focused if isinstance(self.focused, ItemList) else None

    def action_add(self) -> None:
        items = self._current_list()
        if not self.state.stages:
            self._open(stage_form(self.engine, self.state))  # a journey gets its stages first
        elif items is not None:
            items.action_request("add")
        else:
            self.query_one(JourneyBoard).focus_stage(None)
            self._hint("add")

    def action_edit(self) -> None:
        items = self._current_list()
        if items is not None:
            items.action_request("edit")
        else:
            self._hint("edit")

    def action_delete(self) -> None:
        items = self._current_list()
        if items is not None:
            items.action_request("delete")
        else:
            self._hint("delete")

    def action_criteria(self) -> None:
        criteria = self.query_one("#criteria", ItemList)
        if self.focused is criteria:
            self.query_one(JourneyBoard).focus_stage(None)
        else:
            criteria.focus()

    def action_add_criterion(self) -> None:
        self._open(criterion_form(self.engine, self.state))

    @on(ItemList.Requested)
    def handle(self, event: ItemList.Requested) -> None:
        event.stop()
        items, verb, ref = event.items, event.verb, event.ref
        if items.kind == "criterion":
            self._criterion(verb, ref)
        elif isinstance(items, TouchpointColumnList):
            self._touchpoint(verb, ref, items.key)

    def _criterion(self, verb: str, ref: str | None) -> None:
        criterion = next((c for c in self.state.criteria if c.ref == ref), None)
        if verb == "add":
            self._open(criterion_form(self.engine, self.state))
        elif verb == "edit" and criterion:
            self._open(criterion_form(self.engine, self.state, criterion))
        elif verb == "delete" and criterion:
            self.confirm(f"Delete design criterion {criterion.ref} {criterion.text!r}?",
                         lambda: self.perform(lambda e: e.remove_criterion(self.wid, criterion.ref),
                                              say=f"Deleted {criterion.ref}. ctrl+z brings it back."))

    def _touchpoint(self, verb: str, ref: str | None, stage: str | None) -> None:
        tp = self.state.touchpoint(ref) if ref else None
        if verb == "add":
            self._open(touchpoint_form(self.engine, self.state, stage=stage))
            return
        if tp is None:
            return
        # Keys pressed faster than the board reloads build on the change already asked for.
        tp = self._asked.get(tp.ref, tp) if verb.startswith(("feeling", "stage", "position")) else tp
        if verb == "edit":
            self._open(touchpoint_form(self.engine, self.state, tp))
        elif verb == "delete":
            self.confirm(f"Delete touchpoint {tp.ref} {tp.text!r}?",
                         lambda: self.perform(lambda e: e.remove_touchpoint(self.wid, tp.ref),
                                              say=f"Deleted {tp.ref}. ctrl+z brings it back."))
        elif verb == "moment":
            self.perform(lambda e: e.edit_touchpoint(self.wid, tp.ref, moment_of_truth=not tp.moment_of_truth))
        elif verb.startswith("feeling"):
            now = tp.feeling if tp.feeling is not None else 0
            new = max(-2, min(2, now + int(verb[len("feeling"):]))) if tp.feeling is not None else now
            if new == tp.feeling:
                self.notify(f"The feeling is already {FEELINGS[new]}.", markup=False, timeout=2)
                return
            self._asked[tp.ref] = replace(tp, feeling=new)
            self.perform(lambda e: e.edit_touchpoint(self.wid, tp.ref, feeling=new))
        elif verb.startswith("stage"):
            stages = [s.ref for s in self.state.stages]
            index = stages.index(tp.stage) + int(verb[len("stage"):])
            if not 0 <= index < len(stages):
                self.notify("There is no stage further that way.", markup=False, timeout=2)
                return
            position = min(tp.position, len(self.state.touchpoints_in(stages[index])) + 1)
            self._asked[tp.ref] = replace(tp, stage=stages[index], position=position)
            self.perform(lambda e: e.move_touchpoint(self.wid, tp.ref, stage=stages[index], position=position))
        elif verb.startswith("position"):
            position = tp.position + int(verb[len("position"):])
            if not 1 <= position <= len(self.state.touchpoints_in(tp.stage)):
                return
            self._asked[tp.ref] = replace(tp, position=position)
            self.perform(lambda e: e.move_touchpoint(self.wid, tp.ref, position=position))

    def _open(self, dialog: FormDialog) -> None:
        self.open_form(dialog)
