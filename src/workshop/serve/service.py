"""Provides `Service`: what a participant can do from their own device, for the pages and the JSON
API alike: join with the code, and then only what the facilitator's phase is for: touchpoints in
What Is, ideas in What If, their own dots in What Wows. Every change goes through the engine with
the participant as author and actor, and their own items only (checked in the engine's
transaction); anything else (the phase, the reveal, the rules, other people's items) has no way
in."""

from __future__ import annotations

import asyncio
from typing import Any


from workshop.domain import validate
from workshop.domain.errors import AccessRemoved, NotFound, RuleRefused
from workshop.domain.model import Participant, WorkshopState
from workshop.domain.values import CHANNELS, PHASE_TITLES, Phase
from workshop.engine import Engine
from workshop.engine.room import check_owner, owns
from workshop.serve.hub import Hub
from workshop.serve.refusals import Forbidden, NotSignedIn
from workshop.serve.sessions import JoinGuard, Session, Sessions, new_code, same_code, wrong_code
from workshop.serve.writer import Writer

PHASE_OF = {"T": Phase.WHAT_IS, "I": Phase.WHAT_IF}
"""The phase in which participants write (and may change) each kind of item they own."""

_KINDS = {"T": "touchpoints", "I": "ideas"}


class Service:
    """The participants' side of one served workshop."""

    def __init__(self, engine: Engine, workshop: int, hub: Hub, *, guard: JoinGuard | None = None) -> None:
        self.engine = engine
        self.workshop = workshop
        self.hub = hub
        self.sessions = Sessions()
        self.guard = guard or JoinGuard()
        self.code = new_code()
        self.writer = Writer(engine.store)
        """Every change a participant makes is written through it, a burst in one transaction."""

    def close(self) -> None:
        """Write the changes still waiting, then stop writing."""
        self.writer.close()

    @staticmethod
    def canonical(ref: str) -> str:
        """A touchpoint reference as typed (`t3`) in its stored form (`T3`); anything else as it
        is, for the engine to refuse."""
        text = str(ref).strip().upper()
        return f"T{int(text[1:])}" if text[:1] == "T" and text[1:].isdigit() else text

    def rotate_code(self) -> str:
        """A new join code; the old one stops working, and those who joined with it stay."""
        self.code = new_code()
        return self.code

    # joining -------------------------------------------------------------------------------

    async def check_code(self, code: str, client: str) -> WorkshopState:
        """Refuse a wrong code (a client trying many is slowed, then refused); the state after a
        right one."""
        wait = self.guard.begin(client)
        if wait:
            await asyncio.sleep(wait)
        if not same_code(code, self.code):
            raise wrong_code()
        self.guard.right(client)
        return await self.hub.fresh()

    async def join(self, code: str, name: str, client: str) -> tuple[Session, Participant]:
        """Join with the code as the participant `name` names (their name or reference on the
        list, or a new name when the facilitator allows own names)."""
        state = await self.check_code(code, client)
        ref = await self.writer.run(self._join, name, state.open_join)
        state = await self.hub.fresh()
        person = state.participant(ref)
        assert person is not None
        return self.sessions.open(ref), person

    def _join(self, name: str, open_join: bool) -> str:
        try:
            return self.engine.join_participant(self.workshop, name)
        except NotFound:
            if not open_join:
                raise
            return self.engine.join_participant(self.workshop, name, create=True)

    def names(self, state: WorkshopState) -> list[Participant]:
        """The names a participant may pick from (those whose access was removed left out)."""
        return [p for p in state.participants if not p.blocked]

    async def who(self, session: Session | None) -> tuple[Participant, WorkshopState]:
        """The participant of a session, refused when there is none, or when they were removed
        or had their access removed since they joined."""
        if session is None:
            raise NotSignedIn("session: join with the code first", "session")
        state = await self.hub.fresh()
        person = state.participant(session.participant)
        if person is None:
            self.sessions.end_all(session.participant)
            raise NotSignedIn("session: you are no longer on the participant list; join again", "session")
        if person.blocked:
            self.sessions.end_all(person.ref)
            raise AccessRemoved("session: the facilitator has removed your access", "session")
        return person, state

    # writing -------------------------------------------------------------------------------

    async def _write(self, action: Any, *args: Any, **kwargs: Any) -> Any:
        result = await self.writer.run(action, *args, **kwargs)
        await self.hub.fresh()  # every open page learns of it now, not at the next poll
        return result

    @staticmethod
    def _open(state: WorkshopState, phase: Phase, what: str) -> None:
        if state.phase != phase:
            raise RuleRefused(f"phase: {what} are written in {PHASE_TITLES[phase]}; the workshop is in "
                              f"{PHASE_TITLES[state.phase]}", "phase")

    async def add_touchpoint(self, session: Session | None, fields: dict[str, Any]) -> str:
        person, state = await self.who(session)
        self._open(state, Phase.WHAT_IS, "touchpoints")
        return await self._write(
            self.engine.add_touchpoint, self.workshop, fields["text"], stage=fields["stage"],
            feeling=fields.get("feeling"), pains=fields.get("pains") or [], channel=fields.get("channel"),
            author=person.name, actor=person.name)

    async def add_idea(self, session: Session | None, fields: dict[str, Any]) -> str:
        person, state = await self.who(session)
        self._open(state, Phase.WHAT_IF, "ideas")
        return await self._write(self.engine.add_idea, self.workshop, fields["text"],
                                 touchpoints=fields.get("touchpoints") or [], author=person.name, actor=person.name)

    def _own_kind(self, state: WorkshopState, person: Participant, ref: str) -> tuple[str, str]:
        """The kind letter and canonical reference of an item a participant may change."""
        text = str(ref).strip().upper()
        kind = text[:1]
        if kind not in PHASE_OF:
            if text[:1].isalpha() and text[1:].isdigit():
                raise Forbidden(f"item: {text} is not yours to change (participants change their own "
                                "touchpoints and ideas)", "item")
            raise NotFound(f"item: {ref!r} is not an item reference (like T3 or I12)", "item")
        canonical = self.engine.ref(text, kind, "touchpoint" if kind == "T" else "idea")
        found = state.touchpoint(canonical) if kind == "T" else state.idea(canonical)
        label = "touchpoint" if kind == "T" else "idea"
        if found is None or (kind == "I" and found.hidden and not owns(found.author, person.name)):
            raise NotFound(f"{label}: no {label} {canonical} in this workshop", label)
        # Whose it is decides first (the engine checks again inside its transaction), then the phase.
        check_owner({"ref": canonical, "author": found.author}, person.name, label)
        self._open(state, PHASE_OF[kind], _KINDS[kind])
        return kind, canonical

    async def edit(self, session: Session | None, ref: str, fields: dict[str, Any]) -> str:
        """Change an item of the participant's own: the fields given, in one transaction."""
        person, state = await self.who(session)
        kind, ref = self._own_kind(state, person, ref)
        return await self._write(self._edit, kind, ref, fields, person.name, state)

    def _edit(self, kind: str, ref: str, fields: dict[str, Any], name: str, state: WorkshopState) -> str:
        e, w, mine = self.engine, self.workshop, {"owner": name, "actor": name}
        # A page's form sends every field; only those that differ from what is stored are changes
        # (each value is checked as the engine checks it, so a refusal reads the same).
        changed = _changes(kind, fields, state, ref)
        if not changed:
            raise RuleRefused("nothing to change: the values given are the ones it already has")
        with e.store.batch():  # several engine actions, all of them or none
            if kind == "T":
                edits = {k: fields[k] for k in changed if k != "stage"}
                if edits:
                    e.edit_touchpoint(w, ref, **edits, **mine)
                if "stage" in changed:
                    e.move_touchpoint(w, ref, stage=fields["stage"], **mine)
                return ref
            if "text" in changed:
                e.edit_idea(w, ref, text=fields["text"], **mine)
            if "touchpoints" in changed:
                idea = state.idea(ref)
                wanted = [e.ref(t, "T", "touchpoint") for t in fields["touchpoints"]]
                linked = set(idea.touchpoints) if idea else set()
                gone = [t for t in sorted(linked) if t not in wanted]
                new = [t for t in dict.fromkeys(wanted) if t not in linked]
                if gone:
                    e.link_idea(w, ref, gone, unlink=True, **mine)
                if new:
                    e.link_idea(w, ref, new, **mine)
            return ref

    async def remove(self, session: Session | None, ref: str) -> str:
        person, state = await self.who(session)
        kind, ref = self._own_kind(state, person, ref)
        action = self.engine.remove_touchpoint if kind == "T" else self.engine.remove_idea
        return await self._write(action, self.workshop, ref, owner=person.name, actor=person.name)

    # dots ----------------------------------------------------------------------------------

    async def vote(self, session: Session | None, idea: str, *, take_back: bool = False) -> dict[str, Any]:
        """Spend one of the participant's own dots on an idea (or take one back)."""
        person, state = await self.who(session)
        self._open(state, Phase.WHAT_WOWS, "dots")
        ref = self.engine.ref(idea, "I", "idea")
        found = state.idea(ref)
        if found is not None and found.hidden and not owns(found.author, person.name):
            # Another's hidden idea is not there for them, as on their page.
            raise NotFound(f"idea: no idea {ref} in this workshop", "idea")
        action = self.engine.withdraw_vote if take_back else self.engine.cast_vote
        left = await self._write(action, self.workshop, person.ref, ref, dots=1, actor=person.name)
        return {"idea": ref, "dots": self.hub.state.dots_of(person.ref).get(ref, 0), "left": left}


    async def done_voting(self, session: Session | None, *, done: bool = True) -> dict[str, Any]:
        """Say one is done spending one's dots (or, with `done` False, not done after all)."""
        person, state = await self.who(session)
        self._open(state, Phase.WHAT_WOWS, "dots")
        await self._write(self.engine.set_done_voting, self.workshop, person.ref, done=done, actor=person.name)
        return {"done": done}


def _stage_of(state: WorkshopState, key: str) -> str | None:
    """The stage a key names as the engine reads it (number in the journey, reference, name)."""
    text = str(key).strip()
    if text.isdigit():
        index = int(text) - 1
        return state.stages[index].ref if 0 <= index < len(state.stages) else None
    for stage in state.stages:
        if stage.ref.casefold() == text.casefold():
            return stage.ref
    named = [s.ref for s in state.stages if s.name.casefold() == text.casefold()]
    return named[0] if len(named) == 1 else None


def _changes(kind: str, fields: dict[str, Any], state: WorkshopState, ref: str) -> list[str]:
    """The fields of an edit whose values differ from the item's."""
    if kind == "T":
        tp = state.touchpoint(ref)
        assert tp is not None
        now = {"text": validate.note("text", fields["text"]) if "text" in fields else None,
               "feeling": validate.feeling(fields["feeling"]) if "feeling" in fields else None,
               "pains": tuple(validate.lines("pain", fields["pains"])) if "pains" in fields else None,
               "channel": validate.choice("channel", fields["channel"], CHANNELS) if "channel" in fields else None,
               "stage": _stage_of(state, fields["stage"]) if "stage" in fields else None}
        before = {"text": tp.text, "feeling": tp.feeling, "pains": tp.pains, "channel": tp.channel, "stage": tp.stage}
        # An unknown stage is a change: the engine refuses it, naming the stage.
        return [k for k in fields if k in now and (now[k] != before[k] or (k == "stage" and now[k] is None))]
    idea = state.idea(ref)
    assert idea is not None
    found: list[str] = []
    if "text" in fields and validate.idea_text(fields["text"]) != idea.text:
        found.append("text")
    if "touchpoints" in fields:
        wanted = {Service.canonical(t) for t in fields["touchpoints"]}
        if wanted != set(idea.touchpoints):
            found.append("touchpoints")
    return found


__all__ = ["PHASE_OF", "Service"]
