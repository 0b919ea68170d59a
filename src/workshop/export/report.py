"""Provides the workshop report in Markdown: at a glance first, then everything in phase order,
from the brief through the journey, the ideas by theme, the chosen concepts and the pilot backlog,
with a short log."""

from __future__ import annotations

from collections import Counter
from typing import Any

from workshop.domain import views
from workshop.domain.model import Idea, WorkshopState
from workshop.domain.values import PHASE_TITLES, Phase
from workshop.export import backlog as backlog_md
from workshop.export import glance
from workshop.export import journey as journey_md
from workshop.export.text import blocks, bullet, cell, heading, item, one_line, table


def _refs(refs: tuple[str, ...]) -> str:
    return ", ".join(refs)


def idea_table(state: WorkshopState, ideas: list[Idea]) -> str:
    """Ideas with their author, linked touchpoints and (once visible) dots."""
    header = ["Ref", "Idea", "Author", "Touchpoints"]
    rows = [[i.ref, cell(i.text), cell(i.author), _refs(i.touchpoints)] for i in ideas]
    if state.votes_visible:
        header.append("Dots")
        for row, idea in zip(rows, ideas, strict=True):
            row.append(str(state.dots_for(idea.ref)))
    return table(header, rows, right=(4,) if state.votes_visible else ())


def what_if(state: WorkshopState, level: int) -> str:
    """The ideas grouped by theme; ideas still hidden are only counted."""
    parts = []
    hidden = sum(1 for i in state.ideas if i.hidden)
    for theme, ideas in views.themes(state):
        shown = [i for i in ideas if not i.hidden]
        if not shown:
            continue
        parts.append(heading(level + 1, ("Theme: " + one_line(theme)) if theme else "Without a theme"))
        parts.append(idea_table(state, shown))
    if not parts:
        parts.append("No ideas yet." if not hidden else "No ideas are visible yet.")
    if hidden:
        parts.append(f"{hidden} idea written in silence is hidden until the facilitator reveals it." if hidden == 1
                     else f"{hidden} ideas written in silence are hidden until the facilitator reveals them.")
    if not state.votes_visible and state.votes:
        parts.append(backlog_md.HIDDEN_VOTES)
    return blocks(heading(level, PHASE_TITLES[Phase.WHAT_IF]), *parts).rstrip("\n")


def what_wows(state: WorkshopState, level: int) -> str:
    """The ideas by dots (once visible) and the concepts with their pitch and assumptions."""
    parts = [heading(level + 1, "Ideas by dots")]
    shown = [(i, dots) for i, dots in views.ranked_ideas(state) if not i.hidden]
    if not state.votes_visible:
        parts.append(backlog_md.HIDDEN_VOTES)
    elif not shown:
        parts.append("No ideas yet.")
    else:
        rows = [[str(n), i.ref, cell(i.text), cell(i.theme), str(dots)] for n, (i, dots) in enumerate(shown, 1)]
        parts.append(table(["Rank", "Ref", "Idea", "Theme", "Dots"], rows, right=(0, 4)))
    parts.append(heading(level + 1, "Concepts"))
    if not state.concepts:
        parts.append("No concepts yet.")
    for concept in state.concepts:
        parts.append(heading(level + 2, f"Concept {concept.ref}, from idea {concept.idea}"))
        parts.append(backlog_md.pitch(concept))
        assumptions = state.assumptions_of(concept.ref)
        if assumptions:
            parts.append(f"Assumptions of {concept.ref}, what must be true:")
            parts.append("\n".join(map(backlog_md.assumption_line, assumptions)))
        else:
            parts.append("No assumptions written down yet.")
    return blocks(heading(level, PHASE_TITLES[Phase.WHAT_WOWS]), *parts).rstrip("\n")


def log_summary(events: list[Any], level: int) -> str | None:
    """How the workshop went, in a few lines: how many changes, when, in which phase, by whom."""
    if not events:
        return None
    phases = Counter(e.phase or "" for e in events)
    actors = Counter(e.actor for e in events if e.actor)
    lines = [bullet(f"{len(events)} changes, from {events[0].at} to {events[-1].at}")]
    for phase in Phase:
        if phases.get(phase.value):
            lines.append(bullet(f"{PHASE_TITLES[phase]}: {phases[phase.value]} changes"))
    for name, n in actors.most_common():
        lines.append(item(name, label=f"{n} change{'s' if n != 1 else ''} by"))
    return blocks(heading(level, "Log"), "\n".join(lines)).rstrip("\n")


def render(state: WorkshopState, events: list[Any] | None = None, *, mermaid: str = "backticks") -> str:
    """The whole workshop as one Markdown document, in phase order."""
    return blocks(
        heading(1, "Workshop report: " + one_line(state.title)),
        f"Phase now: {PHASE_TITLES[state.phase]}.",
        glance.at_a_glance(state),
        journey_md.brief(state, 2),
        heading(2, PHASE_TITLES[Phase.WHAT_IS]),
        journey_md.journey(state, 3, mermaid=mermaid),
        what_if(state, 2),
        what_wows(state, 2),
        heading(2, PHASE_TITLES[Phase.WHAT_WORKS]),
        backlog_md.backlog(state, 3),
        log_summary(events or [], 2),
    )

