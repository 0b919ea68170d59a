"""A paste arrives whole and in order, in every kind of field: escape sequences and control
characters are taken out (and the facilitator is told so), a multi-line paste into a one-line field
is joined rather than cut, and the terminal's own reading of a bracketed paste keeps an escape
character inside it from turning the rest of the paste into key presses."""

from __future__ import annotations

import asyncio
import time

from textual import constants, events
from textual.widgets import Input, TextArea

from phase_helpers import notices, open_form, open_on, screen_text, until
from workshop.engine import Engine
from workshop.tui.keys import ESCAPE_IN_PASTE
from workshop.tui.paste import PasteParser
from workshop.tui.screens.what_if import WhatIfScreen
from workshop.tui.screens.what_is import WhatIsScreen

HOSTILE = "ANSI \x1b[31mRED\x1b[0m ok\x07 end \u202e\u2028æøå"


def _paste(app, text: str) -> None:
    """A paste as the terminal hands it to the app."""
    event = events.Paste(text)
    event.set_sender(app)
    app._driver.send_message(event)  # noqa: SLF001 (where the terminal's input comes in)


def test_a_paste_with_escape_sequences_keeps_its_order_without_them(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await pilot.press("a")
            form = await open_form(pilot, app)
            await pilot.press(*"Før ")
            _paste(app, HOSTILE)
            await pilot.press(*" etter", "enter")
            await until(pilot, lambda: engine.load(journey).ideas)
            assert any(n.startswith("Pasted without 2 escape sequences and 3 control characters") for n in notices(app))
            assert "U+202E RIGHT-TO-LEFT OVERRIDE" in " ".join(notices(app))
            assert form.query_one("#field-text", Input).value == ""

    asyncio.run(scenario())
    assert [i.text for i in engine.load(journey).ideas] == ["Før ANSI RED ok end æøå etter"]


def test_a_multi_line_paste_is_joined_in_a_one_line_field_and_kept_in_a_text_area(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and app.focused is not None)
            await pilot.press("a")
            form = await open_form(pilot, app)
            _paste(app, "Ringer kundeservice\r\nfor å høre\nom pakken")
            await until(pilot, lambda: form.query_one("#field-text", Input).value)
            assert form.query_one("#field-text", Input).value == "Ringer kundeservice for å høre om pakken"
            form.query_one("#field-pains", TextArea).focus()
            await pilot.pause()
            _paste(app, "Lang kø\r\n\x1b]0;tittel\x07Ingen svar\n")
            await until(pilot, lambda: form.query_one("#field-pains", TextArea).text)
            assert form.query_one("#field-pains", TextArea).text == "Lang kø\nIngen svar\n"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: len(engine.load(journey).touchpoints) == 5)
            await until(pilot, lambda: "Added T5" in screen_text(app))

    asyncio.run(scenario())
    tp = engine.load(journey).touchpoint("T5")
    assert (tp.text, tp.pains) == ("Ringer kundeservice for å høre om pakken", ("Lang kø", "Ingen svar"))


def _read(parser: PasteParser, *chunks: str) -> list[events.Event]:
    found: list[events.Event] = []
    for chunk in chunks:
        found.extend(parser.feed(chunk))
    return found


def test_the_terminal_reading_keeps_a_bracketed_paste_whole_even_split_over_reads() -> None:
    text = "ANSI \x1b[31mRED\x1b[0m ok\x07 end"
    raw = "x\x1b[200~" + text + "\x1b[201~y"
    # Whole, and cut at every place (the end mark too), the paste is one event between two keys.
    for cut in range(1, len(raw)):
        found = _read(PasteParser(), raw[:cut], raw[cut:])
        keys = [e.key for e in found if isinstance(e, events.Key)]
        pastes = [e.text for e in found if isinstance(e, events.Paste)]
        assert keys == ["x", "y"], cut
        assert pastes == [text.replace("\x1b", ESCAPE_IN_PASTE)], cut


def test_keys_outside_a_paste_are_read_as_before() -> None:
    parser = PasteParser()
    found = _read(parser, "\x1b")
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    found += list(parser.tick())
    assert [e.key for e in found if isinstance(e, events.Key)] == ["escape"]
    assert [e.key for e in _read(PasteParser(), "\x1b[A", "æ\r")] == ["up", "æ", "enter"]
