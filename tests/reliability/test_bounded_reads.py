"""Bounded reads: no file workshop is given to read makes it hang, crash or fill memory. An archive
or a playbook file that is a FIFO, a device, a link to /dev/zero or a folder is refused at once
naming it; an archive too large, too deep or with ten million pains is refused by the size limits;
front matter with aliases (billion laughs) is refused. Each runs as a user would, in a child process
with a memory limit and a time-out as a guard (a regression fails instead of eating the machine),
and the database is left byte for byte as it was.

And what an older version let into a database (an actor with an escape sequence, an event with a
field this version does not know, a lone surrogate) gives messages, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_checks import child_env

from workshop.domain.errors import EXIT_CODES
from workshop.engine import open_engine
from workshop.export import render

MEMORY = 1024 * 1024 * 1024
"""The address space a child may take: far more than any refusal needs, far less than a read
without end would."""

GUARD = 90
"""Seconds before a child is taken for hung (each of these ends in about a second)."""


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _workshop(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workshop", *args], capture_output=True, text=True,
                          env=child_env(db), timeout=GUARD, stdin=subprocess.DEVNULL, preexec_fn=_limited)


def _digest(db: Path) -> str:
    digest = hashlib.sha256()
    for part in (db, db.with_name(db.name + "-wal")):
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "verksted.db"
    engine = open_engine(str(path))
    wid, _ = engine.create_workshop("Pakken som aldri kom – æøå", stages=["Bestilling", "Levering"])
    engine.add_touchpoint(wid, "Venter på sporingsmelding", stage="Levering", feeling=-1)
    engine.store.checkpoint()
    engine.store.close()
    return path


def _archive_text(db: Path) -> str:
    engine = open_engine(str(db))
    try:
        return render("json", engine.load(1), engine.events(1))
    finally:
        engine.store.close()


# archives --------------------------------------------------------------------------------------


def _fifo(folder: Path) -> Path:
    path = folder / "arkiv.json"
    os.mkfifo(path)
    return path


def _zero_link(folder: Path) -> Path:
    path = folder / "arkiv.json"
    path.symlink_to("/dev/zero")
    return path


def _folder(folder: Path) -> Path:
    path = folder / "arkiv.json"
    path.mkdir()
    return path


def _too_large(folder: Path) -> Path:
    path = folder / "stort.json"
    with path.open("wb") as fh:
        fh.truncate(65 * 1024 * 1024)  # sparse: no disk taken
    return path


def _nested(folder: Path) -> Path:
    path = folder / "dypt.json"
    path.write_text('{"format": "workshop-archive", "version": 3, "workshop": ' + "[" * 100_000 + "]" * 100_000 + "}")
    return path


def _ten_million_pains(folder: Path, db: Path) -> Path:
    data = json.loads(_archive_text(db))
    data["touchpoints"][0]["pains"] = ["@PAINS@"]
    head, tail = json.dumps(data, ensure_ascii=False).split('"@PAINS@"')
    path = folder / "smerter.json"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head)
        for _ in range(100):
            fh.write(",".join(['"Å"'] * 100_000) + ",")
        fh.write('"Å"' + tail)
    return path


ARCHIVES: list[tuple[str, Callable[[Path], Path] | None, str, int]] = [
    ("/dev/zero", None, "file: /dev/zero is a device, not a file", 11),
    ("a FIFO", _fifo, "is a named pipe (FIFO), not a file", 11),
    ("a link to /dev/zero", _zero_link, "is a device (a link to /dev/zero), not a file", 11),
    ("a folder", _folder, "is a folder, not a file", 11),
    ("65 MiB", _too_large, "is 65.0 MiB; workshop reads at most 64.0 MiB here", 11),
    ("nested 100,000 deep", _nested, "archive: nests too deep to read", 3),
]


@pytest.mark.parametrize(("what", "make", "message", "code"), ARCHIVES, ids=[a[0] for a in ARCHIVES])
def test_an_archive_that_cannot_be_read_is_refused_at_once(tmp_path: Path, db: Path, what, make, message, code) -> None:
    path = Path("/dev/zero") if make is None else make(tmp_path)
    before = _digest(db)
    done = _workshop("import", str(path), db=db)
    assert done.returncode == code, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert _digest(db) == before


def test_an_archive_with_ten_million_pains_is_refused_by_the_size_limits(tmp_path: Path, db: Path) -> None:
    path = _ten_million_pains(tmp_path, db)
    before = _digest(db)
    done = _workshop("import", str(path), db=db)
    assert done.returncode == 3, done.stderr
    assert "archive: holds more than 8,000,000 values" in done.stderr and "Traceback" not in done.stderr
    assert _digest(db) == before


def test_a_tampered_archive_is_refused_naming_the_event_and_a_sound_one_imports(tmp_path: Path, db: Path) -> None:
    data = json.loads(_archive_text(db))
    data["events"][-1]["changes"][-1]["after"]["text"] = "Venter ikke på noe"
    tampered = tmp_path / "fikset.json"
    tampered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = _digest(db)
    done = _workshop("import", str(tampered), db=db)
    assert done.returncode == 3
    assert done.stderr.startswith(f"error: events[{len(data['events'])}]: the log does not fold to the rows: "
                                  "touchpoint T1 text is 'Venter ikke på noe'")
    assert _digest(db) == before
    sound = tmp_path / "arkiv.json"
    sound.write_text(_archive_text(db), encoding="utf-8")
    done = _workshop("import", str(sound), "--json", db=db)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["changed"] == ["uid", "slug"]


# the playbook ----------------------------------------------------------------------------------


def _laughs(guide: Path) -> None:
    lines = ["---", "phase: what-is", "title: Latter", "timebox: 45", "a: &a [" + ", ".join(['"ha"'] * 9) + "]"]
    for name, earlier in zip("bcdefghij", "abcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{earlier}"] * 9) + "]")
    guide.write_text("\n".join([*lines, "---", "# What Is", ""]), encoding="utf-8")


PLAYBOOK: list[tuple[str, Callable[[Path], None], str]] = [
    ("billion laughs", _laughs, ":6: the front matter uses an alias (*a); aliases are not read"),
    ("a link to /dev/zero", lambda g: g.symlink_to("/dev/zero"), ": is a device (a link to /dev/zero), not a file"),
    ("a FIFO", lambda g: os.mkfifo(g), ": is a named pipe (FIFO), not a file"),
    ("a folder", lambda g: g.mkdir(), ": is a folder, not a file"),
]


@pytest.mark.parametrize(("what", "make", "message"), PLAYBOOK, ids=[p[0] for p in PLAYBOOK])
@pytest.mark.parametrize("command", ["check", "show", "show --raw"])
def test_a_guide_that_cannot_be_read_is_named_at_once(tmp_path: Path, db: Path, what, make, message, command) -> None:
    folder = tmp_path / "spilleboka"
    assert _workshop("playbook", "init", str(folder), db=db).returncode == 0
    guide = folder / "en" / "guides" / "what-is.md"
    guide.unlink()
    make(guide)
    args = ["playbook", "check", str(folder)] if command == "check" else [
        "playbook", *command.split(), "what-is", "--playbook", str(folder)]
    done = _workshop(*args, db=db)
    assert done.returncode == 3, done.stderr + done.stdout
    assert f"{guide}{message}" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


# what an older version let in --------------------------------------------------------------------


def _as_an_older_version_stored(db: Path, *, actor: str | None = None, extra: bool = False,
                                surrogate: bool = False) -> None:
    """Change the stored log and rows as only a version without today's checks could have."""
    conn = sqlite3.connect(db)
    try:
        if actor is not None:
            conn.execute("UPDATE event SET actor = ? WHERE workshop_id = 1 AND seq > 1", (actor,))
        seq, payload = conn.execute("SELECT seq, payload FROM event WHERE workshop_id = 1 ORDER BY seq DESC").fetchone()
        changes = json.loads(payload)
        for change in changes["changes"]:
            if change["t"] == "touchpoint":
                if extra:
                    change["after"]["colour"] = "blå"
                if surrogate:
                    change["after"]["pains"] = ["Kø \ud800"]
        conn.execute("UPDATE event SET payload = ? WHERE workshop_id = 1 AND seq = ?", (json.dumps(changes), seq))
        if surrogate:
            conn.execute("UPDATE touchpoint SET pains = ? WHERE workshop_id = 1", (json.dumps(["Kø \ud800"]),))
        conn.commit()
    finally:
        conn.close()


def test_the_archive_of_a_workshop_with_an_escape_sequence_in_an_actor_imports_again(tmp_path: Path, db: Path) -> None:
    _as_an_older_version_stored(db, actor="\x1b[31mÅse\x1b[0m")
    archive = tmp_path / "arkiv.json"
    assert _workshop("export", "1", "--what", "json", "--out", str(archive), db=db).returncode == 0
    other = tmp_path / "annen.db"
    done = _workshop("import", str(archive), db=other)
    assert done.returncode == 0, done.stderr
    assert ("held control characters or terminal escape sequences, removed as from pasted text: "
            "events[2].actor") in done.stderr
    log = json.loads(_workshop("log", "1", "--json", db=other).stdout)
    assert {e["actor"] for e in log["events"]} == {"", "Åse"}


@pytest.mark.parametrize("damage", ["extra", "surrogate"])
def test_a_log_imported_before_archives_were_proven_gives_no_traceback(db: Path, damage: str) -> None:
    _as_an_older_version_stored(db, extra=damage == "extra", surrogate=damage == "surrogate")
    for args in (["export", "1", "--at", "2"], ["export", "1", "--at", "2", "--what", "json"],
                 ["export", "1", "--what", "json"], ["export", "1"], ["show", "1", "--json"],
                 ["log", "1", "--json"], ["undo", "1"], ["redo", "1"]):
        done = _workshop(*args, db=db)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        assert done.returncode in EXIT_CODES and done.returncode not in (1, 2), (args, done.stderr)
        if damage == "surrogate" and done.returncode == 0 and args[0] in ("export", "show"):
            assert "\ufffd" in done.stdout or "Kø" not in done.stdout
