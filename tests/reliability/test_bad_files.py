"""Bad files: each is refused with a clear message and its own exit code, and left byte-identical.

Not a database, a truncated database, one from a newer schema or a schema workshop never had,
another program's SQLite file, a folder, a device or a named pipe in a file's place, and a locked
file, each met through `workshop --db FILE list` as a user would, and through the store directly;
a file in a read-only folder, which is read and never written.
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


def schema_zero(folder: Path) -> Path:
    path = _workshop_db(folder / "null.db")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
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
    "schema version 0": (schema_zero, StoreRefused, "schema version 0 was never one of workshop's"),
    "another program's SQLite": (unrelated_sqlite, StoreRefused, "another program"),
}


def _untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == [path.name]  # no -wal, -shm, -journal or backup beside it


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


NOT_FILES: dict[str, tuple[Callable[[Path], Path], type[Exception], str]] = {
    "a folder": (lambda folder: folder, StoreUnavailable, "is a folder; give a file in it"),
    "a named pipe": (lambda folder: (os.mkfifo(folder / "rør.db"), folder / "rør.db")[1], StoreRefused,
                     "is a named pipe, not a database file"),
}


@pytest.mark.parametrize("case", list(NOT_FILES))
def test_what_is_not_a_file_is_refused_with_nothing_made_beside_it(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    make, error, words = NOT_FILES[case]
    path = make(folder)
    listing = sorted(os.listdir(folder))
    done = run_workshop("--db", str(path), "list", timeout=20)
    assert done.returncode == error.exit_code, done.stderr
    assert words in done.stderr and str(path) in done.stderr and "Traceback" not in done.stderr
    assert sorted(os.listdir(folder)) == listing


def test_a_device_is_refused_with_no_journal_beside_it() -> None:
    before = sorted(os.listdir("/dev"))
    done = run_workshop("--db", "/dev/null", "new", "Verksted på enheten")
    assert done.returncode == StoreRefused.exit_code, done.stderr
    assert "/dev/null is a device, not a database file" in done.stderr
    assert sorted(os.listdir("/dev")) == before and not Path("/dev/null-journal").exists()


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


def _store_reads_then_refuses_a_write(path: Path) -> Callable[[], int]:
    def action() -> int:
        from workshop.engine import Engine

        try:
            store = Store(str(path))
        except StoreUnavailable as exc:
            os.write(2, exc.message.encode())
            return exc.exit_code
        engine = Engine(store)
        try:
            assert store.read_only
            assert [w.title for w in engine.list_workshops()] == ["Reklamasjoner på sofaer"]
            assert len(engine.load(1).touchpoints) == 3
            engine.add_touchpoint(1, "Ny: skal ikke lagres", stage="Levering")
        except StoreUnavailable as exc:
            os.write(2, exc.message.encode())
            return exc.exit_code
        finally:
            store.close()
        return 0
    return action


def _commands_read_then_refuse_a_write(path: Path) -> Callable[[], int]:
    def action() -> int:
        from workshop.cli import main

        for args in (["list"], ["show", "1"], ["export", "1", "--what", "json"], ["log", "1"]):
            sys.argv = ["workshop", "--db", str(path), *args]
            try:
                main()
            except SystemExit as done:
                if done.code:
                    return done.code
        sys.argv = ["workshop", "--db", str(path), "add", "touchpoint", "1", "Ny", "--stage", "Levering"]
        main()
        return 0
    return action


def test_a_new_file_in_a_read_only_folder_is_refused_untouched(read_only_folder: Path) -> None:
    import workshop.cli  # noqa: F401  (loaded before the fork, as the command would have it)
    from workshop.store import tables  # noqa: F401

    listing = sorted(p.name for p in read_only_folder.iterdir())
    for how in (_store_exit, _command_exit):
        code, stderr = _as_unprivileged(how(read_only_folder / "ny.db"))
        assert code == StoreUnavailable.exit_code, stderr
        assert "cannot write" in stderr and str(read_only_folder / "ny.db") in stderr
        assert "Traceback" not in stderr
        assert sorted(p.name for p in read_only_folder.iterdir()) == listing


@pytest.mark.parametrize("how", ["store", "command"])
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_file_that_cannot_be_written_is_read_and_never_written(read_only_folder: Path, how: str,
                                                                 what: str) -> None:
    """In a read-only folder the file is opened as immutable (nothing beside it is needed or
    made); a read-only file in a folder anyone may write is opened read-only (SQLite makes the
    index of its write-ahead log beside it, as for any reader)."""
    import workshop.cli  # noqa: F401
    from workshop.store import tables  # noqa: F401

    path = read_only_folder / "verksted.db"
    if what == "file":
        read_only_folder.chmod(0o777)
        path.chmod(0o444)
    listing = sorted(p.name for p in read_only_folder.iterdir())
    before = path.read_bytes()
    run = _store_reads_then_refuses_a_write if how == "store" else _commands_read_then_refuse_a_write
    code, stderr = _as_unprivileged(run(path))
    assert code == StoreUnavailable.exit_code, stderr
    assert f"database: {path} is read-only here" in stderr and "Traceback" not in stderr
    if what == "folder":
        assert sorted(p.name for p in read_only_folder.iterdir()) == listing  # no -shm, no -wal
    assert path.read_bytes() == before


# a damaged page inside the file ----------------------------------------------------------------


def _damaged_inside(folder: Path) -> Path:
    """A valid database with its middle pages overwritten (bad sectors, a bad copy): its header
    and first pages are sound, so it is opened, and what is read from the middle is not."""
    path = _workshop_db(folder / "skadet.db", touchpoints=120)
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 4)
        fh.write(b"\xde\xad\xbe\xef" * (size // 8))
    return path


DAMAGED_COMMANDS = [
    ["show", "1"], ["add", "touchpoint", "1", "Ny: æøå", "--stage", "Levering"], ["export", "1"],
    ["export", "1", "--what", "json"], ["copy", "1"], ["compare", "1", "1"], ["list"], ["log", "1"],
    ["add", "idea", "1", "Idé"], ["edit", "touchpoint", "1", "T5", "--text", "Endret"], ["undo", "1"],
    ["phase", "1", "what-if"], ["delete", "1", "--yes"],
]


def test_a_damaged_page_inside_the_file_is_exit_7_for_every_command(tmp_path: Path) -> None:
    path = _damaged_inside(tmp_path)
    codes = {}
    for args in DAMAGED_COMMANDS:
        done = run_workshop(*args, env=child_env(path))
        assert "Traceback" not in done.stderr, (args, done.stderr)
        assert done.returncode in (0, StoreDamaged.exit_code), (args, done.stderr)
        if done.returncode:
            assert f"error: database: {path} is damaged (database disk image is malformed)" in done.stderr
        codes[" ".join(args[:2])] = done.returncode
    assert codes["show 1"] == codes["add touchpoint"] == codes["export 1"] == StoreDamaged.exit_code, codes
