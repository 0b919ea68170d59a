"""Fixtures for the snapshot tests: the demo workshop built once on fixed dates, a fresh copy of
its database for each test, and a cursor that does not blink."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from workshop.demo import build_demo
from workshop.engine import Engine, open_engine

DEMO_DAY = dt.date(2026, 3, 2)
"""The demo's 'today': its brief date and pilot dates follow from it, so every run draws the same."""


@pytest.fixture(autouse=True)
def still_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text cursor stays lit instead of blinking."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the demo workshop, built once per run."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = open_engine(str(path))
    try:
        build_demo(engine, today=DEMO_DAY)
    finally:
        engine.store.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """An engine on a private copy of the demo database."""
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    wal = demo_file.with_name("demo.db-wal")
    if wal.exists():  # normally folded in when the builder closed; copied in case it was not
        shutil.copyfile(wal, tmp_path / "demo.db-wal")
    monkeypatch.setenv("WORKSHOP_DB", str(copy))
    engine = open_engine(str(copy))
    yield engine
    engine.store.close()
