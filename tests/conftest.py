"""Fixtures that isolate the machine: a temporary database, the environment pointed at it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.engine import Engine, open_engine


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true", default=False,
                     help="run the long variants of the reliability suites (tests/reliability)")


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh database file that `WORKSHOP_DB` points at, so nothing touches the real data folder."""
    path = tmp_path / "workshop.db"
    monkeypatch.setenv("WORKSHOP_DB", str(path))
    monkeypatch.setenv("WORKSHOP_LOG_DIR", str(tmp_path / "logs"))  # reports of unexpected errors
    monkeypatch.delenv("WORKSHOP_LANG", raising=False)
    monkeypatch.delenv("WORKSHOP_PLAYBOOK", raising=False)
    return path


@pytest.fixture
def engine(db_path: Path) -> Engine:
    eng = open_engine(str(db_path))
    yield eng
    eng.store.close()


@pytest.fixture
def workshop(engine: Engine) -> int:
    """A workshop on the core-processes stages, with one participant who has 3 dots."""
    wid, _ = engine.create_workshop(
        "Leveranser som kommer for sent",
        stages=["Marketing", "Sales", "Delivery and use", "Customer service", "Customer follow-up"],
        template="core-processes",
    )
    engine.add_participant(wid, "Åse Ødegård", role="Customer service")
    return wid
