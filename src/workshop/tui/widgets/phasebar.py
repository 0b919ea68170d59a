"""Provides the bar at the top of every phase screen: the workshop, the five phases with their keys
(the current one marked) and the phase timer."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.content import Content
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from workshop.domain.model import WorkshopState
from workshop.domain.values import Phase
from workshop.tui.safe import plain, shown
from workshop.tui.widgets.timer import PhaseTimer
from workshop.tui.widgets.text import show_text
from workshop.tui.words import phase_title

PHASE_KEYS = {Phase.BRIEF: "0", Phase.WHAT_IS: "1", Phase.WHAT_IF: "2", Phase.WHAT_WOWS: "3", Phase.WHAT_WORKS: "4"}


def phase_tabs(current: Phase, width: int | None = None) -> Text:
    """`0 Brief  1 What Is  …` with the current phase reversed and marked ▸ (seen without
    colour); where `width` is short the tabs lose their padding, then the other phases show only
    their keys: never wrapped, never cut without an ellipsis."""
    for pad, gap, others_titled in ((" ", " ", True), ("", "  ", True), ("", " ", True), ("", " ", False)):
        text = Text()
        for index, (phase, key) in enumerate(PHASE_KEYS.items()):
            if index:
                text.append(gap)
            if phase == current:
                text.append(f"▸{key} {phase_title(phase)}{pad}", style="bold reverse")
            else:
                text.append(f"{pad}{key} {phase_title(phase)}{pad}" if others_titled else key)
        if width is None or text.cell_len <= width:
            return text
    text.truncate(max(1, width), overflow="ellipsis")
    return text


class PhaseTabs(Static):
    """The phases as tabs on one row, in the widest form that fits the row."""

    def __init__(self, current: Phase, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.current = current

    def render(self) -> Text:
        return phase_tabs(self.current, self.content_region.width or None)


class PhaseBar(Horizontal):
    """Workshop title and phases on the left, the timer on the right (a grid: in a narrow
    window the tabs take the whole second row and the timer is one line beside the title)."""

    def __init__(self, state: WorkshopState, phase: Phase, timebox: float | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = state
        self.phase = phase
        self.timebox = timebox
        """The playbook's minutes for the phase, until its timer has a timebox of its own."""
        self.banner = ""
        """Where participants join, while the workshop is served (`j`)."""

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="phasebar-title")
        yield PhaseTimer(self.phase, self.state.timer(self.phase), self.timebox, id="timer")
        yield PhaseTabs(self.phase, id="phasebar-tabs")

    def on_mount(self) -> None:
        room = getattr(self.app, "room", None)
        if room is not None and room.serving:
            self.show_banner(room.banner())

    def _title(self) -> Content:
        title = plain(f"{self.state.title}  ·  {phase_title(self.phase)}")
        if not self.banner:
            return title
        return Content.assemble(title, "  ·  ", (shown(self.banner), "bold reverse"))

    def show_banner(self, banner: str) -> None:
        self.banner = banner
        show_text(self.query_one("#phasebar-title", Static), self._title())

    def update_state(self, state: WorkshopState) -> None:
        self.state = state
        show_text(self.query_one("#phasebar-title", Static), self._title())
        self.query_one(PhaseTimer).show(state.timer(self.phase))
