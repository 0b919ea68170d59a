"""Fixtures for replay and undo: a workshop that has been through every phase."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from postgres_server import PostgresDatabase, copy_database

from workshop.engine import Engine, open_engine


def build_rich(engine: Engine) -> int:
    """A workshop taken through all four phases, with something of every kind.

    U1 Åse and U2 Kari have voted; I4 was written silently and is still hidden; T1 has links; D1,
    D2 are criteria; C1 has assumptions A1, A2 and pilot P1 tests A1; S6 'Etterkjøp' is empty.
    """
    w, _ = engine.create_workshop(
        "Leveranser som kommer for sent",
        stages=["Marketing", "Sales", "Delivery and use", "Customer service", "Customer follow-up"],
        template="core-processes",
    )
    engine.add_participant(w, "Åse Ødegård", role="Customer service")
    engine.edit_brief(w, challenge="Hvordan kan vi gjøre ventetiden på pakken trygg?",
                      success_measures=["Færre henvendelser om levering"], date="2026-03-14")
    engine.add_participant(w, "Kari Nordmann", role="Lager")
    engine.add_persona(w, "Travel småbarnsforelder", description="Bestiller om kvelden")
    engine.add_stage(w, "Etterkjøp")
    engine.set_phase(w, "what-is")
    engine.add_touchpoint(w, "Venter på pakken", stage="Delivery and use", channel="email", feeling=-2,
                          pains=["Ingen sporing", "Ingen svar på e-post"], moment_of_truth=True,
                          persona="R1", evidence="12 samtaler i uka", evidence_count=12)
    engine.add_touchpoint(w, "Får SMS om at pakken er hentet", stage="Delivery and use", feeling=1)
    engine.add_touchpoint(w, "Ringer kundeservice", stage="Customer service", channel="phone",
                          feeling=-1, pains=["Lang kø"])
    engine.add_touchpoint(w, "Ser annonse på Instagram", stage="Marketing", channel="social", feeling=1)
    engine.add_criterion(w, "Kunden vet alltid hvor pakken er")
    engine.add_criterion(w, "Ingen ekstra kostnad for kunden")
    engine.set_phase(w, "what-if")
    engine.add_idea(w, "Sporing i sanntid", touchpoints=["T1", "T2"], theme="Synlighet")
    engine.add_idea(w, "Ring kunden før levering", touchpoints=["T1"], theme="Kontakt")
    engine.add_idea(w, "Chat med sjåføren", theme="Kontakt")
    engine.set_rules(w, silent=True)
    engine.add_idea(w, "Hentested på jobben", author="Kari Nordmann")
    engine.set_phase(w, "what-wows")
    engine.cast_vote(w, "U1", "I1", dots=2)
    engine.cast_vote(w, "U2", "I1")
    engine.cast_vote(w, "U2", "I2", dots=2)
    engine.add_concept(w, "I1", benefits="Kunden slipper å lure", effect=4, cost=2, wow=True)
    engine.add_assumption(w, "Transportøren deler posisjon", concept="C1", kind="execution", critical=True)
    engine.add_assumption(w, "Kundene vil ha varsler", concept="C1", kind="value")
    engine.set_phase(w, "what-works")
    engine.add_pilot(w, "Sporing for Oslo-kunder", concept="C1", owner="Kari Nordmann",
                     start="2026-04-01", end="2026-05-15", tests=["A1"])
    return w


@pytest.fixture(scope="session")
def _rich_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rich") / "rich.db"
    engine = open_engine(str(path))
    build_rich(engine)
    engine.store.checkpoint()
    engine.store.close()
    return path


@pytest.fixture
def rich(_rich_file: Path, db_path: Path) -> tuple[Engine, int]:
    """An engine on a fresh copy of the rich workshop's database, and the workshop's id."""
    if isinstance(db_path, PostgresDatabase):
        copy_database(_rich_file, db_path)
    else:
        shutil.copyfile(_rich_file, db_path)
    engine = open_engine(str(db_path))
    yield engine, engine.list_workshops()[0].id
    engine.store.close()


@pytest.fixture
def rich_file_copy(_rich_file: Path, tmp_path: Path) -> Path:
    """A copy of the rich workshop's database file, for tests that read the file itself."""
    path = tmp_path / "copy.db"
    shutil.copyfile(_rich_file, path)
    return path
