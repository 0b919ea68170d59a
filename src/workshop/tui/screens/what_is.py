"""Provides the What Is screen: the journey board, the emotion curve with the weakest link, and
the design criteria the group draws from it."""

from __future__ import annotations

from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from workshop.domain.model import Touchpoint, WorkshopState
from workshop.domain.values import Phase
from workshop.domain.views import weakest_link
from workshop.tui.footer import key
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.safe import shown, text
from workshop.tui.widgets.board import JourneyBoard, TouchpointColumnList
from workshop.tui.widgets.curve import EmotionCurve
from workshop.tui.widgets.itemlist import ItemList, item_list
from workshop.tui.widgets.text import show_text
from workshop.tui.words import t, vocabulary

if TYPE_CHECKING:
    from workshop.engine import Engine
    from workshop.tui.dialogs.form import FormDialog
    from workshop.tui.screens.overview import OverviewScreen


def forms() -> ModuleType:
    """The item forms (`workshop.tui.dialogs.items`), imported when the first is opened, not
    before the first frame: with their text areas they take a tenth of the interface's own start
    (the app imports them in the background once the screen is drawn, see `WorkshopApp`)."""
    from workshop.tui.dialogs import items

    return items


class WhatIsScreen(PhaseScreen):
    """The journey today: touchpoints per stage, how they feel, where it hurts."""

    PHASE = Phase.WHAT_IS
    HELP = "what_is.help"
    BINDINGS = [key("c", "criteria", "keys.criteria"), key("c", "board", "keys.board"),
                key("o", "overview", "overview.key_open")]
    AUTO_FOCUS = ".stage-cards"
    """A stage's cards; with no stages yet nothing, so `a` adds the first stage (not a criterion)."""
    HINTS = dict(PhaseScreen.HINTS, add="what_is.hint_add")
    FIRST_READ = frozenset({"stage", "touchpoint", "criterion", "persona", "participant"})
    """The board, curve and criteria, and what the touchpoint form offers: of a large workshop a
    tenth of its rows (the ideas, votes and pilots are read once the board is on screen)."""
    COMMANDS_EXTRA = [
        ("what_is.add_criterion", "what_is.add_criterion_help", "add_criterion"),
    ]

    _pending: str | None = None
    _overview: OverviewScreen | None = None
    """The journey overview while it is open over this screen."""
    _remaking = 0
    """Shows waiting for the board's columns to be remade."""

    def __init__(self, engine: Engine, state: WorkshopState) -> None:
        super().__init__(engine, state)
        self._asked: dict[str, Touchpoint] = {}
        """Touchpoints as the keys just pressed will leave them, until the board reloads."""

    def show_overview(self) -> None:
        """The whole journey on one screen; choosing a touchpoint there selects it on the board."""
        from workshop.tui.screens.overview import OverviewScreen

        board = self.query_one(JourneyBoard)
        focused = self.focused
        selected = focused.selected_ref if isinstance(focused, TouchpointColumnList) else None
        self._overview = OverviewScreen(self.state, selected)

        def chosen(ref: str | None) -> None:
            self._overview = None
            tp = self.state.touchpoint(ref) if ref else None
            if tp is not None:
                board.focus_stage(tp.stage, tp.ref)

        self.app.push_screen(self._overview, chosen)

    def action_overview(self) -> None:
        self.show_overview()

    def compose_board(self) -> ComposeResult:
        yield EmotionCurve(self.state, id="curve")
        with Horizontal(id="board-notes"):
            yield Static("", id="weakest")
            yield Static(t("layout.moment_legend"), id="board-more")
        yield JourneyBoard(self.state.stages, id="board")
        with Vertical(id="criteria-box"):
            yield Static(t("what_is.criteria_title"), classes="panel-title")
            yield item_list("design criterion")("criterion", id="criteria")

    async def on_mount(self) -> None:
        await self.show_board(self.state)
        self.query_one(JourneyBoard).focus_stage(None)

    def show_state(self, state: WorkshopState) -> None:
        if self._overview is not None:
            self._overview.show(state)
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
            line.append(t("what_is.weakest"), style="bold")
            line.append(shown(weakest.stage.name), style="bold red")
            line.append("  " + t("what_is.weakest_mean", mean=f"{mean:+.1f}", feeling=vocabulary().feeling(round(mean)),
                                 painful=weakest.painful, touchpoints=weakest.touchpoints))
        elif not state.stages:
            line.append(self.offer(t("newcomer.stages.on_board"), t("newcomer.stages.none_replay")), style="bold")
        else:
            line.append(t("what_is.rate_feelings"), style="dim")
        weakest_line = self.query_one("#weakest", Static)
        weakest_line.styles.height = 1 if state.stages else "auto"  # the no-stages note wraps
        show_text(weakest_line, line)
        self.query_one("#criteria", ItemList).show(
            [(c.ref, text(f"{c.ref}  {c.text}")) for c in state.criteria]
            or [("#none", Text(self.nothing_yet(t("what_is.no_criteria")), style="dim"))])
        stage = weakest.stage.ref if weakest else None
        if cards:
            self.query_one(JourneyBoard).show_cards(state, stage)
            self._apply_pending(state)
        return stage

    @on(JourneyBoard.MoreStages)
    def show_more(self, event: JourneyBoard.MoreStages) -> None:
        """The legend, and how many stages are out of view each side (the board scrolls)."""
        line = Text()
        if event.left:
            line.append(t("layout.more_left", n=event.left), style="bold reverse")
            line.append("  ")
        line.append(t("layout.moment_legend"), style="yellow")
        if event.right:
            line.append("  ")
            line.append(t("layout.more_right", n=event.right), style="bold reverse")
        show_text(self.query_one("#board-more", Static), line)

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
            self._open(forms().stage_form(self.engine, self.state))  # a journey gets its stages first
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

    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        if action in ("add", "edit", "delete"):
            return False  # the board's columns and the criteria have their own keys
        if action in ("criteria", "board"):
            on_criteria = self.focused is not None and self.focused.id == "criteria"
            return on_criteria == (action == "board")  # `c` goes to the other one
        return True

    def action_criteria(self) -> None:
        criteria = self.query_one("#criteria", ItemList)
        if self.focused is criteria:
            self.query_one(JourneyBoard).focus_stage(None)
        else:
            criteria.focus()

    def action_board(self) -> None:
        self.query_one(JourneyBoard).focus_stage(None)

    def action_add_criterion(self) -> None:
        self._open(forms().criterion_form(self.engine, self.state))

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
            self._open(forms().criterion_form(self.engine, self.state))
        elif verb == "edit" and criterion:
            self._open(forms().criterion_form(self.engine, self.state, criterion))
        elif verb == "delete" and criterion:
            self.confirm(t("what_is.delete_criterion", ref=criterion.ref, text=criterion.text),
                         lambda: self.perform(lambda e: e.remove_criterion(self.wid, criterion.ref),
                                              say=t("brief.deleted", ref=criterion.ref)))

    def _touchpoint(self, verb: str, ref: str | None, stage: str | None) -> None:
        tp = self.state.touchpoint(ref) if ref else None
        if verb == "add":
            self._open(forms().touchpoint_form(self.engine, self.state, stage=stage))
            return
        if tp is None:
            return
        # Keys pressed faster than the board reloads build on the change already asked for.
        tp = self._asked.get(tp.ref, tp) if verb.startswith(("feeling", "stage", "position")) else tp
        if verb == "edit":
            self._open(forms().touchpoint_form(self.engine, self.state, tp))
        elif verb == "delete":
            self.confirm(t("what_is.delete_touchpoint", ref=tp.ref, text=tp.text),
                         lambda: self.perform(lambda e: e.remove_touchpoint(self.wid, tp.ref),
                                              say=t("brief.deleted", ref=tp.ref)))
        elif verb == "moment":
            self.perform(lambda e: e.edit_touchpoint(self.wid, tp.ref, moment_of_truth=not tp.moment_of_truth))
        elif verb.startswith("feeling"):
            now = tp.feeling if tp.feeling is not None else 0
            new = max(-2, min(2, now + int(verb[len("feeling"):]))) if tp.feeling is not None else now
            if new == tp.feeling:
                self.notify(t("what_is.feeling_already", feeling=vocabulary().feeling(new)), markup=False, timeout=2)
                return
            self._asked[tp.ref] = replace(tp, feeling=new)
            self.perform(lambda e: e.edit_touchpoint(self.wid, tp.ref, feeling=new))
        elif verb.startswith("stage"):
            stages = [s.ref for s in self.state.stages]
            index = stages.index(tp.stage) + int(verb[len("stage"):])
            if not 0 <= index < len(stages):
                self.notify(t("what_is.no_stage_further"), markup=False, timeout=2)
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
