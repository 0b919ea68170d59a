"""A board of a few thousand touchpoints: it opens, the cursor moves through it, and only the cards
in view are laid out and drawn (the rest are never wrapped or rendered)."""

from __future__ import annotations

import asyncio

import pytest

from phase_helpers import open_on, screen_text, until
from workshop.engine import Engine
from workshop.tui.screens.what_is import WhatIsScreen
from workshop.tui.widgets.board import TouchpointColumnList
from workshop.tui.widgets.itemlist import ItemList


@pytest.fixture
def crowded(engine: Engine, workshop: int) -> int:
    """2,000 touchpoints over the five stages, with feelings, pains and Nordic letters."""
    with engine.store.batch():
        for n in range(2000):
            engine.add_touchpoint(workshop, f"Kunde {n} leser e-post om forsinket levering på døra, æøå",
                                  stage=str(n % 5 + 1), feeling=n % 5 - 2, channel="email",
                                  pains=["Ingen dato"] if n % 3 == 0 else [])
    return workshop


def test_a_board_of_thousands_draws_only_what_is_in_view(engine: Engine, crowded: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[int] = []
    fit = ItemList._fit

    def counting(self: ItemList, index: int, width: int):  # noqa: ANN202
        drawn.append(index)
        return fit(self, index, width)

    monkeypatch.setattr(ItemList, "_fit", counting)

    async def scenario() -> None:
        app = open_on(engine, crowded, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await until(pilot, lambda: app.screen if isinstance(app.screen, WhatIsScreen) else None)
            column = await until(pilot, lambda: next(
                (c for c in screen.query(TouchpointColumnList) if len(c.rows) == 400), None))
            await until(pilot, lambda: "Kunde 0 leser" in screen_text(app))
            assert len(set(drawn)) < 100  # a few screens' worth of cards, not 2,000
            column.focus()
            for _ in range(40):
                await pilot.press("down")
            await pilot.press("pagedown", "pagedown")
            await until(pilot, lambda: column.selected_ref is not None and column.highlighted > 40)
            shown = engine.load(crowded).touchpoint(column.selected_ref)
            await until(pilot, lambda: shown.text[:14] in screen_text(app))
            assert len(set(drawn)) < 300

    asyncio.run(scenario())
