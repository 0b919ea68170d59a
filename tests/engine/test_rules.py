"""The engine's rules: what is refused, with which field named, and that a refusal changes nothing."""

from __future__ import annotations

import pytest

from workshop.domain.errors import InvalidInput, NotFound, RuleRefused, WorkshopError
from workshop.engine import Engine


def snapshot(engine: Engine, wid: int):
    return engine.load(wid), engine.last_seq(wid)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n\t "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"text": "bell\x07"}, "text"),
        ({"text": "nul\x00"}, "text"),
        ({"text": "esc\x1b[31m"}, "text"),
        ({"text": "ok", "feeling": 3}, "feeling"),
        ({"text": "ok", "feeling": -3}, "feeling"),
        ({"text": "ok", "channel": "pigeon"}, "channel"),
        ({"text": "ok", "pains": [" "]}, "pain"),
        ({"text": "ok", "evidence_count": -1}, "count"),
    ],
)
def test_bad_touchpoint_is_refused_naming_the_field(engine: Engine, workshop: int, kwargs, field) -> None:
    before = snapshot(engine, workshop)
    with pytest.raises(InvalidInput) as err:
        engine.add_touchpoint(workshop, stage="Sales", **kwargs)
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}:")
    assert snapshot(engine, workshop) == before


def test_text_at_the_limit_is_kept_exactly(engine: Engine, workshop: int) -> None:
    text = "æøå " * 499 + "Ææ"
    assert len(text) == 1998
    ref = engine.add_touchpoint(workshop, text, stage="Sales", feeling=-2)
    assert engine.load(workshop).touchpoint(ref).text == text


def test_unknown_workshop_stage_and_item(engine: Engine, workshop: int) -> None:
    before = snapshot(engine, workshop)
    with pytest.raises(NotFound, match="workshop"):
        engine.add_touchpoint("no-such-workshop", "x", stage="Sales")
    with pytest.raises(NotFound, match="stage"):
        engine.add_touchpoint(workshop, "x", stage="Onboarding")
    with pytest.raises(NotFound, match="touchpoint"):
        engine.add_idea(workshop, "x", touchpoints=["T99"])
    with pytest.raises(NotFound, match="idea"):
        engine.cast_vote(workshop, "Åse Ødegård", "I1")
    assert snapshot(engine, workshop) == before


def test_votes_beyond_the_dots_are_refused(engine: Engine, workshop: int) -> None:
    idea = engine.add_idea(workshop, "Varsle kunden når pakken er forsinket")
    assert engine.cast_vote(workshop, "åse ødegård", idea, dots=2) == 1
    before = snapshot(engine, workshop)
    with pytest.raises(RuleRefused, match="dots: Åse Ødegård has 1 of 3 dots left"):
        engine.cast_vote(workshop, "Åse Ødegård", idea, dots=2)
    assert snapshot(engine, workshop) == before
    assert engine.cast_vote(workshop, "U1", idea) == 0
    assert engine.load(workshop).dots_for(idea) == 3


def test_cap_per_idea_counts_every_participant(engine: Engine, workshop: int) -> None:
    engine.add_participant(workshop, "Bjørn Dæhlie", role="Logistics")
    engine.set_rules(workshop, cap=2)
    idea = engine.add_idea(workshop, "Hentepunkt i nærbutikken")
    engine.cast_vote(workshop, "Åse Ødegård", idea, dots=2)
    with pytest.raises(RuleRefused, match="cap of 2"):
        engine.cast_vote(workshop, "Bjørn Dæhlie", idea)
    with pytest.raises(RuleRefused, match="cap: I1 already hold"):
        engine.set_rules(workshop, cap=1)


def test_end_date_before_start_is_refused(engine: Engine, workshop: int) -> None:
    idea = engine.add_idea(workshop, "Sporingslenke i SMS")
    concept = engine.add_concept(workshop, idea, effect=4, cost=2)
    with pytest.raises(InvalidInput) as err:
        engine.add_pilot(workshop, "SMS-pilot", concept=concept, start="2027-02-01", end="2027-01-01")
    assert err.value.field == "end"
    pilot = engine.add_pilot(workshop, "SMS-pilot", concept=concept, start="2027-01-01", end="2027-02-01")
    with pytest.raises(InvalidInput, match="start"):
        engine.edit_pilot(workshop, pilot, start="1. januar")
    with pytest.raises(InvalidInput, match="end: 2026-12-01 is before the start 2027-01-01"):
        engine.edit_pilot(workshop, pilot, end="2026-12-01")
    assert engine.load(workshop).pilots[0].end_date == "2027-02-01"


def test_silent_brainstorming_hides_ideas_until_revealed(engine: Engine, workshop: int) -> None:
    engine.set_rules(workshop, silent=True)
    idea = engine.add_idea(workshop, "Chat med sjåføren")
    assert engine.load(workshop).idea(idea).hidden
    with pytest.raises(RuleRefused, match="hidden"):
        engine.cast_vote(workshop, "Åse Ødegård", idea)
    assert engine.reveal_ideas(workshop) == 1
    assert not engine.load(workshop).idea(idea).hidden


def test_blind_votes_are_visible_only_after_reveal(engine: Engine, workshop: int) -> None:
    state = engine.load(workshop)
    assert state.blind and not state.votes_visible
    engine.reveal_votes(workshop)
    assert engine.load(workshop).votes_visible
    with pytest.raises(RuleRefused):
        engine.reveal_votes(workshop)


def test_stage_with_touchpoints_cannot_be_removed(engine: Engine, workshop: int) -> None:
    engine.add_touchpoint(workshop, "Ringer kundeservice", stage="Customer service")
    with pytest.raises(RuleRefused, match="still holds 1 touchpoint"):
        engine.remove_stage(workshop, "Customer service")


def test_moving_touchpoints_keeps_positions_dense(engine: Engine, workshop: int) -> None:
    refs = [engine.add_touchpoint(workshop, f"Steg {n}", stage="Sales") for n in range(1, 4)]
    engine.move_touchpoint(workshop, refs[2], position=1)
    engine.move_touchpoint(workshop, refs[0], stage="Delivery and use")
    state = engine.load(workshop)
    sales = [tp.ref for tp in state.touchpoints_in(state.stages[1].ref)]
    assert sales == [refs[2], refs[1]]
    assert [tp.position for tp in state.touchpoints_in(state.stages[1].ref)] == [1, 2]
    assert state.touchpoint(refs[0]).stage == state.stages[2].ref


def test_refs_are_never_reused_after_removal(engine: Engine, workshop: int) -> None:
    first = engine.add_touchpoint(workshop, "Første", stage="Sales")
    engine.remove_touchpoint(workshop, first)
    assert engine.add_touchpoint(workshop, "Andre", stage="Sales") == "T2"


def test_every_refusal_is_a_workshop_error_with_an_exit_code(engine: Engine, workshop: int) -> None:
    with pytest.raises(WorkshopError) as err:
        engine.set_phase(workshop, "what-next")
    assert err.value.exit_code == 3 and err.value.field == "phase"
