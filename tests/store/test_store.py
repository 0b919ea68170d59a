"""The store: pragmas, schema version, and files that must be refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workshop.domain.errors import StoreDamaged, StoreRefused, StoreTooNew
from workshop.engine import open_engine
from workshop.store.db import APPLICATION_ID, SCHEMA_VERSION, Store

pytestmark = pytest.mark.file_only  # the database server's own cases: tests/store/test_postgres.py


def test_new_database_has_the_pragmas_and_version(db_path: Path) -> None:
    store = Store(str(db_path))
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
    store.close()


def test_default_database_follows_workshop_db(db_path: Path) -> None:
    engine = open_engine()
    engine.create_workshop("Kundereisen for returer")
    assert db_path.exists()
    assert [w.title for w in open_engine(str(db_path)).list_workshops()] == ["Kundereisen for returer"]


def _refused(path: Path, error: type[Exception], match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(error, match=match) as err:
        Store(str(path))
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()
    assert err.value.exit_code > 2


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Dette er ikke en database, men et notat om kundereiser.\n" * 10)
    _refused(path, StoreRefused, "not a workshop database")


def test_another_programs_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE workshop (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    _refused(path, StoreRefused, "another program")


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _refused(path, StoreTooNew, "newer version")


def test_a_truncated_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cut.db"
    engine = open_engine(str(path))
    wid, _ = engine.create_workshop("Avkuttet", stages=["Kjøp", "Levering"])
    for n in range(40):
        engine.add_touchpoint(wid, f"Kontaktpunkt {n} " + "æøå" * 200, stage="Kjøp")
    engine.store.checkpoint()
    engine.store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(path, StoreDamaged, "truncated")


def test_deleting_a_workshop_removes_everything_it_held(engine, workshop: int) -> None:
    tp = engine.add_touchpoint(workshop, "Får SMS", stage="Sales", feeling=1)
    idea = engine.add_idea(workshop, "Bedre SMS", touchpoints=[tp])
    engine.cast_vote(workshop, "U1", idea)
    engine.delete_workshop(workshop)
    assert engine.list_workshops() == []
    with engine.store.read() as conn:
        for table in ("touchpoint", "idea", "link", "vote", "event", "stage", "counter"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0


def test_a_batch_writes_each_action_as_its_own_event_and_lands_whole(engine, workshop: int) -> None:
    before = engine.last_seq(workshop)
    with engine.store.batch():
        first = engine.add_touchpoint(workshop, "Leser om levering", stage="Sales")
        engine.add_idea(workshop, "Vis dato i kassen", touchpoints=[first])
    assert engine.last_seq(workshop) == before + 2
    with pytest.raises(RuntimeError):
        with engine.store.batch():
            engine.add_touchpoint(workshop, "Skal ikke lagres", stage="Sales")
            raise RuntimeError("stopped half-way")
    assert [tp.text for tp in engine.load(workshop).touchpoints] == ["Leser om levering"]
    assert engine.last_seq(workshop) == before + 2


def test_a_deleted_workshops_id_is_never_given_again(engine) -> None:
    first, _ = engine.create_workshop("Første runde")
    engine.delete_workshop(first)
    second, _ = engine.create_workshop("Andre runde")
    assert second != first
