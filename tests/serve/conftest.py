"""Fixtures for the participant server: a workshop with a room of participants, and the real
server (uvicorn in a thread, on a free port of this machine) serving it from the test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serve_helpers import Person, join

from workshop.engine import Engine
from workshop.serve.server import RoomServer
from workshop.serve.sessions import JoinGuard


@pytest.fixture
def room(engine: Engine, workshop: int) -> int:
    """The workshop in What If, with Kari and Bjørn besides Åse, two touchpoints (one Kari's),
    an idea by Bjørn, and a challenge."""
    engine.edit_brief(workshop, challenge="Hvordan kan vi gi kundene en leveringsdato de stoler på?")
    engine.add_participant(workshop, "Kari Nordmann", role="Kundeservice")
    engine.add_participant(workshop, "Bjørn Haugen", role="Lager")
    engine.add_touchpoint(workshop, "Venter på pakken i ti dager", stage="Delivery and use", feeling=-2,
                          pains=["Ingen sporing"], author="Kari Nordmann")
    engine.add_touchpoint(workshop, "Ringer kundeservice", stage="Customer service", feeling=-1)
    engine.add_idea(workshop, "Sporingslenke på SMS", author="Bjørn Haugen", touchpoints=["T1"])
    engine.set_phase(workshop, "what-if")
    return workshop


@pytest.fixture
def fast_guard() -> JoinGuard:
    """The join guard with short waits, so a test of many wrong codes takes seconds."""
    return JoinGuard(free=3, step=0.1, most=0.3, limit=10, window=300)


@pytest.fixture
def server(db_path: Path, room: int, fast_guard: JoinGuard) -> Iterator[RoomServer]:
    served = RoomServer(str(db_path), room, host="127.0.0.1", port=0, guard=fast_guard)
    served.start()
    yield served
    served.stop()


@pytest.fixture
def person(server: RoomServer) -> Callable[..., Person]:
    """Join as a participant: `person("Kari Nordmann")`, or `cookie=True` for the page's way."""
    made: list[Person] = []

    def joining(name: str, *, cookie: bool = False) -> Person:
        joined = join(server.url, server.code, name, cookie=cookie)
        made.append(joined)
        return joined

    yield joining
    for one in made:
        one.client.close()
