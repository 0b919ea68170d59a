"""The footer of every screen tells that screen's own keys, and only keys that work there; at 80×24
it is one row with no key cut; `?` lists every key of the screen. In English and in Norwegian, and
in projector mode."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import TabbedContent
from textual.widgets._footer import FooterKey

from phase_helpers import screen_text, until
from workshop.demo import build_demo
from workshop.domain.errors import WorkshopError
from workshop.engine import Engine
from workshop.tui import words
from workshop.tui.app import WorkshopApp, create_app
from workshop.tui.dialogs.confirm import ConfirmDialog
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.footer import KeysFooter, active, help_sections, shown_keys
from workshop.tui.replay_app import ReplayApp
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.picker import PickerScreen
from workshop.tui.screens.room import RoomScreen


@pytest.fixture
def speak() -> Iterator[Callable[[str], None]]:
    """Switch the interface's language for one test (English again afterwards)."""
    yield words.use
    words.use("en")


@pytest.fixture
def demo(engine: Engine) -> int:
    return build_demo(engine, lang="nb")


async def settle(pilot: Pilot, app: Any) -> None:
    """Until the footer shows the keys of the screen in front (it is remade after a change)."""
    def ready() -> bool:
        footers = list(app.screen.query(KeysFooter))
        return bool(footers) and all(f.children for f in footers)

    await until(pilot, ready)
    await pilot.pause(0.05)
    await pilot.pause()


async def on_phase(pilot: Pilot, app: WorkshopApp, number: str) -> PhaseScreen:
    await until(pilot, lambda: isinstance(app.screen, PhaseScreen))
    await pilot.press(number)
    await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.PHASE.value
                == ["brief", "what-is", "what-if", "what-wows", "what-works"][int(number)])
    await settle(pilot, app)
    return app.screen  # type: ignore[return-value]


def _as_listed(entry: Any) -> list[tuple[str, str]]:
    """How `?` lists an entry of the footer: each key of a pair on its own row."""
    if entry.role is not None and entry.role.together:
        return list(entry.parts)
    return [(" ".join(entry.keys), entry.words)]


def keys_of(app: Any) -> list[str]:
    return [k for k, _words in shown_keys(app.screen)]


# what each screen's footer says ----------------------------------------------------------------

@pytest.mark.usefixtures("english")
def test_each_phase_tells_its_own_keys_first_and_only_those_that_work(engine: Engine, demo: int) -> None:
    async def scenario() -> None:
        app = create_app(engine, demo)
        async with app.run_test(size=(120, 36)) as pilot:
            await on_phase(pilot, app, "1")
            shown = shown_keys(app.screen)
            assert shown[:6] == [("a", "Add"), ("⏎", "Edit"), ("d", "Delete"), ("+-", "Feeling"),
                                 ("m", "Moment ★"), ("⇧←→↑↓", "Move")]
            assert ("c", "Criteria") in shown and ("0-4", "Phase") in shown and ("?", "Keys") in shown
            assert not {"v", "r", "w", "s", "p"} & set(keys_of(app))  # votes are cast in What Wows

            await pilot.press("c")  # to the criteria: `c` now goes back to the board
            await settle(pilot, app)
            assert ("c", "Board") in shown_keys(app.screen)
            assert not {"+-", "m", "⇧←→↑↓"} & set(keys_of(app))

            await on_phase(pilot, app, "2")
            assert shown_keys(app.screen)[:6] == [("a", "Add"), ("⏎", "Edit"), ("d", "Delete"), ("m", "Theme"),
                                                  ("s", "Silent"), ("tab", "Next part")]
            assert not {"v", "r"} & set(keys_of(app))  # nothing hidden to reveal in the demo

            await on_phase(pilot, app, "3")
            shown = shown_keys(app.screen)
            assert shown[:4] == [("a", "Promote"), ("r", "Hide votes"), ("w", "Take back"), ("[]", "Voter")]
            assert "v" not in keys_of(app)  # the facilitator, who votes first, has no dot left
            assert not {"⏎", "d"} & set(keys_of(app))  # on the ballot: ideas are not edited or deleted here

            await on_phase(pilot, app, "4")
            assert shown_keys(app.screen)[:6] == [("a", "Add"), ("⏎", "Edit"), ("d", "Delete"), ("+-", "Rank"),
                                                  ("p", "Pin"), ("s", "Matrix")]
            assert not {"v", "r", "m"} & set(keys_of(app))

            await on_phase(pilot, app, "0")
            assert shown_keys(app.screen)[:2] == [("⏎", "Edit"), ("tab", "Next part")]
            assert not {"a", "d", "v", "r"} & set(keys_of(app))  # the brief's fields are only edited
            await pilot.press("tab")  # to the participants: they are added and deleted
            await settle(pilot, app)
            assert shown_keys(app.screen)[:3] == [("a", "Add"), ("⏎", "Edit"), ("d", "Delete")]

    asyncio.run(scenario())


@pytest.mark.usefixtures("english")
def test_what_works_says_which_view_s_shows_next(engine: Engine, demo: int) -> None:
    async def scenario() -> None:
        app = create_app(engine, demo)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await on_phase(pilot, app, "4")
            views = screen.query_one(TabbedContent)
            for now, told in (("pilot", "Matrix"), ("matrix", "Timeline"), ("timeline", "Pilot")):
                assert views.active == now
                assert ("s", told) in shown_keys(screen)
                await pilot.press("s")
                await until(pilot, lambda: views.active != now)
                await settle(pilot, app)
            assert views.active == "pilot"

    asyncio.run(scenario())


def test_keys_that_need_a_selection_or_a_thing_are_not_offered_without_it(engine: Engine) -> None:
    async def scenario() -> None:
        app = create_app(engine)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
            await until(pilot, lambda: "No workshops yet" in screen_text(app))
            await settle(pilot, app)
            assert keys_of(app)[:1] == ["a"]
            assert not {"⏎", "c", "d"} & set(keys_of(app))  # nothing to open, copy or delete yet
            wid, _ = engine.create_workshop("Tom ærlig workshop", stages=["Før", "Under"])
            app.screen.load()
            await until(pilot, lambda: "Tom ærlig workshop" in screen_text(app))
            await settle(pilot, app)
            assert {"⏎", "c", "d"} <= set(keys_of(app))
            await pilot.press("enter")
            await on_phase(pilot, app, "1")
            # An empty stage: a card can be added, but there is none to edit, move or rate.
            assert keys_of(app)[:1] == ["a"] and not {"⏎", "d", "+-", "m", "⇧←→↑↓"} & set(keys_of(app))
            engine.add_touchpoint(wid, "Ringer kundeservice", stage="Før", feeling=-1)
            app.reload_from_thread()
            await until(pilot, lambda: {"⏎", "d", "+-", "m"} <= set(keys_of(app)))
            await on_phase(pilot, app, "4")
            assert "a" not in keys_of(app)  # a pilot comes from a concept: none yet

    asyncio.run(scenario())


def test_a_replay_offers_only_keys_that_look(engine: Engine, demo: int) -> None:
    async def scenario() -> None:
        app = ReplayApp(engine, demo)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.replay_controller is not None and isinstance(app.screen, PhaseScreen))
            await settle(pilot, app)
            for number in "01234":
                await pilot.press(number)
                await pilot.pause(0.2)
                await settle(pilot, app)
                shown = keys_of(app)
                assert shown[0] == "←→" and "space" in shown
                assert not {"a", "⏎", "d", "v", "r", "w", "^z", "t", "j", "m", "p"} & set(shown)
                rows = {k for _title, section in help_sections(app.screen) for k, _w in section}
                assert not {"a", "d", "^z", "t", "j"} & rows  # `?` does not offer them either

    asyncio.run(scenario())


# every key shown works --------------------------------------------------------------------------

def _look(app: Any) -> tuple[Any, ...]:
    """What a key may change: the screen in front, where the cursor is, the workshop, the view."""
    screen = app.screen
    views = [t.active for t in screen.query(TabbedContent)]
    focused = screen.focused
    state = app.state
    return (type(screen), len(app.screen_stack), focused.id if focused else None,
            getattr(focused, "selected_ref", None) or getattr(focused, "highlighted", None),
            state, tuple(views), screen_text(app))


async def _back_to(pilot: Pilot, app: WorkshopApp, phase: Screen[Any]) -> None:
    """Close what a key opened and take back what it changed."""
    while app.screen is not phase and len(app.screen_stack) > 1:
        if isinstance(app.screen, PhaseScreen):
            app.show_phase(phase.PHASE, record=False)  # type: ignore[attr-defined]
            break
        app.pop_screen()
        await pilot.pause()
    await until(pilot, lambda: app.screen is phase)


async def _tidy(pilot: Pilot, app: WorkshopApp, phase: Screen[Any], wid: int, seq: int, pressed: str) -> None:
    """Close what a key opened and take back what it changed, for the next key."""
    await _back_to(pilot, app, phase)
    if app.engine.last_seq(wid) != seq and not pressed.isdigit():
        try:
            (app.acting.redo if pressed == "ctrl+z" else app.acting.undo)(wid)
        except WorkshopError:
            pass
    app.reload_from_thread()
    await settle(pilot, app)


async def _every_key_works(pilot: Pilot, app: WorkshopApp, wid: int) -> list[str]:
    """Press every key the footer shows (each of the keys of an entry like `+-`, until one does
    something): each changes something or opens something, and none is refused."""
    phase = app.screen
    tried = []
    start = phase.focused
    shown = dict(shown_keys(phase))
    for entry in [e for e in active(phase) if e.shown_as in shown]:
        if entry.action in ("quit", "command_palette", "help"):  # tested apart (quit ends the app)
            continue
        worked = False
        refused: list[str] = []
        for pressed in entry.bound:
            app.clear_notifications()
            seq = app.engine.last_seq(wid)
            before = _look(app)
            await pilot.press(pressed)
            await pilot.pause(0.1)
            try:
                await until(pilot, lambda: _look(app) != before or app.engine.last_seq(wid) != seq, timeout=3)
            except AssertionError:
                continue
            finally:
                # One key of a pair may be refused (the first pilot moves no higher); the other works.
                refused += [n.message for n in app._notifications if n.severity == "error"]  # noqa: SLF001
            await _tidy(pilot, app, phase, wid, seq, pressed)
            if start is not None and phase.focused is not start:  # after `tab`: back where the keys were read
                start.focus()
                await settle(pilot, app)
            worked = not refused or len(entry.bound) > 1
            if worked:
                break
        assert worked, f"{entry.shown_as} {entry.words} did nothing or was refused: {refused}"
        tried.append(entry.shown_as)
    return tried


@pytest.mark.parametrize("number", list("01234"))
def test_every_key_in_a_phase_footer_does_something_there(engine: Engine, demo: int, number: str) -> None:
    async def scenario() -> None:
        app = create_app(engine, demo)
        async with app.run_test(size=(120, 36)) as pilot:
            await on_phase(pilot, app, number)
            tried = await _every_key_works(pilot, app, demo)
            # What Is, What If and What Wows have more keys of their own (the criteria and the
            # overview; marking ideas and their themes; done voting): at 120 columns in bokmål
            # the footer then has no room for export and the room (`?` lists them).
            own = {"1": {"c", "o"}, "2": {"m", "s"}, "3": {"w", "[]"}}.get(number, {"e", "j", "t"})
            assert {"0-4", "^z"} | own <= set(tried)

    asyncio.run(scenario())


# one row at 80×24, nothing cut ----------------------------------------------------------------

Step = Callable[[Pilot, WorkshopApp], Awaitable[None]]


async def _press(pilot: Pilot, *keys: str) -> None:
    for k in keys:
        await pilot.press(k)
        await pilot.pause(0.1)


def _walk() -> list[tuple[str, list[str], type[Screen[Any]] | None]]:
    """(name, keys from the brief, the screen class expected in front) for every screen."""
    return [
        ("brief", ["0"], None), ("participants", ["0", "tab"], None), ("what-is", ["1"], None),
        ("criteria", ["1", "c"], None), ("what-if", ["2"], None), ("what-wows", ["3"], None),
        ("concepts", ["3", "tab", "tab"], None), ("what-works", ["4"], None), ("matrix", ["4", "s"], None),
        ("timeline", ["4", "s", "s"], None), ("help", ["1", "question_mark"], HelpScreen),
        ("form", ["2", "a"], FormDialog), ("confirm", ["2", "d"], ConfirmDialog),
        ("room", ["1", "j"], RoomScreen),
    ]


def _row(app: Any) -> str:
    return screen_text(app).rstrip("\n").split("\n")[-1]


def _fits(app: Any, where: str) -> None:
    """Every key of the footer is whole on its one row, and nothing else is on it."""
    footer = app.screen.query_one(KeysFooter)
    row = _row(app)
    shown = shown_keys(app.screen)
    assert shown, where
    for key_shown, words_shown in shown:
        assert f"{key_shown} {words_shown}" in row, f"{where}: {key_shown} {words_shown} cut in {row!r}"
    for k in app.screen.query(FooterKey):
        assert k.region.right <= footer.region.right, f"{where}: {k.key_display} {k.description} runs over"
    assert row.rstrip().endswith(f"{shown[-1][0]} {shown[-1][1]}"), f"{where}: stray text in {row!r}"
    assert [k for k, _ in shown if k in ("0-4", "?")] == ["0-4", "?"] or not isinstance(app.screen, PhaseScreen)


@pytest.mark.parametrize("lang,projector", [("en", False), ("nb", False), ("nb", True)])
def test_at_80x24_every_footer_is_one_row_of_whole_keys(engine: Engine, demo: int, speak: Any, lang: str,
                                                        projector: bool) -> None:
    speak(lang)

    async def scenario() -> None:
        app = create_app(engine, None, projector=projector, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.summaries)
            await settle(pilot, app)
            _fits(app, "picker")
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, PhaseScreen))
            for name, keys, kind in _walk():
                await _press(pilot, *keys)
                if kind is not None:
                    await until(pilot, lambda: isinstance(app.screen, kind))
                await settle(pilot, app)
                _fits(app, name)
                # `?` lists every key the footer shows (and the footer's words are the catalogue's)
                listed = {(k, w) for _title, rows in help_sections(app.screen) for k, w in rows}
                for entry in active(app.screen):
                    assert set(_as_listed(entry)) <= listed, (name, entry.keys)
                while len(app.screen_stack) > 2:
                    app.pop_screen()
                    await pilot.pause()
                await until(pilot, lambda: isinstance(app.screen, PhaseScreen))

    asyncio.run(scenario())


def test_the_words_of_every_key_are_in_both_catalogues() -> None:
    en = {k for k in words.catalogue("en") if k.startswith("keys.")}
    nb = {k for k in words.catalogue("nb") if k.startswith("keys.")}
    assert en and en == nb


# `?` -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", list("01234"))
def test_help_lists_every_key_of_the_screen_in_its_groups(engine: Engine, demo: int, speak: Any,
                                                          number: str) -> None:
    speak("nb")

    async def scenario() -> None:
        app = create_app(engine, demo)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await on_phase(pilot, app, number)
            expected = active(screen)
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            shown_help = app.screen.text
            for title in ("### Her", "### Flytte rundt", "### På alle skjermer"):
                assert title in shown_help
            assert "Taster" in screen_text(app)
            for entry in expected:
                for key_shown, words_shown in _as_listed(entry):
                    assert f"| `{key_shown}` | {words_shown} |" in shown_help, (key_shown, words_shown)
            assert "| `^y` | Gjør om |" in shown_help and "| `g` | Veileder av/på |" in shown_help
            assert "| `1` | Hva er |" in shown_help  # each phase key says the playbook's title of its phase
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is screen)

    asyncio.run(scenario())


@pytest.mark.usefixtures("english")
def test_help_on_the_board_names_the_other_parts_of_the_screen(engine: Engine, demo: int) -> None:
    async def scenario() -> None:
        app = create_app(engine, demo)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await on_phase(pilot, app, "1")
            titles = [title for title, _rows in help_sections(screen)]
            assert titles == ["Here", "In the design criteria", "Moving around", "On every screen"]
            here = dict(help_sections(screen)[0][1])
            assert here["⇧←"] == "Move to the previous stage" and here["+"] == "Happier"

    asyncio.run(scenario())
