"""Provides the journey map in Markdown: at a glance, the brief, the emotion curve (a chart and
the same in words), then each stage with its diagrams and its table, the weakest link and the
design criteria.

The sections are built separately so the report can reuse them one heading level down.
"""

from __future__ import annotations

from workshop.domain import views
from workshop.domain.model import Stage, Touchpoint, WorkshopState
from workshop.export import diagrams, glance
from workshop.export.text import (
    blocks,
    bullet,
    bullet_indent,
    cell,
    cell_lines,
    fence_diagram,
    heading,
    inline,
    item,
    one_line,
    table,
)
from workshop.export.words import CHANNELS, FACES, MOMENT, count, feeling_text, signed

__all__ = ["FACES", "brief", "criteria", "feeling_text", "journey", "render", "signed", "weakest_link"]

CURVE_CELLS = 9
"""The length of a stage's bar in the curve in words: one cell at −2, five at 0, nine at +2."""


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


# the emotion curve ------------------------------------------------------------------------------


def _bar(mean: float) -> str:
    filled = 1 + int((mean + 2) * 2 + 0.5)
    return "█" * filled + "░" * (CURVE_CELLS - filled)


def _step(tp: Touchpoint) -> str:
    mark = f" {MOMENT}" if tp.moment_of_truth else ""
    if tp.feeling is None:
        return f"{tp.ref}{mark} not rated"
    return f"{tp.ref}{mark} {FACES[tp.feeling]} {signed(tp.feeling)}"


def curve_in_words(state: WorkshopState) -> str | None:
    """The emotion curve as text, a line per stage: a bar of its mean feeling, the mean, and each
    touchpoint's feeling in journey order. It reads the same with the diagrams or without."""
    if not state.touchpoints:
        return None
    lines = []
    for h in views.stage_health(state):
        name = f"{h.stage.ref} " + one_line(h.stage.name)
        tps = state.touchpoints_in(h.stage.ref)
        steps = ", ".join(map(_step, tps))
        if h.mean_feeling is None:
            lines.append(bullet(f"{name}: " + (f"nothing rated yet ({steps})" if tps else "no touchpoints yet")))
        else:
            lines.append(bullet(f"{_bar(h.mean_feeling)} {signed(h.mean_feeling)} {name}: {steps}"))
    intro = ("Mean feeling per stage, from −2 (frustrated) to +2 (delighted), then each touchpoint's; "
             f"{MOMENT} marks a moment of truth.")
    return blocks(intro, "\n".join(lines)).rstrip("\n")


def curve(state: WorkshopState, level: int, mermaid: str) -> str:
    """The emotion curve: a chart of the mean feeling per stage (where the wiki draws xy charts),
    and the curve in words."""
    words = curve_in_words(state)
    if words is None:
        return blocks(heading(level, "Emotion curve"), "No touchpoints yet, so there is no curve.").rstrip("\n")
    chart = diagrams.curve_chart(state) if mermaid == "backticks" else None
    left_off = [h.stage for h in views.stage_health(state) if h.mean_feeling is None]
    note = None
    if chart and left_off:
        note = "Not on the chart, nothing rated yet: " + ", ".join(
            f"{s.ref} " + one_line(s.name) for s in left_off) + "."
    return blocks(heading(level, "Emotion curve"), fence_diagram(chart, mermaid) if chart else None,
                  note, words).rstrip("\n")


# the stages -----------------------------------------------------------------------------------


def _text(tp: Touchpoint) -> str:
    """The customer's words, then where it happens."""
    where = f" ({CHANNELS.get(tp.channel, tp.channel)})" if tp.channel else ""
    return cell(tp.text) + where


def _pains(tp: Touchpoint) -> str:
    return cell_lines(["• " + cell(p) for p in tp.pains])


def _evidence(tp: Touchpoint) -> str:
    parts = [cell(tp.evidence)] if tp.evidence else []
    if tp.evidence_count is not None:
        parts.append(f"**count:** {tp.evidence_count}")
    return cell_lines(parts)


def stage_table(state: WorkshopState, stage_ref: str) -> str:
    """The touchpoints of one stage, in journey order, in six columns: the channel follows the
    customer's words, and ★ after the reference (on the same line) marks a moment of truth."""
    rows = []
    for tp in state.touchpoints_in(stage_ref):
        persona = state.persona(tp.persona) if tp.persona else None
        rows.append([
            tp.ref + (f"\u00a0{MOMENT}" if tp.moment_of_truth else ""),  # kept on one line
            _text(tp),
            cell(persona.name) if persona else "",
            feeling_text(tp.feeling),
            _pains(tp),
            _evidence(tp),
        ])
    if not rows:
        return "No touchpoints in this stage yet."
    return table(["Ref", "Touchpoint", "Persona", "Feeling", "Pains", "Evidence"], rows)


def stage_section(state: WorkshopState, n: int, stage: Stage, level: int, mermaid: str) -> str:
    """One stage: its heading, its journey diagrams, the touchpoints they leave out, its table."""
    tps = state.touchpoints_in(stage.ref)
    sources = diagrams.stage_journeys(state, stage) if mermaid != "none" else []
    unrated = [tp for tp in tps if tp.feeling is None]
    note = None
    if sources and unrated:
        note = "Not in the diagram, not rated yet: " + "; ".join(
            f"{tp.ref} " + one_line(tp.text) for tp in unrated) + "."
    moments = [tp.ref for tp in tps if tp.moment_of_truth]
    legend = (f"{MOMENT} Moment of truth: {', '.join(moments)}." if moments else None)
    return blocks(
        heading(level, f"{n}. " + one_line(stage.name) + f" ({stage.ref})"),
        *(fence_diagram(source, mermaid) for source in sources),
        note,
        stage_table(state, stage.ref),
        legend,
    ).rstrip("\n")


def _health(health: views.StageHealth) -> str:
    rated = count(health.rated, "rated touchpoint")
    return (f"mean feeling {signed(health.mean_feeling)} across {rated}; {health.painful} of "
            f"{count(health.touchpoints, 'touchpoint')} {'has' if health.painful == 1 else 'have'} pains "
            f"({health.pains} in all)")


def weakest_link(state: WorkshopState, level: int) -> str:
    """The stage with the lowest mean feeling, in words; stages that tie are named together."""
    tied = views.weakest_links(state)
    if not tied:
        text = "Not known yet: no touchpoint has a feeling."
    elif len(tied) == 1:
        text = (f"Stage {tied[0].stage.ref}, " + inline(tied[0].stage.name, start=False)
                + f": {_health(tied[0])}.")
    else:
        text = f"A tie between {len(tied)} stages: " + "; ".join(
            f"{h.stage.ref}, " + one_line(h.stage.name) + f": {_health(h)}" for h in tied) + "."
    text += " A journey is only as good as its weakest link."
    return blocks(heading(level, "Weakest link"), text).rstrip("\n")


def criteria(state: WorkshopState, level: int) -> str:
    """The design criteria any good solution must meet, numbered."""
    body = numbered([c.text for c in state.criteria]) if state.criteria else "No design criteria yet."
    return blocks(heading(level, "Design criteria"), body).rstrip("\n")


def journey(state: WorkshopState, level: int = 2, *, mermaid: str = "backticks") -> str:
    """The journey itself: the emotion curve, each stage with its diagrams and table, the weakest
    link, the design criteria."""
    return blocks(
        heading(level, "Journey"),
        curve(state, level + 1, mermaid),
        *(stage_section(state, n, stage, level + 1, mermaid) for n, stage in enumerate(state.stages, 1)),
        weakest_link(state, level),
        criteria(state, level),
    ).rstrip("\n")


def render(state: WorkshopState, *, mermaid: str = "backticks") -> str:
    """The journey map as one Markdown document, at a glance first."""
    return blocks(
        heading(1, "Journey map: " + one_line(state.title)),
        glance.at_a_glance(state),
        brief(state, 2),
        journey(state, 2, mermaid=mermaid),
    )
