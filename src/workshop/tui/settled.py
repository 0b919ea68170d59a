"""Provides `when_settled`: background work (the rest of a large workshop, the data layer) started
once the screen is laid out and painted and nothing waits, so that it does not take the interpreter
from the first frame: a worker thread holds it for as long as it computes."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

POLL_SECONDS = 0.025
QUIET_SECONDS = 0.25
"""How long the screen stays settled before the work starts (its passes come a frame apart)."""
LONGEST_SECONDS = 3.0
"""The work starts after this long anyway (a screen that keeps changing, a clock)."""


def settled(app: App) -> bool:  # type: ignore[type-arg]
    """Whether the screen has nothing left to lay out or paint, and neither the app nor any widget
    of the screen has messages waiting (the cards are drawn by their lists: a few dozen widgets).
    Reads the screen's update flags of the pinned Textual version."""
    from textual.app import ScreenStackError

    try:
        screen = app.screen
    except ScreenStackError:  # the app is closing
        return False
    if not screen.is_mounted or screen._repaint_required or screen._dirty_widgets \
            or getattr(screen, "first_frame_held", False):  # noqa: SLF001
        return False
    return laid_out(screen)


def laid_out(screen: Screen) -> bool:  # type: ignore[type-arg]
    """Whether `screen` has nothing left to lay out or compose, and neither the app nor any of its
    widgets has messages waiting (what is left, if anything, is to paint it)."""
    return not (screen._layout_required or screen._scroll_required or screen._recompose_required  # noqa: SLF001
                or screen.app.message_queue_size) and widgets_idle(screen)


def widgets_idle(screen: Screen) -> bool:  # type: ignore[type-arg]
    """Whether every widget of `screen` is mounted (a dialog closed half-mounted never finishes
    closing) and none has messages waiting."""
    return all(node.is_mounted and not node.message_queue_size for node in (screen, *screen.walk_children()))


def when_settled(app: App, work: Callable[[], object]) -> None:  # type: ignore[type-arg]
    """Call `work` (on the interface's thread) once the screen has stayed settled a moment."""
    started = monotonic()
    quiet_since: float | None = None

    def check() -> None:
        nonlocal quiet_since
        now = monotonic()
        if not settled(app):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        if (quiet_since is not None and now - quiet_since >= QUIET_SECONDS) or now - started >= LONGEST_SECONDS:
            timer.stop()
            work()

    timer = app.set_interval(POLL_SECONDS, check)


__all__ = ["laid_out", "settled", "when_settled", "widgets_idle"]
