"""kill -9: a process killed at any moment loses nothing it had acknowledged as saved.

A child process performs engine actions and acknowledges each only after its commit; the test
kills it with SIGKILL at random moments, then checks that SQLite finds the file sound, that
workshop still opens it, and that every acknowledged touchpoint, idea, link and dot is there.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from reliability_actor import start
from reliability_checks import acknowledged_changes, integrity, missing_acknowledged

from workshop.engine import open_engine


def _setup(db: Path) -> tuple[int, int]:
    engine = open_engine(str(db))
    wid, _ = engine.create_workshop("Avbrutt midt i", stages=["Bestilling", "Levering", "Retur"])
    for name in ("Åse Ødegård", "Bjørn Sæther", "Märta Lindqvist"):
        engine.add_participant(wid, name)
    engine.set_rules(wid, dots=1_000_000)
    events = len(engine.events(wid))
    engine.store.close()
    return wid, events


def _run_and_kill(db: Path, wid: int, name: str, seed: int, delay: float) -> list[str]:
    """Start a child, let it work for `delay` seconds after it is ready, then SIGKILL it."""
    child = start(str(db), wid, name, seed, 1_000_000)
    assert child.ready.wait(60), "the child never became ready"
    time.sleep(delay)
    assert child.kill() == -9, "the child ended before it was killed"
    unhandled = [line for line in child.lines if line.startswith("X ")]
    assert not unhandled, unhandled[:3]
    return [line for line in child.lines if line[:1] in "TIVL"]


def test_every_acknowledged_action_survives_kill_9(db_path: Path, long_run: bool) -> None:
    db = db_path
    wid, setup_events = _setup(db)
    rng = random.Random(9)
    kills = 100 if long_run else 10
    acks: list[str] = []
    for round_ in range(kills):
        acks += _run_and_kill(db, wid, f"k{round_}", rng.randrange(1 << 30), rng.uniform(0.0, 0.4))
        assert integrity(db) == "ok", f"after kill {round_ + 1}"
        engine = open_engine(str(db))  # a killed writer must never leave a file workshop refuses
        try:
            assert missing_acknowledged(engine, wid, acks) == [], f"after kill {round_ + 1}"
            written = len(engine.events(wid)) - setup_events
        finally:
            engine.store.close()
        # Each kill may land after a commit and before its acknowledgement: at most one extra.
        assert acknowledged_changes(acks) <= written <= acknowledged_changes(acks) + round_ + 1
    assert acknowledged_changes(acks) > kills, "the children were killed before doing any work"
