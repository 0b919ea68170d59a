"""Provides opening a database for what only reads it (`workshop list`, `show`, `log`, `export`)
and for the interface, without importing the data layer where an SQLite file of this version
allows it; anything else (a file to create or upgrade, a server) opens the engine itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.engine.deferred import DeferredEngine
from workshop.engine.reading import Reader

if TYPE_CHECKING:
    from workshop.engine.core import Engine


def open_reader(db: str | None = None) -> Reader:
    """A reader on the database named by `db`, `WORKSHOP_DB`, or the user data folder: an SQLite
    file of this version is read with the standard library alone, anything else through the
    engine's store."""
    from workshop.paths import resolve_db
    from workshop.store.reading import open_file

    path = resolve_db(db)
    found = open_file(path)
    if found is not None:
        return Reader(found)
    from workshop.engine.core import open_engine

    return open_engine(path)


def open_for_interface(db: str) -> Engine | DeferredEngine:
    """What the interface runs on: a deferred engine on an SQLite file of this version (its first
    screen drawn before the data layer is imported), else the engine itself."""
    from workshop.store.reading import open_file

    found = open_file(db)
    if found is None:
        from workshop.engine.core import open_engine

        return open_engine(db)
    return DeferredEngine(db, Reader(found))


__all__ = ["open_for_interface", "open_reader"]
