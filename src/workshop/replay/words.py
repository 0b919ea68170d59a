"""Provides the event log in words and points in it: an event described with its local time, and
an event number or a moment turned into the workshop as it was then (`state_at_point`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from workshop.domain import model
from workshop.domain.errors import InvalidInput
from workshop.engine.base import LoggedEvent
from workshop.replay.log import Replay, parse_time

if TYPE_CHECKING:
    from workshop.engine import Engine


def local_time(event: LoggedEvent, *, date: bool = False) -> str:
    """When an event happened, in the local time zone: `10:42`, or `2026-03-14 10:42`."""
    moment = parse_time(event.at).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M" if date else "%H:%M")


def describe(event: LoggedEvent, *, date: bool = False) -> str:
    """An event in words: "10:42 Kari added touchpoint T7 'Waits for the parcel' to Delivery …"."""
    when = local_time(event, date=date)
    who = event.actor.strip() or "The facilitator"
    summary = event.summary.strip() or event.action
    if event.action in ("undo", "redo"):
        what = summary.split(": ", 1)[1] if ": " in summary else summary
        return f"{when} {who} {'undid' if event.action == 'undo' else 'redid'}: {what}"
    if summary[:1].isupper():
        # The summary already names who did it (a participant's dots, cast by proxy or not).
        return f"{when} {summary}"
    return f"{when} {who} {summary}"


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


def state_at_point(engine: Engine, workshop: int | str, at: str) -> tuple[model.WorkshopState, list[LoggedEvent]]:
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


__all__ = ["describe", "local_time", "parse_point", "state_at_point"]
