"""Provides `QuietCollector`: Python's cyclic garbage collector kept from pausing the app between a
key and its frame.

A full collection walks every object the collector tracks. With a large workshop open that is
hundreds of thousands (the state, the widgets, what Textual keeps of each line it drew), and a
full collection takes 100–200 ms; Textual's widgets are made of reference cycles, so every form
opened and closed, every notification, hands the collector work and full collections come every
few seconds, in the middle of a key's frame as often as not. Here what survives a full collection
(in use, then) is moved out of the collector's reach (`gc.freeze`), so the next one walks only
what was made since: a few milliseconds. What was moved out and is garbage by now (a form closed
since) is collected once nobody has typed for a while: everything is handed back to the
collector, collected, and moved out again. When the app ends, everything is handed back.
"""

from __future__ import annotations

import gc
import time
from typing import Any

IDLE_SECONDS = 3.0
"""How long without a key before the objects moved out are collected too."""


class QuietCollector:
    """The collector's policy while one app runs (`start`, `stop`); `touched` is called on input."""

    def __init__(self) -> None:
        self._last_input = time.monotonic()
        self._moved = False
        """Whether objects were moved out of the collector's reach since it last saw them all."""
        self._running = False

    def start(self) -> None:
        if not self._running:
            self._running = True
            gc.callbacks.append(self._collected)

    def stop(self) -> None:
        if self._running:
            self._running = False
            gc.callbacks.remove(self._collected)
            gc.unfreeze()

    def touched(self) -> None:
        """A key or a click arrived: the tidying waits."""
        self._last_input = time.monotonic()

    def _collected(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info.get("generation") == 2:
            gc.freeze()  # what survived is in use: out of the walks of the collections to come
            self._moved = True

    def tidy(self) -> None:
        """Collect what was moved out too, if nobody has typed for a while (run on a timer)."""
        if not self._running or not self._moved or time.monotonic() - self._last_input < IDLE_SECONDS:
            return
        self._moved = False
        gc.unfreeze()
        gc.collect()  # calls `_collected`, which moves the survivors out again


__all__ = ["IDLE_SECONDS", "QuietCollector"]
