"""Bad input over HTTP: malformed JSON, wrong types, huge bodies, unknown references and fields,
control characters. Each is a 4xx with `{"error", "field"}` (the engine's own message, the one
the command line gives), never a 500 or a traceback, and nothing changes."""

from __future__ import annotations

import socket

import pytest
from serve_helpers import cli_error

from workshop.engine import Engine


@pytest.fixture
def kari(person):
    return person("Kari Nordmann")


RAW = [
    (b"{nope", 400, "body", "body: is not valid JSON (line 1, column 2"),
    (b"", 400, "body", "body: is not valid JSON"),
    (b"[1, 2]", 400, "body", "body: must be a JSON object"),
    (b'"text"', 400, "body", "body: must be a JSON object"),
    (b'{"text": NaN}', 400, "body", "body: is not JSON this server reads"),
    (b'{"text": "\xff\xfe"}', 400, "body", "body: is not UTF-8 text"),
    (b"[" * 50_000 + b"]" * 50_000, 413, "body", "body: "),
    (b'{"text": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", 400, "body", "body: is not JSON this server reads"),
    (b'{"text": 1' + b"0" * 5000 + b"}", 400, "body", "body: is not JSON this server reads"),
]


@pytest.mark.parametrize(("raw", "status", "field", "start"), RAW, ids=[
    "broken", "empty", "a list", "a string", "NaN", "not UTF-8", "huge", "too deep", "a number too long"])
def test_a_body_that_is_not_a_json_object_is_refused(kari, engine: Engine, room: int, raw: bytes, status: int,
                                                     field: str, start: str) -> None:
    count = len(engine.events(room))
    response = kari.post("/api/ideas", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == status, response.text
    assert response.json()["field"] == field and response.json()["error"].startswith(start), response.text
    assert len(engine.events(room)) == count


def test_a_body_of_another_kind_or_too_large_is_refused(kari, engine: Engine, room: int) -> None:
    count = len(engine.events(room))
    form = kari.post("/api/ideas", content=b"text=hei", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 415 and form.json()["field"] == "body"
    huge = kari.post("/api/ideas", {"text": "x" * 70_000})
    assert huge.status_code == 413 and huge.json()["field"] == "body"
    # A body declared too large is refused before it is sent (read from a raw connection).
    host, port = kari.url.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(b"POST /api/ideas HTTP/1.1\r\nHost: " + host.encode() + b"\r\nAuthorization: Bearer "
                    + kari.token.encode() + b"\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n")
        answer = ""
        while '"field"' not in answer and (chunk := raw.recv(4096)):
            answer += chunk.decode()
    assert answer.startswith("HTTP/1.1 413 ") and '"field":"body"' in answer
    assert len(engine.events(room)) == count


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"text": 5}, "text", "text: must be text, not a number"),
    ({"text": None}, "text", "text: must be text, not null"),
    ({"text": ["Sporing"]}, "text", "text: must be text, not a list"),
    ({"text": "Sporing", "touchpoints": "T1"}, "touchpoints", "touchpoints: must be a list of texts, not text"),
    ({"text": "Sporing", "touchpoints": [1]}, "touchpoints[1]", "touchpoints[1]: must be text, not a number"),
    ({}, "text", "text: is required"),
    ({"text": "Sporing", "author": "Bjørn Haugen"}, "author",
     "author: is not a field of an idea (the fields are: text, touchpoints)"),
    ({"text": "Sporing", "hidden": False}, "hidden", "hidden: is not a field of an idea"),
])
def test_a_field_of_the_wrong_type_or_unknown_is_refused_naming_it(kari, engine: Engine, room: int, body: dict,
                                                                   field: str, message: str) -> None:
    before = engine.load(room)
    response = kari.post("/api/ideas", body)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field and response.json()["error"].startswith(message)
    assert engine.load(room) == before


IDEAS = [
    ("", "text"),
    ("   \n  ", "text"),
    ("Sporing\x1b[31m på SMS", "text"),
    ("Sporing\u202e på SMS", "text"),
    ("Sporing\u2028på SMS", "text"),
    ("x" * 2001, "text"),
    ("T1, T2", "text"),
]


@pytest.mark.parametrize(("text", "field"), IDEAS, ids=["empty", "blank", "escape", "override", "separator",
                                                        "too long", "only references"])
def test_text_is_checked_by_the_engine_exactly_as_from_the_command_line(kari, engine: Engine, room: int, db_path,
                                                                        text: str, field: str) -> None:
    before = engine.load(room)
    response = kari.post("/api/ideas", {"text": text})
    assert response.status_code == 422, response.text
    assert response.json() == {"error": cli_error(str(db_path), "add", "idea", room, "--", text), "field": field}
    assert engine.load(room) == before


def test_touchpoint_values_are_refused_as_the_command_line_refuses_them(kari, engine: Engine, room: int, db_path) -> None:
    engine.set_phase(room, "what-is")
    before = engine.load(room)
    cases = [
        ({"text": "Venter", "stage": "3", "feeling": 7}, ["--stage", "3", "--feeling", "7"], 422),
        ({"text": "Venter", "stage": "3", "channel": "fax"}, ["--stage", "3", "--channel", "fax"], 422),
        ({"text": "Venter", "stage": "Ingen slik"}, ["--stage", "Ingen slik"], 404),
        ({"text": "Venter", "stage": "3", "pains": ["Ingen", " "]}, ["--stage", "3", "--pain", "Ingen", "--pain", " "], 422),
        ({"text": "Venter", "stage": 9}, ["--stage", "9"], 404),
    ]
    for body, options, status in cases:
        response = kari.post("/api/touchpoints", body)
        assert response.status_code == status, response.text
        assert response.json()["error"] == cli_error(str(db_path), "add", "touchpoint", room, "Venter", *options)
    sad = kari.post("/api/touchpoints", {"text": "Venter", "stage": "3", "feeling": "sad"})
    assert sad.json() == {"error": "feeling: must be a whole number from -2 to 2, not 'sad'", "field": "feeling"}
    assert engine.load(room) == before


@pytest.mark.parametrize(("method", "path", "body", "status", "field"), [
    ("PATCH", "/api/items/I99", {"text": "Ny"}, 404, "idea"),
    ("DELETE", "/api/items/T99", None, 404, "touchpoint"),
    ("PATCH", "/api/items/nonsense", {"text": "Ny"}, 404, "item"),
    ("DELETE", "/api/items/%E2%80%AE", None, 404, "item"),
    ("POST", "/api/votes", {"idea": "I99"}, 404, "idea"),
    ("POST", "/api/votes", {"idea": "🦜"}, 404, "idea"),
    ("DELETE", "/api/votes/X1", None, 404, "idea"),
    ("POST", "/api/ideas", {"text": "Sporing", "touchpoints": ["T99"]}, 404, "touchpoint"),
    ("POST", "/api/ideas", {"text": "Sporing", "touchpoints": ["S1"]}, 404, "touchpoint"),
    ("GET", "/api/nothing-here", None, 404, "path"),
    ("PUT", "/api/ideas", {"text": "Sporing"}, 405, "method"),
])
def test_unknown_references_and_calls_are_refused(kari, engine: Engine, room: int, method: str, path: str,
                                                  body: object, status: int, field: str) -> None:
    if path.startswith("/api/votes"):
        engine.set_phase(room, "what-wows")
    before = engine.load(room)
    response = kari.request(method, path, json=body) if body is not None else kari.request(method, path)
    assert response.status_code == status, response.text
    assert response.json()["field"] == field and response.json()["error"]
    assert engine.load(room) == before


def test_a_bug_is_a_500_without_a_traceback_and_goes_to_the_servers_log(kari, monkeypatch, db_path) -> None:
    from workshop.serve import api
    from workshop.serve.server import log_file

    def broken(*_args: object) -> dict:
        raise ZeroDivisionError("a bug in the view")

    monkeypatch.setattr(api, "participant_view", broken)
    response = kari.get("/api/state")
    assert response.status_code == 500
    assert response.json() == {"error": "server: something went wrong on the server; try again", "field": None}
    assert "Traceback" not in response.text and "ZeroDivisionError" not in response.text
    logged = log_file().read_text(encoding="utf-8")
    assert log_file().parent == db_path.parent / "logs"  # WORKSHOP_LOG_DIR, as the app's reports
    assert "unexpected error serving GET /api/state" in logged and "ZeroDivisionError: a bug in the view" in logged


def test_a_join_sent_from_another_site_is_refused(server, engine: Engine, room: int) -> None:
    from serve_helpers import Person

    response = Person(server.url, "").post("/api/join", {"code": server.code, "name": "Kari Nordmann"},
                                           headers={"Origin": "http://evil.example"})
    assert response.status_code == 403 and response.json()["field"] == "origin"
    assert not engine.load(room).participant("U2").joined
