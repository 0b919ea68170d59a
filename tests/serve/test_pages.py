"""The participant pages without JavaScript: joining by forms (the code, then the name), writing,
changing and removing one's own items, spending dots; a refusal shown next to what was typed;
user text always shown as text, never as markup; the page in the workshop's language."""

from __future__ import annotations

import re

import pytest
from serve_helpers import Person

from workshop.engine import Engine
from workshop.serve.server import RoomServer

HOSTILE = '<script>alert("x")</script> <b>fet</b> {{ 7*7 }} <img src=x onerror=alert(1)> &amp; \'"'


def _joined_by_forms(server: RoomServer, name_button: str) -> Person:
    device = Person(server.url, "")
    first = device.client.post("/join", data={"code": server.code.lower()}, headers={"Origin": server.url.rstrip("/")})
    assert first.status_code == 200 and ("Who are you?" in first.text or "Hvem er du?" in first.text)
    assert re.findall(r'<button type="submit" name="name" value="(U\d)"', first.text) == ["U1", "U2", "U3"]
    second = device.client.post("/join", data={"code": server.code, "name": name_button})
    assert second.status_code == 303 and second.headers["location"] == "/"
    device.page()
    return device


def test_joining_by_forms_shows_the_names_only_after_the_right_code(server: RoomServer) -> None:
    device = Person(server.url, "")
    page = device.client.get("/")
    assert page.status_code == 200 and 'name="code"' in page.text and "Kari Nordmann" not in page.text
    wrong = device.client.post("/join", data={"code": "AAAAAA"})
    assert wrong.status_code == 403 and "That is not the join code." in wrong.text and "Kari Nordmann" not in wrong.text
    kari = _joined_by_forms(server, "U2")
    page = kari.page()
    assert "You are Kari Nordmann" in page and "Write an idea" in page
    assert "<noscript>" in page and '<script src="/static/room.js" defer>' in page


def test_writing_changing_and_removing_an_idea_by_forms(server: RoomServer, engine: Engine, room: int) -> None:
    kari = _joined_by_forms(server, "U2")
    sent = kari.form("/ideas", [("text", "Sporing i appen"), ("touchpoints", "T1"), ("touchpoints", "T2")])
    assert sent.status_code == 303 and sent.headers["location"] == "/?saved=I2"
    page = kari.client.get("/?saved=I2").text
    assert "Saved I2." in page and "Sporing i appen" in page and 'href="/items/I2"' in page
    assert engine.load(room).idea("I2").touchpoints == ("T1", "T2")
    edit = kari.client.get("/items/I2")
    assert edit.status_code == 200 and 'value="Sporing i appen"' in edit.text
    kari.page()
    assert kari.form("/items/I2", [("text", "Sporing i appen og på SMS"), ("touchpoints", "T2")]).status_code == 303
    assert (engine.load(room).idea("I2").text, engine.load(room).idea("I2").touchpoints) == (
        "Sporing i appen og på SMS", ("T2",))
    refused = kari.form("/items/I2", [("text", "  ")])
    assert refused.status_code == 422 and "text: must not be empty or blank" in refused.text
    assert kari.client.get("/items/I1").status_code == 303  # Bjørn's: no form to change it
    assert kari.form("/items/I1/delete", {}).status_code == 403
    assert kari.form("/items/I2/delete", {}).headers["location"] == "/?removed=I2"
    assert engine.load(room).idea("I2") is None and engine.load(room).idea("I1") is not None


def test_a_refusal_is_shown_by_the_field_and_keeps_what_was_typed(server: RoomServer, engine: Engine, room: int) -> None:
    engine.set_phase(room, "what-is")
    kari = _joined_by_forms(server, "U2")
    before = engine.load(room)
    refused = kari.form("/touchpoints", {"text": "Venter på sjåføren\x07", "stage": "S3", "feeling": "-1",
                                         "pains": "Ingen beskjed\nKaldt ute", "channel": "phone"})
    assert refused.status_code == 422
    assert "text: contains a control character (U+0007 BELL); remove it" in refused.text
    assert "Ingen beskjed\nKaldt ute</textarea>" in refused.text
    assert '<option value="S3" selected>' in refused.text and '<option value="-1" selected>' in refused.text
    assert '<option value="phone" selected>' in refused.text
    assert engine.load(room) == before
    saved = kari.form("/touchpoints", {"text": "Venter på sjåføren", "stage": "S3", "feeling": "-1",
                                       "pains": "Ingen beskjed\n\nKaldt ute", "channel": "phone"})
    assert saved.status_code == 303
    tp = engine.load(room).touchpoint("T3")
    assert (tp.feeling, tp.pains, tp.channel, tp.author) == (-1, ("Ingen beskjed", "Kaldt ute"), "phone", "Kari Nordmann")


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_user_text_is_text_everywhere_on_the_page(db_path, engine: Engine, room: int, lang: str) -> None:
    engine.edit_participant(room, "Bjørn Haugen", name='Bjørn <i>"Haugen"</i>')
    engine.add_idea(room, HOSTILE, author='Bjørn <i>"Haugen"</i>', theme="<u>tema</u>")
    engine.edit_brief(room, title="<h1>Verksted</h1>")
    if lang == "nb":
        with engine.store.write() as conn:  # the workshop's language, as `workshop new --lang nb` stores it
            conn.exec_driver_sql("UPDATE workshop SET lang = 'nb'")
    served = RoomServer(str(db_path), room, host="127.0.0.1", port=0)
    served.start()
    try:
        kari = _joined_by_forms(served, "U2")
        page = kari.page()
    finally:
        served.stop()
    assert "<script>alert" not in page and "<b>fet</b>" not in page and "<img src=x" not in page
    assert "<i>" not in page and "<u>" not in page and "<h1>Verksted" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &lt;b&gt;fet&lt;/b&gt; {{ 7*7 }}" in page
    assert "Bjørn &lt;i&gt;&#34;Haugen&#34;&lt;/i&gt;" in page and "&lt;h1&gt;Verksted&lt;/h1&gt;" in page
    data = re.search(r'<script type="application/json" id="room-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and "\\u003cscript\\u003e" in data  # the page's data cannot end its script block
    assert ('lang="nb"' in page and "Skriv en idé" in page) if lang == "nb" else "Write an idea" in page


def test_dots_by_forms(server: RoomServer, engine: Engine, room: int) -> None:
    engine.add_idea(room, "Pakkeboks")
    engine.set_phase(room, "what-wows")
    kari = _joined_by_forms(server, "U2")
    for _ in range(2):
        assert kari.form("/votes", {"idea": "I2"}).status_code == 303
    page = kari.page()
    assert "1 of 3 dots left" in page and re.findall(r"your dots: (\d)", page) == ["0", "2"]
    assert kari.form("/votes/remove", {"idea": "I2"}).status_code == 303
    assert dict(engine.load(room).dots_of("U2")) == {"I2": 1}
    kari.page()
    assert kari.form("/votes", {"idea": "I1"}).status_code == 303
    assert kari.form("/votes", {"idea": "I1"}).status_code == 303
    over = kari.form("/votes", {"idea": "I1"})
    assert over.status_code == 409 and "dots: Kari Nordmann has 0 of 3 dots left and cannot spend 1 more" in over.text


def test_leaving_ends_the_session(server: RoomServer) -> None:
    kari = _joined_by_forms(server, "U2")
    assert kari.form("/leave", {}).status_code == 303
    assert 'name="code"' in kari.client.get("/").text
    assert kari.client.get("/api/state").status_code == 401


def test_a_touchpoint_is_changed_and_moved_by_its_form(server: RoomServer, engine: Engine, room: int) -> None:
    engine.set_phase(room, "what-is")
    kari = _joined_by_forms(server, "U2")
    form = kari.client.get("/items/T1").text
    assert "Venter på pakken i ti dager</textarea>" in form and '<option value="S3" selected>' in form
    assert '<option value="-2" selected>' in form and "Ingen sporing</textarea>" in form
    assert kari.client.get("/items/T2").status_code == 303  # the facilitator's: no form for her
    sent = kari.form("/items/T1", {"text": "Venter på pakken i ti dager", "stage": "S4", "feeling": "-1",
                                   "pains": "Ingen sporing", "channel": ""})
    assert sent.status_code == 303
    tp = engine.load(room).touchpoint("T1")
    assert (tp.stage, tp.feeling, tp.pains) == ("S4", -1, ("Ingen sporing",))
    assert [e.action for e in engine.events(room)[-2:]] == ["touchpoint.edit", "touchpoint.move"]
    unchanged = kari.form("/items/T1", {"text": "Venter på pakken i ti dager", "stage": "S4", "feeling": "-1",
                                        "pains": "Ingen sporing", "channel": ""})
    assert unchanged.status_code == 409 and "nothing to change" in unchanged.text
