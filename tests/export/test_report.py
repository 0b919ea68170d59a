"""The report: the whole workshop in phase order, ideas by theme with their dots, hidden ideas
only counted, concepts with their pitch, the backlog, and a short log."""

from __future__ import annotations

from export_checks import check_diagram, check_xychart, mermaid_blocks, raw_html, read

from workshop.export import render


def test_sections_come_in_phase_order(nordic) -> None:
    doc = read(render("report", nordic.state, nordic.events))
    top = [h for h in doc.headings if h in ("Brief", "What Is", "What If", "What Wows", "What Works", "Log")]
    assert top == ["Brief", "What Is", "What If", "What Wows", "What Works", "Log"]
    assert doc.headings[0] == f"Workshop report: {nordic.state.title}"


def test_ideas_by_theme_with_links_and_dots_and_the_hidden_idea_only_counted(nordic) -> None:
    state = nordic.state
    text = render("report", state, nordic.events)
    doc = read(text)
    varsling = next(t for t in doc.tables if t.heading == "Theme: Varsling")
    assert varsling.header == ["Ref", "Idea", "Author", "Touchpoints", "Dots"]
    assert varsling.rows == [
        ["I1", state.idea("I1").text, "Åse Ødegård", "T3", "5"],
        ["I2", state.idea("I2").text, "", "T3, T4", "2"],
    ]
    unthemed = next(t for t in doc.tables if t.heading == "Without a theme")
    assert [r[0] for r in unthemed.rows] == ["I4"]
    hidden = state.idea("I5")
    assert hidden.hidden and hidden.text not in text
    assert "1 idea written in silence is hidden until the facilitator reveals it." in text


def test_ideas_by_dots_and_concepts_with_pitch_and_assumptions(nordic) -> None:
    state = nordic.state
    doc = read(render("report", state, nordic.events))
    by_dots = next(t for t in doc.tables if t.heading == "Ideas by dots")
    assert [(r[1], r[4]) for r in by_dots.rows] == [("I1", "5"), ("I2", "2"), ("I3", "2"), ("I4", "2")]
    assert "Concept C1, from idea I1" in doc.headings
    assert f"Why it is worth it: {state.concept('C1').rationale}" in doc.items
    assert "Wow: yes, a surprise that delights" in doc.items
    assert "A3 (execution assumption): Nok ansatte vil jobbe kveld i påsken" in doc.items


def test_hidden_votes_leave_out_every_tally(engine) -> None:
    from export_workshop import build

    wid = build(engine, reveal=False)
    text = render("report", engine.load(wid), engine.events(wid))
    doc = read(text)
    assert "Votes are hidden until the facilitator reveals them." in text
    assert all("Dots" not in t.header for t in doc.tables)
    assert "Ideas by dots" in doc.headings and not any(t.heading == "Ideas by dots" for t in doc.tables)


def test_the_journey_and_backlog_are_inside_and_the_log_is_summed_up(nordic) -> None:
    text = render("report", nordic.state, nordic.events)
    curve, *journeys = mermaid_blocks(text)
    check_xychart(curve)
    assert len(journeys) == 4 and all(check_diagram(j).sections for j in journeys)
    doc = read(text)
    assert any(h.startswith("1. SMS-varsel ved forsinkelse i Oslo") for h in doc.headings)
    events = nordic.events
    assert f"{len(events)} changes, from {events[0].at} to {events[-1].at}" in doc.items
    assert any(item.endswith("by: Åse Ødegård") for item in doc.items)
    assert "Log" not in read(render("report", nordic.state)).headings
    assert raw_html(text) == []


def test_at_a_glance_opens_the_report(nordic) -> None:
    text = render("report", nordic.state, nordic.events)
    doc = read(text)
    assert text.index("**At a glance**") < text.index("## Brief")
    assert doc.items[1] == "Weakest link: S4 Kundeservice, mean feeling −2, pains at 1 of 1 touchpoint."
    assert "P1 SMS-varsel ved forsinkelse i Oslo: owner Bjørn Kværnes, 2025-04-01 – 2025-05-15" in doc.items[:9]
