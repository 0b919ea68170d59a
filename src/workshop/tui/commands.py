"""Provides the command palette's entries of the facilitation app: every key active on the screen
shown, the phases to go to, the workshops, and projector mode."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from workshop.domain.values import PHASE_TITLES, Phase
from workshop.tui.screens.base import PhaseScreen, binding_commands

if TYPE_CHECKING:
    from typing import Any

    from textual.app import App


def app_commands(app: App[Any], screen: Screen) -> Iterable[SystemCommand]:
    """What the palette offers on `screen`, after Textual's own commands."""
    if not isinstance(screen, PhaseScreen):
        for title, help_text, callback in binding_commands(screen, getattr(screen, "PLACE", "Here")):
            yield SystemCommand(title, help_text, callback)
    else:
        for title, help_text, callback in screen.palette_commands():
            yield SystemCommand(title, help_text, callback)
        for phase in Phase:
            yield SystemCommand(f"Go to {PHASE_TITLES[phase]}", "Show this phase",
                                lambda p=phase: app.show_phase(p))  # type: ignore[attr-defined]
        yield SystemCommand("Workshops", "Open, create or delete another workshop (ctrl+o)",
                            app.show_picker)  # type: ignore[attr-defined]
    yield SystemCommand("Projector mode", "Large, high-contrast text on or off",
                        app.action_toggle_projector)  # type: ignore[attr-defined]
