"""Provides the participant server: the pages and JSON API that let participants write and vote
from their own phones and laptops, on the room's network, served by `workshop serve` or from the
terminal interface (a sibling of `cli/` and `tui/`: it calls the engine, never the TUI)."""
