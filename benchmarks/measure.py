"""Provides what every measurement shares: a row of the results table, timing statistics, and
running a fresh Python process and timing it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Row:
    """One line of the results table: a figure, the floor it is measured against, and the goal."""

    what: str
    figure: str
    floor: str = ""
    ratio: float | None = None
    goal: str = ""
    met: bool | None = None
    """True or False against the goal; None when there is no goal or nothing was measured."""
    note: str = ""

    @classmethod
    def not_measured(cls, what: str, reason: str, goal: str = "") -> Row:
        return cls(what, "not measured", goal=goal, note=reason)


def compile_as_installed() -> str:
    """Compile the checkout's modules to bytecode, as `pip install` does for an installed copy;
    what it did, for the run's header.

    The app runs here from the checkout. Where PYTHONDONTWRITEBYTECODE is set (as on the
    benchmark machine), Python would compile every module of the app again at each start, time
    that no installed copy spends, while Textual and Typer, which it is measured against, are
    installed and compiled. Stale bytecode is never used: Python checks each file's source time."""
    import compileall

    folders = (ROOT / "src" / "workshop", ROOT / "benchmarks")
    ok = all(compileall.compile_dir(folder, quiet=1) for folder in folders)
    return ("the app's modules compiled to bytecode, as an installed copy's are" if ok
            else "the app's modules could not all be compiled to bytecode: start-up figures include compiling")


def seconds(value: float) -> str:
    """A duration in the unit a reader compares best: ms below a second."""
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def env(db: str | Path | None = None) -> dict[str, str]:
    """The environment for a child process: the checkout importable, the database given."""
    result = dict(os.environ)
    result["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), str(ROOT), result.get("PYTHONPATH", "")) if p)
    if db is not None:
        result["WORKSHOP_DB"] = str(db)
    return result


def time_process(argv: list[str], *, db: str | Path | None = None, repeat: int = 5,
                 check: bool = True) -> float:
    """The median wall time of running `argv` as a fresh process, start to exit."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(argv, env=env(db), capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if check and done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return median(times)


def time_alternated(commands: dict[str, list[str]], *, repeat: int = 5) -> dict[str, list[float]]:
    """The wall times of each command as a fresh process, run in turns (one of each, then
    again), so that a change in the machine's load falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            times[name].append(time_process(argv, repeat=1))
    return times


def table(rows: list[Row]) -> str:
    """The results as a GitHub Markdown table."""
    lines = ["| measurement | figure | floor | ratio | goal | met |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        met = {True: "yes", False: "**no**", None: ""}[r.met]
        figure = r.figure + (f" ({r.note})" if r.note else "")
        lines.append(f"| {r.what} | {figure} | {r.floor} | {ratio} | {r.goal} | {met} |")
    return "\n".join(lines)
