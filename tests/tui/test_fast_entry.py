"""Typed at full speed, nothing is lost or misread: every key reaches the app at once, as from a
fast typist or a terminal replaying a burst, and the ideas and touchpoints in the database are
exactly the ones typed, with exactly the links given."""

from __future__ import annotations

import asyncio

from textual.widgets import Checkbox, Input

from phase_helpers import burst, open_form, open_on, screen_text, typed, until
from workshop.engine import Engine
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.screens.what_if import WhatIfScreen
from workshop.tui.screens.what_is import WhatIsScreen

IDEAS = [(f"Idé nummer {n}: æøå «{n}»", f"T{(n % 4) + 1}") for n in range(1, 11)]


def _ideas(engine: Engine, wid: int) -> list[tuple[str, tuple[str, ...], str]]:
    return [(i.text, i.touchpoints, i.theme) for i in engine.load(wid).ideas]


def test_ten_ideas_typed_at_full_speed_are_ten_ideas_with_exactly_their_links(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen) and "Ideas (" in screen_text(app))
            keys = ["a"]  # no pause between opening the form and typing into it
            for text, link in IDEAS:
                keys += [*typed(text), "tab", *typed(link), "enter"]
            await burst(pilot, *keys)
            await until(pilot, lambda: len(engine.load(journey).ideas) == len(IDEAS), timeout=20)
            # The cursor is back in the idea's text, empty, ready for the next.
            form = app.screen
            assert isinstance(form, FormDialog)
            await until(pilot, lambda: app.focused is form.query_one("#field-text"))
            assert form.query_one("#field-text", Input).value == ""
            assert form.query_one("#field-touchpoints", Input).value == ""
            assert not form.query_one("#keep-toggle", Checkbox).value
            await until(pilot, lambda: "Added I10" in screen_text(app))

    asyncio.run(scenario())
    assert _ideas(engine, journey) == [(text, (link,), "") for text, link in IDEAS]


def test_the_keep_box_carries_links_and_theme_over_and_only_then(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await pilot.press("a")
            form = await open_form(pilot, app)
            await burst(pilot, *typed("Første\tT1 T2\tVarsling"), "enter")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 1)
            form.query_one("#keep-toggle", Checkbox).value = True
            await burst(pilot, *typed("Andre\tT3\tVarsling"), "enter", *typed("Tredje"), "enter")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 3)
            assert "☑" in screen_text(app)  # the box shows it is ticked by its shape, not only its colour
            form.query_one("#keep-toggle", Checkbox).value = False
            await burst(pilot, *typed("Fjerde"), "enter")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 4)

    asyncio.run(scenario())
    assert _ideas(engine, journey) == [
        ("Første", ("T1", "T2"), "Varsling"), ("Andre", ("T3",), "Varsling"), ("Tredje", ("T3",), "Varsling"),
        ("Fjerde", ("T3",), "Varsling")]


def test_a_reference_in_the_wrong_field_is_refused_and_never_becomes_a_theme(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await pilot.press("a")
            form = await open_form(pilot, app)
            # The reference slipped one field too far: into the theme.
            await burst(pilot, *typed("SMS med leveringsvindu\t\tT3"), "enter")
            await until(pilot, lambda: "touchpoint reference, not a theme" in screen_text(app))
            assert form.query_one("#field-text", Input).value == "SMS med leveringsvindu"
            assert form.query_one("#field-theme", Input).value == "T3"
            # The next idea typed into the touchpoints field: refused there, kept there.
            form.query_one("#field-theme", Input).value = ""
            form.query_one("#field-touchpoints", Input).value = "T3Beta"
            await pilot.press("enter")
            await until(pilot, lambda: "'T3Beta' is not a touchpoint reference" in screen_text(app))
            form.query_one("#field-touchpoints", Input).value = "T99"
            await pilot.press("enter")
            await until(pilot, lambda: "no touchpoint T99" in screen_text(app))
            assert form.query_one("#field-text", Input).value == "SMS med leveringsvindu"
            # An idea that is only a reference is refused too.
            form.query_one("#field-text", Input).value = "t3"
            form.query_one("#field-touchpoints", Input).value = ""
            await pilot.press("enter")
            await until(pilot, lambda: "'t3' is a touchpoint reference, not a text" in screen_text(app))

    asyncio.run(scenario())
    assert engine.load(journey).ideas == ()


def test_touchpoints_typed_at_full_speed_are_all_kept_in_their_stage(engine: Engine, journey: int) -> None:
    texts = [f"Kunden gjør steg {n} – «ÆØÅ»" for n in range(1, 7)]

    async def scenario() -> None:
        app = open_on(engine, journey, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and app.focused is not None)
            keys = ["a"]
            for text in texts:
                keys += [*typed(text), "ctrl+s"]
            await burst(pilot, *keys)
            await until(pilot, lambda: len(engine.load(journey).touchpoints) == 4 + len(texts), timeout=20)
            await until(pilot, lambda: "Added T10" in screen_text(app))
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, FormDialog))

    asyncio.run(scenario())
    added = engine.load(journey).touchpoints_in("S1")[-len(texts):]
    assert [(tp.text, tp.stage, tp.channel, tp.feeling) for tp in added] == [(t, "S1", None, None) for t in texts]


def test_letters_typed_right_after_a_never_run_as_commands(engine: Engine, journey: int) -> None:
    # d deletes, e exports, q quits, v votes, r reveals: typed before the form is open, they
    # would act on the board. They belong to the idea.
    words = "dqerv sier q og d"

    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen) and app.focused is not None)
            await burst(pilot, "a", *typed(words), "enter", "escape")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 1)
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            assert app.is_running

    asyncio.run(scenario())
    assert _ideas(engine, journey) == [(words, (), "")]


def test_keys_typed_while_the_workshop_opens_wait_for_it(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            # At once, before the workshop is on screen.
            await burst(pilot, "2", "a", *typed("Tidlig idé"), "enter", "escape")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 1)
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))

    asyncio.run(scenario())
    assert _ideas(engine, journey) == [("Tidlig idé", (), "")]
