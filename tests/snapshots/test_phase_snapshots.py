"""Snapshots of every phase screen on the demo workshop at 120×36, in English, as on a laptop
and in projector mode. Update them with `pytest tests/snapshots --snapshot-update` and look at each SVG."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, OptionList

from workshop.engine import Engine
from workshop.tui.app import create_app
from workshop.tui.screens.base import PhaseScreen

PHASES = ["brief", "what-is", "what-if", "what-wows", "what-works"]
SIZE = (120, 36)


def _demo_app(engine: Engine, phase: str, *, projector: bool = False):
    wid = engine.workshop_id("demo")
    if engine.load(wid).phase != phase:
        engine.set_phase(wid, phase)
    return create_app(engine, wid, projector=projector, lang="en")  # English here; the layout snapshots speak the demo's bokmål


async def _settled(pilot: Pilot) -> None:
    """Wait until the phase screen is up and its lists are filled (the workshop loads in a thread)."""
    app = pilot.app
    for _ in range(400):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, PhaseScreen) and screen.is_mounted:
            lists = list(screen.query(OptionList))
            # The footer fills in its keys a moment after the screen; wait for them too.
            footer_ready = all(f.children for f in screen.query(Footer))
            if footer_ready and all(ol.option_count or not ol.display for ol in lists):
                break
        await asyncio.sleep(0.02)
    await pilot.pause(0.3)


@pytest.mark.parametrize("phase", PHASES)
def test_phase_on_the_laptop(snap_compare, demo: Engine, phase: str) -> None:
    assert snap_compare(_demo_app(demo, phase), terminal_size=SIZE, run_before=_settled)


@pytest.mark.parametrize("phase", PHASES)
def test_phase_on_the_projector(snap_compare, demo: Engine, phase: str) -> None:
    assert snap_compare(_demo_app(demo, phase, projector=True), terminal_size=SIZE, run_before=_settled)


def test_what_wows_before_the_reveal(snap_compare, demo: Engine) -> None:
    """Blind voting: tallies hidden, each voter's own dots shown."""
    demo.reveal_votes("demo", hide=True)
    assert snap_compare(_demo_app(demo, "what-wows"), terminal_size=SIZE, run_before=_settled)


@pytest.mark.parametrize("view", ["matrix", "timeline"])
def test_what_works_views(snap_compare, demo: Engine, view: str) -> None:
    """The effect-against-cost 2×2 and the timeline, as the room sees them on the projector."""
    async def show(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.app.run_action(f"view('{view}')", pilot.app.screen)
        await pilot.pause(0.2)

    assert snap_compare(_demo_app(demo, "what-works", projector=True), terminal_size=SIZE, run_before=show)
