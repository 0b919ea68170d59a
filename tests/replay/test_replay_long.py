"""A longer workshop, where a seek keeps most items of the snapshot it starts from and puts the
changed ones in their place: every state replayed, in any order, equals the one recorded."""

from __future__ import annotations

import random

from workshop.domain.errors import WorkshopError
from workshop.engine import Engine
from workshop.replay import Replay


def _session(engine: Engine, w: int, rnd: random.Random, steps: int) -> dict[int, object]:
    recorded = {}
    people = [engine.add_participant(w, name) for name in ("Åse", "Bjørn", "Cecilie", "Dag")]
    engine.set_rules(w, dots=1000)
    for n in range(40):
        engine.add_touchpoint(w, f"Kontaktpunkt {n} på reisen", stage=str(n % 5 + 1), feeling=n % 5 - 2,
                              pains=[f"Smerte {n}"] if n % 3 == 0 else [])
    for n in range(25):
        engine.add_idea(w, f"Idé {n} for kundene", touchpoints=[f"T{n % 40 + 1}", f"T{(n * 7) % 40 + 1}"])
    for _ in range(steps):
        state = engine.load(w)
        tp = rnd.choice(state.touchpoints).ref if state.touchpoints else "T1"
        idea = rnd.choice(state.ideas).ref if state.ideas else "I1"
        roll = rnd.random()
        try:
            if roll < 0.2:
                engine.edit_touchpoint(w, tp, feeling=rnd.randint(-2, 2))
            elif roll < 0.3:
                engine.move_touchpoint(w, tp, stage=str(rnd.randint(1, 5)), position=rnd.randint(1, 4))
            elif roll < 0.4:
                engine.cast_vote(w, rnd.choice(people), idea, dots=rnd.randint(1, 3))
            elif roll < 0.5:
                engine.link_idea(w, idea, [tp], unlink=rnd.random() < 0.5)
            elif roll < 0.6:
                engine.edit_idea(w, idea, position=rnd.randint(1, 10), theme=rnd.choice(["A", "B", ""]))
            elif roll < 0.67:
                engine.add_touchpoint(w, f"Nytt kontaktpunkt {rnd.random():.4f}", stage=str(rnd.randint(1, 5)),
                                      position=1)
            elif roll < 0.72:
                engine.remove_touchpoint(w, tp)
            elif roll < 0.76:
                engine.remove_idea(w, idea)
            elif roll < 0.88:
                engine.undo(w)
            else:
                engine.redo(w)
        except WorkshopError:
            continue
        now = engine.load(w)
        recorded[now.event_count] = now
    return recorded


def test_every_state_of_a_long_session_replays_exactly(engine: Engine, workshop: int) -> None:
    rnd = random.Random(20260314)
    recorded = _session(engine, workshop, rnd, 260)
    order = list(recorded)
    rnd.shuffle(order)
    for warm in (False, True):
        replay = Replay.open(engine, workshop, interval=23, warm=warm)
        for k in order:
            assert replay.state_at(k) == recorded[k], f"event {k}"
        # Stepping one event at a time, as the replay screen does.
        start = rnd.randint(1, len(replay) - 30)
        for k in range(start, start + 30):
            if k in recorded:
                assert replay.state_at(k) == recorded[k]
