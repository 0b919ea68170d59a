"""The screens at the sizes facilitators have: a laptop's 80×24, a big monitor's 120×36, and the
projector at either. What is checked is what a person looking at the screen would notice: the
phase tabs on one row and whole, two cards per column with their first lines, the guide as a
one-line hint, whole stages on the board or how many are out of view, ☐/☑ and the ▶ marker."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools

import pytest
from textual.widgets import Checkbox, Footer

from six_stages import STAGES, build_six_stages
from phase_helpers import open_on, screen_text, until
from workshop.demo import build_demo
from workshop.domain.values import PHASE_TITLES, Phase
from workshop.engine import Engine
from workshop.tui.dialogs.form import FormDialog
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.widgets.board import JourneyBoard, StageColumn, StageTitle
from workshop.tui.widgets.curve import EmotionCurve
from workshop.tui.widgets.guide import GuideHint, GuidePanel
from workshop.tui import words
from workshop.tui.widgets.phasebar import PhaseTabs

pytestmark = pytest.mark.usefixtures("english")

def sync(test):
    """Runs an async test (the app's pilot) to the end in its own event loop."""
    @functools.wraps(test)
    def run(*args, **kwargs) -> None:
        asyncio.run(test(*args, **kwargs))
    return run


PHASES = ["brief", "what-is", "what-if", "what-wows", "what-works"]
LAPTOP, MONITOR = (80, 24), (120, 36)


@pytest.fixture
def demo(engine: Engine) -> int:
    return _demo(engine)


def _demo(engine: Engine) -> int:
    build_demo(engine, today=dt.date(2026, 3, 2))
    return engine.workshop_id("demo")


@pytest.fixture
def six(engine: Engine) -> int:
    return build_six_stages(engine)


async def _ready(pilot, phase: str) -> PhaseScreen:
    """The phase screen, once its board is filled and its layout has settled."""
    app = pilot.app

    def up() -> PhaseScreen | None:
        screen = app.screen
        if isinstance(screen, PhaseScreen) and screen.is_mounted and screen.PHASE.value == phase:
            if phase != "what-is" or screen.query(StageColumn):
                return screen
        return None

    screen = await until(pilot, up)
    await pilot.pause(0.3)
    await pilot.pause()
    return screen


def _rows(app, region) -> list[str]:
    """The screen's text inside `region`, a line per row."""
    lines = screen_text(app).split("\n")
    return [lines[y][region.x:region.right] for y in range(region.y, region.bottom)]


def _whole_columns(board: JourneyBoard) -> list[StageColumn]:
    """The stage columns shown whole on the board (none cut by its edges)."""
    edge = board.region
    return [c for c in board.query(StageColumn)
            if c.region.width == c.outer_size.width and edge.x <= c.region.x and c.region.right <= edge.right]


# the phase bar ---------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("projector", [False, True], ids=["laptop", "projector"])
@sync
async def test_at_80x24_the_phase_tabs_are_one_whole_row_under_the_title_and_timer(
        engine: Engine, demo: int, phase: str, projector: bool) -> None:
    app = open_on(engine, demo, phase, projector=projector)
    async with app.run_test(size=LAPTOP) as pilot:
        screen = await _ready(pilot, phase)
        tabs = screen.query_one(PhaseTabs)
        assert tabs.region.height == 1 and tabs.region.width >= 70
        row = screen_text(app).split("\n")[tabs.region.y]
        for title in PHASE_TITLES.values():
            assert title in row, f"{title!r} cut or missing from the tabs row {row!r}"
        assert "▸" + {"brief": "0", "what-is": "1", "what-if": "2", "what-wows": "3",
                      "what-works": "4"}[phase] in row  # the current phase marked by a glyph
        def title_row() -> str:
            return screen_text(app).split("\n")[screen.query_one("#phasebar-title").region.y]

        # The timer is filled in a moment after the board (it reads the saved time): wait for it.
        await until(pilot, lambda: title_row().rstrip().endswith("paused (t)"))
        assert ":" in title_row()  # the timer, one line
        assert "Works\n" not in screen_text(app).split(row)[0]  # nothing wrapped above


@sync
async def test_at_120x36_the_timer_has_its_big_digits(engine: Engine, demo: int) -> None:
    app = open_on(engine, demo, "what-is")
    async with app.run_test(size=MONITOR) as pilot:
        screen = await _ready(pilot, "what-is")
        assert screen.query_one("#timer-digits").region.height == 3
        assert not screen.query_one("#timer-line").display or screen.query_one("#timer-line").region.height == 0


# the guide -------------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", PHASES)
@sync
async def test_at_80x24_the_guide_is_a_one_line_hint_and_g_opens_it(engine: Engine, demo: int, phase: str) -> None:
    app = open_on(engine, demo, phase)
    async with app.run_test(size=LAPTOP) as pilot:
        screen = await _ready(pilot, phase)
        hint = screen.query_one(GuideHint)
        assert not screen.query_one(GuidePanel).display
        assert hint.region.height == 1
        line = _rows(app, hint.region)[0]
        assert line.lstrip().startswith("g") and "Guide" in line
        await pilot.press("g")
        await pilot.pause()
        assert screen.query_one(GuidePanel).region.width > 30
        assert not hint.display
        await pilot.press("g")
        await pilot.pause()
        assert not screen.query_one(GuidePanel).display and hint.region.height == 1


@sync
async def test_at_120x36_the_guide_is_beside_the_board_and_hidden_on_the_projector(engine: Engine, demo: int) -> None:
    for projector in (False, True):
        app = open_on(engine, demo, "what-is", projector=projector)
        async with app.run_test(size=MONITOR) as pilot:
            screen = await _ready(pilot, "what-is")
            assert screen.query_one(GuidePanel).display is not projector
            assert not screen.query_one(GuideHint).display  # the projector shows no hint either


# the boards ------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["demo", "six"])
@pytest.mark.parametrize("projector", [False, True], ids=["laptop", "projector"])
@sync
async def test_at_80x24_every_stage_column_shows_two_cards_with_their_first_three_lines(
        engine: Engine, which: str, projector: bool) -> None:
    wid = _demo(engine) if which == "demo" else build_six_stages(engine)
    state = engine.load(wid)
    app = open_on(engine, wid, "what-is", projector=projector)
    async with app.run_test(size=LAPTOP) as pilot:
        screen = await _ready(pilot, "what-is")
        columns = _whole_columns(screen.query_one(JourneyBoard))
        assert len(columns) >= 3
        for column in columns:
            cards = state.touchpoints_in(column.stage.ref)[:2]
            text = "\n".join(_rows(app, column.cards.region))
            for tp in cards:
                # the first three lines: the feeling, the start of the customer's words, ref and channel
                assert tp.ref in text, f"{tp.ref} of {column.stage.name!r} not on screen:\n{text}"
                assert tp.text.split()[0] in text
                assert (tp.channel or "no channel")[:3] in text


@pytest.mark.parametrize("phase, box, refs", [
    ("brief", "#list-participant", ["Ingrid Sæther", "Håkon Lien"]),
    ("brief", "#list-stage", ["Markedsføring", "Salg"]),
    ("what-if", "#ideas", ["I1", "I2"]),
    ("what-wows", "#ballot", ["I5", "I1"]),
    ("what-wows", "#concepts", ["C1", "C2"]),
    ("what-wows", "#assumptions", ["A1", "A2"]),
    ("what-works", "#backlog", ["P1", "P3"]),
])
@sync
async def test_at_80x24_the_other_boards_show_at_least_two_items(
        engine: Engine, demo: int, phase: str, box: str, refs: list[str]) -> None:
    app = open_on(engine, demo, phase)
    async with app.run_test(size=LAPTOP) as pilot:
        screen = await _ready(pilot, phase)
        widget = screen.query_one(box)
        text = "\n".join(_rows(app, widget.region))
        for ref in refs:
            assert ref in text, f"{ref} not in {box} at 80×24:\n{text}"


@sync
async def test_at_120x36_six_stages_are_all_shown_or_the_board_counts_those_out_of_view(
        engine: Engine, six: int) -> None:
    app = open_on(engine, six, "what-is")
    async with app.run_test(size=MONITOR) as pilot:
        screen = await _ready(pilot, "what-is")
        board = screen.query_one(JourneyBoard)
        shown = len(_whole_columns(board))
        more = lambda: _rows(app, screen.query_one("#board-more").region)[0]  # noqa: E731
        if shown < 6:
            assert f"{6 - shown} more ▶" in more() and "◀" not in more()
            for _ in range(5):
                await pilot.press("right")
            await pilot.pause(0.2)
            assert f"◀ {6 - len(_whole_columns(board))} more" in more() and "▶" not in more()
        assert "★ moment of truth" in more()


@pytest.mark.parametrize("size", [LAPTOP, MONITOR], ids=["80x24", "120x36"])
@sync
async def test_the_projector_shows_no_fewer_stages_than_the_normal_mode(engine: Engine, six: int, size) -> None:
    counts = []
    for projector in (False, True):
        app = open_on(engine, six, "what-is", projector=projector)
        async with app.run_test(size=size) as pilot:
            screen = await _ready(pilot, "what-is")
            counts.append(len(_whole_columns(screen.query_one(JourneyBoard))))
    assert counts[1] >= counts[0] >= 1
    if size == MONITOR:
        assert counts[1] == 6  # the guide gives the board its room on the projector


@sync
async def test_at_120x36_no_stage_name_is_cut_without_an_ellipsis(engine: Engine, six: int) -> None:
    app = open_on(engine, six, "what-is")
    async with app.run_test(size=MONITOR) as pilot:
        screen = await _ready(pilot, "what-is")
        for column in _whole_columns(screen.query_one(JourneyBoard)):
            title = column.query_one(StageTitle)
            name = _rows(app, title.region)[0].strip().rsplit("  ", 1)[0]
            assert name in STAGES or (name.endswith("…") and any(s.startswith(name[:-1]) for s in STAGES)), name
        curve = screen.query_one(EmotionCurve)
        ruler = _rows(app, curve.region)[-1]  # the stage ruler, as drawn
        labels = [part.strip() for part in ruler.split("│")[1:]]
        assert labels
        for label in labels:
            assert label in STAGES or (label.endswith("…") and any(s.startswith(label[:-1]) for s in STAGES)), label
        legend = _rows(app, screen.query_one("#board-more").region)[0]
        assert "★ moment of truth" in legend


# marks without colour --------------------------------------------------------------------------


@sync
async def test_the_focused_card_is_marked_and_checkboxes_show_their_state_by_shape(engine: Engine, six: int) -> None:
    app = open_on(engine, six, "what-is")
    async with app.run_test(size=MONITOR) as pilot:
        screen = await _ready(pilot, "what-is")
        column = _whole_columns(screen.query_one(JourneyBoard))[0]
        first = _rows(app, column.cards.region)[0]
        assert first.lstrip("│┃ ").startswith("▶"), first
        assert column.styles.border_top[0] == "heavy"  # the focused column: a heavier border
        for card, mark in (([], "☑"), (["down"], "☐")):  # the first card is a moment of truth, the second not
            await pilot.press(*card, "enter")
            await until(pilot, lambda: isinstance(app.screen, FormDialog))
            box = app.screen.query_one(Checkbox)
            for _field in range(20):  # its form's fields, one by one, down to the box
                if app.focused is box:
                    break
                await pilot.press("tab")
            await pilot.pause()
            assert mark in screen_text(app) and ("☐" if mark == "☑" else "☑") not in screen_text(app)
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, FormDialog))


@sync
async def test_a_pilots_card_ticks_the_assumptions_it_tests(engine: Engine, demo: int) -> None:
    app = open_on(engine, demo, "what-works")
    async with app.run_test(size=MONITOR) as pilot:
        await _ready(pilot, "what-works")
        card = str(app.screen.query_one("#pilot-card").render())
        assert "☑ A1" in card and "☐ A3" in card


@pytest.mark.parametrize("size", [LAPTOP, MONITOR], ids=["80x24", "120x36"])
@sync
async def test_nothing_of_the_layout_draws_on_the_footer_row(engine: Engine, demo: int, size) -> None:
    for phase in PHASES:
        app = open_on(engine, demo, phase)
        async with app.run_test(size=size) as pilot:
            screen = await _ready(pilot, phase)
            footer = screen.query_one(Footer)
            assert footer.region.y == size[1] - 1 and footer.region.height == 1
            hint = screen.query_one(GuideHint)
            assert not hint.display or hint.region.bottom <= footer.region.y
            assert screen.query_one("#phase-body").region.bottom <= footer.region.y
            row = screen_text(app).split("\n")[footer.region.y]
            assert len(row) == size[0] and row[-1] == " ", row  # no stray letter at the right edge


def test_every_phase_is_tested() -> None:
    assert sorted(PHASES) == sorted(p.value for p in Phase)


@pytest.mark.parametrize("phase", list(Phase))
def test_the_phase_tabs_take_the_widest_form_that_fits_and_never_wrap(monkeypatch: pytest.MonkeyPatch,
                                                                       phase: Phase) -> None:
    from workshop.tui.widgets import phasebar

    long_titles = {Phase.BRIEF: "Oppdraget", Phase.WHAT_IS: "Hva er", Phase.WHAT_IF: "Hva om",
                   Phase.WHAT_WOWS: "Hva begeistrer", Phase.WHAT_WORKS: "Hva virker"}
    monkeypatch.setattr(words, "_current", words.current())  # put back as it was after the test
    words.use("nb")  # the bokmål titles, longer than the English ones
    assert all(words.phase_title(p) == title for p, title in long_titles.items())
    assert all(title in phasebar.phase_tabs(phase, 78).plain for title in long_titles.values())
    for width in range(8, 100):
        text = phasebar.phase_tabs(phase, width)
        assert "\n" not in text.plain and text.cell_len <= width
        if width >= 40:  # the current phase's title whole, every other phase at least by its key
            assert "▸" + phasebar.PHASE_KEYS[phase] + " " + long_titles[phase] in text.plain
            assert all(key in text.plain for key in phasebar.PHASE_KEYS.values())
