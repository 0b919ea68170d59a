"""The event stream: one message when the page opens, then one whenever this participant's view
changes (another's item, the facilitator's phase, from the command line or another process) and
none when it does not; `ended` when their access is removed or the server stops."""

from __future__ import annotations

from serve_helpers import Stream, cli

from workshop.engine import Engine
from workshop.serve.server import RoomServer


def test_a_message_comes_for_each_change_the_participant_can_see(server: RoomServer, person, engine: Engine,
                                                                 room: int, db_path) -> None:
    kari, bjorn = person("Kari Nordmann"), person("Bjørn Haugen")
    stream = Stream(kari)
    try:
        event, first = stream.next()
        assert event == "state" and first["phase"] == "what-if" and first["me"]["name"] == "Kari Nordmann"
        assert "now" in first
        bjorn.post("/api/ideas", {"text": "Pakkeboks på hytta"})
        event, after = stream.next(timeout=5)
        assert [i["text"] for i in after["ideas"]][-1] == "Pakkeboks på hytta"
        # A change from the command line, another process on the same file, arrives too.
        assert cli(str(db_path), "phase", room, "what-wows")[0] == 0
        event, moved = stream.next(timeout=5)
        assert moved["phase"] == "what-wows" and moved["dots"]["left"] == 3
        # A change she cannot see sends nothing: Bjørn's blind dot, a rename of a stage.
        bjorn.post("/api/votes", {"idea": "I1"})
        engine.edit_stage(room, "S1", name="Markedsføring")
        assert stream.quiet(1.5) == []
        kari.post("/api/votes", {"idea": "I1"})
        assert stream.next(timeout=5)[1]["dots"]["mine"] == {"I1": 1}
    finally:
        stream.close()


def test_the_stream_ends_when_access_is_removed(server: RoomServer, person, engine: Engine, room: int) -> None:
    kari = person("Kari Nordmann")
    stream = Stream(kari)
    try:
        assert stream.next()[0] == "state"
        engine.set_access(room, "Kari Nordmann", blocked=True, actor="Ingrid")
        assert stream.next(timeout=5) == ("ended", {"reason": "removed"})
        assert stream.next(timeout=5)[0] == "closed"
        assert server.online() == {}
    finally:
        stream.close()


def test_stopping_the_server_ends_every_stream_and_counts_who_is_online(db_path, room: int) -> None:
    from serve_helpers import join

    served = RoomServer(str(db_path), room, host="127.0.0.1", port=0)
    served.start()
    kari, bjorn = join(served.url, served.code, "Kari Nordmann"), join(served.url, served.code, "Bjørn Haugen")
    streams = [Stream(kari), Stream(kari), Stream(bjorn)]
    for stream in streams:
        assert stream.next()[0] == "state"
    assert served.online() == {"U2": 2, "U3": 1}
    served.stop()
    assert not served.running and served.online() == {}
    for stream in streams:
        assert stream.next(timeout=5) == ("ended", {"reason": "stopped"})
