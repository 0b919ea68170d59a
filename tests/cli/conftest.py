"""Fixtures for the command line: a runner on a temporary database and a workshop made through it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from postgres_server import PostgresDatabase, copy_database
from typer.testing import CliRunner, Result

from workshop.cli import app
from workshop.engine import open_engine

Run = Callable[..., Result]


@pytest.fixture
def run(db_path: Path) -> Run:
    """Run `workshop ARGS…` on the test database; `code=` is the exit code the test expects."""
    runner = CliRunner()

    def invoke(*args: str, code: int = 0, input: str | None = None) -> Result:
        result = runner.invoke(app, [str(a) for a in args], input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == code, result.output
        return result

    return invoke


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    """Run a command with --json and parse what it printed."""

    def invoke(*args: str) -> Any:
        return json.loads(run(*args, "--json").stdout)

    return invoke


@pytest.fixture
def snapshot(db_path: Path) -> Callable[[int | str], tuple[Any, int]]:
    """The workshop as stored and its number of events, read straight from the database."""

    def read(workshop: int | str) -> tuple[Any, int]:
        engine = open_engine(str(db_path))
        try:
            return engine.load(workshop), len(engine.events(workshop))
        finally:
            engine.store.close()

    return read


def _build_shop(run: Callable[..., Any]) -> None:
    assert run("new", "Nettbutikk: sene leveranser", "--challenge", "Hvordan kan vi …?").stdout.strip() == "1"
    run("add", "participant", "1", "Åse Ødegård", "--role", "Kundeservice")
    run("add", "participant", "1", "Bjørn Æsøy", "--role", "Logistikk")
    run("add", "persona", "1", "Hytteeieren", "--description", "Bestiller tunge ting til hytta")
    run("add", "touchpoint", "1", "Jeg venter på pakken i ti dager", "--stage", "3", "--feeling", "-2",
        "--pain", "Ingen sporing", "--evidence", "12 samtaler i uka om leveringstid", "--count", "12",
        "--moment-of-truth", "--persona", "Hytteeieren", "--channel", "email")
    run("add", "idea", "1", "Send SMS når pakken er forsinket", "--touchpoint", "T1", "--theme", "Beskjed")
    run("add", "concept", "1", "--idea", "I1", "--effect", "4", "--cost", "2")
    run("add", "pilot", "1", "Varsel", "--concept", "C1", "--start", "2025-06-01", "--end", "2025-07-01")


@pytest.fixture(scope="session")
def shop_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small workshop, built once with the CLI (with `--db`) and copied for each test."""
    path = tmp_path_factory.mktemp("shop") / "workshop.db"
    runner = CliRunner()

    def run(*args: str) -> Result:
        result = runner.invoke(app, ["--db", str(path), *args])
        assert result.exit_code == 0, result.output
        return result

    _build_shop(run)
    return path


@pytest.fixture
def shop(db_path: Path, shop_file: Path) -> str:
    """A small workshop made with the CLI: two participants, a persona, a touchpoint in stage 3,
    an idea (I1) linked to it, a concept (C1) and a pilot (P1); its slug."""
    if isinstance(db_path, PostgresDatabase):
        copy_database(shop_file, db_path)
        return "nettbutikk-sene-leveranser"
    for file in shop_file.parent.iterdir():
        shutil.copy2(file, db_path.parent / file.name.replace(shop_file.name, db_path.name))
    return "nettbutikk-sene-leveranser"
