"""What If as a facilitator uses it: ideas typed one after another, an idea from a how-might-we
prompt linked to its touchpoint, themes, and silent brainstorming that shows only a count until
the ideas are revealed."""

from __future__ import annotations

import asyncio

from textual.widgets import Checkbox, Input

from phase_helpers import open_form, open_on, screen_text, until
from workshop.engine import Engine
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.screens.what_if import PromptList, WhatIfScreen


async def _open(pilot, app) -> WhatIfScreen:
    return await until(pilot, lambda: app.screen if isinstance(app.screen, WhatIfScreen) else None)


def test_ideas_are_typed_one_after_another_and_grouped_by_theme(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            await pilot.press("a")
            form = await open_form(pilot, app)
            form.query_one("#field-theme", Input).value = "Informasjon"
            form.query_one("#keep-toggle", Checkbox).value = True  # the theme carries over, as asked
            form.query_one("#field-text", Input).focus()
            await pilot.press(*"SMS med leveringsvindu", "enter")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 1)
            await until(pilot, lambda: form.query_one("#field-text", Input).value == "")
            assert form.query_one("#field-theme", Input).value == "Informasjon"
            await pilot.press(*"Sporing på kartet", "enter")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 2)
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, FormDialog))
            ideas = engine.load(journey).ideas
            assert [(i.text, i.theme) for i in ideas] == [
                ("SMS med leveringsvindu", "Informasjon"), ("Sporing på kartet", "Informasjon")]
            await until(pilot, lambda: "Sporing på kartet" in screen_text(app))
            assert "Informasjon  (2)" in screen_text(app)

            await pilot.press("m")  # the selected idea (the newest) into another theme
            form = await open_form(pilot, app)
            form.query_one("#field-theme", Input).value = "Selvbetjening"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(journey).idea("I2").theme == "Selvbetjening")
            await until(pilot, lambda: "Selvbetjening  (1)" in screen_text(app))

    asyncio.run(scenario())


def test_an_idea_from_a_prompt_is_linked_to_the_prompts_touchpoint(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _open(pilot, app)
            prompts = screen.query_one(PromptList)
            await until(pilot, lambda: prompts.selected_ref is not None)
            assert "How might we" in screen_text(app)
            key, prompt = next((k, p) for k, p in screen._prompts.items() if p.touchpoint)
            prompts.focus()
            prompts.select_ref(key)
            await pilot.press("enter")
            form = await open_form(pilot, app)
            assert prompt.touchpoint and form.query_one("#field-touchpoints", Input).value == prompt.touchpoint
            await pilot.press(*"Ring kunden dagen før", "enter", "escape")
            await until(pilot, lambda: engine.load(journey).ideas)
            [idea] = engine.load(journey).ideas
            assert idea.touchpoints == (prompt.touchpoint,)
            await until(pilot, lambda: f"→ {prompt.touchpoint}" in screen_text(app))

    asyncio.run(scenario())


def test_silent_brainstorming_shows_a_count_until_revealed(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            await pilot.press("s")
            await until(pilot, lambda: engine.load(journey).silent)
            await pilot.press("a")
            await open_form(pilot, app)
            await pilot.press(*"Gratis kaffe mens du venter", "enter", "escape")
            await until(pilot, lambda: engine.load(journey).ideas)
            assert engine.load(journey).ideas[0].hidden
            await until(pilot, lambda: "1 idea written so far" in screen_text(app))
            assert "Gratis kaffe" not in screen_text(app)

            await pilot.press("r")
            await until(pilot, lambda: not engine.load(journey).ideas[0].hidden)
            await until(pilot, lambda: "Gratis kaffe mens du venter" in screen_text(app))

    asyncio.run(scenario())


def test_ideas_typed_faster_than_they_are_saved_are_all_kept_in_order(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await _open(pilot, app)
            await pilot.press("a")
            await open_form(pilot, app)
            # No waiting between entries, and escape straight after the last one.
            await pilot.press(*"Én", "enter", *"To", "enter", *"Tre", "enter", "escape")
            await until(pilot, lambda: not isinstance(app.screen, FormDialog))
            assert [i.text for i in engine.load(journey).ideas] == ["Én", "To", "Tre"]

    asyncio.run(scenario())
