"""The detail pane (i) as the room reads it: every field of a touchpoint, an idea, a concept and a
pilot, in place of the guide, following the cursor as it moves (keys at full speed too); what the
blind rules hide stays hidden (ideas written in silence, dots before the reveal, anonymous
authors); hostile text is shown as typed; the words are the room's language."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator

import pytest
from textual.widgets import Static

from phase_helpers import burst, open_on, screen_text, until
from workshop.demo import build_demo
from workshop.domain.values import FEELINGS
from workshop.engine import Engine
from workshop.tui import words
from workshop.tui.screens.base import PhaseScreen
from workshop.tui.widgets.board import TouchpointColumnList
from workshop.tui.widgets.detail import DetailPane, detail_text
from workshop.tui.widgets.guide import GuidePanel

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def demo(engine: Engine) -> int:
    build_demo(engine, today=dt.date(2026, 3, 2))
    return engine.workshop_id("demo")


def pane(app) -> str:
    """What the detail pane says, its lines joined as they were written (not as wrapped)."""
    panel = app.screen.query_one(DetailPane)
    assert panel.display, "the detail pane is not shown"
    return " ".join(str(panel.query_one("#detail-text", Static).content).split())


def flat(value: str) -> str:
    return " ".join(value.split())


async def _ready(pilot, app, phase_class_name: str) -> PhaseScreen:
    return await until(pilot, lambda: app.screen if type(app.screen).__name__ == phase_class_name
                       and app.screen.is_mounted else None)


async def _pane_beside(pilot, app, phase_class_name: str, list_id: str) -> PhaseScreen:
    """The phase screen once its list `list_id` is filled, the detail pane shown, the list focused."""
    screen = await _ready(pilot, app, phase_class_name)
    await until(pilot, lambda: screen.query_one(list_id).option_count)
    await pilot.press("i")
    screen.query_one(list_id).focus()
    return screen


def test_a_touchpoint_shows_every_field_in_place_of_the_guide_and_follows_the_cursor(engine: Engine, demo: int) -> None:
    state = engine.load(demo)
    t8, t9 = state.touchpoint("T8"), state.touchpoint("T9")

    async def scenario() -> None:
        app = open_on(engine, demo, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _ready(pilot, app, "WhatIsScreen")
            await until(pilot, lambda: screen.query(TouchpointColumnList))
            assert screen.query_one(GuidePanel).display and not screen.query_one(DetailPane).display
            await pilot.press("i")
            await until(pilot, lambda: "Touchpoint T1" in pane(app))
            assert not screen.query_one(GuidePanel).display
            await pilot.press("right", "right")  # stage 3, its first card: T8
            await until(pilot, lambda: "Touchpoint T8" in pane(app))
            text = pane(app)
            for expected in (flat(t8.text), "Stage: 3. Levering og bruk", "Channel: email",
                             f"Feeling: >:( {FEELINGS[-2]} (-2)", "Moment of truth: ★ yes",
                             f"Pains ({len(t8.pains)}):", *t8.pains, f"Evidence: {flat(t8.evidence)}",
                             "Count: 140", "Persona: Hobbygartneren Kari", "Author: Marte Kvåle"):
                assert expected in text, f"{expected!r} missing from {text!r}"
            linked = [i for i in state.ideas if "T8" in i.touchpoints]
            assert linked and f"Ideas ({len(linked)}):" in text
            for idea in linked:
                assert f"{idea.ref} {flat(idea.text)}" in text
            # Readable on screen, not only held: the first pain is drawn in the pane.
            assert t8.pains[0][:30] in screen_text(app)
            await pilot.press("down")
            await until(pilot, lambda: "Touchpoint T9" in pane(app))
            assert flat(t9.text) in pane(app) and "Count: —" in pane(app) and "Persona: —" in pane(app)
            # i again puts the guide back; g while the pane is shown does too.
            await pilot.press("i")
            await until(pilot, lambda: screen.query_one(GuidePanel).display)
            assert not screen.query_one(DetailPane).display
            await pilot.press("i", "g")
            await until(pilot, lambda: screen.query_one(GuidePanel).display)
            assert not screen.query_one(DetailPane).display

    asyncio.run(scenario())


def test_keys_at_full_speed_leave_the_pane_on_the_card_under_the_cursor(engine: Engine, demo: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, demo, "what-is")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _ready(pilot, app, "WhatIsScreen")
            await until(pilot, lambda: screen.query(TouchpointColumnList))
            await burst(pilot, "i", "right", "down", "down", "down", "up")
            await until(pilot, lambda: isinstance(app.screen.focused, TouchpointColumnList)
                        and app.screen.focused.selected_ref == "T6")
            await until(pilot, lambda: "Touchpoint T6" in pane(app))
            # At 80×24 the pane takes the guide's place and leaves the board two columns of cards.
            assert app.screen.query_one(DetailPane).size.width <= 34
            assert "Jeg betaler med Vipps" in pane(app)

    asyncio.run(scenario())


def test_an_idea_shows_its_fields_and_its_dots_only_once_revealed(engine: Engine, demo: int) -> None:
    state = engine.load(demo)
    idea = state.idea("I1")

    async def scenario() -> None:
        app = open_on(engine, demo, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _ready(pilot, app, "WhatIfScreen")
            await pilot.press("i")
            await until(pilot, lambda: "Idea I" in pane(app))
            screen.query_one("#ideas").select_ref("I1")
            await until(pilot, lambda: "Idea I1" in pane(app))
            text = pane(app)
            assert flat(idea.text) in text and f"Theme: {idea.theme}" in text and f"Author: {idea.author}" in text
            assert f"Touchpoints ({len(idea.touchpoints)}):" in text
            for ref in idea.touchpoints:
                assert f"{ref} {flat(state.touchpoint(ref).text)}" in text
            assert f"Dots: {state.dots_for('I1')}" in text
            concept = next(c for c in state.concepts if c.idea == "I1")
            assert f"Concept: {concept.ref} {flat(concept.big_idea)}" in text
            # Blind again: the dots are hidden, and no count of them is shown.
            engine.reveal_votes(demo, hide=True)
            await until(pilot, lambda: "Dots: hidden until the votes are revealed" in pane(app))
            assert f"Dots: {state.dots_for('I1')}" not in pane(app)

    asyncio.run(scenario())


def test_ideas_written_in_silence_and_anonymous_authors_stay_hidden(engine: Engine, demo: int) -> None:
    secret = "Hemmelig idé: gratis frakt på alt i mai"

    async def scenario() -> None:
        app = open_on(engine, demo, "what-is")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _ready(pilot, app, "WhatIsScreen")
            await until(pilot, lambda: screen.query(TouchpointColumnList))
            engine.set_rules(demo, silent=True)
            engine.add_idea(demo, secret, touchpoints=["T1"], author="Håkon Lien")
            await pilot.press("i")
            await until(pilot, lambda: "1 idea written in silence, hidden until revealed" in pane(app))
            text = pane(app)
            assert secret not in text and secret[:20] not in screen_text(app)
            # While silent, the cards are anonymous: the room does not see who wrote the card.
            assert "Author: hidden (cards are anonymous now)" in text and "Håkon Lien" not in text
            # The hidden idea itself, wherever it is asked for, shows no text either.
            hidden = next(i for i in engine.load(demo).ideas if i.hidden)
            said = detail_text(engine.load(demo), hidden.ref).plain
            assert secret not in said and "hidden until the ideas are revealed" in said

    asyncio.run(scenario())


def test_a_concept_shows_its_napkin_pitch_and_every_assumption(engine: Engine, demo: int) -> None:
    state = engine.load(demo)

    async def scenario() -> None:
        app = open_on(engine, demo, "what-wows")
        async with app.run_test(size=(120, 36)) as pilot:
            await _pane_beside(pilot, app, "WhatWowsScreen", "#concepts")
            await until(pilot, lambda: "Concept C1" in pane(app))
            concept = state.concept("C1")
            text = pane(app)
            for expected in (flat(concept.big_idea), f"Who benefits: {flat(concept.benefits)}",
                             f"How we deliver: {flat(concept.execution)}",
                             f"Why it is worth it: {flat(concept.rationale)}", f"Effect: {concept.effect} / 5",
                             f"Cost: {concept.cost} / 5", "Wows: ★ yes" if concept.wow else "Wows: no"):
                assert expected in text, f"{expected!r} missing from {text!r}"
            assumptions = state.assumptions_of("C1")
            assert assumptions and f"Assumptions ({len(assumptions)}):" in text
            for a in assumptions:
                assert flat(a.text) in text and (not a.test or flat(a.test) in text)
                assert (f"{a.ref} ‼ critical" in text) == a.critical
            # Down the list, the pane follows.
            await pilot.press("down")
            await until(pilot, lambda: "Concept C2" in pane(app))

    asyncio.run(scenario())


def test_a_pilot_shows_every_field_and_its_tests_ticked(engine: Engine, demo: int) -> None:
    state = engine.load(demo)

    async def scenario() -> None:
        app = open_on(engine, demo, "what-works")
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await _pane_beside(pilot, app, "WhatWorksScreen", "#backlog")
            await until(pilot, lambda: "Pilot P" in pane(app))
            ref = screen.query_one("#backlog").highlighted_option.id
            p = next(p for p in state.pilots if p.ref == ref)
            text = pane(app)
            for label, value in (("Hypothesis", p.hypothesis), ("Metric", p.metric), ("Owner", p.owner),
                                 ("Start", p.start_date), ("End", p.end_date), ("Budget", p.budget),
                                 ("Scope", p.scope), ("Status", p.status)):
                assert f"{label}: {flat(value or '—')}" in text, f"{label} missing from {text!r}"
            assert flat(p.name) in text and "Rank: #1" in text
            for a in state.assumptions_of(p.concept):
                box = "☑" if a.ref in p.tests else "☐"
                assert f"{box} {a.ref} {flat(a.text)}" in text
            assert "☑" in text and f"Tests ({len(p.tests)}):" in text

    asyncio.run(scenario())


def test_hostile_text_in_the_pane_is_shown_as_typed(engine: Engine) -> None:
    wid, _ = engine.create_workshop("Fiendtlig", stages=["Per [/] Hansen"])
    engine.add_participant(wid, "Per [/] Hansen")
    engine.add_touchpoint(wid, "[@click=app.quit]x[/] æøå", stage="Per [/] Hansen", feeling=1,
                          pains=["[b]fet[/b]"], evidence="[red]rød[/red]", author="Per [/] Hansen")

    async def scenario() -> None:
        app = open_on(engine, wid, "what-is")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _ready(pilot, app, "WhatIsScreen")
            await until(pilot, lambda: screen.query(TouchpointColumnList))
            await pilot.press("i")
            await until(pilot, lambda: "Touchpoint T1" in pane(app))
            text = pane(app)
            for typed in ("[@click=app.quit]x[/] æøå", "Stage: 1. Per [/] Hansen", "[b]fet[/b]",
                          "Evidence: [red]rød[/red]", "Author: Per [/] Hansen"):
                assert typed in text
            assert "[@click=app.quit]x[/]" in screen_text(app) and app.is_running

    asyncio.run(scenario())


@pytest.fixture
def norwegian() -> Iterator[None]:
    words.use("nb")
    yield
    words.use(None)


def test_the_pane_speaks_norwegian(engine: Engine, demo: int, norwegian: None) -> None:
    state = engine.load(demo)
    text = " ".join(detail_text(state, "T8").plain.split())
    for expected in ("Kontaktpunkt T8", "Fase: 3. Levering og bruk", "Kanal: e-post", "Følelse: >:( frustrert (-2)",
                     "Sannhetens øyeblikk: ★ ja", "Smertepunkter (2):", "Antall: 140", "Skrevet av: Marte Kvåle"):
        assert expected in text
    pilot = " ".join(detail_text(state, "P1").plain.split())
    assert "Hypotese:" in pilot and "Ansvarlig:" in pilot and "Tester (" in pilot
