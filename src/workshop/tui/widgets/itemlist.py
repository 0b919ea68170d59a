"""Provides `ItemList`, a scrolling list of one kind of item (touchpoints of a stage, ideas,
participants…) that draws only the rows in view, keeps its cursor on the same item when the
workshop changes, and asks its screen to add, edit or delete with keys named in the footer."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

Row = tuple[str, Text | str]
"""(item ref, what the row shows); a ref starting with '#' is a heading that cannot be chosen."""


class ItemList(OptionList):
    """Items of one kind; `a`, `enter` and `d` post `ItemList.Requested` to the screen."""

    NOUN = "item"

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

    def __init__(self, kind: str, *, key: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind = kind
        self.key = key
        """What the list belongs to (e.g. the stage ref of a board column)."""
        self._rows: tuple[Row, ...] = ()
        self._wanted: str | None = None

    @property
    def selected_ref(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.id is None or option.id.startswith("#"):
            return None
        return option.id

    def select_ref(self, ref: str) -> bool:
        """Put the cursor on `ref` (now, or when it appears at the next `show`)."""
        for index, (row_ref, _) in enumerate(self._rows):
            if row_ref == ref:
                self.highlighted = index
                self._wanted = None
                return True
        self._wanted = ref
        return False

    def show(self, rows: Sequence[Row]) -> None:
        """Show these rows; the cursor stays on the item it was on (or its neighbour if it went)."""
        rows = tuple(rows)
        if rows == self._rows:
            return
        keep = self._wanted or self.selected_ref
        old_index = self.highlighted
        self._rows = rows
        self.set_options(
            Option(prompt, id=ref, disabled=ref.startswith("#")) for ref, prompt in rows
        )
        if not rows:
            return
        if keep and self.select_ref(keep):
            return
        index = min(old_index or 0, len(rows) - 1)
        while index > 0 and rows[index][0].startswith("#"):
            index -= 1
        if rows[index][0].startswith("#"):
            index = next((i for i, r in enumerate(rows) if not r[0].startswith("#")), index)
        self.highlighted = index

    def action_request(self, verb: str) -> None:
        if verb != "add" and self.selected_ref is None:
            self.notify(f"No {self.NOUN} selected: move to one with the arrow keys.", markup=False)
            return
        self.post_message(self.Requested(self, verb, self.selected_ref))


@cache
def item_list(noun: str) -> type[ItemList]:
    """An `ItemList` class whose footer says "Add touchpoint", "Edit touchpoint", …"""
    name = "".join(part.capitalize() for part in noun.split()) + "List"
    return type(name, (ItemList,), {
        "NOUN": noun,
        "BINDINGS": [
            Binding("a", "request('add')", f"Add {noun}"),
            Binding("enter", "request('edit')", "Edit", tooltip=f"Edit the selected {noun}"),
            Binding("d", "request('delete')", "Delete", tooltip=f"Delete the selected {noun}"),
        ],
    })
