"""Provides the Mermaid diagrams of the journey, each readable at a wiki's width with Mermaid's
default settings: a `journey` per stage with at most three touchpoints in each (so none is wider
than 900 px), and an `xychart-beta` line of the mean feeling per stage. Every label is cut to fit
its box on one line, so Mermaid never clips it.

Widths are estimated with Verdana's, the widest of the fonts Mermaid asks for (Trebuchet MS,
Verdana, Arial), so a label that fits here fits in each of them."""

from __future__ import annotations

import math
import re
import unicodedata

from workshop.domain import views
from workshop.domain.model import Stage, Touchpoint, WorkshopState
from workshop.export.text import mermaid_name, mermaid_score
from workshop.export.words import MOMENT, safe_cut

TASKS_PER_DIAGRAM = 3
"""Mermaid draws a journey without actors 300 px wide plus 200 px per task: three are 900 px."""

TASK_BOX_PX = 150
"""The width of a task's box, and of a section's box per task (plus 50 px between tasks)."""

FONT_PX = 14
"""Mermaid's font size for task, section and axis labels."""

CHART_PLOT_PX = 600
"""About how much of an xy chart's 700 px the x axis gets."""

LINE_COLOUR = "#cf222e"
"""The emotion curve's colour: Mermaid's default line is too pale to read on white."""

_WIDTHS = {
    0.30: "il.,'",
    0.36: "jf:; |",
    0.46: "!rtI()[]{}-/\\\"`",
    0.56: "cszJ?*^_",
    0.64: "abdeghknopquvxy0123456789#$+<=>~ELFPT",
    0.72: "ABCKRSVXYZ",
    0.80: "DGHNOQU",
    0.88: "M%&",
    1.00: "mwW@æœ…★",
    1.10: "ÆŒ",
}
"""Verdana's and DejaVu Sans' widths in em, rounded up, by groups of characters."""
_WIDTH = {ch: em for em, chars in _WIDTHS.items() for ch in chars}


def _char_em(ch: str, before: str) -> float:
    if before == "\u200d" or 0x1F3FB <= ord(ch) <= 0x1F3FF:
        return 0.0  # drawn as one emoji with the one before
    if ch in _WIDTH:
        return _WIDTH[ch]
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if 0x1F1E6 <= ord(ch) <= 0x1F1FF:
        return 0.65  # half a flag
    if unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) >= 0x1F000:
        return 1.3  # emoji and CJK
    base = unicodedata.normalize("NFD", ch)[0]
    return _WIDTH.get(base, 0.8)


def text_em(text: str) -> float:
    """An upper estimate of how wide `text` is drawn, in em."""
    return sum(_char_em(ch, text[i - 1] if i else "") for i, ch in enumerate(text))


def fit(lead: str, text: str, width_px: float) -> str:
    """`lead` (ours: a reference), then as much of `text` as fits `width_px` on one line, ended
    with `…` where it is cut: at a space when that keeps most of what fits, else inside a word;
    `lead` alone when not even three letters fit."""
    budget = width_px / FONT_PX - 0.3  # a little room at the box's edges
    words = " ".join(text.split())
    if not words or text_em(f"{lead} {words}") <= budget:
        return f"{lead} {words}".strip()
    room = budget - text_em(f"{lead} …")
    end, used = 0, 0.0
    while end < len(words):
        width = _char_em(words[end], words[end - 1] if end else "")
        if used + width > room:
            break
        used += width
        end += 1
    end = safe_cut(words, end)
    space = words.rfind(" ", 0, end + 1)
    if space >= 0.6 * end:
        end = space
    kept = words[:end].rstrip()
    return f"{lead} {kept}…" if len(kept) >= 3 else lead


# the journey of each stage ------------------------------------------------------------------------


def _chunks(items: list[Touchpoint]) -> list[list[Touchpoint]]:
    """The touchpoints in as few diagrams as fit, as evenly spread as can be (4 → 2 + 2)."""
    if not items:
        return []
    parts = math.ceil(len(items) / TASKS_PER_DIAGRAM)
    size, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for n in range(parts):
        end = start + size + (1 if n < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


def task_label(tp: Touchpoint) -> str:
    """A touchpoint in the diagram: its reference, ★ for a moment of truth, and its first words."""
    lead = tp.ref + (f" {MOMENT}" if tp.moment_of_truth else "")
    return fit(lead, mermaid_name(tp.text, limit=200, placeholder=""), TASK_BOX_PX)


def section_label(stage: Stage, tasks: int) -> str:
    """A stage over `tasks` tasks: its reference and as much of its name as fits the box."""
    width = TASK_BOX_PX * tasks + 50 * (tasks - 1)
    return fit(stage.ref, mermaid_name(stage.name, limit=200, placeholder=""), width)


def stage_journeys(state: WorkshopState, stage: Stage) -> list[str]:
    """The Mermaid `journey` sources for one stage: its rated touchpoints, three at most in each,
    scored feeling + 3. A touchpoint not rated yet is left out (Mermaid would have to draw it at
    some score, and neutral is a rating the room did not give); the export names it below."""
    rated = [tp for tp in state.touchpoints_in(stage.ref) if tp.feeling is not None]
    sources = []
    for chunk in _chunks(rated):
        lines = ["journey", f"    section {section_label(stage, len(chunk))}"]
        lines += [f"      {task_label(tp)}: {mermaid_score(tp.feeling)}" for tp in chunk]
        sources.append("\n".join(lines))
    return sources


def journeys(state: WorkshopState) -> list[str]:
    """Every stage's journey diagrams, in journey order."""
    return [source for stage in state.stages for source in stage_journeys(state, stage)]


# the emotion curve ------------------------------------------------------------------------------

_QUOTE = str.maketrans({'"': "”", "`": "‘"})
_INIT = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "' + LINE_COLOUR + '"}}}}%%'


def _number(value: float) -> str:
    return re.sub(r"\.?0+$", "", f"{value:.2f}") if value % 1 else str(int(value))


def curve_chart(state: WorkshopState) -> str | None:
    """The Mermaid `xychart-beta` source of the mean feeling per stage (−2 … +2), the stages along
    the x axis; None when fewer than two stages have a rated touchpoint. A stage without one is
    left off the axis rather than drawn as neutral."""
    rated = [h for h in views.stage_health(state) if h.mean_feeling is not None]
    if len(rated) < 2:
        return None
    width = CHART_PLOT_PX / len(rated) - 12
    labels = []
    for h in rated:
        label = fit(h.stage.ref, mermaid_name(h.stage.name, limit=200, placeholder=""), width)
        labels.append('"' + label.translate(_QUOTE) + '"')
    return "\n".join([
        _INIT,
        "xychart-beta",
        f"    x-axis [{', '.join(labels)}]",
        '    y-axis "Mean feeling" -2 --> 2',
        f"    line [{', '.join(_number(h.mean_feeling) for h in rated)}]",
    ])
