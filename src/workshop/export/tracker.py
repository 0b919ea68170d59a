"""Provides the pilot backlog as CSV for a tracker's import (Jira, Azure Boards, GitHub Projects...).

Columns: Summary, Description, Assignee, Due date, Priority, Labels; one row per pilot, best first.

- Priority follows the pilot's place in the ranking: the first quarter of the backlog is Highest,
  then High, Medium and Low (a single pilot is Highest).
- Labels are `workshop,pilot,<status>,<workshop slug>` in one cell.
- Due date is the pilot's end date (YYYY-MM-DD), empty when not set.
- Line breaks stay inside their (quoted) cell; the file is UTF-8, rows end with CRLF.
- Spreadsheet formula guard: a cell that would begin with `=`, `+`, `-`, `@`, a tab or a carriage
  return is written with a leading apostrophe (`'`). Spreadsheets then show it as text instead of
  running it as a formula; a tracker import keeps the apostrophe visible, which is the price of
  opening the same file safely in a spreadsheet.
"""

from __future__ import annotations

import csv
import io

from workshop.domain import views
from workshop.domain.model import WorkshopState
from workshop.export.backlog import timeline

COLUMNS = ("Summary", "Description", "Assignee", "Due date", "Priority", "Labels")
PRIORITIES = ("Highest", "High", "Medium", "Low")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """A cell value that a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def priority(index: int, total: int) -> str:
    """The priority of the pilot at `index` (0 is the best) in a backlog of `total`."""
    return PRIORITIES[min(3, index * 4 // max(total, 1))]


def description(state: WorkshopState, entry: views.RankedPilot) -> str:
    """Everything a team needs on the ticket, as plain text lines."""
    pilot = entry.pilot
    concept = state.concept(pilot.concept)
    lines = []
    for label, value in (("Hypothesis", pilot.hypothesis), ("Success metric and threshold", pilot.metric)):
        if value:
            lines.append(f"{label}: {value}")
    if concept:
        lines.append(f"Concept {concept.ref}: {concept.big_idea}")
    lines.append(f"Timeline: {timeline(pilot)}")
    for label, value in (("Budget (affordable loss)", pilot.budget), ("Scope", pilot.scope)):
        if value:
            lines.append(f"{label}: {value}")
    tested = [a for a in state.assumptions if a.ref in pilot.tests]
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
    return "\n".join(lines)


def render(state: WorkshopState) -> str:
    """The backlog as CSV text, header first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    ranked = views.rank_pilots(state)
    for index, entry in enumerate(ranked):
        pilot = entry.pilot
        writer.writerow([
            guard(pilot.name),
            guard(description(state, entry)),
            guard(pilot.owner),
            pilot.end_date or "",
            priority(index, len(ranked)),
            f"workshop,pilot,{pilot.status},{state.slug}",
        ])
    return out.getvalue()
