"""A form over the board draws the board beneath it, tinted, as Textual itself would: after each
touchpoint saved with the form open (the card lands in one column, the curve and the counts
change), every cell of the screen, its character and its style, is the one Textual's own drawing
of the translucent form gives."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from phase_helpers import burst, open_form, open_on, segments, typed, until
from workshop.engine import Engine
from workshop.tui.backdrop import Backdrop
from workshop.tui.screens.what_is import WhatIsScreen


def _cells(app: Any) -> list[tuple[str, Any]]:
    """Every cell of the screen: its character and its style."""
    return [(char, seg.style) for seg in segments(app) for char in seg.text if char != "\n"]


async def _as_textual_draws_it(pilot: Any, form: Any, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    with monkeypatch.context() as patch:
        patch.setattr(Backdrop, "_beneath", lambda self: None)  # Textual draws the screen beneath
        form.refresh()
        await pilot.pause()
        theirs = _cells(pilot.app)
    form.refresh()
    await pilot.pause()
    return theirs


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_the_board_beneath_a_form_is_drawn_as_textual_draws_it(engine: Engine, journey: int, size: tuple[int, int],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    compared = []

    async def scenario() -> None:
        app = open_on(engine, journey, "what-is")
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and app.screen.query("TouchpointColumnList"))
            await pilot.press("right", "right")  # the third column: its cards and the curve change
            await pilot.press("a")
            form = await open_form(pilot, app)
            for n, text in enumerate(["Ringer [b]kundeservice[/b] igjen", "Får SMS om forsinkelse æøå",
                                      "Henter selv på lageret"]):
                before = len(engine.load(journey).touchpoints)
                await burst(pilot, *typed(text), "ctrl+s")
                await until(pilot, lambda: len(engine.load(journey).touchpoints) > before)
                await until(pilot, lambda: app.state.event_count == len(engine.events(journey)))
                for _ in range(3):
                    await pilot.pause(0.05)
                ours = _cells(app)
                theirs = await _as_textual_draws_it(pilot, form, monkeypatch)
                assert len(ours) == size[0] * size[1]
                differing = [i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b]
                assert differing == [], (
                    f"after touchpoint {n + 1}: {len(differing)} cells differ, the first at row "
                    f"{differing[0] // size[0]}, column {differing[0] % size[0]}: "
                    f"{ours[differing[0]]} instead of {theirs[differing[0]]}")
                compared.append(text)
            assert "Henter selv på lageret" in [tp.text for tp in engine.load(journey).touchpoints]

    asyncio.run(scenario())
    assert len(compared) == 3
