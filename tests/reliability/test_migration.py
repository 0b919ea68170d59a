"""Migration: a database written by schema version 1 (kept in tests/data as it was written) is
backed up, then migrated to version 2, which stores the phase timers; it exports what it exported
before (with no timers started) and goes on working, timers included. A migration that fails
leaves the file as it was."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from reliability_checks import integrity

from workshop.domain.errors import StoreDamaged
from workshop.domain.values import Phase
from workshop.engine import open_engine
from workshop.export import render
from workshop.store import db

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURE = DATA / "workshop-v1.db"
RECORDED = (DATA / "workshop-v1.archive.json").read_text(encoding="utf-8")


def _recorded_now() -> str:
    """The recorded export as this version writes it: archive version 2, the workshop with no
    timers; every other line as it was."""
    data = json.loads(RECORDED)
    assert data["version"] == 1 and "timers" not in data["workshop"]
    data["version"] = 2
    data["workshop"]["timers"] = {}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    """A copy of the version-1 file (the committed one is never opened)."""
    path = tmp_path / "workshop.db"
    shutil.copyfile(FIXTURE, path)
    return path


def _archive(path: Path) -> str:
    engine = open_engine(str(path))
    try:
        (summary,) = engine.list_workshops()
        return render("json", engine.load(summary.id), engine.events(summary.id))
    finally:
        engine.store.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _columns(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return [tuple(r) for r in conn.execute("PRAGMA table_info(workshop)")]
    finally:
        conn.close()


def test_the_version_1_file_is_backed_up_then_migrated_and_exports_as_recorded(v1: Path, tmp_path: Path) -> None:
    original = v1.read_bytes()
    assert _user_version(v1) == 1
    archive = _archive(v1)
    backup = v1.with_name("workshop.db.v1.bak")
    assert backup.read_bytes() == original
    assert _user_version(v1) == db.SCHEMA_VERSION == 2
    assert integrity(v1) == "ok"
    conn = sqlite3.connect(v1)
    assert conn.execute("SELECT timers FROM workshop").fetchall() == [("{}",)]
    conn.close()
    assert archive == _recorded_now()
    fresh = tmp_path / "fresh.db"
    open_engine(str(fresh)).store.close()
    assert _columns(v1) == _columns(fresh)  # migrated, the table is the one a new file gets
    _archive(v1)  # opening it again migrates nothing more
    assert list(v1.parent.glob("*.bak")) == [backup]


def test_the_version_1_file_can_still_be_worked_on(v1: Path) -> None:
    engine = open_engine(str(v1))
    (summary,) = engine.list_workshops()
    engine.add_touchpoint(summary.id, "Kunden får pakken på døra – endelig", stage="S3", feeling=2)
    assert engine.load(summary.id).touchpoints[-1].text == "Kunden får pakken på døra – endelig"
    assert engine.start_timer(summary.id, default_minutes=35) == "started the What Works timer (35:00 left)"
    engine.undo(summary.id)  # the touchpoint, not the timer
    state = engine.load(summary.id)
    assert state.timer(Phase.WHAT_WORKS).running and state.timer(Phase.WHAT_WORKS).timebox == 35 * 60
    assert "Kunden får pakken på døra – endelig" not in [t.text for t in state.touchpoints]
    engine.store.close()
    archive = _archive(v1)
    assert archive.count('"action": "touchpoint.add"') == RECORDED.count('"action": "touchpoint.add"') + 1
    assert archive.count('"action": "timer.start"') == 1


def test_a_failing_migration_leaves_the_file_as_it_was(v1: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = db.MIGRATIONS[1]

    def broken(conn: sqlite3.Connection) -> None:
        real(conn)
        conn.execute("ALTER TABLE no_such_table ADD COLUMN x TEXT")

    with monkeypatch.context() as patched:
        patched.setattr(db, "MIGRATIONS", {**db.MIGRATIONS, 1: broken})
        with pytest.raises(StoreDamaged):
            open_engine(str(v1))
    assert _user_version(v1) == 1
    assert "timers" not in [column[1] for column in _columns(v1)]
    assert v1.read_bytes() == FIXTURE.read_bytes()
    assert v1.with_name("workshop.db.v1.bak").read_bytes() == FIXTURE.read_bytes()
    assert _archive(v1) == _recorded_now()  # the next opening migrates it after all
    assert _user_version(v1) == 2
