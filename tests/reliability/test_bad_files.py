"""Bad files: each is refused with a clear message and its own exit code, and left byte-identical.

Not a database, a truncated database, one from a newer schema, another program's SQLite file, a
read-only folder and a locked file, each met through `workshop --db FILE list` as a user would,
and through the store directly.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from reliability_checks import child_env, run_workshop

from workshop.domain.errors import StoreBusy, StoreDamaged, StoreRefused, StoreTooNew, StoreUnavailable
from workshop.engine import open_engine
from workshop.store.db import SCHEMA_VERSION, Store


def _workshop_db(path: Path, touchpoints: int = 3) -> Path:
    engine = open_engine(str(path))
    wid, _ = engine.create_workshop("Reklamasjoner på sofaer", stages=["Kjøp", "Levering"])
    for n in range(touchpoints):
        engine.add_touchpoint(wid, f"Kunden ringer om sofa nr. {n}: «hvor blir den av?» " + "æøå" * 60,
                              stage="Levering", feeling=-1)
    engine.store.checkpoint()
    engine.store.close()
    return path


def not_a_database(folder: Path) -> Path:
    path = folder / "notat.db"
    path.write_text("Møtenotat: kundereisen for returer, æ ø å.\n" * 40, encoding="utf-8")
    return path


def truncated(folder: Path) -> Path:
    path = _workshop_db(folder / "avkuttet.db", touchpoints=40)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def newer_schema(folder: Path) -> Path:
    path = _workshop_db(folder / "nyere.db")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


def unrelated_sqlite(folder: Path) -> Path:
    path = folder / "regnskap.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bilag (id INTEGER PRIMARY KEY, tekst TEXT)")
    conn.execute("INSERT INTO bilag (tekst) VALUES ('Kvittering for kaffe, 45 kr')")
    conn.commit()
    conn.close()
    return path


CASES: dict[str, tuple[Callable[[Path], Path], type[Exception], str]] = {
    "not a database": (not_a_database, StoreRefused, "not a workshop database"),
    "truncated": (truncated, StoreDamaged, "truncated"),
    "newer schema": (newer_schema, StoreTooNew, "newer version of workshop"),
    "another program's SQLite": (unrelated_sqlite, StoreRefused, "another program"),
}


def _untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_by_the_store_untouched(case: str, tmp_path: Path) -> None:
    make, error, words = CASES[case]
    path = make(tmp_path)
    before = path.read_bytes()
    with pytest.raises(error, match=words) as refused:
        Store(str(path))
    assert str(path) in refused.value.message
    _untouched(path, before)


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_by_the_command_untouched(case: str, tmp_path: Path) -> None:
    make, error, words = CASES[case]
    path = make(tmp_path)
    before = path.read_bytes()
    done = run_workshop("--db", str(path), "list")
    assert done.returncode == error.exit_code, done.stderr
    assert words in done.stderr and str(path) in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    _untouched(path, before)


def test_each_kind_of_bad_file_has_its_own_exit_code() -> None:
    codes = {StoreRefused.exit_code, StoreDamaged.exit_code, StoreTooNew.exit_code,
             StoreBusy.exit_code, StoreUnavailable.exit_code}
    assert len(codes) == 5 and min(codes) > 2  # 0, 1 and 2 are success, a bug and a usage error


# a locked file ---------------------------------------------------------------------------------


@contextmanager
def held_exclusively(path: Path) -> Iterator[None]:
    """Another connection holds the file exclusively, readers shut out too.

    Nothing in this process may open the file meanwhile: closing any descriptor of it would
    release this process's POSIX locks, the holder's among them.
    """
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("SELECT count(*) FROM workshop").fetchone()  # the lock is taken at first use
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_locked_file_is_refused_by_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workshop_db(tmp_path / "laast.db")
    before = path.read_bytes()
    monkeypatch.setenv("WORKSHOP_BUSY_TIMEOUT_MS", "200")
    with held_exclusively(path), pytest.raises(StoreBusy, match="locked by another process"):
        Store(str(path))
    assert path.read_bytes() == before


def test_a_locked_file_is_refused_by_the_command(tmp_path: Path) -> None:
    path = _workshop_db(tmp_path / "laast.db")
    before = path.read_bytes()
    with held_exclusively(path):
        done = run_workshop("--db", str(path), "list", env=child_env(WORKSHOP_BUSY_TIMEOUT_MS="300"))
    assert done.returncode == StoreBusy.exit_code, done.stderr
    assert "locked by another process" in done.stderr and str(path) in done.stderr
    assert path.read_bytes() == before


def test_a_write_waits_for_the_lock_then_gives_a_clear_message(tmp_path: Path) -> None:
    path = _workshop_db(tmp_path / "skriv.db")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # a writer in another process: readers may still read
    try:
        env = child_env(WORKSHOP_BUSY_TIMEOUT_MS="300")
        assert run_workshop("--db", str(path), "list", env=env).returncode == 0
        done = run_workshop("--db", str(path), "add", "touchpoint", "1", "Kunden venter", "--stage", "Kjøp", env=env)
        assert done.returncode == StoreBusy.exit_code, done.stderr
        assert "locked by another process" in done.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# a read-only folder ----------------------------------------------------------------------------


def _as_unprivileged(action: Callable[[], int]) -> tuple[int, str]:
    """Run `action` in a forked child that has no write permission beyond its own: when the tests
    run as root (as in CI), the child first becomes `nobody`, for whom a mode of 555 holds.
    Returns the child's exit code and what it wrote to stderr."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            os.close(read_end)
            os.dup2(write_end, 2)
            sys.stderr = open(2, "w", closefd=False)  # the command writes to sys.stderr
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            code = action()
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        except BaseException as exc:  # reported to the parent, which fails the test
            os.write(2, f"unexpected {type(exc).__name__}: {exc}".encode())
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8", errors="replace") as pipe:
        text = pipe.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), text


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    """A folder nobody but root may write, inside a folder anyone may enter."""
    base = Path(tempfile.mkdtemp(prefix="workshop-ro-"))
    base.chmod(0o755)
    folder = base / "delt"
    folder.mkdir()
    _workshop_db(folder / "verksted.db")
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(base)


def _store_exit(path: Path) -> Callable[[], int]:
    def action() -> int:
        try:
            Store(str(path)).close()
        except StoreUnavailable as exc:
            os.write(2, exc.message.encode())
            return exc.exit_code
        return 0
    return action


def _command_exit(path: Path) -> Callable[[], int]:
    def action() -> int:
        from workshop.cli import main

        sys.argv = ["workshop", "--db", str(path), "list"]
        main()
        return 0
    return action


@pytest.mark.parametrize("name", ["verksted.db", "ny.db"])
@pytest.mark.parametrize("how", ["store", "command"])
def test_a_read_only_folder_is_refused_untouched(read_only_folder: Path, name: str, how: str) -> None:
    import workshop.cli  # noqa: F401  (loaded before the fork, as the command would have it)
    from workshop.store import tables  # noqa: F401

    path = read_only_folder / name
    listing = sorted(p.name for p in read_only_folder.iterdir())
    before = path.read_bytes() if path.exists() else None
    run = _store_exit(path) if how == "store" else _command_exit(path)
    code, stderr = _as_unprivileged(run)
    assert code == StoreUnavailable.exit_code, stderr
    assert "cannot write" in stderr and str(path) in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in read_only_folder.iterdir()) == listing
    if before is not None:
        assert path.read_bytes() == before
