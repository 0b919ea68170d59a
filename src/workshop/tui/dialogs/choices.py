"""Provides the fields of the What Wows and What Works forms: the napkin pitch of a concept, an
assumption, and a pilot with every field it has."""

from __future__ import annotations

import re

from workshop.domain.model import Assumption, Concept, Pilot, WorkshopState
from workshop.domain.values import ASSUMPTION_KINDS, PILOT_DECISIONS, PILOT_STATUSES
from workshop.tui.dialogs.form import Field, person_field
from workshop.tui.words import t

HYPOTHESIS = "We believe that … for … will …, measured by …"
"""The shape of a pilot's hypothesis, shown beside its field."""


def one_line(text: str) -> str:
    """User text on one line (line breaks and runs of spaces become one space)."""
    return " ".join(text.split())


SCORES = [("1  very low", 1), ("2  low", 2), ("3  medium", 3), ("4  high", 4), ("5  very high", 5)]


def concept_fields(concept: Concept | None, idea_text: str = "") -> list[Field]:
    """The napkin pitch: the four questions, then effect, cost and the wow flag."""
    c = concept
    return [
        Field("big_idea", "Big idea", "note", c.big_idea if c else idea_text, aliases=("big idea",)),
        Field("benefits", "Who benefits, and how", "note", c.benefits if c else ""),
        Field("execution", "How we would deliver it", "note", c.execution if c else ""),
        Field("rationale", "Why it is worth it", "note", c.rationale if c else ""),
        Field("effect", "Expected effect", "choice", c.effect if c else None, choices=SCORES,
              placeholder="(not scored yet)"),
        Field("cost", "Cost", "choice", c.cost if c else None, choices=SCORES, placeholder="(not scored yet)"),
        Field("wow", "Wow: a surprise that delights", "flag", c.wow if c else False),
    ]


def assumption_fields(a: Assumption | None) -> list[Field]:
    """What must be true, its kind, whether it is critical, and how to test it."""
    return [
        Field("text", "What must be true", "note", a.text if a else ""),
        Field("kind", "Kind", "choice", a.kind if a else "value", choices=[(k, k) for k in ASSUMPTION_KINDS]),
        Field("critical", "Critical: the concept fails if this is wrong", "flag", a.critical if a else False),
        Field("test", "How to test it (a thought experiment or a field experiment)", "note", a.test if a else ""),
    ]


def split_refs(text: str) -> list[str]:
    """Assumption references typed as `A1, A3` or `a1 a3`."""
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


def pilot_fields(state: WorkshopState, pilot: Pilot | None, concept: str | None = None) -> list[Field]:
    """Every field of a pilot; a new pilot also chooses the concept it comes from."""
    p = pilot
    fields = [Field("name", "Name", "text", p.name if p else "")]
    if p is None:
        choices = [(f"{c.ref} {one_line(c.big_idea)[:60]}", c.ref) for c in state.concepts]
        fields.append(Field("concept", "From concept", "choice", concept, choices=choices))
    owner_concept = p.concept if p else concept
    known = ", ".join(a.ref for a in state.assumptions if owner_concept is None or a.concept == owner_concept)
    fields += [
        Field("hypothesis", "Hypothesis", "note", p.hypothesis if p else "", hint=HYPOTHESIS),
        Field("metric", "Success metric and threshold", "text", p.metric if p else ""),
        person_field("owner", t("newcomer.person.owner"), [u.name for u in state.participants],
                     p.owner if p else ""),
        Field("start", "Start", "text", p.start_date if p else "", placeholder="YYYY-MM-DD"),
        Field("end", "End", "text", p.end_date if p else "", placeholder="YYYY-MM-DD"),
        Field("budget", "Budget (an affordable loss)", "text", p.budget if p else ""),
        Field("scope", "Scope (keep it small)", "note", p.scope if p else ""),
        Field("tests", "Assumptions it tests", "text", ", ".join(p.tests) if p else "",
              placeholder="A1, A2", hint=f"this concept's: {known}" if known else "references such as A1",
              aliases=("assumption",)),
        Field("status", "Status", "choice", p.status if p else "proposed",
              choices=[(s, s) for s in PILOT_STATUSES]),
    ]
    if p is not None:
        fields += [
            Field("decision", "Decision", "choice", p.decision, choices=[(d, d) for d in PILOT_DECISIONS],
                  placeholder="(not decided yet)"),
            Field("learnings", "Learnings", "note", p.learnings),
        ]
    return fields
