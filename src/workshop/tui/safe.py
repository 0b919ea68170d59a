"""Provides the one way user text reaches the screen: `plain` and `styled` make `Content` and
`text` makes a rich `Text` that is never read as markup (no style, no link, no `@click` action)
and shows a control character or a bidirectional override as a visible mark (`shown`).

Names, ideas, titles, paths and the engine's messages (which quote user text) all go through
these, into every widget, title, border title, option, notification and dialog."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from workshop.domain.text import visible as shown


def plain(value: object) -> Content:
    """User text as content: exactly the characters typed, never markup."""
    return Content(shown(str(value)))


def styled(value: object, style: str) -> Content:
    """User text in a style of ours (the style is ours; the text is never markup)."""
    return Content.styled(shown(str(value)), style)


def text(value: object, style: str = "") -> Text:
    """User text as a rich `Text` (for the widgets that draw rich text)."""
    return Text(shown(str(value)), style=style)


def title(*parts: tuple[object, str] | object) -> Content:
    """A title assembled from parts: a plain value is user text, a `(value, style)` pair is user
    text in a style."""
    pieces: list[Content] = []
    for part in parts:
        if isinstance(part, tuple):
            value, style = part
            pieces.append(styled(value, style))
        else:
            pieces.append(plain(part))
    return Content.assemble(*pieces)


__all__ = ["plain", "shown", "styled", "text", "title"]
