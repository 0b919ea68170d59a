"""Provides `FollowsWorkshop`, the app's side of keeping the open workshop current: after our own
changes (caught up at once, in the same frame as the answer) and after another process's (posted
by the live poll, `workshop.tui.live`), every phase screen of the workshop gets the new state, and
what arrived from the room is said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.tui.messages import WorkshopChanged, WorkshopGone
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.words import refusal, t

if TYPE_CHECKING:
    from workshop.replay.follow import Follower
    from workshop.tui.live import LiveWatcher


class FollowsWorkshop:
    """Mixed into the app: the open workshop's newest state, taken in and shown everywhere."""

    state: WorkshopState | None
    follower: Follower | None
    live: LiveWatcher
    replay: bool
    _seq: int
    first_only: bool

    if TYPE_CHECKING:
        def shown_whole(self) -> None: ...  # `ShowsPhases`

    def _caught_up(self) -> tuple[WorkshopState, int] | None:
        """The open workshop brought up to date (only the events since the state on screen are
        read), or None with the reason shown."""
        follower = self.follower
        if follower is None:
            return None
        try:
            return follower.catch_up()
        except WorkshopError as err:
            self.notify(refusal(err), severity="error", markup=False)  # posts a message: any thread
            return None

    def catch_up(self) -> None:
        """Show the open workshop as it is now, at once (after a form saved through the engine:
        the board changes in the same frame as the form closes)."""
        caught = self._caught_up()
        if caught is not None:
            self._show_state(*caught)

    def caught_up(self) -> tuple[WorkshopState, int] | None:
        """The open workshop brought up to date, to show with `show_caught` (from any thread: a
        form's saving thread catches up there, so the interface only shows it)."""
        return self._caught_up()

    def show_caught(self, caught: tuple[WorkshopState, int]) -> None:
        """Show what `caught_up` gave (on the interface's thread)."""
        self._show_state(*caught)

    def reload_from_thread(self) -> None:
        """Bring the open workshop up to date from a worker thread."""
        caught = self._caught_up()
        if caught is not None:
            self.post_message(WorkshopChanged(*caught))

    def _show_state(self, state: WorkshopState, seq: int) -> None:
        self.on_workshop_changed(WorkshopChanged(state, seq))

    def on_workshop_changed(self, message: WorkshopChanged) -> None:
        if self.state is None or message.state.id != self.state.id or message.seq < self._seq:
            return
        self._seq = message.seq
        before, self.state = self.state, message.state
        self.live.saw(message.seq)
        if message.external and not self.replay:
            self.tell_arrivals(before, message.state)
        for screen in self.screen_stack:
            if isinstance(screen, PhaseScreen) and screen.wid == message.state.id:
                screen.refresh_state(message.state, external=message.external)
        if self.first_only:  # every state the follower gives after the first is whole
            self.shown_whole()

    def tell_arrivals(self, before: WorkshopState, after: WorkshopState) -> None:
        """Say which touchpoints and ideas came in from elsewhere (they may land off screen)."""
        from workshop.tui.arrivals import arrivals

        told = arrivals(before, after)
        if told:
            self.notify(told, title=t("app.new_from_room"), timeout=6)

    def on_workshop_gone(self, message: WorkshopGone) -> None:
        if message.workshop_id == self.workshop_id:
            self.notify(t("app.deleted_elsewhere"), severity="error", timeout=10)
            self.show_picker()
