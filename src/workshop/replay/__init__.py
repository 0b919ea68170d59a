"""Provides replay: the state of a workshop after any event, folded from its event log (`Replay`),
the events in words (`describe`), and the workshop as it was at an event number or a moment
(`state_at_point`). Nothing here writes."""

from __future__ import annotations

from workshop.replay.log import PhaseChange, Replay, fold
from workshop.replay.point import parse_point, state_at_point
from workshop.replay.words import describe, local_time, parse_time

__all__ = ["PhaseChange", "Replay", "describe", "fold", "local_time", "parse_point", "parse_time",
           "state_at_point"]
