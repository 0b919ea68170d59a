"""Provides `show_text`: put new content in a `Static` only when it differs from what it shows, so
a refresh that changes nothing there costs no layout of the screen; `same_content`, the
comparison it uses; and `show_border`, the same for a widget's border title and subtitle (Textual
draws the whole widget again at every assignment, the same words or not)."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static


def same_content(a: Any, b: Any) -> bool:
    """Whether two contents look the same on screen (text, styles and all)."""
    if isinstance(a, Text) and isinstance(b, Text):
        # Rich compares text and spans only; the style of the whole text counts on screen too.
        return a.plain == b.plain and a.spans == b.spans and a.style == b.style and a.justify == b.justify
    if isinstance(a, Content) and isinstance(b, Content):
        # Content compares its text only.
        return a.plain == b.plain and list(a.spans) == list(b.spans)
    if type(a) is not type(b):
        return False
    try:
        return bool(a == b)
    except Exception:  # content that cannot be compared is put in place
        return False


def _same_size(widget: Static, old: Any, new: Any) -> bool:
    """Whether `new` takes exactly the room `old` takes: the same number of lines, each as wide
    as before and none wrapped (a count going from 12 to 13, say)."""
    if not (isinstance(old, Text) and isinstance(new, Text)) and \
            not (isinstance(old, Content) and isinstance(new, Content)):
        return False
    room = widget.content_region.width
    before, after = old.plain.split("\n"), new.plain.split("\n")
    return len(before) == len(after) and all(
        cell_len(a) == cell_len(b) <= room for a, b in zip(before, after))


def show_text(widget: Static, content: Any) -> None:
    """Show `content` in `widget`, unless it shows exactly that already; the screen is laid out
    again only when the new content may need a different size."""
    old = widget.content
    if not same_content(old, content):
        widget.update(content, layout=not _same_size(widget, old, content))


_KEEP: Any = object()


def show_border(widget: Widget, title: str | None = _KEEP, subtitle: str | None = _KEEP) -> None:
    """Give `widget` this border title and subtitle (markup, as Textual takes them), unless it
    has them already; one left out stays as it is."""
    if title is not _KEEP and widget.border_title != title:
        widget.border_title = title
    if subtitle is not _KEEP and widget.border_subtitle != subtitle:
        widget.border_subtitle = subtitle


__all__ = ["same_content", "show_border", "show_text"]
