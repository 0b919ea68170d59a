"""Provides the journey overview: every stage and every touchpoint on one screen, a line each
(reference, feeling, ★ for a moment of truth, the number of pains, the customer's words cut with
"…"), flowed into as many columns as the screen needs, with a cursor on one touchpoint.

The columns are worked out from the room there is: one column when everything fits, else two,
three or four of at least `MIN_COLUMN` cells, as even as they can be; a stage cut by a column's
end has its heading again at the top of the next. Only when even that does not fit does the
overview grow taller than the screen (its scroll then follows the cursor)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.widget import Widget

from workshop.domain.model import Stage, Touchpoint, WorkshopState
from workshop.tui.safe import shown
from workshop.tui.widgets.board import FACES, FEELING_STYLES
from workshop.tui.words import t

MIN_COLUMN = 36
"""The narrowest column worth reading: reference, feeling, marks and some twenty letters."""
MAX_COLUMNS = 4
GAP = 2
"""Cells between two columns."""


@dataclass(frozen=True)
class Line:
    """One line of the overview: a stage's heading, a touchpoint, or a stage's 'no touchpoints'."""

    stage: Stage
    touchpoint: Touchpoint | None = None
    empty: bool = False


def pack(lines: list[Line], columns: int, height: int) -> list[list[Line]] | None:
    """`lines` in at most `columns` columns of at most `height` lines, or None when they do not
    fit. A heading never ends a column; a stage cut by a column's end is headed again."""
    if height < 2:
        return None
    packed: list[list[Line]] = [[]]
    for line in lines:
        column = packed[-1]
        heading = line.touchpoint is None and not line.empty
        if column and len(column) + (2 if heading else 1) > height:
            packed.append(column := [])
            if len(packed) > columns:
                return None
            if not heading:
                column.append(Line(line.stage))
        column.append(line)
    return packed


def flow(lines: list[Line], width: int, height: int) -> list[list[Line]]:
    """The fewest columns that hold every line in `height`, made as even as they can be; with
    too many lines for that, as many columns as `width` allows, as tall as they need to be."""
    most = max(1, min(MAX_COLUMNS, (width + GAP) // (MIN_COLUMN + GAP)))
    for columns in range(1, most + 1):
        if pack(lines, columns, height) is not None:
            break
    else:
        height = max(height, 2, -(-len(lines) // most))
        while pack(lines, most, height) is None:
            height += max(1, height // 8)
        columns = most
    # Even them out: the lowest height that still fits in that many columns.
    low, high = max(2, -(-len(lines) // columns)), height
    while low < high:
        middle = (low + high) // 2
        if pack(lines, columns, middle) is None:
            low = middle + 1
        else:
            high = middle
    return pack(lines, columns, high) or [lines]


def journey_lines(state: WorkshopState) -> list[Line]:
    lines = []
    for stage in state.stages:
        lines.append(Line(stage))
        touchpoints = state.touchpoints_in(stage.ref)
        lines.extend(Line(stage, tp) for tp in touchpoints)
        if not touchpoints:
            lines.append(Line(stage, empty=True))
    return lines


class JourneyOverview(Widget, can_focus=True):
    """The whole journey at once; arrows move the cursor, enter asks to go to the touchpoint."""

    DEFAULT_CSS = """
    JourneyOverview { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("left", "column(-1)", show=False),
        Binding("right", "column(1)", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]

    class Chosen(Message):
        """The facilitator chose a touchpoint (enter, or a click on the selected one)."""

        def __init__(self, ref: str) -> None:
            super().__init__()
            self.ref = ref

    def __init__(self, state: WorkshopState, weakest: set[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lines: list[Line] = []
        self._order: list[str] = []
        self._weakest: set[str] = set()
        self.cursor: str | None = None
        self._laid: tuple[tuple[int, int], list[list[Line]]] | None = None
        self._room = 24
        """The lines the overview may take before it scrolls (its container's height)."""
        self.show(state, weakest)

    # what is shown ---------------------------------------------------------------------------

    def show(self, state: WorkshopState, weakest: set[str]) -> None:
        """Show `state`, the stages in `weakest` marked; the cursor stays on its touchpoint."""
        self._lines = journey_lines(state)
        self._order = [line.touchpoint.ref for line in self._lines if line.touchpoint is not None]
        self._weakest = weakest
        self._laid = None
        if self.cursor not in self._order:
            self.cursor = self._order[0] if self._order else None
        self.refresh(layout=True)

    @property
    def refs(self) -> list[str]:
        """Every touchpoint's reference, in journey order."""
        return list(self._order)

    def columns(self, width: int | None = None) -> list[list[Line]]:
        """The lines in columns, for `width` cells and the height the overview was given."""
        width = width if width is not None else self.content_region.width or self.size.width
        key = (width, max(2, self._room))
        if self._laid is None or self._laid[0] != key:
            self._laid = (key, flow(self._lines, *key) if self._lines else [])
        return self._laid[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._room = container.height
        columns = self.columns(width)
        return max((len(c) for c in columns), default=1) if columns else 1

    def _column_width(self, count: int, width: int) -> int:
        return max(8, (width - GAP * (count - 1)) // max(1, count))

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        columns = self.columns(width)
        if not columns:
            return Text(t("overview.no_stages"), style="dim")
        cell = self._column_width(len(columns), width)
        ref_width = max((len(r) for r in self._order), default=2)
        made = [[self._line(line, cell, ref_width) for line in column] for column in columns]
        rows = []
        for number in range(max(len(c) for c in made)):
            row = Text()
            for index, column in enumerate(made):
                if index:
                    row.append(" " * GAP)
                row.append_text(column[number] if number < len(column) else Text(" " * cell))
            rows.append(row)
        return Text("\n").join(rows)

    def _line(self, line: Line, width: int, ref_width: int) -> Text:
        tp = line.touchpoint
        if tp is None and not line.empty:
            return self._heading(line.stage, width)
        if tp is None:
            made = Text("  " + t("overview.no_touchpoints"), style="dim italic")
        else:
            chosen = tp.ref == self.cursor
            made = Text("▶" if chosen else " ", style="bold")
            made.append(f"{tp.ref:<{ref_width}} ", style="bold")
            made.append(f"{FACES[tp.feeling]:>3}", style=FEELING_STYLES[tp.feeling])
            made.append(" ★" if tp.moment_of_truth else "  ", style="bold yellow")
            made.append(f" !{len(tp.pains):<2}" if tp.pains else "    ", style="bold")
            made.append(" " + " ".join(shown(tp.text).split()))
            if chosen:
                made.stylize("reverse" if self.has_focus else "underline")
        made.truncate(width, overflow="ellipsis", pad=True)
        return made

    def _heading(self, stage: Stage, width: int) -> Text:
        mark = t("overview.weakest_mark") if stage.ref in self._weakest else ""
        head = Text(f"{stage.position}. ", style="bold")
        name = Text(" ".join(shown(stage.name).split()), style="bold underline")
        name.truncate(max(1, width - cell_len(head.plain) - cell_len(mark)), overflow="ellipsis")
        head.append_text(name)
        head.append(mark, style="bold red")
        head.truncate(width, overflow="ellipsis", pad=True)
        return head

    # the cursor ------------------------------------------------------------------------------

    def _place(self, ref: str | None) -> tuple[int, int] | None:
        for c, column in enumerate(self.columns()):
            for r, line in enumerate(column):
                if line.touchpoint is not None and line.touchpoint.ref == ref:
                    return c, r
        return None

    def select(self, ref: str) -> None:
        if ref in self._order and ref != self.cursor:
            self.cursor = ref
            self.refresh()
            self._keep_in_view()

    def action_move(self, step: int) -> None:
        if not self._order:
            return
        here = self._order.index(self.cursor) if self.cursor in self._order else 0
        self.select(self._order[max(0, min(len(self._order) - 1, here + step))])

    def action_first(self) -> None:
        if self._order:
            self.select(self._order[0])

    def action_last(self) -> None:
        if self._order:
            self.select(self._order[-1])

    def action_column(self, step: int) -> None:
        """To the touchpoint beside the cursor in the next column (the nearest line)."""
        place = self._place(self.cursor)
        columns = self.columns()
        if place is None or not 0 <= place[0] + step < len(columns):
            return
        row = place[1]
        targets = [(abs(r - row), line.touchpoint.ref) for r, line in enumerate(columns[place[0] + step])
                   if line.touchpoint is not None]
        if targets:
            self.select(min(targets)[1])

    def action_choose(self) -> None:
        if self.cursor is not None:
            self.post_message(self.Chosen(self.cursor))

    def _keep_in_view(self) -> None:
        place = self._place(self.cursor)
        parent = self.parent
        if place is not None and isinstance(parent, Widget) and parent.is_scrollable:
            parent.scroll_to_region(Region(0, place[1], 1, 1), animate=False, immediate=True)

    def _at(self, x: int, y: int) -> str | None:
        columns = self.columns()
        if not columns:
            return None
        cell = self._column_width(len(columns), self.content_region.width or self.size.width)
        index, within = divmod(x - self.styles.padding.left, cell + GAP)
        if not 0 <= index < len(columns) or within >= cell or not 0 <= y < len(columns[index]):
            return None
        line = columns[index][y]
        return line.touchpoint.ref if line.touchpoint is not None else None

    def on_click(self, event: events.Click) -> None:
        ref = self._at(event.x, event.y)
        if ref is None:
            return
        if ref == self.cursor:
            self.action_choose()
        else:
            self.select(ref)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._laid = None
        self._keep_in_view()


__all__ = ["JourneyOverview", "Line", "flow", "journey_lines", "pack"]
