"""Provides the checks and words of undo and redo by actor: taking back one actor's change only
where nobody else's later work depends on it, and saying in words what was taken back.

An undo (or redo) replays one event's row changes backwards (or forwards). Before each row is
written it is compared with what that event left (or found): if someone has changed those fields
since, removed the row, or made rows that refer to it, the whole undo is refused with a sentence
naming the item and who, and the transaction writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from workshop.domain.errors import RuleRefused
from workshop.engine.tx import _TABLES, Change, Row, Tx
from workshop.store.shape import loads
from workshop.store.db import cursor, is_integrity_error

NAMELESS = "the CLI"
"""How messages name the actor of changes logged without one (the command line without --actor,
scripts)."""

_ORDER = frozenset({"position"})
"""Fields that only keep an order: someone renumbering them is no reason to keep a row that an undo
removes, and a renumbered row that someone removed needs no number put back."""

_KINDS = {"participant": "participant", "persona": "persona", "stage": "stage", "touchpoint": "touchpoint",
          "criterion": "design criterion", "idea": "idea", "concept": "concept",
          "assumption": "assumption", "pilot": "pilot"}

_BRIEF = {"title", "challenge", "scope", "success_measures", "constraints", "date", "facilitator"}
_RULES = {"dots_per_participant": "the dots per participant", "cap_per_idea": "the cap per idea",
          "blind": "blind voting", "silent": "silent brainstorming",
          "revealed": "whether the votes are shown",
          "open_join": "whether participants may add their own name",
          "anonymous": "when cards are anonymous"}


def who(actor: str | None) -> str:
    """An actor as messages name them."""
    return actor or NAMELESS


def whose(actor: str) -> str:
    return f"{who(actor)}'s"


def _parents() -> dict[str, list[tuple[str, str]]]:
    """For each item table, its columns that name another item and that item's table, read from
    the tables' foreign keys (so a new reference is checked without being listed here)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for name, table in _TABLES.items():
        for fk in table.foreign_key_constraints:
            columns = [c.name for c in fk.columns]
            if len(columns) == 2 and columns[0] == "workshop_id":
                found.setdefault(name, []).append((columns[1], fk.referred_table.name))
    return found


PARENTS = _parents()
CHILDREN: dict[str, list[tuple[str, str]]] = {}
for _child, _columns in PARENTS.items():
    for _column, _parent in _columns:
        CHILDREN.setdefault(_parent, []).append((_child, _column))

# A pilot names the assumptions it tests in a list, not by a foreign key; it counts all the same.
_TESTS = ("pilot", "tests", "assumption")

# How a row that refers to another is said, when it keeps that other row from being removed.
_HOLDS = {
    ("vote", "idea"): "{parent} has dots from {participant} since",
    ("vote", "participant"): "{participant} has dots on idea {idea} since",
    ("link", "idea"): "{who} has linked {parent} to touchpoint {touchpoint} since",
    ("link", "touchpoint"): "{who} has linked idea {idea} to {parent} since",
    ("touchpoint", "stage"): "{who} has put touchpoint {ref} in {parent} since",
    ("touchpoint", "persona"): "{who} has given touchpoint {ref} {parent} since",
    ("concept", "idea"): "{who} has made concept {ref} from {parent} since",
    ("assumption", "concept"): "{who} has added assumption {ref} to {parent} since",
    ("pilot", "concept"): "{who} has made pilot {ref} from {parent} since",
    ("pilot", "tests"): "{who} has made pilot {ref} test {parent} since",
}


@dataclass(frozen=True)
class Undone:
    """What an undo or a redo did."""

    action: str
    """"undo" or "redo"."""
    target: int
    """The seq of the change undone or redone."""
    seq: int
    """The seq of the undo's or redo's own event."""
    summary: str
    """As the log has it: "undo: added idea I7 'SMS …'"."""
    words: str
    """For the one who asked: "Undid: added idea I7 'SMS …'"."""

    def __str__(self) -> str:
        return self.words


def nothing_left(tx: Tx, action: str, actor: str, navigation: frozenset[str]) -> str:
    """Why there is nothing to undo (or redo): nothing at all, or nothing of this actor's, with
    whose changes the others are."""
    skip = ("undo", "redo", "workshop.create", *sorted(navigation))
    tx.cur.execute(
        f"SELECT actor, max(seq) FROM event WHERE workshop_id = ? AND action NOT IN "
        f"({', '.join('?' * len(skip))}) AND action NOT LIKE 'timer.%' GROUP BY actor ORDER BY 2 DESC",
        (tx.wid, *skip),
    )
    others = [a for a, _seq in tx.cur.fetchall() if a != actor]
    if not others:
        return f"{action}: there is nothing to {action}"
    names = [whose(a) for a in others[:3]]
    if len(others) > 3:
        names.append(f"{len(others) - 3} other{'s' if len(others) > 4 else ''}'")
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{action}: nothing of yours to {action} ({listed} changes are theirs)"


def words(tx: Tx, action: str, done: str, summary: str, changes: list[Change]) -> str:
    """An undone or redone change in words: "Undid: a dot from Bjørn Haugen on idea I6"."""
    verb = "Undid" if action == "undo" else "Redid"
    if done == "vote.cast":
        for change in changes:
            if change["t"] == "vote" and change["after"]:
                # A vote's reference is its participant and idea ("U2-I6"): an added dot's
                # change holds only the new count.
                participant, _, idea = change["ref"].partition("-")
                dots = change["after"]["dots"] - (change["before"] or {"dots": 0})["dots"]
                person = tx.get("participant", participant)
                name = person["name"] if person else participant
                return f"{verb}: {'a dot' if dots == 1 else f'{dots} dots'} from {name} on idea {idea}"
    return f"{verb}: {summary.strip() or done}"


class TakeBack:
    """Writes an undo's (or redo's) row changes, each only after checking that nobody else's work
    since is in the way; refuses the whole of it otherwise."""

    def __init__(self, tx: Tx, action: str, actor: str, since: int) -> None:
        self.tx = tx
        self.action = action
        self.actor = actor
        self.since = since

    def run(self, steps: list[Change]) -> None:
        try:
            for step in steps:
                self._step(step)
        except Exception as exc:
            if not is_integrity_error(exc):
                raise
            # The checks below name the usual cases; the database's own keys catch any other.
            self._refuse("it would break what others have changed since")

    def _refuse(self, why: str) -> None:
        done = "undone" if self.action == "undo" else "redone"
        raise RuleRefused(f"{self.action}: {why}; nothing {done}")

    def _step(self, step: Change) -> None:
        tx = self.tx
        table, ref, expected, wanted = step["t"], step["ref"], step["before"], step["after"]
        if table == "counter":
            # The next number goes back (or forward) only if nobody has taken a number since.
            current = tx.get("counter", ref)
            if (current is None) if expected is None else (current is not None and current["value"] == expected["value"]):
                tx.apply(step)
            return
        current = tx.workshop if table == "workshop" else tx.get(table, ref)
        if expected is None:
            if current is not None:
                self._refuse(f"{self._who(table, ref)} has added {self._label(table, ref)} again since")
        elif current is None:
            if wanted is not None and set(expected) <= _ORDER:
                return  # a row renumbered alongside is gone: there is nothing left to put in order
            self._refuse(f"{self._who(table, ref)} has removed {self._label(table, ref)} since")
        else:
            for field, value in expected.items():
                if current.get(field) != value and not (wanted is None and field in _ORDER):
                    self._refuse(f"{self._who(table, ref)} has changed {self._field(table, ref, field)} since")
        if wanted is None:
            self._check_children(table, ref)
        else:
            self._check_parents(table, wanted)
        tx.apply(step)

    # who and what --------------------------------------------------------------------------

    def _who(self, table: str, ref: str) -> str:
        """Who changed that row after the change being taken back: someone other than the one
        undoing if anyone (their own later changes are already undone)."""
        cur = cursor(self.tx.conn)
        cur.execute("SELECT actor, payload FROM event WHERE workshop_id = ? AND seq > ? AND instr(CAST(payload AS TEXT), ?) > 0 "
                    "ORDER BY seq DESC", (self.tx.wid, self.since, json.dumps(ref)))
        own = None
        try:
            for actor, payload in cur:
                changes = loads(payload).get("changes", [])
                if any(c.get("t") == table and c.get("ref") == ref for c in changes):
                    if actor != self.actor:
                        return who(actor)
                    own = own or who(actor)
        finally:
            cur.close()
        return own or "someone"

    def _name(self, participant: str) -> str:
        row = self.tx.get("participant", participant)
        return row["name"] if row else participant

    def _label(self, table: str, ref: str) -> str:
        if table == "vote":  # referenced by participant and idea: "U2-I6"
            participant, _, idea = ref.partition("-")
            return f"the dots of {self._name(participant)} on idea {idea}"
        if table == "link":
            idea, _, touchpoint = ref.partition("-")
            return f"the link from idea {idea} to touchpoint {touchpoint}"
        if table == "workshop":
            return "the workshop"
        return f"{_KINDS.get(table, table)} {ref}"

    def _field(self, table: str, ref: str, field: str) -> str:
        if table == "workshop":
            return f"the brief's {field.replace('_', ' ')}" if field in _BRIEF else _RULES.get(field, field)
        if table == "vote":
            return self._label(table, ref)
        return f"the {field.replace('_', ' ')} of {self._label(table, ref)}"

    # references ------------------------------------------------------------------------------

    def _check_parents(self, table: str, row: Row) -> None:
        """Every item the written row names must still be there."""
        named = [(column, parent, row.get(column)) for column, parent in PARENTS.get(table, [])]
        if table == _TESTS[0]:
            named += [(_TESTS[1], _TESTS[2], ref) for ref in row.get(_TESTS[1]) or []]
        for _column, parent, ref in named:
            if ref is not None and self.tx.get(parent, ref) is None:
                self._refuse(f"{self._who(parent, ref)} has removed {self._label(parent, ref)} since")

    def _check_children(self, table: str, ref: str) -> None:
        """No other item may still name the row about to be removed."""
        holders: list[tuple[str, str, Row]] = [
            (child, column, row) for child, column in CHILDREN.get(table, [])
            for row in self.tx.rows(child, **{column: ref})
        ]
        if table == _TESTS[2]:
            holders += [(_TESTS[0], _TESTS[1], row) for row in self.tx.rows(_TESTS[0]) if ref in row[_TESTS[1]]]
        if not holders:
            return
        child, column, row = holders[0]
        values: dict[str, Any] = {
            "parent": self._label(table, ref), "ref": row["ref"], "who": self._who(child, row["ref"]),
            "participant": self._name(row["participant"]) if "participant" in row else "",
            "idea": row.get("idea", ""), "touchpoint": row.get("touchpoint", ""),
        }
        why = _HOLDS.get((child, column), "{parent} is used by {ref} since").format(**values)
        more = len(holders) - 1
        self._refuse(why + (f" (and {more} more)" if more else ""))
