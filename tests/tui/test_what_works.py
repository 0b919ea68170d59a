"""What Works as a facilitator uses it: a pilot promoted from a concept with every field, the
ranked backlog and moving a pilot in it, the effect-against-cost 2×2, the timeline, a refused
date that keeps what was typed, and undo."""

from __future__ import annotations

import asyncio
import re

import pytest
from textual.widgets import Input, Select, TabbedContent, TextArea

from phase_helpers import notices, open_form, open_on, screen_text, until
from workshop.domain.model import Pilot
from workshop.engine import Engine
from workshop.tui.dialogs.confirm import ConfirmDialog
from workshop.tui.screens.what_works import WhatWorksScreen
from workshop.tui.widgets.matrix import quadrant_of
from workshop.tui.widgets.timeline import render_timeline
from workshop.tui.widgets.votes import RefList


@pytest.fixture
def concepts(engine: Engine, workshop: int) -> int:
    """C1 (effect 5, cost 1, assumption A1), C2 (effect 4, cost 4) and C3 (not scored)."""
    for text in ("SMS når pakken er forsinket", "Ny leveringsside", "Ring kunden før levering"):
        engine.add_idea(workshop, text)
    engine.add_concept(workshop, "I1", effect=5, cost=1)
    engine.add_concept(workshop, "I2", effect=4, cost=4)
    engine.add_concept(workshop, "I3")
    engine.add_assumption(workshop, "Kundene leser SMS", concept="C1", kind="value", critical=True)
    return workshop


async def _open(pilot, app) -> WhatWorksScreen:
    return await until(pilot, lambda: app.screen if isinstance(app.screen, WhatWorksScreen) else None)


def _fill(form, values: dict[str, str]) -> None:
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        elif isinstance(widget, Select):
            widget.value = value
        else:
            widget.value = value


def test_a_pilot_is_made_from_a_concept_with_every_field(engine: Engine, concepts: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, concepts, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            await pilot.press("a")
            form = await open_form(pilot, app)
            assert form.query_one("#field-concept", Select).value == "C1"
            await pilot.press(*"SMS-varsel på Økern")
            _fill(form, {
                "hypothesis": "We believe that an SMS for waiting customers will cut calls, measured by calls",
                "metric": "20 % færre samtaler", "owner": "Kari Nordmann", "start": "2026-04-06",
                "end": "2026-05-01", "budget": "10 000 kr", "scope": "Bare Oslo øst", "tests": "a1",
                "status": "planned"})
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(concepts).pilots)
            [p] = engine.load(concepts).pilots
            assert p == Pilot(ref="P1", concept="C1", name="SMS-varsel på Økern",
                              hypothesis="We believe that an SMS for waiting customers will cut calls, measured by calls",
                              metric="20 % færre samtaler", owner="Kari Nordmann", start_date="2026-04-06",
                              end_date="2026-05-01", budget="10 000 kr", scope="Bare Oslo øst", tests=("A1",),
                              status="planned")
            text = await until(pilot, lambda: "SMS-varsel på Økern" in screen_text(app) and screen_text(app))
            assert " 1.   P1  e5 c1 planned" in text and "Tests: ☑ A1 Kundene leser SMS" in text

            # Edit: the decision and the learnings are there once the pilot has run.
            await pilot.press("enter")
            form = await open_form(pilot, app)
            _fill(form, {"status": "done", "decision": "scale", "learnings": "Halvparten færre samtaler"})
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(concepts).pilots[0].decision == "scale")
            p = engine.load(concepts).pilots[0]
            assert (p.status, p.learnings, p.owner) == ("done", "Halvparten færre samtaler", "Kari Nordmann")
            await until(pilot, lambda: "decision: scale" in screen_text(app))

    asyncio.run(scenario())


def test_a_refused_date_is_shown_under_its_field_and_keeps_what_was_typed(engine: Engine, concepts: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, concepts, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            await pilot.press("a")
            form = await open_form(pilot, app)
            _fill(form, {"name": "Ring kunden", "start": "2026-05-10", "end": "10.04.2026"})
            await pilot.press("ctrl+s")
            error = await until(pilot, lambda: str(form.query_one("#error-end").render()).strip())
            assert error == "End: must be a date as YYYY-MM-DD, not '10.04.2026'"
            assert form.query_one("#field-end", Input).value == "10.04.2026"
            assert form.query_one("#field-name", Input).value == "Ring kunden"
            _fill(form, {"end": "2026-04-10"})  # before the start
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "is before the start" in str(form.query_one("#error-end").render()))
            assert form.query_one("#field-end", Input).value == "2026-04-10"
            assert not engine.load(concepts).pilots

    asyncio.run(scenario())


def test_backlog_ranks_by_effect_over_cost_and_a_pilot_moves_up_by_pinning(engine: Engine, concepts: int) -> None:
    engine.add_pilot(concepts, "Ny leveringsside", concept="C2", start="2026-04-01", end="2026-06-30")
    engine.add_pilot(concepts, "SMS-varsel", concept="C1", start="2026-03-02", end="2026-03-27", status="running")

    async def scenario() -> None:
        app = open_on(engine, concepts, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _open(pilot, app)
            backlog = screen.query_one("#backlog", RefList)
            await until(pilot, lambda: backlog.option_count == 2)
            assert [backlog.get_option_at_index(i).id for i in range(2)] == ["P2", "P1"]
            backlog.highlighted = 1
            await pilot.press("plus")
            await until(pilot, lambda: engine.load(concepts).pilots[0].pin == 1)
            await until(pilot, lambda: backlog.get_option_at_index(0).id == "P1")
            assert backlog.current == "P1"
            await until(pilot, lambda: " 1. ⚑ P1" in screen_text(app))
            await pilot.press("plus")
            assert await until(pilot, lambda: [m for m in notices(app) if "already first" in m])

            await pilot.press("ctrl+z")
            await until(pilot, lambda: engine.load(concepts).pilots[0].pin is None)
            await until(pilot, lambda: backlog.get_option_at_index(0).id == "P2")

    asyncio.run(scenario())


def test_moving_past_a_pinned_pilot_swaps_the_two_and_the_pin_form_refuses_a_rank_past_the_end(
        engine: Engine, concepts: int) -> None:
    engine.add_pilot(concepts, "SMS-varsel", concept="C1")
    engine.add_pilot(concepts, "Ny leveringsside", concept="C2")
    engine.edit_pilot(concepts, "P1", pin=1)

    async def scenario() -> None:
        app = open_on(engine, concepts, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _open(pilot, app)
            backlog = screen.query_one("#backlog", RefList)
            await until(pilot, lambda: backlog.option_count == 2)
            backlog.highlighted = 1
            await pilot.press("plus")
            await until(pilot, lambda: backlog.get_option_at_index(0).id == "P2")
            assert {p.ref: p.pin for p in engine.load(concepts).pilots} == {"P1": 2, "P2": 1}
            await pilot.press("p")
            form = await open_form(pilot, app)
            _fill(form, {"pin": "7"})
            await pilot.press("ctrl+s")
            error = await until(pilot, lambda: str(form.query_one("#error-pin").render()).strip())
            assert error == "Rank: the backlog has 2 pilots; 7 is past its end"
            assert form.query_one("#field-pin", Input).value == "7"
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, WhatWorksScreen))
            await pilot.press("ctrl+z")
            await until(pilot, lambda: backlog.get_option_at_index(0).id == "P1")
            assert {p.ref: p.pin for p in engine.load(concepts).pilots} == {"P1": 1, "P2": None}

    asyncio.run(scenario())


def test_the_matrix_shows_quick_wins_and_the_timeline_shows_the_weeks(engine: Engine, concepts: int) -> None:
    engine.add_pilot(concepts, "SMS-varsel", concept="C1", start="2026-03-02", end="2026-03-27", status="running")
    engine.add_pilot(concepts, "Ny leveringsside", concept="C2", start="2026-04-01", end="2026-06-30")

    async def scenario() -> None:
        app = open_on(engine, concepts, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _open(pilot, app)
            await pilot.press("s")
            tabs = screen.query_one("#works-views", TabbedContent)
            await until(pilot, lambda: tabs.active == "matrix")
            text = await until(pilot, lambda: "Quick wins" in screen_text(app) and screen_text(app))
            quick = text.split("Quick wins")[1].split("\n")[1]
            assert "P1 SMS-varsel" in quick
            assert "Not scored yet" in text and "C3 Ring kunden før" in text
            await pilot.press("s")
            await until(pilot, lambda: tabs.active == "timeline")
            text = await until(pilot, lambda: "w10" in screen_text(app) and screen_text(app))
            row = next(line for line in text.splitlines() if "P1 SMS-varsel" in line)
            assert "running" in row and "02.03–27.03" in row
            assert re.search(r"^2026 +Mar +Apr +May +Jun", text, re.M)

    asyncio.run(scenario())


def test_delete_asks_first_and_undo_brings_the_pilot_back(engine: Engine, concepts: int) -> None:
    engine.add_pilot(concepts, "SMS-varsel", concept="C1", owner="Kari")

    async def scenario() -> None:
        app = open_on(engine, concepts, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, WhatWorksScreen))
            assert engine.load(concepts).pilots
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await until(pilot, lambda: not engine.load(concepts).pilots)
            await until(pilot, lambda: "a makes a pilot from a concept" in screen_text(app))
            await pilot.press("ctrl+z")
            await until(pilot, lambda: engine.load(concepts).pilots)
            await until(pilot, lambda: "SMS-varsel · Kari" in screen_text(app))

    asyncio.run(scenario())


def test_quadrants_split_at_three_and_an_undated_pilot_is_listed_apart() -> None:
    assert quadrant_of(3, 2).key == "quick-wins"
    assert quadrant_of(5, 3).key == "big-bets"
    assert quadrant_of(2, 1).key == "fill-ins"
    assert quadrant_of(2, 5).key == "money-pits"
    assert quadrant_of(None, 1) is None
    pilots = [Pilot(ref="P1", concept="C1", name="Kort", start_date="2026-01-05", end_date="2026-01-09"),
              Pilot(ref="P2", concept="C1", name="Uten datoer")]
    lines = render_timeline(pilots, 80).plain.splitlines()
    assert lines[1].strip() == "w2"
    assert lines[2].startswith("P1 Kort") and "05.01–09.01" in lines[2]
    assert lines[-1] == "No dates yet: P2 Uten datoer"
