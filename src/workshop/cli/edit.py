"""Provides `workshop edit …`: the brief, the voting rules, and every kind of item. Only the
options given change; `--no-…` options clear a value."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from workshop.cli.context import session
from workshop.cli.options import (
    AsJson, Author, Channel, Count, Evidence, Feeling, Pains, Persona, Position, Theme, Workshop,
    exclusive, flag, given, int_option, list_option, needs_change, ref_argument, switch, text_option,
)
from workshop.cli.output import done
from workshop.domain import validate
from workshop.domain.errors import NotFound, RuleRefused
from workshop.domain.model import WorkshopState

app = typer.Typer(no_args_is_help=True)

NewText = text_option("--text", "The new text.")
NewName = text_option("--name", "The new name.", "NAME")


def _edited(as_json: bool, ref: str | int) -> None:
    done(as_json, ref, f"edited {ref}")


Title = text_option("--title", "The workshop's title.")
Challenge = text_option("--challenge", "The challenge, as \"How might we …?\"")
Scope = text_option("--scope", "Which journey: where it starts and where it ends.")
Measures = list_option("--measure", "A success measure; repeat for several (replaces the list).")
NoMeasures = flag("--no-measures", "Clear the success measures.")
Constraints = list_option("--constraint", "A constraint; repeat for several (replaces the list).")
NoConstraints = flag("--no-constraints", "Clear the constraints.")
Date = text_option("--date", "The workshop's date, YYYY-MM-DD (empty to clear).", "DATE")
Facilitator = text_option("--facilitator", "Who facilitates.", "NAME")


@app.command("brief")
def brief(
    ctx: typer.Context, workshop: Workshop,
    title: Title = None,
    challenge: Challenge = None,
    scope: Scope = None,
    measures: Measures = None,
    no_measures: NoMeasures = False,
    constraints: Constraints = None,
    no_constraints: NoConstraints = False,
    date: Date = None,
    facilitator: Facilitator = None,
    as_json: AsJson = False,
) -> None:
    """Change the design brief."""
    exclusive(measures=(measures, no_measures), constraints=(constraints, no_constraints))
    fields = given(title=title, challenge=challenge, scope=scope, date=date, facilitator=facilitator,
                   success_measures=[] if no_measures else measures,
                   constraints=[] if no_constraints else constraints)
    needs_change(fields)
    s = session(ctx)
    s.engine.edit_brief(workshop, **fields, actor=s.actor)
    _edited(as_json, s.engine.workshop_id(workshop))


Dots = int_option("--dots", "Dots each participant may spend.")
Cap = int_option("--cap", "The most dots one idea may hold.")
NoCap = flag("--no-cap", "No cap per idea beyond each participant's dots.")
Blind = switch("--blind/--no-blind", "Hide the tallies until they are revealed.")
Silent = switch("--silent/--no-silent", "Silent brainstorming: new ideas stay hidden until revealed "
                                        "(turning it off reveals them).")


@app.command("rules")
def rules(
    ctx: typer.Context, workshop: Workshop,
    dots: Dots = None,
    cap: Cap = None,
    no_cap: NoCap = False,
    blind: Blind = None,
    silent: Silent = None,
    as_json: AsJson = False,
) -> None:
    """Change the voting rules and silent brainstorming."""
    exclusive(cap=(cap, no_cap))
    fields: dict[str, Any] = given(dots=dots, blind=blind, silent=silent)
    if cap is not None or no_cap:
        fields["cap"] = cap
    needs_change(fields)
    s = session(ctx)
    s.engine.set_rules(workshop, **fields, actor=s.actor)
    _edited(as_json, s.engine.workshop_id(workshop))


ParticipantRef = ref_argument("participant", "U1", by_name=True)
Role = text_option("--role", "Department or role.", "ROLE")
ParticipantFacilitator = switch("--facilitator/--no-facilitator", "Whether they facilitate.")


@app.command("participant")
def participant(
    ctx: typer.Context, workshop: Workshop, ref: ParticipantRef,
    name: NewName = None, role: Role = None,
    facilitator: ParticipantFacilitator = None,
    as_json: AsJson = False,
) -> None:
    """Change a participant."""
    fields = given(name=name, role=role, facilitator=facilitator)
    needs_change(fields)
    s = session(ctx)
    _edited(as_json, s.engine.edit_participant(workshop, ref, **fields, actor=s.actor))


PersonaRef = ref_argument("persona", "R1", by_name=True)
Description = text_option("--description", "A short description.")


@app.command("persona")
def persona(
    ctx: typer.Context, workshop: Workshop, ref: PersonaRef,
    name: NewName = None, description: Description = None,
    as_json: AsJson = False,
) -> None:
    """Change a persona."""
    fields = given(name=name, description=description)
    needs_change(fields)
    s = session(ctx)
    _edited(as_json, s.engine.edit_persona(workshop, ref, **fields, actor=s.actor))


StageRef = ref_argument("stage", "S1", by_name=True)


@app.command("stage")
def stage(
    ctx: typer.Context, workshop: Workshop, ref: StageRef,
    name: NewName = None, position: Position = None, as_json: AsJson = False,
) -> None:
    """Rename a stage or move it to another place in the journey."""
    fields = given(name=name, position=position)
    needs_change(fields)
    s = session(ctx)
    _edited(as_json, s.engine.edit_stage(workshop, ref, **fields, actor=s.actor))


def find_stage(state: WorkshopState, key: str) -> str:
    """The stage named by its number in the journey, its reference or its name (as the engine does)."""
    text = str(key).strip()
    if text.isdigit():
        index = int(text) - 1
        if 0 <= index < len(state.stages):
            return state.stages[index].ref
        raise NotFound(f"stage: no stage at position {text} (there are {len(state.stages)})")
    found = [s.ref for s in state.stages if s.ref.casefold() == text.casefold()]
    found = found or [s.ref for s in state.stages if s.name.casefold() == text.casefold()]
    if len(found) == 1:
        return found[0]
    if found:
        raise NotFound(f"stage: {text!r} names several; use the reference (S1...)")
    raise NotFound(f"stage: no stage {text!r} in this workshop")


TouchpointRef = ref_argument("touchpoint", "T3")
MoveToStage = text_option("--stage", "Move it to this stage (S2, a name, or a number).", "S")
TouchpointPosition = int_option("--position", "Move it to this place in its stage, from 1.")
NoFeeling = flag("--no-feeling", "Clear the feeling (not rated).")
NoPains = flag("--no-pains", "Clear the pains.")
NoCount = flag("--no-count", "Clear the number in the evidence.")
MomentOfTruth = switch("--moment-of-truth/--no-moment-of-truth", "Whether it is a moment of truth.")
NoPersona = flag("--no-persona", "Seen by the customer in general.")


@app.command("touchpoint")
def touchpoint(
    ctx: typer.Context, workshop: Workshop, ref: TouchpointRef,
    text: NewText = None,
    stage: MoveToStage = None,
    position: TouchpointPosition = None,
    channel: Channel = None, feeling: Feeling = None,
    no_feeling: NoFeeling = False,
    pains: Pains = None, no_pains: NoPains = False,
    evidence: Evidence = None, count: Count = None,
    no_count: NoCount = False,
    moment_of_truth: MomentOfTruth = None,
    persona: Persona = None, no_persona: NoPersona = False,
    author: Author = None, as_json: AsJson = False,
) -> None:
    """Change a touchpoint; --pain replaces its pains; --stage and --position move it."""
    exclusive(feeling=(feeling, no_feeling), pains=(pains, no_pains), count=(count, no_count),
              persona=(persona, no_persona))
    fields = given(text=text, channel=channel, feeling=feeling, pains=pains, evidence=evidence,
                   evidence_count=count, moment_of_truth=moment_of_truth, persona=persona, author=author)
    for cleared, key, value in ((no_feeling, "feeling", None), (no_pains, "pains", []),
                                (no_count, "evidence_count", None), (no_persona, "persona", None)):
        if cleared:
            fields[key] = value
    moving = stage is not None or position is not None
    needs_change(fields, moving)
    s = session(ctx)
    if moving:
        # Check the move before the edit is written, so a bad stage changes nothing at all.
        state = s.engine.load(workshop)
        if state.touchpoint(s.engine.ref(ref, "T", "touchpoint")) is None:
            raise NotFound(f"touchpoint: no touchpoint {ref} in this workshop")
        if stage is not None:
            find_stage(state, stage)
        validate.count("position", position, minimum=1)
    done_ref = s.engine.edit_touchpoint(workshop, ref, **fields, actor=s.actor) if fields else ref
    if moving:
        done_ref = s.engine.move_touchpoint(workshop, ref, stage=stage, position=position, actor=s.actor)
    _edited(as_json, done_ref)


CriterionRef = ref_argument("design criterion", "D1")


@app.command("criterion")
def criterion(
    ctx: typer.Context, workshop: Workshop, ref: CriterionRef,
    text: NewText = None, position: Position = None, as_json: AsJson = False,
) -> None:
    """Change a design criterion or its place in the list."""
    fields = given(text=text, position=position)
    needs_change(fields)
    s = session(ctx)
    _edited(as_json, s.engine.edit_criterion(workshop, ref, **fields, actor=s.actor))


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
        validate.note("text", text)
    if theme is not None:
        validate.name("theme", theme, required=False)
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
    _edited(as_json, current.ref)


ConceptRef = ref_argument("concept", "C2")
BigIdea = text_option("--big-idea", "The big idea in a sentence.")
Benefits = text_option("--benefits", "Who benefits, and how.")
Execution = text_option("--execution", "How we would deliver it.")
Rationale = text_option("--rationale", "Why it is worth doing.")
Effect = int_option("--effect", "Expected effect, 1 to 5.")
Cost = int_option("--cost", "Cost, 1 to 5.")
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
    _edited(as_json, s.engine.edit_concept(workshop, ref, **fields, actor=s.actor))


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
    _edited(as_json, s.engine.edit_assumption(workshop, ref, **fields, actor=s.actor))


PilotRef = ref_argument("pilot", "P1")
Hypothesis = text_option("--hypothesis", "\"We believe that … for … will …, measured by …\"")
Metric = text_option("--metric", "The success metric and its threshold.")
Owner = text_option("--owner", "Who owns the pilot.", "NAME")
Start = text_option("--start", "Start date, YYYY-MM-DD (empty to clear).", "DATE")
End = text_option("--end", "End date, YYYY-MM-DD (empty to clear).", "DATE")
Budget = text_option("--budget", "The affordable loss.")
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
    _edited(as_json, s.engine.edit_pilot(workshop, ref, **fields, actor=s.actor))
