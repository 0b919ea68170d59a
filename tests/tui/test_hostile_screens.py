"""Hostile text in every field of every kind of item, on every screen and dialog: whatever the room
types shows as the literal text, never as markup, never with an action behind it, never as a
terminal escape, and nothing crashes or quits.

Every text field of a workshop through all four phases (the brief, participants and roles,
personas, stages, touchpoints, pains, evidence, criteria, ideas, themes, concepts, assumptions,
pilots) holds `[/][b]CODE[/b][@click=app.quit]x[/]`: a closing tag with nothing open (the
`MarkupError` that crashed What Wows), bold markup and a live quit action. On screen each must read
`[b]CODE[/b]` exactly. A few fields also hold terminal escape sequences, a bell and a
right-to-left override, written straight into the file as another program (or an old version)
might have: none of them reaches the terminal; each shows as a visible mark.
"""

from __future__ import annotations

import asyncio
import importlib
import shutil
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from textual.widgets import Input

from phase_helpers import notices, open_form, screen_text, segments, until
from workshop.domain.text import FORBIDDEN
from workshop.engine import Engine, open_engine
from workshop.tui.app import create_app
from workshop.tui.dialogs.confirm import ConfirmDialog
from workshop.tui.dialogs.export import ExportDialog
from workshop.tui.replay_app import ReplayApp
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.screens.compare import CompareScreen
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.picker import PickerScreen

# The export tests' builder of a workshop through all four phases, with texts of our choosing.
if str(Path(__file__).parents[1] / "export") not in sys.path:
    sys.path.insert(0, str(Path(__file__).parents[1] / "export"))
builder = importlib.import_module("export_workshop")

SIZE = (200, 60)
CONTROLS = " \x1b[31mRØD\x1b[0m\x07 \u202eevil"
"""What another program left in some fields: colour codes, a bell, a right-to-left override."""
SEEN_CONTROLS = " ␛[31mRØD␛[0m␇ <U+202E>evil"
"""The same as the screen must show it."""


def hostile(code: str) -> str:
    return f"[/][b]{code}[/b][@click=app.quit]x[/]"


def shown(code: str) -> str:
    """How a field's text must read on screen (at least this much of it)."""
    return f"[b]{code}[/b]"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-screens") / "workshop.db"
    engine = open_engine(str(path))
    texts = builder.Texts(table={label: hostile(label) for label in builder.NORDIC})
    wid = builder.build(engine, texts)
    engine.set_rules(wid, silent=False)  # the silent idea shows too
    engine.store.checkpoint()
    engine.store.close()
    conn = sqlite3.connect(path)
    with conn:
        for table, column, ref in (("participant", "name", "U1"), ("touchpoint", "text", "T1"),
                                   ("idea", "text", "I1"), ("pilot", "name", "P1"), ("stage", "name", "S1")):
            conn.execute(f"UPDATE {table} SET {column} = {column} || ? WHERE ref = ?", (CONTROLS, ref))
        conn.execute("UPDATE workshop SET title = title || ?", (CONTROLS,))
    conn.close()
    return path


@pytest.fixture
def room(hostile_db: Path, db_path: Path) -> Iterable[tuple[Engine, int]]:
    shutil.copyfile(hostile_db, db_path)
    engine = open_engine(str(db_path))
    yield engine, engine.list_workshops()[0].id
    engine.store.close()


def problems(app) -> list[str]:
    """What on screen acts instead of shows: an action from user text, a control character."""
    found = []
    for seg in segments(app):
        meta = seg.style.meta if seg.style is not None else {}
        if "quit" in str(meta.get("@click", "")):
            found.append(f"an action on {seg.text!r}")
        bad = FORBIDDEN.search(seg.text) or ("\x1b" in seg.text and seg.text)
        if bad:
            found.append(f"a control character in {seg.text!r}")
    return found


async def shows(pilot, app, *codes: str, controls: bool = False) -> str:
    """Wait until every field `codes` names reads literally on screen; then check nothing on
    screen acts or escapes. Returns the screen's text."""
    def missing() -> list[str]:
        text = screen_text(app)
        lost = [code for code in codes if shown(code) not in text]
        if controls and SEEN_CONTROLS.split()[0] not in text:
            lost.append("the visible control marks")
        return lost

    try:
        await until(pilot, lambda: not missing())
    except AssertionError as err:
        raise AssertionError(f"not shown literally: {missing()}\n{err}") from None
    assert problems(app) == []
    assert app.is_running and app.return_code is None
    return screen_text(app)


async def on_phase(pilot, app, key: str, phase: str) -> PhaseScreen:
    await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.focused is not None)
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.PHASE.value == phase
                and app.focused is not None)
    return app.screen


async def form_shows(pilot, app, key: str, *codes: str) -> None:
    """Open a form with `key` (edit, add…), check it, close it with escape."""
    await pilot.press(key)
    await open_form(pilot, app)
    await shows(pilot, app, *codes)
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(app.screen, PhaseScreen))


def run(scenario) -> None:
    asyncio.run(scenario())


def test_the_picker_brief_and_its_forms(room) -> None:
    engine, wid = room

    async def scenario() -> None:
        app = create_app(engine)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
            await shows(pilot, app, "title", controls=True)
            await pilot.press("enter")
            await on_phase(pilot, app, "0", "brief")
            await shows(pilot, app, "title", "challenge", "scope", "measure1", "measure2", "constraint1",
                        "facilitator", "participant1", "participant2", "role1", "role2", "persona1",
                        "persona1.description", "stage1", "stage2", "stage3", controls=True)
            await form_shows(pilot, app, "enter", "title", "challenge", "scope", "measure1", "constraint1",
                             "facilitator")
            for box, codes in (("participant", ("participant1", "role1")), ("persona", ("persona1",)),
                               ("stage", ("stage1",))):
                app.screen.query_one(f"#list-{box}").focus()
                await pilot.pause()
                await form_shows(pilot, app, "enter", *codes)
            app.screen.query_one("#list-participant").focus()
            await pilot.press("d")  # the question quotes the name
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await shows(pilot, app, "participant1", controls=True)
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, PhaseScreen))

    run(scenario)


def test_what_is_what_if_and_their_forms(room) -> None:
    engine, wid = room
    engine.set_phase(wid, "brief")

    async def scenario() -> None:
        app = create_app(engine, wid)
        async with app.run_test(size=SIZE) as pilot:
            await on_phase(pilot, app, "1", "what-is")
            await shows(pilot, app, "stage1", "stage2", "stage3", "stage4", "tp1", "tp2", "tp3", "tp5",
                        "criterion1", controls=True)
            board = app.screen.query_one("#board")
            board.focus_stage("S3", "T3")
            await pilot.pause()
            await form_shows(pilot, app, "enter", "tp3", "tp3.pain1", "tp3.pain2", "tp3.evidence", "persona2",
                             "stage3")
            await form_shows(pilot, app, "a", "stage3")  # adding in the stage the cursor is in
            app.screen.query_one("#criteria").focus()
            await pilot.pause()
            await form_shows(pilot, app, "enter", "criterion1")

            await on_phase(pilot, app, "2", "what-if")
            await shows(pilot, app, "idea1", "idea2", "idea3", "idea4", "idea5", "theme1", "theme2", "tp3.pain1",
                        controls=True)
            ideas = app.screen.query_one("#ideas")
            ideas.focus()
            ideas.select_ref("I1")
            await pilot.pause()
            await form_shows(pilot, app, "enter", "idea1", "theme1")
            await form_shows(pilot, app, "m", "theme1")

    run(scenario)


def test_what_wows_with_each_voter_and_its_forms(room) -> None:
    engine, wid = room

    async def scenario() -> None:
        app = create_app(engine, wid)
        async with app.run_test(size=SIZE) as pilot:
            await on_phase(pilot, app, "3", "what-wows")
            # The voters' list is narrow (names are cut there); each name is read whole in the
            # ballot's title below.
            await shows(pilot, app, "idea1", "idea2", "idea3", "idea4", "concept1.big_idea", "concept1.benefits",
                        "concept1.execution", "concept1.rationale", "assumption1", controls=True)
            # Each voter in turn: their name is in the ballot's title (where `Per [/] Hansen` crashed).
            voters = [p for p in engine.load(wid).participants]
            for _ in voters:
                await pilot.press("]")
                voter = app.screen.voter
                person = engine.load(wid).participant(voter)
                code = next(label for label, value in builder.NORDIC.items()
                            if person.name.startswith(hostile(label)))
                text = await shows(pilot, app, code)
                assert f"Ideas: green ● are {hostile(code)}" in text
            await pilot.press("v")  # a dot by proxy (refused: no dots left): the notice names them literally
            await until(pilot, lambda: any(hostile("participant1") in n for n in notices(app)))
            await shows(pilot, app, "idea1")
            await form_shows(pilot, app, "a", "concept1.big_idea", "concept1.benefits", "concept1.execution")  # I1 is C1 already: edits it
            app.screen.query_one("#assumptions").focus()
            await pilot.pause()
            await form_shows(pilot, app, "enter", "assumption1", "assumption1.test")
            app.screen.query_one("#concepts").focus()
            await pilot.pause()
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await shows(pilot, app, "concept1.big_idea")
            await pilot.press("n")

    run(scenario)


def test_what_works_in_each_view_and_its_forms(room) -> None:
    engine, wid = room

    async def scenario() -> None:
        app = create_app(engine, wid)
        async with app.run_test(size=SIZE) as pilot:
            await on_phase(pilot, app, "4", "what-works")
            await shows(pilot, app, "pilot1", "pilot1.owner", "pilot1.hypothesis", "pilot1.metric", "pilot1.budget",
                        "pilot1.scope", "assumption1", "concept1.big_idea", "pilot2", "pilot3", controls=True)
            await pilot.press("s")  # the effect × cost matrix
            await shows(pilot, app, "pilot1", "pilot2", "pilot3", controls=True)
            await pilot.press("s")  # the timeline
            await shows(pilot, app, "pilot2", controls=True)
            await pilot.press("s")
            await form_shows(pilot, app, "enter", "pilot1", "pilot1.hypothesis", "pilot1.metric", "pilot1.owner",
                             "pilot1.budget", "pilot1.scope")
            await form_shows(pilot, app, "a", "concept1.big_idea")  # the concept choice
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await shows(pilot, app, "pilot1")
            await pilot.press("n")

    run(scenario)


def test_help_palette_export_and_a_path_in_brackets(room, tmp_path: Path) -> None:
    engine, wid = room
    folder = tmp_path / "Kunde [IT]"
    folder.mkdir()

    async def scenario() -> None:
        app = create_app(engine, wid)
        async with app.run_test(size=SIZE) as pilot:
            await on_phase(pilot, app, "3", "what-wows")
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            await shows(pilot, app)
            await pilot.press("escape")
            await pilot.press("ctrl+p")
            await pilot.press(*"[b]x[/b] vote")
            await until(pilot, lambda: "[b]x[/b] vote" in screen_text(app))
            assert problems(app) == []
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, PhaseScreen))
            await pilot.press("e")
            dialog = await until(pilot, lambda: app.screen if isinstance(app.screen, ExportDialog) else None)
            dialog.query_one("#path", Input).value = str(folder / "Notat [IT].md")
            await pilot.press("ctrl+s")
            written = folder / "Notat [IT].md"
            await until(pilot, lambda: written.exists() and not isinstance(app.screen, ExportDialog))
            assert any(n.endswith(f"written to {written}") for n in notices(app)), notices(app)
            assert problems(app) == []

    run(scenario)


def test_replay_of_the_hostile_session(room) -> None:
    engine, wid = room

    async def scenario() -> None:
        app = ReplayApp(engine, wid)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.replay_controller is not None and isinstance(app.screen, PhaseScreen))
            await pilot.press("end")
            await until(pilot, lambda: app.replay_controller.position == app.replay_controller.total)
            # The last event, in words, quotes the pilot's name literally. (A replay folds the log,
            # which never held what was written past the engine.)
            await shows(pilot, app, "pilot3", "pilot1")
            for key, codes in (("1", ("tp3", "stage3")), ("2", ("idea1",)), ("3", ("participant1", "idea1")), ("0", ("scope",))):
                await pilot.press(key)
                await shows(pilot, app, *codes)
            await pilot.press("left")
            await shows(pilot, app)

    run(scenario)


def test_comparing_two_hostile_workshops(room) -> None:
    engine, wid = room
    copy, _ = engine.duplicate_workshop(wid, hostile("copy"))

    async def scenario() -> None:
        app = create_app(engine, wid)
        async with app.run_test(size=SIZE) as pilot:
            await on_phase(pilot, app, "1", "what-is")
            app.push_screen(CompareScreen(engine, wid, copy))
            await until(pilot, lambda: isinstance(app.screen, CompareScreen))
            await shows(pilot, app, "copy", controls=True)

    run(scenario)
