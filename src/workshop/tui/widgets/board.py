"""Provides the journey board: one column per stage, touchpoints as cards showing the feeling
(a face in its colour), the channel, the number of pains and a moment-of-truth star; only the
cards in view are drawn, so a board of thousands stays quick."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical
from textual.widgets import Static

from workshop.domain.model import Stage, Touchpoint, WorkshopState
from workshop.domain.values import FEELINGS
from workshop.tui.footer import key, together
from workshop.tui.safe import plain, shown
from workshop.tui.widgets.itemlist import ItemList, item_list
from workshop.tui.widgets.text import show_text

FACES = {-2: ">:(", -1: ":(", 0: ":|", 1: ":)", 2: ":D", None: " ? "}
FEELING_STYLES = {-2: "bold red", -1: "dark_orange", 0: "bright_black", 1: "green", 2: "bold bright_green", None: "dim"}


def feeling_label(feeling: int | None) -> Text:
    """The face and word of a feeling, in its colour: ':( unhappy'."""
    word = FEELINGS[feeling] if feeling is not None else "not rated"
    return Text(f"{FACES[feeling]} {word}", style=FEELING_STYLES[feeling])


@lru_cache(maxsize=20_000)
def touchpoint_card(tp: Touchpoint) -> Text:
    """A card: feeling and moment of truth, the customer's words, then channel and pains."""
    card = Text()
    card.append_text(feeling_label(tp.feeling))
    if tp.moment_of_truth:
        card.append(" ★", style="bold yellow")  # moment of truth (the legend is under the curve)
    card.append("\n")
    card.append(shown(tp.text))
    facts = [tp.channel or "no channel"]
    if tp.pains:
        facts.append(f"{len(tp.pains)} pain{'s' if len(tp.pains) != 1 else ''}")
    card.append("\n")
    card.append(f"{tp.ref} " + " · ".join(facts), style="dim")
    return card


FEELING = together("keys.feeling", "+-")
MOVE = together("keys.move", "⇧←→↑↓")


class TouchpointColumnList(item_list("touchpoint", 4, 1)):  # type: ignore[misc]
    """The cards of one stage; shift+arrows move the selected card, + and - change its feeling."""

    KEYS_PLACE = "keys.place.board"
    BINDINGS = [
        Binding("left", "column(-1)", "Previous stage", show=False),
        Binding("right", "column(1)", "Next stage", show=False),
        key("plus,equals_sign", "feel(1)", "keys.happier", role=FEELING, display="+"),
        key("minus", "feel(-1)", "keys.unhappier", role=FEELING, display="-"),
        key("m", "request('moment')", "keys.moment"),
        key("shift+left", "move_stage(-1)", "keys.previous_stage", role=MOVE, display="⇧←"),
        key("shift+right", "move_stage(1)", "keys.next_stage", role=MOVE, display="⇧→"),
        key("shift+up", "move_within(-1)", "keys.up", role=MOVE, display="⇧↑"),
        key("shift+down", "move_within(1)", "keys.down", role=MOVE, display="⇧↓"),
    ]
    REQUESTS = {"move_stage": "stage", "move_within": "position", "feel": "feeling"}

    def action_column(self, step: int) -> None:
        board = self.board
        if board is not None:
            board.focus_column(self.key, step)

    def action_move_stage(self, step: int) -> None:
        self._request_selected(f"stage{step:+d}")

    def action_move_within(self, step: int) -> None:
        self._request_selected(f"position{step:+d}")

    def action_feel(self, step: int) -> None:
        self._request_selected(f"feeling{step:+d}")

    def _request_selected(self, verb: str) -> None:
        if self.selected_ref is None:
            self.notify("No touchpoint selected: move to one with the arrow keys.", markup=False)
            return
        self.post_message(self.Requested(self, verb, self.selected_ref))

    @property
    def board(self) -> JourneyBoard | None:
        for node in self.ancestors:
            if isinstance(node, JourneyBoard):
                return node
        return None


class StageColumn(Vertical):
    """A stage's title (marked when it is the weakest link) above its cards."""

    def __init__(self, stage: Stage, **kwargs: Any) -> None:
        super().__init__(classes="stage-column", **kwargs)
        self.stage = stage

    def compose(self) -> ComposeResult:
        yield Static(plain(self.stage.name), classes="stage-title")
        yield TouchpointColumnList("touchpoint", key=self.stage.ref, classes="stage-cards")

    @property
    def cards(self) -> TouchpointColumnList:
        return self.query_one(TouchpointColumnList)

    def show(self, stage: Stage, touchpoints: list[Touchpoint], weakest: bool) -> None:
        self.stage = stage
        title = Text(shown(stage.name), style="bold")
        title.append(f"  {len(touchpoints)}", style="dim")
        if weakest:
            title.append("  weakest link", style="bold red")
        show_text(self.query_one(".stage-title", Static), title)
        self.set_class(weakest, "-weakest")
        self.cards.show([(tp.ref, touchpoint_card(tp)) for tp in touchpoints])


class JourneyBoard(HorizontalScroll):
    """Stages as columns, left to right in journey order."""

    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._stage_refs: tuple[str, ...] = ()

    MIN_COLUMN = 24

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width between the stages; scroll sideways when they need more room."""
        columns = self.columns()
        if not columns or not self.size.width:
            return
        minimum = 32 if self.app.has_class("-projector") else self.MIN_COLUMN
        width = max(minimum, self.size.width // len(columns))
        for column in columns:
            column.styles.width = width

    def columns(self) -> list[StageColumn]:
        return list(self.query(StageColumn))

    def same_stages(self, state: WorkshopState) -> bool:
        """Whether the columns on the board are `state`'s stages (so `show_cards` can show it)."""
        return tuple(s.ref for s in state.stages) == self._stage_refs

    def show_cards(self, state: WorkshopState, weakest: str | None) -> None:
        """Show `state` in the columns there are (see `same_stages`)."""
        for column, stage in zip(self.columns(), state.stages):
            column.show(stage, state.touchpoints_in(stage.ref), stage.ref == weakest)

    async def show(self, state: WorkshopState, weakest: str | None) -> None:
        """Show `state`; columns are remade only when the stages themselves changed."""
        refs = tuple(s.ref for s in state.stages)
        if refs != self._stage_refs:
            focused_stage = self.focused_stage()
            await self.remove_children()
            await self.mount_all([StageColumn(s, id=f"stage-{s.ref}") for s in state.stages])
            self._stage_refs = refs
            self.fit_columns()
            if focused_stage in refs:
                self.focus_stage(focused_stage)
        self.show_cards(state, weakest)

    def focused_stage(self) -> str | None:
        focused = self.screen.focused if self.is_attached else None
        if isinstance(focused, ItemList) and focused.kind == "touchpoint" and self in focused.ancestors:
            return focused.key
        return None

    def focus_stage(self, stage_ref: str | None, ref: str | None = None) -> None:
        """Focus a stage's column (the first when None), and a card in it."""
        columns = self.columns()
        if not columns:
            return
        column = next((c for c in columns if c.stage.ref == stage_ref), columns[0])
        column.cards.focus()
        if ref:
            column.cards.select_ref(ref)
        column.scroll_visible()

    def focus_column(self, stage_ref: str | None, step: int) -> None:
        columns = self.columns()
        index = next((i for i, c in enumerate(columns) if c.stage.ref == stage_ref), 0)
        target = columns[max(0, min(len(columns) - 1, index + step))]
        target.cards.focus()
        target.scroll_visible()
