"""Frames painted when there is something whole to show: a phase screen's first frame once its
layout has settled (not each pass of it, half laid out), and a form that stays open painted
emptied together with its save's answer (the new card beneath, what the save did), or emptied
on its own when the answer is slow. Nothing typed meanwhile is lost."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from phase_helpers import burst, open_form, open_on, screen_text, typed, until
from workshop.demo import build_demo
from workshop.engine import Engine
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.screens.what_is import WhatIsScreen
from workshop.tui.widgets.board import StageColumn, TouchpointColumnList
from workshop.tui.widgets.itemlist import ItemList

HOSTILE = "Kunden ringer [b]igjen[/b] – Per [/] Hansen æøå"


def _frames(app: Any) -> list[tuple[Any, str, int]]:
    """Each frame the app paints from now on: (its screen, the screen's text then, the events the
    app's state held then)."""
    painted: list[tuple[Any, str, int]] = []
    display = app._display  # noqa: SLF001 (where Textual hands a frame to the terminal)

    def recorded(screen: Any, update: Any) -> None:
        if update is not None:
            state = app.state
            painted.append((screen, screen_text(app), state.event_count if state is not None else -1))
        display(screen, update)

    app._display = recorded  # noqa: SLF001
    return painted


def test_the_first_frame_of_what_is_is_the_board_laid_out(engine: Engine) -> None:
    wid = build_demo(engine, lang="nb")
    engine.add_criterion(wid, "Kunden [red]ser[/red] alltid hva som skjer nå – æøå " * 4)

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        painted = _frames(app)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await until(pilot, lambda: app.screen if isinstance(app.screen, WhatIsScreen) else None)
            await until(pilot, lambda: [p for p in painted if p[0] is screen])
            await until(pilot, lambda: not app.first_only)
            await pilot.pause()
            final = screen_text(app)
            first = [text for shown, text, _count in painted if shown is screen]
            # One frame until the screen settled, and it is the screen as it stays: the columns
            # at their width, the cards in them, the criteria beside their scrollbar.
            assert first[0] == final
            assert all(text == final for text in first)
            widths = {column.outer_size.width for column in screen.query(StageColumn)}
            assert len(widths) == 1 and widths.pop() >= 20
            criteria = screen.query_one("#criteria", ItemList)
            assert criteria.show_vertical_scrollbar  # the long criterion makes the list scroll
            assert any("Kunden [red]ser[/red]" in str(row[1]) for row in criteria._rows)  # noqa: SLF001
            for lst in screen.query(ItemList):
                assert lst.virtual_size.width == lst.scrollable_content_region.width  # rows as wide as the list

    asyncio.run(scenario())


async def _touchpoint_form(pilot: Any, app: Any) -> FormDialog:
    """The touchpoint form opened with `a` on What Is, once the whole workshop is read."""
    await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and not app.first_only)
    await pilot.press("a")
    return await open_form(pilot, app)


def test_a_save_is_painted_with_the_emptied_form_in_one_frame(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    wid = build_demo(engine, lang="nb")
    monkeypatch.setattr(FormDialog, "ANSWER_WAIT", 5.0, raising=False)  # however slow the machine: the answer comes first

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            form = await _touchpoint_form(pilot, app)
            await burst(pilot, *typed(HOSTILE))
            await until(pilot, lambda: HOSTILE in [getattr(w, "value", None) for w in form.query("Input")])
            before = app.state.event_count
            painted = _frames(app)
            await burst(pilot, "ctrl+s")
            await until(pilot, lambda: app.state.event_count > before and painted)
            await pilot.pause()
            screen, text, count = painted[0]
            # The first frame after ctrl+s: the form emptied, the saved line, the card beneath.
            assert screen is form and count == before + 1
            saved = next(tp for tp in app.state.touchpoints if tp.text == HOSTILE)
            assert f"{saved.ref}" in text and "igjen[/b]" in text  # literal, in the saved line and on its card
            assert HOSTILE not in [w.value for w in form.query("Input")]

    asyncio.run(scenario())


def test_a_slow_save_shows_the_emptied_form_and_keeps_what_is_typed_next(engine: Engine) -> None:
    wid = build_demo(engine, lang="nb")
    gate = threading.Event()
    add = engine.add_touchpoint

    def slow(*args: Any, **kwargs: Any) -> Any:
        gate.wait(10)  # the database is slow to answer
        return add(*args, **kwargs)

    engine.add_touchpoint = slow  # type: ignore[method-assign]

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            form = await _touchpoint_form(pilot, app)
            painted = _frames(app)
            await burst(pilot, *typed(HOSTILE), "ctrl+s", *typed("Neste [i]steg[/i] Øst"))
            # Painted while the save waits: the first field emptied and the next entry in it.
            await until(pilot, lambda: any("Neste [i]steg[/i] Øst" in text for _s, text, _c in painted))
            assert not gate.is_set() and all(count == painted[0][2] for _s, _t, count in painted)
            gate.set()
            await until(pilot, lambda: any(tp.text == HOSTILE for tp in engine.load(wid).touchpoints))
            await burst(pilot, "ctrl+s")
            await until(pilot, lambda: any(tp.text == "Neste [i]steg[/i] Øst" for tp in engine.load(wid).touchpoints))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            cards = "\n".join(str(row[1]) for lst in app.screen.query(TouchpointColumnList) for row in lst._rows)  # noqa: SLF001
            assert "Neste [i]steg[/i] Øst" in cards and HOSTILE.split(" – ")[0] in cards
            assert form not in app.screen_stack

    asyncio.run(scenario())
