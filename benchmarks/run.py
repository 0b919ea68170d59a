"""Provides the one command that runs every benchmark and prints the table of ratios, each figure
against its floor measured in the same run.

    python -m benchmarks.run            # the full run (about half an hour on two cores)
    python -m benchmarks.run --quick    # fewer repetitions, for a look
    python -m benchmarks.run --only writers,replay

Generated workshops are kept between runs (see `benchmarks.workshops`); `--fresh` makes them anew.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import batch, cli, compare, interaction, live, postgres, replay_seek, room, startup, writers
from benchmarks.measure import Row, compile_as_installed, seconds, table
from benchmarks.workshops import Generated, workshop_of_size

PARTS = ("startup", "cli", "batch", "interaction", "replay", "writers", "live", "room", "compare", "postgres")


def machine() -> str:
    """The machine the figures come from, as BENCHMARKS.md describes it."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        memory = f"{total:.0f} GiB"
    except (ValueError, OSError):
        memory = "unknown"
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores ({cpu}), {memory} memory, load average {load}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.platform()}")


def _part(name: str, run: Callable[[], list[Row]]) -> list[Row]:
    started = time.perf_counter()
    print(f"… {name}", file=sys.stderr, flush=True)
    try:
        rows = run()
    except Exception as exc:  # one broken measurement must not hide the others
        traceback.print_exc()
        rows = [Row.not_measured(name, f"{type(exc).__name__}: {exc}")]
    print(f"  {name} took {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return rows


def _generated_rows(gens: list[Generated]) -> list[Row]:
    return [Row(f"generate S={g.size}", seconds(g.seconds), f"{g.events:,} events",
                note="kept from an earlier run" if g.cached else "") for g in gens]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks and print the table of ratios.")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--fresh", action="store_true", help="generate the workshops anew")
    parser.add_argument("--only", default=",".join(PARTS), help=f"some of: {', '.join(PARTS)}")
    args = parser.parse_args(argv)
    chosen = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(chosen) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    quick = args.quick
    print(f"machine: {machine()}", file=sys.stderr, flush=True)
    compiled = compile_as_installed()
    s1, s10 = workshop_of_size(1, fresh=args.fresh), workshop_of_size(10, fresh=args.fresh)
    rows = _generated_rows([s1, s10])
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as tmp:
        folder = Path(tmp)
        runs: dict[str, Callable[[], list[Row]]] = {
            "startup": lambda: startup.measure(s1, s10, folder, quick=quick),
            "cli": lambda: cli.measure(s1, s10, folder, quick=quick),
            "batch": lambda: batch.measure(folder, quick=quick),
            "interaction": lambda: interaction.measure(s10, folder, quick=quick),
            "replay": lambda: replay_seek.measure(s10, quick=quick),
            "writers": lambda: writers.measure(quick=quick),
            "live": lambda: live.measure(s1, s10, folder, quick=quick),
            "room": lambda: room.measure(folder, quick=quick),
            "compare": lambda: compare.measure(quick=quick),
            "postgres": lambda: postgres.measure(s1, s10, folder, quick=quick),
        }
        for name in PARTS:
            if name in chosen:
                rows += _part(name, runs[name])
    print(f"machine: {machine()}\n{compiled}\n")
    print(table(rows))
    missed = [r.what for r in rows if r.met is False]
    if missed:
        print(f"\n{len(missed)} goal(s) missed: see BENCHMARKS.md for where the time goes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
