"""Provides `workshop edit` for what the room makes after the journey: ideas (with their links to
touchpoints), concepts, assumptions and pilots."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from workshop.cli.context import session
from workshop.cli.options import (
    Benefits, Budget, Cost, Effect, Execution, Hypothesis, Metric, Owner, Rationale,
    AsJson, Author, NewName, NewText, Position, Theme, Workshop, exclusive, flag, given, int_option, list_option, needs_change,
    ref_argument, switch, text_option,
)
from workshop.cli.output import edited
from workshop.domain import validate
from workshop.domain.errors import NotFound, RuleRefused

app = typer.Typer()

IdeaRef = ref_argument("idea", "I12")
Link = list_option("--link", "Link it to this touchpoint (T3); repeat for several.", "T")
Unlink = list_option("--unlink", "Remove its link to this touchpoint; repeat for several.", "T")


@app.command("idea")
def idea(
    ctx: typer.Context, workshop: Workshop, ref: IdeaRef,
    text: NewText = None, theme: Theme = None, author: Author = None, position: Position = None,
    link: Link = None,
    unlink: Unlink = None,
    as_json: AsJson = False,
) -> None:
    """Change an idea, its theme (empty to clear), its place, or the touchpoints it answers."""
    fields = given(text=text, theme=theme, author=author, position=position)
    needs_change(fields, link, unlink)
    s = session(ctx)
    # Check everything first: the edit and each link are separate changes in the log.
    if text is not None:
        validate.idea_text(text)
    if theme is not None:
        validate.theme(theme)
    if author is not None:
        validate.name("author", author, required=False)
    validate.count("position", position, minimum=1)
    state = s.engine.load(workshop)
    current = state.idea(s.engine.ref(ref, "I", "idea"))
    if current is None:
        raise NotFound(f"idea: no idea {ref} in this workshop")
    wanted = [s.engine.ref(t, "T", "touchpoint") for t in link or []]
    dropped = [s.engine.ref(t, "T", "touchpoint") for t in unlink or []]
    for tp in wanted:
        if state.touchpoint(tp) is None:
            raise NotFound(f"touchpoint: no touchpoint {tp} in this workshop")
    if wanted and all(tp in current.touchpoints for tp in wanted):
        raise RuleRefused(f"touchpoint: idea {current.ref} is already linked to {', '.join(wanted)}")
    if dropped and not any(tp in current.touchpoints for tp in dropped):
        raise RuleRefused(f"touchpoint: idea {current.ref} is not linked to {', '.join(dropped)}")
    if wanted or dropped:
        # With links to change, a field given at the value it already has is simply left alone.
        fields = {k: v for k, v in fields.items() if k == "position" or getattr(current, k) != v.strip()}
    if fields:
        s.engine.edit_idea(workshop, current.ref, **fields, actor=s.actor)
    if wanted:
        s.engine.link_idea(workshop, current.ref, wanted, actor=s.actor)
    if dropped:
        s.engine.link_idea(workshop, current.ref, dropped, unlink=True, actor=s.actor)
    edited(as_json, current.ref)


ConceptRef = ref_argument("concept", "C2")
BigIdea = text_option("--big-idea", "The big idea in a sentence.")
Wow = switch("--wow/--no-wow", "A surprise that delights.")


@app.command("concept")
def concept(
    ctx: typer.Context, workshop: Workshop, ref: ConceptRef,
    big_idea: BigIdea = None,
    benefits: Benefits = None,
    execution: Execution = None,
    rationale: Rationale = None,
    effect: Effect = None,
    cost: Cost = None,
    wow: Wow = None,
    as_json: AsJson = False,
) -> None:
    """Change a concept's napkin pitch, effect, cost or wow."""
    fields = given(big_idea=big_idea, benefits=benefits, execution=execution, rationale=rationale,
                   effect=effect, cost=cost, wow=wow)
    needs_change(fields)
    s = session(ctx)
    edited(as_json, s.engine.edit_concept(workshop, ref, **fields, actor=s.actor))


AssumptionRef = ref_argument("assumption", "A4")
Critical = switch("--critical/--no-critical", "Whether the concept fails without it.")
Test = text_option("--test", "How to test it.")


@app.command("assumption")
def assumption(
    ctx: typer.Context, workshop: Workshop, ref: AssumptionRef,
    text: NewText = None,
    kind: Annotated[Optional[str], typer.Option("--kind", metavar="KIND",
                                                help="value, execution, scale or defensibility.")] = None,
    critical: Critical = None,
    test: Test = None,
    as_json: AsJson = False,
) -> None:
    """Change an assumption."""
    fields = given(text=text, kind=kind, critical=critical, test=test)
    needs_change(fields)
    s = session(ctx)
    edited(as_json, s.engine.edit_assumption(workshop, ref, **fields, actor=s.actor))


PilotRef = ref_argument("pilot", "P1")
Start = text_option("--start", "Start date, YYYY-MM-DD (empty to clear).", "DATE")
End = text_option("--end", "End date, YYYY-MM-DD (empty to clear).", "DATE")
PilotScope = text_option("--scope", "How it is kept small.")
Tests = list_option("--tests", "An assumption it tests (A2); repeat (replaces the list).", "A")
NoTests = flag("--no-tests", "It tests no assumption.")
Status = text_option("--status", "proposed, planned, running, done or stopped.", "STATUS")
Decision = text_option("--decision", "scale, iterate or stop (empty to clear).", "DECISION")
Learnings = text_option("--learnings", "What the pilot taught.")
Pin = int_option("--pin", "Pin it at this rank in the backlog.")
NoPin = flag("--no-pin", "Let the backlog rank it again.")


@app.command("pilot")
def pilot(
    ctx: typer.Context, workshop: Workshop, ref: PilotRef,
    name: NewName = None,
    hypothesis: Hypothesis = None,
    metric: Metric = None,
    owner: Owner = None,
    start: Start = None,
    end: End = None,
    budget: Budget = None,
    scope: PilotScope = None,
    tests: Tests = None,
    no_tests: NoTests = False,
    status: Status = None,
    decision: Decision = None,
    learnings: Learnings = None,
    pin: Pin = None,
    no_pin: NoPin = False,
    as_json: AsJson = False,
) -> None:
    """Change a pilot: plan, status, decision and learnings, or pin its rank in the backlog."""
    exclusive(tests=(tests, no_tests), pin=(pin, no_pin))
    fields = given(name=name, hypothesis=hypothesis, metric=metric, owner=owner, start=start, end=end,
                   budget=budget, scope=scope, tests=[] if no_tests else tests, status=status,
                   decision=decision, learnings=learnings, pin=pin)
    if no_pin:
        fields["pin"] = None
    needs_change(fields)
    s = session(ctx)
    edited(as_json, s.engine.edit_pilot(workshop, ref, **fields, actor=s.actor))
