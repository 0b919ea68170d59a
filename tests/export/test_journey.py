"""The journey map as a wiki reader gets it: at a glance, the brief, the emotion curve, each stage
with its diagrams and its table, the weakest link and the design criteria, each cell holding
exactly what the room typed."""

from __future__ import annotations

import pytest
from export_checks import MD, check_diagram, check_journey, check_xychart, mermaid_blocks, raw_html, read

from workshop.domain.errors import InvalidInput
from workshop.export import render
from workshop.export.diagrams import FONT_PX, TASK_BOX_PX, text_em
from workshop.export.words import CHANNELS


def test_every_touchpoint_is_a_row_of_its_stage_table_with_what_was_typed(nordic) -> None:
    doc = read(render("journey", nordic.state))
    state = nordic.state
    for n, stage in enumerate(state.stages, 1):
        (table,) = [t for t in doc.tables if t.heading == f"{n}. {stage.name} ({stage.ref})"] or [None]
        tps = state.touchpoints_in(stage.ref)
        if not tps:
            assert table is None, f"{stage.name} has no touchpoints but a table"
            continue
        assert table.header == ["Ref", "Touchpoint", "Persona", "Feeling", "Pains", "Evidence"]
        assert [r[0] for r in table.rows] == [tp.ref + ("\u00a0★" if tp.moment_of_truth else "") for tp in tps]
        for row, tp in zip(table.rows, tps, strict=True):
            where = f" ({CHANNELS[tp.channel]})" if tp.channel else ""
            assert row[1] == tp.text + where
            persona = state.persona(tp.persona) if tp.persona else None
            assert row[2] == (persona.name if persona else "")
            assert row[4] == "\n".join(f"• {p}" for p in tp.pains)
            assert row[5].startswith(tp.evidence)
    t3 = next(t for t in doc.tables if "(S3)" in t.heading)
    assert t3.row("T3\u00a0★")[1:] == ["Venter på sporingsmelding som ikke kommer (by email)", "Pensjonisten Per",
                                  "😠 frustrated (−2)", "• Sporingslenken viser «ukjent sending»\n"
                                  "• SMS-en kommer etter at pakken er levert",
                                  "12 samtaler i uka om leveringstid\ncount: 12"]
    assert t3.row("T4")[1] == "Henter pakken på Posten i butikk (in a store)"


def test_at_a_glance_comes_first_and_tells_what_was_decided(nordic) -> None:
    text = render("journey", nordic.state)
    doc = read(text)
    assert text.index("**At a glance**") < text.index("## Brief")
    assert doc.items[:9] == [
        f"Challenge: {nordic.state.challenge}",
        "Weakest link: S4 Kundeservice, mean feeling −2, pains at 1 of 1 touchpoint.",
        "Moments of truth (2):",
        "T3 ★ Venter på sporingsmelding som ikke kommer (S3, 😠 −2)",
        "T5 ★ Ringer kundeservice for å høre hvor pakken er (S4, 😠 −2)",
        "Top pilots, best first (3 of 3):",
        "P1 SMS-varsel ved forsinkelse i Oslo: owner Bjørn Kværnes, 2025-04-01 – 2025-05-15",
        "P3 Kart-prototype i appen: no owner yet, dates not set",
        "P2 Kveldsvakt i påsken: owner Åse Ødegård, 2025-04-10 – 2025-04-21",
    ]
    assert doc.items[9] == "Counts: 5 touchpoints (5 rated), 5 ideas (1 still hidden), 11 dots, 3 pilots."


def test_a_tie_for_the_weakest_link_is_named_as_a_tie(engine) -> None:
    wid, _ = engine.create_workshop("Uavgjort", stages=["Kjøp", "Levering", "Bruk"])
    engine.add_touchpoint(wid, "Betaler med Vipps", stage="Kjøp", feeling=1)
    engine.add_touchpoint(wid, "Pakken kommer for sent", stage="Levering", feeling=-2, pains=["Ingen SMS"])
    engine.add_touchpoint(wid, "Appen krasjer", stage="Bruk", feeling=-2, pains=["Feil 500"])
    text = render("journey", engine.load(wid))
    doc = read(text)
    assert ("Weakest link: a tie between 2 stages: S2 Levering, mean feeling −2, pains at 1 of 1 touchpoint; "
            "S3 Bruk, mean feeling −2, pains at 1 of 1 touchpoint.") in doc.items
    assert ("A tie between 2 stages: S2, Levering: mean feeling −2 across 1 rated touchpoint; 1 of 1 touchpoint "
            "has pains (1 in all); S3, Bruk: mean feeling −2 across 1 rated touchpoint; 1 of 1 touchpoint has pains "
            "(1 in all). A journey is only as good as its weakest link.") in text
    assert "Moments of truth: none marked yet" in doc.items and "Top pilots: none yet" in doc.items


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


def _shown(label: str, lead: str, text: str) -> bool:
    """Whether a diagram label is `lead` and then `text`, whole or cut short with `…`."""
    if label == f"{lead} {text}":
        return True
    return label.startswith(lead + " ") and label.endswith("…") and text.startswith(label[len(lead) + 1:-1])


def test_each_stage_has_journeys_of_three_touchpoints_at_most_with_short_labels_from_the_t_number(nordic) -> None:
    state = nordic.state
    text = render("journey", state)
    curve, *journeys = [check_diagram(source) for source in mermaid_blocks(text)]
    # Markedsføring, Salg, Levering og bruk, Kundeservice: one diagram each; Oppfølging has none.
    sections = [section for j in journeys for section in j.sections]
    assert [name for name, _ in sections] == ["S1 Markedsføring", "S2 Salg", "S3 Levering og bruk", "S4 Kundeservice"]
    tasks = [task for _, stage_tasks in sections for task in stage_tasks]
    assert [score for _, score, _ in tasks] == [tp.feeling + 3 for tp in state.journey()]
    for (label, _, actors), tp in zip(tasks, state.journey(), strict=True):
        assert _shown(label, tp.ref + (" ★" if tp.moment_of_truth else ""), tp.text), label
        assert text_em(label) <= TASK_BOX_PX / FONT_PX and not actors
    assert tasks[0][0] == "T1 Ser annonse…" and tasks[2][0] == "T3 ★ Venter på…"
    assert [label.split(" ")[0] for label in curve.labels] == ["S1", "S2", "S3", "S4"]
    assert all(_shown(label, s.ref, s.name) for label, s in zip(curve.labels, state.stages, strict=False))
    assert curve.values == [1, 0, -1.5, -2]
    assert "5. Oppfølging (S5)" in read(text).headings
    assert "Not on the chart, nothing rated yet: S5 Oppfølging." in text


def test_a_long_stage_is_drawn_in_diagrams_of_three_spread_evenly(engine) -> None:
    wid, _ = engine.create_workshop("Lang etappe", stages=["Levering"])
    for n in range(7):
        engine.add_touchpoint(wid, f"Steg {n + 1}", stage="Levering", feeling=n % 5 - 2)
    journeys = [check_journey(s) for s in mermaid_blocks(render("journey", engine.load(wid)))]
    assert [[task for task, _, _ in j.sections[0][1]] for j in journeys] == [
        ["T1 Steg 1", "T2 Steg 2", "T3 Steg 3"], ["T4 Steg 4", "T5 Steg 5"], ["T6 Steg 6", "T7 Steg 7"]]


def test_the_emotion_curve_reads_as_text_with_or_without_diagrams(nordic) -> None:
    for fence in ("backticks", "azure", "none"):
        doc = read(render("journey", nordic.state, mermaid=fence))
        assert doc.items[-7:-2] == [
            "███████░░ +1 S1 Markedsføring: T1 🙂 +1",
            "█████░░░░ 0 S2 Salg: T2 😐 0",
            "██░░░░░░░ −1.5 S3 Levering og bruk: T3 ★ 😠 −2, T4 🙁 −1",
            "█░░░░░░░░ −2 S4 Kundeservice: T5 ★ 😠 −2",
            "S5 Oppfølging: no touchpoints yet",
        ], fence


def test_an_unrated_touchpoint_is_not_drawn_as_neutral_and_no_touchpoints_means_no_diagram(engine) -> None:
    wid, _ = engine.create_workshop("Tom reise", stages=["Kjøp", "Bruk"])
    empty = render("journey", engine.load(wid))
    assert mermaid_blocks(empty) == []
    assert "No touchpoints yet, so there is no curve." in empty
    engine.add_touchpoint(wid, "Åpner appen: ser «feil 500»", stage="Bruk")
    unrated = render("journey", engine.load(wid))
    assert mermaid_blocks(unrated) == []
    assert "S2 Bruk: nothing rated yet (T1 not rated)" in read(unrated).items
    engine.add_touchpoint(wid, "Betaler med Vipps", stage="Kjøp", feeling=0)
    engine.add_touchpoint(wid, "Logger inn med BankID", stage="Bruk", feeling=1)
    text = render("journey", engine.load(wid))
    diagrams = [check_diagram(s) for s in mermaid_blocks(text)]
    # The neutral one is the one rated neutral; the unrated one is named under its stage's diagram.
    assert [j.sections for j in diagrams[1:]] == [[("S1 Kjøp", [("T2 Betaler med…", 3, [])])],
                                                  [("S2 Bruk", [("T3 Logger inn…", 4, [])])]]
    assert diagrams[0].values == [0, 1]  # the mean of the rated ones only
    assert "<p>Not in the diagram, not rated yet: T1 Åpner appen: ser «feil 500».</p>" in MD.render(text)


def test_weakest_link_and_design_criteria(nordic) -> None:
    text = render("journey", nordic.state)
    doc = read(text)
    assert "Weakest link" in doc.headings and "Design criteria" in doc.headings
    assert "Stage S4, Kundeservice: mean feeling −2 across 1 rated touchpoint" in text
    assert [c.text for c in nordic.state.criteria] == doc.items[-2:]


@pytest.mark.parametrize("fence", ["backticks", "azure", "none"])
def test_fences_for_each_wiki(nordic, fence: str) -> None:
    text = render("journey", nordic.state, mermaid=fence)
    blocks = mermaid_blocks(text)
    if fence == "none":
        assert blocks == [] and "mermaid" not in text
        return
    for source in blocks:
        check_diagram(source)
    if fence == "azure":
        # Azure DevOps' wiki draws journeys but no xy charts: the curve is left to the text.
        assert len(blocks) == 4 and "::: mermaid\njourney\n" in text and "```" not in text
        assert "xychart" not in text
    else:
        assert len(blocks) == 5 and "```mermaid\njourney\n" in text
        check_xychart(blocks[0])


def test_a_backtick_run_in_the_text_cannot_close_the_fence(engine) -> None:
    wid, _ = engine.create_workshop("````` fem backticks `````", stages=["Første"])
    engine.add_touchpoint(wid, "```\nlukk\n```", stage="Første", feeling=-1)
    text = render("journey", engine.load(wid))
    (source,) = mermaid_blocks(text)
    assert check_journey(source).sections == [("S1 Første", [("T1 ``` lukk ```", 2, [])])]
    assert "````mermaid\n" in text


def test_no_raw_html_at_all(nordic) -> None:
    for fence in ("backticks", "azure", "none"):
        assert raw_html(render("journey", nordic.state, mermaid=fence)) == []


def test_unknown_export_or_fence_is_refused_naming_the_option(nordic) -> None:
    with pytest.raises(InvalidInput, match="^what: must be one of"):
        render("pdf", nordic.state)
    with pytest.raises(InvalidInput, match="^mermaid: must be one of"):
        render("journey", nordic.state, mermaid="confluence")


def test_before_the_reveal_the_glance_counts_the_dots_but_keeps_the_tally_hidden(engine) -> None:
    from export_workshop import build

    state = engine.load(build(engine, reveal=False))
    counts = next(i for i in read(render("journey", state)).items if i.startswith("Counts:"))
    assert counts == "Counts: 5 touchpoints (5 rated), 5 ideas (1 still hidden), 11 dots (the tally is hidden), 3 pilots."
