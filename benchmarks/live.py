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


class OpenApp:
    """The facilitation app open on a workshop in a process of its own, telling the moment each
    new state of the workshop was painted (see `benchmarks.frame live`)."""

    def __init__(self, db: Path, wid: int, phase: str = "what-is") -> None:
        self.db, self.wid, self.phase = db, wid, phase
        self.lines: list[str] = []
        self.arrived = threading.Condition()

    def __enter__(self) -> OpenApp:
        self.app = subprocess.Popen([PYTHON, "-m", "benchmarks.frame", "live", str(self.db), str(self.wid), self.phase],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, env=env())
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda line: line == "ready")
        return self

    def __exit__(self, *_exc: object) -> None:
        self.app.stdin.close()  # type: ignore[union-attr]
        self.app.wait(60)

    def _read(self) -> None:
        for line in self.app.stdout:  # type: ignore[union-attr]
            with self.arrived:
                self.lines.append(line.strip())
                self.arrived.notify_all()

    def wait_for(self, test, timeout: float = 120) -> str:
        with self.arrived:
            if not self.arrived.wait_for(lambda: any(test(line) for line in self.lines), timeout):
                raise TimeoutError(f"the open app never showed it: {self.app.stderr.read()[-2000:]}")  # type: ignore[union-attr]
            return next(line for line in self.lines if test(line))

    def shown(self, events: int) -> float:
        """The moment the app painted a state holding `events` events or more."""
        line = self.wait_for(lambda line: line.startswith("{") and json.loads(line)["events"] >= events)
        return json.loads(line)["shown"]


def _shown_after(db: Path, wid: int, changes: int) -> list[float]:
    from workshop.engine import open_engine

    engine = open_engine(str(db))
    delays = []
    try:
        with OpenApp(db, wid) as app:
            for n in range(changes):
                engine.add_touchpoint(wid, f"Kunden ringer igjen om leveransen ({n})", stage="1", feeling=-1)
                committed = time.time()
                delays.append(app.shown(engine.last_seq(wid)) - committed)
                time.sleep(0.2 + random.random() * 0.3)  # a random moment of the app's polling
    finally:
        engine.store.close()
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
