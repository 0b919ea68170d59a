"""Undo and redo are compensating events: the state returns exactly, and the log shows both."""

from __future__ import annotations

import pytest

from workshop.domain.errors import RuleRefused
from workshop.engine import Engine


def test_undo_restores_a_removed_touchpoint_with_its_links(engine: Engine, workshop: int) -> None:
    tp = engine.add_touchpoint(workshop, "Venter på pakken", stage="Delivery and use", feeling=-2,
                               pains=["Ingen sporing", "Ingen svar på e-post"], moment_of_truth=True)
    idea = engine.add_idea(workshop, "Sporing i sanntid", touchpoints=[tp])
    before = engine.load(workshop)
    engine.remove_touchpoint(workshop, tp)
    assert engine.load(workshop).touchpoint(tp) is None
    assert engine.load(workshop).idea(idea).touchpoints == ()
    engine.undo(workshop)
    after = engine.load(workshop)
    assert after.touchpoints == before.touchpoints
    assert after.idea(idea).touchpoints == (tp,)


def test_undo_walks_back_and_redo_forward(engine: Engine) -> None:
    workshop, _ = engine.create_workshop("Returer", stages=["Marketing", "Kjøp"])
    states = [engine.load(workshop)]
    engine.add_participant(workshop, "Åse Ødegård", role="Customer service")
    states.append(engine.load(workshop))
    engine.add_touchpoint(workshop, "Ser annonse på Instagram", stage="Marketing", feeling=1)
    states.append(engine.load(workshop))
    engine.edit_brief(workshop, challenge="Hvordan kan vi gjøre ventetiden tryggere?")
    states.append(engine.load(workshop))

    def same(a, b):
        return (a.participants, a.challenge, a.touchpoints) == (b.participants, b.challenge, b.touchpoints)

    for expected in reversed(states[:-1]):
        engine.undo(workshop)
        assert same(engine.load(workshop), expected)
    with pytest.raises(RuleRefused, match="nothing to undo"):
        engine.undo(workshop)
    for expected in states[1:]:
        engine.redo(workshop)
        assert same(engine.load(workshop), expected)
    with pytest.raises(RuleRefused, match="nothing to redo"):
        engine.redo(workshop)
    actions = [e.action for e in engine.events(workshop)]
    assert actions.count("undo") == 3 and actions.count("redo") == 3


def test_a_new_change_clears_what_could_be_redone(engine: Engine, workshop: int) -> None:
    engine.add_criterion(workshop, "Kunden vet alltid når pakken kommer")
    engine.undo(workshop)
    engine.add_criterion(workshop, "Ingen ekstra kostnad for kunden")
    with pytest.raises(RuleRefused):
        engine.redo(workshop)
    assert [c.text for c in engine.load(workshop).criteria] == ["Ingen ekstra kostnad for kunden"]
