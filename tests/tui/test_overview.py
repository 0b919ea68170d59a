"""The journey overview (o on What Is) as a facilitator uses it: every stage and every touchpoint
of a six-stage journey with long Norwegian names on one screen at 80×24 and at 120×36, and of the
demo, each with its feeling, ★ and pains, the weakest link named; enter goes to the card on the
board, escape closes; keys typed at full speed; hostile text shown as typed; it follows changes."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import pytest

from phase_helpers import burst, open_on, screen_text, until
from six_stages import STAGES, TOUCHPOINTS, build_six_stages
from workshop.demo import build_demo
from workshop.domain.model import WorkshopState
from workshop.engine import Engine
from workshop.tui.screens.overview import OverviewScreen
from workshop.tui.screens.what_is import WhatIsScreen
from workshop.tui.widgets.board import FACES, TouchpointColumnList
from workshop.tui.widgets.overview import JourneyOverview

pytestmark = pytest.mark.usefixtures("english")

SIZES = [(80, 24), (120, 36)]


async def _overview(pilot, app) -> OverviewScreen:
    await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and app.screen.query(TouchpointColumnList))
    await pilot.press("o")
    screen = await until(pilot, lambda: app.screen if isinstance(app.screen, OverviewScreen) else None)
    await until(pilot, lambda: "Weakest link" in screen_text(app))
    return screen


def _line_start(tp, ref_width: int) -> str:
    """How a touchpoint's line starts on screen: reference, face, ★ and !pains, then its words."""
    star = " ★" if tp.moment_of_truth else "  "
    pains = f" !{len(tp.pains):<2}" if tp.pains else "    "
    return f"{tp.ref:<{ref_width}} {FACES[tp.feeling]:>3}{star}{pains} {tp.text[:8]}"


def _assert_whole_journey(text: str, state: WorkshopState) -> None:
    width = max(len(tp.ref) for tp in state.touchpoints)
    for tp in state.journey():
        assert _line_start(tp, width) in text, f"{tp.ref} is not on screen as expected:\n{text}"
    for stage in state.stages:
        # A long name may be cut to fit a column, with an ellipsis; never left out.
        name = stage.name[:16]
        assert f"{stage.position}. {name}" in text, f"stage {stage.position} is not on screen:\n{text}"
    assert set(re.findall(r"[▶ ](T\d+) ", text)) == {tp.ref for tp in state.touchpoints}


def _focused_card(app) -> tuple[str | None, str | None]:
    focused = app.screen.focused
    if isinstance(focused, TouchpointColumnList):
        return focused.key, focused.selected_ref
    return None, None


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_the_six_stage_journey_is_on_one_screen(engine: Engine, size: tuple[int, int]) -> None:
    wid = build_six_stages(engine)
    state = engine.load(wid)
    assert len(state.stages) == len(STAGES) == 6 and len(state.touchpoints) == len(TOUCHPOINTS) == 15

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=size) as pilot:
            screen = await _overview(pilot, app)
            text = screen_text(app)
            _assert_whole_journey(text, state)
            # Nothing is below the fold: the overview does not need scrolling.
            assert screen.query_one(JourneyOverview).max_scroll_y == 0
            # The weakest link by name (stage 4: every touchpoint frustrated), marked at its heading.
            assert "Weakest link: 4. Venter på svar og tilbud om plass  -2.0 frustrated" in text
            assert re.search(r"4\. Venter på svar .*◀ weakest link", text)
            assert "Journey overview  6 stages · 15 touchpoints · 5 moments of truth" in text
            if size == (80, 24):
                # Two columns: stage 1 and stage 3 (headed again where its column starts) share a line.
                assert any("1. Oppdager" in line and "3. Søker" in line for line in text.splitlines())

    asyncio.run(scenario())


def test_the_demo_journey_is_on_one_screen(engine: Engine) -> None:
    build_demo(engine, today=dt.date(2026, 3, 2))
    wid = engine.workshop_id("demo")
    state = engine.load(wid)

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _overview(pilot, app)
            text = screen_text(app)
            _assert_whole_journey(text, state)
            assert screen.query_one(JourneyOverview).max_scroll_y == 0
            assert "Weakest link: 4. Kundeservice  -1.3 unhappy, pains at 3 of 3 touchpoints" in text
            assert "5 stages · 19 touchpoints · 6 moments of truth" in text

    asyncio.run(scenario())


def test_on_the_projector_the_journey_is_whole_and_the_cursor_marked_without_colour(engine: Engine) -> None:
    wid = build_six_stages(engine)
    state = engine.load(wid)

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is", projector=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await _overview(pilot, app)
            await pilot.press("down")
            text = screen_text(app)
            _assert_whole_journey(text, state)
            # The selected line is marked by a sign, not by its colour alone.
            assert "▶T2 " in text and "▶T1 " not in text

    asyncio.run(scenario())


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_enter_goes_to_the_touchpoint_on_the_board(engine: Engine, size: tuple[int, int]) -> None:
    wid = build_six_stages(engine)
    state = engine.load(wid)
    t9 = state.journey()[8]

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=size) as pilot:
            await _overview(pilot, app)
            await pilot.press(*["down"] * 8)
            assert f"▶{t9.ref} " in screen_text(app)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            await until(pilot, lambda: _focused_card(app) == (t9.stage, t9.ref))
            # The card is in view on the board (its stage's column scrolled to).
            assert "Får kvittering" in screen_text(app)

    asyncio.run(scenario())


def test_keys_typed_at_full_speed_land_on_the_card_they_name(engine: Engine) -> None:
    wid = build_six_stages(engine)
    state = engine.load(wid)
    journey = state.journey()

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and app.screen.query(TouchpointColumnList))
            # o, to the second column (beside T1 stands T9), one down, enter: all at once.
            await burst(pilot, "o", "right", "down", "enter")
            await until(pilot, lambda: _focused_card(app) == (journey[9].stage, journey[9].ref))
            # Open again, then the last card, back one, first one with home, and escape: nothing moves.
            await burst(pilot, "o", "end", "up", "home", "escape")
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            await pilot.pause()
            assert _focused_card(app) == (journey[9].stage, journey[9].ref)

    asyncio.run(scenario())


def test_escape_closes_and_the_overview_opens_on_the_card_selected(engine: Engine) -> None:
    wid = build_six_stages(engine)
    journey = engine.load(wid).journey()

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and app.screen.query(TouchpointColumnList))
            await pilot.press("down")  # T2 on the board
            await until(pilot, lambda: _focused_card(app)[1] == journey[1].ref)
            screen = await _overview(pilot, app)
            assert screen.query_one(JourneyOverview).cursor == journey[1].ref
            assert "Show on board" in screen_text(app) and "Close" in screen_text(app)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            assert _focused_card(app) == (journey[1].stage, journey[1].ref)

    asyncio.run(scenario())


def test_the_overview_follows_a_change_made_elsewhere(engine: Engine) -> None:
    wid = build_six_stages(engine)

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            await _overview(pilot, app)
            engine.add_touchpoint(wid, "Får ny SMS om ledig plass på Tåsen", stage=STAGES[3], feeling=1,
                                  moment_of_truth=True)
            await until(pilot, lambda: "T16  :) ★     Får ny SMS" in screen_text(app))
            assert isinstance(app.screen, OverviewScreen)

    asyncio.run(scenario())


def test_hostile_names_are_shown_as_typed(engine: Engine) -> None:
    wid, _ = engine.create_workshop("[b]Fet[/b] workshop", stages=["Per [/] Hansen", "[@click=app.quit]x[/]"])
    engine.add_touchpoint(wid, "[@click=app.quit]klikk[/] æøå", stage="Per [/] Hansen", feeling=-2,
                          pains=["[red]rød[/]"])
    engine.add_touchpoint(wid, "[b]fet[/b] tekst", stage="[@click=app.quit]x[/]")

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and app.screen.query(TouchpointColumnList))
            await pilot.press("o")
            await until(pilot, lambda: "[@click=app.quit]klikk[/] æøå" in screen_text(app))
            text = screen_text(app)
            assert "1. Per [/] Hansen" in text and "2. [@click=app.quit]x[/]" in text
            assert "[b]fet[/b] tekst" in text and "[b]Fet[/b] w" in text
            await pilot.click(JourneyOverview, offset=(3, 3))  # on T2's line: selects it
            assert "▶T2 " in screen_text(app)
            await pilot.click(JourneyOverview, offset=(3, 3))  # again: goes to it
            await until(pilot, lambda: _focused_card(app)[1] == "T2")
            assert app.is_running

    asyncio.run(scenario())


def test_a_journey_with_no_stages_says_where_they_are_added(engine: Engine) -> None:
    wid, _ = engine.create_workshop("Tom reise")

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            await pilot.press("o")
            await until(pilot, lambda: "No stages yet: add them in the Brief (0)." in screen_text(app))
            assert "Weakest link: not known yet" in screen_text(app)
            await pilot.press("enter", "escape")
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))

    asyncio.run(scenario())


def test_the_selected_touchpoint_is_read_in_full_below_the_journey(engine: Engine) -> None:
    wid = build_six_stages(engine)
    journey = engine.load(wid).journey()

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(80, 24)) as pilot:
            await _overview(pilot, app)
            # At 80×24 the lines are cut, but the selected one is written out under the journey.
            assert f"▶{journey[0].ref} {journey[0].text}" in screen_text(app)
            await pilot.press("down")
            text = " ".join(screen_text(app).split())
            assert f"▶{journey[1].ref} {journey[1].text} !2: Finner ikke fristen; Siden er bare på bokmål" in text
            assert journey[0].text not in text

    asyncio.run(scenario())
