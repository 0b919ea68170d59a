"""The vote race over HTTP: ten dots sent at once for a participant with three, from ten
connections; exactly three land, the others are refused with the command line's message."""

from __future__ import annotations

import threading

import httpx
import pytest

from workshop.engine import Engine
from workshop.serve.server import RoomServer


@pytest.mark.parametrize("ideas", [["I1"] * 10, ["I1", "I2", "I3", "I4", "I5"] * 2], ids=["one idea", "five ideas"])
def test_ten_dots_at_once_for_three_leave_exactly_three(server: RoomServer, person, engine: Engine, room: int,
                                                       ideas: list[str]) -> None:
    for text in ("Pakkeboks", "Hentekode", "SMS kvelden før", "Chat med sjåføren"):
        engine.add_idea(room, text)
    engine.set_phase(room, "what-wows")
    kari = person("Kari Nordmann")
    start = threading.Barrier(len(ideas))
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def vote(idea: str) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as own:  # a connection of its own
            start.wait()
            response = own.post("/api/votes", json={"idea": idea}, headers=kari.headers())
        with lock:
            answers.append(response)

    threads = [threading.Thread(target=vote, args=(idea,)) for idea in ideas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [201] * 3 + [409] * 7, [r.text for r in answers]
    refusals = {r.json()["error"] for r in answers if r.status_code == 409}
    assert refusals <= {"dots: Kari Nordmann has 0 of 3 dots left and cannot spend 1 more"}
    state = engine.load(room)
    assert state.dots_spent("U2") == 3 and sum(v.dots for v in state.votes) == 3
    assert [e.action for e in engine.events(room)].count("vote.cast") == 3
