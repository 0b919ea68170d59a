"""Provides the interaction measurement: keystroke to frame on the S=10 board, for adding a
touchpoint (What Is: `a`, type, `ctrl+s`) and for casting a dot (What Wows: `v`), driven by
Textual's Pilot; median and p95 of 100 each (or of as many as five minutes allow). Each is timed
from the key to the frame that shows its result: the first frame the app composed after its
screens were given the workshop's state with the new event (the pauses Pilot needs to see that
the app is idle again are not counted, nor frames after that one, such as the footer redrawn
when a form closes). The floor is the
write itself: the same engine action called directly on the same database, so the goal reads
"within one 60 Hz frame (16.7 ms) beyond the write".

The app runs in its own process (`python -m benchmarks.interaction DB WORKSHOP N`), which prints
the timings as JSON.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import PYTHON, Row, env, median, p95, seconds
from benchmarks.workshops import Generated, in_phase

FRAME = 1 / 60
SIZE = (120, 40)


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.animator.wait_until_complete()
    await pilot.pause()


async def _until(pilot, test, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            raise TimeoutError("the app never got there")
        await asyncio.sleep(0.001)
    await _settled(pilot)


async def _drive(db: str, wid: int, count: int, budget: float) -> dict[str, list[float]]:
    """Time `count` of each interaction, or as many as fit in `budget` seconds each."""
    from workshop.engine import open_engine
    from workshop.tui.app import create_app
    from workshop.tui.screens.base import PhaseScreen

    from workshop.tui.app import WorkshopApp

    engine = open_engine(db)
    app = create_app(engine, wid)
    times: dict[str, list[float]] = {"touchpoint": [], "vote": []}
    frames: list[float] = []
    """When each frame was composed (the screen's changed regions rendered for the terminal)."""
    shown: list[tuple[float, int]] = []
    """When the screens were given each new state, with its event count."""
    display, take = app._display, WorkshopApp.on_workshop_changed

    def composed(screen, update) -> None:
        if update is not None:
            frames.append(time.perf_counter())
        display(screen, update)

    def taken(self, message) -> None:
        take(self, message)
        shown.append((time.perf_counter(), self.state.event_count))

    app._display = composed
    WorkshopApp.on_workshop_changed = taken  # this process runs only this app

    def frame_after(started: float, before: int) -> float:
        # The first frame composed after the screens were given the state with the new event:
        # the frame in which the change appears.
        given = min(t for t, count in shown if t > started and count > before)
        return min((t for t in frames if t >= given), default=given) - started

    def on(phase: str):
        return lambda: isinstance(app.screen, PhaseScreen) and app.screen.PHASE.value == phase \
            and app.screen.is_mounted and app.state is not None

    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, on("what-is"))
        stop = time.monotonic() + budget
        for n in range(count):
            if time.monotonic() > stop:
                break
            await pilot.press("a")
            await _until(pilot, lambda: not isinstance(app.screen, PhaseScreen))
            await pilot.press(*f"Kunden venter {n}")
            before = app.state.event_count
            started = time.perf_counter()
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: app.state.event_count > before)
            times["touchpoint"].append(frame_after(started, before))
            while not isinstance(app.screen, PhaseScreen):  # the form may stay open for the next one
                await pilot.press("escape")
                await _settled(pilot)
        await pilot.press("3")
        await _until(pilot, on("what-wows"))
        await pilot.press("left_square_bracket")  # the last voter: one with dots left
        await _settled(pilot)
        stop = time.monotonic() + budget
        for _ in range(count):
            if time.monotonic() > stop:
                break
            before = app.state.event_count
            started = time.perf_counter()
            await pilot.press("v")
            await _until(pilot, lambda: app.state.event_count > before)
            times["vote"].append(frame_after(started, before))
    engine.store.close()
    return times


def _writes(db: Path, wid: int, count: int) -> dict[str, list[float]]:
    """The floor: the same actions called on the engine directly."""
    from workshop.engine import open_engine

    engine = open_engine(str(db))
    times: dict[str, list[float]] = {"touchpoint": [], "vote": []}
    state = engine.load(wid)
    idea = state.ideas[0].ref
    voter = state.participants[-2].ref
    for n in range(count):
        started = time.perf_counter()
        engine.add_touchpoint(wid, f"Kunden venter {n}", stage="1")
        times["touchpoint"].append(time.perf_counter() - started)
        started = time.perf_counter()
        engine.cast_vote(wid, voter, idea)
        times["vote"].append(time.perf_counter() - started)
    engine.store.close()
    return times


def measure(s10: Generated, folder: Path, *, quick: bool = False) -> list[Row]:
    count, budget = (20, 60) if quick else (100, 300)
    db = in_phase(s10, folder, "what-is")
    from workshop.engine import open_engine

    engine = open_engine(str(db))
    # The generated participants have spent all their dots: a latecomer votes (the last voter,
    # one `[` away from the first), and the floor's writes go to another latecomer.
    engine.add_participant(s10.workshop, "Sen ankomst Ødegård")
    engine.add_participant(s10.workshop, "Sen ankomst Østby")
    engine.store.close()
    floor = _writes(db, s10.workshop, count)
    done = subprocess.run([PYTHON, "-m", "benchmarks.interaction", str(db), str(s10.workshop), str(count), str(budget)],
                          capture_output=True, text=True, env=env(), timeout=3600)
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        return [Row.not_measured("interaction: keystroke to frame, S=10", reason, "median ≤ write + 16.7 ms")]
    app = json.loads(done.stdout.strip().splitlines()[-1])
    rows = []
    for what, label in (("touchpoint", "add a touchpoint (ctrl+s)"), ("vote", "cast a dot (v)")):
        mid, write = median(app[what]), median(floor[what])
        rows.append(Row(f"interaction: {label}, S=10 (median of {len(app[what])})", seconds(mid),
                        f"{seconds(write)} the write itself", mid / write, "median ≤ write + 16.7 ms",
                        mid <= write + FRAME, f"p95 {seconds(p95(app[what]))}"))
    return rows


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_drive(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])))))
