"""Provides the derived views of a workshop: emotion curve, weakest link, backlog rank, themes,
the ideas and pilots that answer each stage, what a reader takes in at a glance, and how far each
participant has got from their own device."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from workshop.domain.model import Idea, Participant, Pilot, Stage, Touchpoint, WorkshopState


def emotion_curve(state: WorkshopState) -> list[tuple[Touchpoint, int | None]]:
    """The feelings of the touchpoints in journey order."""
    return [(tp, tp.feeling) for tp in state.journey()]


@dataclass(frozen=True)
class StageHealth:
    stage: Stage
    touchpoints: int
    rated: int
    mean_feeling: float | None
    painful: int
    """Touchpoints with at least one pain noted."""
    pains: int


def stage_health(state: WorkshopState) -> list[StageHealth]:
    result = []
    for stage in state.stages:
        tps = state.touchpoints_in(stage.ref)
        rated = [tp.feeling for tp in tps if tp.feeling is not None]
        result.append(
            StageHealth(
                stage=stage,
                touchpoints=len(tps),
                rated=len(rated),
                mean_feeling=sum(rated) / len(rated) if rated else None,
                painful=sum(1 for tp in tps if tp.pains),
                pains=sum(len(tp.pains) for tp in tps),
            )
        )
    return result


def _weakness(h: StageHealth) -> tuple[float, int, int]:
    """How weak a stage is, weakest first: the lowest mean feeling, then the most touchpoints
    with pains, then the most pains."""
    return (h.mean_feeling if h.mean_feeling is not None else float("inf"), -h.painful, -h.pains)


def weakest_links(state: WorkshopState) -> list[StageHealth]:
    """Every stage that is the weakest link, in journey order: one stage, or several when they
    tie on mean feeling, touchpoints with pains and pains. A stage with no rated touchpoint
    cannot be the weakest link; empty when nothing is rated."""
    rated = [h for h in stage_health(state) if h.mean_feeling is not None]
    if not rated:
        return []
    weakest = min(map(_weakness, rated))
    return [h for h in rated if _weakness(h) == weakest]


def weakest_link(state: WorkshopState) -> StageHealth | None:
    """The stage with the lowest mean feeling; ties go to the one with the most painful touchpoints,
    then the most pains, then the first in the journey (`weakest_links` names every tied stage).

    A stage with no rated touchpoint cannot be the weakest link; None when nothing is rated.
    """
    tied = weakest_links(state)
    return tied[0] if tied else None


def themes(state: WorkshopState) -> list[tuple[str, list[Idea]]]:
    """Ideas grouped by theme, themes in order of first appearance; unthemed last."""
    groups: dict[str, list[Idea]] = {}
    for idea in state.ideas:
        groups.setdefault(idea.theme, []).append(idea)
    named = [(name, ideas) for name, ideas in groups.items() if name]
    if "" in groups:
        named.append(("", groups[""]))
    return named


def ranked_ideas(state: WorkshopState) -> list[tuple[Idea, int]]:
    """Ideas by dots, most first (ties keep board order)."""
    return list(state.ranked())


@dataclass(frozen=True)
class RankedPilot:
    rank: int
    pilot: Pilot
    effect: int | None
    cost: int | None
    votes: int

    @property
    def score(self) -> Fraction | None:
        if self.effect is None or self.cost is None:
            return None
        return Fraction(self.effect, self.cost)


def rank_pilots(state: WorkshopState) -> list[RankedPilot]:
    """The backlog: pinned pilots at their pinned rank, the rest by effect ÷ cost, then votes,
    then the order they were made in."""
    scored = []
    for order, pilot in enumerate(state.pilots):
        concept = state.concept(pilot.concept)
        effect = concept.effect if concept else None
        cost = concept.cost if concept else None
        votes = state.dots_for(concept.idea) if concept else 0
        score = Fraction(effect, cost) if effect is not None and cost else Fraction(-1)
        scored.append((pilot, effect, cost, votes, score, order))
    free = sorted((s for s in scored if s[0].pin is None), key=lambda s: (-s[4], -s[3], s[5]))
    pinned = sorted((s for s in scored if s[0].pin is not None), key=lambda s: (s[0].pin, s[5]))
    slots: list[tuple | None] = [None] * len(scored)
    for entry in pinned:
        index = min(max(entry[0].pin - 1, 0), len(slots) - 1)
        while slots[index] is not None:
            index += 1 if index + 1 < len(slots) and any(s is None for s in slots[index:]) else -1
        slots[index] = entry
    rest = iter(free)
    ordered = [slot if slot is not None else next(rest) for slot in slots]
    return [
        RankedPilot(rank=i + 1, pilot=p, effect=e, cost=c, votes=v)
        for i, (p, e, c, v, _s, _o) in enumerate(ordered)
    ]


@dataclass(frozen=True)
class StageAnswers:
    """What the room proposed for one stage: the ideas linked to its touchpoints and the pilots
    that grew from them (through their concept)."""

    stage: Stage
    ideas: tuple[Idea, ...]
    pilots: tuple[RankedPilot, ...]


@dataclass(frozen=True)
class Answers:
    """The ideas and pilots of every stage, in journey order, and those tied to no stage."""

    stages: tuple[StageAnswers, ...]
    unlinked_ideas: tuple[Idea, ...]
    unlinked_pilots: tuple[RankedPilot, ...]


def answers_by_stage(state: WorkshopState) -> Answers:
    """The ideas and pilots that answer each stage. An idea belongs to every stage one of its
    touchpoints is in; a pilot to the stages of its concept's idea. Ideas still hidden (written in
    silence) are left out everywhere, so a pilot from one is tied to no stage. Pilots come in
    backlog order, ideas in board order."""
    stage_of = {tp.ref: tp.stage for tp in state.touchpoints}
    idea_stages: dict[str, list[str]] = {}
    for idea in state.ideas:
        if not idea.hidden:
            idea_stages[idea.ref] = list(dict.fromkeys(stage_of[t] for t in idea.touchpoints if t in stage_of))
    ideas: dict[str, list[Idea]] = {s.ref: [] for s in state.stages}
    for idea in state.ideas:
        for ref in idea_stages.get(idea.ref, ()):
            ideas[ref].append(idea)
    pilots: dict[str, list[RankedPilot]] = {s.ref: [] for s in state.stages}
    unlinked_pilots = []
    for entry in rank_pilots(state):
        concept = state.concept(entry.pilot.concept)
        refs = idea_stages.get(concept.idea, []) if concept else []
        for ref in refs:
            pilots[ref].append(entry)
        if not refs:
            unlinked_pilots.append(entry)
    return Answers(
        stages=tuple(StageAnswers(s, tuple(ideas[s.ref]), tuple(pilots[s.ref])) for s in state.stages),
        unlinked_ideas=tuple(i for i in state.ideas if not i.hidden and not idea_stages.get(i.ref)),
        unlinked_pilots=tuple(unlinked_pilots),
    )


@dataclass(frozen=True)
class Participation:
    """How far one participant has got, as the facilitator sees it: whether they joined from a
    device (and still may), how many items they wrote and how many dots they spent; never on
    which ideas, so the facilitator's screen can show it during a blind vote."""

    participant: Participant
    joined: bool
    blocked: bool
    touchpoints: int
    ideas: int
    dots_spent: int


def participation(state: WorkshopState) -> list[Participation]:
    """Every participant's `Participation`, in the list's order. Items count as theirs when
    their name is the item's author (in any case, as the participant server judges it)."""
    written: dict[str, list[int]] = {}
    for kind, items in ((0, state.touchpoints), (1, state.ideas)):
        for item in items:
            counts = written.setdefault(item.author.strip().casefold(), [0, 0])
            counts[kind] += 1
    rows = []
    for person in state.participants:
        touchpoints, ideas = written.get(person.name.strip().casefold(), [0, 0])
        rows.append(Participation(person, person.joined, person.blocked, touchpoints, ideas,
                                  state.dots_spent(person.ref)))
    return rows


@dataclass(frozen=True)
class Glance:
    """What a reader who was not in the room takes in first: the challenge, the weakest link
    (several stages when they tie), the moments of truth in journey order, the top pilots and
    how much the workshop holds."""

    challenge: str
    weakest: tuple[StageHealth, ...]
    moments: tuple[Touchpoint, ...]
    top_pilots: tuple[RankedPilot, ...]
    touchpoints: int
    rated: int
    ideas: int
    hidden_ideas: int
    """Ideas written in silence and not revealed yet (counted in `ideas`)."""
    dots: int
    votes_visible: bool
    pilots: int


TOP_PILOTS = 3
"""How many pilots the glance names."""


def at_a_glance(state: WorkshopState) -> Glance:
    """The figures a summary of the workshop opens with; the exports, the map and the terminal
    interface show the same ones."""
    ranked = rank_pilots(state)
    return Glance(
        challenge=state.challenge,
        weakest=tuple(weakest_links(state)),
        moments=tuple(tp for tp in state.journey() if tp.moment_of_truth),
        top_pilots=tuple(ranked[:TOP_PILOTS]),
        touchpoints=len(state.touchpoints),
        rated=sum(1 for tp in state.touchpoints if tp.feeling is not None),
        ideas=len(state.ideas),
        hidden_ideas=sum(1 for i in state.ideas if i.hidden),
        dots=sum(v.dots for v in state.votes),
        votes_visible=state.votes_visible,
        pilots=len(ranked),
    )
