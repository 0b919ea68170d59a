"""Participants on their own devices, in the engine: joining by name (or, when the facilitator
allows it, with a name of one's own), access removed and given back, joins that undo passes over,
and a participant changing only their own items, checked inside the action's transaction."""

from __future__ import annotations

import pytest

from workshop.domain.errors import AccessRemoved, InvalidInput, NotFound, NotYours, RuleRefused
from workshop.engine import Engine


@pytest.fixture
def room(engine: Engine, workshop: int) -> int:
    """The workshop with Kari and Bjørn besides Åse, a touchpoint and an idea by each of Kari and
    Bjørn, and one the facilitator typed without an author."""
    engine.add_participant(workshop, "Kari Nordmann")
    engine.add_participant(workshop, "Bjørn Haugen")
    engine.add_touchpoint(workshop, "Venter på pakken", stage="S3", author="Kari Nordmann")
    engine.add_touchpoint(workshop, "Ringer kundeservice", stage="S4", author="Bjørn Haugen")
    engine.add_idea(workshop, "SMS når pakken er forsinket", author="Kari Nordmann", touchpoints=["T1"])
    engine.add_idea(workshop, "Chat med sjåføren", author="Bjørn Haugen")
    engine.add_idea(workshop, "Hentekode på e-post")
    return workshop


def _last(engine: Engine, w: int):
    return engine.events(w)[-1]


def test_the_first_join_is_an_event_by_the_participant_and_joining_again_changes_nothing(engine: Engine, room: int) -> None:
    assert engine.join_participant(room, "kari nordmann") == "U2"
    event = _last(engine, room)
    assert (event.action, event.actor, event.summary) == ("participant.join", "Kari Nordmann",
                                                          "Kari Nordmann joined from a device")
    assert engine.load(room).participant("U2").joined
    count = len(engine.events(room))
    assert engine.join_participant(room, "U2") == "U2"
    assert engine.join_participant(room, "Kari Nordmann", create=True) == "U2"
    assert len(engine.events(room)) == count


def test_a_name_not_on_the_list_is_refused_unless_the_facilitator_allows_own_names(engine: Engine, room: int) -> None:
    with pytest.raises(NotFound) as unknown:
        engine.join_participant(room, "Liv Ørnes")
    assert unknown.value.field == "name" and "not on the participant list" in unknown.value.message
    with pytest.raises(RuleRefused, match="has not allowed adding your own name"):
        engine.join_participant(room, "Liv Ørnes", create=True)
    assert [p.name for p in engine.load(room).participants] == ["Åse Ødegård", "Kari Nordmann", "Bjørn Haugen"]
    engine.set_rules(room, open_join=True)
    ref = engine.join_participant(room, "  Liv Ørnes ", create=True)
    person = engine.load(room).participant(ref)
    assert (ref, person.name, person.joined) == ("U4", "Liv Ørnes", True)
    assert _last(engine, room).actor == "Liv Ørnes"
    with pytest.raises(NotFound):
        engine.join_participant(room, "Noen Andre")  # picking from the list never adds a name


@pytest.mark.parametrize("name", ["", "   ", "Kari\nNordmann", "Kari\x1b[31m", "K" * 201])
def test_a_name_is_checked_like_every_name(engine: Engine, room: int, name: str) -> None:
    engine.set_rules(room, open_join=True)
    count = len(engine.events(room))
    with pytest.raises(InvalidInput) as refused:
        engine.join_participant(room, name, create=True)
    assert refused.value.field == "name"
    assert len(engine.events(room)) == count


def test_removed_access_refuses_a_join_until_it_is_given_back(engine: Engine, room: int) -> None:
    engine.join_participant(room, "Kari Nordmann")
    assert engine.set_access(room, "Kari Nordmann", blocked=True, actor="Ingrid") == "U2"
    assert _last(engine, room).summary == "removed the access of participant U2 'Kari Nordmann'"
    assert engine.load(room).participant("U2").blocked
    engine.set_rules(room, open_join=True, actor="Ingrid")
    for create in (False, True):
        with pytest.raises(AccessRemoved, match="removed the access of Kari Nordmann"):
            engine.join_participant(room, "kari nordmann", create=create)
    with pytest.raises(RuleRefused, match="already has no access"):
        engine.set_access(room, "U2", blocked=True)
    engine.set_access(room, "U2", blocked=False, actor="Ingrid")
    assert engine.join_participant(room, "Kari Nordmann") == "U2"
    state = engine.load(room)
    assert not state.participant("U2").blocked and state.participant("U2").joined
    assert [i.author for i in state.ideas][:1] == ["Kari Nordmann"]  # her items stayed


def test_undo_passes_over_joins_like_moves_between_phases(engine: Engine, room: int) -> None:
    engine.add_idea(room, "Pakkeboks på hytta", actor="Ingrid")
    engine.join_participant(room, "Kari Nordmann")
    engine.set_rules(room, open_join=True, actor="Ingrid")
    engine.join_participant(room, "Liv Ørnes", create=True)
    assert engine.undo(room, actor="Ingrid").summary.startswith("undo: changed the rules: open join")
    assert engine.undo(room, actor="Ingrid").summary == "undo: added idea I4 'Pakkeboks på hytta'"
    state = engine.load(room)
    assert state.participant("U2").joined and state.participant("U4").name == "Liv Ørnes"
    with pytest.raises(RuleRefused, match="nothing of yours to undo"):
        engine.undo(room, actor="Liv Ørnes")


def test_a_participant_changes_only_their_own_items(engine: Engine, room: int) -> None:
    before, count = engine.load(room), len(engine.events(room))
    refusals = [
        lambda: engine.edit_idea(room, "I2", text="Min nå", owner="Kari Nordmann"),
        lambda: engine.remove_idea(room, "I2", owner="Kari Nordmann"),
        lambda: engine.link_idea(room, "I2", ["T1"], owner="Kari Nordmann"),
        lambda: engine.edit_idea(room, "I3", text="Uten forfatter", owner="Kari Nordmann"),
        lambda: engine.edit_touchpoint(room, "T2", feeling=-2, owner="Kari Nordmann"),
        lambda: engine.move_touchpoint(room, "T2", stage="S1", owner="Kari Nordmann"),
        lambda: engine.remove_touchpoint(room, "T2", owner="Kari Nordmann"),
        lambda: engine.edit_idea(room, "I1", author="Bjørn Haugen", owner="Kari Nordmann"),
        lambda: engine.edit_touchpoint(room, "T1", author="", owner="Kari Nordmann"),
    ]
    for refuse in refusals:
        with pytest.raises(NotYours) as refused:
            refuse()
        assert refused.value.exit_code == 12
    assert str(refused.value) == "author: you can write only under your own name"
    assert engine.load(room) == before and len(engine.events(room)) == count

    engine.edit_idea(room, "I1", text="SMS med ny dato", owner="kari nordmann", actor="Kari Nordmann")
    engine.link_idea(room, "I1", ["T2"], owner="Kari Nordmann", actor="Kari Nordmann")
    engine.edit_touchpoint(room, "T1", feeling=-2, pains=["Ingen sporing"], owner="Kari Nordmann")
    engine.move_touchpoint(room, "T1", stage="S2", owner="Kari Nordmann")
    state = engine.load(room)
    assert state.idea("I1").text == "SMS med ny dato" and state.idea("I1").touchpoints == ("T1", "T2")
    assert (state.touchpoint("T1").feeling, state.touchpoint("T1").stage) == (-2, "S2")
    engine.remove_idea(room, "I1", owner="Kari Nordmann")
    engine.remove_touchpoint(room, "T1", owner="Kari Nordmann")
    assert [i.ref for i in engine.load(room).ideas] == ["I2", "I3"]


def test_whose_an_item_is_is_read_inside_the_transaction(engine: Engine, room: int) -> None:
    # The facilitator gives Kari's idea to Bjørn: from then on it is his, whatever Kari's page showed.
    engine.edit_idea(room, "I1", author="Bjørn Haugen")
    with pytest.raises(NotYours, match="idea: I1 is someone else's"):
        engine.edit_idea(room, "I1", text="Fortsatt min?", owner="Kari Nordmann")
    engine.edit_idea(room, "I1", text="Bjørns nå", owner="Bjørn Haugen")
    assert engine.load(room).idea("I1").text == "Bjørns nå"


def test_the_rules_of_own_devices(engine: Engine, room: int) -> None:
    state = engine.load(room)
    assert (state.open_join, state.anonymous, state.authors_hidden) == (False, "silent", False)
    engine.set_rules(room, silent=True)
    assert engine.load(room).authors_hidden
    engine.set_rules(room, anonymous="never")
    assert not engine.load(room).authors_hidden
    engine.set_rules(room, anonymous=" Always ", silent=False)
    assert engine.load(room).authors_hidden
    with pytest.raises(InvalidInput, match=r"^anonymous: must be one of: silent, always, never \(not 'sometimes'\)"):
        engine.set_rules(room, anonymous="sometimes")


def test_the_facilitator_sees_how_far_each_has_got_but_not_where_the_dots_went(engine: Engine, room: int) -> None:
    from workshop.domain.views import participation

    engine.join_participant(room, "Kari Nordmann")
    engine.set_access(room, "Bjørn Haugen", blocked=True)
    engine.cast_vote(room, "Kari Nordmann", "I2", dots=2)
    rows = {row.participant.name: row for row in participation(engine.load(room))}
    assert [(r.joined, r.blocked, r.touchpoints, r.ideas, r.dots_spent) for r in rows.values()] == [
        (False, False, 0, 0, 0), (True, False, 1, 1, 2), (False, True, 1, 1, 0)]
    assert not hasattr(rows["Kari Nordmann"], "votes")


def test_a_renamed_participant_keeps_what_they_wrote_and_undo_gives_the_old_name_back(engine: Engine, room: int) -> None:
    engine.edit_participant(room, "Kari Nordmann", name="Kari [N] Ødegård")
    state = engine.load(room)
    assert [t.author for t in state.touchpoints] == ["Kari [N] Ødegård", "Bjørn Haugen"]
    assert [i.author for i in state.ideas] == ["Kari [N] Ødegård", "Bjørn Haugen", ""]
    assert "and the author of 2 items they wrote" in _last(engine, room).summary
    # Still hers to change from her own device, under her new name; not under the old one.
    engine.edit_idea(room, "I1", text="SMS med ny dato", owner="Kari [N] Ødegård")
    with pytest.raises(NotYours):
        engine.edit_idea(room, "I1", text="Tilbake", owner="Kari Nordmann")
    engine.undo(room)  # the edit of the idea
    engine.undo(room)  # the rename, with the authors it carried
    state = engine.load(room)
    assert state.participant("U2").name == "Kari Nordmann"
    assert [i.author for i in state.ideas] == ["Kari Nordmann", "Bjørn Haugen", ""]
