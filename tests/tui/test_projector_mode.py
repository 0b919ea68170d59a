"""Projector mode as the facilitator turns it on: from the start (the picker and the workshop it
opens), and from the command palette on every screen of every app, the picker included."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.app import App

from phase_helpers import screen_text, until
from workshop.engine import Engine
from workshop.tui.app import create_app
from workshop.tui.replay_app import ReplayApp
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.screens.compare import CompareApp, CompareScreen
from workshop.tui.screens.picker import PickerScreen
from workshop.tui.screens.replay import ReplayBar


def test_the_picker_opens_on_the_projector_and_so_does_the_workshop_it_opens(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = create_app(engine, projector=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
            await until(pilot, lambda: "Leveranser som kommer for sent" in screen_text(app))
            assert app.projector and app.has_class("-projector")
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, PhaseScreen))
            assert app.state is not None and app.state.id == journey
            assert app.projector and app.has_class("-projector")

    asyncio.run(scenario())


async def _toggle_from_the_palette(pilot, app: App) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*"Projector mode")
    await until(pilot, lambda: "Large, high-contrast text" in screen_text(app))
    await pilot.press("enter")
    await until(pilot, lambda: app.screen.id != "--command-palette")


def _picker(engine: Engine, journey: int) -> tuple[App, Callable[[App], bool]]:
    return create_app(engine), lambda app: isinstance(app.screen, PickerScreen)


def _phase(engine: Engine, journey: int) -> tuple[App, Callable[[App], bool]]:
    return create_app(engine, journey), lambda app: isinstance(app.screen, PhaseScreen)


def _replay(engine: Engine, journey: int) -> tuple[App, Callable[[App], bool]]:
    return ReplayApp(engine, journey), lambda app: bool(app.screen.query(ReplayBar))


def _compare(engine: Engine, journey: int) -> tuple[App, Callable[[App], bool]]:
    twin, _slug = engine.duplicate_workshop(journey)
    return CompareApp(engine, journey, twin, []), lambda app: isinstance(app.screen, CompareScreen)


@pytest.mark.parametrize("opening", [_picker, _phase, _replay, _compare], ids=["picker", "phase", "replay", "compare"])
def test_projector_mode_is_turned_on_and_off_from_the_palette_on_every_screen(engine: Engine, journey: int,
                                                                              opening) -> None:
    async def scenario() -> None:
        app, shown = opening(engine, journey)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: shown(app))
            assert not app.projector and not app.has_class("-projector")
            await _toggle_from_the_palette(pilot, app)
            assert app.projector and app.has_class("-projector")
            assert shown(app)  # still where the facilitator was
            await _toggle_from_the_palette(pilot, app)
            assert not app.projector and not app.has_class("-projector")

    asyncio.run(scenario())
