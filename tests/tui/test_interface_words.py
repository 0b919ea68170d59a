"""The interface's words: every language has every English entry with the same placeholders and
plural forms, counts are grammatical at 0, 1 and 2, and `--lang` and `WORKSHOP_LANG` switch the
screens (the open workshop's own language deciding when neither is given)."""

from __future__ import annotations

import asyncio
import string

import pytest

from phase_helpers import screen_text, until
from workshop.demo import build_demo
from workshop.engine import Engine
from workshop.tui import words
from workshop.tui.app import create_app
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.screens.picker import PickerScreen
from workshop.tui.words import BASE, Words, catalogue, languages

OTHERS = [lang for lang in languages() if lang != BASE]


def placeholders(entry: str | dict[str, str]) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {name for text in texts for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_there_is_a_norwegian_catalogue() -> None:
    assert "nb" in OTHERS


@pytest.mark.parametrize("lang", OTHERS)
def test_every_english_entry_is_translated_with_its_placeholders(lang: str) -> None:
    en, other = catalogue(BASE), catalogue(lang)
    missing = sorted(set(en) - set(other))
    extra = sorted(set(other) - set(en))
    assert not missing, f"{lang} lacks {len(missing)} entries: {missing[:40]}"
    assert not extra, f"{lang} has entries English lacks (a typo in a key?): {extra}"
    wrong = [(key, sorted(placeholders(en[key])), sorted(placeholders(other[key])))
             for key in en if placeholders(en[key]) != placeholders(other[key])]
    assert not wrong, f"{lang}: placeholders differ (key, English, {lang}): {wrong}"
    forms = [(key, sorted(en[key]), sorted(other[key])) for key in en
             if isinstance(en[key], dict) != isinstance(other[key], dict)
             or (isinstance(en[key], dict) and set(en[key]) != set(other[key]))]  # type: ignore[arg-type]
    assert not forms, f"{lang}: plural forms differ (key, English, {lang}): {forms}"


@pytest.mark.parametrize("lang", [BASE, *OTHERS])
def test_every_entry_reads_as_text(lang: str) -> None:
    """A broken brace would show the pattern as written: none is."""
    for key, entry in catalogue(lang).items():
        for text in entry.values() if isinstance(entry, dict) else [entry]:
            list(string.Formatter().parse(text))  # raises on a stray brace
            assert text.strip(), f"{lang}: {key} is empty"


@pytest.mark.parametrize(("lang", "key", "expected"), [
    ("en", "count.pilots", ["0 pilots", "1 pilot", "2 pilots"]),
    ("nb", "count.pilots", ["0 piloter", "1 pilot", "2 piloter"]),
    ("en", "count.ideas", ["0 ideas", "1 idea", "2 ideas"]),
    ("nb", "count.ideas", ["0 ideer", "1 idé", "2 ideer"]),
    ("en", "count.touchpoints", ["0 touchpoints", "1 touchpoint", "2 touchpoints"]),
    ("nb", "count.touchpoints", ["0 kontaktpunkter", "1 kontaktpunkt", "2 kontaktpunkter"]),
    ("en", "what_if.hidden_reveal", ["0 hidden ideas: r reveals them.", "1 hidden idea: r reveals it.",
                                     "2 hidden ideas: r reveals them."]),
    ("nb", "what_if.hidden_reveal", ["0 skjulte ideer: r viser dem.", "1 skjult idé: r viser den.",
                                     "2 skjulte ideer: r viser dem."]),
    ("en", "brief.dots_each", ["0 dots each", "1 dot each", "2 dots each"]),
    ("nb", "brief.dots_each", ["0 prikker hver", "1 prikk hver", "2 prikker hver"]),
    ("en", "what_works.without_pilot", ["0 concepts without a pilot", "1 concept without a pilot",
                                        "2 concepts without a pilot"]),
    ("nb", "what_works.without_pilot", ["0 konsepter uten pilot", "1 konsept uten pilot", "2 konsepter uten pilot"]),
    ("en", "export.copied", ["Map copied to the clipboard (0 lines)", "Map copied to the clipboard (1 line)",
                             "Map copied to the clipboard (2 lines)"]),
    ("nb", "export.copied", ["Map kopiert til utklippstavlen (0 linjer)", "Map kopiert til utklippstavlen (1 linje)",
                             "Map kopiert til utklippstavlen (2 linjer)"]),
])
def test_counts_are_grammatical_at_0_1_and_2(lang: str, key: str, expected: list[str]) -> None:
    said = Words(lang)
    assert [said.tn(key, n, title="Map") for n in (0, 1, 2)] == expected


def test_every_count_has_a_form_for_one_and_for_the_rest() -> None:
    for lang in [BASE, *OTHERS]:
        for key, entry in catalogue(lang).items():
            if isinstance(entry, dict):
                assert set(entry) == {"one", "other"}, f"{lang}: {key} has forms {sorted(entry)}"
                assert all("{n}" in form for form in entry.values()), f"{lang}: {key} does not say its count"


def test_a_refusal_names_its_field_in_the_language_and_keeps_the_reason() -> None:
    from workshop.domain.errors import InvalidInput

    err = InvalidInput("title", "must not be empty or blank")
    words.use("nb")
    try:
        assert words.refusal(err) == "tittel: must not be empty or blank"
        assert words.refusal(err, "Tittel") == "Tittel: must not be empty or blank"
    finally:
        words.use("en")
    assert words.refusal(err) == "title: must not be empty or blank"


# the screen follows the language asked for ------------------------------------------------------

def _english_demo(engine: Engine) -> int:
    """The demo, run in English (so Norwegian on screen can only come from --lang or WORKSHOP_LANG)."""
    wid = build_demo(engine, lang="en")
    engine.set_phase(wid, "what-is")
    return wid


def _run(app_of, check) -> None:
    async def scenario() -> None:
        app = app_of()
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and app.focused is not None)

            def passes() -> bool:
                try:
                    check(app, screen_text(app))
                except AssertionError:
                    return False
                return True

            try:
                await until(pilot, passes, timeout=5)  # the footer fills in a moment after the board
            except AssertionError:
                pass
            check(app, screen_text(app))

    asyncio.run(scenario())


def _norwegian(app, text: str) -> None:
    # The phase bar, the footer and the title all speak bokmål.
    assert "1 Hva er" in text and "4 Hva virker" in text, text
    assert "What Is" not in text and "What Works" not in text, text
    assert "a Legg til" in text and "0-4 Fase" in text and "? Taster" in text and "^z Angre" in text, text  # the footer
    assert "Svakeste ledd" in text or "Sett følelser" in text, text
    assert "·  Hva er" in text  # the title line: the workshop, then the phase


def test_lang_nb_switches_the_screen(engine: Engine) -> None:
    wid = _english_demo(engine)
    _run(lambda: create_app(engine, wid, lang="nb"), _norwegian)


def test_workshop_lang_nb_switches_the_screen(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    wid = _english_demo(engine)
    monkeypatch.setenv("WORKSHOP_LANG", "nb_NO.UTF-8")
    _run(lambda: create_app(engine, wid), _norwegian)


def test_without_either_the_workshops_own_language_decides(engine: Engine) -> None:
    wid = _english_demo(engine)

    def english(app, text: str) -> None:
        assert "1 What Is" in text and "Hva er" not in text, text
        assert "Add" in text and "Undo" in text, text

    _run(lambda: create_app(engine, wid), english)
    nb = build_demo(engine, lang="nb")  # replaces the English one
    engine.set_phase(nb, "what-is")
    _run(lambda: create_app(engine, nb), _norwegian)
    _run(lambda: create_app(engine, nb, lang="en"), english)  # asked for: English over the workshop's


def test_the_picker_speaks_the_language_asked_for_and_the_workshop_its_own(engine: Engine) -> None:
    """The picker is English unless asked; opening a Norwegian workshop from it switches to bokmål,
    and going back to the picker (ctrl+o) switches back."""
    build_demo(engine, lang="nb")

    async def scenario() -> None:
        app = create_app(engine)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen) and "most recent first" in screen_text(app))
            assert "Duplicate" in screen_text(app)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, PhaseScreen) and "Angre" in screen_text(app))
            await pilot.press("ctrl+o")
            await until(pilot, lambda: isinstance(app.screen, PickerScreen) and "most recent first" in screen_text(app))

        app = create_app(engine, lang="nb")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen) and "nyeste først" in screen_text(app))
            assert "Kopier" in screen_text(app) and "Duplicate" not in screen_text(app)

    asyncio.run(scenario())
