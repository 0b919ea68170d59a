"""Nothing shown as saved is lost: a touchpoint added through the form survives `kill -9` of the
app the moment it appears on the board."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from workshop.engine import Engine, open_engine

DRIVER = textwrap.dedent("""
    import asyncio, sys, time
    sys.path.insert(0, sys.argv[3])
    from phase_helpers import open_form, open_on, screen_text, until
    from workshop.engine import open_engine

    async def main():
        engine = open_engine(sys.argv[1])
        app = open_on(engine, int(sys.argv[2]), "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: "a Add" in screen_text(app))
            await pilot.press("a")
            await open_form(pilot, app)
            await pilot.press(*"Venter på sjåføren som aldri ringer", "ctrl+s")
            await until(pilot, lambda: "Venter på sjåføren" in screen_text(app))
            print("shown", flush=True)
            time.sleep(60)  # killed here, with the app still open

    asyncio.run(main())
""")


def test_a_touchpoint_shown_on_the_board_survives_kill_9(engine: Engine, workshop: int, db_path: Path) -> None:
    engine.store.close()
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(db_path), str(workshop), str(Path(__file__).parent)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, WORKSHOP_DB=str(db_path)))
    try:
        line = process.stdout.readline()
        assert line.strip() == "shown", process.stderr.read() if process.poll() is not None else line
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    reopened = open_engine(str(db_path))
    try:
        texts = [tp.text for tp in reopened.load(workshop).touchpoints]
    finally:
        reopened.store.close()
    assert texts == ["Venter på sjåføren som aldri ringer"]
