"""`workshop copy W --to DB`: a workshop moves with its whole event log between a file and a
PostgreSQL server (and between two files), and exports the same there as here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app


def _run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def _exports(db: str, workshop: str) -> dict[str, str]:
    return {what: _run("--db", db, "export", workshop, "--what", what)
            for what in ("journey", "report", "json", "csv")}


@pytest.fixture
def laptop(tmp_path: Path) -> str:
    db = str(tmp_path / "bærbar.db")
    _run("--db", db, "demo", "--no-tui")
    _run("--db", db, "add", "idea", "demo", "Hent på Ørland – æøå")
    _run("--db", db, "undo", "demo")  # an undo in the log, to be carried along too
    return db


@pytest.mark.parametrize("kind", ["file", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_workshop_goes_there_and_back_with_the_same_exports(
        kind: str, laptop: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    there = str(tmp_path / "kontoret.db") if kind == "file" else request.getfixturevalue("postgres_url")
    back = str(tmp_path / "tilbake.db")
    made = json.loads(_run("--db", laptop, "copy", "demo", "--to", there, "--json"))
    assert made["slug"] == "demo" and made["changed"] == []
    assert _exports(there, "demo") == _exports(laptop, "demo")
    assert "(there are 2 workshops" not in _run("--db", there, "list")
    _run("--db", there, "copy", "demo", "--to", back)
    assert _exports(back, "demo") == _exports(laptop, "demo")
    assert _run("--db", back, "log", "demo") == _run("--db", laptop, "log", "demo")


def test_a_slug_taken_there_is_replaced_and_said(laptop: str, tmp_path: Path) -> None:
    there = str(tmp_path / "kontoret.db")
    _run("--db", laptop, "copy", "demo", "--to", there)
    result = CliRunner().invoke(app, ["--db", laptop, "copy", "demo", "--to", there])
    assert result.exit_code == 0
    assert "note: the workshop's uid and slug were already in this database; copied as demo-2" in result.stderr


@pytest.mark.parametrize(("args", "field", "code"), [
    (["copy", "demo", "--to", "SAME"], "to", 3),
    (["copy", "demo", "--to", "  "], "to", 3),
    (["copy", "demo", "--to", "OTHER", "--title", "Ny tittel"], "title", 3),
    (["copy", "finnes-ikke", "--to", "OTHER"], "workshop", 4),
    (["copy", "demo", "--to", "mysql://ws@tjener/ws"], "database", 3),
])
def test_a_copy_that_cannot_be_made_changes_nothing(
        args: list[str], field: str, code: int, laptop: str, tmp_path: Path) -> None:
    other = tmp_path / "annen.db"
    args = [laptop if a == "SAME" else str(other) if a == "OTHER" else a for a in args]
    before = Path(laptop).read_bytes()
    result = CliRunner().invoke(app, ["--db", laptop, *args])
    assert result.exit_code == code
    assert result.stderr.startswith(f"error: {field}: ")
    assert not other.exists()
    assert Path(laptop).read_bytes() == before
