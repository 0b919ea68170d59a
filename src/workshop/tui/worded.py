"""Provides the keys' descriptions in the interface's language wherever Textual shows them. The
workshop's own keys (`workshop.tui.footer.key`) give an entry of the catalogue as their
description, which the footer, `?` and the command palette look up as they show it (and sort and
group by): `worded` leaves those as they are. Textual's own keys, and the few plain ones of the
lists, are described in English: `WordedBindings` gives a screen's active bindings with those
descriptions (and their groups') from the catalogue's `[binding]` table
(`workshop.tui.words.Words.described`)."""

from __future__ import annotations

import dataclasses
from textual.binding import ActiveBinding, Binding

from workshop.tui import words


WIDGET_PLUMBING = ("cursor_", "first", "last", "page_", "select", "scroll_", "cursor(", "page(")
"""Actions that move a cursor or scroll, the same in every list: neither `?` nor the palette lists them."""


def worded(binding: Binding) -> Binding:
    """`binding` with its description, tooltip and group in the interface's language."""
    said = words.current()
    if said.has(binding.description):
        # A catalogue key (`workshop.tui.footer.key`): the footer, `?` and the palette look it up
        # as they show it, and sort and group by it (the binding and its group stay as they are).
        return binding
    group = binding.group
    if group is not None and said.described(group.description) != group.description:
        group = dataclasses.replace(group, description=said.described(group.description))
    return dataclasses.replace(binding, description=said.described(binding.description),
                               tooltip=said.described(binding.tooltip), group=group)


class WordedBindings:
    """A screen whose keys are described in the interface's language (mix in before `Screen`)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return {key: active._replace(binding=worded(active.binding), tooltip=words.current().described(active.tooltip))
                for key, active in found.items()}


__all__ = ["WIDGET_PLUMBING", "WordedBindings", "worded"]
