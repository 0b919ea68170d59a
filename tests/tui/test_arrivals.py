"""Touchpoints and ideas that arrive from elsewhere (participants' phones, the command line) are
announced on the facilitator's screen, since they often land below what the board shows; the
notice tells the room no more than the board does."""

from __future__ import annotations

import asyncio

from phase_helpers import notices, open_on, screen_text, until
from workshop.engine import Engine

HOSTILE = "Per [/] Hansen [@click=app.quit]x[/]"


def _room(engine: Engine, workshop: int) -> None:
    engine.add_participant(workshop, HOSTILE)
    engine.add_participant(workshop, "Kari Nordmann")
    for n in range(14):
        engine.add_idea(workshop, f"Forhåndsidé {n}: SMS før levering med en lang tekst som tar plass")


def test_an_idea_from_a_phone_is_announced_with_its_author_and_text_as_written(engine: Engine, workshop: int) -> None:
    _room(engine, workshop)

    async def scenario() -> None:
        app = open_on(engine, workshop, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: "Ideas (14 shown" in screen_text(app))
            engine.add_idea(workshop, "Hentekode på SMS [b]nå[/] æøå", author=HOSTILE, actor=HOSTILE)
            engine.add_idea(workshop, "Pakkeboks ved hytta", author="Kari Nordmann", actor="Kari Nordmann")
            told = await until(pilot, lambda: [n for n in notices(app) if "I16" in n])
            assert f"{HOSTILE}: idea I15 «Hentekode på SMS [b]nå[/] æøå»" in told[0]
            assert "Kari Nordmann: idea I16 «Pakkeboks ved hytta»" in told[0]
            await until(pilot, lambda: "Ideas (16 shown" in screen_text(app))
            assert app.is_running  # the name's action did nothing

    asyncio.run(scenario())


def test_in_silent_brainstorming_a_hidden_idea_is_counted_never_quoted_and_nobody_is_named(
        engine: Engine, workshop: int) -> None:
    _room(engine, workshop)
    engine.set_rules(workshop, silent=True)

    async def scenario() -> None:
        app = open_on(engine, workshop, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: "Ideas (" in screen_text(app))
            before = len(notices(app))
            engine.add_idea(workshop, "Hemmelig idé fra Kari", author="Kari Nordmann", actor="Kari Nordmann")
            told = await until(pilot, lambda: notices(app)[before:])
            assert "1 hidden idea" in told[-1]
            assert "Hemmelig" not in told[-1] and "Kari" not in told[-1]
            # A touchpoint written meanwhile is quoted, but under anonymous cards without its author.
            engine.add_touchpoint(workshop, "Kunden ringer tre ganger", stage="1", author="Kari Nordmann",
                                  actor="Kari Nordmann")
            told = await until(pilot, lambda: [n for n in notices(app) if "touchpoint" in n])
            assert "touchpoint T1 «Kunden ringer tre ganger»" in told[-1]
            assert "Kari" not in told[-1]

    asyncio.run(scenario())


def test_the_facilitators_own_entries_are_not_announced(engine: Engine, workshop: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, workshop, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: "Ideas (" in screen_text(app))
            await pilot.press("a")
            await pilot.press(*"Egen idé")
            await pilot.press("enter")
            await until(pilot, lambda: engine.load(workshop).ideas)
            await pilot.pause(1.0)  # a poll of the live link has come and gone
            assert not [n for n in notices(app) if "New from the room" in n or "I1 «" in n]

    asyncio.run(scenario())
