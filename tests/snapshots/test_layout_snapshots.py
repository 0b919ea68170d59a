"""Snapshots of every phase at the sizes facilitators have (a laptop's 80×24, a monitor's 120×36)
and on the projector at both, on the demo (four phases filled) and on the six-stage Norwegian
workshop with long names. Update them with `pytest tests/snapshots --snapshot-update` and look at
each SVG: nothing wrapped, nothing cut without "…", the board's stages whole or counted."""

from __future__ import annotations

import pytest

from six_stages import SLUG
from workshop.engine import Engine
from workshop.tui.app import create_app

from test_phase_snapshots import PHASES, _settled  # the same waiting as the other snapshots

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}


def _app(engine: Engine, key: str, phase: str, projector: bool):
    wid = engine.workshop_id(key)
    if engine.load(wid).phase != phase:
        engine.set_phase(wid, phase)
    return create_app(engine, wid, projector=projector)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["normal", "projector"])
@pytest.mark.parametrize("phase", PHASES)
def test_demo_at_every_size(snap_compare, demo: Engine, phase: str, mode: str, size: str) -> None:
    assert snap_compare(_app(demo, "demo", phase, mode == "projector"), terminal_size=SIZES[size], run_before=_settled)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["normal", "projector"])
@pytest.mark.parametrize("phase", PHASES)
def test_six_stages_at_every_size(snap_compare, six: Engine, phase: str, mode: str, size: str) -> None:
    assert snap_compare(_app(six, SLUG, phase, mode == "projector"), terminal_size=SIZES[size], run_before=_settled)
