"""Fixtures for the snapshot tests: the demo workshop built once on fixed dates, a fresh copy of
its database for each test, and a cursor that does not blink."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from six_stages import build_six_stages
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


def _private_copy(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """An engine on a private copy of a database built once per run."""
    copy = tmp_path / built.name
    shutil.copyfile(built, copy)
    wal = built.with_name(built.name + "-wal")
    if wal.exists():  # normally folded in when the builder closed; copied in case it was not
        shutil.copyfile(wal, tmp_path / wal.name)
    monkeypatch.setenv("WORKSHOP_DB", str(copy))
    engine = open_engine(str(copy))
    yield engine
    engine.store.close()


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """An engine on a private copy of the demo database."""
    yield from _private_copy(demo_file, tmp_path, monkeypatch)


@pytest.fixture(scope="session")
def six_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the six-stage workshop with long Norwegian names, built once per run."""
    path = tmp_path_factory.mktemp("six") / "six.db"
    engine = open_engine(str(path))
    try:
        build_six_stages(engine)
    finally:
        engine.store.close()
    return path


@pytest.fixture
def six(six_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """An engine on a private copy of the six-stage database."""
    yield from _private_copy(six_file, tmp_path, monkeypatch)
