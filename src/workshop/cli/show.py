"""Provides `workshop show` as text: the brief, the people, the journey stage by stage, the design
criteria, ideas by theme, concepts with their assumptions, and the ranked pilot backlog."""

from __future__ import annotations

from collections.abc import Iterator

from workshop.cli.output import local_time, one_line, signed, table
from workshop.domain import views
from workshop.domain.model import WorkshopState


def _dots(n: int) -> str:
    return f"{n} dot{'s' if n != 1 else ''}"


def _heading(title: str, count: int | None = None) -> str:
    return f"\n{title}" + (f" ({count})" if count is not None else "")


def _brief(state: WorkshopState) -> Iterator[str]:
    yield f"{state.title}"
    yield (f"workshop {state.id} · slug {state.slug} · phase {state.phase.title} · "
           f"{state.event_count} event{'s' if state.event_count != 1 else ''} · created {local_time(state.created_at)}")
    if state.challenge:
        yield f"Challenge: {one_line(state.challenge)}"
    if state.scope:
        yield f"Scope: {one_line(state.scope)}"
    for label, values in (("Success measures", state.success_measures), ("Constraints", state.constraints)):
        if values:
            yield f"{label}:"
            yield from (f"  - {one_line(v)}" for v in values)
    facts = []
    if state.date:
        facts.append(f"Date: {state.date}")
    if state.facilitator:
        facts.append(f"Facilitator: {state.facilitator}")
    if facts:
        yield "   ".join(facts)
    cap = f"at most {state.cap_per_idea} per idea" if state.cap_per_idea else "no cap per idea"
    blind = ("blind, revealed" if state.revealed else "blind until revealed") if state.blind else "open"
    silent = "on" if state.silent else "off"
    yield f"Voting: {state.dots_per_participant} dots each, {cap}, {blind}.   Silent brainstorming: {silent}."
    names = "may add their own names" if state.open_join else "pick their names from the list"
    cards = {"silent": "anonymous while silent", "always": "always anonymous", "never": "never anonymous"}
    yield f"Own devices: participants {names}; cards {cards.get(state.anonymous, state.anonymous)}."


def _people(state: WorkshopState) -> Iterator[str]:
    if state.participants:
        yield _heading("Participants", len(state.participants))
        yield table(("REF", "NAME", "ROLE", "DOTS SPENT", "DEVICE"), [
            (p.ref, p.name + (" (facilitator)" if p.facilitator else ""), p.role,
             f"{state.dots_spent(p.ref)}/{state.dots_per_participant}",
             "no access" if p.blocked else "joined" if p.joined else "")
            for p in state.participants], indent="  ")
    if state.personas:
        yield _heading("Personas", len(state.personas))
        yield table(("REF", "NAME", "DESCRIPTION"),
                    [(p.ref, p.name, one_line(p.description, 90)) for p in state.personas], indent="  ")


def _journey(state: WorkshopState) -> Iterator[str]:
    weakest = views.weakest_link(state)
    note = ""
    if weakest is not None:
        note = f"; weakest link: {weakest.stage.name}, mean feeling {weakest.mean_feeling:+.1f}".replace("-", "−")
    yield _heading(f"Journey ({len(state.touchpoints)} touchpoints{note})")
    for stage in state.stages:
        touchpoints = state.touchpoints_in(stage.ref)
        yield f"  {stage.ref} {stage.name}" + ("" if touchpoints else "  (no touchpoints yet)")
        for tp in touchpoints:
            persona = state.persona(tp.persona) if tp.persona else None
            tags = [t for t in (tp.channel, persona.name if persona else "",
                                "moment of truth" if tp.moment_of_truth else "") if t]
            yield f"    {tp.ref:<4} {signed(tp.feeling):>2} {tp.feeling_word:<10} {one_line(tp.text)}"
            if tags:
                yield f"{'':20}[{' · '.join(tags)}]"
            for pain in tp.pains:
                yield f"{'':20}pain: {one_line(pain)}"
            if tp.evidence or tp.evidence_count is not None:
                count = f"count: {tp.evidence_count}" if tp.evidence_count is not None else ""
                yield f"{'':20}evidence: " + " · ".join(t for t in (one_line(tp.evidence), count) if t)
    if state.criteria:
        yield _heading("Design criteria", len(state.criteria))
        yield from (f"  {c.ref:<4} {one_line(c.text)}" for c in state.criteria)


def _ideas(state: WorkshopState) -> Iterator[str]:
    if not state.ideas:
        return
    visible = state.votes_visible
    named = [t for t, _ in views.themes(state) if t]
    yield _heading(f"Ideas ({len(state.ideas)} in {len(named)} themes"
                   + ("" if visible else "; dots hidden until revealed") + ")")
    for theme, ideas in views.themes(state):
        yield f"  {theme or '(no theme)'}"
        for idea in ideas:
            text = "(hidden: silent brainstorming)" if idea.hidden else one_line(idea.text)
            dots = _dots(state.dots_for(idea.ref)) if visible else ""
            links = f"  → {', '.join(idea.touchpoints)}" if idea.touchpoints else ""
            author = f"  — {idea.author}" if idea.author and not idea.hidden else ""
            yield f"    {idea.ref:<4} {dots:>8}  {text}{links}{author}"


def _concepts(state: WorkshopState) -> Iterator[str]:
    if not state.concepts:
        return
    yield _heading("Concepts", len(state.concepts))
    for c in state.concepts:
        score = f"effect {c.effect or '·'} · cost {c.cost or '·'}" + (" · wow" if c.wow else "")
        yield f"  {c.ref:<4} {one_line(c.big_idea)}  (from {c.idea}; {score})"
        for label, text in (("benefits", c.benefits), ("execution", c.execution), ("rationale", c.rationale)):
            if text:
                yield f"       {label}: {one_line(text)}"
        for a in state.assumptions_of(c.ref):
            critical = ", critical" if a.critical else ""
            yield f"       {a.ref:<4} [{a.kind}{critical}] {one_line(a.text)}"
            if a.test:
                yield f"            test: {one_line(a.test)}"


def _backlog(state: WorkshopState) -> Iterator[str]:
    if not state.pilots:
        return
    pinned = any(p.pin for p in state.pilots)
    yield _heading(f"Pilot backlog ({len(state.pilots)}" + ("; * pinned by hand)" if pinned else ")"))
    visible = state.votes_visible
    rows = []
    for r in views.rank_pilots(state):
        p = r.pilot
        timeline = f"{p.start_date or '?'} → {p.end_date or '?'}" if p.start_date or p.end_date else ""
        rows.append((f"{r.rank}{'*' if p.pin else ''}", p.ref, one_line(p.name, 40), p.owner, timeline,
                     r.effect or "·", r.cost or "·", r.votes if visible else "·", p.status + (
                         f", {p.decision}" if p.decision else "")))
    yield table(("RANK", "REF", "PILOT", "OWNER", "TIMELINE", "EFFECT", "COST", "VOTES", "STATUS"),
                rows, indent="  ")
    for p in state.pilots:
        if p.hypothesis:
            yield f"  {p.ref}: {one_line(p.hypothesis)}"


def render(state: WorkshopState) -> str:
    """The workshop as text for a terminal."""
    parts = [_brief, _people, _journey, _ideas, _concepts, _backlog]
    return "\n".join(line for part in parts for line in part(state))
