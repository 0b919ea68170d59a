"""Provides the journey board: one column per stage, touchpoints as cards showing the feeling
(a face in its colour), the channel, the number of pains and a moment-of-truth star; only the
cards in view are drawn, so a board of thousands stays quick."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from workshop.domain.model import Stage, Touchpoint, WorkshopState
from workshop.tui.footer import key, together
from workshop.tui.safe import shown
from workshop.tui.widgets.itemlist import ItemList, item_list
from workshop.tui.widgets.text import show_border
from workshop.tui.words import current, t, tn, vocabulary

FACES = {-2: ">:(", -1: ":(", 0: ":|", 1: ":)", 2: ":D", None: " ? "}
FEELING_STYLES = {-2: "bold red", -1: "dark_orange", 0: "bright_black", 1: "green", 2: "bold bright_green", None: "dim"}


def feeling_label(feeling: int | None) -> Text:
    """The face and word of a feeling, in its colour: ':( unhappy'."""
    word = vocabulary().feeling(feeling) if feeling is not None else t("board.not_rated")
    return Text(f"{FACES[feeling]} {word}", style=FEELING_STYLES[feeling])


def touchpoint_card(tp: Touchpoint) -> Text:
    """A card: feeling and moment of truth, the customer's words, then channel and pains."""
    return _touchpoint_card(tp, current().lang)


@lru_cache(maxsize=20_000)
def _touchpoint_card(tp: Touchpoint, _lang: str) -> Text:
    card = Text()
    card.append_text(feeling_label(tp.feeling))
    if tp.moment_of_truth:
        card.append(" ★", style="bold yellow")  # moment of truth (the legend is under the curve)
    card.append("\n")
    card.append(shown(tp.text))
    facts = [vocabulary().channel(tp.channel) if tp.channel else t("board.no_channel")]
    if tp.pains:
        facts.append(tn("count.pains", len(tp.pains)))
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
            self.notify(t("itemlist.none_selected", noun=t("noun.touchpoint")), markup=False)
            return
        self.post_message(self.Requested(self, verb, self.selected_ref))

    @property
    def board(self) -> JourneyBoard | None:
        for node in self.ancestors:
            if isinstance(node, JourneyBoard):
                return node
        return None


class StageTitle(Static):
    """A stage's name and its number of cards on one line; a long name is cut with "…" so the
    count stays in view."""

    def __init__(self, name: str, count: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stage_name = name
        self.count = count

    def set(self, name: str, count: int) -> None:
        if (name, count) != (self.stage_name, self.count):
            self.stage_name, self.count = name, count
            self.refresh()

    def render(self) -> Text:
        room = self.content_region.width or self.size.width or 80
        count = f"  {self.count}"
        title = Text(shown(self.stage_name), style="bold")
        title.truncate(max(1, room - len(count)), overflow="ellipsis")
        title.append(count, style="dim")
        return title


class StageColumn(Vertical):
    """A stage's title above its cards; the weakest link says so on its border (in words, as
    well as in red)."""

    def __init__(self, stage: Stage, **kwargs: Any) -> None:
        super().__init__(classes="stage-column", **kwargs)
        self.stage = stage
        self._shown: tuple[Any, ...] | None = None
        """What `show` last put in the column: the stage, its touchpoints, weakest, language."""
        self._cards: dict[str, tuple[Touchpoint, Text]] = {}
        """Each card shown, with the touchpoint it was made for: a touchpoint the new state
        shares with the old keeps its card, and the list its drawn lines."""

    def compose(self) -> ComposeResult:
        yield StageTitle(self.stage.name, classes="stage-title")
        yield TouchpointColumnList("touchpoint", key=self.stage.ref, classes="stage-cards")

    @property
    def cards(self) -> TouchpointColumnList:
        return self.query_one(TouchpointColumnList)

    def show(self, stage: Stage, touchpoints: list[Touchpoint], weakest: bool) -> None:
        # A change touches a few items, and the state shares the others with the one before:
        # a column whose stage and cards are the very ones it shows has nothing to draw again.
        shown = (stage, touchpoints, weakest, current().lang)
        if self._shown is not None and all(a is b or a == b for a, b in zip(shown, self._shown)):
            return
        self.stage = stage
        self.query_one(StageTitle).set(stage.name, len(touchpoints))
        show_border(self, t("layout.weakest_mark") if weakest else None)
        self.set_class(weakest, "-weakest")
        if self._shown is not None and self._shown[3] != shown[3]:
            self._cards = {}  # another language: every card in its words
        kept, cards = self._cards, {}
        for tp in touchpoints:
            made = kept.get(tp.ref)
            cards[tp.ref] = made if made is not None and made[0] is tp else (tp, touchpoint_card(tp))
        self._cards = cards
        self._shown = shown
        self.cards.show([(ref, card) for ref, (_tp, card) in cards.items()])


class JourneyBoard(HorizontalScroll):
    """Stages as columns, left to right in journey order: as many whole columns as the width
    holds (the same in projector mode), and `MoreStages` saying how many are out of view."""

    can_focus = False

    class MoreStages(Message):
        """How many stages are out of view to the left and to the right of the board."""

        def __init__(self, left: int, right: int) -> None:
            super().__init__()
            self.left = left
            self.right = right

    def __init__(self, stages: Sequence[Stage] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._first = tuple(stages)
        """The stages the board is made with: its columns are there in the screen's first layout
        (focused, the footer showing their keys), not mounted after it."""
        self._stage_refs: tuple[str, ...] = ()
        self._column_width = 0
        self._margin = 0
        self._told: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        self._stage_refs = tuple(s.ref for s in self._first)
        for stage in self._first:
            yield StageColumn(stage, id=f"stage-{stage.ref}")

    MIN_COLUMN = 20
    """Narrowest column: a card's face, word and ★, or a channel and pain count, still fit."""

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width between the stages in whole columns; scroll sideways a column at a
        time when they need more room."""
        columns = self.columns()
        if not columns or not self.size.width:
            return
        # The width the board has room for (its container's), whatever margin it was given before.
        parent = self.parent
        total = parent.size.width if isinstance(parent, Widget) and parent.size.width else self.size.width
        fit = max(1, min(len(columns), total // self.MIN_COLUMN))
        width = max(self.MIN_COLUMN, total // fit)
        spare = total - fit * width if fit < len(columns) else 0
        if spare != self._margin:
            # What is left after the whole columns stays blank, not a sliver of the next one.
            self._margin = spare
            self.styles.margin = (0, spare, 0, 0)
        if width != self._column_width or any(c.styles.width is None or c.styles.width.value != width
                                              for c in columns):
            self._column_width = width
            for column in columns:
                column.styles.width = width
        self.call_after_refresh(self.tell_more)

    def out_of_view(self) -> tuple[int, int]:
        """(stages left of the view, stages right of it); a column cut by an edge counts."""
        count, width = len(self._stage_refs), self._column_width
        if not count or not width or not self.size.width:
            return 0, 0
        start, end = round(self.scroll_x), round(self.scroll_x) + self.size.width
        left = min(count, -(-start // width))
        right = max(0, count - end // width)
        return left, right

    def tell_more(self) -> None:
        told = self.out_of_view()
        if told != self._told:
            self._told = told
            self.post_message(self.MoreStages(*told))

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self.tell_more()

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
            if focused_stage in refs:
                self.focus_stage(focused_stage)
        self.fit_columns()
        self.call_after_refresh(self.fit_columns)  # once the guide has taken its room, or not
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
