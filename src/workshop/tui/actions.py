"""Provides `ActionQueue`: the facilitator's engine actions run one after another, in the order they
were asked, on one thread off the UI; each answer (or refusal) is shown on the UI thread, and after
a burst of keys the open workshop is brought up to date once, in the same frame as the last answer."""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, get_current_worker

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState

if TYPE_CHECKING:
    from textual.app import App

    from workshop.engine import Engine

Action = tuple[Callable[["Engine"], Any], Callable[[Any], None], Callable[[WorkshopError], None]]


class ActionQueue:
    """The engine actions of one app, run in order on one worker thread (started when needed)."""

    def __init__(self, app: App[Any], engine: Callable[[], Engine],
                 caught_up: Callable[[], tuple[WorkshopState, int] | None],
                 show: Callable[[WorkshopState, int], None]) -> None:
        self.app = app
        self._engine = engine
        self._caught_up = caught_up
        self._show = show
        self._actions: queue.Queue[Action] = queue.Queue()
        self._worker: Worker[None] | None = None

    def submit(self, call: Callable[[Engine], Any], done: Callable[[Any], None],
               refused: Callable[[WorkshopError], None]) -> None:
        """Run an engine action after those asked before it, off the UI thread; `done` or
        `refused` then run on the UI thread."""
        self._actions.put((call, done, refused))
        if self._worker is None or self._worker.is_finished:
            self._worker = self.app.run_worker(self._run, name="actions", group="actions",
                                               thread=True, exit_on_error=False)

    def _run(self) -> None:
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                call, done, refused = self._actions.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                result = call(self._engine())
            except WorkshopError as err:
                self.app.call_from_thread(refused, err)
                continue
            # Caught up here, once after a burst of keys (not after each), and shown in the same
            # turn of the UI as the action's own answer: one frame shows both.
            caught = self._caught_up() if self._actions.empty() else None
            self.app.call_from_thread(self._answered, done, result, caught)

    def _answered(self, done: Callable[[Any], None], result: Any,
                  caught: tuple[WorkshopState, int] | None) -> None:
        done(result)
        if caught is not None:
            self._show(*caught)
