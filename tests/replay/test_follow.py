"""The follower keeps a workshop's state current from the events after it: after any sequence of
actions (undo and redo among them), caught up now and then, it equals the workshop read whole."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.domain.errors import NotFound, WorkshopError
from workshop.domain.model import WorkshopState
from workshop.engine import Engine, open_engine
from workshop.replay.follow import Follower

from test_fold_property import _FAST, BASE, STEP, _act


def _answers(state: WorkshopState) -> dict[str, object]:
    """What screens ask a state, through the lookups it builds once and keeps."""
    return {
        "ranked": [(idea.ref, dots) for idea, dots in state.ranked()],
        "dots": {i.ref: state.dots_for(i.ref) for i in state.ideas},
        "own": {p.ref: dict(state.dots_of(p.ref)) for p in state.participants},
        "spent": {p.ref: state.dots_spent(p.ref) for p in state.participants},
        "positions": {i.ref: state.idea_position(i.ref) for i in state.ideas},
        "stages": {s.ref: [tp.ref for tp in state.touchpoints_in(s.ref)] for s in state.stages},
        "found": [state.idea(i.ref) for i in state.ideas] + [state.touchpoint(t.ref) for t in state.touchpoints],
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=5, max_size=40), every=st.integers(1, 4))
def test_caught_up_state_equals_the_workshop_read_whole(steps: list[tuple[str, int, int, str]],
                                                         every: int) -> None:
    with tempfile.TemporaryDirectory(dir=_FAST) as folder:
        engine = open_engine(str(Path(folder) / "w.db"))
        try:
            w, _ = engine.create_workshop("Følge med", stages=["Før", "Under", "Etter"])
            follower = Follower(engine, w)
            for kind, text in BASE:
                _act(engine, w, kind, 0, 1, text)
            for n, (kind, a, b, text) in enumerate(steps):
                try:
                    _act(engine, w, kind, a, b, text)
                except WorkshopError:
                    pass
                if n % every == 0:
                    state, seq = follower.catch_up()
                    fresh = engine.load(w)
                    assert state == fresh, f"after {kind}"
                    assert seq == engine.last_seq(w)
                    # Counts and lookups brought forward from the state before answer as if made anew.
                    assert _answers(state) == _answers(fresh), f"after {kind}"
            state, _seq = follower.catch_up()
            assert state == engine.load(w)
            assert _answers(state) == _answers(engine.load(w))
        finally:
            engine.store.close()


def test_untouched_items_are_the_same_objects_after_a_change(rich: tuple[Engine, int]) -> None:
    engine, w = rich
    follower = Follower(engine, w)
    before = follower.state
    engine.cast_vote(w, "U1", "I3")
    after, seq = follower.catch_up()
    assert seq == engine.last_seq(w)
    assert after.event_count == before.event_count + 1
    assert after.touchpoints is before.touchpoints and after.ideas is before.ideas
    assert len(after.votes) == len(before.votes) + 1
    assert after == engine.load(w)


def test_nothing_new_gives_the_same_state(rich: tuple[Engine, int]) -> None:
    engine, w = rich
    follower = Follower(engine, w)
    assert follower.catch_up()[0] is follower.state


def test_many_unseen_events_are_read_whole(rich: tuple[Engine, int], monkeypatch: pytest.MonkeyPatch) -> None:
    engine, w = rich
    follower = Follower(engine, w)
    monkeypatch.setattr("workshop.replay.follow.MAX_EVENTS", 3)
    for n in range(4):
        engine.add_touchpoint(w, f"Åpner appen {n}", stage="1")
    read_whole = []
    monkeypatch.setattr(follower, "_fold", lambda events: read_whole.append(len(events)))
    state, seq = follower.catch_up()
    assert read_whole == []  # four events: more than folding is worth
    assert state == engine.load(w) and seq == engine.last_seq(w)
    assert sum(tp.text.startswith("Åpner appen") for tp in state.touchpoints) == 4


def test_a_deleted_workshop_is_reported(rich: tuple[Engine, int]) -> None:
    engine, w = rich
    follower = Follower(engine, w)
    engine.delete_workshop(w)
    with pytest.raises(NotFound):
        follower.catch_up()


def test_the_follower_says_who_made_the_events_it_folded_in(engine: Engine) -> None:
    """The app tells its own changes from the room's by who made them (not by which thread
    happened to read them first)."""
    wid, _ = engine.create_workshop("Hvem skrev hva", stages=["Bestilling", "Levering"])
    follower = Follower(engine, wid)
    start = follower.seq
    assert follower.actors_after(start) == set()
    engine.add_idea(wid, "Egen idé æøå", actor="Ingrid Sæther")
    follower.catch_up()
    assert follower.actors_after(start) == {"Ingrid Sæther"}
    middle = follower.seq
    engine.add_idea(wid, "Per [/] Hansen sin idé", actor="Per [/] Hansen")
    engine.add_idea(wid, "Én til", actor="Ingrid Sæther")
    follower.catch_up()
    assert follower.actors_after(middle) == {"Per [/] Hansen", "Ingrid Sæther"}
    assert follower.actors_after(follower.seq) == set()
    assert follower.actors_after(start - 1) is None  # older than what it folded in: not known


FIRST = frozenset({"stage", "touchpoint", "criterion", "persona", "participant"})


def test_a_first_read_holds_only_the_tables_asked_for_until_caught_up(rich: tuple[Engine, int]) -> None:
    engine, w = rich
    whole = engine.load(w)
    assert whole.ideas and whole.votes and whole.pilots  # the rich workshop has them
    phases: list[str] = []

    def first(phase: str) -> frozenset[str]:
        phases.append(phase)
        return FIRST

    follower = Follower(engine, w, first=first)
    partial = follower.state
    assert phases == [whole.phase.value] and not follower.whole
    assert partial.touchpoints == whole.touchpoints and partial.stages == whole.stages
    assert partial.criteria == whole.criteria and partial.title == whole.title
    assert partial.ideas == () and partial.votes == () and partial.pilots == ()
    # A change made before the rest is read is in the whole state, and the rest is read whole.
    engine.add_idea(w, "Idé skrevet før resten er lest: æøå [b]fet[/b]", touchpoints=[whole.touchpoints[0].ref])
    state, seq = follower.catch_up()
    assert follower.whole and seq == engine.last_seq(w)
    assert state == engine.load(w)
    assert _answers(state) == _answers(engine.load(w))
    # What the first screen showed stays the same objects (the board redraws nothing).
    assert all(a is b for a, b in zip(partial.touchpoints, state.touchpoints))
    assert all(a is b for a, b in zip(partial.stages, state.stages))
    # From then on it folds events as before.
    engine.cast_vote(w, "U1", "I3")
    after, _ = follower.catch_up()
    assert after == engine.load(w) and after.touchpoints is state.touchpoints


def test_a_first_read_of_every_table_is_whole(rich: tuple[Engine, int]) -> None:
    engine, w = rich
    follower = Follower(engine, w, first=lambda phase: None)
    assert follower.whole and follower.state == engine.load(w)
