"""Provides points in the event log: an event number or a moment turned into the workshop as it
was then (`state_at_point`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from workshop.domain import model
from workshop.domain.errors import InvalidInput
from workshop.replay.log import Replay
from workshop.replay.words import local_time

if TYPE_CHECKING:
    from workshop.engine.reading import Reader
    from workshop.engine.reading import LoggedEvent


_SEQ = re.compile(r"^#?\s*(\d+)$")


def parse_point(at: str) -> int | dt.datetime:
    """An event number (`120`, `#120`) or a moment: an ISO date and time, local unless it has an
    offset; a date alone means the end of that day."""
    text = str(at).strip()
    match = _SEQ.match(text)
    if match:
        return int(match.group(1))
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is not None:
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()) - dt.timedelta(microseconds=1)
        return end.astimezone()
    try:
        moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if " " in text else text)
    except ValueError:
        raise InvalidInput(
            "at", f"give an event number (like 120) or a date and time (like 2026-03-14 10:42, "
            f"or 2026-03-14T10:42+01:00), not {at!r}"
        ) from None
    return moment if moment.tzinfo else moment.astimezone()


def state_at_point(engine: Reader, workshop: int | str, at: str) -> tuple[model.WorkshopState, list[LoggedEvent]]:
    """The workshop as it was at `at` (an event number or a moment) and its log up to then."""
    point = parse_point(at)
    replay = Replay.open(engine, workshop, warm=False)  # one state: no need to build them all
    if isinstance(point, int):
        if not 1 <= point <= len(replay):
            raise InvalidInput("at", f"there is no event {point}; the log has events 1 to {len(replay)}")
        k = point
    else:
        k = replay.position_at(point)
        if k == 0:
            first = local_time(replay.event(1), date=True)
            raise InvalidInput("at", f"the workshop did not exist yet at {at.strip()} (created {first})")
    return replay.state_at(k), replay.events[:k]


__all__ = ["parse_point", "state_at_point"]
