"""What a participant may see, decided by `participant_view` alone: each phase shows what it needs;
silent brainstorming shows one's own ideas and a count; blind voting one's own dots and nobody's
tallies, in no order that follows the votes; anonymous cards no other author's name."""

from __future__ import annotations

import json

import pytest

from workshop.domain.errors import NotFound
from workshop.engine import Engine
from workshop.serve.views import participant_view


@pytest.fixture
def silent(engine: Engine, room: int) -> int:
    """Silent brainstorming in What If: Bjørn's idea from before is visible; then Bjørn and Kari
    each write one that stays hidden."""
    engine.set_rules(room, silent=True)
    engine.add_idea(room, "Bjørns stille idé", author="Bjørn Haugen")       # I2
    engine.add_idea(room, "Karis stille idé", author="Kari Nordmann")       # I3
    return room


def _text(view: dict) -> str:
    return json.dumps(view, ensure_ascii=False)


def test_silent_brainstorming_shows_ones_own_ideas_and_a_count(engine: Engine, silent: int) -> None:
    view = participant_view(engine.load(silent), "U2")
    assert [(i["ref"], i["mine"], i.get("hidden", False)) for i in view["ideas"]] == [("I1", False, False),
                                                                                     ("I3", True, True)]
    assert view["ideas_written"] == 3 and view["rules"]["silent"]
    assert "Bjørns stille idé" not in _text(view) and '"I2"' not in _text(view)
    engine.reveal_ideas(silent)
    shown = participant_view(engine.load(silent), "U2")
    assert [i["ref"] for i in shown["ideas"]] == ["I1", "I2", "I3"]


@pytest.mark.parametrize(("anonymous", "silent_on", "hidden"), [
    ("silent", True, True), ("silent", False, False), ("always", False, True), ("never", True, False)])
def test_anonymous_cards_hide_other_authors_names(engine: Engine, silent: int, anonymous: str, silent_on: bool,
                                                  hidden: bool) -> None:
    if (anonymous, silent_on) != ("silent", True):  # the fixture's rules already
        engine.set_rules(silent, anonymous=anonymous, silent=silent_on)
    state = engine.load(silent)
    view = participant_view(state, "U2")
    others = [i for i in view["ideas"] if not i["mine"]]
    assert others and all(("author" not in i) is hidden for i in others)
    assert ("Bjørn Haugen" in _text(view)) is not hidden
    assert all(i["author"] == "Kari Nordmann" for i in view["ideas"] if i["mine"])
    engine.set_phase(silent, "what-is")
    board = participant_view(engine.load(silent), "U3")  # Bjørn sees Kari's touchpoint
    assert ("Kari Nordmann" in _text(board)) is not state.authors_hidden


def test_blind_voting_shows_only_ones_own_dots(engine: Engine, room: int) -> None:
    engine.add_idea(room, "Pakkeboks")                  # I2
    engine.add_idea(room, "Hentekode")                  # I3
    engine.set_phase(room, "what-wows")
    engine.cast_vote(room, "Bjørn Haugen", "I3", dots=3)
    engine.cast_vote(room, "Kari Nordmann", "I2")
    view = participant_view(engine.load(room), "U2")
    assert view["dots"] == {"total": 3, "spent": 1, "left": 2, "mine": {"I2": 1}, "done": False}
    assert "ranking" not in view and view["rules"]["blind"]
    assert [i["ref"] for i in view["ideas"]] == ["I1", "I2", "I3"]  # board order, not by dots
    assert '"U3"' not in _text(view) and '"I3": 3' not in _text(view)
    engine.reveal_votes(room)
    shown = participant_view(engine.load(room), "U2")
    assert shown["ranking"] == [{"idea": "I3", "dots": 3}, {"idea": "I2", "dots": 1}, {"idea": "I1", "dots": 0}]
    assert shown["dots"]["mine"] == {"I2": 1} and not shown["rules"]["blind"]


def test_the_backlog_is_not_ordered_by_hidden_votes(engine: Engine, room: int) -> None:
    for text in ("Pakkeboks", "Hentekode"):
        engine.add_idea(room, text)
    engine.add_concept(room, "I2", effect=3, cost=3)
    engine.add_concept(room, "I3", effect=3, cost=3)
    engine.add_pilot(room, "Pakkeboks i Bergen", concept="C1", owner="Åse Ødegård")
    engine.add_pilot(room, "Hentekode i appen", concept="C2")
    engine.set_phase(room, "what-wows")
    engine.cast_vote(room, "Bjørn Haugen", "I3", dots=3)
    engine.set_phase(room, "what-works")
    blind = participant_view(engine.load(room), "U2")["backlog"]
    assert [row["name"] for row in blind] == ["Pakkeboks i Bergen", "Hentekode i appen"]
    assert all("votes" not in row for row in blind)
    engine.reveal_votes(room)
    shown = participant_view(engine.load(room), "U2")["backlog"]
    assert [(row["name"], row["votes"]) for row in shown] == [("Hentekode i appen", 3), ("Pakkeboks i Bergen", 0)]


def test_each_phase_shows_what_it_needs(engine: Engine, room: int) -> None:
    engine.set_phase(room, "brief")
    engine.start_timer(room, minutes=20)
    brief = participant_view(engine.load(room), "U2")
    assert brief["brief"]["challenge"].startswith("Hvordan kan vi")
    assert brief["timer"]["timebox"] == 1200 and brief["timer"]["running"] and brief["timer"]["since"]
    assert "ideas" not in brief and "touchpoints" not in brief and brief["can"] == {
        "touchpoints": False, "ideas": False, "vote": False}
    engine.set_phase(room, "what-is")
    board = participant_view(engine.load(room), "U2")
    assert [(t["ref"], t["mine"]) for t in board["touchpoints"]] == [("T1", True), ("T2", False)]
    assert board["can"]["touchpoints"] and board["timer"] is None and "ideas" not in board
    engine.set_phase(room, "what-works")
    assert set(participant_view(engine.load(room), "U2")) >= {"backlog", "timer", "me", "phase"}


def test_the_view_is_the_same_for_the_same_state_and_refuses_a_stranger(engine: Engine, room: int) -> None:
    state = engine.load(room)
    assert participant_view(state, "U2") == participant_view(engine.load(room), "U2")
    with pytest.raises(NotFound):
        participant_view(state, "U9")
