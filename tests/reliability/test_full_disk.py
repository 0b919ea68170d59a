"""A full disk and a read-only medium, on real small file systems (a tmpfs of a few hundred KB).

Actions run until the disk is full: the one that found no room is told "disk full" with its own
exit code, every action acknowledged before it is in the file, the file is never called damaged,
reads go on working, and once there is room (the file system made bigger, or a filler file
deleted) the file opens and takes changes again. A file on a medium mounted read-only is read
by every reading command and refused, with a message saying so, by a writing one.

Mounting needs root; without it these tests skip, except on CI, which runs as root.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from reliability_checks import child_env, integrity, run_workshop

from workshop.domain.errors import DiskFull, StoreDamaged, StoreUnavailable
from workshop.engine import Engine, open_engine
from workshop.store.db import Store

TEXT = "Kunden ringer om sofaen: «hvor blir den av?» æøå " * 12


def _unavailable(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}; on CI (as root) the full-disk tests must run")
    pytest.skip(why)


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or f"mount {' '.join(args)} failed")


@contextmanager
def small_disk(kilobytes: int) -> Iterator[Path]:
    """A tmpfs of `kilobytes` KB, mounted on a fresh folder for the test."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        _unavailable("mounting a small tmpfs needs root and mount(8)")
    folder = Path(tempfile.mkdtemp(prefix="workshop-full-"))
    try:
        _mount("-t", "tmpfs", "-o", f"size={kilobytes}k,mode=0755", "tmpfs", str(folder))
    except OSError as exc:
        folder.rmdir()
        _unavailable(f"cannot mount a tmpfs here ({exc})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)
        folder.rmdir()


def _fill(db: Path) -> list[str]:
    """Add touchpoints, each batch by a process of its own as commands would (so each closes the
    file, and SQLite tries its checkpoint), until the disk is full; the references acknowledged."""
    acks: list[str] = []
    for _ in range(400):
        engine = open_engine(str(db))
        try:
            for _ in range(5):
                acks.append(engine.add_touchpoint(1, f"{len(acks) + 1}: {TEXT}", stage="Levering"))
        except DiskFull as full:
            assert "disk full" in full.message and str(db) in full.message
            return acks
        finally:
            engine.store.close()
    raise AssertionError("the disk never filled")


def _all_there(db: Path, acks: list[str]) -> None:
    engine = open_engine(str(db))
    try:
        held = {t.ref: t.text for t in engine.load(1).touchpoints}
    finally:
        engine.store.close()
    missing = [ref for ref in acks if ref not in held]
    assert not missing, f"{len(missing)} acknowledged touchpoints lost: {missing[:5]}"
    for ref in acks:
        assert held[ref].endswith(TEXT.strip())


def _new_workshop(db: Path) -> None:
    engine = open_engine(str(db))
    wid, _ = engine.create_workshop("Reklamasjoner på sofaer", stages=["Kjøp", "Levering"])
    assert wid == 1
    engine.store.close()


def _commands_on_a_full_disk(db: Path, folder: Path, acks: list[str]) -> None:
    """What a user meets while the disk is still full."""
    env = child_env(db)
    add = run_workshop("add", "touchpoint", "1", "Én til: æøå", "--stage", "Levering", env=env)
    assert add.returncode == DiskFull.exit_code, add.stderr
    assert f"error: database: disk full: there is no room left to write {db}" in add.stderr
    assert "Traceback" not in add.stderr
    listing = run_workshop("list", "--json", env=env)
    assert listing.returncode == 0, listing.stderr  # never "damaged": the log holds what the file lacks
    assert f'"touchpoints": {len(acks)}' in listing.stdout
    export = folder / "rapport.md"
    export.write_bytes(b"")
    before = sorted(os.listdir(folder))
    out = run_workshop("export", "1", "--out", str(export), env=env)
    assert out.returncode in (0, DiskFull.exit_code), out.stderr
    if out.returncode:
        assert f"error: out: disk full: there is no room left to write {export}" in out.stderr
        assert export.read_bytes() == b"" and sorted(os.listdir(folder)) == before  # no temporary file left


@pytest.mark.parametrize("room", ["the disk made bigger", "a filler file deleted"])
def test_a_full_disk_loses_nothing_acknowledged_and_the_file_opens_once_there_is_room(room: str) -> None:
    with small_disk(2048 if room == "a filler file deleted" else 600) as folder:
        db = folder / "verksted.db"
        _new_workshop(db)
        filler = folder / "fyll"
        if room == "a filler file deleted":
            free = shutil.disk_usage(folder).free
            filler.write_bytes(b"\0" * (free - 400 * 1024))
        acks = _fill(db)
        assert len(acks) > 20
        _commands_on_a_full_disk(db, folder, acks)
        _all_there(db, acks)

        if room == "the disk made bigger":
            _mount("-o", "remount,size=4096k", str(folder))
        else:
            filler.unlink()
        added = run_workshop("add", "touchpoint", "1", f"{len(acks) + 1}: {TEXT}", "--stage", "Levering",
                             env=child_env(db))
        assert added.returncode == 0, added.stderr
        acks.append(added.stdout.strip())
        _all_there(db, acks)
        assert integrity(db) == "ok"


def _fill_to_the_last_byte(folder: Path) -> Path:
    filler = folder / "fyll"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass  # the last byte is taken
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_while_the_file_is_made_leaves_nothing_behind() -> None:
    with small_disk(1024) as folder:
        filler = _fill_to_the_last_byte(folder)
        db = folder / "ny.db"
        done = run_workshop("new", "Verksted", env=child_env(db))
        assert done.returncode in (DiskFull.exit_code, StoreUnavailable.exit_code), done.stderr
        assert "Traceback" not in done.stderr
        assert sorted(os.listdir(folder)) == ["fyll"]
        filler.unlink()
        done = run_workshop("new", "Verksted", env=child_env(db))
        assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr


def test_a_playbook_copied_to_a_full_disk_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    with small_disk(1024) as folder:
        filler = _fill_to_the_last_byte(folder)
        copy = folder / "min-drejebok"
        done = run_workshop("playbook", "init", str(copy), env=child_env(tmp_path / "w.db"))
        assert done.returncode == DiskFull.exit_code, done.stderr
        assert f"error: DIR: disk full: there is no room left to write {copy}" in done.stderr
        assert sorted(os.listdir(folder)) == ["fyll"]
        filler.unlink()
        done = run_workshop("playbook", "init", str(copy), env=child_env(tmp_path / "w.db"))
        assert done.returncode == 0, done.stderr
        assert (copy / "en" / "guides" / "what-if.md").is_file()


def test_a_read_only_medium_is_read_and_never_written() -> None:
    with small_disk(1024) as folder:
        db = folder / "verksted.db"
        _new_workshop(db)
        engine = open_engine(str(db))
        engine.add_touchpoint(1, "Sofaen kom med riper: æøå", stage="Levering")
        engine.store.close()
        before = db.read_bytes()
        listing = sorted(os.listdir(folder))
        _mount("-o", "remount,ro", str(folder))
        env = child_env(db)
        for args in (["list"], ["show", "1"], ["log", "1"], ["export", "1", "--what", "json"]):
            done = run_workshop(*args, env=env)
            assert done.returncode == 0, (args, done.stderr)
        assert "Sofaen kom med riper: æøå" in run_workshop("show", "1", env=env).stdout
        refused = run_workshop("add", "touchpoint", "1", "Ny", "--stage", "Levering", env=env)
        assert refused.returncode == StoreUnavailable.exit_code, refused.stderr
        assert f"error: database: {db} is read-only here" in refused.stderr
        assert sorted(os.listdir(folder)) == listing and db.read_bytes() == before


# without a mount: a main file a full disk cut short, with its write-ahead log --------------------


def _cut_short_by_a_full_disk(folder: Path) -> tuple[Path, int]:
    """A database as a checkpoint cut short by a full disk leaves it: its header (page 1, the
    first page a checkpoint writes) counts pages the main file does not hold yet; they are in
    its write-ahead log. Made by copying the files while a process holds the log unfolded, then
    giving the main file the header the log holds."""
    live = folder / "live"
    live.mkdir()
    db = live / "verksted.db"
    _new_workshop(db)
    holder = sqlite3.connect(db)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("SELECT count(*) FROM workshop").fetchall()
    engine = open_engine(str(db))
    for n in range(60):
        engine.add_touchpoint(1, f"{n}: {TEXT}", stage="Levering")
    cut = folder / "kopi.db"
    shutil.copy(db, cut)
    shutil.copy(f"{db}-wal", f"{cut}-wal")
    engine.store.close()
    holder.close()
    wal = Path(f"{cut}-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    newest_first_page = None
    offset = 32
    while offset + 24 + page_size <= len(wal):
        if int.from_bytes(wal[offset:offset + 4], "big") == 1:
            newest_first_page = wal[offset + 24:offset + 24 + page_size]
        offset += 24 + page_size
    assert newest_first_page is not None
    with cut.open("r+b") as fh:
        fh.write(newest_first_page[:100])
    pages = int.from_bytes(newest_first_page[28:32], "big")
    assert cut.stat().st_size < pages * page_size  # short, by what its header says
    return cut, 60


def test_a_main_file_cut_short_whose_log_holds_the_rest_opens_with_everything(tmp_path: Path) -> None:
    db, added = _cut_short_by_a_full_disk(tmp_path)
    engine = Engine(Store(str(db)))
    try:
        assert len(engine.load(1).touchpoints) == added
    finally:
        engine.store.close()
    assert integrity(db) == "ok"


def test_a_main_file_cut_short_without_its_log_is_damaged(tmp_path: Path) -> None:
    db, _ = _cut_short_by_a_full_disk(tmp_path)
    Path(f"{db}-wal").unlink()
    before = db.read_bytes()
    with pytest.raises(StoreDamaged, match="truncated"):
        Store(str(db))
    assert db.read_bytes() == before
