"""Provides the journey map in Markdown: the brief, the Mermaid journey diagram, a table per
stage, the emotion curve, the weakest link and the design criteria.

The sections are built separately so the report can reuse them one heading level down.
"""

from __future__ import annotations

from workshop.domain import views
from workshop.domain.model import Touchpoint, WorkshopState
from workshop.domain.values import FEELINGS
from workshop.export.text import (
    blocks,
    bullet,
    bullet_indent,
    cell,
    fence_diagram,
    heading,
    inline,
    item,
    mermaid_name,
    mermaid_score,
    one_line,
    table,
)

FACES = {-2: "😠", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}
CUSTOMER = "Customer"


def signed(value: float) -> str:
    """A feeling as the room says it: −1, 0, +2 (with a true minus sign)."""
    text = f"{value:+.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):+d}"
    return "0" if text in ("+0", "-0") else text.replace("-", "−")


def feeling_text(feeling: int | None) -> str:
    """A feeling as word, number and face, or 'not rated'."""
    if feeling is None:
        return "not rated"
    return f"{FACES[feeling]} {FEELINGS[feeling]} ({signed(feeling)})"


def numbered(texts: list[str]) -> str:
    """An ordered list of user text."""
    return "\n".join(f"{n}. " + inline(text, indent=bullet_indent(0, f"{n}.")) for n, text in enumerate(texts, 1))


# the brief ------------------------------------------------------------------------------------


def brief(state: WorkshopState, level: int = 2) -> str:
    """The design brief: challenge, scope, measures, constraints, date, people and personas."""
    fields = []
    for label, value in (("Challenge", state.challenge), ("Scope", state.scope),
                         ("Facilitator", state.facilitator)):
        if value:
            fields.append(item(value, label=label))
    if state.date:
        fields.append(bullet(f"**Date:** {state.date}"))
    for label, values in (("Success measures", state.success_measures), ("Constraints", state.constraints)):
        if values:
            fields.append(bullet(f"**{label}:**"))
            fields.extend(item(v, level=1) for v in values)
    people = "No participants yet."
    if state.participants:
        people = table(
            ["Participant", "Role", "Facilitator"],
            [[cell(p.name), cell(p.role), "yes" if p.facilitator else ""] for p in state.participants],
        )
    personas = "No personas yet: the journey is seen by the customer in general."
    if state.personas:
        personas = table(["Persona", "Description"], [[cell(r.name), cell(r.description)] for r in state.personas])
    return blocks(
        heading(level, "Brief"),
        "\n".join(fields) if fields else "The brief is still empty.",
        heading(level + 1, "Participants"),
        people,
        heading(level + 1, "Personas"),
        personas,
    ).rstrip("\n")


# the diagram ----------------------------------------------------------------------------------


def actor(state: WorkshopState, tp: Touchpoint) -> str:
    """Who meets a touchpoint in the diagram: its persona, or the customer in general."""
    persona = state.persona(tp.persona) if tp.persona else None
    return mermaid_name(persona.name, actor=True, placeholder=CUSTOMER) if persona else CUSTOMER


def diagram(state: WorkshopState) -> str | None:
    """The Mermaid `journey` source: a section per stage that has rated touchpoints, a task per
    rated touchpoint scored feeling + 3; None when no touchpoint is rated.

    A touchpoint not rated yet is left out (Mermaid would have to draw it at some score, and
    neutral is a rating the room did not give); `unrated_note` names them under the diagram.
    Stages without rated touchpoints are left out of the diagram but keep their place in the
    tables."""
    if not any(tp.feeling is not None for tp in state.touchpoints):
        return None
    lines = ["journey", f"    title {mermaid_name(state.title, limit=120, placeholder='Journey')}"]
    for stage in state.stages:
        tps = [tp for tp in state.touchpoints_in(stage.ref) if tp.feeling is not None]
        if not tps:
            continue
        lines.append(f"    section {mermaid_name(stage.name, placeholder=stage.ref)}")
        for tp in tps:
            lines.append(f"      {mermaid_name(tp.text, placeholder=tp.ref)}: {mermaid_score(tp.feeling)}: {actor(state, tp)}")
    return "\n".join(lines)


# the stages -----------------------------------------------------------------------------------


def _pains(tp: Touchpoint) -> str:
    return "<br>".join("• " + cell(p) for p in tp.pains)


def _evidence(tp: Touchpoint) -> str:
    parts = [cell(tp.evidence)] if tp.evidence else []
    if tp.evidence_count is not None:
        parts.append(f"count: {tp.evidence_count}")
    return "<br>".join(parts)


def stage_table(state: WorkshopState, stage_ref: str) -> str:
    """The touchpoints of one stage, in journey order."""
    rows = []
    for tp in state.touchpoints_in(stage_ref):
        persona = state.persona(tp.persona) if tp.persona else None
        rows.append([
            tp.ref,
            cell(tp.text),
            tp.channel or "",
            cell(persona.name) if persona else "",
            feeling_text(tp.feeling),
            _pains(tp),
            _evidence(tp),
            "★ yes" if tp.moment_of_truth else "",
        ])
    if not rows:
        return "No touchpoints in this stage yet."
    header = ["Ref", "Touchpoint", "Channel", "Persona", "Feeling", "Pains", "Evidence", "Moment of truth"]
    return table(header, rows)


def emotion_curve(state: WorkshopState) -> str | None:
    """The feelings in journey order, as one line of text."""
    curve = views.emotion_curve(state)
    if not curve:
        return None
    steps = [f"{tp.ref} {FACES[f]} {signed(f)}" if f is not None else f"{tp.ref} not rated" for tp, f in curve]
    return "Emotion curve, in journey order: " + " → ".join(steps) + "."


def weakest_link(state: WorkshopState, level: int) -> str:
    """The stage with the lowest mean feeling, in words."""
    health = views.weakest_link(state)
    if health is None:
        text = "Not known yet: no touchpoint has a feeling."
    else:
        rated = f"{health.rated} rated touchpoint{'s' if health.rated != 1 else ''}"
        text = (
            f"Stage {health.stage.ref}, " + inline(health.stage.name)
            + f": mean feeling {signed(health.mean_feeling)} across {rated}; "
            f"{health.painful} of {health.touchpoints} touchpoint{'s' if health.touchpoints != 1 else ''} "
            f"{'has' if health.painful == 1 else 'have'} pains ({health.pains} in all). "
            "A journey is only as good as its weakest link."
        )
    return blocks(heading(level, "Weakest link"), text).rstrip("\n")


def criteria(state: WorkshopState, level: int) -> str:
    """The design criteria any good solution must meet, numbered."""
    body = numbered([c.text for c in state.criteria]) if state.criteria else "No design criteria yet."
    return blocks(heading(level, "Design criteria"), body).rstrip("\n")


def journey(state: WorkshopState, level: int = 2, *, mermaid: str = "backticks") -> str:
    """The journey itself: diagram, emotion curve, a table per stage, weakest link, criteria."""
    source = diagram(state)
    if source:
        picture = fence_diagram(source, mermaid)
    elif state.touchpoints:
        picture = "No touchpoint has a feeling yet, so there is no diagram."
    else:
        picture = "No touchpoints yet, so there is no diagram."
    unrated = [tp for tp in state.journey() if tp.feeling is None]
    if source and unrated:
        picture = blocks(picture, "Not in the diagram, not rated yet: "
                         + "; ".join(f"{tp.ref} {one_line(tp.text)}" for tp in unrated) + ".").rstrip("\n")
    stages = []
    for n, stage in enumerate(state.stages, 1):
        stages.append(heading(level + 1, f"{n}. " + one_line(stage.name) + f" ({stage.ref})"))
        stages.append(stage_table(state, stage.ref))
    return blocks(
        heading(level, "Journey"),
        picture,
        emotion_curve(state),
        *stages,
        weakest_link(state, level),
        criteria(state, level),
    ).rstrip("\n")


def render(state: WorkshopState, *, mermaid: str = "backticks") -> str:
    """The journey map as one Markdown document."""
    return blocks(
        heading(1, "Journey map: " + one_line(state.title)),
        brief(state, 2),
        journey(state, 2, mermaid=mermaid),
    )
