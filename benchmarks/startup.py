"""Provides the start-up and memory measurements: a fresh process to the first complete frame of
What Is, against a bare Textual app showing one line; and the peak memory of the app on S=10."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from benchmarks.measure import PYTHON, Row, env, median, seconds
from benchmarks.workshops import Generated, in_phase


def first_frame(*args: str) -> tuple[float, float, float, float]:
    """Seconds from starting a process to its first complete frame, to the whole workshop read
    and to the data layer open (the frame's moment for the bare app), and its peak RSS in MB."""
    started = time.time()
    done = subprocess.run([PYTHON, "-m", "benchmarks.frame", *args], capture_output=True, text=True,
                          env=env(), timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks.frame {' '.join(args)} failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    frame = result["frame"]
    return (frame - started, result.get("whole", frame) - started, result.get("engine", frame) - started,
            result["peak_rss_mb"])


def _medians_of(repeat: int, *kinds: tuple[str, ...]) -> list[tuple[float, float, float, float]]:
    """The median of each moment `first_frame` gives, and the peak memory, of each kind of
    process, started in turns (one of each, `repeat` times), so that a busy moment of the machine
    falls on all of them alike."""
    runs: list[list[tuple[float, float, float, float]]] = [[] for _ in kinds]
    for _ in range(repeat):
        for i, args in enumerate(kinds):
            runs[i].append(first_frame(*args))
    return [(median([r[0] for r in these]), median([r[1] for r in these]), median([r[2] for r in these]),
             max(r[3] for r in these)) for these in runs]


def measure(s1: Generated, s10: Generated, folder: Path, *, quick: bool = False) -> list[Row]:
    repeat = 3 if quick else 5
    db1, db10 = in_phase(s1, folder, "what-is"), in_phase(s10, folder, "what-is")
    (bare, _, _, bare_mb), (one, one_whole, one_engine, _), (ten, ten_whole, ten_engine, ten_mb) = _medians_of(
        repeat, ("bare",), ("workshop", str(db1), str(s1.workshop)), ("workshop", str(db10), str(s10.workshop)))
    return [
        Row("start-up: first frame of What Is, S=1", seconds(one), f"{seconds(bare)} bare Textual app",
            one / bare, "≤ 2.5×", one / bare <= 2.5),
        Row("start-up: S=10 against S=1", seconds(ten), f"{seconds(one)} S=1", ten / one, "≤ 1.3×", ten / one <= 1.3),
        Row("start-up: keys taken (the rest of the workshop read), S=1", seconds(one_whole),
            f"{seconds(one)} its first frame", one_whole / one),
        Row("start-up: keys taken, S=10", seconds(ten_whole), f"{seconds(ten)} its first frame", ten_whole / ten),
        Row("start-up: the data layer open (a change no longer waits), S=1", seconds(one_engine),
            f"{seconds(one)} its first frame", one_engine / one),
        Row("start-up: the data layer open, S=10", seconds(ten_engine), f"{seconds(ten)} its first frame",
            ten_engine / ten),
        Row("memory: peak RSS of the app on S=10", f"{ten_mb:.0f} MB", f"{bare_mb:.0f} MB bare Textual app",
            ten_mb / bare_mb),
    ]
