"""Provides the engine itself: every action and every query on one store."""

from __future__ import annotations

from workshop.engine.archive import ArchiveActions
from workshop.engine.choices import ChoiceActions
from workshop.engine.ideas import IdeaActions
from workshop.engine.journey import JourneyActions
from workshop.engine.room import RoomActions
from workshop.engine.timers import TimerActions
from workshop.engine.workshops import WorkshopActions
from workshop.store.db import Store


class Engine(WorkshopActions, JourneyActions, IdeaActions, ChoiceActions, TimerActions, RoomActions,
             ArchiveActions):
    """The one way to read and change workshops."""


def open_engine(db: str | None = None) -> Engine:
    """An engine on the database named by `db`, `WORKSHOP_DB`, or the user data folder."""
    from workshop.paths import resolve_db

    return Engine(Store(resolve_db(db)))
