"""Provides `Writer`: the participants' changes written in turns by one thread, a burst of them in
one transaction.

Fifty phones sending at once would otherwise be fifty transactions, each waiting for the one
before it to reach the disk. The writer takes every change that is waiting, makes each one in a
savepoint of its own (a refused change takes back only itself; the others stand) and commits
them together: one sync to disk for the burst. A request is answered only after the commit, so
what a participant saw acknowledged is on the disk, and a commit that fails (a full disk) fails
every change of its burst.
"""

from __future__ import annotations

import asyncio
import functools
import queue
import threading
from collections.abc import Callable
from typing import Any

from workshop.store.db import Store

BURST = 64
"""At most this many changes share a transaction (a long queue is written in several)."""

_STOP = object()


class Writer:
    """Runs write actions on one thread, the waiting ones together (start on first use)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    async def run(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """The action's result once it is committed (or the error it or the commit raised)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Any] = loop.create_future()
        self._start()
        self._jobs.put((functools.partial(action, *args, **kwargs), done, loop))
        return await done

    def _start(self) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("the writer has stopped")
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="room-writer", daemon=True)
                self._thread.start()

    def close(self) -> None:
        """Write what is waiting, then stop the thread."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._jobs.put(_STOP)
            thread.join(timeout=10)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            jobs = [job]
            stop = False
            while len(jobs) < BURST:
                try:
                    more = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    stop = True
                    break
                jobs.append(more)
            self._write(jobs)
            if stop:
                return

    def _write(self, jobs: list[Any]) -> None:
        outcomes: list[tuple[bool, Any]] = []
        try:
            with self.store.batch():
                for call, _done, _loop in jobs:
                    try:
                        with self.store.write():  # its own savepoint: a refusal takes back only itself
                            outcomes.append((True, call()))
                    except Exception as exc:  # noqa: BLE001 - handed to the request that asked
                        outcomes.append((False, exc))
        except BaseException as exc:  # noqa: BLE001 - the commit failed: nothing of the burst stands
            outcomes = [(False, exc)] * len(jobs)
        for (ok, value), (_call, done, loop) in zip(outcomes, jobs, strict=True):
            loop.call_soon_threadsafe(_settle, done, ok, value)


def _settle(done: asyncio.Future[Any], ok: bool, value: Any) -> None:
    if done.cancelled():
        return
    if ok:
        done.set_result(value)
    else:
        done.set_exception(value)


__all__ = ["BURST", "Writer"]
