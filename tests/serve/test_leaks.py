"""Nothing leaks in a silent, blind round: every response Kari's device receives (the pages as
HTML, every API answer, refusals included, and every message of her event stream) is searched for
what Bjørn wrote while silent, for his dots and the tallies, and, with anonymous cards, for his
name. Then the reveal shows that the search would have found them."""

from __future__ import annotations

import json
import re

import pytest
from serve_helpers import Person, Stream

from workshop.engine import Engine
from workshop.serve.server import RoomServer

SECRET = ("Bjørns hemmelige idé nummer én", "Bjørns hemmelige idé nummer to")
NAME = ("Bjørn Haugen", "Bj\\u00f8rn Haugen", "Bj&#248;rn Haugen")
"""Bjørn's name as text, as JSON escapes it and as HTML may."""


def _everything(kari: Person, stream: Stream) -> str:
    """Every byte Kari's device was sent, as text: responses, headers and the stream."""
    parts = [f"{r.headers}\n{r.text}" for r in kari.seen]
    parts += stream.raw
    return "\n".join(parts)


@pytest.fixture
def round_(server: RoomServer, person, engine: Engine, room: int):
    """Silent brainstorming and blind voting, with anonymous cards while silent (the default)."""
    engine.set_rules(room, silent=True, actor="Ingrid")
    kari = person("Kari Nordmann", cookie=True)
    bjorn = person("Bjørn Haugen")
    stream = Stream(kari)
    assert stream.next()[0] == "state"
    yield kari, bjorn, stream
    stream.close()


def test_a_silent_blind_round_leaks_nothing_until_the_reveal(round_, engine: Engine, room: int) -> None:
    kari, bjorn, stream = round_
    for text in SECRET:
        assert bjorn.post("/api/ideas", {"text": text, "touchpoints": ["T1"]}).status_code == 201   # I2, I3
    mine = kari.post("/api/ideas", {"text": "Karis egen idé"}, headers={"X-CSRF-Token": kari.csrf}).json()["id"]
    assert mine == "I4"
    seen = stream.quiet(1.5)
    assert [m["ideas_written"] for _e, m in seen] == [2, 3, 4]  # a count for each of Bjørn's, then hers
    page = kari.page()
    assert "Karis egen idé" in page and "The room has written 4 ideas so far." in page
    kari.get("/api/state")
    kari.client.get(f"/items/{mine}")
    # Refusals say nothing of what is hidden: an idea of Bjørn's is not there for her.
    assert kari.patch("/api/items/I2", {"text": "x"}, headers={"X-CSRF-Token": kari.csrf}).status_code == 404
    assert kari.client.get("/items/I3").status_code == 303
    silent_part = _everything(kari, stream)
    for secret in (*SECRET, *NAME, 'data-ref="I2"', '"ref":"I3"'):
        assert secret not in silent_part, secret

    # Blind voting on the revealed ideas; the cards stay anonymous while silent brainstorming is on.
    engine.reveal_ideas(room, actor="Ingrid")
    engine.set_phase(room, "what-wows", actor="Ingrid")
    assert stream.next()[0] == "state"
    stream.quiet(0.8)
    assert kari.post("/api/votes", {"idea": "I1"}, headers={"X-CSRF-Token": kari.csrf}).status_code == 201
    stream.quiet(0.8)
    for idea, dots in (("I2", 2), ("I3", 1)):
        for _ in range(dots):
            assert bjorn.post("/api/votes", {"idea": idea}).status_code == 201
    assert stream.quiet(1.5) == []  # Bjørn's dots change nothing Kari may see: no message at all
    page = kari.page()
    state = kari.get("/api/state").json()
    assert state["dots"] == {"total": 3, "spent": 1, "left": 2, "mine": {"I1": 1}, "done": False} and "ranking" not in state
    assert re.findall(r"your dots: (\d)", page) == ["1", "0", "0", "0"]
    assert 'id="ranking-section" hidden' in page
    refused = kari.post("/api/votes", {"idea": "I9"}, headers={"X-CSRF-Token": kari.csrf})
    assert refused.status_code == 404

    everything = _everything(kari, stream)
    # Bjørn's 2 dots on I2 as a tally would read on the page or in the data.
    for secret in (*NAME, ">2 dots<", '"dots": 2', '"dots":2', '"ranking": [', '"ranking":[', 'class="tally"', '"U3"'):
        assert secret not in everything, secret
    for message in [json.loads(line[6:]) for line in stream.raw if line.startswith("data: ")]:
        if "dots" in message:
            assert message["dots"]["mine"] in ({}, {"I1": 1}) and "ranking" not in message  # hers alone

    # The reveal: now the same search finds what it looked for, so it was not looking in vain.
    engine.reveal_votes(room, actor="Ingrid")
    event, revealed = stream.next()
    assert event == "state" and revealed["ranking"][:2] == [{"idea": "I2", "dots": 2}, {"idea": "I1", "dots": 1}]
    engine.set_rules(room, silent=False, actor="Ingrid")
    stream.next()
    page = kari.page()
    assert SECRET[0] in page and "Bjørn Haugen" in page and "2 dots" in page


def test_a_hidden_idea_of_anothers_is_not_in_any_page_or_data_attribute(round_, engine: Engine, room: int) -> None:
    kari, bjorn, stream = round_
    bjorn.post("/api/ideas", {"text": SECRET[0]})
    engine.set_phase(room, "what-wows", actor="Ingrid")  # ideas still hidden: nothing to vote on but I1
    stream.next()
    for path in ("/", "/api/state", "/items/I2", "/static/room.js"):
        kari.client.get(path)
    everything = _everything(kari, stream)
    assert SECRET[0] not in everything and 'data-ref="I2"' not in everything and '"I2"' not in everything
