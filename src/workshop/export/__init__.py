"""Provides the exports, as pure functions of a workshop: the journey map, the pilot backlog and
the report in Markdown, the backlog as CSV for a tracker, the JSON archive, the printable journey
map (HTML) and the emotion curve (SVG)."""

from __future__ import annotations

from typing import Any

from workshop.domain.errors import InvalidInput
from workshop.domain.model import WorkshopState
from workshop.domain.text import writable
from workshop.export import archive, backlog, journey, report
from workshop.export import tracker as tracker_csv
from workshop.export.archive import read_archive

WHAT = ("journey", "backlog", "report", "csv", "json", "map", "curve")
"""What can be exported: journey map, pilot backlog, report (Markdown), backlog CSV, archive,
the printable journey map (HTML) and the emotion curve (SVG)."""

MERMAID = ("backticks", "azure", "none")
"""How a diagram is fenced: ```mermaid (GitHub, GitLab, Obsidian, Notion), ::: mermaid (Azure
DevOps), or left out (Confluence)."""

TRACKERS = tracker_csv.TRACKERS
"""The layouts of the backlog CSV: generic columns, Jira Cloud's importer, Azure Boards' import."""


def render(what: str, state: WorkshopState, events: list[Any] | None = None, *, mermaid: str = "backticks",
           tracker: str = "generic", bom: bool = False) -> str:
    """One export of a workshop as text; `events` (the event log) feeds the archive and the
    report's log summary; `tracker` and `bom` shape the CSV. The text is always valid Unicode: a
    lone surrogate that a database filled before such text was refused still holds becomes U+FFFD."""
    return writable(_render(what, state, events, mermaid=mermaid, tracker=tracker, bom=bom))


def _render(what: str, state: WorkshopState, events: list[Any] | None, *, mermaid: str, tracker: str,
            bom: bool) -> str:
    if what not in WHAT:
        raise InvalidInput("what", f"must be one of: {', '.join(WHAT)} (not {what!r})")
    if mermaid not in MERMAID:
        raise InvalidInput("mermaid", f"must be one of: {', '.join(MERMAID)} (not {mermaid!r})")
    if tracker not in TRACKERS:
        raise InvalidInput("tracker", f"must be one of: {', '.join(TRACKERS)} (not {tracker!r})")
    if what == "journey":
        return journey.render(state, mermaid=mermaid)
    if what == "backlog":
        return backlog.render(state)
    if what == "report":
        return report.render(state, events, mermaid=mermaid)
    if what == "csv":
        return tracker_csv.render(state, tracker, bom=bom)
    if what == "map":
        from workshop.export import wallmap

        return wallmap.render(state)
    if what == "curve":
        from workshop.export import curve

        return curve.render(state)
    return archive.render(state, events)

__all__ = ["MERMAID", "TRACKERS", "WHAT", "read_archive", "render"]
