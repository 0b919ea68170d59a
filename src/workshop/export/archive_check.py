"""Provides the full check of a JSON archive before it is imported: every value within the size
limits and valid Unicode (`archive_bounds`), every field of every row and event, every reference
between rows, the voting rules and the counters, and last the proof that the event log folds to
the rows (`archive_proof`).

Each check takes a field's label (such as `touchpoints[T3].feeling`) and its value, and returns the
value to store or raises `InvalidInput` naming that field. Text goes through
`workshop.domain.validate`, so an archive cannot smuggle in what the engine would refuse.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workshop.domain import timers, validate
from workshop.domain.errors import InvalidInput
from workshop.domain.text import clean_paste
from workshop.domain.values import ANONYMOUS, ASSUMPTION_KINDS, CHANNELS, PILOT_DECISIONS, PILOT_STATUSES, Phase
from workshop.export.archive import KINDS, SECTIONS, check_header
from workshop.export.archive_bounds import MAX_TEXT, bound
from workshop.export.archive_proof import prove

Check = Callable[[str, Any], Any]
_REQUIRED: Any = object()
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# field checks: each takes the field's label and value, and returns the value to store ------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text(*, one_line: bool = False, required: bool = False, limit: int = validate.MAX_NOTE) -> Check:
    """A note, or with `one_line` a name, checked as if typed."""
    def check(label: str, value: Any) -> str:
        if value is not None and not isinstance(value, str):
            raise InvalidInput(label, f"must be text, not {type(value).__name__}")
        if one_line:
            return validate.name(label, value, required=required)
        return validate.note(label, value, required=required, limit=limit)
    return check


def lines(label: str, value: Any) -> list[str]:
    """A list of notes (success measures, constraints, pains)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(label, "must be a list of texts")
    return [validate.note(f"{label}[{i}]", v) for i, v in enumerate(value, 1)]


def flag(label: str, value: Any) -> bool:
    """True or false, nothing else."""
    if not isinstance(value, bool):
        raise InvalidInput(label, f"must be true or false, not {value!r}")
    return value


def number(minimum: int, maximum: int | None = None, *, optional: bool = False) -> Check:
    """A whole number in a range (None allowed when `optional`)."""
    def check(label: str, value: Any) -> int | None:
        if value is None and optional:
            return None
        if not _is_int(value) or value < minimum or (maximum is not None and value > maximum):
            top = f" to {maximum}" if maximum is not None else ""
            raise InvalidInput(label, f"must be a whole number from {minimum}{top}, not {value!r}")
        return value
    return check


def one_of(options: tuple[str, ...], *, optional: bool = False) -> Check:
    """One of a fixed set of words (None allowed when `optional`)."""
    def check(label: str, value: Any) -> str | None:
        if value is None and optional:
            return None
        if value not in options:
            raise InvalidInput(label, f"must be one of: {', '.join(options)} (not {value!r})")
        return value
    return check


def date(*, optional: bool = True) -> Check:
    """A date as YYYY-MM-DD."""
    def check(label: str, value: Any) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or validate.date(label, value) != value:
            raise InvalidInput(label, f"must be a date as YYYY-MM-DD, not {value!r}")
        return value
    return check


def moment(label: str, value: Any) -> str:
    """A point in time as ISO 8601 text (created_at, an event's time)."""
    try:
        if isinstance(value, str):
            dt.datetime.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise InvalidInput(label, f"must be a time as ISO 8601 text, not {value!r}")


def ref(kind: str, *, optional: bool = False) -> Check:
    """A reference to an item of one kind, in its canonical form (T3, not t03)."""
    pattern = re.compile(rf"{kind}[1-9][0-9]*")

    def check(label: str, value: Any) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise InvalidInput(label, f"must be a reference like {kind}1, not {value!r}")
        return value
    return check


def refs(kind: str) -> Check:
    """A list of references of one kind."""
    one = ref(kind)

    def check(label: str, value: Any) -> list[str]:
        if not isinstance(value, list):
            raise InvalidInput(label, f"must be a list of references like {kind}1")
        return [one(f"{label}[{i}]", v) for i, v in enumerate(value, 1)]
    return check


def seconds(label: str, value: Any) -> float:
    """A number of seconds, 0 or more (a timer's time used)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise InvalidInput(label, f"must be a number of seconds, 0 or more, not {value!r}")
    return float(value)


def optional_moment(label: str, value: Any) -> str | None:
    """A point in time as ISO 8601 text, or null."""
    return None if value is None else moment(label, value)


# the schema of version 3 (version 2 is the same without the rules and flags of participants' own
# devices, version 1 also without the workshop's timers) ---------------------------------------------

TIMER: dict[str, tuple[Check, Any]] = {
    "timebox": (number(1, timers.MAX_MINUTES * 60), _REQUIRED),
    "elapsed": (seconds, 0.0),
    "since": (optional_moment, None),
}


def clock_rows(label: str, value: Any) -> dict[str, dict[str, Any]]:
    """The phase timers: an object from phase to its timer, stored in phase order."""
    if not isinstance(value, dict):
        raise InvalidInput(label, "must be an object from phase to its timer")
    phases = tuple(p.value for p in Phase)
    for key in value:
        if key not in phases:
            raise InvalidInput(f"{label}.{key}", f"is not a phase ({', '.join(phases)})")
    return {key: _fields(f"{label}.{key}", value[key], TIMER) for key in phases if key in value}


WORKSHOP: dict[str, tuple[Check, Any]] = {
    "uid": (lambda label, v: _uid(label, v), _REQUIRED),
    "slug": (lambda label, v: _slug(label, v), _REQUIRED),
    "title": (text(one_line=True, required=True), _REQUIRED),
    "challenge": (text(), ""),
    "scope": (text(), ""),
    "success_measures": (lines, []),
    "constraints": (lines, []),
    "date": (date(), None),
    "facilitator": (text(one_line=True), ""),
    "template": (text(one_line=True), ""),
    "phase": (one_of(tuple(p.value for p in Phase)), "brief"),
    "dots_per_participant": (number(1), 3),
    "cap_per_idea": (number(1, optional=True), None),
    "blind": (flag, True),
    "revealed": (flag, False),
    "silent": (flag, False),
    "playbook": (text(limit=4096), ""),
    "lang": (text(one_line=True), "en"),
    "created_at": (moment, _REQUIRED),
    "timers": (clock_rows, {}),
    "open_join": (flag, False),
    "anonymous": (one_of(ANONYMOUS), "silent"),
}

_ADDED = {2: ("timers",), 3: ("open_join", "anonymous", "joined", "blocked"), 4: ("done_voting",)}
"""The fields each archive version added (to the workshop or to a list's rows)."""


def _as_of(version: int, schema: dict[str, tuple[Check, Any]]) -> dict[str, tuple[Check, Any]]:
    """A schema as an archive of `version` has it: without the fields later versions added."""
    later = {name for added, names in _ADDED.items() if added > version for name in names}
    return {name: field for name, field in schema.items() if name not in later}

ROWS: dict[str, tuple[str, dict[str, tuple[Check, Any]]]] = {
    "participants": ("U", {"name": (text(one_line=True, required=True), _REQUIRED),
                           "role": (text(one_line=True), ""), "facilitator": (flag, False),
                           "joined": (flag, False), "blocked": (flag, False),
                           "done_voting": (flag, False)}),
    "personas": ("R", {"name": (text(one_line=True, required=True), _REQUIRED), "description": (text(), "")}),
    "stages": ("S", {"name": (text(one_line=True, required=True), _REQUIRED), "position": (number(1), _REQUIRED)}),
    "touchpoints": ("T", {
        "stage": (ref("S"), _REQUIRED), "position": (number(1), _REQUIRED),
        "text": (text(required=True), _REQUIRED), "channel": (one_of(CHANNELS, optional=True), None),
        "persona": (ref("R", optional=True), None), "feeling": (number(-2, 2, optional=True), None),
        "pains": (lines, []), "evidence": (text(), ""), "evidence_count": (number(0, optional=True), None),
        "moment_of_truth": (flag, False), "author": (text(one_line=True), ""),
    }),
    "criteria": ("D", {"text": (text(required=True), _REQUIRED), "position": (number(1), _REQUIRED)}),
    "ideas": ("I", {"text": (text(required=True), _REQUIRED), "author": (text(one_line=True), ""),
                    "theme": (text(one_line=True), ""), "hidden": (flag, False), "position": (number(0), 0)}),
    "links": ("I-T", {"idea": (ref("I"), _REQUIRED), "touchpoint": (ref("T"), _REQUIRED)}),
    "votes": ("U-I", {"participant": (ref("U"), _REQUIRED), "idea": (ref("I"), _REQUIRED),
                      "dots": (number(1), _REQUIRED)}),
    "concepts": ("C", {"idea": (ref("I"), _REQUIRED), "big_idea": (text(), ""), "benefits": (text(), ""),
                       "execution": (text(), ""), "rationale": (text(), ""),
                       "effect": (number(1, 5, optional=True), None), "cost": (number(1, 5, optional=True), None),
                       "wow": (flag, False)}),
    "assumptions": ("A", {"concept": (ref("C"), _REQUIRED), "text": (text(required=True), _REQUIRED),
                          "kind": (one_of(ASSUMPTION_KINDS), _REQUIRED), "critical": (flag, False),
                          "test": (text(), "")}),
    "pilots": ("P", {
        "concept": (ref("C"), _REQUIRED), "name": (text(one_line=True, required=True), _REQUIRED),
        "hypothesis": (text(), ""), "metric": (text(), ""), "owner": (text(one_line=True), ""),
        "start_date": (date(), None), "end_date": (date(), None), "budget": (text(), ""),
        "scope": (text(), ""), "tests": (refs("A"), []), "status": (one_of(PILOT_STATUSES), "proposed"),
        "decision": (one_of(PILOT_DECISIONS, optional=True), None), "learnings": (text(), ""),
        "pin": (number(1, optional=True), None),
    }),
}


def _uid(label: str, value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{8,64}", value):
        raise InvalidInput(label, f"must be 8 to 64 lower-case hexadecimal digits, not {value!r}")
    return value


def _slug(label: str, value: Any) -> str:
    if not isinstance(value, str) or not _SLUG.fullmatch(value) or value.isdigit():
        raise InvalidInput(label, f"must be lower-case letters, digits and dashes, not {value!r}")
    return value


# checking a whole archive --------------------------------------------------------------------


def _fields(label: str, given: Any, schema: dict[str, tuple[Check, Any]], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise InvalidInput(label, "must be an object")
    unknown = sorted(set(given) - set(schema) - set(extra))
    if unknown:
        raise InvalidInput(f"{label}.{unknown[0]}", "is not a field of this archive version")
    row: dict[str, Any] = {}
    for name, (check, default) in schema.items():
        if name in given:
            row[name] = check(f"{label}.{name}", given[name])
        elif default is _REQUIRED:
            raise InvalidInput(f"{label}.{name}", "is required")
        else:
            row[name] = type(default)(default) if isinstance(default, (list, dict)) else default
    return row


def _ref_pattern(kind: str) -> re.Pattern[str]:
    parts = [rf"{k}[1-9][0-9]*" for k in kind.split("-")]
    return re.compile("-".join(parts))


def _section(key: str, value: Any, version: int) -> dict[str, dict[str, Any]]:
    kind, schema = ROWS[key]
    schema = _as_of(version, schema)
    if not isinstance(value, list):
        raise InvalidInput(key, "must be a list")
    pattern = _ref_pattern(kind)
    rows: dict[str, dict[str, Any]] = {}
    for n, given in enumerate(value, 1):
        label = f"{key}[{n}]"
        if not isinstance(given, dict):
            raise InvalidInput(label, "must be an object")
        ref_ = given.get("ref")
        if not isinstance(ref_, str) or not pattern.fullmatch(ref_):
            example = "-".join(f"{k}1" for k in kind.split("-"))
            raise InvalidInput(f"{label}.ref", f"must be a reference like {example}, not {ref_!r}")
        label = f"{key}[{ref_}]"
        if ref_ in rows:
            raise InvalidInput(label, "appears twice")
        rows[ref_] = _fields(label, given, schema, extra=("ref",))
    return rows


def _must_exist(label: str, value: str | None, rows: dict[str, Any], what: str) -> None:
    if value is not None and value not in rows:
        raise InvalidInput(label, f"refers to {what} {value}, which is not in the archive")


def _check_references(head: dict[str, Any], t: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Every reference points at a row of the archive, and the voting rules hold."""
    for r, row in t["touchpoints"].items():
        _must_exist(f"touchpoints[{r}].stage", row["stage"], t["stages"], "stage")
        _must_exist(f"touchpoints[{r}].persona", row["persona"], t["personas"], "persona")
    for r, row in t["links"].items():
        _must_exist(f"links[{r}].idea", row["idea"], t["ideas"], "idea")
        _must_exist(f"links[{r}].touchpoint", row["touchpoint"], t["touchpoints"], "touchpoint")
        if r != f"{row['idea']}-{row['touchpoint']}":
            raise InvalidInput(f"links[{r}].ref", f"must be {row['idea']}-{row['touchpoint']}")
    spent: dict[str, int] = {}
    held: dict[str, int] = {}
    for r, row in t["votes"].items():
        _must_exist(f"votes[{r}].participant", row["participant"], t["participants"], "participant")
        _must_exist(f"votes[{r}].idea", row["idea"], t["ideas"], "idea")
        if r != f"{row['participant']}-{row['idea']}":
            raise InvalidInput(f"votes[{r}].ref", f"must be {row['participant']}-{row['idea']}")
        spent[row["participant"]] = spent.get(row["participant"], 0) + row["dots"]
        held[row["idea"]] = held.get(row["idea"], 0) + row["dots"]
    for who, dots in sorted(spent.items()):
        if dots > head["dots_per_participant"]:
            raise InvalidInput("votes", f"{who} has {dots} dots; each participant has {head['dots_per_participant']}")
    cap = head["cap_per_idea"]
    for idea, dots in sorted(held.items()):
        if cap is not None and dots > cap:
            raise InvalidInput("votes", f"idea {idea} holds {dots} dots; the cap is {cap}")
    for r, row in t["concepts"].items():
        _must_exist(f"concepts[{r}].idea", row["idea"], t["ideas"], "idea")
    for r, row in t["assumptions"].items():
        _must_exist(f"assumptions[{r}].concept", row["concept"], t["concepts"], "concept")
    for r, row in t["pilots"].items():
        _must_exist(f"pilots[{r}].concept", row["concept"], t["concepts"], "concept")
        for a in row["tests"]:
            _must_exist(f"pilots[{r}].tests", a, t["assumptions"], "assumption")
            if t["assumptions"][a]["concept"] != row["concept"]:
                raise InvalidInput(f"pilots[{r}].tests", f"assumption {a} belongs to another concept than {row['concept']}")
        if row["start_date"] and row["end_date"] and row["end_date"] < row["start_date"]:
            raise InvalidInput(f"pilots[{r}].end_date", f"{row['end_date']} is before the start {row['start_date']}")


def _counters(value: Any, t: dict[str, dict[str, dict[str, Any]]]) -> dict[str, int]:
    """The next-number counters; none may be below a reference already in use."""
    highest = {k: max((int(r[1:]) for r in t[key]), default=0) for k, key in KINDS.items()}
    if value is None:
        return {k: n for k, n in highest.items() if n}
    if not isinstance(value, dict):
        raise InvalidInput("counters", "must be an object of letters and numbers")
    result: dict[str, int] = {}
    for kind, n in value.items():
        if kind not in KINDS:
            raise InvalidInput(f"counters.{kind}", f"is not a kind of reference ({', '.join(KINDS)})")
        number(0)(f"counters.{kind}", n)
        if n < highest[kind]:
            raise InvalidInput(f"counters.{kind}", f"is {n}, but {kind}{highest[kind]} is in the archive")
        result[kind] = n
    for kind, n in highest.items():
        if n and kind not in result:
            result[kind] = n
    return result


COUNTER: dict[str, tuple[Check, Any]] = {"value": (number(0), _REQUIRED)}

TABLES: dict[str, dict[str, tuple[Check, Any]]] = {
    "workshop": WORKSHOP, "counter": COUNTER, **{table: ROWS[key][1] for key, (table, _fields) in SECTIONS.items()}}
"""The fields of each table an event may change, with their checks and defaults."""

TABLE_REFS: dict[str, re.Pattern[str]] = {
    "workshop": re.compile("W"), "counter": re.compile(f"[{''.join(KINDS)}]"),
    **{table: _ref_pattern(ROWS[key][0]) for key, (table, _fields) in SECTIONS.items()}}
"""The references of each table's rows (W for the workshop's own row)."""

_ACTION = re.compile(r"[a-z]+(?:[._-][a-z]+)*")


def _change(label: str, value: Any) -> dict[str, Any]:
    """One row change of an event: a known table, a reference of its kind, and before and after
    holding only that table's fields, each of the type the field has."""
    if not isinstance(value, dict) or set(value) != {"t", "ref", "before", "after"}:
        raise InvalidInput(label, "must be an object with t, ref, before and after")
    table = value["t"]
    if table not in TABLES:
        raise InvalidInput(f"{label}.t", f"is not a table of a workshop: {table!r}")
    if not isinstance(value["ref"], str) or not TABLE_REFS[table].fullmatch(value["ref"]):
        raise InvalidInput(f"{label}.ref", f"must be a reference of a {table} row, not {value['ref']!r}")
    schema = TABLES[table]
    for side in ("before", "after"):
        fields = value[side]
        if fields is None:
            continue
        if not isinstance(fields, dict):
            raise InvalidInput(f"{label}.{side}", "must be an object or null")
        for name, given in fields.items():
            if name not in schema:
                raise InvalidInput(f"{label}.{side}.{name}", f"is not a field of {table}")
            schema[name][0](f"{label}.{side}.{name}", given)
    if value["before"] is None and value["after"] is None:
        raise InvalidInput(label, "has neither a before nor an after")
    return value


EVENT: dict[str, tuple[Check, Any]] = {
    "seq": (number(1), _REQUIRED),
    "at": (moment, _REQUIRED),
    "actor": (lambda label, v: _actor(label, v), ""),
    "action": (lambda label, v: _action(label, v), _REQUIRED),
    "target": (number(1, optional=True), None),
    "summary": (text(limit=MAX_TEXT), ""),
    "phase": (one_of(("", *(p.value for p in Phase))), ""),
    "changes": (lambda label, v: _changes(label, v), _REQUIRED),
}


def _actor(label: str, value: Any) -> str:
    """Who made an event: a name, as typed names are checked; one that an older version stored on
    several lines is joined into one (the log names who acted; nothing folds from it)."""
    if isinstance(value, str) and ("\n" in value or "\r" in value or "\t" in value):
        value = clean_paste(value, one_line=True)[0]
    return text(one_line=True)(label, value)


def _action(label: str, value: Any) -> str:
    if not isinstance(value, str) or not _ACTION.fullmatch(value):
        raise InvalidInput(label, f"must be an action name like touchpoint.add, not {value!r}")
    return value


def _changes(label: str, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise InvalidInput(label, "must be a list")
    return [_change(f"{label}[{n}]", v) for n, v in enumerate(value, 1)]


def _events(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise InvalidInput("events", "must be a list")
    events = []
    last = 0
    for n, given in enumerate(value, 1):
        event = _fields(f"events[{n}]", given, EVENT)
        if event["seq"] <= last:
            raise InvalidInput(f"events[{n}].seq", f"is {event['seq']}; it must be greater than {last}")
        last = event["seq"]
        events.append(event)
    return events


@dataclass(frozen=True)
class Checked:
    """An archive as checked, ready to be written: the workshop row, the rows by list, the
    counters, the events, and the paths of the texts cleaned of control characters."""

    head: dict[str, Any]
    tables: dict[str, dict[str, dict[str, Any]]]
    counters: dict[str, int]
    events: list[dict[str, Any]]
    cleaned: tuple[str, ...] = ()


def check_archive(data: Any) -> Checked:
    """The workshop row, the rows by list, the counters and the events of an archive, every value
    bounded, every field checked and the event log proven to fold to the rows; raises
    `InvalidInput` naming the first value that is wrong. Texts holding control characters or
    escape sequences are cleaned in `data` itself, as pasted text is."""
    check_header(data)
    cleaned = bound(data)
    known = {"format", "version", "workshop", "counters", "events", *SECTIONS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidInput(unknown[0], "is not part of this archive version")
    if "workshop" not in data:
        raise InvalidInput("workshop", "is required")
    head = _fields("workshop", data["workshop"], _as_of(data["version"], WORKSHOP))
    # What an older version lacks takes its default, so the rows stored are whole.
    head = {name: head[name] if name in head else (dict(default) if isinstance(default, dict) else default)
            for name, (_check, default) in WORKSHOP.items()}
    tables = {key: _section(key, data.get(key, []), data["version"]) for key in SECTIONS}
    _check_references(head, tables)
    counters = _counters(data.get("counters"), tables)
    events = _events(data.get("events", []))
    if events:
        folded = prove(head, tables, events, TABLES, _REQUIRED)
        if data.get("counters") is None:
            counters = folded
        elif counters != folded:
            kind = next(k for k in sorted(set(counters) | set(folded)) if counters.get(k) != folded.get(k))
            raise InvalidInput(f"counters.{kind}", f"is {counters.get(kind, 0)}, but the event log counts "
                                                   f"{folded.get(kind, 0)}")
    return Checked(head, tables, counters, events, tuple(cleaned))
