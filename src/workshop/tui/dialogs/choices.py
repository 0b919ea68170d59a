"""Provides the fields of the What Wows and What Works forms: the napkin pitch of a concept, an
assumption, and a pilot with every field it has."""

from __future__ import annotations

import re

from workshop.domain.model import Assumption, Concept, Pilot, WorkshopState
from workshop.domain.values import ASSUMPTION_KINDS, PILOT_DECISIONS, PILOT_STATUSES
from workshop.tui.dialogs.form import Field, person_field
from workshop.tui.words import t, vocabulary


def one_line(text: str) -> str:
    """User text on one line (line breaks and runs of spaces become one space)."""
    return " ".join(text.split())


def scores() -> list[tuple[str, int]]:
    """The 1–5 scale of effect and cost, in words."""
    return [(f"{n}  {t(f'choices.score_{n}')}", n) for n in range(1, 6)]


def concept_fields(concept: Concept | None, idea_text: str = "") -> list[Field]:
    """The napkin pitch: the four questions, then effect, cost and the wow flag."""
    c = concept
    return [
        Field("big_idea", t("choices.big_idea"), "note", c.big_idea if c else idea_text, aliases=("big idea",)),
        Field("benefits", t("choices.benefits"), "note", c.benefits if c else ""),
        Field("execution", t("choices.execution"), "note", c.execution if c else ""),
        Field("rationale", t("choices.rationale"), "note", c.rationale if c else ""),
        Field("effect", t("choices.effect"), "choice", c.effect if c else None, choices=scores(),
              placeholder=t("choices.not_scored")),
        Field("cost", t("choices.cost"), "choice", c.cost if c else None, choices=scores(),
              placeholder=t("choices.not_scored")),
        Field("wow", t("choices.wow"), "flag", c.wow if c else False),
    ]


def assumption_fields(a: Assumption | None) -> list[Field]:
    """What must be true, its kind, whether it is critical, and how to test it."""
    return [
        Field("text", t("choices.must_be_true"), "note", a.text if a else ""),
        Field("kind", t("choices.kind"), "choice", a.kind if a else "value",
              choices=[(str(vocabulary().assumption_kinds.get(k, k)), k) for k in ASSUMPTION_KINDS]),
        Field("critical", t("choices.critical"), "flag", a.critical if a else False),
        Field("test", t("choices.test"), "note", a.test if a else ""),
    ]


def split_refs(text: str) -> list[str]:
    """Assumption references typed as `A1, A3` or `a1 a3`."""
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


def pilot_fields(state: WorkshopState, pilot: Pilot | None, concept: str | None = None) -> list[Field]:
    """Every field of a pilot; a new pilot also chooses the concept it comes from."""
    p = pilot
    words = vocabulary()
    fields = [Field("name", t("items.name"), "text", p.name if p else "")]
    if p is None:
        choices = [(f"{c.ref} {one_line(c.big_idea)[:60]}", c.ref) for c in state.concepts]
        fields.append(Field("concept", t("choices.from_concept"), "choice", concept, choices=choices))
    owner_concept = p.concept if p else concept
    known = ", ".join(a.ref for a in state.assumptions if owner_concept is None or a.concept == owner_concept)
    fields += [
        Field("hypothesis", t("what_works.hypothesis"), "note", p.hypothesis if p else "",
              hint=t("choices.hypothesis_shape")),
        Field("metric", t("choices.metric"), "text", p.metric if p else ""),
        person_field("owner", t("newcomer.person.owner"), [u.name for u in state.participants],
                     p.owner if p else ""),
        Field("start", t("choices.start"), "text", p.start_date if p else "", placeholder=t("items.date_format")),
        Field("end", t("choices.end"), "text", p.end_date if p else "", placeholder=t("items.date_format")),
        Field("budget", t("choices.budget"), "text", p.budget if p else ""),
        Field("scope", t("choices.scope"), "note", p.scope if p else ""),
        Field("tests", t("choices.tests"), "text", ", ".join(p.tests) if p else "",
              placeholder="A1, A2", hint=t("choices.known", refs=known) if known else t("choices.refs_hint"),
              aliases=("assumption",)),
        Field("status", t("choices.status"), "choice", p.status if p else "proposed",
              choices=[(words.pilot_statuses.get(s, s), s) for s in PILOT_STATUSES]),
    ]
    if p is not None:
        fields += [
            Field("decision", t("choices.decision"), "choice", p.decision,
                  choices=[(words.pilot_decisions.get(d, d), d) for d in PILOT_DECISIONS],
                  placeholder=t("choices.not_decided")),
            Field("learnings", t("what_works.learnings"), "note", p.learnings),
        ]
    return fields
