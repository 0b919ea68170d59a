"""ctrl+z in the facilitator's window takes back the facilitator's own changes, never another
actor's, says in words what it took back, and the log names the window's actor."""

from __future__ import annotations

import asyncio
import json

import pytest
from typer.testing import CliRunner

from phase_helpers import notices, open_on, screen_text, until
from workshop.cli import app as cli_app
from workshop.engine import Engine
from workshop.tui.app import create_app
from workshop.tui.screens.what_wows import WhatWowsScreen


def cli(*args: str) -> str:
    """Run `workshop ARGS…` as another process would (on the database WORKSHOP_DB names)."""
    result = CliRunner().invoke(cli_app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def voting(engine: Engine, workshop: int) -> int:
    """Åse (U1) and Kari (U2); three ideas; the brief names Frida as the facilitator."""
    engine.edit_brief(workshop, facilitator="Frida Fasilitator")
    engine.add_participant(workshop, "Kari Nordmann", role="Lager")
    for text in ("SMS når pakken er forsinket", "Sporing på kartet", "Ring kunden før levering"):
        engine.add_idea(workshop, text)
    return workshop


def test_ctrl_z_undoes_the_facilitators_vote_and_leaves_another_actors_change(engine: Engine, voting: int) -> None:
    app = open_on(engine, voting, "what-wows")
    seen = len(engine.events(voting))

    async def scenario() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatWowsScreen))
            await pilot.press("v")  # a dot for Åse, the first voter, on the first idea
            await until(pilot, lambda: engine.load(voting).votes)
            cli("--actor", "Kari Nordmann", "add", "idea", str(voting), "Hentested på jobben")
            await until(pilot, lambda: "Hentested på jobben" in screen_text(app))

            await pilot.press("ctrl+z")
            await until(pilot, lambda: "Undid: a dot from Åse Ødegård on idea I1" in notices(app))
            assert not engine.load(voting).votes
            assert engine.load(voting).idea("I4").text == "Hentested på jobben"
            assert "Hentested på jobben" in screen_text(app)

            await pilot.press("ctrl+z")  # nothing more of Frida's: Kari's idea stays
            message = "Nothing of yours to undo (Kari Nordmann's and the CLI's changes are theirs)"
            await until(pilot, lambda: message in notices(app))
            assert engine.load(voting).idea("I4") is not None

            await pilot.press("ctrl+y")
            await until(pilot, lambda: "Redid: a dot from Åse Ødegård on idea I1" in notices(app))
            assert [(v.participant, v.idea) for v in engine.load(voting).votes] == [("U1", "I1")]

    asyncio.run(scenario())
    log = json.loads(cli("log", str(voting), "--json"))["events"][seen:]
    assert [(e["actor"], e["action"]) for e in log] == [
        ("Frida Fasilitator", "vote.cast"), ("Kari Nordmann", "idea.add"),
        ("Frida Fasilitator", "undo"), ("Frida Fasilitator", "redo")]
    assert log[0]["summary"] == "Åse Ødegård put 1 dot on idea I1 (cast by Frida Fasilitator)"
    lines = cli("log", str(voting)).splitlines()[-4:]
    assert all("—" not in line for line in lines) and "Frida Fasilitator" in lines[0]


def test_the_windows_actor_is_the_one_asked_for_else_the_brief_else_facilitator(engine: Engine,
                                                                             workshop: int) -> None:
    async def reveal(app) -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatWowsScreen))
            revealed = engine.load(workshop).revealed
            await pilot.press("r")
            await until(pilot, lambda: engine.load(workshop).revealed != revealed)

    asyncio.run(reveal(open_on(engine, workshop, "what-wows")))
    engine.edit_brief(workshop, facilitator="Frida Fasilitator")
    asyncio.run(reveal(create_app(engine, workshop)))
    asyncio.run(reveal(create_app(engine, workshop, actor="Ingrid Sæther")))
    actors = [e.actor for e in engine.events(workshop) if e.action.startswith("votes.")]
    assert actors == ["Facilitator", "Frida Fasilitator", "Ingrid Sæther"]
