"""Provides `PromptFrames`, mixed into workshop's screens and dialogs: a screen's next frame comes
at the first 60 Hz slot after a change, also when the frame before came late; and `LaidOutFirst`,
mixed into the phase screens: a screen's first frame is painted once its layout has settled.

Textual paints a screen on a timer of 60 slots a second, started paused and woken by a change. When
a frame comes late (the screen had been quiet, so the frame for a key comes at once), Textual's
timer skips ahead to the second slot after now instead of the first: the frame after it waited
17–33 ms instead of 0–17. A form that empties at a save and then shows the new card beneath lost a
frame each time. The timer here is Textual's with that one step counted right.

A screen that sizes its parts from the sizes of others (the board's columns from its width, the
lists' scrollbars from their rows) takes a few layout passes to settle, and Textual paints the
whole screen after each: on a board of 120 × 40 each paint is as long as the layout itself, and
the passes in between show a screen half laid out. Held until the layout is settled, the first
frame is painted once, as it will stay.

This relies on Textual's screen timer (`Screen._update_timer`, `Timer._run`) and its screen's
update flags and refresh (`_compositor_refresh`, `_layout_required`) of the pinned version.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import Any

from textual import _time
from textual.app import ScreenStackError
from textual.screen import UPDATE_PERIOD
from textual.timer import EventTargetGone, Timer


class FrameTimer(Timer):
    """Textual's timer, skipping to the first slot ahead (not the second) when it is late."""

    async def _run(self) -> None:
        count = 0
        repeat = self._repeat
        interval = self._interval
        self._active  # noqa: B018 (made in this thread, as Textual does)
        await self._active.wait()
        start = _time.get_time()
        while repeat is None or count <= repeat:
            next_timer = start + ((count + 1) * interval)
            now = _time.get_time()
            if self._skip and next_timer < now:
                count = int((now - start) / interval)  # the slot just gone: the next one is ahead
                continue
            await _time.sleep(max(0, next_timer - _time.get_time()))
            count += 1
            await self._active.wait()
            if self._reset:
                start = _time.get_time()
                count = 0
                self._reset = False
                continue
            try:
                await self._tick(next_timer=next_timer, count=count)
            except EventTargetGone:
                break


class PromptFrames:
    """Mixed into a `Screen` (before it): its frames on a `FrameTimer`."""

    _frame_timer: FrameTimer | None = None

    @property
    def _update_timer(self) -> Timer:
        timer = self._frame_timer
        if timer is None:
            screen: Any = self
            timer = FrameTimer(screen, UPDATE_PERIOD, name="screen_update", callback=screen._on_timer_update,
                               pause=True)
            timer._start()  # noqa: SLF001
            screen._timers.add(timer)  # noqa: SLF001 (stopped with the screen's other timers)
            self._frame_timer = timer
        return timer


class HeldFrames:
    """Mixed into a `Screen` (before it): its frames can be held until something is ready (or for
    at most a given time), what changes meanwhile painted together in the frame after. The
    changes stay marked as Textual marks them; only the painting waits."""

    _held_until: Callable[[], bool] | None = None
    _held_by = 0.0
    _held_whole = False
    _held_layout = False
    _held_timer: Timer | None = None

    def hold_frames(self, until: Callable[[], bool], longest: float, *, whole: bool = False,
                    layout: bool = False) -> None:
        """Paint nothing until `until()` is true, or for `longest` seconds at most; `whole`: the
        frame after paints the whole screen (it was never painted); `layout`: the screen is not
        laid out meanwhile either (a thread's work waited for gets the interpreter to itself)."""
        screen: Any = self
        self._held_until, self._held_by = until, monotonic() + longest
        self._held_whole = self._held_whole or whole
        self._held_layout = layout
        if self._held_timer is None:
            self._held_timer = screen.set_interval(UPDATE_PERIOD, self._paint_held, name="held frames")
        else:
            self._held_timer.resume()

    @property
    def frames_held(self) -> bool:
        """Whether what changed on the screen waits to be painted."""
        return self._held_until is not None

    def _in_front(self) -> bool:
        screen: Any = self
        try:
            return screen.app.screen is screen
        except ScreenStackError:  # the app is closing
            return False

    def _hold_over(self) -> bool:
        until = self._held_until
        return until is None or until() or monotonic() >= self._held_by

    def _on_timer_update(self) -> None:
        screen: Any = self
        if self._held_layout and self._held_until is not None and not self._hold_over():
            screen._update_timer.pause()  # noqa: SLF001 (resumed when the hold is over)
            return
        super()._on_timer_update()  # type: ignore[misc]

    def _end_hold(self) -> None:
        screen: Any = self
        self._held_until = None
        if self._held_timer is not None:
            self._held_timer.pause()
        if self._held_whole:
            self._held_whole = False
            screen._compositor._dirty_regions.add(screen.size.region)  # noqa: SLF001

    def _compositor_refresh(self) -> None:
        if self._held_until is not None and self._in_front():
            if not self._hold_over():
                return  # what changed stays marked: painted with what comes next
            self._end_hold()
        super()._compositor_refresh()  # type: ignore[misc]

    def _paint_held(self) -> None:
        """At each slot while held: once the hold is over, lay out and paint what waits (nothing
        else may come to ask for a frame)."""
        screen: Any = self
        if self._held_until is None or not self._hold_over() or not self._in_front():
            return
        laid_out_later = self._held_layout
        self._end_hold()
        if laid_out_later or screen._layout_required or screen._scroll_required:  # noqa: SLF001
            screen._update_timer.resume()  # noqa: SLF001 (Textual's own turn lays out and paints)
            return
        if screen._dirty_widgets:  # noqa: SLF001
            screen._compositor.update_widgets(screen._dirty_widgets)  # noqa: SLF001
        screen._compositor_refresh()  # noqa: SLF001


class LaidOutFirst(HeldFrames):
    """Mixed into a `Screen` (before it): its first frame waits until its layout has settled
    (nothing left to lay out, no widget with messages waiting), for at most `FIRST_FRAME_LONGEST`
    seconds (a screen that never settles is painted then, as Textual would have)."""

    FIRST_FRAME_LONGEST = 0.5
    _first_frame_asked = False

    @property
    def first_frame_held(self) -> bool:
        """Whether the screen is shown but its first frame not yet painted."""
        return self._first_frame_asked and self.frames_held

    def _compositor_refresh(self) -> None:
        screen: Any = self
        if not self._first_frame_asked and self._in_front() and not screen.app.is_inline:
            self._first_frame_asked = True
            self.hold_frames(self._laid_out, self.FIRST_FRAME_LONGEST, whole=True)
        super()._compositor_refresh()

    def _laid_out(self) -> bool:
        from workshop.tui.settled import laid_out

        return laid_out(self)  # type: ignore[arg-type]


__all__ = ["FrameTimer", "HeldFrames", "LaidOutFirst", "PromptFrames"]
