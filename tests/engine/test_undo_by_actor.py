"""Undo and redo are personal: each actor takes back only their own changes, and never one that
someone else has changed or built on since (that is refused, in words, and nothing changes)."""

from __future__ import annotations


import pytest

from workshop.domain.errors import InvalidInput, RuleRefused
from workshop.engine import Engine
from workshop.engine.tx import Tx

FRIDA, KARI = "Frida Fasilitator", "Kari Nordmann"


@pytest.fixture
def room(engine: Engine, workshop: int) -> int:
    """The workshop with Kari (U2) in the room besides Åse (U1), an idea (I1) and a touchpoint
    (T1), all made without an actor (as from the command line)."""
    engine.add_participant(workshop, KARI, role="Lager")
    engine.add_touchpoint(workshop, "Venter på pakken", stage="Delivery and use", feeling=-1)
    engine.add_idea(workshop, "Sporing i sanntid", touchpoints=["T1"])
    return workshop


def _picture(engine: Engine, w: int) -> tuple:
    """Every row of the workshop and the length of its log."""
    head, tables = engine._raw(w)
    return head, tables, len(engine.events(w))


def test_each_actor_undoes_only_their_own_changes(engine: Engine, room: int) -> None:
    engine.add_criterion(room, "Kunden vet alltid hvor pakken er", actor=FRIDA)
    engine.add_idea(room, "SMS når pakken er forsinket", actor=KARI)
    engine.edit_brief(room, challenge="Hvordan kan ventetiden bli trygg?", actor=FRIDA)
    engine.cast_vote(room, KARI, "I2", actor=KARI)

    undone = engine.undo(room, actor=FRIDA)
    assert undone.words == "Undid: edited the brief (challenge)"
    state = engine.load(room)
    assert state.challenge == "" and [v.idea for v in state.votes] == ["I2"]
    assert engine.undo(room, actor=FRIDA).words == "Undid: added design criterion D1 'Kunden vet alltid hvor pakken er'"
    with pytest.raises(RuleRefused) as refused:
        engine.undo(room, actor=FRIDA)
    assert refused.value.message == ("undo: nothing of yours to undo "
                                     "(Kari Nordmann's and the CLI's changes are theirs)")
    state = engine.load(room)
    assert state.criteria == () and [i.text for i in state.ideas][-1] == "SMS når pakken er forsinket"

    assert engine.undo(room, actor=KARI).words == "Undid: a dot from Kari Nordmann on idea I2"
    assert engine.undo(room, actor=KARI).words == "Undid: added idea I2 'SMS når pakken er forsinket'"
    # Changes logged without an actor are an actor's of their own: the command line's.
    assert engine.undo(room).words == "Undid: added idea I1 'Sporing i sanntid' for T1"
    assert [e.actor for e in engine.events(room) if e.action == "undo"] == [FRIDA, FRIDA, KARI, KARI, ""]


def test_redo_is_personal_and_ends_with_the_actors_own_new_change(engine: Engine, room: int) -> None:
    engine.add_criterion(room, "Ingen ekstra kostnad", actor=FRIDA)
    engine.undo(room, actor=FRIDA)
    engine.add_idea(room, "Hentested på jobben", actor=KARI)  # someone else's change in between
    with pytest.raises(RuleRefused, match="nothing of yours to redo"):
        engine.redo(room, actor=KARI)
    redone = engine.redo(room, actor=FRIDA)
    assert redone.words == "Redid: added design criterion D1 'Ingen ekstra kostnad'"
    assert redone.summary == "redo: added design criterion D1 'Ingen ekstra kostnad'"
    assert [c.text for c in engine.load(room).criteria] == ["Ingen ekstra kostnad"]

    engine.undo(room, actor=FRIDA)
    engine.add_persona(room, "Hytteeieren", actor=FRIDA)  # her own new change: nothing to redo
    with pytest.raises(RuleRefused, match="nothing of yours to redo"):
        engine.redo(room, actor=FRIDA)
    assert engine.load(room).criteria == ()
    assert [i.text for i in engine.load(room).ideas] == ["Sporing i sanntid", "Hentested på jobben"]


def test_navigation_and_the_timer_are_passed_over(engine: Engine, room: int) -> None:
    engine.add_criterion(room, "Kunden skal aldri måtte ringe", actor=FRIDA)
    engine.set_phase(room, "what-if", actor=FRIDA)
    with engine.store.write() as conn:  # a timer event, as the phase timer logs one
        tx = Tx(conn, room, Tx.find_workshop(conn, room))
        tx.summary = "started the timer"
        tx.record("timer.start", FRIDA)
    assert engine.undo(room, actor=FRIDA).words.startswith("Undid: added design criterion D1")
    assert engine.load(room).phase.value == "what-if"


def _refused(engine: Engine, w: int, actor: str, action: str = "undo") -> str:
    """The refusal of an undo (or redo), after checking that it changed nothing at all."""
    before = _picture(engine, w)
    with pytest.raises(RuleRefused) as refused:
        getattr(engine, action)(w, actor=actor)
    assert _picture(engine, w) == before
    return refused.value.message


def test_an_idea_with_someone_elses_dots_is_not_undone(engine: Engine, room: int) -> None:
    engine.add_idea(room, "Ring kunden før levering", actor=FRIDA)
    engine.cast_vote(room, KARI, "I2", dots=2, actor=KARI)
    assert _refused(engine, room, FRIDA) == "undo: idea I2 has dots from Kari Nordmann since; nothing undone"
    engine.withdraw_vote(room, KARI, "I2", actor=KARI)
    engine.undo(room, actor=FRIDA)  # once the dots are taken back, nothing stands in the way
    assert [i.ref for i in engine.load(room).ideas] == ["I1"]


def test_a_field_someone_else_changed_since_is_not_undone_but_another_field_is(engine: Engine, room: int) -> None:
    engine.edit_touchpoint(room, "T1", feeling=-2, actor=FRIDA)
    engine.edit_touchpoint(room, "T1", feeling=1, actor=KARI)
    assert _refused(engine, room, FRIDA) == (
        "undo: Kari Nordmann has changed the feeling of touchpoint T1 since; nothing undone")
    engine.undo(room, actor=KARI)
    engine.edit_touchpoint(room, "T1", text="Venter og venter på pakken", actor=KARI)
    engine.undo(room, actor=FRIDA)
    tp = engine.load(room).touchpoint("T1")
    assert (tp.feeling, tp.text) == (-1, "Venter og venter på pakken")


def test_a_row_someone_else_removed_or_built_on_is_not_undone(engine: Engine, room: int) -> None:
    engine.edit_idea(room, "I1", theme="Synlighet", actor=FRIDA)
    engine.remove_idea(room, "I1", actor=KARI)
    assert _refused(engine, room, FRIDA) == "undo: Kari Nordmann has removed idea I1 since; nothing undone"
    engine.undo(room, actor=KARI)
    engine.undo(room, actor=FRIDA)

    tp = engine.add_touchpoint(room, "Får SMS", stage="Delivery and use", actor=FRIDA)
    engine.link_idea(room, "I1", [tp], actor=KARI)
    assert _refused(engine, room, FRIDA) == (
        f"undo: Kari Nordmann has linked idea I1 to touchpoint {tp} since; nothing undone")
    engine.undo(room, actor=KARI)
    engine.undo(room, actor=FRIDA)

    concept = engine.add_concept(room, "I1", effect=4, cost=2, actor=FRIDA)
    engine.add_pilot(room, "Sporing i Oslo", concept=concept, actor=KARI)
    assert _refused(engine, room, FRIDA) == (
        f"undo: Kari Nordmann has made pilot P1 from concept {concept} since; nothing undone")

    assumption = engine.add_assumption(room, "Transportøren deler posisjon", concept=concept,
                                       kind="execution", actor=FRIDA)
    engine.edit_pilot(room, "P1", tests=[assumption], actor=KARI)
    assert _refused(engine, room, FRIDA) == (
        f"undo: Kari Nordmann has made pilot P1 test assumption {assumption} since; nothing undone")


def test_putting_back_a_row_whose_stage_someone_removed_is_refused(engine: Engine, room: int) -> None:
    stage = engine.add_stage(room, "Retur", actor=KARI)
    tp = engine.add_touchpoint(room, "Sender varen tilbake", stage=stage, actor=FRIDA)
    engine.remove_touchpoint(room, tp, actor=FRIDA)
    engine.remove_stage(room, stage, actor=KARI)
    assert _refused(engine, room, FRIDA) == f"undo: Kari Nordmann has removed stage {stage} since; nothing undone"


def test_rows_renumbered_alongside_are_no_reason_to_refuse(engine: Engine, room: int) -> None:
    engine.add_idea(room, "Ring kunden før levering", actor=FRIDA)  # I2, second in order
    engine.remove_idea(room, "I1", actor=KARI)  # I2 moves up to first
    engine.undo(room, actor=FRIDA)
    engine.undo(room, actor=KARI)  # puts I1 back first; I2, which it moved, is gone
    assert [(i.ref, i.text) for i in engine.load(room).ideas] == [("I1", "Sporing i sanntid")]


def test_a_number_someone_else_took_since_is_not_handed_out_again(engine: Engine, room: int) -> None:
    engine.add_idea(room, "Ring kunden før levering", actor=FRIDA)  # I2
    engine.add_idea(room, "Hentested på jobben", actor=KARI)  # I3
    engine.undo(room, actor=FRIDA)
    assert engine.add_idea(room, "Pakkeboks", actor=KARI) == "I4"
    engine.redo(room, actor=FRIDA)
    assert [i.ref for i in engine.load(room).ideas] == ["I1", "I2", "I3", "I4"]


def test_a_redo_where_someone_else_changed_the_row_since_is_refused(engine: Engine, room: int) -> None:
    engine.edit_touchpoint(room, "T1", feeling=2, actor=FRIDA)
    engine.undo(room, actor=FRIDA)
    engine.edit_touchpoint(room, "T1", feeling=0, actor=KARI)
    assert _refused(engine, room, FRIDA, "redo") == (
        "redo: Kari Nordmann has changed the feeling of touchpoint T1 since; nothing redone")


def test_an_undo_someone_made_of_anothers_change_in_an_older_log_counts_as_theirs(
        engine: Engine, room: int) -> None:
    engine.add_idea(room, "Hentested på jobben", actor=KARI)
    engine.undo(room, actor=KARI)
    # Before undo was personal, the facilitator's window (logged without an actor) undid anyone's.
    with engine.store.write() as conn:
        conn.exec_driver_sql("UPDATE event SET actor = '' WHERE action = 'undo'")
    with pytest.raises(RuleRefused, match="nothing of yours to undo"):
        engine.undo(room, actor=KARI)
    assert engine.redo(room, actor=KARI).words == "Redid: added idea I2 'Hentested på jobben'"


@pytest.mark.parametrize(("actor", "problem"), [
    ("Kari\nNordmann", "must be one line"),
    ("Kari\x07", "control character (U+0007"),
    ("K" * 201, "201 characters long; the limit is 200"),
])
def test_an_invalid_actor_is_refused_before_anything_is_written(engine: Engine, room: int, actor: str,
                                                                problem: str) -> None:
    before = _picture(engine, room)
    for act in (lambda: engine.add_criterion(room, "Gratis frakt", actor=actor),
                lambda: engine.cast_vote(room, KARI, "I1", actor=actor),
                lambda: engine.undo(room, actor=actor)):
        with pytest.raises(InvalidInput) as refused:
            act()
        assert refused.value.field == "actor" and problem in refused.value.message
    assert _picture(engine, room) == before
