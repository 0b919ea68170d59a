"""Provides `Hub`: the served workshop's newest state, kept current from the database, and the
signal that wakes every open event stream when it changes.

The facilitator's window, the command line and the server's own requests all write to the same
file, so the hub does what the terminal interface does: it polls for events it has not seen and
folds them into the state it holds (`Follower`). A request that has just written asks for the
state at once (`fresh`) instead of waiting for the next poll. Each stream then works out its
participant's view and sends it only when that view changed.

When fifty phones write at once, fifty requests ask for the state together: one reading serves
every request that asked before it began, so a burst costs a few reads of the database, not one
per request, and no request waits behind the readings of all the others.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool

from workshop.domain.errors import NotFound, WorkshopError
from workshop.domain.model import WorkshopState
from workshop.replay.follow import Follower

POLL_SECONDS = 0.25
"""How often the database is asked for new events: a participant's page shows another's change
(or the facilitator's move to the next phase) within about this long."""


class Hub:
    """One served workshop's state and its change signal (the signal lives on the server's event
    loop; `online` may be read from any thread)."""

    def __init__(self, follower: Follower) -> None:
        self.follower = follower
        self.state: WorkshopState = follower.state
        self.seq = follower.seq
        self.closed = ""
        """Why the streams were told to end ("" while serving)."""
        self._changed = asyncio.Event()
        self._reading = asyncio.Lock()
        self._asked = 0
        """How many times the state was asked for."""
        self._served = 0
        """Every ask up to this number has been answered by a reading begun after it."""
        self._lock = threading.Lock()
        self._online: Counter[str] = Counter()

    # the state -----------------------------------------------------------------------------

    async def fresh(self) -> WorkshopState:
        """The state with every event written before this call (read off the event loop; a
        reading begun after the call, perhaps for another request, answers it too)."""
        self._asked += 1
        ask = self._asked
        async with self._reading:
            if self._served >= ask:
                return self.state
            begun = self._asked
            try:
                state, seq = await run_in_threadpool(self.follower.catch_up)
            except NotFound:
                self.close("gone")
                raise
            self._served = begun
            if seq != self.seq:
                self.state, self.seq = state, seq
                self._wake()
            return self.state

    async def follow(self, stopping: Callable[[], bool]) -> None:
        """Poll for changes until the server stops (then tell every stream to end). On a database
        that signals its changes (PostgreSQL's LISTEN/NOTIFY) each wait ends at another's commit."""
        signal = self.follower.engine.store.signal()
        try:
            await self._follow(stopping, signal)
        finally:
            signal.close()

    async def _follow(self, stopping: Callable[[], bool], signal: Any) -> None:
        while not self.closed:
            if stopping():
                self.close("stopped")
                break
            try:
                await self.fresh()
            except NotFound:
                break
            except WorkshopError:
                pass  # busy or briefly unreadable: the next poll tries again
            if signal.pushes:
                await run_in_threadpool(signal.wait, POLL_SECONDS)
            else:
                await asyncio.sleep(POLL_SECONDS)

    def _wake(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    async def changed(self, timeout: float) -> bool:
        """Wait until the state changes or the hub closes (True), or `timeout` passes (False)."""
        if self.closed:
            return True
        event = self._changed
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def close(self, why: str) -> None:
        """End every stream ("stopped": the server stops; "gone": the workshop was deleted)."""
        if not self.closed:
            self.closed = why
            self._wake()

    # who is online -------------------------------------------------------------------------

    def connect(self, participant: str) -> None:
        with self._lock:
            self._online[participant] += 1

    def disconnect(self, participant: str) -> None:
        with self._lock:
            self._online[participant] -= 1
            if self._online[participant] <= 0:
                del self._online[participant]

    def online(self) -> dict[str, int]:
        """Participant reference → pages of theirs open now (each page holds one event stream)."""
        with self._lock:
            return dict(self._online)


__all__ = ["POLL_SECONDS", "Hub"]
