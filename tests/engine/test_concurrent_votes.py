"""Processes voting at the same moment can never exceed a participant's dots."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from workshop.engine import Engine, open_engine


def _vote(db: str, workshop: int, idea: str, barrier, results) -> None:
    engine = open_engine(db)
    barrier.wait()
    try:
        engine.cast_vote(workshop, "Åse Ødegård", idea)
        results.put(("ok", ""))
    except Exception as exc:  # the refusal is what is being counted
        results.put((type(exc).__name__, str(exc)))


def test_ten_processes_spend_exactly_three_dots(engine: Engine, workshop: int, db_path: Path) -> None:
    ideas = [engine.add_idea(workshop, f"Idé nummer {n}: hentepunkt nær kunden") for n in range(10)]
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(10)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_vote, args=(str(db_path), workshop, idea, barrier, results))
        for idea in ideas
    ]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    ok = [o for o in outcomes if o[0] == "ok"]
    refused = [o for o in outcomes if o[0] != "ok"]
    assert len(ok) == 3
    assert len(refused) == 7
    assert all(kind == "RuleRefused" and msg.startswith("dots: Åse Ødegård has 0 of 3") for kind, msg in refused)
    state = engine.load(workshop)
    assert state.dots_spent("U1") == 3
    assert sum(1 for e in engine.events(workshop) if e.action == "vote.cast") == 3
