"""Provides the facilitation guide beside the board: the playbook's text for the current phase,
rendered as Markdown, with its timebox and any note about where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from rich.markdown import Markdown as RichMarkdown
from textual.widgets import Static

from workshop.domain.errors import WorkshopError
from workshop.domain.values import PHASE_TITLES, Phase

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
    title = PHASE_TITLES[phase]
    if book is None:
        return Guide(phase, f"# {title}\n\n{problem or 'No playbook.'}", None)
    try:
        found = book.guide(phase.value)
    except WorkshopError as err:
        return Guide(phase, f"# {title}\n\n{err.message}", None)
    return Guide(phase, found.body, found.timebox or None, found.note)


class GuidePanel(VerticalScroll):
    """The guide for the current phase; `g` hides and shows it."""

    can_focus = False

    def __init__(self, guide: Guide, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.guide = guide

    def compose(self) -> ComposeResult:
        yield Static("Guide  (g hides)", classes="panel-title")
        if self.guide.note:
            yield Static(self.guide.note, classes="guide-note", markup=False)
        # One widget with Rich's Markdown: Textual's Markdown mounts a widget per block, which
        # makes every phase switch slow with a long guide.
        yield Static(RichMarkdown(self.guide.text, hyperlinks=False), id="guide-text")
