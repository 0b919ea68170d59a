"""`--out` writes the file the path names, for every command that writes one (export, compare):
through a symbolic link to its target, to a named pipe or a device as a stream, `-` and
`/dev/stdout` to the standard output; an existing file keeps its permissions (and its owner),
a new one gets the umask's; a folder, a missing folder or a full device is refused clearly."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from workshop.domain.errors import DiskFull, FileUnavailable

COMMANDS = {
    "export": lambda shop, out: ["export", shop, "--what", "journey", "--out", out],
    "compare": lambda shop, out: ["compare", shop, shop, "--out", out],
}
"""Every command with `--out`, and what it writes: a Markdown text that names the workshop."""
MARK = "sene leveranser"


@pytest.fixture(params=list(COMMANDS))
def writing(request: pytest.FixtureRequest, shop: str):
    """The arguments of a command writing to a given `--out`."""
    return lambda out: COMMANDS[request.param](shop, str(out))


def test_every_command_with_out_is_covered() -> None:
    from typer.main import get_command

    from workshop.cli import app

    def leaves(group, prefix=()):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from leaves(command, (*prefix, name))
            else:
                yield " ".join((*prefix, name)), command

    with_out = {name for name, command in leaves(get_command(app)) if any("--out" in p.opts for p in command.params)}
    assert with_out == set(COMMANDS)


def test_a_symbolic_link_is_followed_and_stays_a_link(run, writing, tmp_path: Path) -> None:
    target = tmp_path / "mål" / "reise.md"
    target.parent.mkdir()
    target.write_text("gammel tekst\n", encoding="utf-8")
    target.chmod(0o644)
    link = tmp_path / "lenke.md"
    link.symlink_to(Path("mål") / "reise.md")
    run(*writing(link))
    assert link.is_symlink() and os.readlink(link) == str(Path("mål") / "reise.md")
    assert MARK in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["reise.md"]  # no temporary file left


def test_a_link_to_a_file_not_there_yet_makes_the_file(run, writing, tmp_path: Path) -> None:
    link = tmp_path / "lenke.md"
    link.symlink_to(tmp_path / "ny.md")
    run(*writing(link))
    assert link.is_symlink() and MARK in (tmp_path / "ny.md").read_text(encoding="utf-8")


def test_a_named_pipe_is_written_as_a_stream_to_its_reader(run, writing, tmp_path: Path) -> None:
    pipe = tmp_path / "rør"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    run(*writing(pipe))
    reader.join(20)
    assert MARK in got[0].decode("utf-8")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_dash_prints(run, writing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert MARK in run(*writing("-")).stdout
    assert not (tmp_path / "-").exists()


def _real_command(args: list[str], db: Path, stdout) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "WORKSHOP_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "workshop", *args], stdout=stdout, stderr=subprocess.PIPE,
                          env=env, stdin=subprocess.DEVNULL, timeout=60)


def test_dev_stdout_is_the_output_and_stays_what_it_is(writing, db_path: Path, tmp_path: Path) -> None:
    before = os.lstat("/dev/stdout")
    done = _real_command(writing("/dev/stdout"), db_path, subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert MARK in done.stdout.decode("utf-8")
    # The output sent to a file by the shell (`>> log`) is written there, after what it held.
    log = tmp_path / "logg.md"
    log.write_text("før: æøå\n", encoding="utf-8")
    with log.open("ab") as appending:
        done = _real_command(writing("/dev/stdout"), db_path, appending)
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("før: æøå\n") and MARK in text
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_a_full_device_is_a_full_disk_and_stays_a_device(run, writing) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("this system has no /dev/full")
    result = run(*writing("/dev/full"), code=DiskFull.exit_code)
    assert "error: out: disk full: there is no room left to write /dev/full" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o664])
def test_a_replaced_file_keeps_its_permissions(run, writing, tmp_path: Path, mode: int) -> None:
    target = tmp_path / "reise.md"
    target.write_text("gammel\n", encoding="utf-8")
    target.chmod(mode)
    run(*writing(target))
    assert stat.S_IMODE(target.stat().st_mode) == mode and MARK in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_umasks_permissions(run, writing, tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        run(*writing(tmp_path / "ny.md"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "ny.md").stat().st_mode) == mode


def test_a_replaced_file_keeps_its_owner(run, writing, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root may write a file of another user's and give it back")
    target = tmp_path / "reise.md"
    target.write_text("gammel\n", encoding="utf-8")
    os.chown(target, 65534, 65534)
    run(*writing(target))
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)


@pytest.mark.parametrize(("where", "words"), [
    ("folder", "is a folder; give a file name"),
    ("missing folder", "does not exist"),
    ("under a file", "a part of that path is a file"),
])
def test_a_place_that_is_no_file_is_refused_clearly(run, writing, tmp_path: Path, where: str, words: str) -> None:
    (tmp_path / "fil.txt").write_text("æøå\n", encoding="utf-8")
    out = {"folder": tmp_path, "missing folder": tmp_path / "finnes-ikke" / "reise.md",
           "under a file": tmp_path / "fil.txt" / "reise.md"}[where]
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = run(*writing(out), code=FileUnavailable.exit_code)
    assert f"error: out: " in result.stderr and words in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
