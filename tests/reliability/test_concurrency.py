"""Concurrency: 16 processes doing mixed actions on one workshop at the same moment.

Nothing acknowledged is lost, no process meets an unhandled "database is locked", no one spends
more dots than the rules give, no idea holds more than its cap, and SQLite finds the file sound (on PostgreSQL: every key holds).
"""

from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

from reliability_actor import start
from reliability_checks import acknowledged_changes, foreign_key_problems, integrity, missing_acknowledged

from workshop.engine import open_engine

PROCESSES = 16
DOTS, CAP = 3, 4


def _setup(db: Path) -> tuple[int, int]:
    engine = open_engine(str(db))
    wid, _ = engine.create_workshop("Alle på en gang", stages=["Bestilling", "Levering"])
    for name in ("Åse Ødegård", "Bjørn Sæther", "Märta Lindqvist", "Søren Næss", "Liv Østby", "Kåre Bråten"):
        engine.add_participant(wid, name)
    engine.set_rules(wid, dots=DOTS, cap=CAP)
    engine.add_touchpoint(wid, "Venter på pakken", stage="Levering", feeling=-2)
    for text in ("SMS med tidsvindu", "Hentepunkt i butikk", "Ring før levering", "Sporing i appen"):
        engine.add_idea(wid, text)
    events = len(engine.events(wid))
    engine.store.close()
    return wid, events


def test_sixteen_processes_lose_nothing_and_break_no_rule(db_path: Path, long_run: bool) -> None:
    db = db_path
    wid, setup_events = _setup(db)
    actions = 40 if long_run else 6
    gate_read, gate_write = os.pipe()
    rng = random.Random(16)
    children = [start(str(db), wid, f"p{n}", rng.randrange(1 << 30), actions, gate=gate_read)
                for n in range(PROCESSES)]
    for child in children:
        assert child.ready.wait(60)
    os.write(gate_write, b"x" * PROCESSES)  # all of them start at the same moment
    for child in children:
        assert child.wait() == 0
        assert child.finished.is_set(), "a child stopped before finishing its actions"
    os.close(gate_read)
    os.close(gate_write)

    lines = [line for child in children for line in child.lines]
    unhandled = [line for line in lines if line.startswith("X ")]
    assert unhandled == []
    refused = [line for line in lines if line.startswith("R ")]
    assert all(line.startswith(("R dots:", "R touchpoint:")) for line in refused), refused
    acks = [line for line in lines if line[:1] in "TIVL"]
    assert len(acks) + len(refused) == PROCESSES * actions

    assert integrity(db) == "ok"
    assert foreign_key_problems(db) == []
    engine = open_engine(str(db))
    try:
        assert missing_acknowledged(engine, wid, acks) == []
        assert len(engine.events(wid)) == setup_events + acknowledged_changes(acks)
        state = engine.load(wid)
    finally:
        engine.store.close()
    spent = Counter[str]()
    held = Counter[str]()
    for vote in state.votes:
        spent[vote.participant] += vote.dots
        held[vote.idea] += vote.dots
    assert max(spent.values(), default=0) <= DOTS
    assert max(held.values(), default=0) <= CAP
    assert sum(spent.values()) == sum(1 for line in acks if line.startswith("V "))
