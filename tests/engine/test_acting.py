"""The engine as the facilitator's window uses it: every change made through it is logged with
the window's actor, which is the one asked for, else the brief's facilitator, else "Facilitator"."""

from __future__ import annotations

import pytest

from workshop.domain.errors import InvalidInput
from workshop.engine import Engine
from workshop.engine.acting import ActingEngine

FRIDA, KARI = "Frida Fasilitator", "Kari Nordmann"


@pytest.fixture
def room(engine: Engine, workshop: int) -> int:
    """The workshop with Kari (U2) besides Åse (U1), a touchpoint (T1) and an idea (I1)."""
    engine.add_participant(workshop, KARI, role="Lager")
    engine.add_touchpoint(workshop, "Venter på pakken", stage="Delivery and use", feeling=-1)
    engine.add_idea(workshop, "Sporing i sanntid", touchpoints=["T1"])
    return workshop


def test_an_acting_engine_logs_every_change_with_its_actor(engine: Engine, room: int) -> None:
    acting = ActingEngine(engine, None)
    assert acting.act_for("") == "Facilitator"
    assert acting.act_for(f"  {FRIDA} ") == FRIDA  # no --actor: the brief's facilitator
    acting.cast_vote(room, KARI, "I1")  # a proxy vote: the log says who cast it
    acting.add_criterion(room, "Kunden vet alltid hvor pakken er")
    acting.add_idea(room, "Pakkeboks", author=KARI)
    acting.edit_touchpoint(room, "T1", feeling=0, actor=KARI)  # an actor named in the call wins
    log = engine.events(room)[-4:]
    assert [e.actor for e in log] == [FRIDA, FRIDA, FRIDA, KARI]
    assert log[0].summary == f"Kari Nordmann put 1 dot on idea I1 (cast by {FRIDA})"
    assert acting.load(room).touchpoint("T1").feeling == 0  # reads pass straight through
    assert acting.undo(room).words == "Undid: added idea I2 'Pakkeboks'"
    assert ActingEngine(engine, "Ingrid Sæther").act_for(FRIDA) == "Ingrid Sæther"
    with pytest.raises(InvalidInput, match="actor"):
        ActingEngine(engine, "Ingrid\nSæther")
