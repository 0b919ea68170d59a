"""Snapshots of the journey overview (o on What Is): the six-stage workshop with long Norwegian
names at 80×24 and 120×36, the demo at 120×36, and both in projector mode; and the detail pane
beside the board. Update them with `pytest tests/snapshots --snapshot-update` and look at each SVG."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from workshop.engine import Engine
from workshop.tui.app import create_app
from workshop.tui.screens.overview import OverviewScreen

from six_stages import build_six_stages
from test_phase_snapshots import _settled


async def _overview(pilot: Pilot) -> None:
    await _settled(pilot)
    await pilot.press("o")
    for _ in range(200):
        await pilot.pause()
        if isinstance(pilot.app.screen, OverviewScreen) and pilot.app.screen.is_mounted:
            break
    await pilot.press("down", "down")
    await pilot.pause(0.3)


async def _details(pilot: Pilot) -> None:
    await _settled(pilot)
    await pilot.press("i", "right", "right")
    await pilot.pause(0.3)


@pytest.mark.parametrize("projector", [False, True], ids=["laptop", "projector"])
@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_overview_of_six_stages(snap_compare, engine: Engine, size: tuple[int, int], projector: bool) -> None:
    wid = build_six_stages(engine)
    app = create_app(engine, wid, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=_overview)


@pytest.mark.parametrize("projector", [False, True], ids=["laptop", "projector"])
def test_overview_of_the_demo(snap_compare, demo: Engine, projector: bool) -> None:
    wid = demo.workshop_id("demo")
    demo.set_phase(wid, "what-is")
    assert snap_compare(create_app(demo, wid, projector=projector), terminal_size=(120, 36), run_before=_overview)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_detail_pane_beside_the_board(snap_compare, demo: Engine, size: tuple[int, int]) -> None:
    wid = demo.workshop_id("demo")
    demo.set_phase(wid, "what-is")
    assert snap_compare(create_app(demo, wid), terminal_size=size, run_before=_details)
