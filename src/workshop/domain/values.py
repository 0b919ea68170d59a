"""Provides the vocabulary of the method: phases, feelings, channels, kinds and statuses."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    BRIEF = "brief"
    WHAT_IS = "what-is"
    WHAT_IF = "what-if"
    WHAT_WOWS = "what-wows"
    WHAT_WORKS = "what-works"

    @property
    def title(self) -> str:
        return PHASE_TITLES[self]


PHASE_TITLES = {
    Phase.BRIEF: "Brief",
    Phase.WHAT_IS: "What Is",
    Phase.WHAT_IF: "What If",
    Phase.WHAT_WOWS: "What Wows",
    Phase.WHAT_WORKS: "What Works",
}

FEELINGS: dict[int, str] = {
    -2: "frustrated",
    -1: "unhappy",
    0: "neutral",
    1: "content",
    2: "delighted",
}

CHANNELS = (
    "web",
    "app",
    "email",
    "phone",
    "chat",
    "store",
    "social",
    "letter",
    "in person",
    "other",
)

ANONYMOUS = ("silent", "always", "never")
"""When participants' cards are anonymous to the other participants: while silent brainstorming
is on (the default), always, or never. The facilitator always sees who wrote what."""

ASSUMPTION_KINDS = ("value", "execution", "scale", "defensibility")

PILOT_STATUSES = ("proposed", "planned", "running", "done", "stopped")

PILOT_DECISIONS = ("scale", "iterate", "stop")

TEMPLATES = ("core-processes", "buyers-journey", "lifecycle")
