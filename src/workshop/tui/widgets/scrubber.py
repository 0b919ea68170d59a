"""Provides the replay scrubber: the whole event log as one line, a mark where each phase began with
its name above it, the current event as a knob; clicking the line seeks there."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from workshop.domain.values import Phase
from workshop.tui.words import phase_title

PHASE_STYLES = {
    Phase.BRIEF: "bold white",
    Phase.WHAT_IS: "bold cyan",
    Phase.WHAT_IF: "bold yellow",
    Phase.WHAT_WOWS: "bold magenta",
    Phase.WHAT_WORKS: "bold green",
}


class Scrubber(Widget):
    """A timeline of `total` events with phase marks; `position` is the event shown (1-based)."""

    DEFAULT_CSS = """
    Scrubber {
        height: 2;
        width: 1fr;
    }
    """

    class Seek(Message):
        """The facilitator clicked the timeline: show the workshop after event `position`."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, total: int = 1, marks: list[tuple[int, Phase]] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.total = max(1, total)
        self.marks = marks or []
        self.position = 1

    def show(self, position: int, total: int | None = None, marks: list[tuple[int, Phase]] | None = None) -> None:
        """Move the knob (and take a new log length or marks when given)."""
        self.position = position
        if total is not None:
            self.total = max(1, total)
        if marks is not None:
            self.marks = marks
        self.refresh()

    def column(self, position: int, width: int | None = None) -> int:
        """The column of an event on a line `width` wide."""
        width = width or self.size.width
        if self.total <= 1 or width <= 1:
            return 0
        return round((position - 1) * (width - 1) / (self.total - 1))

    def position_at(self, column: int) -> int:
        """The event under a column (the nearest one)."""
        width = self.size.width
        if width <= 1 or self.total <= 1:
            return 1
        return max(1, min(self.total, round(column * (self.total - 1) / (width - 1)) + 1))

    def render(self) -> Text:
        width = max(1, self.size.width)
        labels = [" "] * width
        label_styles: list[str] = [""] * width
        bar = Text()
        here = self.column(self.position, width)
        mark_at = {self.column(p, width): phase for p, phase in self.marks}
        current_style = ""
        for col in range(width):
            if col in mark_at:
                current_style = PHASE_STYLES[mark_at[col]]
            if col == here:
                bar.append("●", style="bold reverse")
            elif col in mark_at:
                bar.append("┃", style=PHASE_STYLES[mark_at[col]])
            else:
                bar.append("━" if col < here else "─", style=current_style if col < here else "dim")
        # Phase names above their marks, as far as each fits before the next mark.
        starts = sorted(mark_at.items())
        for i, (col, phase) in enumerate(starts):
            end = starts[i + 1][0] if i + 1 < len(starts) else width
            name = phase_title(phase)[: max(0, end - col - 1)]
            for j, ch in enumerate(name):
                labels[col + j] = ch
                label_styles[col + j] = PHASE_STYLES[phase]
        top = Text()
        for ch, style in zip(labels, label_styles):
            top.append(ch, style=style)
        return Text("\n").join([top, bar])

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Seek(self.position_at(event.x)))
