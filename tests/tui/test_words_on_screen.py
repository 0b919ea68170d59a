"""Every word of the interface comes from the catalogues: a walk through every screen and dialog
(the picker, the brief, What Is, What If, What Wows, What Works with each view, the room, the
replay, the comparison, `?`, the command palette, every form and question, the export dialog and
the notices) fails on interface text that no catalogue gave.

Two walks over the demo:

- In a pseudo-language made here from the English catalogue (every letter of every entry swapped
  for an accented one, `{placeholders}` kept) and a vocabulary made the same way: any run of plain
  letters left on screen that is not the workshop's own data (names, texts, titles), a key's
  name or what the engine says in English is text the catalogue does not cover, and is named
  with the screen it was on.
- In bokmål (`--lang nb`): no English entry's words (where they differ from the Norwegian) are on
  screen anywhere.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import string
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from phase_helpers import open_form, screen_text, until
from workshop.demo import build_demo
from workshop.engine import Engine
from workshop.playbook import loader
from workshop.tui import words
from workshop.tui.app import WorkshopApp, create_app
from workshop.tui.dialogs.confirm import ConfirmDialog
from workshop.tui.dialogs.export import WHAT, ExportDialog
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.replay_app import ReplayApp
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.screens.compare import ChooseWorkshop, CompareScreen
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.picker import PickerScreen
from workshop.tui.screens.room import RoomScreen

SIZE = (160, 50)
PSEUDO = "qps"

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "áƀçďéƒĝĥíĵķĺɱñóþʠŕšţúʋŵẋýžÁƁÇĎÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ"
_SWAP = str.maketrans(_PLAIN, _ACCENTED)

KEY_NAMES = {"ctrl", "shift", "alt", "esc", "escape", "enter", "tab", "home", "end", "space", "pageup",
             "pagedown", "pgup", "pgdn", "up", "down", "left", "right", "del", "delete", "backspace"}
"""What a key is called on screen (the footer and the key lines name them as the terminal does)."""

FILES = {"md", "html", "svg", *WHAT}
"""The default file name of an export (`demo-journey.md`)."""

WEB = {"http", "https", "localhost"}
"""The room's address."""


def pseudo(text: str) -> str:
    """A pattern with every letter swapped, its placeholders as they are."""
    out = []
    for literal, name, spec, conv in string.Formatter().parse(text):
        out.append(literal.translate(_SWAP).replace("{", "{{").replace("}", "}}"))
        if name is not None:
            out.append("{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def pseudo_catalogue() -> dict[str, Any]:
    return {key: ({form: pseudo(v) for form, v in entry.items()} if isinstance(entry, dict) else pseudo(entry))
            for key, entry in words.catalogue("en").items()}


def pseudo_vocabulary(vocab: Any) -> Any:
    """The playbook's vocabulary with every word swapped the same way."""
    def swap(value: Any) -> Any:
        if isinstance(value, str):
            return value.translate(_SWAP)
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value):
            return dataclasses.replace(value, **{f.name: swap(getattr(value, f.name))
                                                 for f in dataclasses.fields(value) if f.name != "lang"})
        return value

    return swap(vocab)


@pytest.fixture
def pseudo_language(monkeypatch: pytest.MonkeyPatch) -> str:
    """A language whose every interface word is the English one with its letters swapped."""
    made = pseudo_catalogue()
    real_catalogue, real_vocabulary = words.catalogue, loader.Playbook.vocabulary

    def catalogue(lang: str) -> dict[str, Any]:
        return made if lang == PSEUDO else real_catalogue(lang)

    def vocabulary(book: Any) -> Any:
        found = real_vocabulary.func(book)  # type: ignore[attr-defined]
        return pseudo_vocabulary(found) if book.lang == PSEUDO else found

    monkeypatch.setattr(words, "catalogue", catalogue)
    monkeypatch.setattr(words, "bundled_vocabulary",
                        lambda lang: pseudo_vocabulary(loader.Playbook.resolve(None, "en").vocabulary)
                        if lang == PSEUDO else loader.Playbook.resolve(None, lang).vocabulary)
    monkeypatch.setattr(loader.Playbook, "vocabulary", property(vocabulary))
    yield PSEUDO
    words.use("en")


def data_words(*sources: Any) -> set[str]:
    """Every run of letters in the workshop's own data (and whatever else is given)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(re.findall(r"[A-Za-z]+", value))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                walk(v)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    for source in sources:
        walk(source)
    return found


class Walk:
    """The screens visited, each checked by `check(where, text)`."""

    def __init__(self, engine: Engine, check: Callable[[str, str, set[str]], None]) -> None:
        self.engine = engine
        self.check = check
        self.visited: list[str] = []
        self.codes: set[str] = set()
        self.extra: set[str] = set()
        """Words the screen on view may show that are neither ours nor the workshop's (what the
        engine says in English: a replayed event, a comparison)."""

    def allowed(self, app: WorkshopApp) -> set[str]:
        summaries = self.engine.list_workshops()
        seen = tuple((s.id, self.engine.last_seq(s.id)) for s in summaries)
        if getattr(self, "_seen", None) != seen:  # read again only when a workshop changed
            states = [self.engine.load(s.id) for s in summaries]
            book = loader.Playbook.resolve(None, "en")
            # The playbook's own words: its prompts, its journey templates (English: no pseudo playbook).
            prompts = [p.text for state in states for p in book.prompts(state)]
            templates = [(tpl.title, tpl.stages) for tpl in book.templates()]
            self._seen = seen
            self._data = data_words(states, [s.slug for s in summaries], prompts, templates, str(Path.cwd()), app.db)
        self.codes.add(app.room.describe().get("code", ""))  # the room's join codes, old and new
        return self._data | self.extra | data_words(self.codes)

    async def look(self, pilot: Any, app: WorkshopApp, where: str) -> None:
        await pilot.pause()
        await asyncio.sleep(0.05)
        await pilot.pause()
        self.visited.append(where)
        allowed = self.allowed(app)
        self.check(where, screen_text(app), allowed)
        refused = words.t("base.not_done")
        for note in app._notifications:  # noqa: SLF001 (what the toasts said, shown or gone)
            message = note.message
            if note.title == refused:  # the engine's refusal: its field is ours, its reason English
                message = message.split(": ", 1)[0]
            self.check(f"{where}: a notice", f"{note.title}\n{message}", allowed)


async def _phase(pilot: Any, app: WorkshopApp, key: str, phase: str) -> PhaseScreen:
    await pilot.press(key)
    return await until(pilot, lambda: app.screen if isinstance(app.screen, PhaseScreen)
                       and app.screen.PHASE.value == phase and app.focused is not None else None)


async def _back(pilot: Any, app: WorkshopApp, key: str = "escape") -> None:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.focused is not None)


async def _form(pilot: Any, app: WorkshopApp, walk: Walk, where: str, key: str | None = None,
                open_it: Callable[[], Any] | None = None) -> None:
    """Open a form (a key, or a call), look at it, cancel it."""
    if open_it is not None:
        open_it()
    else:
        await pilot.press(key)  # type: ignore[arg-type]
    await open_form(pilot, app)
    await walk.look(pilot, app, where)
    await _back(pilot, app)


async def _forms_over(pilot: Any, app: WorkshopApp, walk: Walk, under: type, forms: tuple[tuple[str, str], ...]) -> None:
    """Open each form (its key, where it is), look at it, cancel it, back on the screen `under`."""
    for key, where in forms:
        await pilot.press(key)
        await open_form(pilot, app)
        await walk.look(pilot, app, where)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, under))


async def _question(pilot: Any, app: WorkshopApp, walk: Walk, where: str, key: str = "d") -> None:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
    await walk.look(pilot, app, where)
    await _back(pilot, app, "n")


async def _help_and_palette(pilot: Any, app: WorkshopApp, walk: Walk, where: str) -> None:
    await pilot.press("question_mark")
    await until(pilot, lambda: isinstance(app.screen, HelpScreen))
    await walk.look(pilot, app, f"{where}: ? help")
    await pilot.press("end")
    await walk.look(pilot, app, f"{where}: ? help, scrolled to its end")
    await _back(pilot, app)
    await pilot.press("ctrl+p")
    await until(pilot, lambda: app.screen.id == "--command-palette")
    await pilot.pause(0.3)
    await walk.look(pilot, app, f"{where}: command palette")
    await _back(pilot, app)


@pytest.fixture(autouse=True)
def guides_without_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guide panel shows its title and no guide: a guide is the playbook's words (checked by
    the playbook's own tests), not the interface's."""
    from workshop.tui import guidance

    real = guidance.load_guide
    monkeypatch.setattr(guidance, "load_guide", lambda *args, **kwargs: dataclasses.replace(
        real(*args, **kwargs), text="", note=""))


async def walk_everything(engine: Engine, lang: str, check: Callable[[str, str, set[str]], None]) -> Walk:
    """Visit every screen and dialog of the demo in `lang`, checking each."""
    wid = build_demo(engine, lang="nb")
    engine.set_phase(wid, "brief")
    copy, _ = engine.duplicate_workshop(wid, "Lyngvik Hage 2027")
    walk = Walk(engine, check)

    app = create_app(engine, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.focused is not None)
        await walk.look(pilot, app, "picker")
        await _forms_over(pilot, app, walk, PickerScreen, (("a", "picker: new workshop"), ("c", "picker: duplicate")))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await walk.look(pilot, app, "picker: delete?")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        app.screen.query_one("#workshops").highlighted = next(
            i for i, s in enumerate(app.screen.summaries) if s.id == wid)
        await pilot.press("enter")

        # The brief.
        screen = await until(pilot, lambda: app.screen if isinstance(app.screen, PhaseScreen)
                             and app.focused is not None else None)
        await walk.look(pilot, app, "brief")
        await _help_and_palette(pilot, app, walk, "brief")
        await _form(pilot, app, walk, "brief: edit the brief", "enter")
        brief = screen.query_one("#list-brief")
        brief.select_ref("V:rules")
        await pilot.pause()
        await _form(pilot, app, walk, "brief: voting rules", "enter")
        for box in ("participant", "persona", "stage"):
            screen.query_one(f"#list-{box}").focus()
            await pilot.pause()
            await _form(pilot, app, walk, f"brief: add a {box}", "a")
            await _form(pilot, app, walk, f"brief: edit a {box}", "enter")
            await _question(pilot, app, walk, f"brief: delete a {box}?")
        screen.action_timer_set()
        await open_form(pilot, app)
        await walk.look(pilot, app, "brief: the timebox")
        await _back(pilot, app)

        # What Is.
        screen = await _phase(pilot, app, "1", "what-is")
        await walk.look(pilot, app, "What Is")
        await _help_and_palette(pilot, app, walk, "What Is")
        board = screen.query_one("#board")
        board.focus_stage("S3", None)
        await pilot.pause()
        await _form(pilot, app, walk, "What Is: add touchpoints", "a")
        await _form(pilot, app, walk, "What Is: edit a touchpoint", "enter")
        await _question(pilot, app, walk, "What Is: delete a touchpoint?")
        await pilot.press("t")
        await walk.look(pilot, app, "What Is: the timer running")
        await pilot.press("t")
        screen.query_one("#criteria").focus()
        await pilot.pause()
        await _form(pilot, app, walk, "What Is: add a criterion", "a")
        await _question(pilot, app, walk, "What Is: delete a criterion?")
        board.focus_stage("S3", None)
        await pilot.press("v")  # a hint: votes are cast elsewhere
        await walk.look(pilot, app, "What Is: a key that does nothing here")

        # What If.
        screen = await _phase(pilot, app, "2", "what-if")
        await walk.look(pilot, app, "What If")
        await _help_and_palette(pilot, app, walk, "What If")
        await _form(pilot, app, walk, "What If: add ideas", "a")
        await _form(pilot, app, walk, "What If: edit an idea", "enter")
        await _form(pilot, app, walk, "What If: the theme of an idea", "m")
        await _question(pilot, app, walk, "What If: delete an idea?")
        await pilot.press("s")
        await until(pilot, lambda: app.state is not None and app.state.silent)
        await walk.look(pilot, app, "What If: silent brainstorming")
        engine.add_idea(wid, "Hentetid på SMS", actor="Ingrid Sæther")
        await until(pilot, lambda: app.state is not None and any(i.hidden for i in app.state.ideas))
        await walk.look(pilot, app, "What If: an idea written silently")
        await pilot.press("r")
        await until(pilot, lambda: app.state is not None and not any(i.hidden for i in app.state.ideas))
        await pilot.press("s")
        await until(pilot, lambda: app.state is not None and not app.state.silent)
        await walk.look(pilot, app, "What If: revealed, silent off")
        prompts = screen.query_one("#prompts")
        prompts.focus()
        await pilot.pause()
        await _form(pilot, app, walk, "What If: ideas for a prompt", "enter")

        # What Wows.
        screen = await _phase(pilot, app, "3", "what-wows")
        await walk.look(pilot, app, "What Wows")
        await _help_and_palette(pilot, app, walk, "What Wows")
        await pilot.press("v")
        await walk.look(pilot, app, "What Wows: a dot cast")
        await pilot.press("w")
        await walk.look(pilot, app, "What Wows: a dot taken back")
        await pilot.press("r")
        await walk.look(pilot, app, "What Wows: the votes revealed or hidden")
        await pilot.press("r")
        await _form(pilot, app, walk, "What Wows: promote an idea", "a")
        screen.query_one("#concepts").focus()
        await pilot.pause()
        await walk.look(pilot, app, "What Wows: a concept")
        await _form(pilot, app, walk, "What Wows: edit a concept", "enter")
        await _form(pilot, app, walk, "What Wows: add an assumption", "a")
        await _question(pilot, app, walk, "What Wows: delete a concept?")
        screen.query_one("#assumptions").focus()
        await pilot.pause()
        await _form(pilot, app, walk, "What Wows: edit an assumption", "enter")
        await _question(pilot, app, walk, "What Wows: delete an assumption?")

        # What Works, each view.
        screen = await _phase(pilot, app, "4", "what-works")
        await walk.look(pilot, app, "What Works: the pilot")
        await _help_and_palette(pilot, app, walk, "What Works")
        for view in ("the effect × cost matrix", "the timeline"):
            await pilot.press("s")
            await walk.look(pilot, app, f"What Works: {view}")
        await pilot.press("s")
        await _form(pilot, app, walk, "What Works: a new pilot", "a")
        await _form(pilot, app, walk, "What Works: edit a pilot", "enter")
        await _form(pilot, app, walk, "What Works: pin a pilot", "p")
        await _question(pilot, app, walk, "What Works: delete a pilot?")
        await pilot.press("minus")
        await walk.look(pilot, app, "What Works: a pilot moved down")

        # Export, and its refusal of an empty file name.
        await pilot.press("e")
        dialog = await until(pilot, lambda: app.screen if isinstance(app.screen, ExportDialog) else None)
        await walk.look(pilot, app, "export dialog")
        dialog.query_one("#path", Input).value = ""
        await pilot.press("ctrl+s")
        await walk.look(pilot, app, "export dialog: no file name")
        await _back(pilot, app)

        # The room (serves the workshop on this machine).
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen) and "http://" in screen_text(app), timeout=15)
        await walk.look(pilot, app, "the room")
        old = app.room.describe().get("code")
        await pilot.press("c")
        await until(pilot, lambda: app.room.describe().get("code") not in (None, old))
        await walk.look(pilot, app, "the room: a new code")
        await pilot.press("s")
        await walk.look(pilot, app, "the room: stopped")
        await _back(pilot, app)

        # The comparison.
        app.push_screen(ChooseWorkshop(engine, wid))
        await until(pilot, lambda: isinstance(app.screen, ChooseWorkshop))
        await walk.look(pilot, app, "compare: choose a workshop")
        await pilot.press("escape")
        app.push_screen(CompareScreen(engine, wid, copy))
        compare = await until(pilot, lambda: app.screen if isinstance(app.screen, CompareScreen)
                              and app.screen.result is not None else None)
        from workshop.compare import compare_markdown

        walk.extra = data_words(compare_markdown(compare.result))  # the comparison's report: English
        await walk.look(pilot, app, "compare")
        await _forms_over(pilot, app, walk, CompareScreen, (("p", "compare: pair by hand"), ("s", "compare: save")))
        walk.extra = set()

    # The replay, phase by phase.
    app = ReplayApp(engine, wid, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.replay_controller is not None and isinstance(app.screen, PhaseScreen))
        for key in "01234":
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.screen.PHASE.value ==
                        ["brief", "what-is", "what-if", "what-wows", "what-works"][int(key)])
            controller = app.replay_controller
            # What the event was, in the engine's words (English).
            walk.extra = data_words(controller.replay.describe(controller.position))
            await walk.look(pilot, app, f"replay: phase {key}")
        await pilot.press("a")  # refused: nothing changes in a replay
        await walk.look(pilot, app, "replay: a change refused")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await walk.look(pilot, app, "replay: ? help")
    return walk


def _run(walk: Callable[[], Awaitable[Walk]]) -> Walk:
    return asyncio.run(walk())


def test_every_screen_in_a_pseudo_language_shows_only_catalogue_words(engine: Engine, pseudo_language: str) -> None:
    found: dict[str, list[str]] = {}

    def check(where: str, text: str, allowed: set[str]) -> None:
        for line in text.splitlines():
            for token in re.findall(r"[A-Za-z]{2,}", line):
                if token in allowed or token.lower() in KEY_NAMES or token in FILES or token in WEB:
                    continue
                if any(word.startswith(token) or word.endswith(token) for word in allowed if len(word) > len(token)):
                    continue  # a word of the workshop's own, cut at the edge of its box
                found.setdefault(where, [])
                if line.strip() not in found[where]:
                    found[where].append(line.strip())

    walk = _run(lambda: walk_everything(engine, pseudo_language, check))
    assert len(walk.visited) > 60
    report = "\n".join(f"- {where}:\n" + "\n".join(f"    {line!r}" for line in lines) for where, lines in found.items())
    assert not found, "interface text on screen that no catalogue gives (English letters left):\n" + report


def english_needles() -> list[tuple[str, re.Pattern[str]]]:
    """The words of every English entry that Norwegian says otherwise: each literal stretch of two
    words or more, or a single word of three letters or more, as a whole-word pattern."""
    en, nb = words.catalogue("en"), words.catalogue("nb")
    norwegian = "\n".join(v for entry in nb.values() for v in (entry.values() if isinstance(entry, dict) else [entry]))
    found: dict[str, tuple[str, re.Pattern[str]]] = {}
    for key, entry in en.items():
        texts = entry.values() if isinstance(entry, dict) else [entry]
        other = nb.get(key)
        other_texts = set(other.values() if isinstance(other, dict) else [other])
        for text in texts:
            if text in other_texts:
                continue
            for literal, _name, _spec, _conv in string.Formatter().parse(text):
                for chunk in re.split(r"[\n|`*()«»“”:;,.?!·→←↑—–/]+", literal):
                    chunk = " ".join(chunk.split())
                    letters = re.sub(r"[^A-Za-z ]", "", chunk).strip()
                    if "+" in chunk or set(letters.lower().split()) <= KEY_NAMES | FILES:
                        continue  # a key (`ctrl+s`) or an export's file name is the same in every language
                    if (" " in letters and len(letters) >= 8) or (" " not in letters and len(letters) >= 3):
                        if re.search(r"(?<![A-Za-zæøåÆØÅ])" + re.escape(chunk) + r"(?![A-Za-zæøåÆØÅ])", norwegian):
                            continue  # Norwegian says it too ("Start", "Pilot", a brand)
                        found.setdefault(chunk, (key, re.compile(r"(?<![A-Za-zæøåÆØÅ])" + re.escape(chunk)
                                                                + r"(?![A-Za-zæøåÆØÅ])")))
    return list(found.items())  # type: ignore[return-value]


def test_every_screen_in_norwegian_shows_no_english_entry(engine: Engine) -> None:
    needles = english_needles()
    assert len(needles) > 300
    found: dict[str, list[str]] = {}

    def check(where: str, text: str, allowed: set[str]) -> None:
        flat = " ".join(text.split())
        for chunk, (key, pattern) in needles:
            if pattern.search(flat) and not all(word in allowed for word in chunk.split()):
                found.setdefault(where, []).append(f"{chunk!r} (en: {key})")

    walk = _run(lambda: walk_everything(engine, "nb", check))
    assert len(walk.visited) > 60
    report = "\n".join(f"- {where}: " + ", ".join(items) for where, items in found.items())
    assert not found, "English on a Norwegian screen:\n" + report

