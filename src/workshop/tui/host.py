"""Provides `WorkshopHost`: the facilitation app as its screens, the live poll and the replay see
it. The app (`workshop.tui.app.WorkshopApp`) has all of it; the screens name this instead of the app
so that the app may import its screens without the screens importing the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.domain.errors import WorkshopError
    from workshop.domain.model import WorkshopState
    from workshop.domain.values import Phase
    from workshop.engine import Engine
    from workshop.playbook import Playbook
    from workshop.replay.follow import Follower
    from workshop.tui.room import Room
    from workshop.tui.widgets.guide import Guide


class WorkshopHost(Protocol):
    """What the facilitation app offers the screens of the open workshop."""

    engine: Engine
    state: WorkshopState | None
    follower: Follower | None
    room: Room
    replay: bool
    projector: bool
    guide_shown: bool
    detail_shown: bool
    """Whether the phase screens show the focused item's details in place of the guide (`i`)."""

    @property
    def db(self) -> str: ...

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def submit(self, call: Callable[[Engine], Any], done: Callable[[Any], None],
               refused: Callable[[WorkshopError], None]) -> None: ...

    def catch_up(self) -> None: ...

    def caught_up(self) -> tuple[WorkshopState, int] | None: ...

    def show_caught(self, caught: tuple[WorkshopState, int]) -> None: ...

    def show_phase(self, phase: Phase, *, record: bool = True) -> None: ...

    def show_picker(self) -> None: ...

    def show_room(self) -> None: ...

    def stop_serving(self) -> None: ...

    def refresh_banner(self) -> None: ...

    def book(self) -> Playbook | None: ...

    def guide(self, phase: Phase) -> Guide: ...

    def timebox(self, phase: Phase) -> float | None: ...

    # the parts of a Textual app the live poll and the replay use
    def run_worker(self, work: Callable[[], Any], **options: Any) -> Any: ...

    def post_message(self, message: Any) -> bool: ...

    def call_later(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> bool: ...

    def set_timer(self, delay: float, callback: Callable[[], Any] | None = None, **options: Any) -> Any: ...


class PhaseView(Protocol):
    """A phase screen of the open workshop as its helpers (the timer's actions, the `?` help) see
    it; the screens themselves are `workshop.tui.screens.base.PhaseScreen`."""

    PHASE: Phase
    HELP: str
    engine: Engine
    state: WorkshopState
    wid: int

    @property
    def workshop_app(self) -> WorkshopHost: ...

    @property
    def app(self) -> Any: ...

    @property
    def active_bindings(self) -> dict[str, Any]: ...

    def perform(self, call: Callable[[Engine], Any], *, select: str | None = None,
                done: Callable[[Any], None] | None = None,
                say: str | Callable[[Any], str] | None = None) -> None: ...

    def open_form(self, dialog: Any) -> None: ...

    def notify(self, message: str, **options: Any) -> None: ...
