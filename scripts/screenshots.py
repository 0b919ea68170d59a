"""Provides the README's screenshots: each phase of the demo workshop, drawn by the app itself
at 120×36 and saved as SVG in docs/screenshots/.

Run from the repository root:  python scripts/screenshots.py  [--out FOLDER]
The demo is built in a temporary database on fixed dates, so the pictures only change when the
app does.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Footer, Input, OptionList, TextArea

from workshop.demo import build_demo
from workshop.engine import Engine, open_engine
from workshop.files import write_file
from workshop.tui.app import create_app
from workshop.tui.screens.base import PhaseScreen

SIZE = (120, 36)
DEMO_DAY = dt.date(2026, 3, 2)


@dataclass(frozen=True)
class Shot:
    name: str
    phase: str
    title: str
    projector: bool = False
    action: str | None = None


SHOTS = [
    Shot("brief", "brief", "Brief: the challenge, the people, the rules"),
    Shot("what-is", "what-is", "What Is: the journey today, stage by stage"),
    Shot("what-if", "what-if", "What If: ideas linked to touchpoints, grouped in themes"),
    Shot("what-wows", "what-wows", "What Wows: dot voting, concepts and assumptions"),
    Shot("what-works", "what-works", "What Works: the ranked pilot backlog"),
    Shot("what-works-matrix", "what-works", "What Works: effect against cost", action="view('matrix')"),
    Shot("what-works-timeline", "what-works", "What Works: the pilots by week", action="view('timeline')"),
    Shot("projector", "what-wows", "Projector mode: What Wows", projector=True),
]


def _still_cursor() -> None:
    # A blinking cursor would be caught lit or dark at random.
    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]
    TextArea._toggle_cursor_blink_visible = lambda self: None  # type: ignore[method-assign]


async def _settled(pilot: Pilot) -> None:
    """Wait until the phase screen is up and its lists are filled (the workshop loads in a thread)."""
    for _ in range(400):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, PhaseScreen) and screen.is_mounted:
            # The footer fills in its keys a moment after the screen; wait for them too.
            footer_ready = all(f.children for f in screen.query(Footer))
            if footer_ready and all(ol.option_count or not ol.display for ol in screen.query(OptionList)):
                break
        await asyncio.sleep(0.02)
    await pilot.pause(0.3)


async def take(engine: Engine, wid: int, shot: Shot, out: Path) -> Path:
    """Open the app on the shot's phase, wait until it is drawn, and save it as SVG."""
    if engine.load(wid).phase != shot.phase:
        engine.set_phase(wid, shot.phase)
    app = create_app(engine, wid, projector=shot.projector)
    # A tab's underline slides when the view changes; caught halfway it would differ each run.
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await _settled(pilot)
        if shot.action:
            await app.run_action(shot.action, app.screen)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause(0.3)
        target = out / f"{shot.name}.svg"
        write_file(target, app.export_screenshot(title=shot.title), "out")
    return target


def main(argv: list[str] | None = None, say: Callable[[str], None] = print) -> None:
    """Build the demo in a temporary database and save every shot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"), help="folder for the SVG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    _still_cursor()
    with tempfile.TemporaryDirectory() as folder:
        engine = open_engine(str(Path(folder) / "demo.db"))
        try:
            wid = build_demo(engine, today=DEMO_DAY)
            for shot in SHOTS:
                say(f"{asyncio.run(take(engine, wid, shot, args.out))}")
        finally:
            engine.store.close()


if __name__ == "__main__":
    main()
