"""Provides the facilitation engine: one method per user action, each validating its input and
then writing the change and its event in one transaction; queries return plain values.

`Engine` and `open_engine` are imported on first use (from `workshop.engine.core`): the queries
alone (`workshop.engine.reading`) start without the data layer, which the engine's writes need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workshop.engine.reading import LoggedEvent, WorkshopSummary

if TYPE_CHECKING:
    from workshop.engine.core import Engine, open_engine
    from workshop.engine.undo import Undone


def __getattr__(name: str) -> Any:
    if name in ("Engine", "open_engine"):
        from workshop.engine import core

        return getattr(core, name)
    if name == "Undone":
        from workshop.engine.undo import Undone

        return Undone
    raise AttributeError(f"module 'workshop.engine' has no attribute {name!r}")


__all__ = ["Engine", "LoggedEvent", "Undone", "WorkshopSummary", "open_engine"]
