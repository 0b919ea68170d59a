"""What a participant can never do, whatever the request says: the facilitator's actions (phase,
reveal, rules, someone else's dots or items), a write on the cookie without the page's CSRF token
or from another site; and the join code: random, rotated by the facilitator, gone with the server."""

from __future__ import annotations

import pytest
from serve_helpers import Person, join

from workshop.engine import Engine
from workshop.serve.server import RoomServer
from workshop.serve.sessions import ALPHABET, CODE_LENGTH

FACILITATOR = [
    ("POST", "/api/phase", {"phase": "what-wows"}),
    ("PATCH", "/api/phase", {"phase": "what-wows"}),
    ("POST", "/api/reveal", {}),
    ("POST", "/api/votes/reveal", {}),
    ("PATCH", "/api/rules", {"dots": 99, "blind": False}),
    ("POST", "/api/workshop", {"phase": "what-wows"}),
    ("PATCH", "/api/items/W", {"phase": "what-wows", "revealed": True}),
    ("PATCH", "/api/items/U3", {"name": "Bjørn den store"}),
    ("DELETE", "/api/items/U3", None),
    ("DELETE", "/api/items/S1", None),
    ("PATCH", "/api/items/C1", {"effect": 5}),
    ("PATCH", "/api/items/I1", {"hidden": False}),
    ("PATCH", "/api/items/I1", {"text": "Nå er den Karis"}),
    ("PATCH", "/api/items/I2", {"author": "Bjørn Haugen"}),
    ("PATCH", "/api/items/I2", {"theme": "Mine"}),
    ("DELETE", "/api/items/I1", None),
    ("POST", "/api/votes", {"idea": "I1", "participant": "U3"}),
    ("POST", "/api/votes", {"idea": "I1", "dots": 3}),
    ("DELETE", "/api/votes/I1?participant=U3", None),
    ("POST", "/api/participants", {"name": "Ny"}),
    ("POST", "/api/undo", {}),
]


@pytest.mark.parametrize(("method", "path", "body"), FACILITATOR, ids=[f"{m} {p} {b}" for m, p, b in FACILITATOR])
def test_facilitator_actions_and_others_items_are_refused(person, engine: Engine, room: int, method: str,
                                                          path: str, body: object) -> None:
    kari = person("Kari Nordmann")
    kari.post("/api/ideas", {"text": "Min egen idé"})  # I2, Kari's
    before, count = engine.load(room), len(engine.events(room))
    response = kari.request(method, path, json=body) if body is not None else kari.request(method, path)
    assert 400 <= response.status_code < 500, response.text
    assert set(response.json()) == {"error", "field"}
    after = engine.load(room)
    assert after == before and len(engine.events(room)) == count
    assert (after.phase.value, after.revealed, after.dots_per_participant) == ("what-if", False, 3)


def test_a_participant_cannot_reveal_change_the_phase_or_spend_anothers_dots(person, engine: Engine, room: int) -> None:
    engine.set_phase(room, "what-wows")
    kari = person("Kari Nordmann")
    for method, path, body in [("POST", "/api/votes", {"idea": "I1", "participant": "Bjørn Haugen"}),
                               ("POST", "/api/reveal", {}), ("POST", "/api/phase", {"phase": "what-works"})]:
        assert kari.request(method, path, json=body).status_code in (404, 405, 422)
    assert kari.post("/api/votes", {"idea": "I1"}).status_code == 201
    state = engine.load(room)
    assert dict(state.dots_of("U3")) == {} and dict(state.dots_of("U2")) == {"I1": 1}
    assert not state.revealed and state.phase.value == "what-wows"


def test_writes_on_the_cookie_need_the_pages_csrf_token(server: RoomServer, person, engine: Engine, room: int) -> None:
    kari = person("Kari Nordmann", cookie=True)
    count = len(engine.events(room))
    for headers in ({}, {"X-CSRF-Token": "not-the-token"}, {"X-CSRF-Token": ""}):
        response = kari.post("/api/ideas", {"text": "Uten token"}, headers=headers)
        assert response.status_code == 403 and response.json()["field"] == "csrf", response.text
    sent = kari.form("/ideas", {"text": "Fra skjemaet"})  # the page's form, with its CSRF field
    assert sent.status_code == 303 and sent.headers["location"] == "/?saved=I2"
    without = kari.client.post("/ideas", data={"text": "Uten token"})
    assert without.status_code == 403 and "csrf: the request lacks this page&#39;s CSRF token" in without.text
    assert len(engine.events(room)) == count + 1
    assert kari.post("/api/ideas", {"text": "Med token"}, headers={"X-CSRF-Token": kari.csrf}).status_code == 201


def test_a_write_from_another_site_is_refused_even_with_a_session(person, engine: Engine, room: int) -> None:
    kari = person("Kari Nordmann", cookie=True)
    count = len(engine.events(room))
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        response = kari.post("/api/ideas", {"text": "Fra et annet nettsted"},
                             headers={"X-CSRF-Token": kari.csrf, **headers})
        assert response.status_code == 403 and response.json()["field"] == "origin"
    assert len(engine.events(room)) == count


def test_a_bearer_token_needs_no_csrf_token(person, engine: Engine, room: int) -> None:
    kari = person("Kari Nordmann")
    assert not kari.client.cookies
    assert kari.post("/api/ideas", {"text": "Med bærer"}).status_code == 201
    assert engine.load(room).ideas[-1].author == "Kari Nordmann"


def test_the_code_is_random_rotated_and_dies_with_the_server(db_path, room: int) -> None:
    codes, tokens = [], []
    for _ in range(3):
        served = RoomServer(str(db_path), room, host="127.0.0.1", port=0)
        served.start()
        try:
            code = served.code
            assert len(code) >= CODE_LENGTH >= 6 and set(code) <= set(ALPHABET)
            codes.append(code)
            kari = join(served.url, code, "Kari Nordmann")
            tokens.append(kari.token)
            rotated = served.rotate_code()
            assert rotated != code and served.code == rotated
            refused = Person(served.url, "").post("/api/join", {"code": code, "name": "Bjørn Haugen"})
            assert refused.status_code == 403
            assert kari.get("/api/state").status_code == 200  # who joined with the old code stays
            assert join(served.url, rotated, "Bjørn Haugen").ref == "U3"
        finally:
            served.stop()
    assert len(set(codes)) == 3
    again = RoomServer(str(db_path), room, host="127.0.0.1", port=0)
    again.start()
    try:
        # The codes and sessions of the servers before are gone with them.
        for code, token in zip(codes, tokens):
            assert Person(again.url, "", token=token).get("/api/state").status_code == 401
            assert Person(again.url, "").post("/api/join", {"code": code, "name": "Kari Nordmann"}).status_code == 403
    finally:
        again.stop()


def test_every_response_says_run_only_this_servers_script(server: RoomServer, person) -> None:
    kari = person("Kari Nordmann", cookie=True)
    for response in (kari.client.get("/"), kari.client.get("/api/state"), kari.client.get("/static/room.js"),
                     kari.client.get("/nowhere")):
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    assert kari.client.get("/static/../server.py").status_code == 404
    assert kari.client.get("/static/secrets.txt").status_code == 404
