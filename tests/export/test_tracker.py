"""The backlog CSV in each tracker's layout, read back as that tracker's importer reads it: the
columns by their header, Jira's repeated `Labels` columns as one field with several values,
Azure's description as HTML, the byte order mark only when asked for, and every cell that a
spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser

import pytest

from workshop.domain import views
from workshop.domain.errors import InvalidInput
from workshop.export import render
from workshop.export.tracker import AZURE_COLUMNS, COLUMNS, JIRA_COLUMNS

SLUG = "pakken-som-aldri-kom-levering-og-oppfolging"


def rows_of(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows, as a CSV importer reads them (quoted line breaks kept)."""
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    return header, rows


def by_header(header: list[str], row: list[str]) -> dict[str, list[str]]:
    """A row's cells by column name; a repeated column gives several values, as Jira reads it."""
    fields: dict[str, list[str]] = {}
    for name, value in zip(header, row, strict=True):
        fields.setdefault(name, []).append(value)
    return fields


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.lines: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "div":
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        self.lines[-1] += data


def azure_description(cell: str) -> tuple[list[str], list[str]]:
    """The lines an Azure Boards work item shows for an HTML description, and its tags."""
    parser = _Text()
    parser.feed(cell)
    return parser.lines, parser.tags


def test_generic_is_the_default_and_keeps_its_columns(nordic) -> None:
    text = render("csv", nordic.state)
    assert text == render("csv", nordic.state, tracker="generic")
    header, rows = rows_of(text)
    assert tuple(header) == COLUMNS
    assert not text.startswith("\ufeff")
    assert [r[5] for r in rows][0] == f"workshop,pilot,planned,{SLUG}"


def test_jira_has_its_importer_columns_and_one_labels_column_per_label(nordic) -> None:
    state = nordic.state
    text = render("csv", state, tracker="jira")
    header, rows = rows_of(text)
    assert tuple(header) == (*JIRA_COLUMNS, "Labels", "Labels", "Labels", "Labels")
    assert header[:7] == ["Summary", "Issue Type", "Description", "Assignee", "Priority", "Start date", "Due date"]
    ranked = views.rank_pilots(state)
    issues = [by_header(header, row) for row in rows]
    assert [i["Summary"] for i in issues] == [[e.pilot.name] for e in ranked]
    assert {i["Issue Type"][0] for i in issues} == {"Task"}
    assert [i["Assignee"][0] for i in issues] == ["Bjørn Kværnes", "", "Åse Ødegård"]
    assert [i["Priority"][0] for i in issues] == ["Highest", "High", "Medium"]
    # Dates in the one format the importer is told: yyyy-MM-dd; empty when not set.
    assert [(i["Start date"][0], i["Due date"][0]) for i in issues] == [
        ("2025-04-01", "2025-05-15"), ("", ""), ("2025-04-10", "2025-04-21")]
    assert all(re.fullmatch(r"(\d{4}-\d\d-\d\d)?", i[f][0]) for i in issues for f in ("Start date", "Due date"))
    assert [i["Labels"] for i in issues] == [
        ["workshop", "pilot", "planned", SLUG], ["workshop", "pilot", "proposed", SLUG],
        ["workshop", "pilot", "done", SLUG]]
    assert not any(" " in label for i in issues for label in i["Labels"])  # Jira labels hold no spaces
    description = issues[0]["Description"][0].splitlines()
    assert description[:2] == ["Owner: Bjørn Kværnes", f"Hypothesis: {ranked[0].pilot.hypothesis}"]
    assert "- A1 (critical execution): Transportøren sender hendelser i sanntid" in description


def test_azure_has_its_import_columns_tags_and_priorities_one_to_four(nordic) -> None:
    state = nordic.state
    header, rows = rows_of(render("csv", state, tracker="azure"))
    assert tuple(header) == AZURE_COLUMNS == ("Work Item Type", "Title", "Description", "Assigned To", "Tags",
                                              "Priority")
    items = [dict(zip(header, row, strict=True)) for row in rows]
    ranked = views.rank_pilots(state)
    assert [i["Title"] for i in items] == [e.pilot.name for e in ranked]
    assert {i["Work Item Type"] for i in items} == {"Task"}
    assert [i["Assigned To"] for i in items] == ["Bjørn Kværnes", "", "Åse Ødegård"]
    assert [i["Priority"] for i in items] == ["1", "2", "3"]
    assert [i["Tags"].split(";") for i in items][0] == ["workshop", " pilot", " planned", f" {SLUG}"]
    assert [[t.strip() for t in i["Tags"].split(";")] for i in items][2] == ["workshop", "pilot", "done", SLUG]
    lines, tags = azure_description(items[0]["Description"])
    assert set(tags) == {"div"}
    assert lines[:2] == ["Owner: Bjørn Kværnes", f"Hypothesis: {ranked[0].pilot.hypothesis}"]
    assert "- A1 (critical execution): Transportøren sender hendelser i sanntid" in lines


def test_a_priority_quarter_per_place_in_a_longer_backlog(engine) -> None:
    wid, _ = engine.create_workshop("Kvartiler", stages=["Bruk"])
    concept = engine.add_concept(wid, engine.add_idea(wid, "Idé"), effect=2, cost=1)
    for n in range(1, 9):
        engine.add_pilot(wid, f"Pilot {n}", concept=concept)
    state = engine.load(wid)
    header, rows = rows_of(render("csv", state, tracker="jira"))
    jira = [by_header(header, row)["Priority"][0] for row in rows]
    azure = [row[5] for row in rows_of(render("csv", state, tracker="azure"))[1]]
    assert jira == ["Highest", "Highest", "High", "High", "Medium", "Medium", "Low", "Low"]
    assert azure == ["1", "1", "2", "2", "3", "3", "4", "4"]


@pytest.mark.parametrize("tracker", ["generic", "jira", "azure"])
def test_the_byte_order_mark_only_when_asked_for(nordic, tracker: str) -> None:
    plain = render("csv", nordic.state, tracker=tracker)
    marked = render("csv", nordic.state, tracker=tracker, bom=True)
    assert not plain.startswith("\ufeff")
    assert marked == "\ufeff" + plain
    assert marked.encode("utf-8")[:3] == b"\xef\xbb\xbf"
    # Excel and the importers read the marked file with utf-8-sig: the first header is intact.
    header, _ = rows_of(marked.encode("utf-8").decode("utf-8-sig"))
    assert header[0] in ("Summary", "Work Item Type")


FORMULAS = {
    "name": "=HYPERLINK(\"http://x\",\"klikk\")",
    "owner": "@SUM(1+1)*cmd|' /C calc'!A0",
    "hypothesis": "+47 900 00 000\nandre linje",
}


@pytest.mark.parametrize("tracker", ["generic", "jira", "azure"])
def test_a_cell_a_spreadsheet_would_run_is_neutralised_in_every_layout(engine, tracker: str) -> None:
    wid, _ = engine.create_workshop("-Formler", stages=["Bruk"])
    concept = engine.add_concept(wid, engine.add_idea(wid, "Idé"), effect=2, cost=1)
    engine.add_pilot(wid, FORMULAS["name"], concept=concept, owner=FORMULAS["owner"],
                     hypothesis=FORMULAS["hypothesis"])
    engine.add_pilot(wid, "-2 % frafall", concept=concept, owner="-Kari")
    header, rows = rows_of(render("csv", engine.load(wid), tracker=tracker))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (tracker, cell)
    title = header.index("Title" if tracker == "azure" else "Summary")
    person = header.index({"generic": "Assignee", "jira": "Assignee", "azure": "Assigned To"}[tracker])
    assert [r[title] for r in rows] == ["'" + FORMULAS["name"], "'-2 % frafall"]
    assert [r[person] for r in rows] == ["'" + FORMULAS["owner"], "'-Kari"]
    description = rows[0][header.index("Description")]
    if tracker == "azure":
        lines, _ = azure_description(description)
        assert "Hypothesis: +47 900 00 000" in lines and "andre linje" in lines
    else:
        assert "Hypothesis: +47 900 00 000\nandre linje" in description


def test_hostile_text_stays_text_in_the_azure_description(engine) -> None:
    wid, _ = engine.create_workshop("HTML", stages=["Bruk"])
    concept = engine.add_concept(wid, engine.add_idea(wid, "Idé"), effect=2, cost=1)
    hostile = "<img src=x onerror=alert(1)> & </div><script>x</script> æøå\n\ntredje"
    engine.add_pilot(wid, "P", concept=concept, hypothesis=hostile)
    header, rows = rows_of(render("csv", engine.load(wid), tracker="azure"))
    cell = rows[0][header.index("Description")]
    lines, tags = azure_description(cell)
    assert set(tags) <= {"div", "br"}
    assert "Hypothesis: <img src=x onerror=alert(1)> & </div><script>x</script> æøå" in lines
    assert html.escape("<script>", quote=False) in cell and "<script>" not in cell
    assert lines[lines.index("Hypothesis: <img src=x onerror=alert(1)> & </div><script>x</script> æøå") + 2] == "tredje"


def test_an_unknown_tracker_is_refused_naming_the_field(nordic) -> None:
    with pytest.raises(InvalidInput) as refused:
        render("csv", nordic.state, tracker="trello")
    assert refused.value.field == "tracker"
