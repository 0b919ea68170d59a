"""Provides dot voting: `vote` and `unvote` (for a participant, or by proxy), and `reveal`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from workshop.cli.context import session
from workshop.cli.options import AsJson, Workshop, flag
from workshop.cli.output import emit
from workshop.domain.model import Participant, WorkshopState

app = typer.Typer()

ParticipantKey = Annotated[str, typer.Option("--participant", metavar="NAME", show_default=False,
                                          help="Who votes: a participant's name or reference (U2).")]
IdeaRef = Annotated[str, typer.Option("--idea", metavar="I", help="The idea (I3).", show_default=False)]


def _participant(state: WorkshopState, key: str) -> Participant | None:
    folded = key.strip().casefold()
    return next((p for p in state.participants
                 if p.ref.casefold() == folded or p.name.casefold() == folded), None)


def _report(as_json: bool, state: WorkshopState, who: Participant, idea: str, dots: int, left: int,
            verb: str) -> None:
    emit(as_json,
         {"id": f"{who.ref}-{idea}", "participant": who.ref, "idea": idea, "dots": dots, "left": left},
         f"{who.name} {verb} {dots} dot{'s' if dots != 1 else ''} on {idea}; "
         f"{left} of {state.dots_per_participant} left")


@app.command("vote")
def vote(
    ctx: typer.Context, workshop: Workshop, participant: ParticipantKey, idea: IdeaRef,
    dots: Annotated[int, typer.Option("--dots", metavar="N", help="How many dots to put on it.")] = 1,
    as_json: AsJson = False,
) -> None:
    """Put a participant's dots on an idea (the facilitator may vote for someone without a device)."""
    s = session(ctx)
    left = s.engine.cast_vote(workshop, participant, idea, dots=dots, actor=s.actor)
    state = s.engine.load(workshop)
    who = _participant(state, participant) or _participant(state, s.engine.ref(participant, "U", "participant"))
    _report(as_json, state, who, s.engine.ref(idea, "I", "idea"), dots, left, "put")


@app.command("unvote")
def unvote(
    ctx: typer.Context, workshop: Workshop, participant: ParticipantKey, idea: IdeaRef,
    dots: Annotated[Optional[int], typer.Option(
        "--dots", metavar="N", help="How many to take back (default: all on that idea).")] = None,
    as_json: AsJson = False,
) -> None:
    """Take a participant's dots back from an idea."""
    s = session(ctx)
    before = s.engine.load(workshop)
    left = s.engine.withdraw_vote(workshop, participant, idea, dots=dots, actor=s.actor)
    who = _participant(before, participant) or _participant(before, s.engine.ref(participant, "U", "participant"))
    ref = s.engine.ref(idea, "I", "idea")
    held = next(v.dots for v in before.votes if v.participant == who.ref and v.idea == ref)
    _report(as_json, before, who, ref, dots if dots is not None else held, left, "took back")


Ideas = flag("--ideas", "Reveal the ideas written during silent brainstorming instead.")
Hide = flag("--hide", "Hide the tallies again.")


@app.command("reveal")
def reveal(
    ctx: typer.Context, workshop: Workshop,
    ideas: Ideas = False,
    hide: Hide = False,
    as_json: AsJson = False,
) -> None:
    """Reveal the dot tallies (blind voting), or with --ideas the silently written ideas."""
    s = session(ctx)
    wid = s.engine.workshop_id(workshop)
    if ideas:
        count = s.engine.reveal_ideas(workshop, actor=s.actor)
        emit(as_json, {"id": wid, "ideas": count}, f"revealed {count} idea{'s' if count != 1 else ''}")
        return
    s.engine.reveal_votes(workshop, hide=hide, actor=s.actor)
    emit(as_json, {"id": wid, "revealed": not hide}, "votes hidden" if hide else "votes revealed")
