"""For random sequences of engine actions (undo and redo among them), folding the event log gives
exactly what the tables hold, and replay to event k equals the workshop after the k-th action."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workshop.domain.errors import WorkshopError
from workshop.engine import Engine, open_engine
from workshop.replay import Replay

TEXT = st.text(alphabet="aeiouæøåÆØÅäö Kpt-", min_size=1, max_size=12)
"""Nordic text; now and then only spaces, which the engine must refuse without changing anything."""


def _pick(items: tuple[Any, ...], n: int) -> str:
    return items[n % len(items)].ref if items else "X1"


def _act(engine: Engine, w: int, kind: str, n: int, m: int, text: str) -> None:
    s = engine.load(w)
    tp, idea = _pick(s.touchpoints, n), _pick(s.ideas, n)
    who, concept = _pick(s.participants, m), _pick(s.concepts, m)
    if kind == "participant":
        engine.add_participant(w, text)
    elif kind == "stage":
        engine.add_stage(w, text, position=m % 4 + 1)
    elif kind == "stage.remove":
        engine.remove_stage(w, _pick(s.stages, n))
    elif kind == "touchpoint":
        engine.add_touchpoint(w, text, stage=str(n % 3 + 1), feeling=m % 5 - 2, pains=[text] if m % 2 else [])
    elif kind == "touchpoint.edit":
        engine.edit_touchpoint(w, tp, feeling=(n + m) % 5 - 2, moment_of_truth=bool(m % 2))
    elif kind == "touchpoint.move":
        engine.move_touchpoint(w, tp, stage=str(m % 3 + 1), position=1)
    elif kind == "touchpoint.remove":
        engine.remove_touchpoint(w, tp)
    elif kind == "idea":
        engine.add_idea(w, text, touchpoints=[tp] if s.touchpoints else [], theme="Tema" if m % 2 else None)
    elif kind == "idea.remove":
        engine.remove_idea(w, idea)
    elif kind == "vote":
        engine.cast_vote(w, who, idea, dots=m % 2 + 1)
    elif kind == "withdraw":
        engine.withdraw_vote(w, who, idea)
    elif kind == "rules":
        engine.set_rules(w, dots=m % 4 + 1, silent=bool(n % 2))
    elif kind == "phase":
        engine.set_phase(w, ("what-is", "what-if", "what-wows", "what-works", "brief")[n % 5])
    elif kind == "concept":
        engine.add_concept(w, idea, effect=m % 5 + 1, cost=n % 5 + 1)
    elif kind == "assumption":
        engine.add_assumption(w, text, concept=concept, kind="value")
    elif kind == "pilot":
        engine.add_pilot(w, text, concept=concept, tests=[a.ref for a in s.assumptions_of(concept)][:1])
    elif kind == "pilot.remove":
        engine.remove_pilot(w, _pick(s.pilots, n))
    elif kind == "brief":
        engine.edit_brief(w, challenge=text, success_measures=[text] if m % 2 else [])
    elif kind == "reveal":
        engine.reveal_votes(w, hide=bool(m % 2))
    elif kind == "timer":
        phase = ("brief", "what-is", "what-if")[m % 3]
        if n % 4 == 0:
            engine.start_timer(w, phase, default_minutes=10)
        elif n % 4 == 1:
            engine.pause_timer(w, phase)
        elif n % 4 == 2:
            engine.reset_timer(w, phase)
        else:
            engine.set_timebox(w, phase, minutes=m % 30 + 1)
    elif kind == "join":
        # One action a step, and always one that changes something or is refused.
        fresh = [p.ref for p in s.participants if not p.joined]
        taken = any(p.name.casefold() == text.strip().casefold() for p in s.participants)
        if m % 3 == 1 and fresh:
            engine.join_participant(w, fresh[n % len(fresh)])
        elif m % 3 == 2 and not s.open_join:
            engine.set_rules(w, open_join=True)
        elif m % 3 == 2 and not taken:
            engine.join_participant(w, text, create=True)
        else:
            person = s.participant(who)
            engine.set_access(w, who, blocked=not person.blocked if person else True)
    elif kind in ("undo", "redo"):
        getattr(engine, kind)(w)


KINDS = ["touchpoint", "undo", "idea", "redo", "vote", "touchpoint.edit", "undo", "concept", "phase",
         "assumption", "pilot", "touchpoint.move", "undo", "participant", "stage", "withdraw", "redo",
         "touchpoint.remove", "idea.remove", "rules", "pilot.remove", "stage.remove", "brief", "reveal", "timer",
         "join"]
"""Undo and redo come often and early: hypothesis draws the first entries most."""
BASE = [("participant", "Åse"), ("touchpoint", "Venter på pakken"), ("idea", "Sporing"),
        ("concept", ""), ("assumption", "Kundene vil ha varsler")]
"""Every example starts from a workshop with one thing of each kind, so most steps can apply."""

_FAST = "/dev/shm" if Path("/dev/shm").is_dir() else None
"""A memory-backed folder where there is one: each example makes a database, and syncing it to disk
would dominate the run."""

STEP = st.tuples(st.sampled_from(KINDS), st.integers(0, 20), st.integers(0, 20), TEXT)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=5, max_size=40), interval=st.sampled_from([1, 3, 500]),
       backward=st.booleans(), warm=st.booleans())
def test_fold_of_the_log_is_what_the_tables_hold(steps: list[tuple[str, int, int, str]], interval: int,
                                                 backward: bool, warm: bool) -> None:
    with tempfile.TemporaryDirectory(dir=_FAST) as folder:
        engine = open_engine(str(Path(folder) / "w.db"))
        try:
            w, _ = engine.create_workshop("Hendelser", stages=["Før", "Under", "Etter"])
            after = {1: engine.load(w)}
            for kind, text in BASE:
                _act(engine, w, kind, 0, 1, text)
                after[len(after) + 1] = engine.load(w)
            for kind, n, m, text in steps:
                before = engine.load(w)
                try:
                    _act(engine, w, kind, n, m, text)
                except WorkshopError:
                    assert engine.load(w) == before, f"a refused {kind} changed the workshop"
                    continue
                event(f"done: {kind}")
                now = engine.load(w)
                assert now.event_count == before.event_count + 1
                after[now.event_count] = now

            replay = Replay.open(engine, w, interval=interval, warm=warm)
            assert len(replay) == max(after)
            # Seeking in either direction, from snapshots built lazily or all at once.
            for k, state in sorted(after.items(), reverse=backward):
                assert replay.state_at(k) == state, f"replay to event {k} differs"
            head, tables = replay.rows_at(len(replay))
            stored_head, stored_tables = engine._raw(w)
            assert head == {k: v for k, v in stored_head.items() if k != "id"}
            assert {t: rows for t, rows in tables.items() if rows} == {
                t: rows for t, rows in stored_tables.items() if rows}
        finally:
            engine.store.close()
