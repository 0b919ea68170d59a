"""Fixtures for the exports: the Nordic workshop through all four phases, read back as the
engine has it, with its event log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from export_workshop import build

from workshop.domain.model import WorkshopState
from workshop.engine import Engine, LoggedEvent, open_engine

TOOLS = Path(__file__).resolve().parents[2].parent / "shared" / "tools"
"""The shared checkers (gfm-check, mermaid-check): ../shared/tools beside the repository."""


@dataclass
class Built:
    engine: Engine
    id: int
    state: WorkshopState
    events: list[LoggedEvent]


@pytest.fixture(scope="module")
def nordic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """A late-delivery workshop in Norwegian, Swedish and Danish words, through What Works; built
    once per test module in its own database, and only read by the tests."""
    engine = open_engine(str(tmp_path_factory.mktemp("nordic") / "workshop.db"))
    wid = build(engine)
    yield Built(engine, wid, engine.load(wid), engine.events(wid))
    engine.store.close()
