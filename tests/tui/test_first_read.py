"""A workshop opened on What Is is drawn from the tables that screen shows (stages, touchpoints,
criteria, personas, participants) and the rest (ideas, votes, pilots …) is read behind the first
frame. Until then keys wait, not vanish, and no other phase is shown with half a workshop: typed at
once, at full speed, they act on the whole workshop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from phase_helpers import burst, open_on, screen_text, typed, until
from workshop.demo import build_demo
from workshop.domain.model import WorkshopState
from workshop.domain.values import Phase
from workshop.engine import Engine
from workshop.tui import settled
from workshop.tui.screens.what_if import WhatIfScreen
from workshop.tui.screens.what_is import WhatIsScreen
from workshop.tui.widgets.board import TouchpointColumnList


def _demo(engine: Engine) -> int:
    wid = build_demo(engine, lang="nb")
    assert engine.load(wid).ideas  # the demo has ideas, votes and pilots to leave out at first
    return wid


@pytest.fixture(autouse=True)
def rest_read_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rest is read a second after the screen settles (a quarter in use), so the tests see the
    first screen before it also on a busy machine; keys still start it at once."""
    monkeypatch.setattr(settled, "QUIET_SECONDS", 1.0)


def _from_first_screen(engine: Engine, body: Callable[..., Awaitable[None]]) -> None:
    """Run `body(app, pilot, wid, whole)` on the demo opened on What Is, as first drawn: from its
    own tables, the rest not read yet (`whole` is the workshop as the database holds it)."""
    wid = _demo(engine)
    whole = engine.load(wid)

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await until(pilot, lambda: app.screen if isinstance(app.screen, WhatIsScreen) else None)
            await until(pilot, lambda: screen.query(TouchpointColumnList))
            assert app.first_only
            await body(app, pilot, wid, whole)

    asyncio.run(scenario())


def test_the_first_frame_shows_the_whole_board_from_its_own_tables(engine: Engine) -> None:
    async def body(app, pilot, wid: int, whole: WorkshopState) -> None:
        assert app.state.ideas == () and app.state.pilots == ()
        assert app.state.touchpoints == whole.touchpoints and app.state.criteria == whole.criteria
        first = screen_text(app)
        for stage in whole.stages[:4]:
            tp = whole.touchpoints_in(stage.ref)[0]
            assert f"{tp.ref} " in first and " ".join(tp.text.split()[:2]) in first
        # The rest arrives without a key pressed, and the board stays as it was drawn.
        await until(pilot, lambda: not app.first_only)
        assert app.state == engine.load(wid)
        await pilot.pause()
        assert screen_text(app) == first

    _from_first_screen(engine, body)


def test_keys_typed_at_once_wait_for_the_whole_workshop(engine: Engine) -> None:
    hostile = "Idé [/] fra Per [b]Hansen[/b] æøå"

    async def body(app, pilot, wid: int, whole: WorkshopState) -> None:
        # What If at once, and an idea typed on it at full speed, before the rest is read.
        await burst(pilot, "2", "a", *typed(hostile), "enter")
        await until(pilot, lambda: any(i.text == hostile for i in engine.load(wid).ideas))
        assert isinstance(app.screen_stack[-2], WhatIfScreen)  # the idea form stays open over it
        assert len(app.state.ideas) == len(whole.ideas) + 1
        assert app.state.pilots == whole.pilots and app.state.votes == whole.votes

    _from_first_screen(engine, body)


def test_another_phase_asked_for_meanwhile_is_shown_with_the_whole_workshop(engine: Engine) -> None:
    async def body(app, pilot, wid: int, whole: WorkshopState) -> None:
        app.show_phase(Phase.WHAT_IF)  # as the palette or a click would
        assert isinstance(app.screen, WhatIsScreen)  # not with half a workshop
        screen = await until(pilot, lambda: app.screen if isinstance(app.screen, WhatIfScreen) else None)
        assert screen.state.ideas == whole.ideas
        shown = [i for i in whole.ideas if not i.hidden][:1]
        if shown:
            await until(pilot, lambda: shown[0].text[:12] in screen_text(app))

    _from_first_screen(engine, body)


def test_a_workshop_opened_on_another_phase_is_read_whole(engine: Engine) -> None:
    wid = _demo(engine)

    async def scenario() -> None:
        app = open_on(engine, wid, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            assert not app.first_only and app.state == engine.load(wid)

    asyncio.run(scenario())
