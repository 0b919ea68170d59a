"""Provides the facilitation guide beside the board: the playbook's text for the current phase,
rendered as Markdown, with its timebox and any note about where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from rich.markdown import Markdown as RichMarkdown
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from workshop.domain.errors import WorkshopError
from workshop.domain.values import Phase
from workshop.tui.words import phase_title, refusal, t

if TYPE_CHECKING:
    from workshop.playbook import Playbook


@dataclass(frozen=True)
class Guide:
    """What the playbook says about one phase, ready to show."""

    phase: Phase
    text: str
    timebox: float | None
    """Minutes, or None when the playbook gives none."""
    note: str = ""
    """Shown above the guide: another language than asked for, a playbook gone or changed."""


def load_guide(phase: Phase, book: Playbook | None, problem: str = "") -> Guide:
    """The guide for `phase` from the playbook; a short note saying why when there is none."""
    title = phase_title(phase)
    if book is None:
        return Guide(phase, f"# {title}\n\n{problem or t('guide.no_playbook')}", None)
    try:
        found = book.guide(phase.value)
    except WorkshopError as err:
        return Guide(phase, f"# {title}\n\n{refusal(err)}", None)
    return Guide(phase, found.body, found.timebox or None, found.note)


class GuidePanel(VerticalScroll):
    """The guide for the current phase; `g` hides and shows it."""

    can_focus = False

    def __init__(self, guide: Guide, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.guide = guide

    def compose(self) -> ComposeResult:
        yield Static(t("guide.title"), classes="panel-title")
        if self.guide.note:
            yield Static(self.guide.note, classes="guide-note", markup=False)
        yield GuideText(self.guide.text, id="guide-text")


class GuideText(Widget):
    """The guide's Markdown, laid out once per width and drawn from the lines kept.

    One widget with Rich's Markdown: Textual's Markdown mounts a widget per block, and Rich's
    renderable would be laid out again at every refresh; a long guide made phase switches slow.
    The lines are kept for each width met (a resized window, the projector's mode) and each
    style, so laying the screen out again or drawing it again costs no Markdown.
    """

    DEFAULT_CSS = "GuideText { height: auto; }"

    def __init__(self, markdown: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.markdown = RichMarkdown(markdown, hyperlinks=False)
        self._laid: dict[int, list[list[Segment]]] = {}
        """The Markdown's lines at each width it was laid out at."""
        self._drawn: dict[tuple[int, Style], list[Strip]] = {}

    def _lines(self, width: int) -> list[list[Segment]]:
        width = max(1, width)
        lines = self._laid.get(width)
        if lines is None:
            if len(self._laid) > 8:
                self._laid.clear()
            console = self.app.console
            rendered = console.render_lines(self.markdown, console.options.update_width(width), pad=False)
            lines = self._laid[width] = [[seg for seg in line if not seg.control] for line in rendered]
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def _strips(self, width: int) -> list[Strip]:
        base = self.rich_style
        key = (width, base)
        strips = self._drawn.get(key)
        if strips is None:
            if len(self._drawn) > 8:
                self._drawn.clear()
            strips = self._drawn[key] = [
                Strip(list(Segment.apply_style(line, base))).adjust_cell_length(width, base)
                for line in self._lines(width)]
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width or self.size.width
        strips = self._strips(width)
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width, self.rich_style)


class GuideHint(Static):
    """The guide folded into one line, where the board needs the room: its heading and the key
    that opens it in full."""

    DEFAULT_CSS = "GuideHint { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }"

    def __init__(self, guide: Guide, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.guide = guide

    def render(self) -> Text:
        heading = next((line.lstrip("#").strip() for line in self.guide.text.splitlines()
                        if line.strip()), phase_title(self.guide.phase))
        line = Text()
        line.append(" g ", style="bold reverse")
        line.append(" " + t("layout.guide_hint") + "  ", style="bold")
        line.append(heading, style="dim")
        if self.guide.timebox:
            line.append("  " + t("layout.guide_minutes", minutes=f"{self.guide.timebox:g}"), style="dim")
        line.truncate(max(1, self.content_region.width or self.size.width), overflow="ellipsis")
        return line
