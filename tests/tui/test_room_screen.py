"""The room from the facilitator's side: `j` serves the open workshop and shows where to join, the
code and a QR code; a participant who joins from a phone (the real server, over HTTP) is listed,
their idea arrives on the What If board within a second, with their name (even a hostile one)
shown literally and never which ideas they put dots on; the facilitator removes their access,
changes the code and stops serving."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest

from phase_helpers import notices, screen_text, until
from workshop.engine import Engine
from workshop.tui.app import create_app
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.screens.room import RoomScreen, qr_text

NAME = "Per [/] Hansen [@click=app.quit]x[/]"


@pytest.fixture(autouse=True)
def on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_HOST", "127.0.0.1")
    monkeypatch.setenv("WORKSHOP_PORT", "0")


def _join(url: str, code: str, name: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=20)
    answer = client.post("/api/join", json={"code": code, "name": name})
    assert answer.status_code == 200, answer.text
    client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    client.cookies.clear()
    return client


def test_j_serves_and_a_participants_idea_reaches_the_board(engine: Engine, journey: int) -> None:
    engine.add_participant(journey, NAME, role="Lager")
    engine.set_phase(journey, "what-if")

    async def scenario() -> None:
        app = create_app(engine, journey)
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.focused is not None)
            await pilot.press("j")
            await until(pilot, lambda: isinstance(app.screen, RoomScreen) and app.room.serving)
            server = app.room.server
            await until(pilot, lambda: server.url in screen_text(app) and f"code  {server.code}" in screen_text(app))
            assert re.fullmatch(r"http://127\.0\.0\.1:\d+/?", server.url)
            assert "▀" in screen_text(app) or "█" in screen_text(app)  # the QR code is drawn

            phone = await asyncio.to_thread(_join, server.url, server.code, NAME)
            await until(pilot, lambda: f"○ {NAME}" in screen_text(app) or f"● {NAME}" in screen_text(app))
            assert NAME in screen_text(app)
            answer = await asyncio.to_thread(phone.post, "/api/ideas", json={"text": "Hent hos naboen", "touchpoints": ["T3"]})
            assert answer.status_code == 201, answer.text
            await until(pilot, lambda: "1 written · 0/3 dots" in screen_text(app))

            await pilot.press("escape")  # back on What If: the idea is on the board, the banner on top
            await until(pilot, lambda: "Hent hos naboen" in screen_text(app))
            assert f"join {server.url}  code {server.code}" in screen_text(app)
            assert [e.actor for e in engine.events(journey)][-1] == NAME
            await pilot.press("3")  # the room follows to What Wows and votes
            await until(pilot, lambda: engine.load(journey).phase.value == "what-wows")
            vote = await asyncio.to_thread(phone.post, "/api/votes", json={"idea": answer.json()["id"]})
            assert vote.status_code == 201, vote.text

            await pilot.press("j")
            await until(pilot, lambda: "1 written · 1/3 dots" in screen_text(app))
            await until(pilot, lambda: isinstance(app.screen, RoomScreen) and NAME in screen_text(app))
            people = app.screen.query_one("#room-people")
            people.highlighted = next(i for i, o in enumerate(people.options)
                                      if engine.load(journey).participant(o.id).name == NAME)
            await pilot.press("b")
            await until(pilot, lambda: f"✗ {NAME}" in screen_text(app))
            refused = await asyncio.to_thread(phone.post, "/api/ideas", json={"text": "En til", "touchpoints": []})
            assert refused.status_code in (401, 403), refused.text

            old = server.code
            await pilot.press("c")
            await until(pilot, lambda: server.code != old and f"code  {server.code}" in screen_text(app))
            late = await asyncio.to_thread(httpx.post, f"{server.url.rstrip('/')}/api/join",
                                           json={"code": old, "name": "Åse Ødegård"})
            assert late.status_code == 403

            await pilot.press("s")
            await until(pilot, lambda: not app.room.serving and isinstance(app.screen, PhaseScreen))
            await until(pilot, lambda: "join http" not in screen_text(app))
            assert any("Stopped serving" in n for n in notices(app))
            phone.close()

    asyncio.run(scenario())
    state = engine.load(journey)
    person = next(p for p in state.participants if p.name == NAME)
    assert person.joined and person.blocked
    assert [(i.text, i.author) for i in state.ideas] == [("Hent hos naboen", NAME)]


def test_the_qr_code_grows_to_fill_the_room_dark_on_light_with_square_modules() -> None:
    from workshop.serve.qr import matrix

    grid = matrix("http://192.168.1.20:8765/")
    size = len(grid)
    small = qr_text(grid, size, size)
    assert small.plain.split("\n")[0] == " " * size  # the quiet zone: light
    assert str(small.style) == "black on white"
    big = qr_text(grid, size * 3, size * 2).plain.split("\n")
    # Three cells wide and three half-cells tall per module: square on a terminal, every module
    # where it belongs.
    assert len(big[0]) == size * 3
    halves = [[ch in "█▀" for ch in line] for line in big]
    halves = [row for pair in zip(halves, [[ch in "█▄" for ch in line] for line in big]) for row in pair]
    assert [row[::3] for row in halves[::3]][:size] == grid
