"""Provides the live link to the database: a thread that notices another process's change to the
open workshop within half a second and posts the workshop's new state to the app (folded from the
new events by the app's `Follower`, so a large workshop is not read whole)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, get_current_worker

from workshop.domain.errors import NotFound, WorkshopError
from workshop.tui.messages import WorkshopChanged, WorkshopGone

if TYPE_CHECKING:
    from workshop.engine import Engine
    from workshop.tui.host import WorkshopHost

POLL_SECONDS = 0.3
PUSHED_POLL_SECONDS = 5.0
"""On a database that signals its changes (PostgreSQL's LISTEN/NOTIFY), the watcher wakes on each
commit and looks this rarely otherwise."""


class LiveWatcher:
    """Polls the open workshop for events not yet seen; posts its new state when there are.

    Our own changes are reported with `saw(seq)` so they are not loaded twice.
    """

    def __init__(self, app: WorkshopHost, interval: float = POLL_SECONDS) -> None:
        self.app = app
        self.interval = interval
        self.workshop_id: int | None = None
        self.seq = 0
        self._lock = threading.Lock()
        self._worker: Worker[None] | None = None

    def watch(self, workshop_id: int, seq: int) -> None:
        """Follow this workshop from event `seq` on (starts the polling thread on first use)."""
        with self._lock:
            self.workshop_id = workshop_id
            self.seq = seq
        if self._worker is None or self._worker.is_finished:
            self._worker = self.app.run_worker(
                self._poll, thread=True, group="live", name="live", exit_on_error=False
            )

    def stop(self) -> None:
        """Stop following any workshop (the picker is showing)."""
        with self._lock:
            self.workshop_id = None

    def saw(self, seq: int) -> None:
        """A state up to event `seq` is already on screen."""
        with self._lock:
            self.seq = max(self.seq, seq)

    def _poll(self) -> None:
        worker = get_current_worker()
        signal = self.app.engine.store.signal()
        interval = PUSHED_POLL_SECONDS if signal.pushes else self.interval
        try:
            self._follow(worker, signal, interval)
        finally:
            signal.close()

    def _follow(self, worker: Worker[None], signal: Any, interval: float) -> None:
        while not worker.is_cancelled:
            signal.wait(interval)  # on a file: sleeps; on a server: returns at another's commit
            with self._lock:
                wid = self.workshop_id
            if wid is None:
                continue
            follower = self.app.follower
            if follower is None or follower.workshop_id != wid or not follower.whole:
                continue  # not yet whole: the app reads the rest once its first frame is drawn
            try:
                state, seq = follower.catch_up()  # reads only events not yet seen, if any
            except NotFound as err:
                self.stop()
                self.app.post_message(WorkshopGone(wid, err.message))
                continue
            except WorkshopError:
                # Busy or briefly unreadable: the next poll tries again.
                continue
            with self._lock:
                if wid != self.workshop_id or seq <= self.seq:
                    continue
                seen, self.seq = self.seq, seq
            # This window's own change, folded in here before the thread that made it got to it,
            # is not news from the room.
            actors = follower.actors_after(seen)
            own = getattr(getattr(self.app, "acting", None), "actor", None)
            external = actors is None or own is None or bool(actors - {own})
            self.app.post_message(WorkshopChanged(state, seq, external=external))
