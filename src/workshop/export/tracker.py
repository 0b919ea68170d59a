"""Provides the pilot backlog as CSV for a tracker's import: one row per pilot, best first, in
one of three layouts.

- `generic` (the default): Summary, Description, Assignee, Due date, Priority, Labels; Priority
  Highest, High, Medium or Low; Labels `workshop,pilot,<status>,<workshop slug>` in one cell. Read
  by most trackers' importers and by spreadsheets.
- `jira` (Jira Cloud's CSV importer): Summary, Issue Type (Task), Description, Assignee,
  Priority, Start date, Due date, then one `Labels` column per label (the importer reads repeated
  columns as several values of one field). Dates are `yyyy-MM-dd`, the format to give the
  importer.
- `azure` (Azure Boards' CSV import): Work Item Type (Task), Title, Description, Assigned To,
  Tags (`; `-separated) and Priority 1 to 4. Azure keeps a description as HTML, so it is written
  as HTML, one `<div>` a line, with `<`, `>` and `&` escaped: it shows as the text typed.

Priority follows the pilot's place in the ranking: the first quarter of the backlog is the
highest, then the next quarters (a single pilot is the highest). The Jira and Azure descriptions
also name the owner, so nothing is lost if the import leaves the person unassigned. Line breaks
stay inside their (quoted) cell; the file is UTF-8, rows end with CRLF; with `bom` it starts with
a byte order mark, which Excel on Windows needs to read æøå right.

Spreadsheet formula guard, in every layout and every cell: a cell that would begin with `=`,
`+`, `-`, `@`, a tab or a carriage return is written with a leading apostrophe (`'`).
Spreadsheets then show it as text instead of running it as a formula; a tracker import keeps the
apostrophe visible, which is the price of opening the same file safely in a spreadsheet.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Sequence

from workshop.domain import views
from workshop.domain.model import WorkshopState
from workshop.export.backlog import timeline

TRACKERS = ("generic", "jira", "azure")
"""The layouts: the generic columns, Jira Cloud's importer, Azure Boards' import."""

COLUMNS = ("Summary", "Description", "Assignee", "Due date", "Priority", "Labels")
JIRA_COLUMNS = ("Summary", "Issue Type", "Description", "Assignee", "Priority", "Start date", "Due date")
"""Then one `Labels` column per label."""
AZURE_COLUMNS = ("Work Item Type", "Title", "Description", "Assigned To", "Tags", "Priority")
ITEM_TYPE = "Task"
"""The issue type (Jira) and work item type (Azure) of a pilot: every default Jira project and
every default Azure process (Basic, Agile, Scrum, CMMI) has Task."""
PRIORITIES = ("Highest", "High", "Medium", "Low")
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """A cell value that a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def quarter(index: int, total: int) -> int:
    """Which quarter of a backlog of `total` the pilot at `index` (0 is the best) is in: 0 … 3."""
    return min(3, index * 4 // max(total, 1))


def priority(index: int, total: int) -> str:
    """The priority of the pilot at `index` (0 is the best) in a backlog of `total`."""
    return PRIORITIES[quarter(index, total)]


def description(state: WorkshopState, entry: views.RankedPilot, *, owner: bool = False) -> str:
    """Everything a team needs on the ticket, as plain text lines (the owner among them when
    `owner`)."""
    return "\n".join(description_lines(state, entry, owner=owner))


def description_lines(state: WorkshopState, entry: views.RankedPilot, *, owner: bool = False) -> list[str]:
    pilot = entry.pilot
    concept = state.concept(pilot.concept)
    lines = [f"Owner: {pilot.owner}"] if owner and pilot.owner else []
    for label, value in (("Hypothesis", pilot.hypothesis), ("Success metric and threshold", pilot.metric)):
        if value:
            lines.append(f"{label}: {value}")
    if concept:
        lines.append(f"Concept {concept.ref}: {concept.big_idea}")
    lines.append(f"Timeline: {timeline(pilot)}")
    for label, value in (("Budget (affordable loss)", pilot.budget), ("Scope", pilot.scope)):
        if value:
            lines.append(f"{label}: {value}")
    tested = state.assumptions_tested(pilot)
    if tested:
        lines.append("Assumptions to test:")
        for a in tested:
            lines.append(f"- {a.ref} ({'critical ' if a.critical else ''}{a.kind}): {a.text}")
    effect = f"{entry.effect} of 5" if entry.effect is not None else "not set"
    cost = f"{entry.cost} of 5" if entry.cost is not None else "not set"
    lines.append(f"Expected effect: {effect}; cost: {cost}")
    if state.votes_visible:
        lines.append(f"Votes: {entry.votes}")
    lines.append(f"Status: {pilot.status}" + (f"; decision: {pilot.decision}" if pilot.decision else ""))
    if pilot.learnings:
        lines.append(f"Learnings: {pilot.learnings}")
    lines.append(f"Rank {entry.rank} in the backlog of workshop {state.slug} (pilot {pilot.ref})")
    return lines


def labels(state: WorkshopState, entry: views.RankedPilot) -> list[str]:
    """The labels (tags) of a pilot's ticket; none holds a space, which Jira labels cannot."""
    return ["workshop", "pilot", entry.pilot.status, "-".join(state.slug.split())]


def as_html(lines: list[str]) -> str:
    """Plain text lines as the HTML of an Azure Boards description: a `<div>` a line."""
    text = "\n".join(lines)
    return "".join(f"<div>{html.escape(line, quote=False) or '<br>'}</div>" for line in text.split("\n"))


Row = Callable[[WorkshopState, views.RankedPilot, int, int], list[str]]


def _generic(state: WorkshopState, entry: views.RankedPilot, index: int, total: int) -> list[str]:
    pilot = entry.pilot
    return [pilot.name, description(state, entry), pilot.owner, pilot.end_date or "",
            priority(index, total), ",".join(labels(state, entry))]


def _jira(state: WorkshopState, entry: views.RankedPilot, index: int, total: int) -> list[str]:
    pilot = entry.pilot
    return [pilot.name, ITEM_TYPE, description(state, entry, owner=True), pilot.owner,
            priority(index, total), pilot.start_date or "", pilot.end_date or "", *labels(state, entry)]


def _azure(state: WorkshopState, entry: views.RankedPilot, index: int, total: int) -> list[str]:
    pilot = entry.pilot
    return [ITEM_TYPE, pilot.name, as_html(description_lines(state, entry, owner=True)), pilot.owner,
            "; ".join(labels(state, entry)), str(quarter(index, total) + 1)]


def _header(tracker: str, rows: list[list[str]]) -> Sequence[str]:
    if tracker == "jira":
        extra = max((len(r) for r in rows), default=len(JIRA_COLUMNS) + 4) - len(JIRA_COLUMNS)
        return (*JIRA_COLUMNS, *["Labels"] * extra)
    return AZURE_COLUMNS if tracker == "azure" else COLUMNS


LAYOUTS: dict[str, Row] = {"generic": _generic, "jira": _jira, "azure": _azure}


def render(state: WorkshopState, tracker: str = "generic", *, bom: bool = False) -> str:
    """The backlog as CSV text in the layout of `tracker`, header first; every cell guarded."""
    ranked = views.rank_pilots(state)
    layout = LAYOUTS[tracker]
    rows = [layout(state, entry, index, len(ranked)) for index, entry in enumerate(ranked)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_header(tracker, rows))
    writer.writerows([guard(cell) for cell in row] for row in rows)
    return (BOM if bom else "") + out.getvalue()
