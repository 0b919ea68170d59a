"""Provides an engine whose data layer is imported after the interface's first frame.

Importing SQLAlchemy and the SQLModel tables takes longer than reading a workshop. The interface
therefore opens an SQLite file of this version with a reader (the standard library alone, see
`workshop.store.reading`), shows the workshop, and only then opens the engine in the background.
Until the engine is there its queries are answered by the reader; a change, or anything else of the
engine's, waits for it (a few tenths of a second at most, and only right after the start).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from workshop.domain.errors import WorkshopError
from workshop.engine.reading import Reader

if TYPE_CHECKING:
    from workshop.engine.core import Engine

_QUERIES = frozenset(name for name in vars(Reader) if not name.startswith("_")) | {"store"}
"""What the reader answers until the engine is there: the queries, and the store (its file, and
its signal of other processes' changes, which for a file is none: the app polls)."""


class DeferredEngine:
    """The engine on `path`, opened on first need or by `open_soon`, with `reader` answering the
    queries until then."""

    def __init__(self, path: str, reader: Reader) -> None:
        self.path = path
        self.reader = reader
        self._engine: Engine | None = None
        self._opening = threading.Lock()

    def engine(self) -> Engine:
        """The engine, opened now if it is not yet (waiting for the background opening, if one runs)."""
        found = self._engine
        if found is not None:
            return found
        with self._opening:
            if self._engine is None:
                from workshop.engine.core import open_engine

                self._engine = open_engine(self.path)
            return self._engine

    def open_soon(self) -> None:
        """Open the engine in a background thread (once the first frame is on screen)."""
        def opening() -> None:
            try:
                self.engine()
            except WorkshopError:
                pass  # told where the engine is next needed, by the action that needs it

        if self._engine is None:
            threading.Thread(target=opening, name="workshop-engine", daemon=True).start()

    @property
    def ready(self) -> bool:
        return self._engine is not None

    def __getattr__(self, name: str) -> Any:
        if name in _QUERIES and self._engine is None:
            return getattr(self.reader, name)
        return getattr(self.engine(), name)

    def close(self) -> None:
        with self._opening:
            if self._engine is not None:
                self._engine.store.close()
            self.reader.store.close()


__all__ = ["DeferredEngine"]
