"""Provides the JSON archive of a workshop (every row and the whole event log) and the first check
of an archive read back: is it one, and of a version this program reads.

The format is documented in `docs/archive.md`. Importing is the engine's job
(`Engine.import_archive`), which checks every field before writing anything.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import Any

from workshop.domain import timers
from workshop.domain.errors import InvalidInput
from workshop.domain.model import WorkshopState

FORMAT = "workshop-archive"
VERSION = 4
"""The archive version this program writes, and the newest it reads. Version 2 added the workshop's
phase timers; version 3 the rules of participants' own devices (`open_join`, `anonymous`) and
whether each participant has joined from one or had their access removed (`joined`, `blocked`);
version 4 whether each is done voting (`done_voting`). An older archive is read with the defaults
of what it lacks."""

WORKSHOP_FIELDS = (
    "uid", "slug", "title", "challenge", "scope", "success_measures", "constraints", "date",
    "facilitator", "template", "phase", "dots_per_participant", "cap_per_idea", "blind",
    "revealed", "silent", "playbook", "lang", "created_at", "timers", "open_join", "anonymous",
)

SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "participants": ("participant", ("name", "role", "facilitator", "joined", "blocked", "done_voting")),
    "personas": ("persona", ("name", "description")),
    "stages": ("stage", ("name", "position")),
    "touchpoints": ("touchpoint", ("stage", "position", "text", "channel", "persona", "feeling", "pains",
                                   "evidence", "evidence_count", "moment_of_truth", "author")),
    "criteria": ("criterion", ("text", "position")),
    "ideas": ("idea", ("text", "author", "theme", "hidden", "position")),
    "links": ("link", ("idea", "touchpoint")),
    "votes": ("vote", ("participant", "idea", "dots")),
    "concepts": ("concept", ("idea", "big_idea", "benefits", "execution", "rationale", "effect", "cost", "wow")),
    "assumptions": ("assumption", ("concept", "text", "kind", "critical", "test")),
    "pilots": ("pilot", ("concept", "name", "hypothesis", "metric", "owner", "start_date", "end_date", "budget",
                         "scope", "tests", "status", "decision", "learnings", "pin")),
}
"""Each list in the archive: its key, the table its rows go to, and the fields of a row (after `ref`).
Lists come in an order where every row comes after the rows it refers to."""

EVENT_FIELDS = ("seq", "at", "actor", "action", "target", "summary", "phase", "changes")

KINDS = {"S": "stages", "T": "touchpoints", "I": "ideas", "C": "concepts", "A": "assumptions",
         "P": "pilots", "U": "participants", "R": "personas", "D": "criteria"}
"""The letter of each kind of reference, and the list whose refs use it (the counters' keys)."""


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _rows(state: WorkshopState) -> dict[str, list[dict[str, Any]]]:
    attrs = {"participants": state.participants, "personas": state.personas, "stages": state.stages,
             "touchpoints": state.touchpoints, "criteria": state.criteria, "ideas": state.ideas,
             "votes": state.votes, "concepts": state.concepts, "assumptions": state.assumptions,
             "pilots": state.pilots}
    rows: dict[str, list[dict[str, Any]]] = {}
    for key, (_table, fields) in SECTIONS.items():
        if key == "links":
            rows[key] = [{"ref": f"{idea.ref}-{tp}", "idea": idea.ref, "touchpoint": tp}
                         for idea in state.ideas for tp in idea.touchpoints]
            continue
        items = sorted(attrs[key], key=lambda i: _ref_order(i.ref))
        rows[key] = [{"ref": i.ref} | {f: _plain(getattr(i, f)) for f in fields} for i in items]
    return rows


def _ref_order(ref: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", ref))


def counters(state: WorkshopState, events: list[Any] | None) -> dict[str, int]:
    """The next-number counters: folded from the event log (exact, so a removed T3 is never
    reused), and never below the highest reference still in the workshop."""
    values: dict[str, int] = {}
    for event in events or []:
        for change in event.changes:
            if change.get("t") == "counter":
                if change.get("after") is None:
                    values.pop(change["ref"], None)
                else:
                    values[change["ref"]] = change["after"]["value"]
    for kind, key in KINDS.items():
        highest = max((int(row.ref[1:]) for row in getattr(state, key)), default=0)
        if highest > values.get(kind, 0):
            values[kind] = highest
    return {k: values[k] for k in sorted(values)}


def archive(state: WorkshopState, events: list[Any] | None = None) -> dict[str, Any]:
    """The archive as plain data: header, workshop, counters, every list of rows, the event log."""
    head = {f: _plain(getattr(state, f)) for f in WORKSHOP_FIELDS}
    head["timers"] = timers.stored(state.timers)
    log = [
        {"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "target": e.target,
         "summary": e.summary, "phase": e.phase, "changes": e.changes}
        for e in events or []
    ]
    return {"format": FORMAT, "version": VERSION, "workshop": head, "counters": counters(state, events),
            **_rows(state), "events": log}


def render(state: WorkshopState, events: list[Any] | None = None) -> str:
    """The archive as JSON text: UTF-8, two-space indent, keys in a fixed order, so the same
    workshop always gives the same text."""
    return json.dumps(archive(state, events), ensure_ascii=False, indent=2) + "\n"


def check_header(data: Any) -> dict[str, Any]:
    """Refuse what is not a workshop archive, or is one from a newer version of workshop."""
    if not isinstance(data, dict):
        raise InvalidInput("archive", "must be a JSON object (a workshop archive starts with '{')")
    if data.get("format") != FORMAT:
        found = data.get("format")
        what = "has no format field" if found is None else f"is {found!r}"
        raise InvalidInput("format", f"{what}, not {FORMAT!r}: this is not a workshop archive")
    version = data.get("version")
    if version is None:
        raise InvalidInput("version", "is required")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidInput("version", f"must be a whole number from 1, not {version!r}")
    if version > VERSION:
        raise InvalidInput(
            "version",
            f"the archive is version {version}, written by a newer workshop; this version reads "
            f"archives up to version {VERSION}; upgrade workshop to import it",
        )
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_archive(text: str) -> dict[str, Any]:
    """Parse archive text and check that it is a workshop archive this version can import. Text
    holding more values than an archive may (`archive_bounds.MAX_VALUES`) is refused before it is
    parsed, so it cannot fill memory; nesting too deep for the parser is refused with a message."""
    from workshop.export.archive_bounds import MAX_DEPTH, count_values

    count_values(text)
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InvalidInput("archive", f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise InvalidInput("archive", f"nests too deep to read; an archive nests at most {MAX_DEPTH} levels") from None
    except (TypeError, ValueError) as exc:  # NaN, Infinity, a number of thousands of digits
        raise InvalidInput("archive", f"is not JSON workshop reads: {exc}") from None
    return check_header(data)
