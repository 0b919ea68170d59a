"""Provides the live measurement: how long a change made by one process takes to show in a
workshop open in another process's app (the app polls the log and redraws the board)."""

from __future__ import annotations

import json
import random
import subprocess
import threading
import time
from pathlib import Path

from benchmarks.measure import PYTHON, Row, env, median, seconds
from benchmarks.workshops import Generated, in_phase


def _shown_after(db: Path, wid: int, changes: int) -> list[float]:
    from workshop.engine import open_engine

    app = subprocess.Popen([PYTHON, "-m", "benchmarks.frame", "live", str(db), str(wid)],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env=env())
    lines: list[str] = []
    arrived = threading.Condition()

    def read() -> None:
        for line in app.stdout:  # type: ignore[union-attr]
            with arrived:
                lines.append(line.strip())
                arrived.notify_all()

    threading.Thread(target=read, daemon=True).start()

    def wait_for(test, timeout: float = 120) -> str:
        with arrived:
            if not arrived.wait_for(lambda: any(test(line) for line in lines), timeout):
                raise TimeoutError(f"the open app never showed it: {app.stderr.read()[-2000:]}")  # type: ignore[union-attr]
            return next(line for line in lines if test(line))

    engine = open_engine(str(db))
    delays = []
    try:
        wait_for(lambda line: line == "ready")
        for n in range(changes):
            engine.add_touchpoint(wid, f"Kunden ringer igjen om leveransen ({n})", stage="1", feeling=-1)
            committed = time.time()
            count = engine.last_seq(wid)
            shown = wait_for(lambda line, c=count: line.startswith("{") and json.loads(line)["events"] >= c)
            delays.append(json.loads(shown)["shown"] - committed)
            time.sleep(0.2 + random.random() * 0.3)  # a random moment of the app's polling
    finally:
        engine.store.close()
        app.stdin.close()  # type: ignore[union-attr]
        app.wait(60)
    return delays


def measure(s1: Generated, s10: Generated, folder: Path, *, quick: bool = False) -> list[Row]:
    changes = 5 if quick else 15
    rows = []
    for generated in (s1, s10):
        delays = _shown_after(in_phase(generated, folder, "what-is"), generated.workshop, changes)
        rows.append(Row(f"live: another process's change shown, S={generated.size} (median of {changes})",
                        seconds(median(delays)), "", None, "≤ 0.5 s median", median(delays) <= 0.5,
                        f"slowest {seconds(max(delays))}"))
    return rows
