"""Provides the effect-against-cost matrix: a 2×2 that shows the group its quick wins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widget import Widget
from textual.widgets import Static

from workshop.tui.safe import shown
from workshop.tui.widgets.text import show_text
from workshop.tui.words import t

HIGH = 3
"""Effect and cost are scored 1–5; 3 and above counts as high, so a quick win is an effect of
3 or more at a cost of 2 or less."""


@dataclass(frozen=True)
class Quadrant:
    key: str
    high_effect: bool
    high_cost: bool

    @property
    def title(self) -> str:
        return t(f"matrix.{self.key}")

    @property
    def hint(self) -> str:
        return t(f"matrix.{self.key}-hint")


QUADRANTS = (
    Quadrant("quick-wins", True, False),
    Quadrant("big-bets", True, True),
    Quadrant("fill-ins", False, False),
    Quadrant("money-pits", False, True),
)


@dataclass(frozen=True)
class Scored:
    """Something placed on the matrix: a pilot or a concept with its effect and cost."""

    ref: str
    label: str
    effect: int | None
    cost: int | None


def quadrant_of(effect: int | None, cost: int | None) -> Quadrant | None:
    """The quadrant an effect and a cost fall in; None until both are scored."""
    if effect is None or cost is None:
        return None
    for quadrant in QUADRANTS:
        if quadrant.high_effect == (effect >= HIGH) and quadrant.high_cost == (cost >= HIGH):
            return quadrant
    return None  # pragma: no cover - the four quadrants cover every pair


def place(items: Iterable[Scored]) -> tuple[dict[str, list[Scored]], list[Scored]]:
    """Items by quadrant key (best effect ÷ cost first) and the items not scored yet."""
    placed: dict[str, list[Scored]] = {q.key: [] for q in QUADRANTS}
    unscored = []
    for item in items:
        quadrant = quadrant_of(item.effect, item.cost)
        if quadrant is None:
            unscored.append(item)
        else:
            placed[quadrant.key].append(item)
    for members in placed.values():
        members.sort(key=lambda s: (-(s.effect or 0) / (s.cost or 1), -(s.effect or 0)))
    return placed, unscored


class EffectCostMatrix(Widget):
    """Effect up, cost across: quick wins top left, big bets top right, fill-ins bottom left,
    money pits bottom right; what is not scored yet is listed below."""

    # Not scoped, so the projector rules can start from the app.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    EffectCostMatrix { height: auto; min-height: 12; layout: vertical; }
    EffectCostMatrix > .axis { height: 1; color: $text-muted; }
    EffectCostMatrix > Grid { grid-size: 2 2; grid-gutter: 0 1; height: auto; min-height: 10; }
    EffectCostMatrix .quadrant { border: round $panel-lighten-2; height: auto; min-height: 5; padding: 0 1; }
    EffectCostMatrix #quick-wins { border: heavy $success; }
    EffectCostMatrix #money-pits { border: round $error 60%; }
    EffectCostMatrix #unscored { height: auto; color: $text-muted; }
    App.-projector EffectCostMatrix .quadrant { border: heavy white; color: white; text-style: bold; }
    App.-projector EffectCostMatrix #quick-wins { border: heavy lime; }
    App.-projector EffectCostMatrix #money-pits { border: heavy red; }
    App.-projector EffectCostMatrix > .axis, App.-projector EffectCostMatrix #unscored { color: white; }
    """

    def compose(self) -> ComposeResult:
        yield Static(t("matrix.axis"), classes="axis")
        with Grid():
            for quadrant in QUADRANTS:
                box = Static("", id=quadrant.key, classes="quadrant")
                box.border_title = quadrant.title
                box.border_subtitle = quadrant.hint
                yield box
        yield Static("", id="unscored")

    def show(self, items: Iterable[Scored]) -> None:
        """Place `items` in the quadrants."""
        placed, unscored = place(items)
        for quadrant in QUADRANTS:
            members = placed[quadrant.key]
            text = Text()
            for i, item in enumerate(members):
                if i:
                    text.append("\n")
                text.append(f"{item.ref} ", style="dim")
                text.append(shown(item.label), style="bold" if quadrant.key == "quick-wins" else "")
                text.append("  " + t("matrix.scores", effect=item.effect, cost=item.cost), style="dim")
            if not members:
                text.append(t("form.none"), style="dim italic")
            show_text(self.query_one(f"#{quadrant.key}", Static), text)
        note = ""
        if unscored:
            note = t("matrix.unscored") + " " + ", ".join(
                f"{s.ref} {shown(s.label)}" for s in unscored)
        show_text(self.query_one("#unscored", Static), Text(note))
