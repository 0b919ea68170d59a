"""The pilot backlog: the ranked table, a section per pilot with a task list, and the CSV a
tracker imports."""

from __future__ import annotations

import csv
import io

from export_checks import raw_html, read

from workshop.domain import views
from workshop.export import render
from workshop.export.tracker import COLUMNS


def test_ranked_table_lists_pilots_best_first_with_what_was_typed(nordic) -> None:
    state = nordic.state
    doc = read(render("backlog", state))
    (table,) = doc.tables
    assert table.header == ["Rank", "Pilot", "Hypothesis", "Owner", "Status and dates", "Effect ÷ cost, votes"]
    # Effect ÷ cost: SMS (4/2) before the map (5/5) before the evening shift (3/4).
    assert [r[1] for r in table.rows] == ["SMS-varsel ved forsinkelse i Oslo", "Kart-prototype i appen",
                                          "Kveldsvakt i påsken"]
    for row, entry in zip(table.rows, views.rank_pilots(state), strict=True):
        pilot = entry.pilot
        assert row[0] == str(entry.rank)
        assert row[1:4] == [pilot.name, pilot.hypothesis, pilot.owner]
    assert [r[4:] for r in table.rows] == [
        ["planned; 2025-04-01 – 2025-05-15", "4 ÷ 2, 5 votes"],
        ["proposed; not set", "5 ÷ 5, 2 votes"],
        ["done, decided to iterate; 2025-04-10 – 2025-04-21", "3 ÷ 4, 2 votes"],
    ]


def test_each_pilot_has_its_pitch_assumptions_and_tasks(nordic) -> None:
    doc = read(render("backlog", nordic.state))
    assert doc.headings[:4] == [
        "Pilot backlog: Pakken som aldri kom – levering og oppfølging",
        "1. SMS-varsel ved forsinkelse i Oslo (P1)", "Napkin pitch (C1)", "Assumptions it tests",
    ]
    assert "Big idea: Vi sier fra før kunden rekker å lure" in doc.items
    assert ("A1 (critical execution assumption): Transportøren sender hendelser i sanntid\n"
            "Test: Be om API-tilgang og mål forsinkelsen i to uker") in doc.items
    # The task list a team can work through: owner, threshold, each assumption, dates, decision.
    assert "[ ] Confirm the owner: Bjørn Kværnes" in doc.items
    assert "[ ] Test assumption A2: Kundene vil ha SMS, ikke e-post" in doc.items
    assert "[ ] Start on 2025-04-01 and end on 2025-05-15" in doc.items
    assert "[ ] Name an owner" in doc.items  # the map prototype has none
    assert "[x] Decide: scale, iterate or stop" in doc.items  # the evening shift decided to iterate


def test_votes_stay_hidden_until_revealed(engine) -> None:
    from export_workshop import build

    state = engine.load(build(engine, reveal=False))
    text = render("backlog", state)
    assert "Votes are hidden until the facilitator reveals them." in text
    (table,) = read(text).tables
    assert {r[5].split(", ")[1] for r in table.rows} == {"votes hidden"}
    assert "Votes:" not in render("csv", state)


def test_no_raw_html_at_all(nordic) -> None:
    assert raw_html(render("backlog", nordic.state)) == []


def test_csv_has_the_tracker_columns_and_a_row_per_pilot_in_rank_order(nordic) -> None:
    state = nordic.state
    rows = list(csv.DictReader(io.StringIO(render("csv", state), newline="")))
    assert tuple(rows[0]) == COLUMNS == ("Summary", "Description", "Assignee", "Due date", "Priority", "Labels")
    ranked = views.rank_pilots(state)
    assert [r["Summary"] for r in rows] == [e.pilot.name for e in ranked]
    assert [r["Assignee"] for r in rows] == [e.pilot.owner for e in ranked]
    assert [r["Due date"] for r in rows] == ["2025-05-15", "", "2025-04-21"]
    assert [r["Priority"] for r in rows] == ["Highest", "High", "Medium"]
    assert rows[0]["Labels"] == "workshop,pilot,planned,pakken-som-aldri-kom-levering-og-oppfolging"
    # Line breaks stay inside the quoted description.
    assert rows[0]["Description"].splitlines()[:2] == [
        f"Hypothesis: {ranked[0].pilot.hypothesis}",
        f"Success metric and threshold: {ranked[0].pilot.metric}",
    ]
    assert "- A1 (critical execution): Transportøren sender hendelser i sanntid" in rows[0]["Description"]


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe(engine) -> None:
    wid, _ = engine.create_workshop("Formler", stages=["Bruk"])
    engine.add_participant(wid, "Ola")
    i = engine.add_idea(wid, "Idé")
    c = engine.add_concept(wid, i, effect=2, cost=1)
    engine.add_pilot(wid, "=HYPERLINK(\"http://x\",\"klikk\")", concept=c, owner="@ola")
    engine.add_pilot(wid, "-2 % frafall", concept=c, owner="+47 900 00 000", hypothesis="første\nandre")
    rows = list(csv.reader(io.StringIO(render("csv", engine.load(wid)), newline="")))[1:]
    assert [r[0] for r in rows] == ["'=HYPERLINK(\"http://x\",\"klikk\")", "'-2 % frafall"]
    assert rows[1][1].startswith("Hypothesis: første\nandre\n")
    assert [r[2] for r in rows] == ["'@ola", "'+47 900 00 000"]
    assert [r[4] for r in rows] == ["Highest", "Medium"]
