"""Provides `workshop add …`: participants, personas, stages, touchpoints, design criteria, ideas,
concepts, assumptions and pilots. Each prints the new item's short reference."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from workshop.cli.context import session
from workshop.cli.options import (
    Benefits, Budget, Cost, Effect, Execution, Hypothesis, Metric, Owner, Rationale,
    AsJson, Author, Channel, Count, Evidence, Feeling, Links, Name, Pains, Persona, Position, Text,
    Theme, Workshop, flag, list_option, text_option,
)
from workshop.cli.output import done

app = typer.Typer(no_args_is_help=True)

Stage = Annotated[str, typer.Option("--stage", metavar="S", show_default=False,
                                    help="The stage: S1, its name, or its number in the journey.")]
Idea = Annotated[str, typer.Option("--idea", metavar="I", help="The idea (I3).", show_default=False)]
Concept = Annotated[str, typer.Option("--concept", metavar="C", help="The concept (C2).", show_default=False)]
Kind = Annotated[str, typer.Option("--kind", metavar="KIND", show_default=False,
                                   help="value, execution, scale or defensibility.")]


Role = text_option("--role", "Department or role, e.g. Logistics.", "ROLE")
Facilitator = flag("--facilitator", "This participant facilitates.")


@app.command("participant")
def participant(
    ctx: typer.Context, workshop: Workshop, name: Name,
    role: Role = None,
    facilitator: Facilitator = False,
    as_json: AsJson = False,
) -> None:
    """Add a participant (someone in the room) and print their reference (U1…)."""
    s = session(ctx)
    done(as_json, s.engine.add_participant(workshop, name, role=role, facilitator=facilitator,
                                           actor=s.actor))


Description = text_option("--description", "A short description of the segment.")


@app.command("persona")
def persona(
    ctx: typer.Context, workshop: Workshop, name: Name,
    description: Description = None,
    as_json: AsJson = False,
) -> None:
    """Add a persona (a customer segment) and print its reference (R1…)."""
    s = session(ctx)
    done(as_json, s.engine.add_persona(workshop, name, description=description, actor=s.actor))


@app.command("stage")
def stage(
    ctx: typer.Context, workshop: Workshop, name: Name, position: Position = None, as_json: AsJson = False,
) -> None:
    """Add a stage (a lane of the journey), at the end or at --position; print its reference."""
    s = session(ctx)
    done(as_json, s.engine.add_stage(workshop, name, position=position, actor=s.actor))


MomentOfTruth = flag("--moment-of-truth", "A moment of truth: it makes or breaks the journey.")


@app.command("touchpoint")
def touchpoint(
    ctx: typer.Context, workshop: Workshop, text: Text, stage: Stage,
    channel: Channel = None, feeling: Feeling = None, pains: Pains = None, evidence: Evidence = None,
    count: Count = None,
    moment_of_truth: MomentOfTruth = False,
    persona: Persona = None, author: Author = None, position: Position = None, as_json: AsJson = False,
) -> None:
    """Add a touchpoint, in the customer's own words, and print its reference (T1…)."""
    s = session(ctx)
    done(as_json, s.engine.add_touchpoint(
        workshop, text, stage=stage, channel=channel, feeling=feeling, pains=pains or [],
        evidence=evidence, evidence_count=count, moment_of_truth=moment_of_truth, persona=persona,
        author=author, position=position, actor=s.actor))


@app.command("criterion")
def criterion(ctx: typer.Context, workshop: Workshop, text: Text, as_json: AsJson = False) -> None:
    """Add a design criterion, something any good solution must meet; print its reference (D1…)."""
    s = session(ctx)
    done(as_json, s.engine.add_criterion(workshop, text, actor=s.actor))


@app.command("idea")
def idea(
    ctx: typer.Context, workshop: Workshop, text: Text, touchpoints: Links = None, theme: Theme = None,
    author: Author = None, as_json: AsJson = False,
) -> None:
    """Add an idea (hidden while silent brainstorming is on) and print its reference (I1…)."""
    s = session(ctx)
    done(as_json, s.engine.add_idea(workshop, text, touchpoints=touchpoints or [], theme=theme,
                                    author=author, actor=s.actor))


BigIdea = text_option("--big-idea", "The big idea in a sentence (default: the idea's text).")
Wow = flag("--wow", "A surprise that delights.")


@app.command("concept")
def concept(
    ctx: typer.Context, workshop: Workshop, idea: Idea,
    big_idea: BigIdea = None,
    benefits: Benefits = None,
    execution: Execution = None,
    rationale: Rationale = None,
    effect: Effect = None, cost: Cost = None,
    wow: Wow = False,
    as_json: AsJson = False,
) -> None:
    """Make a concept (a napkin pitch) from an idea and print its reference (C1…)."""
    s = session(ctx)
    done(as_json, s.engine.add_concept(
        workshop, idea, big_idea=big_idea, benefits=benefits, execution=execution, rationale=rationale,
        effect=effect, cost=cost, wow=wow, actor=s.actor))


Critical = flag("--critical", "The concept fails if this is not true.")
Test = text_option("--test", "How to test it: a thought experiment or a field experiment.")


@app.command("assumption")
def assumption(
    ctx: typer.Context, workshop: Workshop, text: Text, concept: Concept, kind: Kind,
    critical: Critical = False,
    test: Test = None,
    as_json: AsJson = False,
) -> None:
    """Add an assumption (what must be true) to a concept and print its reference (A1…)."""
    s = session(ctx)
    done(as_json, s.engine.add_assumption(workshop, text, concept=concept, kind=kind,
                                          critical=critical, test=test, actor=s.actor))


Start = text_option("--start", "Start date, YYYY-MM-DD.", "DATE")
End = text_option("--end", "End date, YYYY-MM-DD (not before the start).", "DATE")
Scope = text_option("--scope", "How it is kept small.")
Tests = list_option("--tests", "An assumption of the concept it tests (A2); repeat for several.", "A")


@app.command("pilot")
def pilot(
    ctx: typer.Context, workshop: Workshop, name: Name, concept: Concept,
    hypothesis: Hypothesis = None,
    metric: Metric = None,
    owner: Owner = None,
    start: Start = None,
    end: End = None,
    budget: Budget = None,
    scope: Scope = None,
    tests: Tests = None,
    status: Annotated[Optional[str], typer.Option(
        "--status", metavar="STATUS",
        help="proposed (the default), planned, running, done or stopped.")] = None,
    as_json: AsJson = False,
) -> None:
    """Add a pilot (a learning launch) from a concept and print its reference (P1…)."""
    s = session(ctx)
    done(as_json, s.engine.add_pilot(
        workshop, name, concept=concept, hypothesis=hypothesis, metric=metric, owner=owner,
        start=start, end=end, budget=budget, scope=scope, tests=tests or [],
        status="proposed" if status is None else status, actor=s.actor))
