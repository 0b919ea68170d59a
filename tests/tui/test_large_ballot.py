"""A ballot of a thousand ideas: only the lines in view are made, a dot shows on its line at once,
and a line changed elsewhere while out of view is up to date when it scrolls back in."""

from __future__ import annotations

import asyncio
import re

import pytest

from phase_helpers import open_on, screen_text, until
from workshop.engine import Engine
from workshop.tui.screens.what_wows import WhatWowsScreen
from workshop.tui.widgets.votes import IdeaBallot, VoterList, dots_text


@pytest.fixture
def crowded(engine: Engine, workshop: int) -> int:
    """1,000 ideas; Åse Ødegård (U1) and Kari (U2) with 30 dots each, voting is open (not blind)."""
    with engine.store.batch():
        engine.add_participant(workshop, "Kari Nordmann")
        engine.set_rules(workshop, dots=30, blind=False)
        for n in range(1000):
            engine.add_idea(workshop, f"Idé {n}: varsle kunden på SMS før sjåføren kommer, æøå")
    return workshop


def _ballot(app) -> IdeaBallot | None:  # noqa: ANN001
    """The ballot once the What Wows screen is on top and composed (not the moment it is pushed)."""
    screen = app.screen
    found = screen.query(IdeaBallot) if isinstance(screen, WhatWowsScreen) else ()
    return found.first() if found else None


async def _ballot_shown(pilot, app, showing: str) -> IdeaBallot:  # noqa: ANN001
    """The What Wows ballot once it holds the thousand ideas and the screen shows `showing`."""
    ballot = await until(pilot, lambda: _ballot(app))
    await until(pilot, lambda: ballot.option_count == 1000 and showing in screen_text(app))
    return ballot


def test_a_ballot_of_a_thousand_makes_only_the_lines_in_view(engine: Engine, crowded: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    line = IdeaBallot._line

    def counting(ref: str, *args: object):  # noqa: ANN202
        made.append(ref)
        return line(ref, *args)

    monkeypatch.setattr(IdeaBallot, "_line", staticmethod(counting))

    async def scenario() -> None:
        app = open_on(engine, crowded, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            ballot = await _ballot_shown(pilot, app, "Idé 0:")
            assert len(set(made)) < 60  # the lines in view, not a thousand
            # A dot on the first idea: its line shows it, and only lines in view were made again.
            made.clear()
            await pilot.press("v")
            await until(pilot, lambda: engine.load(crowded).dots_for("I1") == 1)
            text = await until(pilot, lambda: re.search(r"1\.\s+1 ●\s+I1 ", screen_text(app)) and screen_text(app))
            assert "29 of 30 left  Åse" in text
            assert len(set(made)) < 60

    asyncio.run(scenario())


def test_a_line_changed_out_of_view_is_current_when_it_comes_back(engine: Engine, crowded: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, crowded, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            ballot = await _ballot_shown(pilot, app, "Idé 1: ")
            ballot.focus()
            await pilot.press("end")  # I1 and I2 scroll out of view
            await until(pilot, lambda: "Idé 999:" in screen_text(app) and "Idé 1: " not in screen_text(app))
            # Åse puts three dots on I1 from her own device while it is out of view; it stays first.
            engine.cast_vote(crowded, "U1", "I1", dots=3, actor="Åse Ødegård")
            await until(pilot, lambda: "27 of 30 left  Åse" in screen_text(app))
            await pilot.press("home")
            text = await until(pilot, lambda: re.search(r" 1\.\s+3 ●●●\s+I1 \s+Idé 0:", screen_text(app))
                               and screen_text(app))
            assert ballot.get_option_at_index(0).id == "I1"
            assert re.search(r"\s0\s+I2 \s+Idé 1:", text)

    asyncio.run(scenario())


def test_a_few_dots_each_are_drawn_as_circles() -> None:
    assert dots_text(2, 3) == "●●○"
    assert dots_text(5, 3) == "●●●"


def test_the_voter_list_shows_dots_left_with_two_hundred_each(engine: Engine, crowded: int) -> None:
    engine.set_rules(crowded, dots=200)
    engine.cast_vote(crowded, "U2", "I5", dots=12)

    async def scenario() -> None:
        app = open_on(engine, crowded, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await until(pilot, lambda: app.screen if isinstance(app.screen, WhatWowsScreen) else None)
            await until(pilot, lambda: screen.query(VoterList) and screen.query_one(VoterList).option_count == 2)
            text = await until(pilot, lambda: "188 of 200 left  Kari" in screen_text(app) and screen_text(app))
            assert "200 of 200 left  Åse" in text and "●" not in text.split("Who votes")[1].split("│")[1]

    asyncio.run(scenario())


def test_ideas_whose_dots_change_move_to_their_place_in_the_ranking(engine: Engine, crowded: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, crowded, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            ballot = await _ballot_shown(pilot, app, "Idé 0:")

            def order() -> list[str]:
                return [ballot.get_option_at_index(i).id or "" for i in range(ballot.option_count)]

            # From a device: Kari puts dots deep down the list, one after another; then Åse takes
            # one back. Each time the ballot is the ranking: most dots first, ties in board order.
            for idea, dots, seen in (("I501", 3, "27 of 30 left  Kari"), ("I900", 2, "25 of 30 left  Kari"),
                                     ("I7", 3, "22 of 30 left  Kari")):
                engine.cast_vote(crowded, "U2", idea, dots=dots, actor="Kari Nordmann")
                await until(pilot, lambda seen=seen: seen in screen_text(app))
                ranked = [i.ref for i, _dots in engine.load(crowded).ranked()]
                assert order() == ranked
            assert order()[:3] == ["I7", "I501", "I900"]
            engine.withdraw_vote(crowded, "U2", "I7", dots=2, actor="Kari Nordmann")
            await until(pilot, lambda: "24 of 30 left  Kari" in screen_text(app))
            assert order()[:3] == ["I501", "I900", "I7"]
            assert order() == [i.ref for i, _dots in engine.load(crowded).ranked()]
            text = await until(pilot, lambda: re.search(r" 1\.\s+3\s+I501 ", screen_text(app)) and screen_text(app))
            assert re.search(r" 2\.\s+2\s+I900 ", text)

    asyncio.run(scenario())
