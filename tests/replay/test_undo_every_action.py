"""Undo of every kind of action restores the exact previous state; redo brings the action back;
and undo reaches back through the whole history of a workshop."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from workshop.domain.errors import RuleRefused
from workshop.engine import Engine
from workshop.replay import Replay

Act = Callable[[Engine, int], Any]

# Each case: (setup run before the "before" picture, the action under test).
CASES: dict[str, tuple[Act | None, Act]] = {
    "edit the brief": (None, lambda e, w: e.edit_brief(
        w, title="Pakken kommer", scope="Fra bestilling til levering", constraints=["Ingen ny app"],
        success_measures=[], date="2026-03-21", facilitator="Åse")),
    "change the rules": (None, lambda e, w: e.set_rules(w, dots=5, cap=4, blind=False)),
    "change the rules of own devices": (None, lambda e, w: e.set_rules(w, open_join=True, anonymous="never")),
    "remove a participant's access": (None, lambda e, w: e.set_access(w, "U2", blocked=True)),
    "give a participant access again": (lambda e, w: e.set_access(w, "U2", blocked=True),
                                        lambda e, w: e.set_access(w, "U2", blocked=False)),
    "turn silent brainstorming off": (None, lambda e, w: e.set_rules(w, silent=False)),
    "reveal the votes": (None, lambda e, w: e.reveal_votes(w)),
    "hide the votes": (lambda e, w: e.reveal_votes(w), lambda e, w: e.reveal_votes(w, hide=True)),
    "reveal hidden ideas": (None, lambda e, w: e.reveal_ideas(w)),
    "add a participant": (None, lambda e, w: e.add_participant(w, "Jørn", role="Økonomi", facilitator=True)),
    "edit a participant": (None, lambda e, w: e.edit_participant(w, "U2", name="Kari N.", role="Kundeservice")),
    "remove a participant with dots": (None, lambda e, w: e.remove_participant(w, "U2")),
    "add a persona": (None, lambda e, w: e.add_persona(w, "Pensjonist", description="Handler på dagtid")),
    "edit a persona": (None, lambda e, w: e.edit_persona(w, "R1", description="Bestiller om morgenen")),
    "remove a persona in use": (None, lambda e, w: e.remove_persona(w, "R1")),
    "add a stage in the middle": (None, lambda e, w: e.add_stage(w, "Retur", position=2)),
    "rename and move a stage": (None, lambda e, w: e.edit_stage(w, "S3", name="Levering", position=1)),
    "remove an empty stage": (None, lambda e, w: e.remove_stage(w, "Etterkjøp")),
    "add a touchpoint at a position": (None, lambda e, w: e.add_touchpoint(
        w, "Åpner pakken", stage="Delivery and use", feeling=2, position=1, pains=["Mye plast"])),
    "edit a touchpoint": (None, lambda e, w: e.edit_touchpoint(
        w, "T1", feeling=-1, pains=["Ingen sporing"], moment_of_truth=False, persona=None, channel="app")),
    "move a touchpoint to another stage": (None, lambda e, w: e.move_touchpoint(w, "T1", stage="Customer service", position=1)),
    "move a touchpoint within its stage": (None, lambda e, w: e.move_touchpoint(w, "T2", position=1)),
    "remove a linked touchpoint": (None, lambda e, w: e.remove_touchpoint(w, "T1")),
    "add a design criterion": (None, lambda e, w: e.add_criterion(w, "Fungerer uten app")),
    "edit and move a design criterion": (None, lambda e, w: e.edit_criterion(w, "D2", text="Gratis", position=1)),
    "remove a design criterion": (None, lambda e, w: e.remove_criterion(w, "D1")),
    "add a linked idea": (lambda e, w: e.set_rules(w, silent=False),
                          lambda e, w: e.add_idea(w, "Pakkeboks", touchpoints=["T1", "T3"], theme="Levering")),
    "add a hidden idea": (None, lambda e, w: e.add_idea(w, "Stille idé")),
    "edit and move an idea": (None, lambda e, w: e.edit_idea(w, "I3", text="Chat med bud", theme="", position=1)),
    "link an idea": (None, lambda e, w: e.link_idea(w, "I3", ["T3", "T4"])),
    "unlink an idea": (None, lambda e, w: e.link_idea(w, "I1", ["T2"], unlink=True)),
    "rename a theme": (None, lambda e, w: e.rename_theme(w, "Kontakt", "Synlighet")),
    "merge two themes into a new one": (None, lambda e, w: e.merge_themes(w, ["Kontakt", "Synlighet"], "Beskjed")),
    "put several ideas in a theme": (None, lambda e, w: e.set_theme(w, ["I1", "I3"], "Ærlig beskjed")),
    "mark a voter done": (None, lambda e, w: e.set_done_voting(w, "U2")),
    "a dot from a voter who was done": (lambda e, w: e.set_done_voting(w, "U1"),
                                         lambda e, w: e.cast_vote(w, "U1", "I3")),
    "remove an idea with links and dots": (None, lambda e, w: e.remove_idea(w, "I2")),
    "cast a first vote": (None, lambda e, w: e.cast_vote(w, "U1", "I3")),
    "add dots to a vote": (None, lambda e, w: e.cast_vote(w, "U1", "I1", actor="Kari Nordmann")),
    "withdraw some dots": (None, lambda e, w: e.withdraw_vote(w, "U2", "I2", dots=1)),
    "withdraw all dots": (None, lambda e, w: e.withdraw_vote(w, "U1", "I1")),
    "add a concept": (None, lambda e, w: e.add_concept(w, "I2", big_idea="Vi ringer", effect=3, cost=4)),
    "edit a concept": (None, lambda e, w: e.edit_concept(w, "C1", effect=5, wow=False, rationale="Færre samtaler")),
    "remove a concept with assumptions": (lambda e, w: e.remove_pilot(w, "P1"), lambda e, w: e.remove_concept(w, "C1")),
    "add an assumption": (None, lambda e, w: e.add_assumption(w, "Sjåførene vil", concept="C1", kind="scale", test="Spør fem")),
    "edit an assumption": (None, lambda e, w: e.edit_assumption(w, "A2", critical=True, kind="defensibility")),
    "remove an assumption a pilot tests": (None, lambda e, w: e.remove_assumption(w, "A1")),
    "add a pilot": (None, lambda e, w: e.add_pilot(w, "Sporing i Bergen", concept="C1", tests=["A1", "A2"],
                                                   start="2026-06-01", end="2026-06-30", status="planned")),
    "edit a pilot": (None, lambda e, w: e.edit_pilot(w, "P1", status="done", decision="scale",
                                                     learnings="Det virket", tests=["A2"], pin=1)),
    "remove a pilot": (None, lambda e, w: e.remove_pilot(w, "P1")),
    "move a pilot past a pinned one": (
        lambda e, w: (e.add_pilot(w, "Sporing i Bergen", concept="C1"), e.edit_pilot(w, "P2", pin=1)),
        lambda e, w: e.move_pilot(w, "P1", 1)),
}


def _picture(engine: Engine, w: int) -> tuple[Any, Any]:
    """Everything the workshop holds, leaving out only how many events it has."""
    head, tables = engine._raw(w)
    return dataclasses.replace(engine.load(w), event_count=0), (head, tables)


@pytest.mark.parametrize("name", list(CASES))
def test_undo_restores_the_exact_previous_state(rich: tuple[Engine, int], name: str) -> None:
    engine, rich = rich
    setup, act = CASES[name]
    if setup:
        setup(engine, rich)
    before = _picture(engine, rich)
    act(engine, rich)
    done = _picture(engine, rich)
    assert done != before, "the action changed nothing"
    actor = engine.events(rich)[-1].actor  # undo is personal: the one who did it takes it back
    undone = engine.undo(rich, actor=actor)
    assert _picture(engine, rich) == before
    engine.redo(rich, actor=actor)
    assert _picture(engine, rich) == done
    log = engine.events(rich)
    assert [e.action for e in log[-2:]] == ["undo", "redo"]
    assert [e.actor for e in log[-2:]] == [actor, actor]
    assert log[-2].summary == undone.summary and undone.summary.startswith("undo: ")
    assert undone.target == log[-3].seq and undone.seq == log[-2].seq


def test_every_engine_action_is_covered() -> None:
    """A new action added to the engine needs a case here."""
    from workshop.engine.choices import ChoiceActions
    from workshop.engine.ideas import IdeaActions
    from workshop.engine.journey import JourneyActions
    from workshop.engine.room import RoomActions
    from workshop.engine.timers import TimerActions
    from workshop.engine.workshops import WorkshopActions

    # Moving between phases, the phase timers and joining from a device are navigation: logged
    # for replay, passed over by undo (tested below, in tests/engine/test_timers.py and
    # tests/engine/test_room.py).
    not_undoable = {"create_workshop", "duplicate_workshop", "delete_workshop", "find_ref", "set_phase",
                    "start_timer", "pause_timer", "reset_timer", "set_timebox", "join_participant"}
    actions = {
        name for cls in (WorkshopActions, JourneyActions, IdeaActions, ChoiceActions, TimerActions, RoomActions)
        for name, value in vars(cls).items() if callable(value) and not name.startswith("_")
    } - not_undoable
    covered = set()
    for setup, act in CASES.values():
        names = act.__code__.co_names
        covered |= {n for n in names if n in actions}
    assert actions - covered == set()


def test_undo_reaches_back_to_the_new_workshop_and_redo_forward(rich: tuple[Engine, int]) -> None:
    engine, rich = rich
    replay = Replay.open(engine, rich)
    phase = engine.load(rich).phase

    def content(state):
        # The phase is where the room is, not what it made: undo leaves it where it is.
        return dataclasses.replace(state, event_count=0, phase=phase)

    log = engine.events(rich)
    changes = [k for k in range(2, len(replay) + 1) if log[k - 1].action != "phase"]
    history = [content(replay.state_at(k)) for k in [1, *changes]]
    # Undo is personal: each change is taken back by the one who made it (a silent idea here is
    # Kari's), newest first; every state on the way is the one the log went through.
    for k, expected in zip(reversed(changes), reversed(history[:-1])):
        engine.undo(rich, actor=log[k - 1].actor)
        assert content(engine.load(rich)) == expected
    for actor in {log[k - 1].actor for k in changes}:
        with pytest.raises(RuleRefused, match="nothing (of yours )?to undo"):
            engine.undo(rich, actor=actor)
    now = engine.load(rich)
    assert now.touchpoints == () and now.participants == () and now.phase == phase
    assert [s.name for s in now.stages][:3] == ["Marketing", "Sales", "Delivery and use"]
    for k, expected in zip(changes, history[1:]):
        engine.redo(rich, actor=log[k - 1].actor)
        assert content(engine.load(rich)) == expected


def test_undo_passes_over_moves_between_phases(rich: tuple[Engine, int]) -> None:
    engine, rich = rich
    first, second, third = [p for p in ("what-is", "what-if", "what-wows", "what-works")
                            if p != engine.load(rich).phase][:3]
    ref = engine.add_criterion(rich, "Kunden skal aldri måtte ringe")
    engine.set_phase(rich, first)
    engine.set_phase(rich, second)
    assert engine.undo(rich).summary.startswith("undo: added design criterion")
    state = engine.load(rich)
    assert state.phase == second and ref not in {c.ref for c in state.criteria}
    engine.set_phase(rich, third)
    assert engine.redo(rich).summary.startswith("redo: added design criterion")
    assert engine.load(rich).phase == third
