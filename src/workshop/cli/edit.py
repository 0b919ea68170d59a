"""Provides `workshop edit …`: the brief, the voting rules, the people, stages, touchpoints and
design criteria here, the later items from `edit_choices`. Only the options given change;
`--no-…` options clear a value."""

from __future__ import annotations

from typing import Any

import typer

from workshop.cli import edit_choices
from workshop.cli.context import session
from workshop.cli.options import (
    AsJson, Author, NewName, NewText, Channel, Count, Evidence, Feeling, Pains, Persona, Position, Workshop,
    exclusive, flag, given, int_option, list_option, needs_change, ref_argument, switch, text_option,
)
from workshop.cli.output import edited
from workshop.domain import validate
from workshop.domain.errors import NotFound
from workshop.domain.model import WorkshopState

app = typer.Typer(no_args_is_help=True)

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
    edited(as_json, s.engine.workshop_id(workshop))


Dots = int_option("--dots", "Dots each participant may spend.")
Cap = int_option("--cap", "The most dots one idea may hold.")
NoCap = flag("--no-cap", "No cap per idea beyond each participant's dots.")
Blind = switch("--blind/--no-blind", "Hide the tallies until they are revealed.")
Silent = switch("--silent/--no-silent", "Silent brainstorming: new ideas stay hidden until revealed "
                                        "(turning it off reveals them).")
OpenJoin = switch("--open-join/--no-open-join", "Whether participants joining from their own device "
                                                "may add their own name to the list.")
Anonymous = text_option("--anonymous", "When other participants see who wrote a card: silent (hidden "
                                       "while silent brainstorming is on), always or never.", "WHEN")


@app.command("rules")
def rules(
    ctx: typer.Context, workshop: Workshop,
    dots: Dots = None,
    cap: Cap = None,
    no_cap: NoCap = False,
    blind: Blind = None,
    silent: Silent = None,
    open_join: OpenJoin = None,
    anonymous: Anonymous = None,
    as_json: AsJson = False,
) -> None:
    """Change the voting rules, silent brainstorming and the rules of participants' own devices."""
    exclusive(cap=(cap, no_cap))
    fields: dict[str, Any] = given(dots=dots, blind=blind, silent=silent, open_join=open_join,
                                   anonymous=anonymous)
    if cap is not None or no_cap:
        fields["cap"] = cap
    needs_change(fields)
    s = session(ctx)
    s.engine.set_rules(workshop, **fields, actor=s.actor)
    edited(as_json, s.engine.workshop_id(workshop))


ParticipantRef = ref_argument("participant", "U1", by_name=True)
Role = text_option("--role", "Department or role.", "ROLE")
ParticipantFacilitator = switch("--facilitator/--no-facilitator", "Whether they facilitate.")
Access = switch("--access/--no-access", "Whether they may take part from their own device "
                                        "(--no-access ends their session and refuses a new join).")


@app.command("participant")
def participant(
    ctx: typer.Context, workshop: Workshop, ref: ParticipantRef,
    name: NewName = None, role: Role = None,
    facilitator: ParticipantFacilitator = None,
    access: Access = None,
    as_json: AsJson = False,
) -> None:
    """Change a participant, or remove (and give back) their access from their own device."""
    fields = given(name=name, role=role, facilitator=facilitator)
    needs_change(fields, access is not None or None)
    s = session(ctx)
    done_ref = s.engine.edit_participant(workshop, ref, **fields, actor=s.actor) if fields else ref
    if access is not None:
        done_ref = s.engine.set_access(workshop, ref, blocked=not access, actor=s.actor)
    edited(as_json, done_ref)


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
    edited(as_json, s.engine.edit_persona(workshop, ref, **fields, actor=s.actor))


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
    edited(as_json, s.engine.edit_stage(workshop, ref, **fields, actor=s.actor))


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
    edited(as_json, done_ref)


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
    edited(as_json, s.engine.edit_criterion(workshop, ref, **fields, actor=s.actor))


app.add_typer(edit_choices.app)
