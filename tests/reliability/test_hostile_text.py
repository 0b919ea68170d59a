"""Hostile text, one field at a time: whatever a user types into any text field of a workshop, every
export reads back as exactly that text.

A full workshop (all four phases) is built once; each example then puts hypothesis-made text
into one field through the engine's own edit action, and reads every export back: the Markdown
exports as a wiki's parser sees them (the text there, no raw HTML, every Mermaid diagram
parsing in each fence style), the CSV as a tracker reads it, the printable map as a browser
builds it (the text there, and not one element or attribute more than plain text makes), the
emotion curve as well-formed XML, and the JSON archive holding the stored value exactly. The
text is framed by ⟦ ⟧ so that it is found where
it belongs and not by chance in another sentence.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reliability_checks import LONG, export_helpers

from workshop.domain import validate
from workshop.domain.errors import InvalidInput, RuleRefused
from workshop.engine import Engine, open_engine
from workshop.export import read_archive, render

checks = export_helpers("export_checks")
pages = export_helpers("map_checks")
build = export_helpers("export_workshop").build
escaping = export_helpers("test_escaping")

Edit = Callable[[Engine, int, Any], object]


@dataclass(frozen=True)
class TextField:
    """A text field a user can type into, how to set it, and the exports that must show it."""

    label: str
    kind: str  # "note" (many lines), "name" (one line) or "list" (a list of notes)
    edit: Edit
    shown_in: tuple[str, ...]


JOURNEY = ("journey", "report", "map")
CHOICES = ("report",)
BACKLOG = ("backlog", "report", "csv")
ON_THE_CURVE = ("title", "stage name", "touchpoint")

FIELDS = [
    TextField("title", "name", lambda e, w, v: e.edit_brief(w, title=v), ("journey", "backlog", "report", "map")),
    TextField("challenge", "note", lambda e, w, v: e.edit_brief(w, challenge=v), JOURNEY),
    TextField("scope", "note", lambda e, w, v: e.edit_brief(w, scope=v), JOURNEY),
    TextField("success measure", "list", lambda e, w, v: e.edit_brief(w, success_measures=v), JOURNEY),
    TextField("constraint", "list", lambda e, w, v: e.edit_brief(w, constraints=v), JOURNEY),
    TextField("facilitator", "name", lambda e, w, v: e.edit_brief(w, facilitator=v), JOURNEY),
    TextField("participant name", "name", lambda e, w, v: e.edit_participant(w, "U1", name=v), JOURNEY),
    TextField("participant role", "name", lambda e, w, v: e.edit_participant(w, "U1", role=v), JOURNEY),
    TextField("persona name", "name", lambda e, w, v: e.edit_persona(w, "R1", name=v), JOURNEY),
    TextField("persona description", "note", lambda e, w, v: e.edit_persona(w, "R1", description=v), JOURNEY),
    TextField("stage name", "name", lambda e, w, v: e.edit_stage(w, "S3", name=v), JOURNEY),
    TextField("touchpoint", "note", lambda e, w, v: e.edit_touchpoint(w, "T3", text=v), JOURNEY),
    TextField("pain", "list", lambda e, w, v: e.edit_touchpoint(w, "T3", pains=v), JOURNEY),
    TextField("evidence", "note", lambda e, w, v: e.edit_touchpoint(w, "T3", evidence=v), JOURNEY),
    TextField("design criterion", "note", lambda e, w, v: e.edit_criterion(w, "D1", text=v), JOURNEY),
    TextField("idea", "note", lambda e, w, v: e.edit_idea(w, "I1", text=v), ("report", "map")),
    TextField("theme", "name", lambda e, w, v: e.edit_idea(w, "I1", theme=v), CHOICES),
    TextField("big idea", "note", lambda e, w, v: e.edit_concept(w, "C1", big_idea=v), CHOICES),
    TextField("benefits", "note", lambda e, w, v: e.edit_concept(w, "C1", benefits=v), CHOICES),
    TextField("execution", "note", lambda e, w, v: e.edit_concept(w, "C1", execution=v), CHOICES),
    TextField("rationale", "note", lambda e, w, v: e.edit_concept(w, "C1", rationale=v), CHOICES),
    TextField("assumption", "note", lambda e, w, v: e.edit_assumption(w, "A1", text=v), ("backlog", "report")),
    TextField("assumption test", "note", lambda e, w, v: e.edit_assumption(w, "A1", test=v), ("backlog", "report")),
    TextField("pilot name", "name", lambda e, w, v: e.edit_pilot(w, "P1", name=v), (*BACKLOG, "map")),
    TextField("hypothesis", "note", lambda e, w, v: e.edit_pilot(w, "P1", hypothesis=v), BACKLOG),
    TextField("metric", "note", lambda e, w, v: e.edit_pilot(w, "P1", metric=v), BACKLOG),
    TextField("owner", "name", lambda e, w, v: e.edit_pilot(w, "P1", owner=v), (*BACKLOG, "map")),
    TextField("budget", "note", lambda e, w, v: e.edit_pilot(w, "P1", budget=v), BACKLOG),
    TextField("pilot scope", "note", lambda e, w, v: e.edit_pilot(w, "P1", scope=v), BACKLOG),
    TextField("learnings", "note", lambda e, w, v: e.edit_pilot(w, "P1", learnings=v), ("backlog", "report")),
]


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, int]]:
    engine = open_engine(str(tmp_path_factory.mktemp("hostile-fields") / "workshop.db"))
    yield engine, build(engine)
    engine.store.close()


def _framed(field: TextField, text: str) -> str:
    """The text the engine stores for `text` in `field`, framed, or skip the example."""
    framed = f"⟦{text}⟧"
    try:
        if field.kind == "name":
            return validate.name(field.label, f"⟦{text[:190]}⟧")
        return validate.note(field.label, framed)
    except InvalidInput:
        assume(False)
        raise


@dataclass
class Read:
    """A Markdown export as a wiki's parser reads it (parsed once: parsing is the slow part)."""

    visible: str
    """Every piece of text a reader sees, one piece a line."""
    raw_html: list[str]
    """Raw HTML (there must be none)."""
    diagrams: list[str]


_AZURE = re.compile(r"^::: mermaid\n(.*?)\n:::$", re.MULTILINE | re.DOTALL)


def _read(markdown: str) -> Read:
    # Azure DevOps draws a `::: mermaid` block as a diagram; to a Markdown parser it is a paragraph.
    azure = _AZURE.findall(markdown)
    doc = checks.read(_AZURE.sub("", markdown))
    pieces, raw_html = [], []
    for tok in doc.tokens:
        if tok.type == "html_block":
            raw_html.append(tok.content)
        elif tok.type == "inline":
            pieces.append(checks.inline_text(tok.children))
            raw_html += [c.content for c in tok.children or [] if c.type == "html_inline"]
    diagrams = [content.rstrip("\n") for info, content in doc.fences if info == "mermaid"]
    return Read("\n".join(pieces), raw_html, diagrams + azure)


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _export_all(engine: Engine, wid: int) -> dict[str, str]:
    state, events = engine.load(wid), engine.events(wid)
    out = {what: render(what, state, events, mermaid="backticks") for what in ("journey", "backlog", "report", "csv", "json")}
    out["journey/azure"] = render("journey", state, events, mermaid="azure")
    out["journey/none"] = render("journey", state, events, mermaid="none")
    out["map"] = render("map", state)
    out["curve"] = render("curve", state)
    return out


@settings(max_examples=1500 if LONG else 40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), text=escaping.NOTES)
def test_any_text_in_any_field_reads_back_exactly_from_every_export(room, field: TextField, text: str) -> None:
    engine, wid = room
    value = _framed(field, text)
    try:
        field.edit(engine, wid, [value] if field.kind == "list" else value)
    except RuleRefused as refused:  # a name another participant already has; or no change at all
        assume(str(refused).startswith("nothing to change"))
    exports = _export_all(engine, wid)

    for what, markdown in exports.items():
        if what in ("csv", "json", "map", "curve"):
            continue
        doc = _read(markdown)
        assert doc.raw_html == [], what
        for source in doc.diagrams:
            checks.check_diagram(source)
        assert (doc.diagrams == []) == (what in ("backlog", "journey/none")), what
        if what in field.shown_in:
            assert value in doc.visible, f"{field.label} not shown literally in the {what}"

    if "csv" in field.shown_in:
        rows = list(csv.DictReader(io.StringIO(exports["csv"], newline="")))
        cells = [c.lstrip("'") for row in rows for c in row.values()]
        assert any(value.lstrip("'") in c for c in cells), f"{field.label} not in the CSV"

    page = exports["map"]
    assert pages.loads_nothing(page) == []
    if "map" in field.shown_in:
        assert pages.as_shown(value) in pages.read_page(page).texts, f"{field.label} not shown literally on the map"
    try:  # the same field holding plain text: the page must have the very same elements
        field.edit(engine, wid, ["⟦plain⟧"] if field.kind == "list" else "⟦plain⟧")
    except RuleRefused:
        pass
    else:
        assert pages.shape(page) == pages.shape(render("map", engine.load(wid))), f"{field.label} made markup"
    drawn = pages.read_curve(exports["curve"])
    assert len(drawn.points) == 5
    if field.label in ON_THE_CURVE:
        assert any(pages.as_shown(value) in t for t in drawn.titles), f"{field.label} not on the curve"

    archived = read_archive(exports["json"])
    assert value in set(_strings({k: v for k, v in archived.items() if k != "events"})), \
        f"{field.label} not kept exactly in the archive"
    assert json.loads(exports["json"]) == archived
