"""Provides the writers benchmark: 1, 4 and 16 processes casting dots at once on one workshop.

Each process casts its share of single dots through the engine, counting each vote only once
`cast_vote` has returned (committed). Afterwards the database must hold every counted dot: a
lost vote is a dot acknowledged but missing. The floor is a raw `sqlite3` loop doing the same
writes per transaction (read the dots spent, upsert the vote, read the last seq, insert an
event) with the same pragmas and `BEGIN IMMEDIATE`, run by as many processes.
"""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Row

IDEAS = 50


def _engine_writer(db: str, wid: int, participant: str, count: int, barrier, out) -> None:
    from workshop.domain.errors import WorkshopError
    from workshop.engine import Engine
    from workshop.store.db import Store

    engine = Engine(Store(db))
    engine.load(wid)  # warm the connection pool and the statement cache, as an open app would be
    barrier.wait()
    acked, errors = 0, []
    for n in range(count):
        try:
            engine.cast_vote(wid, participant, f"I{1 + n % IDEAS}", actor=participant)
            acked += 1
        except WorkshopError as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    out.put((participant, acked, errors, time.perf_counter()))
    engine.store.close()


_RAW_SCHEMA = """
CREATE TABLE vote (participant TEXT, idea TEXT, dots INTEGER, PRIMARY KEY (participant, idea));
CREATE TABLE event (seq INTEGER PRIMARY KEY, at TEXT, actor TEXT, action TEXT, payload TEXT);
"""


def _raw_connect(db: str) -> sqlite3.Connection:
    conn = sqlite3.connect(db, isolation_level=None, timeout=15)
    conn.execute("PRAGMA busy_timeout = 15000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _raw_writer(db: str, _wid: int, participant: str, count: int, barrier, out) -> None:
    conn = _raw_connect(db)
    barrier.wait()
    acked = 0
    for n in range(count):
        idea = f"I{1 + n % IDEAS}"
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("SELECT coalesce(sum(dots), 0) FROM vote WHERE participant = ?", (participant,)).fetchone()
        conn.execute("INSERT INTO vote VALUES (?, ?, 1) ON CONFLICT (participant, idea) "
                     "DO UPDATE SET dots = dots + 1", (participant, idea))
        seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM event").fetchone()[0]
        conn.execute("INSERT INTO event VALUES (?, datetime('now'), ?, 'vote.cast', ?)",
                     (seq, participant, f'{{"idea": "{idea}"}}'))
        conn.execute("COMMIT")
        acked += 1
    out.put((participant, acked, [], time.perf_counter()))
    conn.close()


def _prepare_engine(db: str, processes: int) -> int:
    from workshop.engine import open_engine

    engine = open_engine(db)
    wid, _ = engine.create_workshop("Skrivere samtidig", stages=["Levering"])
    for n in range(1, processes + 1):
        engine.add_participant(wid, f"Deltaker {n} Ødegård")
    engine.set_rules(wid, dots=10_000)
    for n in range(IDEAS):
        engine.add_idea(wid, f"Idé nummer {n + 1} – send SMS før levering")
    engine.store.close()
    return wid


def _prepare_raw(db: str) -> int:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(_RAW_SCHEMA)
    conn.close()
    return 0


def _run(kind: str, db: str, processes: int, per_process: int) -> tuple[float, int, list[str], int]:
    """Wall time, dots acknowledged, errors, and dots found in the database afterwards."""
    wid = _prepare_engine(db, processes) if kind == "engine" else _prepare_raw(db)
    target = _engine_writer if kind == "engine" else _raw_writer
    took, acked, errors = spawn(target, db, wid, processes, per_process)
    conn = sqlite3.connect(db)
    found = conn.execute("SELECT coalesce(sum(dots), 0) FROM vote").fetchone()[0]
    conn.close()
    return took, acked, errors, found


def spawn(target, db: str, wid: int, processes: int, per_process: int) -> tuple[float, int, list[str]]:
    """Run `target` in that many processes at once: wall time, dots acknowledged, errors."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(db, wid, f"U{n}", per_process, barrier, out))
             for n in range(1, processes + 1)]
    for p in procs:
        p.start()
    barrier.wait()
    started = time.perf_counter()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    took = max(r[3] for r in results) - started
    acked = sum(r[1] for r in results)
    errors = [e for r in results for e in r[2]]
    return took, acked, errors


def measure(quick: bool = False) -> list[Row]:
    """Throughput against the raw floor and lost votes, for 1, 4 and 16 writers."""
    total, rounds = (96, 1) if quick else (320, 3)
    rows = []
    for processes in (1, 4, 16):
        per = max(1, total // processes)
        rate = raw_rate = 0.0
        lost, acked, errors = 0, 0, []
        # Engine and floor take turns, and each keeps its best round: on a shared machine a
        # neighbour's burst should not decide the ratio.
        for _ in range(rounds):
            with tempfile.TemporaryDirectory() as tmp:
                took, done, refused, found = _run("engine", str(Path(tmp) / "engine.db"), processes, per)
                raw_took, raw_acked, _, _ = _run("raw", str(Path(tmp) / "raw.db"), processes, per)
            rate, raw_rate = max(rate, done / took), max(raw_rate, raw_acked / raw_took)
            lost, acked, errors = lost + done - found, acked + done, errors + refused
        ratio = rate / raw_rate
        note = f"{lost} lost of {acked}" + (f"; {len(errors)} refused: {errors[0]}" if errors else "")
        rows.append(Row(
            f"writers: {processes} process{'es' if processes > 1 else ''} casting dots",
            f"{rate:.0f} dots/s", f"{raw_rate:.0f} /s raw sqlite3", ratio,
            "≥ 50% of raw, 0 lost", ratio >= 0.5 and lost == 0 and not errors, note))
    return rows


if __name__ == "__main__":
    from benchmarks.measure import table

    print(table(measure(quick=True)))
