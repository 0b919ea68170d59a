"""Provides the command-line measurements: `workshop export --what report` at S=1 and S=10 against
the same command on an empty workshop (the fixed start-up), the three in turns, the fastest of
each; and `workshop list` against `python -c "import sqlmodel"`."""

from __future__ import annotations

from pathlib import Path

from benchmarks.measure import PYTHON, Row, median, seconds, time_alternated, time_process
from benchmarks.workshops import Generated

WORKSHOP = [PYTHON, "-m", "workshop"]


def _empty(folder: Path) -> tuple[Path, int]:
    from workshop.engine import open_engine

    path = folder / "empty.db"
    engine = open_engine(str(path))
    wid, _ = engine.create_workshop("Tomt verksted", stages=["Bestilling", "Levering"])
    engine.store.close()
    return path, wid


def measure(s1: Generated, s10: Generated, folder: Path, *, quick: bool = False) -> list[Row]:
    repeat = 5 if quick else 9
    empty, empty_id = _empty(folder)

    def export(db: Path, wid: int) -> list[str]:
        return [*WORKSHOP, "--db", str(db), "export", str(wid), "--what", "report"]

    # The growth is a difference of two timings, so load that came and went while one of them ran
    # would show as growth: the three run in turns, and the fastest of each counts, since another
    # program's load only ever adds to a run (the growth at S=1, a few hundred milliseconds, drowns
    # in what load adds to a median).
    times = time_alternated({"empty": export(empty, empty_id), "s1": export(s1.db, s1.workshop),
                             "s10": export(s10.db, s10.workshop)}, repeat=repeat)
    fixed, t1, t10 = (min(times[name]) for name in ("empty", "s1", "s10"))
    medians = ", ".join(f"{seconds(median(times[name]))}" for name in ("empty", "s1", "s10"))
    growth1, growth10 = max(t1 - fixed, 1e-3), max(t10 - fixed, 1e-3)
    # Linear growth: ten times the workshop costs about ten times the work above start-up.
    linear = growth10 / growth1
    rows = [
        Row("CLI: export --what report, empty workshop", seconds(fixed), goal="(the fixed start-up)"),
        Row("CLI: export --what report, S=1", seconds(t1), f"{seconds(fixed)} empty", t1 / fixed),
        Row("CLI: export --what report, S=10", seconds(t10), f"{seconds(fixed)} empty", t10 / fixed),
        Row("CLI: export growth above start-up, S=10 ÷ S=1", f"{seconds(growth10)} ÷ {seconds(growth1)}",
            "10× is linear", linear, "≤ 12× (linear)", linear <= 12,
            f"fastest of {repeat}, in turns; medians {medians}"),
    ]
    floor = time_process([PYTHON, "-c", "import sqlmodel"], repeat=repeat)
    listed = time_process([*WORKSHOP, "--db", str(s10.db), "list"], repeat=repeat)
    rows.append(Row("CLI: workshop list (S=10 file)", seconds(listed), f"{seconds(floor)} import sqlmodel",
                    listed / floor))
    return rows
