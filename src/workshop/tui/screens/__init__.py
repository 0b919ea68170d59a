"""Provides the phase screens by phase: the one place that names each screen's module, so a
screen not yet installed is reported instead of breaking the app."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from workshop.domain.values import Phase

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.domain.model import WorkshopState
    from workshop.engine import Engine

SCREENS: dict[Phase, str] = {
    Phase.BRIEF: "workshop.tui.screens.brief:BriefScreen",
    Phase.WHAT_IS: "workshop.tui.screens.what_is:WhatIsScreen",
    Phase.WHAT_IF: "workshop.tui.screens.what_if:WhatIfScreen",
    Phase.WHAT_WOWS: "workshop.tui.screens.what_wows:WhatWowsScreen",
    Phase.WHAT_WORKS: "workshop.tui.screens.what_works:WhatWorksScreen",
}

EXPORT_DIALOG = "workshop.tui.dialogs.export:ExportDialog"


def _load(target: str) -> Any | None:
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name == module_name:
            return None
        raise
    return getattr(module, attr, None)


def screen_for(phase: Phase) -> type[Screen[Any]] | None:
    """The screen class of a phase (a `workshop.tui.screens.base.PhaseScreen`), or None when that
    screen is not part of this build."""
    return _load(SCREENS[phase])


def export_dialog(engine: Engine, state: WorkshopState) -> Screen[Any] | None:
    """The export dialog for the open workshop, or None when it is not part of this build."""
    dialog = _load(EXPORT_DIALOG)
    return dialog(engine, state) if dialog is not None else None
