"""Commands that only read (`list`, `show`, `log`, `export`, `--help`) start without the data
layer's ORM: they read an SQLite file of this version with the standard library, and give what the
engine gives. A file that must first be made or upgraded, and a server, still go through the
store, with the same messages and exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from six_stages import build_six_stages

from workshop.engine import Engine, open_engine
from workshop.engine.opening import open_reader
from workshop.engine.reading import Reader
from workshop.store.reading import FileReader, open_file
from workshop.store.tables import SHAPES

pytestmark = pytest.mark.file_only  # a server is read through the store, which needs the ORM

HEAVY = ("sqlalchemy", "sqlmodel", "textual", "pydantic")

_LOADED = (
    "import atexit, sys\n"
    "def _told():\n"
    f"    heavy = sorted({{m.split('.')[0] for m in sys.modules if m.split('.')[0] in {HEAVY!r}}})\n"
    "    sys.stderr.write('\\nLOADED:' + ','.join(heavy) + '\\n')\n"
    "atexit.register(_told)\n"
    "from workshop.cli import main\n"
    "sys.argv = ['workshop'] + sys.argv[1:]\n"
    "main()\n"
)


def _workshop(args: list[str], db: Path) -> tuple[int, str, list[str]]:
    """Run `workshop ARGS` in a fresh interpreter: its exit code, output, and which of the heavy
    packages it loaded."""
    env = {**os.environ, "WORKSHOP_DB": str(db)}
    done = subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True, text=True,
                          env=env, timeout=120)
    told = [line for line in done.stderr.splitlines() if line.startswith("LOADED:")]
    assert told, done.stderr
    loaded = [m for m in told[-1].removeprefix("LOADED:").split(",") if m]
    return done.returncode, done.stdout, loaded


def _change(db: Path, *statements: str) -> None:
    """Change a file behind the program's back, the log folded into the file (closing does it)."""
    conn = sqlite3.connect(db)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.fixture
def six(engine: Engine) -> str:
    build_six_stages(engine)
    engine.add_idea("barnehageplass-fra-behov-til-forste-uke", "Per [/] Hansen: æøå i <b>SMS</b>-en")
    return "barnehageplass-fra-behov-til-forste-uke"


@pytest.mark.parametrize("args", [
    ["list"], ["list", "--json"], ["show", "{w}"], ["show", "{w}", "--json"], ["log", "{w}"],
    ["export", "{w}"], ["export", "{w}", "--what", "journey"], ["export", "{w}", "--what", "json"],
    ["export", "{w}", "--what", "csv", "--tracker", "jira"], ["export", "{w}", "--what", "map"],
    ["export", "{w}", "--at", "3"], ["--help"], ["export", "--help"],
])
def test_a_read_command_loads_neither_the_orm_nor_textual(db_path: Path, six: str, args: list[str]) -> None:
    code, out, loaded = _workshop([a.format(w=six) for a in args], db_path)
    assert code == 0, out
    assert out.strip()
    assert loaded == [], f"workshop {' '.join(args)} imported {loaded}"


def test_a_read_command_prints_what_the_engine_reads(db_path: Path, six: str, engine: Engine) -> None:
    code, out, _ = _workshop(["show", six, "--json"], db_path)
    assert code == 0
    shown = json.loads(out)
    state = engine.load(six)
    assert shown["title"] == state.title
    assert len(shown["touchpoints"]) == len(state.touchpoints) > 10
    assert "Per [/] Hansen: æøå i <b>SMS</b>-en" in [i["text"] for i in shown["ideas"]]
    code, out, _ = _workshop(["export", six, "--what", "journey"], db_path)
    from workshop.export import render

    assert out == render("journey", state, [])


def test_the_file_reader_reads_what_the_engine_reads(db_path: Path, six: str, engine: Engine) -> None:
    engine.undo(six)
    reader = open_reader(str(db_path))
    assert isinstance(reader.store, FileReader) and not isinstance(reader, Engine)
    try:
        assert reader.list_workshops() == engine.list_workshops()
        assert reader.load(six) == engine.load(six)
        assert reader.rows(six) == engine.rows(six)
        assert reader.events(six) == engine.events(six)
        assert reader.events(six, changes=False) == engine.events(six, changes=False)
        assert reader.events(six, since=5) == engine.events(six, since=5)
        assert reader.last_seq(six) == engine.last_seq(six) > 10
        assert reader.workshop_id(six) == engine.workshop_id(six)
    finally:
        reader.store.close()


def test_the_files_own_tables_have_the_shapes_of_the_models(db_path: Path, six: str) -> None:
    """One schema: the tables the SQLModel classes made are what the reader reads them as."""
    found = FileReader(db_path).shapes()
    assert set(found.items) == set(SHAPES.items)
    for name in ("workshop", "event", *SHAPES.items):
        mine, theirs = found[name], SHAPES[name]
        assert (mine.columns, mine.json, mine.flags) == (theirs.columns, theirs.json, theirs.flags), name


def test_the_reader_reads_a_file_upgraded_from_version_3(tmp_path: Path) -> None:
    """A file of an older version is upgraded by the store first (a backup made), then read."""
    db = tmp_path / "old.db"
    engine = open_engine(str(db))
    engine.create_workshop("Gammel fil æøå")
    engine.store.close()
    _change(db, "ALTER TABLE participant DROP COLUMN done_voting", "PRAGMA user_version = 3")
    assert open_file(str(db)) is None  # the file reader leaves the upgrade to the store
    reader = open_reader(str(db))
    assert isinstance(reader, Engine)
    assert [w.title for w in reader.list_workshops()] == ["Gammel fil æøå"]
    reader.store.close()
    assert (tmp_path / "old.db.v3.bak").exists()
    assert isinstance(open_reader(str(db)).store, FileReader)


def test_a_new_file_is_made_by_the_store_as_before(tmp_path: Path) -> None:
    db = tmp_path / "ny" / "workshop.db"
    code, out, _ = _workshop(["list"], db)
    assert code == 0 and "No workshops yet" in out
    assert db.exists()


@pytest.mark.parametrize(("content", "code", "words"), [
    (b"not a database at all" * 10, 6, "not a workshop database"),
    (b"SQLite format 3\x00" + b"\x00" * 84, 7, "damaged"),
])
def test_a_refused_file_is_refused_by_the_read_commands_too(tmp_path: Path, content: bytes, code: int,
                                                             words: str) -> None:
    db = tmp_path / "other.db"
    db.write_bytes(content)
    for args in (["list"], ["show", "1"], ["log", "1"], ["export", "1"]):
        done = subprocess.run([sys.executable, "-m", "workshop", *args], capture_output=True, text=True,
                              env={**os.environ, "WORKSHOP_DB": str(db)}, timeout=120)
        assert done.returncode == code, (args, done.stderr)
        assert words in done.stderr
    assert db.read_bytes() == content


def test_another_programs_database_and_a_newer_one_are_refused_unchanged(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    _change(other, "CREATE TABLE t (x)")
    newer = tmp_path / "newer.db"
    engine = open_engine(str(newer))
    engine.store.close()
    _change(newer, "PRAGMA user_version = 99")
    for db, words in ((other, "another program"), (newer, "newer version")):
        before = db.read_bytes()
        done = subprocess.run([sys.executable, "-m", "workshop", "list"], capture_output=True, text=True,
                              env={**os.environ, "WORKSHOP_DB": str(db)}, timeout=120)
        assert done.returncode != 0 and words in done.stderr, done.stderr
        assert db.read_bytes() == before


def test_an_unknown_workshop_is_named_by_the_reader(db_path: Path, six: str) -> None:
    reader: Reader = open_reader(str(db_path))
    done = subprocess.run([sys.executable, "-m", "workshop", "show", "ingen-slik-æøå"], capture_output=True,
                          text=True, env={**os.environ, "WORKSHOP_DB": str(db_path)}, timeout=120)
    assert done.returncode == 4 and "no workshop 'ingen-slik-æøå'" in done.stderr
    reader.store.close()


def test_each_part_of_the_command_holds_the_commands_the_table_says() -> None:
    """The commands are made when first asked for, by the part `PARTS` names: it names each
    command of each part, in the order `--help` lists them."""
    from workshop.cli import PARTS, load_part

    for part, names in PARTS.items():
        assert tuple(load_part(part)) == names, part


def test_a_command_makes_only_its_own_part(db_path: Path, six: str) -> None:
    code = ("import sys\n"
            "from workshop.cli import main\n"
            "sys.argv = ['workshop', 'list']\n"
            "try:\n"
            "    main()\n"
            "finally:\n"
            "    made = sorted(m for m in sys.modules if m.startswith('workshop.cli.'))\n"
            "    sys.stderr.write('MADE:' + ','.join(made) + '\\n')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "WORKSHOP_DB": str(db_path)})
    made = done.stderr.split("MADE:")[-1].strip().split(",")
    assert "workshop.cli.workshops" in made
    assert not {"workshop.cli.add", "workshop.cli.edit", "workshop.cli.batch", "workshop.cli.serve"} & set(made)
