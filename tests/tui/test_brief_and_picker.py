"""The picker and the brief as a facilitator meets them: a new workshop from a journey template,
the brief and the people edited, a workshop deleted after a confirmation; the keys, help and
projector mode everywhere."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, TextArea

from phase_helpers import notices, open_form, open_on, screen_text, timer_shown, until
from workshop.domain.values import Phase
from workshop.engine import Engine
from workshop.tui.app import create_app
from workshop.tui.dialogs.confirm import ConfirmDialog
from workshop.tui.screens.brief import BriefScreen
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.picker import PickerScreen
from workshop.tui.screens.what_is import WhatIsScreen
from workshop.tui.widgets.itemlist import ItemList


def test_a_new_workshop_from_a_template_opens_on_its_brief(engine: Engine) -> None:
    async def scenario() -> None:
        app = create_app(engine)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
            await until(pilot, lambda: "No workshops yet" in screen_text(app))
            await pilot.press("a")
            await open_form(pilot, app)
            await pilot.press(*"Flytting av strøm", "ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, BriefScreen))
            [summary] = engine.list_workshops()
            state = engine.load(summary.id)
            assert state.title == "Flytting av strøm" and len(state.stages) >= 3
            await until(pilot, lambda: state.stages[0].name in screen_text(app))

    asyncio.run(scenario())


def test_a_workshop_is_deleted_only_after_yes(engine: Engine, workshop: int) -> None:
    async def scenario() -> None:
        app = create_app(engine)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
            await until(pilot, lambda: "Leveranser som kommer for sent" in screen_text(app))
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
            assert engine.list_workshops()
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await until(pilot, lambda: not engine.list_workshops())
            await until(pilot, lambda: "No workshops yet" in screen_text(app))

    asyncio.run(scenario())


def test_the_brief_and_a_participant_are_edited_in_place(engine: Engine, workshop: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, workshop, "brief")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await until(pilot, lambda: app.screen if isinstance(app.screen, BriefScreen) else None)
            screen.query_one("#list-brief", ItemList).highlighted = 1  # the challenge
            await pilot.press("enter")
            form = await open_form(pilot, app)
            form.query_one("#field-challenge", TextArea).text = "Hvordan kan vi gjøre ventetiden rolig?"
            form.query_one("#field-date", Input).value = "2026-13-01"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "YYYY-MM-DD" in screen_text(app))
            assert engine.load(workshop).challenge == ""
            form.query_one("#field-date", Input).value = "2026-12-01"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(workshop).challenge == "Hvordan kan vi gjøre ventetiden rolig?")
            assert engine.load(workshop).date == "2026-12-01"
            await until(pilot, lambda: "Hvordan kan vi gjøre" in screen_text(app))

            screen.query_one("#list-participant", ItemList).focus()
            await pilot.press("a")
            await open_form(pilot, app)
            await pilot.press(*"Kari Nordmann", "tab", *"Lager", "ctrl+s")
            await until(pilot, lambda: len(engine.load(workshop).participants) == 2)
            assert engine.load(workshop).participants[1].role == "Lager"
            await until(pilot, lambda: "Kari Nordmann" in screen_text(app))

    asyncio.run(scenario())


def test_the_keys_phases_and_help_are_there_for_a_newcomer(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "brief")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, BriefScreen))
            await pilot.press("1")
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            await until(pilot, lambda: "m Moment ★" in screen_text(app))
            footer = screen_text(app).splitlines()[-1]
            for shown in ("a Add", "⏎ Edit", "d Delete", "+- Feeling", "⇧←→↑↓ Move", "c Criteria", "0-4 Phase",
                          "? Keys", "^z Undo", "t Timer", "e Export"):
                assert shown in footer
            for elsewhere in ("Vote", "Reveal"):  # What Wows' keys, not offered here
                assert elsewhere not in footer
            await until(pilot, lambda: engine.load(journey).phase == "what-is")
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            await until(pilot, lambda: "moment of truth" in screen_text(app))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))

    asyncio.run(scenario())


def test_projector_mode_and_the_phase_timer(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-is", projector=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            assert app.has_class("-projector")
            await until(pilot, lambda: timer_shown(app) == ("45:00", "paused (t)"))  # the playbook's 45 minutes
            await pilot.press("t")
            await until(pilot, lambda: timer_shown(app)[1] == "running")
            assert engine.load(journey).timer(Phase.WHAT_IS).running
            await pilot.press("t")
            await until(pilot, lambda: timer_shown(app)[1] == "paused (t)")
            assert not engine.load(journey).timer(Phase.WHAT_IS).running
            engine.set_timebox(journey, "what-is", minutes=0.02)  # about a second: let it run out
            await pilot.press("t")
            await until(pilot, lambda: "TIME IS UP" in screen_text(app), timeout=5)
            await until(pilot, lambda: "Time is up for What Is." in notices(app))
            await pilot.pause(1.2)
            assert timer_shown(app)[0].startswith("-0:0")  # overtime counts on
            assert notices(app).count("Time is up for What Is.") == 1

    asyncio.run(scenario())


def test_every_key_of_a_phase_is_in_the_command_palette(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await until(pilot, lambda: app.screen if isinstance(app.screen, WhatIsScreen) else None)
            await until(pilot, lambda: "m Moment ★" in screen_text(app))
            titles = {c.title for c in app.get_system_commands(screen)}
            for wanted in ("Add", "Edit", "Delete", "Happier", "Moment of truth", "Timer", "Export", "Undo",
                           "Redo", "Guide on/off", "Move to the next stage", "Add design criterion", "Go to What If",
                           "Workshops", "Projector mode", "Theme"):
                assert wanted in titles
            assert not {"Vote", "Reveal"} & titles
            await pilot.press("ctrl+p")
            await pilot.press(*"design criterion")
            await until(pilot, lambda: "Add design criterion" in screen_text(app))
            await pilot.press("enter")
            await open_form(pilot, app)
            await pilot.press(*"Svar uten å måtte ringe", "ctrl+s")
            await until(pilot, lambda: len(engine.load(journey).criteria) == 2)
            await until(pilot, lambda: "Svar uten å måtte ringe" in screen_text(app))

    asyncio.run(scenario())


def test_another_workshop_is_duplicated_and_opened_from_the_picker(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            await pilot.press("ctrl+o")
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
            await until(pilot, lambda: "Leveranser som kommer for sent" in screen_text(app))
            await pilot.press("c")
            await open_form(pilot, app)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: len(engine.list_workshops()) == 2)
            copy = next(w for w in engine.list_workshops() if w.id != journey)
            assert copy.title == "Leveranser som kommer for sent (copy)" and copy.touchpoints == 4
            await until(pilot, lambda: "(copy)" in screen_text(app))
            await pilot.press("enter")  # the copy is selected: open it
            await until(pilot, lambda: app.state is not None and app.state.id == copy.id)
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            await until(pilot, lambda: "(copy)" in screen_text(app))

    asyncio.run(scenario())
