"""The journey map as a wiki reader gets it: the brief, the diagram, a table per stage, the
weakest link and the design criteria, each cell holding exactly what the room typed."""

from __future__ import annotations

import pytest
from export_checks import MD, check_journey, mermaid_blocks, raw_html_outside_cells, read

from workshop.domain.errors import InvalidInput
from workshop.export import render


def test_every_touchpoint_is_a_row_of_its_stage_table_with_what_was_typed(nordic) -> None:
    doc = read(render("journey", nordic.state))
    state = nordic.state
    for n, stage in enumerate(state.stages, 1):
        tables = [t for t in doc.tables if t.heading == f"{n}. {stage.name} ({stage.ref})"]
        tps = state.touchpoints_in(stage.ref)
        if not tps:
            assert not tables, f"{stage.name} has no touchpoints but a table"
            continue
        (table,) = tables
        assert [r[0] for r in table.rows] == [tp.ref for tp in tps]
        for tp in tps:
            assert table.cell(tp.ref, "Touchpoint") == tp.text
            assert table.cell(tp.ref, "Channel") == (tp.channel or "")
            persona = state.persona(tp.persona) if tp.persona else None
            assert table.cell(tp.ref, "Persona") == (persona.name if persona else "")
            assert table.cell(tp.ref, "Pains") == "\n".join(f"• {p}" for p in tp.pains)
            assert table.cell(tp.ref, "Evidence").startswith(tp.evidence)
    t3 = next(t for t in doc.tables if "(S3)" in t.heading)
    assert t3.cell("T3", "Feeling") == "😠 frustrated (−2)"
    assert t3.cell("T3", "Evidence") == "12 samtaler i uka om leveringstid\ncount: 12"
    assert t3.cell("T3", "Moment of truth") == "★ yes"
    assert t3.cell("T4", "Moment of truth") == ""


def test_the_brief_people_and_personas_are_shown(nordic) -> None:
    doc = read(render("journey", nordic.state))
    state = nordic.state
    assert doc.headings[0] == f"Journey map: {state.title}"
    assert f"Challenge: {state.challenge}" in doc.items
    assert f"Scope: {state.scope}" in doc.items
    assert "Date: 2025-03-12" in doc.items
    for measure in state.success_measures + state.constraints:
        assert measure in doc.items
    people = next(t for t in doc.tables if t.heading == "Participants")
    assert [(r[0], r[1], r[2]) for r in people.rows] == [
        (p.name, p.role, "yes" if p.facilitator else "") for p in state.participants
    ]
    personas = next(t for t in doc.tables if t.heading == "Personas")
    assert personas.rows == [[r.name, r.description] for r in state.personas]


def test_the_diagram_has_a_section_per_stage_with_touchpoints_and_a_task_per_touchpoint(nordic) -> None:
    state = nordic.state
    (source,) = mermaid_blocks(render("journey", state))
    journey = check_journey(source)
    assert journey.title == state.title
    # Oppfølging holds no touchpoint: it is left out of the diagram but keeps its table heading.
    stages = [s for s in state.stages if state.touchpoints_in(s.ref)]
    assert [name for name, _ in journey.sections] == [s.name for s in stages]
    for (name, tasks), stage in zip(journey.sections, stages, strict=True):
        expected = []
        for tp in state.touchpoints_in(stage.ref):
            persona = state.persona(tp.persona) if tp.persona else None
            expected.append((tp.text, tp.feeling + 3, [persona.name if persona else "Customer"]))
        assert tasks == expected
    assert "5. Oppfølging (S5)" in read(render("journey", state)).headings


def test_an_unrated_touchpoint_is_not_drawn_as_neutral_and_no_touchpoints_means_no_diagram(engine) -> None:
    wid, _ = engine.create_workshop("Tom reise", stages=["Kjøp", "Bruk"])
    empty = render("journey", engine.load(wid))
    assert mermaid_blocks(empty) == []
    assert "No touchpoints yet, so there is no diagram." in empty
    engine.add_touchpoint(wid, "Åpner appen: ser «feil 500»", stage="Bruk")
    unrated = render("journey", engine.load(wid))
    assert mermaid_blocks(unrated) == []
    assert "No touchpoint has a feeling yet, so there is no diagram." in unrated
    engine.add_touchpoint(wid, "Betaler med Vipps", stage="Kjøp", feeling=0)
    text = render("journey", engine.load(wid))
    journey = check_journey(mermaid_blocks(text)[0])
    # The neutral one is the one rated neutral; the unrated one is named under the diagram.
    assert journey.sections == [("Kjøp", [("Betaler med Vipps", 3, ["Customer"])])]
    assert "<p>Not in the diagram, not rated yet: T1 Åpner appen: ser «feil 500».</p>" in MD.render(text)


def test_weakest_link_and_design_criteria(nordic) -> None:
    text = render("journey", nordic.state)
    doc = read(text)
    assert "Weakest link" in doc.headings and "Design criteria" in doc.headings
    assert "Stage S4, Kundeservice: mean feeling −2 across 1 rated touchpoint" in text
    assert [c.text for c in nordic.state.criteria] == doc.items[-2:]
    assert "Emotion curve, in journey order: T1 🙂 +1 → T2 😐 0 → T3 😠 −2 → T4 🙁 −1 → T5 😠 −2." in text


@pytest.mark.parametrize("fence", ["backticks", "azure", "none"])
def test_fences_for_each_wiki(nordic, fence: str) -> None:
    text = render("journey", nordic.state, mermaid=fence)
    blocks = mermaid_blocks(text)
    if fence == "none":
        assert blocks == [] and "mermaid" not in text
        return
    assert len(blocks) == 1
    check_journey(blocks[0])
    if fence == "azure":
        assert "::: mermaid\njourney\n" in text and "```" not in text
    else:
        assert "```mermaid\njourney\n" in text


def test_a_backtick_run_in_the_text_cannot_close_the_fence(engine) -> None:
    wid, _ = engine.create_workshop("````` fem backticks `````", stages=["Første"])
    engine.add_touchpoint(wid, "```\nlukk\n```", stage="Første", feeling=-1)
    text = render("journey", engine.load(wid))
    (source,) = mermaid_blocks(text)
    assert check_journey(source).title == "````` fem backticks `````"
    assert "``````mermaid\n" in text


def test_no_raw_html_but_line_breaks_in_cells(nordic) -> None:
    assert raw_html_outside_cells(render("journey", nordic.state)) == []


def test_unknown_export_or_fence_is_refused_naming_the_option(nordic) -> None:
    with pytest.raises(InvalidInput, match="^what: must be one of"):
        render("pdf", nordic.state)
    with pytest.raises(InvalidInput, match="^mermaid: must be one of"):
        render("journey", nordic.state, mermaid="confluence")
