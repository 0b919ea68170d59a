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

    def mark_columns(self, width: int | None = None) -> list[tuple[int, Phase]]:
        """Each phase mark's column, left to right, no two in one column: marks whose events lie
        closer than a column apart are spread to the next free columns (and back from the right
        edge), so every phase change stays visible; only when there are more marks than columns
        are the earliest left out."""
        width = width or self.size.width
        wanted = [(self.column(p, width), phase) for p, phase in sorted(self.marks, key=lambda m: m[0])]
        wanted = wanted[-width:] if width > 0 else []
        placed: list[tuple[int, Phase]] = []
        for col, phase in wanted:
            if placed and col <= placed[-1][0]:
                col = placed[-1][0] + 1
            placed.append((col, phase))
        limit = width - 1
        for i in range(len(placed) - 1, -1, -1):
            col, phase = placed[i]
            if col > limit:
                placed[i] = (limit, phase)
            limit = placed[i][0] - 1
        return placed

    def render(self) -> Text:
        width = max(1, self.size.width)
        labels = [" "] * width
        label_styles: list[str] = [""] * width
        bar = Text()
        here = self.column(self.position, width)
        starts = self.mark_columns(width)
        mark_at = dict(starts)
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
        # Phase names above their marks, each ending a column before the next mark begins.
        for i, (col, phase) in enumerate(starts):
            end = starts[i + 1][0] if i + 1 < len(starts) else width
            name = mark_label(phase_title(phase), end - col - (1 if i + 1 < len(starts) else 0))
            for j, ch in enumerate(name):
                labels[col + j] = ch
                label_styles[col + j] = PHASE_STYLES[phase]
        top = Text()
        for ch, style in zip(labels, label_styles):
            top.append(ch, style=style)
        return Text("\n").join([top, bar])

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Seek(self.position_at(event.x)))


def mark_label(title: str, room: int) -> str:
    """A phase's name in `room` columns: whole, else its last word ("What Wows" is "Wows"),
    else cut with an ellipsis; nothing when not even a letter and the ellipsis fit."""
    for name in (title, title.split()[-1]):
        if len(name) <= room:
            return name
    short = title.split()[-1]
    return short[: room - 1] + "…" if room >= 2 else ""
