"""Provides the exports, as pure functions of a workshop: the journey map, the pilot backlog and
the report in Markdown, the backlog as CSV for a tracker, and the JSON archive."""

from __future__ import annotations

from typing import Any

from workshop.domain.errors import InvalidInput
from workshop.domain.model import WorkshopState
from workshop.domain.text import writable
from workshop.export import archive, backlog, journey, report, tracker
from workshop.export.archive import read_archive

WHAT = ("journey", "backlog", "report", "csv", "json")
"""What can be exported: journey map, pilot backlog, report (Markdown), backlog CSV, archive."""

MERMAID = ("backticks", "azure", "none")
"""How a diagram is fenced: ```mermaid (GitHub, GitLab, Obsidian, Notion), ::: mermaid (Azure
DevOps), or left out (Confluence)."""


def render(what: str, state: WorkshopState, events: list[Any] | None = None, *, mermaid: str = "backticks") -> str:
    """One export of a workshop as text; `events` (the event log) feeds the archive and the
    report's log summary. The text is always valid Unicode: a lone surrogate that a database
    filled before such text was refused still holds becomes U+FFFD."""
    return writable(_render(what, state, events, mermaid=mermaid))


def _render(what: str, state: WorkshopState, events: list[Any] | None, *, mermaid: str) -> str:
    if what not in WHAT:
        raise InvalidInput("what", f"must be one of: {', '.join(WHAT)} (not {what!r})")
    if mermaid not in MERMAID:
        raise InvalidInput("mermaid", f"must be one of: {', '.join(MERMAID)} (not {mermaid!r})")
    if what == "journey":
        return journey.render(state, mermaid=mermaid)
    if what == "backlog":
        return backlog.render(state)
    if what == "report":
        return report.render(state, events, mermaid=mermaid)
    if what == "csv":
        return tracker.render(state)
    return archive.render(state, events)

__all__ = ["MERMAID", "WHAT", "read_archive", "render"]
