"""Provides the workshop as plain values: what queries, replay and exports work on.

`build` turns rows (from the tables, or folded from the event log) into a `WorkshopState`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
import bisect
import weakref
from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from typing import Any

from workshop.domain.errors import StoreDamaged
from workshop.domain.timers import PhaseClock, clocks
from workshop.domain.values import FEELINGS, Phase


@dataclass(frozen=True)
class Participant:
    ref: str
    name: str
    role: str = ""
    facilitator: bool = False
    joined: bool = False
    """Has joined from their own device at least once."""
    blocked: bool = False
    """The facilitator has removed their access: their session and a new join are refused."""
    done_voting: bool = False
    """They are done spending their dots (said from their device, or marked by the facilitator)."""


@dataclass(frozen=True)
class Persona:
    ref: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Stage:
    ref: str
    name: str
    position: int


@dataclass(frozen=True)
class Touchpoint:
    ref: str
    stage: str
    position: int
    text: str
    channel: str | None = None
    persona: str | None = None
    feeling: int | None = None
    pains: tuple[str, ...] = ()
    evidence: str = ""
    evidence_count: int | None = None
    moment_of_truth: bool = False
    author: str = ""

    @property
    def feeling_word(self) -> str:
        return FEELINGS[self.feeling] if self.feeling is not None else "not rated"


@dataclass(frozen=True)
class Criterion:
    ref: str
    text: str
    position: int


@dataclass(frozen=True)
class Idea:
    ref: str
    text: str
    author: str = ""
    theme: str = ""
    hidden: bool = False
    position: int = 0
    touchpoints: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vote:
    ref: str
    participant: str
    idea: str
    dots: int


@dataclass(frozen=True)
class Concept:
    ref: str
    idea: str
    big_idea: str = ""
    benefits: str = ""
    execution: str = ""
    rationale: str = ""
    effect: int | None = None
    cost: int | None = None
    wow: bool = False


@dataclass(frozen=True)
class Assumption:
    ref: str
    concept: str
    text: str
    kind: str
    critical: bool = False
    test: str = ""


@dataclass(frozen=True)
class Pilot:
    ref: str
    concept: str
    name: str
    hypothesis: str = ""
    metric: str = ""
    owner: str = ""
    start_date: str | None = None
    end_date: str | None = None
    budget: str = ""
    scope: str = ""
    tests: tuple[str, ...] = ()
    status: str = "proposed"
    decision: str | None = None
    learnings: str = ""
    pin: int | None = None


@dataclass(frozen=True)
class WorkshopState:
    """Everything a workshop holds at one moment."""

    id: int
    uid: str
    slug: str
    title: str
    challenge: str = ""
    scope: str = ""
    success_measures: tuple[str, ...] = ()
    constraints: tuple[str, ...] = ()
    date: str | None = None
    facilitator: str = ""
    template: str = ""
    phase: Phase = Phase.BRIEF
    dots_per_participant: int = 3
    cap_per_idea: int | None = None
    blind: bool = True
    revealed: bool = False
    silent: bool = False
    open_join: bool = False
    """Participants joining from a device may add their own name to the list."""
    anonymous: str = "silent"
    """When authors are hidden from other participants: "silent" (while silent brainstorming is
    on), "always" or "never" (see `ANONYMOUS`)."""
    playbook: str = ""
    lang: str = "en"
    created_at: str = ""
    timers: tuple[PhaseClock, ...] = ()
    """The phase timers that have been started or given a timebox, in phase order."""
    participants: tuple[Participant, ...] = ()
    personas: tuple[Persona, ...] = ()
    stages: tuple[Stage, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    ideas: tuple[Idea, ...] = ()
    votes: tuple[Vote, ...] = ()
    concepts: tuple[Concept, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    pilots: tuple[Pilot, ...] = ()
    event_count: int = 0
    _index: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # lookups ---------------------------------------------------------------------------------

    def timer(self, phase: Phase) -> PhaseClock | None:
        """The stored timer of a phase (None when it was never started nor given a timebox)."""
        return next((c for c in self.timers if c.phase == phase), None)

    def _by_ref(self, name: str, items: tuple[Any, ...]) -> dict[str, Any]:
        if name not in self._index:
            self._index[name] = {item.ref: item for item in items}
        return self._index[name]

    def stage(self, ref: str) -> Stage:
        return self._by_ref("stage", self.stages)[ref]

    def persona(self, ref: str) -> Persona | None:
        return self._by_ref("persona", self.personas).get(ref)

    def participant(self, ref: str) -> Participant | None:
        return self._by_ref("participant", self.participants).get(ref)

    def touchpoint(self, ref: str) -> Touchpoint | None:
        return self._by_ref("touchpoint", self.touchpoints).get(ref)

    def idea(self, ref: str) -> Idea | None:
        return self._by_ref("idea", self.ideas).get(ref)

    def idea_position(self, ref: str) -> int:
        """Where an idea stands in board order (0 first; -1 when there is no such idea)."""
        positions = self._index.get("idea_position")
        if positions is None:
            positions = self._index["idea_position"] = {idea.ref: n for n, idea in enumerate(self.ideas)}
        return positions.get(ref, -1)

    def ranked(self) -> list[tuple[Idea, int]]:
        """Ideas with their dots, most dots first, ties in board order (the list is shared: do
        not change it)."""
        ranked = self._index.get("ranked")
        if ranked is None:
            ranked = self._index["ranked"] = sorted(((i, self.dots_for(i.ref)) for i in self.ideas),
                                                    key=lambda p: -p[1])
        return ranked

    def dots_moved_since(self, before: WorkshopState) -> frozenset[str] | None:
        """The ideas whose dots changed between `before` and this state, when this state was
        brought forward from `before` by folding the changes in (see `carry_indexes`); None when
        that is not known (the states are not one after the other, or this one was built whole)."""
        noted = self._index.get("dots_moved")
        if noted is None or noted[0]() is not before:
            return None
        return noted[1]

    def concept(self, ref: str) -> Concept | None:
        return self._by_ref("concept", self.concepts).get(ref)

    def _grouped(self, name: str, items: tuple[Any, ...], key: str) -> dict[str, list[Any]]:
        """`items` grouped by the value of their field `key`, in order, built once."""
        groups = self._index.get(name)
        if groups is None:
            groups = {}
            for item in items:
                groups.setdefault(getattr(item, key), []).append(item)
            self._index[name] = groups
        return groups

    def touchpoints_in(self, stage_ref: str) -> list[Touchpoint]:
        return self._grouped("tp_by_stage", self.touchpoints, "stage").get(stage_ref, [])

    def journey(self) -> list[Touchpoint]:
        """Every touchpoint in journey order: by stage, then by position in the stage."""
        return [tp for stage in self.stages for tp in self.touchpoints_in(stage.ref)]

    def dots_for(self, idea_ref: str) -> int:
        tally = self._index.get("tally")
        if tally is None:
            tally = {}
            for vote in self.votes:
                tally[vote.idea] = tally.get(vote.idea, 0) + vote.dots
            self._index["tally"] = tally
        return tally.get(idea_ref, 0)

    def dots_spent(self, participant_ref: str) -> int:
        return sum(self.dots_of(participant_ref).values())

    def dots_of(self, participant_ref: str) -> Mapping[str, int]:
        """The dots a participant has on each idea (idea ref -> dots), read-only."""
        ballots = self._index.get("ballots")
        if ballots is None:
            ballots = {}
            for vote in self.votes:
                own = ballots.setdefault(vote.participant, {})
                own[vote.idea] = own.get(vote.idea, 0) + vote.dots
            self._index["ballots"] = ballots
        return ballots.get(participant_ref, _NO_DOTS)

    @property
    def authors_hidden(self) -> bool:
        """Whether other participants are kept from knowing who wrote an item, by the anonymous
        cards rule in force now."""
        return self.anonymous == "always" or (self.anonymous == "silent" and self.silent)

    @property
    def votes_visible(self) -> bool:
        """Tallies are shown once revealed, or always when voting is not blind."""
        return self.revealed or not self.blind

    def assumptions_of(self, concept_ref: str) -> list[Assumption]:
        """A concept's assumptions, in order (looked up, not searched: a report asks for every
        concept's)."""
        return list(self._grouped("assumptions_by_concept", self.assumptions, "concept").get(concept_ref, ()))

    def assumption(self, ref: str) -> Assumption | None:
        return self._by_ref("assumption", self.assumptions).get(ref)

    def assumptions_tested(self, pilot: Pilot) -> list[Assumption]:
        """The assumptions a pilot tests, in the workshop's order, each once."""
        found = {ref: a for ref in pilot.tests if (a := self.assumption(ref)) is not None}
        return sorted(found.values(), key=lambda a: int(a.ref[1:]))


_NO_DOTS: Mapping[str, int] = MappingProxyType({})


_CARRIED = {"stage": "stages", "persona": "personas", "participant": "participants",
            "touchpoint": "touchpoints", "tp_by_stage": "touchpoints", "idea": "ideas",
            "idea_position": "ideas", "concept": "concepts", "assumption": "assumptions",
            "assumptions_by_concept": "assumptions"}
"""Lookups built from one kind of item: still true in a later state holding the same items."""


def carry_indexes(before: WorkshopState, after: WorkshopState, moved: Iterable[tuple[str, str, int]]) -> None:
    """Give `after` the lookups and vote counts `before` had already built, brought up to date
    instead of built again over thousands of items. `moved` lists (participant, idea, change in
    dots) for every vote that changed between them; `after` must differ from `before` by those
    votes and by whatever items are not the same objects in both."""
    for name, attr in _CARRIED.items():
        if name in before._index and getattr(after, attr) is getattr(before, attr):
            after._index[name] = before._index[name]
    moved = list(moved)
    after._index["dots_moved"] = (weakref.ref(before), frozenset(idea for _who, idea, _dots in moved))
    if after.votes is before.votes and not moved:
        for name in ("tally", "ballots", "ranked"):
            if name in before._index and (name != "ranked" or after.ideas is before.ideas):
                after._index[name] = before._index[name]
        return
    tally = before._index.get("tally")
    if tally is not None:
        tally = dict(tally)
        for _who, idea, dots in moved:
            tally[idea] = tally.get(idea, 0) + dots
            if not tally[idea]:
                del tally[idea]
        after._index["tally"] = tally
    ballots = before._index.get("ballots")
    if ballots is not None:
        ballots = dict(ballots)
        for who, idea, dots in moved:
            own = ballots[who] = dict(ballots.get(who, {}))
            own[idea] = own.get(idea, 0) + dots
            if not own[idea]:
                del own[idea]
        after._index["ballots"] = ballots
    ranked = before._index.get("ranked")
    if ranked is not None and tally is not None and after.ideas is before.ideas:
        # Only the ideas whose dots changed move: out of the order, then back in where they belong.
        changed = {idea for _who, idea, _dots in moved}
        position = after.idea_position

        def place(ref: str, dots: int) -> int:
            return bisect.bisect_left(kept, (-dots, position(ref)), key=lambda p: (-p[1], position(p[0].ref)))

        kept = list(ranked)
        old_tally = before._index["tally"]
        for ref in changed:
            at = place(ref, old_tally.get(ref, 0))
            if at < len(kept) and kept[at][0].ref == ref:
                del kept[at]
            else:  # not where its dots say: find it the long way
                kept = [pair for pair in kept if pair[0].ref != ref]
        for ref in sorted(changed, key=position):
            idea = after.idea(ref)
            if idea is not None:
                kept.insert(place(ref, tally.get(ref, 0)), (idea, tally.get(ref, 0)))
        after._index["ranked"] = kept


_ORDER = {
    "participants": ("participant", Participant, lambda r: int(r.ref[1:])),
    "personas": ("persona", Persona, lambda r: int(r.ref[1:])),
    "stages": ("stage", Stage, lambda r: (r.position, r.ref)),
    "touchpoints": ("touchpoint", Touchpoint, lambda r: (r.position, int(r.ref[1:]))),
    "criteria": ("criterion", Criterion, lambda r: (r.position, int(r.ref[1:]))),
    "ideas": ("idea", Idea, lambda r: (r.position, int(r.ref[1:]))),
    "votes": ("vote", Vote, lambda r: r.ref),
    "concepts": ("concept", Concept, lambda r: int(r.ref[1:])),
    "assumptions": ("assumption", Assumption, lambda r: int(r.ref[1:])),
    "pilots": ("pilot", Pilot, lambda r: int(r.ref[1:])),
}


_ITEM_ATTRS = frozenset(_ORDER) | {"event_count"}
"""What `build` gives a `WorkshopState` besides the workshop row."""


def _values(row: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}


def build(workshop: dict[str, Any], tables: dict[str, dict[str, dict[str, Any]]], *, event_count: int = 0) -> WorkshopState:
    """A `WorkshopState` from the workshop row and item rows keyed by table and reference."""
    links: dict[str, list[str]] = {}
    for row in tables.get("link", {}).values():
        links.setdefault(row["idea"], []).append(row["touchpoint"])
    items: dict[str, Any] = {}
    for attr, (table, cls, key) in _ORDER.items():
        made = []
        for ref, row in tables.get(table, {}).items():
            values = _values(row)
            if table == "idea":
                values["touchpoints"] = tuple(sorted(links.get(ref, []), key=lambda r: int(r[1:])))
            try:
                made.append(cls(ref=ref, **values))
            except TypeError:  # a field this version does not know (a log imported unchecked)
                made.append(cls(ref=ref, **_known(cls, f"{table} {ref}", values)))
        items[attr] = tuple(sorted(made, key=key))
    head = _values({k: v for k, v in workshop.items() if k != "id"})
    head["phase"] = Phase(head.get("phase") or "brief")
    head["timers"] = clocks(head.get("timers"))
    try:
        return WorkshopState(id=workshop.get("id", 0), **head, **items, event_count=event_count)
    except TypeError:
        head = _known(WorkshopState, "the workshop", head)
        return WorkshopState(id=workshop.get("id", 0), **head, **items, event_count=event_count)


def _known(cls: type, what: str, values: dict[str, Any]) -> dict[str, Any]:
    """`values` without the fields `cls` does not have; a field it must have and lacks is refused
    as damage, naming the row."""
    names = {f.name: f for f in fields(cls) if f.init}
    kept = {k: v for k, v in values.items() if k in names}
    missing = [n for n, f in names.items() if n not in kept and n not in ("ref", "id") and f.default is MISSING
               and f.default_factory is MISSING and n not in _ITEM_ATTRS]
    if missing:
        raise StoreDamaged(f"workshop: {what} has no {missing[0]} in the rows or the event log; "
                           "the workshop's data is damaged")
    return kept
