"""The interface draws its first screen before the data layer is imported: it reads the file with
the standard library, then opens the engine in the background. A change asked for before the
engine is there waits for it and is saved; the workshop on screen is the one in the file."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workshop.demo import build_demo
from workshop.engine import Engine, open_engine

pytestmark = pytest.mark.file_only

_SCRIPT = textwrap.dedent("""
    import asyncio, json, sys, time
    from workshop.engine.opening import open_for_interface
    from workshop.engine.deferred import DeferredEngine
    from workshop.tui.app import create_app
    from workshop.tui.screens.base import PhaseScreen

    db, wid, background = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "background"
    if not background:
        DeferredEngine.open_soon = lambda self: None  # not opened in the background: the first change opens it
    engine = open_for_interface(db)
    app = create_app(engine, wid)
    told = {}

    def heavy():
        return sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel")})

    async def until(test, timeout=60):
        deadline = time.monotonic() + timeout
        while not test():
            assert time.monotonic() < deadline, "timed out"
            await asyncio.sleep(0.01)

    async def probe(pilot):
        await until(lambda: isinstance(app.screen, PhaseScreen) and app.screen.is_mounted)
        await pilot.pause()
        told["first_screen"] = type(app.screen).__name__
        told["heavy_at_first_screen"] = heavy()
        if background:
            await until(lambda: engine.ready)
        told["engine_before_the_change"] = engine.ready
        await pilot.press("2")
        await until(lambda: type(app.screen).__name__ == "WhatIfScreen")
        await pilot.press("a")
        await until(lambda: type(app.screen).__name__ == "FormDialog")
        await pilot.press(*"Idé fra Per [/] Hansen: [b]SMS[/b] æøå", "enter")
        await until(lambda: any("SMS" in i.text for i in app.state.ideas))
        told["heavy_at_the_end"] = heavy()
        app.exit()

    app.run(headless=True, size=(120, 36), auto_pilot=probe)
    engine.close()
    print(json.dumps(told))
""")


@pytest.fixture
def demo_file(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "workshop.db"
    engine: Engine = open_engine(str(db))
    wid = build_demo(engine, lang="nb")
    engine.set_phase(wid, "what-is")
    engine.store.close()
    return db, wid


@pytest.mark.parametrize("when", ["background", "on_the_first_change"])
def test_the_first_screen_is_drawn_before_the_data_layer_is_imported(demo_file: tuple[Path, int], when: str) -> None:
    db, wid = demo_file
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(db), str(wid), when], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    told = json.loads(done.stdout.strip().splitlines()[-1])
    assert told["first_screen"] == "WhatIsScreen"
    assert told["heavy_at_first_screen"] == [], "the first screen waited for the data layer"
    assert told["engine_before_the_change"] is (when == "background")
    assert told["heavy_at_the_end"] == ["sqlalchemy", "sqlmodel"]  # the change went through the engine
    engine = open_engine(str(db))
    try:
        ideas = [i for i in engine.load(wid).ideas if i.text == "Idé fra Per [/] Hansen: [b]SMS[/b] æøå"]
        assert len(ideas) == 1
        assert engine.events(wid)[-1].action == "idea.add"
    finally:
        engine.store.close()
