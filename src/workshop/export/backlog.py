"""Provides the pilot backlog in Markdown: the ranked table, then one section per pilot with its
concept's napkin pitch, the assumptions it tests and a task list a team can work through."""

from __future__ import annotations

from workshop.domain import views
from workshop.domain.model import Assumption, Concept, Pilot, WorkshopState
from workshop.export.text import blocks, bullet, cell, heading, inline, item, one_line, table, task

HIDDEN_VOTES = "Votes are hidden until the facilitator reveals them."
RANKING = ("Ranked by expected effect ÷ cost, then by votes, then by the order the pilots were made in; "
           "a pilot pinned by hand keeps its place.")


def timeline(pilot: Pilot) -> str:
    """The dates of a pilot as the room would say them."""
    if pilot.start_date and pilot.end_date:
        return f"{pilot.start_date} – {pilot.end_date}"
    if pilot.start_date:
        return f"from {pilot.start_date}"
    if pilot.end_date:
        return f"until {pilot.end_date}"
    return "not set"


def status(pilot: Pilot) -> str:
    """A pilot's status, with its decision once made."""
    return pilot.status + (f", decided to {pilot.decision}" if pilot.decision else "")


def score(value: int | None) -> str:
    """An effect or cost, or a dash when not set."""
    return str(value) if value is not None else "—"


def standing(state: WorkshopState, entry: views.RankedPilot) -> str:
    """What a pilot's rank rests on: expected effect ÷ cost, then votes (once visible)."""
    scored = (f"{score(entry.effect)} ÷ {score(entry.cost)}" if entry.effect is not None or entry.cost is not None
              else "not scored")
    return f"{scored}, " + (f"{entry.votes} vote{'s' if entry.votes != 1 else ''}" if state.votes_visible
                            else "votes hidden")


def ranked_table(state: WorkshopState) -> str:
    """The backlog as one table of six columns, best first."""
    rows = []
    for entry in views.rank_pilots(state):
        p = entry.pilot
        rows.append([
            str(entry.rank),
            cell(p.name),
            cell(p.hypothesis),
            cell(p.owner),
            f"{status(p)}; {timeline(p)}",
            standing(state, entry),
        ])
    header = ["Rank", "Pilot", "Hypothesis", "Owner", "Status and dates", "Effect ÷ cost, votes"]
    return table(header, rows, right=(0,))


def assumption_line(a: Assumption) -> str:
    """One assumption: reference, kind, critical flag, what must be true and how to test it."""
    kind = ("critical " if a.critical else "") + f"{a.kind} assumption"
    text = f"{a.ref} ({kind}): " + inline(a.text, indent=2, start=False)
    if a.test:
        text += "\\\n  Test: " + inline(a.test, indent=2, start=False)
    return bullet(text)


def pitch(concept: Concept) -> str:
    """A concept's napkin pitch with its effect, cost and wow, as a list."""
    lines = []
    for label, value in (("Big idea", concept.big_idea), ("Who benefits and how", concept.benefits),
                         ("How we would deliver it", concept.execution), ("Why it is worth it", concept.rationale)):
        if value:
            lines.append(item(value, label=label))
    lines.append(bullet(f"**Expected effect:** {score(concept.effect)} of 5"))
    lines.append(bullet(f"**Cost:** {score(concept.cost)} of 5"))
    if concept.wow:
        lines.append(bullet("**Wow:** yes, a surprise that delights"))
    return "\n".join(lines)


def tasks(state: WorkshopState, pilot: Pilot) -> str:
    """The next steps for a learning launch, ticked where the workshop already shows them done."""
    lines = []
    if pilot.owner:
        lines.append(task("Confirm the owner: ", pilot.owner))
    else:
        lines.append(task("Name an owner"))
    if pilot.metric:
        lines.append(task("Agree the success threshold: ", pilot.metric))
    else:
        lines.append(task("Write down the success metric and the threshold that counts as success"))
    tested = state.assumptions_tested(pilot)
    critical = tested or [a for a in state.assumptions_of(pilot.concept) if a.critical]
    for a in critical:
        lines.append(task(f"Test assumption {a.ref}: ", a.text))
    if pilot.budget:
        lines.append(task("Keep the cost within the affordable loss: ", pilot.budget))
    started = pilot.status in ("running", "done", "stopped")
    if pilot.start_date and pilot.end_date:
        lines.append(task(f"Start on {pilot.start_date} and end on {pilot.end_date}", done=started))
    else:
        lines.append(task("Set the start and end dates", done=started))
    lines.append(task("Decide: scale, iterate or stop", done=pilot.decision is not None))
    lines.append(task("Write down what was learned", done=bool(pilot.learnings)))
    return "\n".join(lines)


def pilot_section(state: WorkshopState, rank: int, pilot: Pilot, level: int) -> str:
    """One pilot: its facts, its concept's pitch, its assumptions and its tasks."""
    concept = state.concept(pilot.concept)
    facts = []
    if concept:
        facts.append(bullet(f"**Concept:** {concept.ref}, " + inline(concept.big_idea, indent=2, start=False)))
    for label, value in (("Hypothesis", pilot.hypothesis), ("Success metric and threshold", pilot.metric),
                         ("Owner", pilot.owner)):
        if value:
            facts.append(item(value, label=label))
    facts.append(bullet(f"**Timeline:** {timeline(pilot)}"))
    for label, value in (("Budget (affordable loss)", pilot.budget), ("Scope", pilot.scope)):
        if value:
            facts.append(item(value, label=label))
    facts.append(bullet(f"**Status:** {status(pilot)}"))
    if pilot.learnings:
        facts.append(item(pilot.learnings, label="Learnings"))
    tested = state.assumptions_tested(pilot)
    others = [a for a in state.assumptions_of(pilot.concept) if a.ref not in pilot.tests]
    return blocks(
        heading(level, f"{rank}. " + one_line(pilot.name) + f" ({pilot.ref})"),
        "\n".join(facts),
        heading(level + 1, f"Napkin pitch ({concept.ref})") if concept else None,
        pitch(concept) if concept else None,
        heading(level + 1, "Assumptions it tests"),
        "\n".join(map(assumption_line, tested)) if tested else "None chosen yet.",
        heading(level + 1, "Other assumptions of the concept") if others else None,
        "\n".join(map(assumption_line, others)) if others else None,
        heading(level + 1, "Tasks"),
        tasks(state, pilot),
    ).rstrip("\n")


def backlog(state: WorkshopState, level: int = 2) -> str:
    """The ranked table and a section per pilot; `level` is the level of each pilot's heading."""
    ranked = views.rank_pilots(state)
    if not ranked:
        return "No pilots yet."
    return blocks(
        RANKING,
        None if state.votes_visible else HIDDEN_VOTES,
        ranked_table(state),
        *(pilot_section(state, e.rank, e.pilot, level) for e in ranked),
    ).rstrip("\n")


def render(state: WorkshopState) -> str:
    """The pilot backlog as one Markdown document."""
    return blocks(heading(1, "Pilot backlog: " + one_line(state.title)), backlog(state, 2))
