"""Provides the child process of the start-up and memory measurements: it starts an app, waits for
its first complete frame, and prints the wall-clock moment of that frame and its peak memory.

    python -m benchmarks.frame bare
    python -m benchmarks.frame workshop DB WORKSHOP
    python -m benchmarks.frame live DB WORKSHOP [PHASE]

`bare` is the floor: a Textual app showing one line. `workshop` is the facilitation app opening a
workshop on its What Is board. A frame is complete when the board holds the workshop's
touchpoints and Textual has nothing left to lay out or paint. Both run headless at 120×40, so
what is timed is Python, Textual and the database, not a terminal emulator.

After the first frame, `workshop` waits until the app has read the rest of the workshop (keys
wait for it until then) and until it has opened its data layer (a change waits for that), and
prints those moments too, as `whole` and `engine`.

`live` keeps the app open after its first frame, says `ready`, and then prints a line for each
change another process makes: the event count and the moment the board showing it was painted.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

SIZE = (120, 40)


def _peak_rss_mb() -> float:
    """This process's peak resident memory. Linux keeps `ru_maxrss` across `exec`, so a child of
    a large benchmark run would report its parent's peak: the kernel's high-water mark of this
    process's own memory (VmHWM) is read where there is one."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _settled(pilot) -> None:
    """Wait until Textual has processed every message and painted what they changed."""
    await pilot.pause()
    await pilot.app.animator.wait_until_complete()
    await pilot.pause()


def bare() -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class OneLine(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Workshop")

    result: dict[str, float] = {}

    async def probe(pilot) -> None:
        await _settled(pilot)
        result["frame"] = time.time()
        pilot.app.exit()

    OneLine().run(headless=True, size=SIZE, auto_pilot=probe)
    return result


def workshop(db: str, wid: int, *, live: bool = False, phase: str = "what-is") -> dict[str, float]:
    from workshop.engine.deferred import DeferredEngine
    from workshop.engine.opening import open_for_interface
    from workshop.tui.app import create_app
    from workshop.tui.screens.base import PhaseScreen
    from workshop.tui.widgets.board import JourneyBoard

    engine = open_for_interface(db)  # as `workshop open` does: the data layer after the first frame
    app = create_app(engine, wid)  # type: ignore[arg-type]
    result: dict[str, float] = {}

    def ready() -> bool:
        screen = app.screen
        if not isinstance(screen, PhaseScreen) or screen.PHASE.value != phase or not screen.is_mounted:
            return False
        if phase != "what-is":
            return True
        boards = screen.query(JourneyBoard)
        return bool(boards) and bool(boards.first().query("*"))

    deadline = time.monotonic() + 120

    async def until(test, what: str) -> None:
        while not test():
            if time.monotonic() > deadline:
                raise TimeoutError(what)
            await asyncio.sleep(0.002)

    async def probe(pilot) -> None:
        await until(ready, f"the {phase} screen never appeared")
        await _settled(pilot)
        result["frame"] = time.time()
        # Then the rest of the workshop read behind the first frame (from then on keys are
        # taken), and the data layer (a change waits for it until then): the memory is then the
        # app's as it runs.
        await until(lambda: not app.first_only, "the workshop was never read whole")
        result["whole"] = time.time()
        await until(lambda: not isinstance(engine, DeferredEngine) or engine.ready, "the data layer never opened")
        result["engine"] = time.time()
        if live:
            await _watch(pilot)
        pilot.app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=probe)
    if isinstance(engine, DeferredEngine):
        engine.close()
    else:
        engine.store.close()
    return result


async def _watch(pilot) -> None:
    """Report each change the open app shows, until stdin closes."""
    app = pilot.app
    print("ready", flush=True)
    seen = app.state.event_count
    closed = asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    while not closed.done():
        if app.state.event_count != seen:
            await _settled(pilot)
            seen = app.state.event_count
            print(json.dumps({"events": seen, "shown": time.time()}), flush=True)
        await asyncio.sleep(0.002)


def main(argv: list[str]) -> int:
    result = bare() if argv[0] == "bare" else workshop(argv[1], int(argv[2]), live=argv[0] == "live",
                                                       phase=argv[3] if len(argv) > 3 else "what-is")
    result["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
