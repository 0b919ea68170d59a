"""Provides the keys' descriptions in the interface's language wherever Textual shows them: the
footer, `?` and the command palette read a screen's `active_bindings`, and `WordedBindings` gives
them each binding with its description (and its group's) from the catalogue
(`workshop.tui.words.Words.described`). The `BINDINGS` lists keep their English descriptions."""

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
    if group is not None and not said.has(group.description):
        group = dataclasses.replace(group, description=said.described(group.description))
    description = said.described(binding.description)
    if binding.action.startswith("phase('"):  # the phase keys say the playbook's phase titles
        description = words.phase_title(binding.action[len("phase('"):-2])
    return dataclasses.replace(binding, description=description,
                               tooltip=said.described(binding.tooltip), group=group)


class WordedBindings:
    """A screen whose keys are described in the interface's language (mix in before `Screen`)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return {key: active._replace(binding=worded(active.binding), tooltip=words.current().described(active.tooltip))
                for key, active in found.items()}


__all__ = ["WIDGET_PLUMBING", "WordedBindings", "worded"]
