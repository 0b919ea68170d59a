"""Fixtures for the TUI tests: a frozen cursor (screens read the same at every instant) and a
workshop with a journey on it."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from workshop.engine import Engine


@pytest.fixture(autouse=True)
def frozen_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text cursor stays lit instead of blinking."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def journey(engine: Engine, workshop: int) -> int:
    """The workshop with touchpoints in three stages, one criterion and a persona."""
    engine.add_persona(workshop, "Travel småbarnsforelder", description="Bestiller på mobilen om kvelden")
    engine.add_touchpoint(workshop, "Ser annonse for sofa på Instagram", stage="Marketing",
                          channel="social", feeling=1)
    engine.add_touchpoint(workshop, "Bestiller sofa i nettbutikken", stage="Sales", channel="web", feeling=1)
    engine.add_touchpoint(workshop, "Venter på leveringsdato som aldri kommer", stage="Delivery and use",
                          channel="email", feeling=-2, pains=["Ingen dato", "Må ringe selv"],
                          moment_of_truth=True)
    engine.add_touchpoint(workshop, "Får sofaen båret inn av to hyggelige menn", stage="Delivery and use",
                          channel="in person", feeling=2)
    engine.add_criterion(workshop, "Kunden vet alltid når sofaen kommer")
    return workshop


@pytest.fixture
def english(db_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The interface in English whatever the workshop's own language (the demo is Norwegian), for
    tests that read English words off the screen; the Norwegian screens have tests of their own.
    (After `db_path`, which clears the variable.)"""
    monkeypatch.setenv("WORKSHOP_LANG", "en")
