"""What Wows as a facilitator uses it: proxy dot voting, blind tallies and the reveal, promoting
an idea to a concept, assumptions added, edited and deleted, and undo."""

from __future__ import annotations

import asyncio
import re

import pytest
from textual.widgets import Select, TextArea

from phase_helpers import notices, open_form, open_on, screen_text, until
from workshop.engine import Engine
from workshop.tui.dialogs.confirm import ConfirmDialog
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.screens.what_wows import WhatWowsScreen
from workshop.tui.widgets.votes import IdeaBallot, VoterList


@pytest.fixture
def voting(engine: Engine, workshop: int) -> int:
    """Åse (U1) and Kari (U2) with 3 dots each; three ideas; the facilitator is Frida."""
    engine.edit_brief(workshop, facilitator="Frida Fasilitator")
    engine.add_participant(workshop, "Kari Nordmann", role="Lager")
    engine.add_idea(workshop, "SMS når pakken er forsinket")
    engine.add_idea(workshop, "Sporing på kartet")
    engine.add_idea(workshop, "Ring kunden før levering")
    return workshop


async def _open(pilot, app) -> WhatWowsScreen:
    return await until(pilot, lambda: app.screen if isinstance(app.screen, WhatWowsScreen) else None)


def test_proxy_vote_spends_the_selected_participants_dot_and_keeps_tallies_hidden(engine: Engine, voting: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, voting, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _open(pilot, app)
            await pilot.press("right_square_bracket")  # the next voter: Kari, who has no device
            assert screen.query_one(VoterList).current == "U2"
            await pilot.press("down", "v")  # a dot on the second idea, I2
            await until(pilot, lambda: engine.load(voting).votes)
            [vote] = engine.load(voting).votes
            assert (vote.participant, vote.idea, vote.dots) == ("U2", "I2", 1)
            assert engine.events(voting)[-1].actor == "Frida Fasilitator"
            text = await until(pilot, lambda: "2 left  Kari" in screen_text(app) and screen_text(app))
            assert "? = hidden until r reveals the tallies" in text
            assert re.search(r"  \? ●   I2   Sporing på kartet", text)  # her own dot, not the tally
            assert not re.search(r"\d\.\s+\d ", text.split("Who votes")[1])

    asyncio.run(scenario())


def test_reveal_ranks_the_ideas_and_withdraw_takes_a_dot_back(engine: Engine, voting: int) -> None:
    engine.cast_vote(voting, "U1", "I3", dots=2)
    engine.cast_vote(voting, "U2", "I3")
    engine.cast_vote(voting, "U2", "I1")

    async def scenario() -> None:
        app = open_on(engine, voting, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _open(pilot, app)
            await pilot.press("r")
            await until(pilot, lambda: engine.load(voting).revealed)
            ballot = screen.query_one(IdeaBallot)
            await until(pilot, lambda: ballot.get_option_at_index(0).id == "I3")
            assert [ballot.get_option_at_index(i).id for i in range(3)] == ["I3", "I1", "I2"]
            text = await until(pilot, lambda: " 1.  3 ●●  I3   Ring kunden" in screen_text(app) and screen_text(app))
            assert " 2.  1     I1   SMS" in text and "    0     I2   Sporing" in text
            # Åse takes one of her two dots back from the idea at the top.
            ballot.highlighted = 0
            await pilot.press("w")
            await until(pilot, lambda: engine.load(voting).dots_for("I3") == 2)
            assert engine.load(voting).dots_spent("U1") == 1
            await until(pilot, lambda: "2 left  Åse" in screen_text(app))

    asyncio.run(scenario())


def test_a_vote_beyond_the_dots_is_refused_with_a_message_and_changes_nothing(engine: Engine, voting: int) -> None:
    engine.cast_vote(voting, "U1", "I1", dots=3)

    async def scenario() -> None:
        app = open_on(engine, voting, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            before = engine.last_seq(voting)
            await pilot.press("v")
            message = await until(pilot, lambda: [m for m in notices(app) if m.startswith("dots:")])
            assert "Åse Ødegård has 0 of 3 dots left" in message[0]
            assert engine.last_seq(voting) == before

    asyncio.run(scenario())


def test_promote_writes_the_napkin_pitch_and_the_concept_card_shows_it(engine: Engine, voting: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, voting, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            await pilot.press("a")
            form = await open_form(pilot, app)
            assert form.query_one("#field-big_idea", TextArea).text == "SMS når pakken er forsinket"
            form.query_one("#field-benefits", TextArea).focus()
            await pilot.pause()
            await pilot.press(*"Kunder på Økern")
            form.query_one("#field-effect", Select).value = 5
            form.query_one("#field-cost", Select).value = 1
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(voting).concepts)
            [concept] = engine.load(voting).concepts
            assert (concept.idea, concept.benefits, concept.effect, concept.cost) == ("I1", "Kunder på Økern", 5, 1)
            text = await until(pilot, lambda: "Who benefits: Kunder på Økern" in screen_text(app) and screen_text(app))
            assert "quick wins" in text and "I1   →C1 SMS når" in text

    asyncio.run(scenario())


def test_assumptions_are_added_edited_deleted_and_undone(engine: Engine, voting: int) -> None:
    concept = engine.add_concept(voting, "I2", effect=4, cost=2)

    async def scenario() -> None:
        app = open_on(engine, voting, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _open(pilot, app)
            screen.query_one("#concepts").focus()
            await pilot.pause()
            await pilot.press("a")
            form = await open_form(pilot, app)
            await pilot.press(*"Kundene ser på kartet")
            form.query_one("#field-kind", Select).value = "execution"
            form.query_one("#field-critical").value = True
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(voting).assumptions)
            [a] = engine.load(voting).assumptions
            assert (a.concept, a.text, a.kind, a.critical) == (concept, "Kundene ser på kartet", "execution", True)
            await until(pilot, lambda: "‼ A1" in screen_text(app))

            screen.query_one("#assumptions").focus()

            await pilot.pause()
            await pilot.press("enter")
            form = await open_form(pilot, app)
            form.query_one("#field-test", TextArea).text = "Spør ti kunder i butikken"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(voting).assumptions[0].test == "Spør ti kunder i butikken")

            await until(pilot, lambda: not isinstance(app.screen, FormDialog))
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await until(pilot, lambda: not engine.load(voting).assumptions)
            await until(pilot, lambda: "‼ A1" not in screen_text(app))

            await pilot.press("ctrl+z")
            await until(pilot, lambda: engine.load(voting).assumptions)
            assert engine.load(voting).assumptions[0].test == "Spør ti kunder i butikken"
            await until(pilot, lambda: "‼ A1" in screen_text(app))

    asyncio.run(scenario())


def test_a_refused_assumption_keeps_what_was_typed(engine: Engine, voting: int) -> None:
    engine.add_concept(voting, "I1")

    async def scenario() -> None:
        app = open_on(engine, voting, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _open(pilot, app)
            screen.query_one("#concepts").focus()
            await pilot.pause()
            await pilot.press("a")
            form = await open_form(pilot, app)
            form.query_one("#field-test", TextArea).text = "Tell samtaler i en uke"
            await pilot.press("ctrl+s")  # "What must be true" is still empty
            error = await until(pilot, lambda: str(form.query_one("#error-text").render()).strip())
            assert error.startswith("What must be true:") and "empty" in error  # named as the form names it
            assert isinstance(app.screen, FormDialog)
            assert form.query_one("#field-test", TextArea).text == "Tell samtaler i en uke"
            assert not engine.load(voting).assumptions

    asyncio.run(scenario())


def test_a_vote_cast_elsewhere_shows_on_the_open_screen(engine: Engine, voting: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, voting, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            await until(pilot, lambda: "3 left  Kari" in screen_text(app))
            # Kari votes from her own device (another process on the same database).
            engine.cast_vote(voting, "Kari Nordmann", "I3", dots=2, actor="Kari Nordmann")
            await until(pilot, lambda: "1 left  Kari" in screen_text(app))

    asyncio.run(scenario())
