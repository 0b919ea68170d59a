"""Provides how `workshop-v2.db` and `workshop-v2.archive.json` were made: the Nordic workshop of
the export tests, through all four phases, with its phase timers, written by schema version 2.

They are kept as they were written and must not be made again: the migration tests need a file
that version 2 wrote, and an export recorded from it before any later version touched it.

    python tests/data/make_v2.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "export"))

from export_workshop import build  # noqa: E402

from workshop.engine import open_engine  # noqa: E402
from workshop.export import render  # noqa: E402
from workshop.store.db import SCHEMA_VERSION  # noqa: E402


def main() -> int:
    assert SCHEMA_VERSION == 2, "the fixture is what schema version 2 wrote"
    db = HERE / "workshop-v2.db"
    if db.exists():
        raise SystemExit(f"{db} exists: it is kept as version 2 wrote it; do not make it again")
    engine = open_engine(str(db))
    wid = build(engine)
    engine.start_timer(wid, "what-is", default_minutes=45)
    engine.pause_timer(wid, "what-is")
    engine.set_timebox(wid, "what-works", minutes=35)
    engine.undo(wid)
    engine.redo(wid)
    archive = render("json", engine.load(wid), engine.events(wid))
    engine.store.checkpoint()
    engine.store.close()
    conn = sqlite3.connect(db)
    conn.execute("VACUUM")  # smaller, and a single file with no write-ahead log beside it
    conn.close()
    (HERE / "workshop-v2.archive.json").write_text(archive, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
