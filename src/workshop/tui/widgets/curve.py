"""Provides the emotion curve: the feelings of every touchpoint in journey order, drawn as a
five-row chart across the board with the weakest stage marked."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from workshop.domain.model import WorkshopState
from workshop.domain.views import weakest_link
from workshop.tui.safe import shown
from workshop.tui.widgets.board import FACES, FEELING_STYLES
from workshop.tui.widgets.text import same_content
from workshop.tui.words import t

LEVELS = (2, 1, 0, -1, -2)


def curve_points(state: WorkshopState, width: int) -> list[tuple[str, float | None]]:
    """(stage ref, feeling) per column of the chart: one per touchpoint, or a bucket's mean when
    the journey has more touchpoints than the chart is wide."""
    journey = state.journey()
    if not journey or width <= 0:
        return []
    if len(journey) <= width:
        return [(tp.stage, tp.feeling) for tp in journey]
    points = []
    for i in range(width):
        bucket = journey[i * len(journey) // width:(i + 1) * len(journey) // width] or [journey[-1]]
        rated = [tp.feeling for tp in bucket if tp.feeling is not None]
        points.append((bucket[len(bucket) // 2].stage, sum(rated) / len(rated) if rated else None))
    return points


def render_curve(state: WorkshopState, width: int, ruler: bool = True) -> Text:
    """The chart as text: a row per feeling from delighted (top) to frustrated, a stage ruler below
    (its names cut with "…" where a stage's stretch is short; left out with `ruler=False`)."""
    weakest = weakest_link(state)
    weak_ref = weakest.stage.ref if weakest else None
    label_w = 4
    room = max(0, width - label_w)
    # Spread a short journey across the width so it reads at a distance and the stages get names.
    step = max(1, min(8, room // max(1, len(state.journey()))))
    points = curve_points(state, room // step)
    text = Text()
    if not points:
        text.append(t("curve.empty"), style="dim")
        return text
    dot = ("●" if step < 3 else "━●━" if step < 6 else "━━●━━").center(step)
    blank = " " * step
    for level in LEVELS:
        text.append(f"{FACES[level]:>3} ", style=FEELING_STYLES[level])
        plain, weak = FEELING_STYLES[level], f"{FEELING_STYLES[level]} on grey23"
        # One span per run of cells in the same style (a row is a few runs, not a span a cell:
        # the chart is drawn again whenever a feeling changes).
        run: list[str] = []
        run_style = None
        for stage, feeling in points:
            style = weak if stage == weak_ref else plain
            if style != run_style and run:
                text.append("".join(run), style=run_style)
                run = []
            run_style = style
            run.append(dot if feeling is not None and round(feeling) == level else blank)
        if run:
            text.append("".join(run), style=run_style)
        text.append("\n")
    if not ruler:
        text.rstrip()
        return text
    line = Text(" " * label_w)
    previous = None
    names = {s.ref: shown(s.name) for s in state.stages}
    for index, (stage, _f) in enumerate(points):
        if stage != previous:
            line.append("│", style="dim")
            run = max(0, sum(1 for _ in _run(points, index)) * step - 1)
            label = Text(names.get(stage, ""), style="bold red" if stage == weak_ref else "dim")
            label.truncate(run, overflow="ellipsis", pad=True)
            line.append_text(label)
            previous = stage
    text.append_text(line)
    return text


def _run(points: list[tuple[str, float | None]], start: int):
    stage = points[start][0]
    for stage_ref, _f in points[start:]:
        if stage_ref != stage:
            return
        yield stage_ref


class EmotionCurve(Widget):
    """The emotion curve of the whole journey; redrawn when what it shows changes (most changes
    of the workshop leave it as it was) or the size does."""

    DEFAULT_CSS = "EmotionCurve { height: 6; }"

    def __init__(self, state: WorkshopState | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = state
        self._made: tuple[WorkshopState, int, bool, Text] | None = None
        """The last chart made: for which state, width and ruler."""

    def show(self, state: WorkshopState) -> None:
        self.state = state
        before = self._made
        if before is None or not self.size.width:
            self.refresh()
            return
        if not same_content(self._picture(), before[3]):
            self.refresh()

    def _picture(self) -> Text:
        state, width, ruler = self.state, self.size.width, self.size.height >= 6
        made = self._made
        if made is not None and made[0] is state and made[1] == width and made[2] == ruler:
            return made[3]
        # Six rows hold the ruler of stage names too; fewer (a short window) only the chart.
        picture = render_curve(state, width, ruler=ruler) if state is not None else Text("")
        self._made = (state, width, ruler, picture)
        return picture

    def render(self) -> Text:
        return self._picture()
