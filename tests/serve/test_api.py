"""The JSON API over real HTTP: joining with the code, what a participant sees, touchpoints, ideas,
changes to one's own items, and dots; each change lands in the database with its event, the
participant as actor and author."""

from __future__ import annotations

import time

import pytest
from serve_helpers import Person, cli_error

from workshop.engine import Engine
from workshop.serve.server import RoomServer


def test_joining_with_the_code_gives_a_token_and_a_strict_cookie(server: RoomServer, engine: Engine, room: int) -> None:
    anyone = Person(server.url, "")
    spaced = " ".join([server.code[:3].lower(), server.code[3:]])  # as read aloud and typed on a phone
    response = anyone.post("/api/join", {"code": spaced, "name": "kari nordmann"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["participant"], body["name"]) == ("U2", "Kari Nordmann") and len(body["token"]) >= 32
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert body["token"] not in cookie  # the token is not the cookie: a page's script never holds the session
    log = engine.events(room)[-1]
    assert (log.action, log.actor) == ("participant.join", "Kari Nordmann")
    assert engine.load(room).participant("U2").joined


def test_a_wrong_code_is_403_and_changes_nothing(server: RoomServer, engine: Engine, room: int) -> None:
    count = len(engine.events(room))
    response = Person(server.url, "").post("/api/join", {"code": "AAAAAA", "name": "Kari Nordmann"})
    assert response.status_code == 403
    assert response.json() == {"error": "code: that is not the join code", "field": "code"}
    assert len(engine.events(room)) == count and not engine.load(room).participant("U2").joined


def test_repeated_wrong_codes_are_slowed_then_refused(server: RoomServer) -> None:
    guesser = Person(server.url, "")
    times = []
    for n in range(10):
        started = time.monotonic()
        response = guesser.post("/api/join", {"code": f"WRONG{n}", "name": "Kari Nordmann"})
        times.append(time.monotonic() - started)
        assert response.status_code == 403, (n, response.text)
    # The first three go at once; from the fourth on each waits (the guard's steps of 0.1 s here).
    assert min(times[5:]) >= 0.2
    refused = guesser.post("/api/join", {"code": server.code, "name": "Kari Nordmann"})
    assert refused.status_code == 429, refused.text  # even the right code, once locked out
    assert refused.json()["field"] == "code" and int(refused.headers["retry-after"]) > 0


def test_a_name_not_on_the_list_or_removed_is_refused(server: RoomServer, engine: Engine, room: int) -> None:
    anyone = Person(server.url, "")
    response = anyone.post("/api/join", {"code": server.code, "name": "Liv Ørnes"})
    assert response.status_code == 404 and response.json()["field"] == "name"
    engine.set_access(room, "Bjørn Haugen", blocked=True)
    response = anyone.post("/api/join", {"code": server.code, "name": "Bjørn Haugen"})
    assert response.status_code == 403
    assert response.json() == {"error": "name: the facilitator has removed the access of Bjørn Haugen", "field": "name"}
    engine.set_rules(room, open_join=True)
    response = anyone.post("/api/join", {"code": server.code, "name": "Liv Ørnes"})
    assert response.status_code == 200 and response.json()["participant"] == "U4"
    assert engine.load(room).participant("U4").name == "Liv Ørnes"


def test_state_answers_by_token_or_cookie_and_no_session_is_401(server: RoomServer, person) -> None:
    kari = person("Kari Nordmann")
    state = kari.state()
    assert (state["me"], state["phase"]) == ({"ref": "U2", "name": "Kari Nordmann"}, "what-if")
    by_cookie = person("Kari Nordmann", cookie=True)
    assert by_cookie.get("/api/state").json()["me"]["ref"] == "U2"
    nobody = Person(server.url, "")
    assert nobody.get("/api/state").status_code == 401
    assert nobody.get("/api/state").json() == {"error": "session: join with the code first", "field": "session"}
    forged = nobody.get("/api/state", headers={"Authorization": "Bearer not-a-token"})
    assert forged.status_code == 401 and forged.json()["field"] == "session"


def test_a_touchpoint_and_an_idea_land_with_their_author_and_actor(server: RoomServer, person, engine: Engine,
                                                                    room: int) -> None:
    kari = person("Kari Nordmann")
    engine.set_phase(room, "what-is")
    response = kari.post("/api/touchpoints", {"text": "Får SMS om at pakken er forsinket", "stage": "Delivery and use",
                                              "feeling": 1, "pains": ["Kommer for sent"], "channel": "app"})
    assert response.status_code == 201 and response.json() == {"id": "T3"}
    tp = engine.load(room).touchpoint("T3")
    assert (tp.text, tp.stage, tp.feeling, tp.pains, tp.channel, tp.author) == (
        "Får SMS om at pakken er forsinket", "S3", 1, ("Kommer for sent",), "app", "Kari Nordmann")
    engine.set_phase(room, "what-if")
    response = kari.post("/api/ideas", {"text": "Hentekode i appen", "touchpoints": ["t3", "T1"]})
    assert response.status_code == 201 and response.json() == {"id": "I2"}
    idea = engine.load(room).idea("I2")
    assert (idea.author, idea.touchpoints, idea.hidden) == ("Kari Nordmann", ("T1", "T3"), False)
    assert [(e.action, e.actor) for e in engine.events(room)[-3:]] == [
        ("touchpoint.add", "Kari Nordmann"), ("phase", ""), ("idea.add", "Kari Nordmann")]


def test_each_thing_is_written_only_in_its_phase(person, engine: Engine, room: int) -> None:
    kari = person("Kari Nordmann")
    count = len(engine.events(room))
    response = kari.post("/api/touchpoints", {"text": "For sent", "stage": "1"})
    assert response.status_code == 409
    assert response.json() == {"error": "phase: touchpoints are written in What Is; the workshop is in What If",
                               "field": "phase"}
    assert kari.post("/api/votes", {"idea": "I1"}).status_code == 409
    engine.set_phase(room, "what-wows")
    assert kari.post("/api/ideas", {"text": "For sent"}).json()["field"] == "phase"
    assert len(engine.events(room)) == count + 1  # the phase move only


def test_own_items_are_changed_and_removed_and_nobody_elses(person, engine: Engine, room: int) -> None:
    kari, bjorn = person("Kari Nordmann"), person("Bjørn Haugen")
    mine = kari.post("/api/ideas", {"text": "SMS kvelden før"}).json()["id"]
    assert kari.patch(f"/api/items/{mine}", {"text": "SMS kvelden før levering", "touchpoints": ["T2"]}).json() == {"id": mine}
    idea = engine.load(room).idea(mine)
    assert (idea.text, idea.touchpoints) == ("SMS kvelden før levering", ("T2",))
    before, count = engine.load(room), len(engine.events(room))
    for response in (bjorn.patch(f"/api/items/{mine}", {"text": "Nå er den min"}), bjorn.delete(f"/api/items/{mine}"),
                     kari.delete("/api/items/I1"), kari.patch("/api/items/I1", {"touchpoints": []})):
        assert response.status_code == 403, response.text
        assert response.json()["field"] == "idea" and "someone else's" in response.json()["error"]
    assert engine.load(room) == before and len(engine.events(room)) == count
    assert kari.delete(f"/api/items/{mine}").json() == {"id": mine}
    assert engine.load(room).idea(mine) is None
    assert engine.events(room)[-1].actor == "Kari Nordmann"


def test_an_edit_of_several_fields_is_one_change_or_none(person, engine: Engine, room: int) -> None:
    engine.set_phase(room, "what-is")
    kari = person("Kari Nordmann")
    count = len(engine.events(room))
    response = kari.patch("/api/items/T1", {"feeling": 2, "stage": "No such stage"})
    assert response.status_code == 404 and response.json()["field"] == "stage"
    assert engine.load(room).touchpoint("T1").feeling == -2 and len(engine.events(room)) == count
    assert kari.patch("/api/items/t1", {"feeling": 0, "stage": "Customer service"}).status_code == 200
    tp = engine.load(room).touchpoint("T1")
    assert (tp.feeling, tp.stage) == (0, "S4")
    same = kari.patch("/api/items/T1", {"feeling": 0})
    assert same.status_code == 409 and same.json()["error"].startswith("nothing to change")


def test_dots_are_spent_and_taken_back_with_the_clis_refusals(server: RoomServer, person, engine: Engine,
                                                              room: int, db_path) -> None:
    engine.add_idea(room, "Pakkeboks", author="Åse Ødegård")
    engine.set_phase(room, "what-wows")
    kari = person("Kari Nordmann")
    assert kari.post("/api/votes", {"idea": "I1"}).json() == {"idea": "I1", "dots": 1, "left": 2}
    response = kari.post("/api/votes", {"idea": "i1"})
    assert response.status_code == 201 and response.json() == {"idea": "I1", "dots": 2, "left": 1}
    assert kari.post("/api/votes", {"idea": "I2"}).json()["left"] == 0
    refused = kari.post("/api/votes", {"idea": "I2"})
    assert refused.status_code == 409
    message = cli_error(str(db_path), "vote", room, "--participant", "Kari Nordmann", "--idea", "I2")
    assert refused.json() == {"error": message, "field": "dots"}
    assert message == "dots: Kari Nordmann has 0 of 3 dots left and cannot spend 1 more"
    assert kari.delete("/api/votes/I1").json() == {"idea": "I1", "dots": 1, "left": 1}
    engine.set_rules(room, cap=1)
    capped = kari.post("/api/votes", {"idea": "I1"})
    assert capped.status_code == 409
    assert capped.json()["error"] == cli_error(str(db_path), "vote", room, "--participant", "Kari Nordmann",
                                               "--idea", "I1")
    nothing = kari.delete("/api/votes/I2")
    assert nothing.status_code == 200
    again = kari.delete("/api/votes/I2")
    assert again.status_code == 409 and again.json()["error"] == "dots: Kari Nordmann has no dots on idea I2"
    state = engine.load(room)
    assert dict(state.dots_of("U2")) == {"I1": 1}
    assert {e.actor for e in engine.events(room) if e.action.startswith("vote.")} == {"Kari Nordmann"}


@pytest.mark.parametrize("path", ["/api/state", "/api/events"])
def test_a_removed_participant_is_turned_away(server: RoomServer, person, engine: Engine, room: int, path: str) -> None:
    kari = person("Kari Nordmann")
    engine.set_access(room, "Kari Nordmann", blocked=True, actor="Ingrid")
    response = kari.get(path)
    assert response.status_code == 403
    assert response.json() == {"error": "session: the facilitator has removed your access", "field": "session"}
    engine.set_access(room, "Kari Nordmann", blocked=False, actor="Ingrid")
    assert kari.get("/api/state").status_code == 401  # the session ended; a new join is needed
    again = Person(server.url, "").post("/api/join", {"code": server.code, "name": "Kari Nordmann"})
    assert again.status_code == 200


def test_a_participant_says_they_are_done_voting_and_sees_it(person, engine: Engine, room: int) -> None:
    engine.add_idea(room, "Pakkeboks på Økern", author="Åse Ødegård")
    kari = person("Kari Nordmann")
    early = kari.post("/api/done")
    assert early.status_code == 409 and early.json()["field"] == "phase"  # not in What Wows yet
    engine.set_phase(room, "what-wows")
    assert kari.get("/api/state").json()["dots"]["done"] is False
    assert kari.post("/api/done").json() == {"done": True}
    assert kari.get("/api/state").json()["dots"]["done"] is True
    assert engine.load(room).participant("U2").done_voting
    log = engine.events(room)[-1]
    assert (log.action, log.actor, log.summary) == ("vote.done", "Kari Nordmann", "Kari Nordmann is done voting")
    again = kari.post("/api/done")
    assert again.status_code == 409 and again.json()["error"] == "participant: Kari Nordmann is already done voting"
    assert kari.delete("/api/done").json() == {"done": False}
    assert not engine.load(room).participant("U2").done_voting
    kari.post("/api/done")
    kari.post("/api/votes", {"idea": "I1"})  # a dot after all: not done any more
    assert kari.get("/api/state").json()["dots"]["done"] is False
