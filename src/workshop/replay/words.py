"""Provides the event log in words: an event described with its local time (points in the log are
`workshop.replay.point`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.engine.reading import LoggedEvent


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


def parse_time(text: str) -> dt.datetime:
    """An event time (ISO, UTC) as an aware datetime."""
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


__all__ = ["describe", "local_time", "parse_time"]
