"""Replay in the terminal interface, as a team uses it weeks later: the demo built step by step,
phase by phase, playing, seeking on the timeline; every phase screen shown as it was; nothing
can be changed, and the guide speaks the language the room used."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from phase_helpers import notices, screen_text, until

from workshop.demo import build_demo
from workshop.engine import Engine, open_engine
from workshop.tui.replay_app import ReplayApp
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.widgets.scrubber import Scrubber


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("replay") / "demo.db"
    engine = open_engine(str(path))
    build_demo(engine)
    engine.store.checkpoint()
    engine.store.close()
    return path


@pytest.fixture
def demo(demo_db: Path, db_path: Path) -> tuple[Engine, int]:
    import shutil

    shutil.copyfile(demo_db, db_path)
    engine = open_engine(str(db_path))
    yield engine, engine.list_workshops()[0].id
    engine.store.close()


async def _opened(pilot, app: ReplayApp) -> None:
    await until(pilot, lambda: app.replay_controller is not None and app.replay_controller.position == 1
                and isinstance(app.screen, PhaseScreen) and "Replay: event 1 of" in screen_text(app))


def _at(app: ReplayApp) -> int:
    return app.replay_controller.position


def _phase_title(app: ReplayApp) -> str:
    return type(app.screen).__name__


def run(scenario) -> None:
    asyncio.run(scenario())


def test_the_demo_is_built_step_by_step(demo: tuple[Engine, int]) -> None:
    engine, w = demo
    total = len(engine.events(w))

    async def scenario() -> None:
        app = ReplayApp(engine, w, lang="en")  # the demo is run in Norwegian; read here in English
        async with app.run_test(size=(130, 40)) as pilot:
            await _opened(pilot, app)
            text = screen_text(app)
            assert f"event 1 of {total}" in text and "created workshop 'Demo'" in text
            assert _phase_title(app) == "ReplayBriefScreen"
            await pilot.press("]")
            await until(pilot, lambda: _phase_title(app) == "ReplayWhatIsScreen")
            start = _at(app)
            assert "moved to What Is" in screen_text(app)
            await pilot.press("right")
            await until(pilot, lambda: "Jeg ser en annonse for" in screen_text(app))
            assert f"event {start + 1} of {total}" in screen_text(app)
            assert "Håkon Lien added touchpoint T1" in screen_text(app)
            await pilot.press("right", "right")
            await until(pilot, lambda: "Jeg søker på" in screen_text(app))
            await pilot.press("left", "left", "left")
            await until(pilot, lambda: _at(app) == start)
            await until(pilot, lambda: "Jeg ser en annonse for" not in screen_text(app))
            await pilot.press("[")
            await until(pilot, lambda: _phase_title(app) == "ReplayBriefScreen")
            await pilot.press("end")
            await until(pilot, lambda: _phase_title(app) == "ReplayWhatWorksScreen" and _at(app) == total)
            assert "Forsinkelsesvarsel i Innlandet" in screen_text(app)
            await pilot.press("home")
            await until(pilot, lambda: _at(app) == 1 and _phase_title(app) == "ReplayBriefScreen")

    run(scenario)


def test_every_phase_screen_shows_the_replayed_moment(demo: tuple[Engine, int]) -> None:
    engine, w = demo

    async def scenario() -> None:
        app = ReplayApp(engine, w, lang="en")  # the demo is run in Norwegian; read here in English
        async with app.run_test(size=(130, 40)) as pilot:
            await _opened(pilot, app)
            await pilot.press("]", "]", "]")  # What Wows begins: ideas are there, no concept yet
            await until(pilot, lambda: _phase_title(app) == "ReplayWhatWowsScreen")
            moment = _at(app)
            for key, name in (("1", "WhatIs"), ("2", "WhatIf"), ("4", "WhatWorks"), ("0", "Brief"), ("3", "WhatWows")):
                await pilot.press(key)
                await until(pilot, lambda n=name: _phase_title(app) == f"Replay{n}Screen")
                assert app.screen.state.event_count == moment
                assert "Replay: event" in screen_text(app)
            assert app.screen.state.concepts == () and len(app.screen.state.ideas) == 16
            # Looking at another phase does not move the replay; stepping keeps the chosen screen.
            await pilot.press("1", "right")
            await until(pilot, lambda: _at(app) == moment + 1)
            assert _phase_title(app) == "ReplayWhatIsScreen"

    run(scenario)


def test_nothing_can_be_changed_in_a_replay(demo: tuple[Engine, int]) -> None:
    engine, w = demo
    before = (engine.load(w), len(engine.events(w)))

    async def scenario() -> None:
        app = ReplayApp(engine, w, lang="en")  # the demo is run in Norwegian; read here in English
        async with app.run_test(size=(130, 40)) as pilot:
            await _opened(pilot, app)
            await pilot.press("]")
            await until(pilot, lambda: _phase_title(app) == "ReplayWhatIsScreen")
            await pilot.press("right", "right")
            for keys in (["a"], ["enter"], ["d"], ["ctrl+z"], ["ctrl+y"], ["2", "r"], ["3", "v"], ["4", "p"]):
                app.clear_notifications()
                await pilot.press(*keys)
                await until(pilot, lambda: notices(app))
                assert "This is a replay: nothing can be changed" in notices(app)[-1], keys
                assert not app.screen.is_modal
        assert (engine.load(w), len(engine.events(w))) == before

    run(scenario)


def test_playing_and_the_speed(demo: tuple[Engine, int]) -> None:
    engine, w = demo

    async def scenario() -> None:
        app = ReplayApp(engine, w, lang="en")  # the demo is run in Norwegian; read here in English
        async with app.run_test(size=(130, 40)) as pilot:
            await _opened(pilot, app)
            assert "one event a second" in screen_text(app)
            await pilot.press("minus")  # real pace ×16: the demo's events are milliseconds apart
            await until(pilot, lambda: "real pace ×16" in screen_text(app))
            await pilot.press("space")
            await until(pilot, lambda: "▶ Replay" in screen_text(app))
            await until(pilot, lambda: _at(app) > 20)
            await pilot.press("space")
            await until(pilot, lambda: "❚❚ Replay" in screen_text(app))
            stopped = _at(app)
            await asyncio.sleep(0.3)
            await pilot.pause()
            assert _at(app) == stopped
            await pilot.press("minus", "minus", "minus")
            await until(pilot, lambda: "real pace ·" in screen_text(app) or "· real pace" in screen_text(app))

    run(scenario)


def test_the_timeline_marks_phases_and_a_click_seeks(demo: tuple[Engine, int]) -> None:
    engine, w = demo

    async def scenario() -> None:
        app = ReplayApp(engine, w, lang="en")  # the demo is run in Norwegian; read here in English
        async with app.run_test(size=(130, 40)) as pilot:
            await _opened(pilot, app)
            scrubber = app.screen.query_one(Scrubber)
            line = screen_text(app).splitlines()
            labels = next(row for row in line if "What Is" in row and "What If" in row and "Brief" in row)
            assert labels.index("Brief") < labels.index("What Is") < labels.index("What If") < labels.index("What Wows")
            await pilot.click(scrubber, offset=(scrubber.size.width - 1, 1))
            await until(pilot, lambda: _at(app) == app.replay_controller.total)
            await until(pilot, lambda: _phase_title(app) == "ReplayWhatWorksScreen")

    run(scenario)


def test_the_guide_speaks_the_language_the_room_used(demo: tuple[Engine, int], monkeypatch: pytest.MonkeyPatch) -> None:
    engine, w = demo
    monkeypatch.setenv("WORKSHOP_LANG", "en")

    async def scenario() -> None:
        app = ReplayApp(engine, w, lang="en")
        async with app.run_test(size=(130, 40)) as pilot:
            await _opened(pilot, app)
            await until(pilot, lambda: "Oppdraget" in screen_text(app))

    run(scenario)


def test_export_from_a_replay_writes_the_workshop_as_it_was(demo: tuple[Engine, int], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input

    from workshop.tui.dialogs.export import ExportDialog

    engine, w = demo
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        app = ReplayApp(engine, w, lang="en")  # the demo is run in Norwegian; read here in English
        async with app.run_test(size=(130, 40)) as pilot:
            await _opened(pilot, app)
            await pilot.press("]", *["right"] * 3)  # What Is, three touchpoints written
            await until(pilot, lambda: app.screen.state.event_count == app.replay_controller.position
                        and len(app.screen.state.touchpoints) == 3)
            await pilot.press("e")
            dialog = await until(pilot, lambda: app.screen if isinstance(app.screen, ExportDialog)
                                 and app.screen.query("#path") else None)
            dialog.query_one("#path", Input).value = "da.md"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: (tmp_path / "da.md").exists())

    run(scenario)
    text = (tmp_path / "da.md").read_text(encoding="utf-8")
    assert "Jeg søker på" in text and "Det går fem dager" not in text


def test_help_in_a_replay_says_how_to_move_through_it(demo: tuple[Engine, int]) -> None:
    engine, w = demo

    async def scenario() -> None:
        app = ReplayApp(engine, w, lang="en")  # the demo is run in Norwegian; read here in English
        async with app.run_test(size=(130, 40)) as pilot:
            await _opened(pilot, app)
            await pilot.press("question_mark")
            await until(pilot, lambda: "This is a replay" in screen_text(app))

    run(scenario)
