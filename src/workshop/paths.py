"""Provides the places workshop reads and writes: the database and the bundled playbook."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "workshop"


def default_db_path() -> Path:
    """The embedded database in the user's data folder (made on first use)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workshop.db"


def resolve_db(explicit: str | os.PathLike[str] | None = None) -> str:
    """The database to use: `--db`, then `WORKSHOP_DB`, then the user data folder."""
    if explicit:
        return str(explicit)
    env = os.environ.get("WORKSHOP_DB")
    if env:
        return env
    return str(default_db_path())


def bundled_playbook() -> Path:
    """The playbook shipped with the package (inside the wheel, or beside `src/` in a checkout)."""
    here = Path(__file__).resolve().parent
    inside = here / "facilitation"
    if inside.is_dir():
        return inside
    return here.parent.parent / "facilitation"
