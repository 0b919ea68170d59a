"""Migration: a database written by schema version 1 (kept in tests/data as it was written) opens,
is backed up before it is migrated, and exports exactly what it exported before."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from reliability_checks import integrity

from workshop.domain.errors import StoreDamaged
from workshop.engine import open_engine
from workshop.export import render
from workshop.store import db

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURE = DATA / "workshop-v1.db"
RECORDED = (DATA / "workshop-v1.archive.json").read_text(encoding="utf-8")


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


def test_the_version_1_file_opens_and_exports_as_recorded(v1: Path) -> None:
    assert _archive(v1) == RECORDED
    assert not list(v1.parent.glob("*.bak"))  # nothing to migrate, so nothing backed up


def test_the_version_1_file_can_still_be_worked_on(v1: Path) -> None:
    engine = open_engine(str(v1))
    (summary,) = engine.list_workshops()
    engine.add_touchpoint(summary.id, "Kunden får pakken på døra – endelig", stage="S3", feeling=2)
    assert engine.load(summary.id).touchpoints[-1].text == "Kunden får pakken på døra – endelig"
    engine.undo(summary.id)
    engine.store.close()
    assert _archive(v1).count('"action": "touchpoint.add"') == RECORDED.count('"action": "touchpoint.add"') + 1


def _add_colour(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE workshop ADD COLUMN colour TEXT NOT NULL DEFAULT 'grønn'")


def test_an_older_file_is_backed_up_then_migrated(v1: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = v1.read_bytes()
    monkeypatch.setattr(db, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(db, "MIGRATIONS", {1: _add_colour})
    archive = _archive(v1)
    backup = v1.with_name("workshop.db.v1.bak")
    assert backup.read_bytes() == original
    assert _user_version(v1) == 2
    assert integrity(v1) == "ok"
    conn = sqlite3.connect(v1)
    assert conn.execute("SELECT colour FROM workshop").fetchall() == [("grønn",)]
    conn.close()
    assert archive == RECORDED
    _archive(v1)  # opening it again migrates nothing more
    assert list(v1.parent.glob("*.bak")) == [backup]


def test_a_failing_migration_leaves_the_file_as_it_was(v1: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE workshop ADD COLUMN colour TEXT")
        conn.execute("ALTER TABLE no_such_table ADD COLUMN x TEXT")

    monkeypatch.setattr(db, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(db, "MIGRATIONS", {1: broken})
    with pytest.raises(StoreDamaged):
        open_engine(str(v1))
    assert _user_version(v1) == 1
    conn = sqlite3.connect(v1)
    assert "colour" not in [r[1] for r in conn.execute("PRAGMA table_info(workshop)")]
    conn.close()
    assert v1.with_name("workshop.db.v1.bak").read_bytes() == FIXTURE.read_bytes()
    monkeypatch.setattr(db, "SCHEMA_VERSION", 1)
    assert _archive(v1) == RECORDED
