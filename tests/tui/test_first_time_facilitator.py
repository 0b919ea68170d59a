"""What a facilitator new to the tool trips over, tried as they would: the export dialog's cursor
on the chosen option, where a new touchpoint goes, hidden ideas counted (never "No ideas yet"),
and a replay whose phase marks never run into each other and which never offers a key that edits."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input, RadioButton, RadioSet, Select

from phase_helpers import open_form, open_on, screen_text, until
from workshop.domain.values import Phase
from workshop.engine import Engine
from workshop.tui.dialogs.export import ExportDialog
from workshop.tui.screens.what_if import WhatIfScreen
from workshop.tui.screens.what_is import WhatIsScreen
from workshop.tui.widgets.board import TouchpointColumnList
from workshop.tui.widgets.scrubber import Scrubber, mark_label


def run(scenario) -> None:
    asyncio.run(scenario())


# export dialog ---------------------------------------------------------------------------------

def test_the_export_dialogs_cursor_starts_on_the_option_chosen_for_the_phase(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-works")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.screen.query("#board-area"))
            await pilot.press("e")
            dialog = await until(pilot, lambda: app.screen if isinstance(app.screen, ExportDialog)
                                 and app.screen.query("#path") else None)
            what = dialog.query_one("#what", RadioSet)
            assert what.pressed_button is not None and what.pressed_button.id == "what-backlog"
            await until(pilot, lambda: dialog.query_one("#what-backlog", RadioButton).has_class("-selected"))
            assert not dialog.query_one("#what-journey", RadioButton).has_class("-selected")
            # One step down from the chosen one is the report (not the backlog, the second option).
            await pilot.press("down", "space")
            await until(pilot, lambda: dialog.what == "report")
            assert dialog.query_one("#path", Input).value.endswith("-report.md")

    run(scenario)


# a new touchpoint's stage ----------------------------------------------------------------------

def test_a_new_touchpoints_stage_is_the_first_field_and_names_the_column_in_focus(engine: Engine, journey: int) -> None:
    engine.edit_stage(journey, "S3", name="Levering [/] og [b]bruk[/b] æøå")

    async def scenario() -> None:
        app = open_on(engine, journey, "what-is")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await until(pilot, lambda: app.screen if isinstance(app.screen, WhatIsScreen) else None)
            await until(pilot, lambda: screen.query(TouchpointColumnList))
            await pilot.press("right", "right")  # into the third column
            await until(pilot, lambda: getattr(app.screen.focused, "key", None) == "S3")
            await pilot.press("a")
            form = await open_form(pilot, app)
            fields = [w.id for w in form.query("Input, Select, TextArea, Checkbox") if (w.id or "").startswith("field-")]
            assert fields[0] == "field-stage"
            assert form.query_one("#field-stage", Select).value == "S3"
            assert "the column you are in: Levering [/] og [b]bruk[/b] æøå" in screen_text(app)
            # The cursor is in the text: typed at full speed, the touchpoint goes to that column.
            await pilot.press(*"Får SMS om forsinket levering på Økern", "ctrl+s")
            await until(pilot, lambda: len(engine.load(journey).touchpoints) == 5)
            added = engine.load(journey).touchpoints[-1]
            assert (added.text, added.stage) == ("Får SMS om forsinket levering på Økern", "S3")
            assert form.query_one("#field-stage", Select).value == "S3"  # the next one goes there too

    run(scenario)


# a journey with no stages ----------------------------------------------------------------------

def test_the_none_template_says_stages_are_added_in_the_brief_and_offers_the_first(engine: Engine) -> None:
    from workshop.tui.app import create_app
    from workshop.tui.dialogs.confirm import ConfirmDialog
    from workshop.tui.screens.brief import BriefScreen
    from workshop.tui.screens.picker import PickerScreen

    async def scenario() -> None:
        app = create_app(engine)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PickerScreen))
            await pilot.press("a")
            form = await open_form(pilot, app)
            template = form.query_one("#field-template", Select)
            template.clear()  # the "(none)" choice
            await until(pilot, lambda: "(none): no stages yet; you add them in the Brief" in screen_text(app))
            await pilot.press(*"Flytting [/] av strøm", "ctrl+s")
            dialog = await until(pilot, lambda: app.screen if isinstance(app.screen, ConfirmDialog) else None)
            assert "Its stages are added here" in screen_text(app)
            assert isinstance(app.screen_stack[-2], BriefScreen)
            await pilot.press("enter")  # the cursor is on "Add a stage"
            stage = await open_form(pilot, app)
            assert stage is not dialog
            await pilot.press(*"Før flyttingen æøå", "enter")
            [summary] = engine.list_workshops()
            await until(pilot, lambda: [s.name for s in engine.load(summary.id).stages] == ["Før flyttingen æøå"])
            await until(pilot, lambda: isinstance(app.screen, BriefScreen) and "1. Før" in screen_text(app))

    run(scenario)


def test_what_is_with_no_stages_says_where_they_are_added_and_a_adds_one(engine: Engine) -> None:
    wid, _ = engine.create_workshop("Tom reise", stages=[], template="")

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen))
            note = app.screen.query_one("#weakest")
            await until(pilot, lambda: str(note.render()).startswith("No stages yet: they are added in the Brief"))
            assert "No stages yet" in screen_text(app)
            await pilot.press("a")
            await open_form(pilot, app)
            await pilot.press(*"Oppdage", "enter")
            await until(pilot, lambda: [s.name for s in engine.load(wid).stages] == ["Oppdage"])
            await until(pilot, lambda: isinstance(app.screen, WhatIsScreen) and "Oppdage" in screen_text(app))

    run(scenario)


# silent brainstorming --------------------------------------------------------------------------

def test_hidden_ideas_are_counted_and_never_called_no_ideas(engine: Engine, journey: int) -> None:
    engine.set_rules(journey, silent=True)
    engine.add_idea(journey, "Per [/] Hansen sin [b]hemmelige[/b] idé", author="Åse Ødegård")
    engine.add_idea(journey, "Gratis kaffe på Økern")

    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await until(pilot, lambda: "2 ideas are hidden until revealed" in screen_text(app))
            text = screen_text(app)
            assert "No ideas yet" not in text
            assert "hemmelige" not in text and "kaffe" not in text
            await pilot.press("r")
            await until(pilot, lambda: "Gratis kaffe på Økern" in screen_text(app))
            assert "hidden until revealed" not in screen_text(app)

    run(scenario)


def test_with_no_ideas_at_all_the_list_says_how_to_add_one(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: "No ideas yet: press a" in screen_text(app))

    run(scenario)


# replay ----------------------------------------------------------------------------------------

def test_phase_marks_close_together_get_a_column_each_and_labels_never_touch() -> None:
    marks = [(1, Phase.BRIEF), (2, Phase.WHAT_IS), (3, Phase.WHAT_IF), (4, Phase.WHAT_IS),
             (995, Phase.WHAT_WOWS), (1000, Phase.WHAT_WORKS)]
    scrubber = Scrubber(total=1000, marks=marks)
    for width in (5, 6, 12, 40, 78):
        columns = [col for col, _phase in scrubber.mark_columns(width)]
        assert columns == sorted(set(columns)), width
        assert all(0 <= col < width for col in columns)
        assert len(columns) == min(len(marks), width)
    assert [p for _c, p in scrubber.mark_columns(78)] == [p for _pos, p in marks]


@pytest.mark.parametrize("width", [40, 78, 118])
def test_the_timeline_draws_each_phase_name_apart_from_the_next(width: int) -> None:
    """The demo's shape: a long What Is, then the last three phases within a few events."""
    marks = [(1, Phase.BRIEF), (30, Phase.WHAT_IS), (33, Phase.WHAT_IF), (36, Phase.WHAT_WOWS),
             (38, Phase.WHAT_WORKS)]
    scrubber = Scrubber(total=40, marks=marks)
    scrubber.position = 15  # the knob between marks
    top, bar = _rendered(scrubber, width)
    placed = [col for col, _phase in scrubber.mark_columns(width)]
    assert len(placed) == len(marks)
    assert [i for i, ch in enumerate(bar) if ch == "┃"] == placed
    for col, following in zip(placed, placed[1:]):
        assert top[following - 1] == " ", (top, col, following)  # a gap before the next name
    words = top.split()
    assert words[0] == "Brief"
    assert all(w in ("Brief", "What", "Is", "If", "Wows", "Works") or w.endswith("…") for w in words), top


def _rendered(scrubber: Scrubber, width: int) -> tuple[str, str]:
    """The scrubber's two lines as it draws them `width` columns wide."""
    from unittest.mock import PropertyMock, patch

    from textual.geometry import Size

    with patch.object(Scrubber, "size", new_callable=PropertyMock, return_value=Size(width, 2)):
        text = scrubber.render()
    top, bar = text.plain.split("\n")
    return top, bar


def test_a_phase_name_that_does_not_fit_is_shortened_with_an_ellipsis() -> None:
    assert mark_label("What Works", 20) == "What Works"
    assert mark_label("What Works", 6) == "Works"
    assert mark_label("What Works", 4) == "Wor…"
    assert mark_label("What Is", 2) == "Is"
    assert mark_label("What Wows", 1) == ""


# `c` only moves the focus (to the design criteria and back), which a replay does too.
EDITING_HINTS = ("press a", "Press a", "then a.", "r reveals", "m puts", "s starts", "enter adds")


def test_a_replay_never_offers_a_key_that_edits(engine: Engine, journey: int) -> None:
    from workshop.tui.replay_app import ReplayApp

    engine.set_rules(journey, silent=True)
    engine.add_idea(journey, "Per [/] Hansen: æøå i SMS-en")

    async def scenario() -> None:
        app = ReplayApp(engine, journey)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: app.replay_controller is not None and app.replay_controller.position == 1
                        and "Replay: event 1 of" in screen_text(app))
            for where in ("home", "end"):  # the empty workshop, then the one with a hidden idea
                await pilot.press(where)
                for key, title in (("0", "Brief"), ("1", "What Is"), ("2", "What If"), ("3", "What Wows"),
                                   ("4", "What Works")):
                    await pilot.press(key)
                    await until(pilot, lambda: type(app.screen).__name__.startswith("Replay")
                                and title in screen_text(app))
                    await pilot.pause()
                    text = screen_text(app)
                    assert not [hint for hint in EDITING_HINTS if hint in text], (where, key, text)
            await pilot.press("2")
            await until(pilot, lambda: "1 idea is hidden until revealed" in screen_text(app))
            assert "I1  Per" not in screen_text(app)  # the list counts it; only the event line names it

    run(scenario)


# a pilot's owner -------------------------------------------------------------------------------

@pytest.fixture
def with_concept(engine: Engine, workshop: int) -> int:
    """A concept to make pilots from, and two participants (one with a name that looks like markup)."""
    engine.add_participant(workshop, "Per [/] Hansen", role="Lager")
    engine.add_idea(workshop, "SMS når pakken er forsinket")
    engine.add_concept(workshop, "I1", effect=5, cost=1)
    return workshop


@pytest.mark.parametrize(("keys", "owner"), [
    (["down", "down"], "Per [/] Hansen"),          # picked from the participants
    (["down", "down", "down"], "Åse Ødegård"),     # round again to the first
    (["up"], "Per [/] Hansen"),                    # from the end
    ([*"pe", "right"], "Per [/] Hansen"),          # typed, completed
    ([*"Ola Nordmann"], "Ola Nordmann"),           # someone not in the list, typed
])
def test_a_pilots_owner_is_picked_from_the_participants_or_typed(engine: Engine, with_concept: int,
                                                                 keys: list[str], owner: str) -> None:
    async def scenario() -> None:
        app = open_on(engine, with_concept, "what-works")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.screen.query("#backlog"))
            await pilot.press("a")
            form = await open_form(pilot, app)
            await pilot.press(*"Varsel på Økern")
            field = form.query_one("#field-owner", Input)
            field.focus()
            await pilot.pause()
            assert "↑/↓ picks a participant" in screen_text(app)
            await pilot.press(*keys)
            await until(pilot, lambda: field.value == owner)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(with_concept).pilots)
            [made] = engine.load(with_concept).pilots
            assert (made.name, made.owner) == ("Varsel på Økern", owner)
            await until(pilot, lambda: owner in screen_text(app))

    run(scenario)


# an idea's author ------------------------------------------------------------------------------

def test_ideas_typed_fast_get_the_author_picked_and_the_list_names_them(engine: Engine, journey: int) -> None:
    engine.add_participant(journey, "Per [/] Hansen")

    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await pilot.press("a")
            form = await open_form(pilot, app)
            await pilot.press(*"Gratis kaffe på Økern", "tab", "tab", "tab", "down", "down")  # the author: Per
            await until(pilot, lambda: form.query_one("#field-author", Input).value == "Per [/] Hansen")
            await pilot.press("enter")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 1)
            # Without the keep box the author is emptied with the rest; the next is typed in full.
            await pilot.press(*"SMS [b]før[/b] levering", "tab", "tab", "tab", *"Ola Nordmann", "enter")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 2)
            await pilot.press("escape")
            ideas = engine.load(journey).ideas
            assert [(i.text, i.author) for i in ideas] == [("Gratis kaffe på Økern", "Per [/] Hansen"),
                                                          ("SMS [b]før[/b] levering", "Ola Nordmann")]
            await until(pilot, lambda: "· Per [/] Hansen" in screen_text(app))
            assert "· Ola Nordmann" in screen_text(app)

            await pilot.press("enter")  # edit the selected (newest) idea: its author is in the form
            form = await open_form(pilot, app)
            author = form.query_one("#field-author", Input)
            assert author.value == "Ola Nordmann"
            author.focus()
            await pilot.press("up")  # the last participant
            await until(pilot, lambda: author.value == "Per [/] Hansen")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: engine.load(journey).idea("I2").author == "Per [/] Hansen")

    run(scenario)


def test_anonymous_cards_keep_the_author_off_the_idea_list(engine: Engine, journey: int) -> None:
    engine.add_idea(journey, "Hent selv på Økern", author="Åse Ødegård")
    engine.set_rules(journey, anonymous="always")

    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: "Hent selv på Økern" in screen_text(app))
            assert "Åse Ødegård" not in screen_text(app)
            engine.set_rules(journey, anonymous="never")
            app.catch_up()
            await until(pilot, lambda: "· Åse Ødegård" in screen_text(app))

    run(scenario)


# themes: several ideas at once, renamed, merged -------------------------------------------------

@pytest.fixture
def themed(engine: Engine, journey: int) -> int:
    engine.add_idea(journey, "SMS før levering", theme="Beskjed")
    engine.add_idea(journey, "Sporing på kart", theme="Synlighet [b]x[/]")
    engine.add_idea(journey, "Ring kunden før bilen går")
    engine.add_idea(journey, "Hentested på Økern")
    return journey


async def _idea_list(pilot, app):
    """The What If screen and its idea list, focused, once every idea is in it."""
    screen = await until(pilot, lambda: app.screen if isinstance(app.screen, WhatIfScreen) else None)
    ideas = screen.query_one("#ideas")
    await until(pilot, lambda: ideas.select_ref("I4"))
    ideas.focus()
    return screen, ideas


def _listed(items) -> str:
    """Every row of an item list as text (also the rows scrolled out of view)."""
    return "\n".join(str(row) for _ref, row in items.rows)


def _themes(engine: Engine, wid: int) -> dict[str, str]:
    return {i.ref: i.theme for i in engine.load(wid).ideas}


def test_marked_ideas_get_one_theme_in_one_change_and_one_undo(engine: Engine, themed: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, themed, "what-if")
        async with app.run_test(size=(80, 24)) as pilot:
            screen, ideas = await _idea_list(pilot, app)
            ideas.select_ref("I3")
            await pilot.press("space", "space")  # I3 and the one after it (I4) are marked
            await until(pilot, lambda: list(screen.marked) == ["I3", "I4"])
            ideas.select_ref("I1")
            await pilot.press("space")
            title = screen.query_one("#ideas-title")
            await until(pilot, lambda: "3 ideas marked: m gives them one theme" in str(title.render()))
            assert "✓ I1" in screen_text(app)
            before = engine.last_seq(themed)
            await pilot.press("m")
            await open_form(pilot, app)
            await pilot.press(*"Per [/] Hansens æøå", "enter")
            await until(pilot, lambda: engine.last_seq(themed) == before + 1)
            assert _themes(engine, themed) == {"I1": "Per [/] Hansens æøå", "I2": "Synlighet [b]x[/]",
                                               "I3": "Per [/] Hansens æøå", "I4": "Per [/] Hansens æøå"}
            await until(pilot, lambda: "Per [/] Hansens æøå  (3)" in _listed(ideas))
            assert not screen.marked and "✓" not in _listed(ideas)
            await pilot.press("ctrl+z")
            await until(pilot, lambda: _themes(engine, themed)["I3"] == "")
            assert _themes(engine, themed)["I1"] == "Beskjed"

    run(scenario)


def test_a_theme_is_renamed_and_two_are_merged_from_the_idea_list(engine: Engine, themed: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, themed, "what-if")
        async with app.run_test(size=(80, 24)) as pilot:
            screen, ideas = await _idea_list(pilot, app)
            ideas.select_ref("I1")
            await pilot.press("n")  # rename the selected idea's theme
            form = await open_form(pilot, app)
            assert form.query_one("#field-new", Input).value == "Beskjed"
            form.query_one("#field-new", Input).value = ""
            await pilot.press(*"Beskjed før kunden spør", "enter")
            await until(pilot, lambda: _themes(engine, themed)["I1"] == "Beskjed før kunden spør")

            ideas.select_ref("I1")
            await pilot.press("space")
            ideas.select_ref("I2")
            await pilot.press("space", "n")  # merge the two marked ideas' themes
            form = await open_form(pilot, app)
            assert "Beskjed før kunden spør" in screen_text(app) and "Synlighet [b]x[/]" in screen_text(app)
            await pilot.press(*"Åpen beskjed", "enter")
            await until(pilot, lambda: _themes(engine, themed)["I2"] == "Åpen beskjed")
            assert _themes(engine, themed)["I1"] == "Åpen beskjed"
            assert engine.events(themed)[-1].action == "theme.merge"
            await until(pilot, lambda: "Åpen beskjed  (2)" in _listed(ideas))

    run(scenario)


# done voting -----------------------------------------------------------------------------------

def test_a_voter_is_marked_done_and_the_facilitator_sees_how_many_are(engine: Engine, journey: int) -> None:
    engine.add_participant(journey, "Per [/] Hansen")
    engine.add_idea(journey, "SMS før levering")
    engine.reveal_ideas(journey) if engine.load(journey).ideas[0].hidden else None

    async def scenario() -> None:
        app = open_on(engine, journey, "what-wows")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await until(pilot, lambda: app.screen if app.screen.query("#voters") else None)
            voters = screen.query_one("#voters")
            await until(pilot, lambda: "0 of 2 done" in str(voters.border_subtitle))
            await pilot.press("]")  # Per
            await until(pilot, lambda: screen.voter == "U2")
            await pilot.press("f")
            await until(pilot, lambda: engine.load(journey).participant("U2").done_voting)
            await until(pilot, lambda: "1 of 2 done" in str(voters.border_subtitle))
            assert "✓ done Per" in screen_text(app)  # before the name: a long name is cut, not the mark
            await pilot.press("v")  # a dot after all: no longer done
            await until(pilot, lambda: not engine.load(journey).participant("U2").done_voting)
            await until(pilot, lambda: "0 of 2 done" in str(voters.border_subtitle))
            await pilot.press("ctrl+z")  # the dot back, and the mark with it
            await until(pilot, lambda: engine.load(journey).participant("U2").done_voting)
            assert engine.load(journey).dots_spent("U2") == 0

    run(scenario)


# the words in Norwegian --------------------------------------------------------------------------

def test_every_new_word_is_in_norwegian_with_the_same_placeholders() -> None:
    import string

    from workshop.tui.words import Words, catalogue

    english, norwegian = catalogue("en"), catalogue("nb")
    ours = [key for key in english if key.startswith("newcomer.")]
    assert ours and [key for key in ours if key not in norwegian] == []

    def names(entry) -> set[str]:
        forms = entry.values() if isinstance(entry, dict) else [entry]
        return {name for form in forms for _t, name, _s, _c in string.Formatter().parse(form) if name}

    assert [key for key in ours if names(english[key]) != names(norwegian[key])] == []
    nb = Words("nb")
    assert nb.tn("newcomer.ideas.hidden", 1).startswith("1 idé er skjult")
    assert nb.tn("newcomer.ideas.hidden", 2).startswith("2 ideer er skjult")
    assert nb.t("newcomer.voting.count", done=1, n=7) == "1 av 7 ferdige"
    assert nb.t("newcomer.stage.in_column", stage="Per [/] Hansen") == "kolonnen du står i: Per [/] Hansen"
