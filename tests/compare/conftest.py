"""Fixtures for comparing: the demo as mapped then and the same journey mapped again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from compare_workshops import Pair, build_now

from workshop import demo
from workshop.engine import open_engine


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    engine = open_engine(str(Path(tmp_path_factory.mktemp("compare")) / "w.db"))
    then_id = demo.build_demo(engine)
    then = engine.load(then_id)
    now = engine.load(build_now(engine, then))
    yield Pair(engine, then, now)
    engine.store.close()
