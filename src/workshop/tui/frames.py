"""Provides `PromptFrames`, mixed into workshop's screens and dialogs: a screen's next frame comes
at the first 60 Hz slot after a change, also when the frame before came late.

Textual paints a screen on a timer of 60 slots a second, started paused and woken by a change. When
a frame comes late (the screen had been quiet, so the frame for a key comes at once), Textual's
timer skips ahead to the second slot after now instead of the first: the frame after it waited
17–33 ms instead of 0–17. A form that empties at a save and then shows the new card beneath lost a
frame each time. The timer here is Textual's with that one step counted right.

This relies on Textual's screen timer (`Screen._update_timer`, `Timer._run`) of the pinned version.
"""

from __future__ import annotations

from typing import Any

from textual import _time
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


__all__ = ["FrameTimer", "PromptFrames"]
