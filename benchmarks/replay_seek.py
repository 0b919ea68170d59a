"""Provides the replay measurement: seeking to 100 random events of the S=10 workshop, each timed
from asking to a complete `WorkshopState`; the floor is loading the current state from the
database, which is what the board shows when not replaying."""

from __future__ import annotations

import random
import time

from benchmarks.measure import Row, median, p95, seconds
from benchmarks.workshops import Generated


def measure(s10: Generated, *, quick: bool = False) -> list[Row]:
    try:
        from workshop.replay import Replay
    except ImportError as missing:  # replay not part of this build
        return [Row.not_measured("replay: seek to a random event, S=10", f"no replay module ({missing})",
                                 "every one < 0.1 s")]
    from workshop.engine import open_engine

    engine = open_engine(str(s10.db))
    try:
        started = time.perf_counter()
        replay = Replay.open(engine, s10.workshop)
        opening = time.perf_counter() - started
        rng = random.Random(10)
        times = []
        for k in (rng.randint(1, len(replay)) for _ in range(100)):
            started = time.perf_counter()
            replay.state_at(k)
            times.append(time.perf_counter() - started)
        loads = []
        for _ in range(3 if quick else 5):
            started = time.perf_counter()
            engine.load(s10.workshop)
            loads.append(time.perf_counter() - started)
    finally:
        engine.store.close()
    worst = max(times)
    return [
        Row("replay: open the log, S=10", seconds(opening), f"{len(replay):,} events"),
        Row("replay: seek to 100 random events, S=10 (median / slowest)",
            f"{seconds(median(times))} / {seconds(worst)}", f"{seconds(median(loads))} load from database",
            worst / median(loads), "every one < 0.1 s", worst < 0.1, f"p95 {seconds(p95(times))}"),
    ]
