"""Provides `ItemList`, a scrolling list of one kind of item (touchpoints of a stage, ideas,
participants…) that lays out and draws only the rows in view, so a list of thousands stays quick;
it keeps its cursor on the same item when the workshop changes, and asks its screen to add, edit
or delete with keys named in the footer."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import Any, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workshop.tui.footer import key
from workshop.tui.safe import text as plain_text
from workshop.tui.words import current, t

Row = tuple[str, Text | str]
"""(item ref, what the row shows); a ref starting with '#' is a heading the cursor skips."""


class ItemList(ScrollView, can_focus=True):
    """Items of one kind; `a`, `enter` and `d` post `ItemList.Requested` to the screen.

    `ROW_HEIGHT` fixes every row's height in lines (long text is cut with "…", keeping a row's
    last line when it has several): only then are thousands of rows cheap. None fits each row to
    its text, for short lists.
    """

    NOUN = "item"
    REQUESTS: ClassVar[dict[str, str]] = {}
    """The list's own actions that ask its screen for something, and the verb each asks (the
    board's moves and feelings); `request(verb)` always is one. Each needs a selected item
    (but add) and the screen's leave (`allows`), or is not offered."""
    KEYS_PLACE: ClassVar[str | None] = None
    """The catalogue key naming this list's part of the screen in `?`."""
    ROW_HEIGHT: ClassVar[int | None] = None
    ROW_GAP: ClassVar[int] = 0
    """Blank lines after each row (cards on a board breathe)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"item-list--cursor"}
    DEFAULT_CSS = """
    ItemList {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        & > .item-list--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .item-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "cursor_to(0)", "First", show=False),
        Binding("end", "cursor_to(-1)", "Last", show=False),
    ]

    class Requested(Message):
        """The facilitator asked to add, edit or delete (`verb`) in this list."""

        def __init__(self, items: ItemList, verb: str, ref: str | None) -> None:
            super().__init__()
            self.items = items
            self.verb = verb
            self.ref = ref

        @property
        def control(self) -> ItemList:
            return self.items

    class Moved(Message):
        """The cursor went to another row (or off every row)."""

        def __init__(self, items: ItemList) -> None:
            super().__init__()
            self.items = items

        @property
        def control(self) -> ItemList:
            return self.items

    def __init__(self, kind: str, *, key: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind = kind
        self.key = key
        """What the list belongs to (e.g. the stage ref of a board column)."""
        self._rows: tuple[Row, ...] = ()
        self._index: dict[str, int] = {}
        self._cursor: int | None = None
        self._wanted: str | None = None
        self._tops: list[int] = []
        self._layout_width = -1
        self._strips: dict[tuple[str, int], tuple[Row, list[Strip]]] = {}
        """The lines drawn for a row off the cursor, by its ref and width, with the row they were
        drawn from: a row that comes back the same (the very same text) is not drawn again."""

    # rows and cursor -------------------------------------------------------------------------

    @property
    def rows(self) -> tuple[Row, ...]:
        return self._rows

    @property
    def highlighted(self) -> int | None:
        return self._cursor

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        self._move_to(index)

    @property
    def selected_ref(self) -> str | None:
        if self._cursor is None or not self._rows:
            return None
        ref = self._rows[self._cursor][0]
        return None if ref.startswith("#") else ref

    def select_ref(self, ref: str) -> bool:
        """Put the cursor on `ref` (now, or when it appears at the next `show`)."""
        index = self._index.get(ref)
        if index is None:
            self._wanted = ref
            return False
        self._wanted = None
        self._move_to(index)
        return True

    def show(self, rows: Sequence[Row]) -> None:
        """Show these rows; the cursor stays on the item it was on (or its neighbour if it went)."""
        rows = tuple(rows)
        if rows == self._rows:
            return
        had = self.selected_ref is not None
        keep = self._wanted or self.selected_ref
        old = self._cursor
        self._rows = rows
        self._index = {ref: i for i, (ref, _) in enumerate(rows)}
        self._layout_width = -1
        self._cursor = None
        self._relayout()
        if rows and not (keep and self.select_ref(keep)):
            self._move_to(min(old or 0, len(rows) - 1), step=-1)
        self.refresh()
        self._selection_changed(had)

    def _selectable(self, index: int) -> bool:
        return not self._rows[index][0].startswith("#")

    def _move_to(self, index: int | None, step: int = 1) -> None:
        had = self.selected_ref is not None
        self._place_cursor(index, step)
        self._selection_changed(had)

    def _place_cursor(self, index: int | None, step: int) -> None:
        if index is None or not self._rows:
            if self._cursor is not None:
                self.post_message(self.Moved(self))
            self._cursor = None
            self.refresh()
            return
        index = max(0, min(index, len(self._rows) - 1))
        probe = index
        while 0 <= probe < len(self._rows) and not self._selectable(probe):
            probe += step
        if not 0 <= probe < len(self._rows):
            probe = index
            while 0 <= probe < len(self._rows) and not self._selectable(probe):
                probe -= step
        if not 0 <= probe < len(self._rows):
            probe = index
        if probe != self._cursor:
            self._cursor = probe
            self.refresh()
            self.post_message(self.Moved(self))
        self._scroll_to_cursor()

    def _selection_changed(self, had: bool) -> None:
        """Tell the footer when the keys that need a selected item start or stop working."""
        if had != (self.selected_ref is not None) and self.is_mounted:
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        verb = self.REQUESTS.get(action, str(parameters[0]) if action == "request" and parameters else None)
        if verb is None:
            return True
        if verb != "add" and self.selected_ref is None:
            return False  # nothing to edit, delete or move: not offered
        try:
            allows = getattr(self.screen, "allows", None)
        except Exception:  # not on a screen (yet)
            return True
        return bool(allows(self, verb)) if allows is not None else True

    def action_cursor(self, step: int) -> None:
        if self._cursor is None:
            self._move_to(0)
        else:
            self._move_to(self._cursor + step, step=1 if step > 0 else -1)

    def action_cursor_to(self, index: int) -> None:
        self._move_to(len(self._rows) - 1 if index < 0 else index, step=-1 if index < 0 else 1)

    def action_page(self, direction: int) -> None:
        if not self._rows:
            return
        self._relayout()
        if not self._tops:
            return
        here = self._tops[self._cursor or 0] + direction * max(1, self.size.height - 1)
        target = max(0, min(bisect_right(self._tops, max(here, 0)) - 1, len(self._rows) - 1))
        self._move_to(target, step=direction)

    def action_request(self, verb: str) -> None:
        if verb != "add" and self.selected_ref is None:
            noun = t(f"noun.{self.NOUN}") if current().has(f"noun.{self.NOUN}") else self.NOUN
            self.notify(t("itemlist.none_selected", noun=noun), markup=False)
            return
        self.post_message(self.Requested(self, verb, self.selected_ref))

    async def _on_click(self, event: events.Click) -> None:
        self._relayout()
        line = event.y + self.scroll_offset.y
        index = bisect_right(self._tops, line) - 1
        if 0 <= index < len(self._rows) and self._selectable(index):
            self.focus()
            self._move_to(index)

    # layout and drawing ----------------------------------------------------------------------

    @property
    def _width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _height_of(self, index: int, width: int) -> int:
        """Lines of the row's own text (without the gap after it)."""
        if self.ROW_HEIGHT is not None:
            # Headings of a long list are one line, so the layout never needs to wrap text.
            return 1 if self._rows[index][0].startswith("#") else self.ROW_HEIGHT
        return max(1, len(self._wrap(self._rows[index][1], width)))

    def _relayout(self) -> None:
        """Where each row starts; with fixed heights, without looking at the text."""
        if not self.size.width:
            # Not laid out yet: rows wrapped to one column would make a list of a few short
            # rows look long, and its scrollbar, once shown, would stay (the size it gets next
            # is its last).
            return
        width = self._width
        if width == self._layout_width and len(self._tops) == len(self._rows):
            return
        self._layout_width = width
        tops, line = [], 0
        for index in range(len(self._rows)):
            tops.append(line)
            line += self._height_of(index, width) + self.ROW_GAP
        self._tops = tops
        self.virtual_size = Size(width, line)

    def _wrap(self, prompt: Text | str, width: int) -> list[Text]:
        text = prompt if isinstance(prompt, Text) else plain_text(prompt)
        return list(text.wrap(self.app.console, max(1, width - 2), overflow="ellipsis"))

    def _fit(self, index: int, width: int) -> list[Text]:
        """The row's lines, cut to its height; a row of several lines keeps its last line whole
        (a card's facts) and cuts the text above it with "…"."""
        prompt = self._rows[index][1]
        text = prompt if isinstance(prompt, Text) else plain_text(prompt)
        gap = [Text("")] * self.ROW_GAP
        if self.ROW_HEIGHT is None or self._rows[index][0].startswith("#"):
            lines = self._wrap(text, width)
            return lines + gap
        height = self.ROW_HEIGHT
        logical = text.split("\n")
        tail: list[Text] = []
        if len(logical) > 1 and height > 1:
            last = logical[-1].copy()
            last.truncate(max(1, width - 2), overflow="ellipsis")
            tail = [last]
            logical = logical[:-1]
        room = height - len(tail)
        lines: list[Text] = []
        for part in logical:
            lines.extend(self._wrap(part, width))
        if len(lines) > room:
            lines = lines[:room]
            cut = lines[-1].copy()
            cut.truncate(max(1, width - 3))
            cut.append("…")
            lines[-1] = cut
        lines += [Text("")] * (room - len(lines))
        return lines + tail + gap

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        on_cursor = index == self._cursor
        row = self._rows[index]
        key = (row[0], width)
        kept = self._strips.get(key) if not on_cursor else None
        if kept is not None and kept[0][1] is row[1]:
            return kept[1]
        base = self.rich_style
        cursor = self.get_component_rich_style("item-list--cursor") if on_cursor else None
        console = self.app.console
        strips = []
        fitted = self._fit(index, width)
        # The cursor's row is marked by shape as well as colour (a washed-out projector loses
        # the colour): ▶ on its first line and a bar down the rest, hollow where not focused.
        focused = self.has_focus
        marks = (("▶", "┃") if focused else ("▷", "│")) if on_cursor else (" ", " ")
        for number, line in enumerate(fitted):
            in_gap = number >= len(fitted) - self.ROW_GAP
            mark_char = " " if in_gap else marks[0] if number == 0 else marks[1]
            segments = [Segment(mark_char)] + list(line.render(console)) + [Segment(" ")]
            mark = None if in_gap else cursor
            segments = list(Segment.apply_style(segments, base, mark))
            strips.append(Strip(segments).adjust_cell_length(width, base + mark if mark else base))
        if not on_cursor:
            if len(self._strips) > 400:
                self._strips.clear()
            self._strips[key] = (row, strips)
        return strips

    def render_line(self, y: int) -> Strip:
        self._relayout()
        width = self._width
        line = y + self.scroll_offset.y
        index = bisect_right(self._tops, line) - 1
        if not self._rows or index < 0 or line >= self.virtual_size.height:
            return Strip.blank(width, self.rich_style)
        strips = self._row_strips(index, width)
        offset = line - self._tops[index]
        return strips[offset] if offset < len(strips) else Strip.blank(width, self.rich_style)

    def _scroll_to_cursor(self) -> None:
        if self._cursor is None or not self.is_mounted or not self.size.height:
            return
        self._relayout()
        if len(self._tops) <= self._cursor:
            return
        first = self._cursor
        if first > 0 and not self._selectable(first - 1):
            first -= 1  # show the heading above the cursor too
        top = self._tops[first]
        bottom = self._tops[self._cursor + 1] if self._cursor + 1 < len(self._tops) else self.virtual_size.height
        self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, force=True, immediate=True)

    def on_resize(self) -> None:
        self._strips.clear()
        self._layout_width = -1
        self._relayout()
        self._scroll_to_cursor()

    def watch_show_vertical_scrollbar(self, _shown: bool) -> None:
        # The rows are as wide as the list less its scrollbar: laid out again now, in the same
        # pass, not when they are first drawn (which would take another pass and frame).
        if self._layout_width != -1 and self._width != self._layout_width:
            self._strips.clear()
            self._relayout()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()


@cache
def item_list(noun: str, row_height: int | None = None, gap: int = 0) -> type[ItemList]:
    """An `ItemList` class of `noun`s with keys to add, edit and delete one (named in `?` as the
    part `keys.place.<noun>`); `row_height` fixes row heights."""
    name = "".join(part.capitalize() for part in noun.split()) + "List"
    return type(name, (ItemList,), {
        "NOUN": noun,
        "ROW_HEIGHT": row_height,
        "ROW_GAP": gap,
        "KEYS_PLACE": f"keys.place.{noun.replace(' ', '_')}",
        "BINDINGS": [
            key("a", "request('add')", "keys.add"),
            key("enter", "request('edit')", "keys.edit"),
            key("d", "request('delete')", "keys.delete"),
        ],
    })
