"""Provides the command-line measurements: `workshop export --what report` at S=1 and S=10 against
the same command on an empty workshop (the fixed start-up), as whole processes and as the
command's own run after its imports, in turns; and `workshop list` against
`python -c "import sqlmodel"`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from benchmarks.measure import PYTHON, Row, env, median, seconds, time_alternated
from benchmarks.workshops import Generated

WORKSHOP = [PYTHON, "-m", "workshop"]


def _empty(folder: Path) -> tuple[Path, int]:
    from workshop.engine import open_engine

    path = folder / "empty.db"
    engine = open_engine(str(path))
    wid, _ = engine.create_workshop("Tomt verksted", stages=["Bestilling", "Levering"])
    engine.store.close()
    return path, wid


_RUN = """
import io, sys, time, contextlib
from workshop.cli import app
import workshop.engine, workshop.export, workshop.replay  # what the command imports when it runs
out = io.StringIO()
started = time.perf_counter()
with contextlib.redirect_stdout(out):
    app(sys.argv[1:], prog_name="workshop", standalone_mode=False)
took = time.perf_counter() - started
print(took, file=sys.stderr)
"""
"""A fresh process that imports the command, then times one run of it (what it prints is kept
in memory, not written): the work above start-up, without the start-up's noise."""


def _own_time(args: list[str]) -> float:
    done = subprocess.run([PYTHON, "-c", _RUN, *args], env=env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"workshop {' '.join(args)} failed: {done.stderr[-2000:]}")
    return float(done.stderr.strip().splitlines()[-1])


def measure(s1: Generated, s10: Generated, folder: Path, *, quick: bool = False) -> list[Row]:
    repeat = 5 if quick else 9
    empty, empty_id = _empty(folder)
    cases = {"empty": (empty, empty_id), "s1": (s1.db, s1.workshop), "s10": (s10.db, s10.workshop)}

    def export(db: Path, wid: int) -> list[str]:
        return ["--db", str(db), "export", str(wid), "--what", "report"]

    # Whole processes, in turns, so load that comes and goes falls on all three alike.
    whole = time_alternated({name: [*WORKSHOP, *export(*case)] for name, case in cases.items()},
                            repeat=repeat)
    fixed, t1, t10 = (median(whole[name]) for name in cases)
    # The growth is a difference of two timings, and at S=1 a few hundred milliseconds against a
    # start-up that load moves by seconds: it is taken from the command's own run in each process
    # (imports done before the clock starts), in turns too.
    own: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, case in cases.items():
            own[name].append(_own_time(export(*case)))
    run0, run1, run10 = (median(own[name]) for name in cases)
    growth1, growth10 = max(run1 - run0, 1e-3), max(run10 - run0, 1e-3)
    # Linear growth: ten times the workshop costs about ten times the work above start-up.
    linear = growth10 / growth1
    rows = [
        Row("CLI: export --what report, empty workshop", seconds(fixed), goal="(the fixed start-up)",
            note=f"its own run {seconds(run0)}"),
        Row("CLI: export --what report, S=1", seconds(t1), f"{seconds(fixed)} empty", t1 / fixed,
            note=f"its own run {seconds(run1)}"),
        Row("CLI: export --what report, S=10", seconds(t10), f"{seconds(fixed)} empty", t10 / fixed,
            note=f"its own run {seconds(run10)}"),
        Row("CLI: export growth above start-up, S=10 ÷ S=1", f"{seconds(growth10)} ÷ {seconds(growth1)}",
            "10× is linear", linear, "≤ 12× (linear)", linear <= 12,
            f"the command's own run above the empty workshop's, median of {repeat} in turns"),
    ]
    # A read command against the import of the command-line library itself, in turns.
    reads = time_alternated({
        "typer": [PYTHON, "-c", "import typer"],
        "list": [*WORKSHOP, "--db", str(s10.db), "list"],
        "show": [*WORKSHOP, "--db", str(s1.db), "show", str(s1.workshop)],
        "sqlmodel": [PYTHON, "-c", "import sqlmodel"],
    }, repeat=repeat)
    floor, listed, shown, orm = (median(reads[name]) for name in ("typer", "list", "show", "sqlmodel"))
    rows.append(Row("CLI: workshop list (S=10 file)", seconds(listed), f"{seconds(floor)} import typer",
                    listed / floor, "≤ 3×", listed / floor <= 3,
                    f"median of {repeat} in turns; import sqlmodel alone takes {seconds(orm)}"))
    rows.append(Row("CLI: workshop show, S=1", seconds(shown), f"{seconds(floor)} import typer", shown / floor))
    return rows
