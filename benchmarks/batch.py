"""Provides the batch measurement: 1,000 `add idea` lines run by one `workshop batch` process
(as it is, and with --atomic), against the same commands run as 1,000 `workshop add idea`
processes, on the same empty workshop, side by side.

Each `workshop add idea` process does the same work, start-up and one write, so the processes
are timed on a sample run in turns with the batches (`PROCESSES`, spread over the rounds) and
their mean is counted 1,000 times; the table says how many ran.
"""

from __future__ import annotations

import shlex
import shutil
import statistics
import time
from pathlib import Path

from benchmarks.measure import PYTHON, Row, median, seconds, time_process

LINES = 1000
WORKSHOP = [PYTHON, "-m", "workshop"]


def _text(n: int) -> str:
    return f"Kunden spør om «levering» for {n}. gang: æøå"


def _fresh(folder: Path) -> tuple[Path, int]:
    from workshop.engine import open_engine

    path = folder / "batch-empty.db"
    if not path.exists():
        engine = open_engine(str(path))
        engine.create_workshop("Kundeservice på Ørland", stages=["Spør", "Venter", "Får svar"])
        engine.store.close()
    return path, 1


def measure(folder: Path, *, quick: bool = False) -> list[Row]:
    rounds, sample = (2, 20) if quick else (3, 60)
    empty, wid = _fresh(folder)
    script = folder / "ideas.batch"
    script.write_text("".join(f"add idea {wid} {shlex.quote(_text(n))}\n" for n in range(LINES)),
                      encoding="utf-8")
    db = folder / "batch-run.db"
    plain, atomic, each = [], [], []
    for _ in range(rounds):
        for times, extra in ((plain, []), (atomic, ["--atomic"])):
            shutil.copyfile(empty, db)
            started = time.perf_counter()
            time_process([*WORKSHOP, "--db", str(db), "batch", *extra, str(script)], repeat=1)
            times.append(time.perf_counter() - started)
        shutil.copyfile(empty, db)
        for n in range(sample // rounds):
            each.append(time_process([*WORKSHOP, "--db", str(db), "add", "idea", str(wid), _text(n)],
                                     repeat=1))
    processes = statistics.fmean(each) * LINES
    rows = []
    for label, times in (("", plain), (" --atomic", atomic)):
        took = median(times)
        speedup = processes / took
        rows.append(Row(f"batch: {LINES:,} `add idea` lines in one `workshop batch{label}`",
                        seconds(took), f"{seconds(processes)} as {LINES:,} processes", speedup,
                        "≥ 20× faster", speedup >= 20,
                        f"median of {rounds}; the processes: {len(each)} run, their mean × {LINES:,}"))
    rows.append(Row("batch: one `workshop add idea` process", seconds(median(each)),
                    note=f"median of {len(each)}"))
    return rows
