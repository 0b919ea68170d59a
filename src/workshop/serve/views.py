"""Provides `participant_view`: the one place that decides what a participant may see of the
workshop now. The pages, `GET /api/state` and the event stream all send what it returns, and
nothing else of the workshop.

The rules: a participant sees the phase the facilitator is in and what that phase needs. While
silent brainstorming hides ideas, they see their own ideas and how many the room has written,
never another's hidden idea. While voting is blind and not revealed, they see their own dots and
nobody's tallies, in no order that follows the votes. When cards are anonymous, nobody else's
name comes with an item. Their own items say so (`mine`), and whether they can still be changed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from workshop.domain import views
from workshop.domain.errors import NotFound
from workshop.domain.model import Idea, Participant, Touchpoint, WorkshopState
from workshop.domain.timers import PhaseClock
from workshop.domain.values import Phase
from workshop.engine.room import owns

WRITES = {Phase.WHAT_IS: "touchpoints", Phase.WHAT_IF: "ideas"}
"""What participants write in each phase (and may change while the workshop is in it)."""


def participant_view(state: WorkshopState, participant_ref: str) -> dict[str, Any]:
    """What participant `participant_ref` may see of `state`, as plain JSON-ready data.

    Pure: the same state and participant always give the same view, so a change in the view is a
    change the participant can see (the time left on a running timer is worked out by the page
    from `timer`)."""
    me = state.participant(participant_ref)
    if me is None:
        raise NotFound(f"participant: no participant {participant_ref} in this workshop", "participant")
    phase = state.phase
    view: dict[str, Any] = {
        "workshop": {"title": state.title, "lang": state.lang or "en"},
        "phase": phase.value,
        "me": {"ref": me.ref, "name": me.name},
        "timer": timer(state.timer(phase)),
        "rules": {"dots": state.dots_per_participant, "cap": state.cap_per_idea,
                  "blind": state.blind and not state.revealed, "silent": state.silent,
                  "anonymous": state.authors_hidden},
        "can": {"touchpoints": phase == Phase.WHAT_IS, "ideas": phase == Phase.WHAT_IF,
                "vote": phase == Phase.WHAT_WOWS},
    }
    if phase == Phase.BRIEF:
        view["brief"] = {"challenge": state.challenge, "scope": state.scope, "date": state.date,
                         "success_measures": list(state.success_measures),
                         "constraints": list(state.constraints)}
    elif phase == Phase.WHAT_IS:
        view["stages"] = _stages(state)
        view["touchpoints"] = [_touchpoint(state, tp, me) for tp in state.journey()]
    elif phase == Phase.WHAT_IF:
        view["stages"] = _stages(state)
        view["touchpoints"] = [{"ref": tp.ref, "stage": tp.stage, "text": tp.text} for tp in state.journey()]
        view["ideas"] = [_idea(state, i, me) for i in state.ideas if _visible(i, me)]
        view["ideas_written"] = len(state.ideas)
    elif phase == Phase.WHAT_WOWS:
        view["ideas"] = [_idea(state, i, me) for i in state.ideas if _visible(i, me)]
        view["dots"] = _dots(state, me)
        if state.votes_visible:
            view["ranking"] = [{"idea": idea.ref, "dots": dots} for idea, dots in state.ranked()
                               if _visible(idea, me)]
    else:
        view["backlog"] = _backlog(state)
    return view


def timer(clock: PhaseClock | None) -> dict[str, Any] | None:
    """A phase timer as the page counts it down: its timebox and time used in seconds, and since
    when it runs (None while paused)."""
    if clock is None or not clock.has_timebox:
        return None
    return {"phase": clock.phase.value, "timebox": clock.timebox, "elapsed": round(clock.elapsed, 3),
            "since": clock.since, "running": clock.running}


def mine(author: str, me: Participant) -> bool:
    """Whether an item written by `author` is the participant's own (as the engine judges it)."""
    return owns(author, me.name)


def _visible(idea: Idea, me: Participant) -> bool:
    return not idea.hidden or mine(idea.author, me)


def _author(state: WorkshopState, author: str, me: Participant) -> dict[str, Any]:
    """Whose an item is: `mine`, and the author's name unless cards are anonymous now."""
    if mine(author, me):
        return {"mine": True, "author": me.name}
    if state.authors_hidden or not author:
        return {"mine": False}
    return {"mine": False, "author": author}


def _stages(state: WorkshopState) -> list[dict[str, str]]:
    return [{"ref": s.ref, "name": s.name} for s in state.stages]


def _touchpoint(state: WorkshopState, tp: Touchpoint, me: Participant) -> dict[str, Any]:
    return {"ref": tp.ref, "stage": tp.stage, "text": tp.text, "feeling": tp.feeling,
            "channel": tp.channel, "pains": list(tp.pains), "moment_of_truth": tp.moment_of_truth,
            **_author(state, tp.author, me)}


def _idea(state: WorkshopState, idea: Idea, me: Participant) -> dict[str, Any]:
    card = {"ref": idea.ref, "text": idea.text, "theme": idea.theme, "touchpoints": list(idea.touchpoints),
            **_author(state, idea.author, me)}
    if idea.hidden:
        card["hidden"] = True  # only ever the participant's own: the others' are not in the view
    return card


def _dots(state: WorkshopState, me: Participant) -> dict[str, Any]:
    own = dict(state.dots_of(me.ref))
    spent = sum(own.values())
    return {"total": state.dots_per_participant, "spent": spent,
            "left": max(0, state.dots_per_participant - spent), "mine": own, "done": me.done_voting}


def _backlog(state: WorkshopState) -> list[dict[str, Any]]:
    """The ranked pilots, read-only. While the votes are hidden they neither show nor order it:
    ranking a copy without them keeps ties in the order the pilots were made."""
    shown = state.votes_visible
    ranked = views.rank_pilots(state if shown else dataclasses.replace(state, votes=(), _index={}))
    rows = []
    for row in ranked:
        pilot = row.pilot
        rows.append({"rank": row.rank, "ref": pilot.ref, "name": pilot.name, "hypothesis": pilot.hypothesis,
                     "owner": pilot.owner, "start": pilot.start_date, "end": pilot.end_date,
                     "status": pilot.status, "effect": row.effect, "cost": row.cost,
                     **({"votes": row.votes} if shown else {})})
    return rows


__all__ = ["WRITES", "mine", "participant_view", "timer"]
