"""Hostile text in every field stays literal: tables keep their rows and columns, lists their
items, the diagram parses, and the text read back is what was stored. Checked with hypothesis,
on the escaping helpers alone and through the engine into every export: the Markdown, the CSV
in each tracker's layout, the printable map (no element or attribute made of user text) and the
emotion curve (well-formed XML)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_checks import JS_SPACE, check_journey, mermaid_blocks, raw_html_outside_cells, read, seen, shape
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from map_checks import as_shown, loads_nothing, read_curve, read_page
from map_checks import shape as page_shape
from test_tracker import azure_description, by_header

from workshop.domain import validate
from workshop.domain.errors import InvalidInput
from workshop.engine import Engine, open_engine
from workshop.export import render
from workshop.export.text import cell, inline, mermaid_name, one_line, table
from workshop.export.tracker import guard

TOKENS = [
    "|", "\\", "\\|", "*", "**", "_", "__", "~~", "<", ">", "&", "#", "# ", "## ", ":", ";", ",", "[", "]",
    "(", ")", "!", "`", "```", "~~~", "-", "- ", "+ ", "1. ", "2) ", "> ", "=", "===", "---", "***", "{", "}",
    "%", "%%", "@", ".", "'", '"', "$", "^", "?", "/", " ", "  ", "    ", "\t", "\n", "\n\n", "\n    ",
    "æ", "ø", "å", "Æ", "Ø", "Å", "ä", "ö", "🙂", "👩‍👩‍👧", "🇳🇴", "שלום", "مرحبا", "\u200b", "\u200f", "\u202e",
    "\u2060", "\ufeff", "\u00a0", "\u2028", "\u2029", "\u3000", "<br>", "<b>fet</b>", "<script>x</script>",
    "<!-- c -->", "&amp;", "&#35;", "&nbsp;", "[lenke](http://x.no)", "![bilde](b.png)", "<http://x.no>",
    "www.vg.no", "http://nav.no", "ola@nav.no", "@ola", "title ", "section ", "journey", "accTitle: t",
    "accDescr {", "%%{init: {}}%%", "[ ]", "[x]", "|---|", "\\\n", "  \n", "a  ", "\\`",
]
CHARS = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(["\t", "\n"])
HOSTILE = st.lists(st.sampled_from(TOKENS) | CHARS, min_size=1, max_size=40).map("".join)
LONG = st.tuples(HOSTILE, st.integers(1, 2000)).map(lambda p: (p[0] * 2000)[: p[1]])
NOTES = HOSTILE | LONG
NAMES = st.lists(st.sampled_from([t for t in TOKENS if "\n" not in t and "\t" not in t])
                 | st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).map("".join)


def stored_note(text: str) -> str:
    """The value the engine keeps for a note (stripped, line endings unified), or skip it."""
    try:
        value = validate.note("text", text)
    except InvalidInput:
        assume(False)
    return value


def stored_name(text: str) -> str:
    try:
        value = validate.name("name", text[:200])
    except InvalidInput:
        assume(False)
    return value


# the helpers alone ---------------------------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(NOTES)
def test_a_cell_holds_exactly_the_text_and_the_table_keeps_its_shape(text: str) -> None:
    value = stored_note(text)
    markdown = table(["A", "B", "C"], [["x", cell(value), "y"], [cell(value), "", cell(value)]])
    (parsed,) = read(markdown).tables
    assert parsed.rows == [["x", value, "y"], [value, "", value]]
    assert raw_html_outside_cells(markdown) == []
    assert shape(markdown) == shape(table(["A", "B", "C"], [["x", "v", "y"], ["v", "", "v"]]))


@settings(max_examples=250, deadline=None)
@given(NOTES)
def test_a_list_item_and_a_paragraph_hold_exactly_the_text(text: str) -> None:
    value = stored_note(text)
    markdown = "- " + inline(value, indent=2) + "\n- second\n\n" + inline(value) + "\n"
    doc = read(markdown)
    # The reader drops a joiner right after @; compare what a reader sees on both sides.
    assert doc.items == [seen(value), "second"]
    paragraphs = [seen("".join(c.content if c.type == "text" else "\n" for c in t.children or []))
                  for t in doc.tokens if t.type == "inline"]
    assert paragraphs[-1] == seen(value)
    assert shape(markdown) == shape("- v\n- second\n\nv\n")
    assert raw_html_outside_cells(markdown) == []


@settings(max_examples=300, deadline=None)
@given(NAMES)
def test_a_heading_holds_exactly_the_name(text: str) -> None:
    value = stored_name(text)
    doc = read("## " + one_line(value) + "\n\ntext\n")
    assert doc.headings == [value]
    assert shape("## " + one_line(value) + "\n\ntext\n") == shape("## v\n\ntext\n")


@settings(max_examples=400, deadline=None)
@given(NOTES, NAMES)
def test_mermaid_names_always_parse_and_scores_stay_one_to_five(text: str, name: str) -> None:
    task = mermaid_name(text)
    section = mermaid_name(name)
    title = mermaid_name(name, limit=120)
    actor = mermaid_name(name, actor=True)
    source = f"journey\n    title {title}\n    section {section}\n      {task}: 3: {actor}, Customer"
    journey = check_journey(source)
    assert journey.sections == [(section.strip(JS_SPACE), [(task.strip(JS_SPACE), 3, [actor.strip(JS_SPACE), "Customer"])])]
    assert len(task.lstrip("\u2060")) <= 80 and "\n" not in task


# through the engine into every export ----------------------------------------------------------


def _build(engine: Engine, note: str, other: str, name: str) -> int:
    """A small workshop with `note`, `other` or `name` in every text field there is."""
    w, _ = engine.create_workshop(name, challenge=note, stages=[name], facilitator=name)
    engine.edit_brief(w, scope=other, success_measures=[note], constraints=[other])
    engine.add_participant(w, name, role=name)
    engine.add_persona(w, name, description=note)
    engine.add_touchpoint(w, note, stage="S1", persona="R1", feeling=-1, pains=[note, other],
                          evidence=other, evidence_count=3, author=name)
    engine.add_criterion(w, other)
    engine.add_idea(w, note, theme=name, author=name, touchpoints=["T1"])
    engine.add_concept(w, "I1", big_idea=other, benefits=note, execution=other, rationale=note, effect=4, cost=2)
    engine.add_assumption(w, note, concept="C1", kind="value", critical=True, test=other)
    engine.add_pilot(w, name, concept="C1", hypothesis=note, metric=other, owner=name, budget=note,
                     scope=other, tests=["A1"], start="2025-04-01", end="2025-04-30")
    engine.edit_pilot(w, "P1", learnings=other)
    engine.set_rules(w, blind=False)
    return w


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, dict[str, list[tuple[str, ...]]]]]:
    """An engine for hostile workshops, and the shapes of every export of a plain one."""
    engine = open_engine(str(Path(tmp_path_factory.mktemp("hostile")) / "workshop.db"))
    plain = engine.load(_build(engine, "notat", "annet", "navn"))
    plain_log = engine.events(plain.id)
    shapes = {what: shape(render(what, plain, plain_log, mermaid="none")) for what in ("journey", "backlog", "report")}
    shapes["map"] = page_shape(render("map", plain))
    yield engine, shapes
    engine.store.close()


# Mostly short hostile text, sometimes up to the 2,000-character limit: parsing long, densely
# escaped documents is what takes the time.
MOSTLY_SHORT = st.integers(0, 3).flatmap(lambda n: LONG if n == 0 else HOSTILE)


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=MOSTLY_SHORT, other=MOSTLY_SHORT, name=NAMES)
def test_hostile_text_in_every_field_renders_literally_in_every_export(scratch, note: str, other: str, name: str) -> None:
    engine, shapes = scratch
    note, other, name = stored_note(note), stored_note(other), stored_name(name)
    state = engine.load(_build(engine, note, other, name))
    tp, pilot = state.touchpoints[0], state.pilots[0]
    assert (tp.text, pilot.name) == (note, name)  # what the engine stored is what we compare with

    journey = render("journey", state)
    doc = journey_doc = read(journey)
    stage_table = next(t for t in doc.tables if t.header[0] == "Ref")
    assert stage_table.cell("T1", "Touchpoint") == note
    assert stage_table.cell("T1", "Persona") == name
    assert stage_table.cell("T1", "Pains") == f"• {note}\n• {other}"
    assert stage_table.cell("T1", "Evidence") == f"{other}\ncount: 3"
    people = next(t for t in doc.tables if t.heading == "Participants")
    assert people.rows[:1] == [[name, name, ""]]
    assert next(t for t in doc.tables if t.heading == "Personas").rows == [[name, note]]
    assert doc.headings[:2] == [f"Journey map: {name}", "Brief"]
    assert f"1. {name} (S1)" in doc.headings
    assert {f"Challenge: {note}", f"Scope: {other}", f"Facilitator: {name}", note, other} <= set(doc.items)
    assert doc.items[-1] == other  # the design criterion
    (source,) = mermaid_blocks(journey, journey_doc)
    diagram = check_journey(source)
    assert [len(tasks) for _, tasks in diagram.sections] == [1]
    assert diagram.sections[0][1][0][1] == 2

    doc = backlog_doc = read(render("backlog", state))
    (ranked,) = doc.tables
    assert ranked.rows[0][1:4] == [name, note, name]
    assert f"Hypothesis: {note}" in doc.items and f"Learnings: {other}" in doc.items
    assert f"[ ] Test assumption A1: {note}" in doc.items
    assert f"A1 (critical value assumption): {note}\nTest: {other}" in doc.items

    report = render("report", state, engine.events(state.id), mermaid="azure")
    doc = report_doc = read(report.replace(f"::: mermaid\n{source}\n:::", ""))
    ideas = next(t for t in doc.tables if t.heading == f"Theme: {name}")
    assert ideas.rows == [["I1", note, name, "T1", "0"]]
    assert check_journey(mermaid_blocks(report, report_doc)[0]) == diagram

    for what, parsed in (("journey", journey_doc), ("backlog", backlog_doc), ("report", report_doc)):
        assert shape(parsed) == shapes[what], what
        assert raw_html_outside_cells(parsed) == [], what

    (row,) = list(csv.DictReader(io.StringIO(render("csv", state), newline="")))
    assert (row["Summary"], row["Assignee"]) == (guard(name), guard(name))
    assert f"Hypothesis: {note}\n" in row["Description"]

    header, jira = list(csv.reader(io.StringIO(render("csv", state, tracker="jira"), newline="")))
    issue = by_header(header, jira)
    assert (issue["Summary"], issue["Assignee"]) == ([guard(name)], [guard(name)])
    assert f"Hypothesis: {note}\n" in issue["Description"][0] and len(issue["Labels"]) == 4
    header, azure = list(csv.reader(io.StringIO(render("csv", state, tracker="azure"), newline="")))
    item = dict(zip(header, azure, strict=True))
    assert (item["Title"], item["Assigned To"]) == (guard(name), guard(name))
    lines, tags = azure_description(item["Description"])
    assert f"Hypothesis: {note}\n" in "\n".join(lines) and set(tags) <= {"div", "br"}

    page = render("map", state)
    assert page_shape(page) == shapes["map"]  # no element, attribute or script came from the text
    assert loads_nothing(page) == []
    texts = read_page(page).texts
    assert {as_shown(note), as_shown(other), as_shown(name)} <= set(texts)
    assert texts.count(as_shown(note)) >= 6 and texts.count(as_shown(name)) >= 5
    drawn = read_curve(render("curve", state))  # well-formed XML, whatever the text
    assert len(drawn.points) == 1
    assert any(as_shown(note) in t for t in drawn.titles) and any(as_shown(name) in t for t in drawn.titles)
