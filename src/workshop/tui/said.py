"""Provides `say_bindings`: the keys of a screen or widget described in the room's language.

A binding may give a catalogue key as its description (`Binding("o", "overview",
"overview.key_open")`); once the node is made, in the language chosen by then, that key is
looked up, so the footer, `?` and the command palette show the words, never the key."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from workshop.tui.words import current


def say_bindings(node: DOMNode) -> None:
    """Put the words of every catalogue key used as a key's description on `node`'s own keys."""
    words = current()
    table = node._bindings.key_to_bindings  # noqa: SLF001 (the node's own copy of its keys)
    for key, bindings in table.items():
        table[key] = [replace(b, description=words.t(b.description)) if b.description and words.has(b.description)
                      else b for b in bindings]


__all__ = ["say_bindings"]
