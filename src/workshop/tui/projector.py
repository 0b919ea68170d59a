"""Provides `ProjectorMode`, which every app of workshop has: large, high-contrast text for a
projector at the back of the room (the `-projector` class on the app, styled in app.tcss), on from
the start (`--projector`, `WORKSHOP_PROJECTOR=1`) or toggled from the command palette on any
screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import Screen


class ProjectorMode(App[Any]):
    """Projector mode on or off, for the whole app."""

    projector: reactive[bool] = reactive(False)

    def __init__(self, *args: Any, projector: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_reactive(ProjectorMode.projector, projector)
        self.set_class(projector, "-projector")

    def watch_projector(self, on: bool) -> None:
        self.set_class(on, "-projector")

    def action_toggle_projector(self) -> None:
        self.projector = not self.projector

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Projector mode", "Large, high-contrast text on or off",
                            self.action_toggle_projector)
