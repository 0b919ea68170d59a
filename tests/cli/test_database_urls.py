"""A `--db` value with a scheme is a database URL, never a path: nothing is made on disk for it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app

UNKNOWN = ["mysql://ws@db.example.org/ws", "mongodb+srv://åse@klynge/ws", "http://db/ws", "Sqlite3://x/y"]


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert not isinstance(result.exception, (AttributeError, TypeError, ImportError)), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("url", UNKNOWN)
@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_unknown_kind_of_url_is_refused_and_makes_nothing(
        url: str, how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKSHOP_DB", url if how == "environment" else str(tmp_path / "unused.db"))
    args = ["--db", url] if how == "option" else []
    code, output = _run(*args, "demo", "--no-tui")
    assert code == 3
    assert "database: unknown kind of database" in output
    assert "postgresql+psycopg://" in output  # says what would be understood
    assert list(tmp_path.iterdir()) == []


def test_a_postgresql_url_without_its_driver_says_how_to_install_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as where it is not installed
    monkeypatch.setenv("WORKSHOP_DB", "postgresql+psycopg://ws@db.example.org/ws")
    code, output = _run("demo", "--no-tui")
    assert code == 10
    assert "pip install 'workshop[postgres]'" in output
    assert list(tmp_path.iterdir()) == []


def test_a_password_in_the_url_is_never_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run("--db", "mysql://ws:hemmelig-passord@db.example.org/ws", "list")
    assert code == 3
    assert "hemmelig" not in output and "ws:***@db.example.org" in output


def test_a_sqlite_url_names_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _ = _run("--db", f"sqlite:///{tmp_path / 'møte.db'}", "new", "Kundereisen på Ørland")
    assert code == 0
    assert (tmp_path / "møte.db").is_file()
    code, output = _run("--db", str(tmp_path / "møte.db"), "list")
    assert "Kundereisen på Ørland" in output
