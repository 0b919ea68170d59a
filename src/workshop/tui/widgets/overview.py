"""Provides the journey overview: every stage and every touchpoint on one screen, a line each
(reference, feeling, ★ for a moment of truth, the number of pains, the customer's words cut with
"…"; the selected one's in full below, room allowing), flowed into as many columns as the screen
needs, with a cursor on one touchpoint.

The columns are worked out from the room there is: one column when everything fits, else two,
three or four of at least `MIN_COLUMN` cells, as even as they can be; a stage cut by a column's
end has its heading again at the top of the next. Only when even that does not fit does the
overview grow taller than the screen (it scrolls, following the cursor)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from rich.segment import Segment
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workshop.domain.model import Stage, Touchpoint, WorkshopState
from workshop.tui.safe import shown
from workshop.tui.widgets.board import FACES, FEELING_STYLES
from workshop.tui.words import t

MIN_COLUMN = 36
"""The narrowest column worth reading: reference, feeling, marks and some twenty letters."""
MAX_COLUMNS = 4
GAP = 2
"""Cells between two columns."""
SELECTED_LINES = 3
"""At most this many lines under the journey show the selected touchpoint's words and pains in
full, when the journey leaves them free."""


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


class JourneyOverview(ScrollView, can_focus=True):
    """The whole journey at once; arrows move the cursor, enter asks to go to the touchpoint.

    Only the rows in view are drawn, and a row is drawn again only when it changes (the cursor
    came or went): a journey of thousands of touchpoints moves as quickly as a small one."""

    DEFAULT_CSS = """
    JourneyOverview { height: 1fr; padding: 0 1; overflow-x: hidden; }
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
        self._touchpoints: dict[str, Touchpoint] = {}
        self._position: dict[str, int] = {}
        self._weakest: set[str] = set()
        self.cursor: str | None = None
        self._laid: tuple[tuple[int, int], list[list[Line]]] | None = None
        self._places: dict[str, tuple[int, int]] = {}
        self._strips: dict[int, Strip] = {}
        self.show(state, weakest)

    # what is shown ---------------------------------------------------------------------------

    def show(self, state: WorkshopState, weakest: set[str]) -> None:
        """Show `state`, the stages in `weakest` marked; the cursor stays on its touchpoint."""
        self._lines = journey_lines(state)
        self._touchpoints = {line.touchpoint.ref: line.touchpoint for line in self._lines if line.touchpoint}
        self._order = list(self._touchpoints)
        self._position = {ref: n for n, ref in enumerate(self._order)}
        self._weakest = weakest
        self._laid = None
        if self.cursor not in self._position:
            self.cursor = self._order[0] if self._order else None
        self._relayout()
        self.refresh()

    @property
    def refs(self) -> list[str]:
        """Every touchpoint's reference, in journey order."""
        return list(self._order)

    def columns(self) -> list[list[Line]]:
        """The lines in columns, for the width and height the overview has."""
        region = self.scrollable_content_region
        key = (region.width or self.size.width or 80, max(2, region.height or self.size.height or 20))
        if self._laid is None or self._laid[0] != key:
            columns = flow(self._lines, *key) if self._lines else []
            self._laid = (key, columns)
            self._places = {line.touchpoint.ref: (c, r) for c, column in enumerate(columns)
                            for r, line in enumerate(column) if line.touchpoint is not None}
            self._strips.clear()
        return self._laid[1]

    def _relayout(self) -> None:
        columns = self.columns()
        rows = max((len(c) for c in columns), default=1)
        self.virtual_size = Size(self.scrollable_content_region.width, rows)

    def _column_width(self, count: int) -> int:
        width = self._laid[0][0] if self._laid else self.size.width
        return max(8, (width - GAP * (count - 1)) // max(1, count))

    def render_line(self, y: int) -> Strip:
        columns = self.columns()
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if not columns:
            if y:
                return Strip.blank(width, self.rich_style)
            return self._strip(Text(t("overview.no_stages"), style="dim"), width)
        spare = self._spare()
        below = y - (self.scrollable_content_region.height - spare)
        if spare and below >= 0:
            lines = self._selected_lines(width, spare)
            return self._strip(lines[below], width) if below < len(lines) else Strip.blank(width, self.rich_style)
        strip = self._strips.get(row)
        if strip is None:
            strip = self._strips[row] = self._strip(self._row(columns, row), width)
        return strip

    def _spare(self) -> int:
        """How many lines below the journey show the selected touchpoint in full (none when the
        journey needs the room: it comes first)."""
        rows = max((len(c) for c in self.columns()), default=0)
        spare = self.scrollable_content_region.height - rows
        return min(SELECTED_LINES, spare - 1) if spare >= 3 else 0

    def _selected_lines(self, width: int, room: int) -> list[Text]:
        tp = self._touchpoints.get(self.cursor or "")
        if tp is None:
            return []
        text = Text(f"▶{tp.ref} ", style="bold")
        text.append(" ".join(shown(tp.text).split()))
        if tp.pains:
            text.append(f"  !{len(tp.pains)}: ", style="bold")
            text.append("; ".join(" ".join(shown(pain).split()) for pain in tp.pains), style="italic")
        lines = list(text.wrap(self.app.console, max(1, width)))
        if len(lines) > room:
            lines = lines[:room]
            lines[-1].truncate(max(1, width - 1))
            lines[-1].append("…")
        return lines

    def _strip(self, text: Text, width: int) -> Strip:
        segments = Segment.apply_style(list(text.render(self.app.console)), self.rich_style)
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _row(self, columns: list[list[Line]], number: int) -> Text:
        cell = self._column_width(len(columns))
        ref_width = max((len(r) for r in self._order), default=2)
        row = Text()
        for index, column in enumerate(columns):
            if index:
                row.append(" " * GAP)
            row.append_text(self._line(column[number], cell, ref_width) if number < len(column)
                            else Text(" " * cell))
        return row

    def _line(self, line: Line, width: int, ref_width: int) -> Text:
        tp = line.touchpoint
        if tp is None and not line.empty:
            return self._heading(line.stage, width)
        if tp is None:
            made = Text("  " + t("overview.no_touchpoints"), style="dim italic")
        else:
            # The selected line is one block of reverse video (its colours would speckle it).
            chosen = tp.ref == self.cursor
            colour = (lambda style: "") if chosen else (lambda style: style)
            made = Text("▶" if chosen else " ", style="bold")
            made.append(f"{tp.ref:<{ref_width}} ", style="bold")
            made.append(f"{FACES[tp.feeling]:>3}", style=colour(FEELING_STYLES[tp.feeling]))
            made.append(" ★" if tp.moment_of_truth else "  ", style=colour("bold yellow"))
            made.append(f" !{len(tp.pains):<2}" if tp.pains else "    ", style="bold")
            made.append(" " + " ".join(shown(tp.text).split()))
            made.truncate(width, overflow="ellipsis", pad=True)
            if chosen:
                made.stylize("bold reverse" if self.has_focus else "bold underline")
            return made
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

    def _repaint(self, ref: str | None) -> None:
        place = self._places.get(ref or "")
        if place is not None:
            self._strips.pop(place[1], None)
            self.refresh_line(place[1])

    def select(self, ref: str) -> None:
        if ref in self._position and ref != self.cursor:
            before, self.cursor = self.cursor, ref
            self._repaint(before)
            self._repaint(ref)
            self._keep_in_view()
            spare = self._spare()
            if spare:
                self.refresh_lines(self.scroll_offset.y + self.scrollable_content_region.height - spare, spare)

    def action_move(self, step: int) -> None:
        if not self._order:
            return
        here = self._position.get(self.cursor or "", 0)
        self.select(self._order[max(0, min(len(self._order) - 1, here + step))])

    def action_first(self) -> None:
        if self._order:
            self.select(self._order[0])

    def action_last(self) -> None:
        if self._order:
            self.select(self._order[-1])

    def action_column(self, step: int) -> None:
        """To the touchpoint beside the cursor in the next column (the nearest line)."""
        columns = self.columns()
        place = self._places.get(self.cursor or "")
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
        self.columns()
        place = self._places.get(self.cursor or "")
        if place is not None and self.is_mounted:
            self.scroll_to_region(Region(0, place[1], 1, 1), animate=False, immediate=True, force=True)

    def _at(self, x: int, y: int) -> str | None:
        columns = self.columns()
        if not columns:
            return None
        cell = self._column_width(len(columns))
        row = y + self.scroll_offset.y
        index, within = divmod(x - self.styles.padding.left, cell + GAP)
        if not 0 <= index < len(columns) or within >= cell or not 0 <= row < len(columns[index]):
            return None
        line = columns[index][row]
        return line.touchpoint.ref if line.touchpoint is not None else None

    def on_click(self, event: events.Click) -> None:
        ref = self._at(event.x, event.y)
        if ref is None:
            return
        if ref == self.cursor:
            self.action_choose()
        else:
            self.select(ref)

    def _repaint_cursor(self) -> None:
        self._repaint(self.cursor)

    def on_focus(self) -> None:
        self._repaint_cursor()

    def on_blur(self) -> None:
        self._repaint_cursor()

    def on_resize(self) -> None:
        self._laid = None
        self._relayout()
        self._keep_in_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()


__all__ = ["JourneyOverview", "Line", "flow", "journey_lines", "pack"]
