"""Provides `ServesRoom`, the app's side of the participant server of the open workshop (`j`):
where participants join, on every phase screen's top bar while it serves, and stopping it when the
workshop is closed or the app ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.tui.screens.base import PhaseScreen

if TYPE_CHECKING:
    from workshop.domain.model import WorkshopState
    from workshop.tui.room import Room


class ServesRoom:
    """Mixed into the app: the room of the open workshop, shown and stopped."""

    room: Room
    state: WorkshopState | None
    replay: bool

    def show_room(self) -> None:
        """Show where participants join (serving the open workshop if it is not served yet)."""
        from workshop.tui.screens.room import RoomScreen

        if self.state is not None and not self.replay:
            self.push_screen(RoomScreen())

    def stop_serving(self) -> None:
        if self.room.serving or self.room.server is not None:
            self.room.stop()
            self.refresh_banner()

    def refresh_banner(self) -> None:
        """Put where to join (or nothing, when not serving) on every phase screen's top bar."""
        for screen in self.screen_stack:
            if isinstance(screen, PhaseScreen) and screen.is_mounted:
                screen.show_banner(self.room.banner())

    def on_unmount(self) -> None:
        self.room.stop()
