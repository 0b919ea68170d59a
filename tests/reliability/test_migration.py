"""Migration: databases written by schema versions 1 and 2 (kept in tests/data as they were
written) are backed up, then migrated step by step to the current version: version 2 stores the
phase timers, version 3 the rules of participants' own devices and who has joined from one,
version 4 who is done voting. Each
exports what it exported before (with no timers started in a version-1 file, nobody joined) and
goes on working, timers and joins included. A migration that fails leaves the file as it was."""

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
FIXTURE_V2 = DATA / "workshop-v2.db"
RECORDED_V2 = (DATA / "workshop-v2.archive.json").read_text(encoding="utf-8")


def _recorded_now(recorded: str = RECORDED) -> str:
    """A recorded export as this version writes it: the current archive version, what later
    versions added at its default (no timers, the device rules as a new workshop has them, nobody
    joined); every other line as it was."""
    data = json.loads(recorded)
    assert data["version"] in (1, 2) and "open_join" not in data["workshop"]
    if data["version"] == 1:
        assert "timers" not in data["workshop"]
        data["workshop"]["timers"] = {}
    data["version"] = 4
    data["workshop"] |= {"open_join": False, "anonymous": "silent"}
    data["participants"] = [person | {"joined": False, "blocked": False, "done_voting": False}
                            for person in data["participants"]]
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


def _columns(path: Path, table: str = "workshop") -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return [tuple(r) for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def test_the_version_1_file_is_backed_up_then_migrated_and_exports_as_recorded(v1: Path, tmp_path: Path) -> None:
    original = v1.read_bytes()
    assert _user_version(v1) == 1
    archive = _archive(v1)
    backup = v1.with_name("workshop.db.v1.bak")
    assert backup.read_bytes() == original
    assert _user_version(v1) == db.SCHEMA_VERSION == 4
    assert integrity(v1) == "ok"
    conn = sqlite3.connect(v1)
    assert conn.execute("SELECT timers, open_join, anonymous FROM workshop").fetchall() == [("{}", 0, "silent")]
    assert set(conn.execute("SELECT joined, blocked, done_voting FROM participant").fetchall()) == {(0, 0, 0)}
    conn.close()
    assert archive == _recorded_now()
    fresh = tmp_path / "fresh.db"
    open_engine(str(fresh)).store.close()
    for table in ("workshop", "participant"):  # migrated, the tables are the ones a new file gets
        assert _columns(v1, table) == _columns(fresh, table)
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
    assert _user_version(v1) == 4


@pytest.fixture
def v2(tmp_path: Path) -> Path:
    """A copy of the version-2 file (the committed one is never opened)."""
    path = tmp_path / "workshop.db"
    shutil.copyfile(FIXTURE_V2, path)
    return path


def test_the_version_2_file_is_backed_up_then_migrated_and_exports_as_recorded(v2: Path, tmp_path: Path) -> None:
    original = v2.read_bytes()
    assert _user_version(v2) == 2
    archive = _archive(v2)
    backup = v2.with_name("workshop.db.v2.bak")
    assert backup.read_bytes() == original
    assert _user_version(v2) == 4
    assert integrity(v2) == "ok"
    assert archive == _recorded_now(RECORDED_V2)
    assert '"what-is": {' in archive  # its timers came through
    fresh = tmp_path / "fresh.db"
    open_engine(str(fresh)).store.close()
    for table in ("workshop", "participant"):
        assert _columns(v2, table) == _columns(fresh, table)
    assert list(v2.parent.glob("*.bak")) == [backup]


def test_the_version_2_file_takes_participants_from_their_devices(v2: Path) -> None:
    engine = open_engine(str(v2))
    (summary,) = engine.list_workshops()
    wid = summary.id
    person = engine.load(wid).participants[0]
    assert not person.joined and not person.blocked
    assert engine.join_participant(wid, person.name) == person.ref
    engine.set_rules(wid, open_join=True, anonymous="always")
    newcomer = engine.join_participant(wid, "Liv Ørnes", create=True)
    state = engine.load(wid)
    assert state.participant(person.ref).joined and state.participant(newcomer).joined
    assert state.open_join and state.anonymous == "always" and state.authors_hidden
    engine.undo(wid)  # the rules; the joins are passed over
    state = engine.load(wid)
    assert not state.open_join and state.participant(newcomer).name == "Liv Ørnes"
    engine.store.close()
    archive = json.loads(_archive(v2))
    assert [p["joined"] for p in archive["participants"]].count(True) == 2
    assert archive["events"][-1]["action"] == "undo"
    assert [e["actor"] for e in archive["events"] if e["action"] == "participant.join"] == [person.name, "Liv Ørnes"]


def test_a_failing_step_to_version_3_keeps_version_2(v2: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = db.MIGRATIONS[2]

    def broken(conn: sqlite3.Connection) -> None:
        real(conn)
        conn.execute("ALTER TABLE no_such_table ADD COLUMN x TEXT")

    with monkeypatch.context() as patched:
        patched.setattr(db, "MIGRATIONS", {**db.MIGRATIONS, 2: broken})
        with pytest.raises(StoreDamaged):
            open_engine(str(v2))
    assert _user_version(v2) == 2
    assert "joined" not in [column[1] for column in _columns(v2, "participant")]
    assert v2.read_bytes() == FIXTURE_V2.read_bytes()
    assert _archive(v2) == _recorded_now(RECORDED_V2)
