"""Provides the pilot timeline: one Gantt-like row per pilot across the weeks it runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

from workshop.domain.model import Pilot
from workshop.tui.safe import shown
from workshop.tui.words import t, vocabulary

LABEL = 24
"""Columns kept for the pilot's reference and name at the start of each row."""

DATES = 13
"""Columns kept after the bars for the dates (dd.mm–dd.mm)."""

STATUS_STYLES = {
    "proposed": "bold bright_white on grey35",
    "planned": "bold black on cyan",
    "running": "bold black on green",
    "done": "bold black on bright_white",
    "stopped": "bold white on red",
}


@dataclass(frozen=True)
class Span:
    """A pilot with dates, as days."""

    pilot: Pilot
    start: dt.date
    end: dt.date


def spans(pilots: Iterable[Pilot]) -> tuple[list[Span], list[Pilot]]:
    """Pilots with at least one date, sorted by start (a single date is a one-day pilot),
    and those with no dates yet."""
    dated, undated = [], []
    for pilot in pilots:
        start = pilot.start_date or pilot.end_date
        end = pilot.end_date or pilot.start_date
        if start is None or end is None:
            undated.append(pilot)
            continue
        dated.append(Span(pilot, dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
    dated.sort(key=lambda s: (s.start, s.end, int(s.pilot.ref[1:])))
    return dated, undated


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _header(starts: list[dt.date], cell_width: int) -> tuple[str, str]:
    """Two header lines: month names where a month begins, each cut short before the next; and
    ISO week numbers, skipping a week whose number would run into the one before (narrow weeks
    get a number every second or third week)."""
    size = len(starts) * cell_width
    months = [" "] * size
    marks = [i for i, day in enumerate(starts) if i == 0 or day.month != starts[i - 1].month]
    for n, i in enumerate(marks):
        day = starts[i]
        label = t("timeline.months").split()[day.month - 1]
        end = marks[n + 1] * cell_width - 1 if n + 1 < len(marks) else size
        label = label[: max(end - i * cell_width, 0)]
        months[i * cell_width: i * cell_width + len(label)] = label
    weeks = [" "] * size
    free = 0
    for i, day in enumerate(starts):
        label, at = t("timeline.week", week=day.isocalendar().week), i * cell_width
        if at >= free:
            weeks[at: at + len(label)] = label
            free = at + len(label) + 1
    return "".join(months)[:size], "".join(weeks)[:size]


def render_timeline(pilots: Iterable[Pilot], width: int) -> Text:
    """The timeline as text `width` columns wide: a header of ISO week numbers (with the month
    where one begins), then a bar per pilot over the weeks from its start to its end."""
    dated, undated = spans(pilots)
    out = Text(no_wrap=True, overflow="crop")
    if not dated:
        out.append(t("timeline.no_dates"), style="dim")
    else:
        first = monday(min(s.start for s in dated))
        last = monday(max(s.end for s in dated))
        weeks = (last - first).days // 7 + 1
        room = max(width - LABEL - 1 - DATES, 4)
        # Each column holds one or more weeks; a week is at most 5 columns wide.
        per_cell = max(1, -(-weeks // room))
        cells = -(-weeks // per_cell)
        cell_width = max(1, min(5, room // cells))
        starts = [first + dt.timedelta(weeks=i * per_cell) for i in range(cells)]
        # The year (or years) stand where the pilots' names go, so narrow months never hide it.
        years = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
        out.append(years.ljust(LABEL + 1), style="bold")
        months, week_numbers = _header(starts, cell_width)
        out.append(months, style="bold")
        out.append("\n" + " " * (LABEL + 1))
        out.append(week_numbers, style="dim")
        for span in dated:
            out.append("\n")
            name = f"{span.pilot.ref} {shown(' '.join(span.pilot.name.split()))}"
            out.append((name if len(name) <= LABEL else name[: LABEL - 1] + "…").ljust(LABEL) + " ")
            begin = (monday(span.start) - first).days // 7 // per_cell
            finish = (monday(span.end) - first).days // 7 // per_cell
            out.append(" " * (begin * cell_width))
            bar = (finish - begin + 1) * cell_width
            caption = f" {vocabulary().pilot_statuses.get(span.pilot.status, span.pilot.status)}"[:bar]
            out.append(caption.ljust(bar), style=STATUS_STYLES.get(span.pilot.status, "reverse"))
            when = f"{span.start:%d.%m}" + (f"–{span.end:%d.%m}" if span.end != span.start else "")
            out.append(f" {when}", style="dim")
        if per_cell > 1:
            out.append("\n" + t("timeline.per_column", weeks=per_cell), style="dim italic")
    if undated:
        out.append("\n" + t("timeline.undated") + " " + ", ".join(f"{p.ref} {shown(p.name)}" for p in undated),
                   style="dim")
    return out


class Timeline(Widget):
    """The pilots on a calendar of weeks, so the group sees what runs when."""

    DEFAULT_CSS = """
    Timeline { height: auto; min-height: 3; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._pilots: tuple[Pilot, ...] = ()

    def show(self, pilots: Iterable[Pilot]) -> None:
        """Draw these pilots."""
        self._pilots = tuple(pilots)
        self.refresh(layout=True)

    def render(self) -> Text:
        return render_timeline(self._pilots, self.size.width or 100)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(render_timeline(self._pilots, width).plain.split("\n"))
