"""Provides the emotion curve as a drawing: the touchpoints as evenly spaced columns grouped by
stage, each rated touchpoint a point at its feeling (−2 … +2), the points joined by one line in
journey order. An unrated touchpoint keeps its column but gets no point: neutral is a rating the
room did not give. A stage without touchpoints keeps one empty column, so every stage shows.

The printable map draws the curve through its own columns; `render` gives it alone, as an SVG
for slides (generic fonts only, every text escaped as XML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop.domain import views
from workshop.domain.model import Stage, Touchpoint, WorkshopState
from workshop.domain.values import FEELINGS
from workshop.export import templating
from workshop.export.words import signed

TONES = 6
"""Stage tints, used in turn."""

LEVELS = (2, 1, 0, -1, -2)


@dataclass(frozen=True)
class Column:
    """One column of the journey: a touchpoint, or the empty column of a stage without any."""

    stage: Stage
    touchpoint: Touchpoint | None
    tone: int
    first: bool
    """The first column of its stage (where a stage border is drawn)."""


@dataclass(frozen=True)
class Band:
    """A stage across its columns."""

    stage: Stage
    number: int
    first: int
    count: int
    tone: int
    weakest: bool


def journey_columns(state: WorkshopState) -> tuple[list[Column], list[Band]]:
    """The columns and stage bands of the journey, in journey order."""
    weakest = views.weakest_link(state)
    columns: list[Column] = []
    bands: list[Band] = []
    for n, stage in enumerate(state.stages):
        tps: list[Touchpoint | None] = list(state.touchpoints_in(stage.ref)) or [None]
        is_weakest = weakest is not None and weakest.stage.ref == stage.ref
        bands.append(Band(stage, n + 1, len(columns), len(tps), n % TONES, is_weakest))
        columns.extend(Column(stage, tp, n % TONES, i == 0) for i, tp in enumerate(tps))
    return columns, bands


@dataclass(frozen=True)
class Box:
    """The drawing's size and the margins around the plot, in SVG units."""

    width: float
    height: float
    left: float
    top: float
    bottom: float
    right: float = 0


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    touchpoint: Touchpoint
    feeling: int


@dataclass(frozen=True)
class Drawing:
    box: Box
    columns: list[Column]
    bands: list[Band]
    step: float
    """The width of one column."""
    centres: list[float]
    points: list[Point]
    unrated: list[tuple[float, Touchpoint]]
    levels: list[tuple[int, float, str]]
    """(feeling, y, label) of each line of the scale, +2 at the top."""

    @property
    def polyline(self) -> str:
        """The points of the line, one per rated touchpoint, in journey order."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def plot_bottom(self) -> float:
        return self.box.height - self.box.bottom

    def band_x(self, band: Band) -> float:
        return self.box.left + band.first * self.step

    def band_width(self, band: Band) -> float:
        return band.count * self.step


def draw(state: WorkshopState, box: Box) -> Drawing:
    """The curve of `state` laid out in `box`."""
    columns, bands = journey_columns(state)
    step = (box.width - box.left - box.right) / max(len(columns), 1)
    centres = [box.left + (i + 0.5) * step for i in range(len(columns))]
    span = box.height - box.top - box.bottom

    def y(feeling: int) -> float:
        return box.top + (2 - feeling) * span / 4

    points, unrated = [], []
    for x, column in zip(centres, columns, strict=True):
        tp = column.touchpoint
        if tp is None:
            continue
        if tp.feeling is None:
            unrated.append((x, tp))
        else:
            points.append(Point(x, y(tp.feeling), tp, tp.feeling))
    levels = [(f, y(f), f"{signed(f)} {FEELINGS[f]}") for f in LEVELS]
    return Drawing(box, columns, bands, step, centres, points, unrated, levels)


_BREAKS = re.compile(r"[ \t\n]+")
"""Where a label may break: ordinary spaces, never a no-break space."""


def fit(text: str, width: float, size: float, lines: int = 1) -> list[str]:
    """`text` in at most `lines` lines of about `width` at font size `size`, broken between
    words and the last cut with an ellipsis if it is still too long. SVG does not wrap text, so
    the drawing does it; the whole text goes in the element's title."""
    room = max(int(width / (size * 0.5)), 2)
    words = _BREAKS.split(text.strip())
    out: list[str] = []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= room:
            line += " " + words.pop(0)
        out.append(line)
    if words or (out and len(out[-1]) > room):
        last = " ".join([out[-1], *words]) if out else " ".join(words)
        out[-1:] = [last[: room - 1].rstrip() + "…"]
    return out


SLIDE = Box(width=1600, height=900, left=170, top=130, bottom=170, right=40)
"""The standalone curve: 16:9, room for the title above and the stages below."""


def render(state: WorkshopState) -> str:
    """The emotion curve alone, as a standalone SVG document."""
    drawing = draw(state, SLIDE)
    return templating.render("curve.svg.j2", state=state, drawing=drawing, fit=fit, signed=signed,
                             words=FEELINGS)
