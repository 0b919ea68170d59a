"""Provides the engine's foundation: finding workshops and items, one transaction per action,
queries that return plain values, and undo and redo as compensating events."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from workshop.domain import model
from workshop.domain.errors import NotFound, RuleRefused
from workshop.engine.tx import _EVENT, _SHAPES, _TABLES, _WORKSHOP, Tx, actor_name, invert, workshop_row
from workshop.engine.undo import TakeBack, Undone, nothing_left, words
from workshop.store.db import Store, cursor

_NAVIGATION = frozenset({"phase", "timer.start", "timer.pause", "timer.reset", "timer.set", "participant.join"})
"""Logged actions that undo and redo pass over: moving between phases, the phase timers (every
`timer.` action, see `workshop.domain.timers.TIMER_ACTIONS`) and participants joining from their
devices are where the room is, not what it made."""

_REF = re.compile(r"^\s*([A-Za-z])\s*(\d+)\s*$")


def slugify(title: str) -> str:
    """A slug from a title: ASCII letters and digits; æ, ø, å become ae, o, a."""
    text = title.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return (text[:48].rstrip("-") or "workshop")


@dataclass(frozen=True)
class WorkshopSummary:
    id: int
    slug: str
    title: str
    phase: str
    created_at: str
    updated_at: str
    events: int
    touchpoints: int
    ideas: int
    pilots: int


@dataclass(frozen=True)
class LoggedEvent:
    seq: int
    at: str
    actor: str
    action: str
    summary: str
    phase: str
    target: int | None
    changes: list[dict[str, Any]]


@dataclass(frozen=True)
class WorkshopRows:
    """A workshop's rows as the tables hold them: the workshop row, item rows by table and
    reference, and its events' count and newest seq."""

    head: dict[str, Any]
    tables: dict[str, dict[str, dict[str, Any]]]
    event_count: int
    seq: int


class EngineBase:
    """Holds the store; every public method of the engine is one user action or one query."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # finding ---------------------------------------------------------------------------------

    @staticmethod
    def _find_workshop(conn: Connection, key: int | str) -> dict[str, Any]:
        row = Tx.find_workshop(conn, key)
        if row is None:
            raise NotFound(f"workshop: no workshop {str(key).strip()!r} (see `workshop list`)")
        return row

    @contextmanager
    def _change(self, workshop: int | str, action: str, actor: str | None = None) -> Iterator[Tx]:
        """One action: resolve, check and write inside one BEGIN IMMEDIATE transaction."""
        with self.store.write() as conn:
            row = self._find_workshop(conn, workshop)
            tx = Tx(conn, row["id"], row)
            yield tx
            if not tx.changes:
                raise RuleRefused("nothing to change: the values given are the ones it already has")
            tx.record(action, actor)

    @staticmethod
    def ref(value: str, kind: str, label: str) -> str:
        """Normalise a short reference such as 't3' to 'T3', checking its kind."""
        match = _REF.match(str(value))
        if not match or match.group(1).upper() != kind:
            raise NotFound(f"{label}: {value!r} is not a {label} reference (like {kind}1)")
        return f"{kind}{int(match.group(2))}"

    def _named(self, tx: Tx, table: str, kind: str, key: str, label: str) -> dict[str, Any]:
        """An item named by reference or by name (case-insensitive)."""
        text = str(key).strip()
        match = _REF.match(text)
        if match and match.group(1).upper() == kind:
            row = tx.get(table, f"{kind}{int(match.group(2))}")
            if row:
                return row
        folded = text.casefold()
        found = [r for r in tx.rows(table) if r["name"].casefold() == folded]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise NotFound(f"{label}: {text!r} names several; use the reference ({kind}1...)")
        raise NotFound(f"{label}: no {label} {text!r} in this workshop")

    def _stage(self, tx: Tx, key: str) -> dict[str, Any]:
        text = str(key).strip()
        if text.isdigit():
            stages = sorted(tx.rows("stage"), key=lambda r: r["position"])
            index = int(text) - 1
            if 0 <= index < len(stages):
                return stages[index]
            raise NotFound(f"stage: no stage at position {text} (there are {len(stages)})")
        return self._named(tx, "stage", "S", text, "stage")

    def _item(self, tx: Tx, table: str, kind: str, key: str) -> dict[str, Any]:
        return tx.require(table, self.ref(key, kind, table), table)

    # queries ---------------------------------------------------------------------------------

    def list_workshops(self) -> list[WorkshopSummary]:
        """All workshops, most recently changed first."""
        ev = _EVENT
        counts = {
            name: dict(
                self._scalar_rows(select(_TABLES[name].c.workshop_id, func.count()).group_by(_TABLES[name].c.workshop_id))
            )
            for name in ("touchpoint", "idea", "pilot")
        }
        last = select(ev.c.workshop_id, func.max(ev.c.at), func.count()).group_by(ev.c.workshop_id)
        with self.store.read() as conn:
            activity = {r[0]: (r[1], r[2]) for r in conn.execute(last)}
            rows = conn.execute(select(_WORKSHOP)).mappings().all()
        result = [
            WorkshopSummary(
                id=r["id"],
                slug=r["slug"],
                title=r["title"],
                phase=r["phase"],
                created_at=r["created_at"],
                updated_at=activity.get(r["id"], (r["created_at"], 0))[0],
                events=activity.get(r["id"], (None, 0))[1],
                touchpoints=counts["touchpoint"].get(r["id"], 0),
                ideas=counts["idea"].get(r["id"], 0),
                pilots=counts["pilot"].get(r["id"], 0),
            )
            for r in rows
        ]
        return sorted(result, key=lambda s: (s.updated_at, s.id), reverse=True)

    def _scalar_rows(self, query: Any) -> list[tuple[Any, Any]]:
        with self.store.read() as conn:
            return [tuple(r) for r in conn.execute(query)]

    def workshop_id(self, workshop: int | str) -> int:
        with self.store.read() as conn:
            return self._find_workshop(conn, workshop)["id"]

    def load(self, workshop: int | str) -> model.WorkshopState:
        """The workshop as it is now."""
        rows = self.rows(workshop)
        return model.build(rows.head, rows.tables, event_count=rows.event_count)

    def rows(self, workshop: int | str) -> WorkshopRows:
        """The workshop's rows as they are now, with the count and last seq of its events, all
        read in one transaction (so they agree with each other)."""
        with self.store.read() as conn:
            head = self._find_workshop(conn, workshop)
            wid = head["id"]
            # Plain SQL on the connection's cursor: tens of thousands of rows come back as tuples
            # and become dicts once, without a result object per row.
            cur = cursor(conn)
            tables = {}
            for name in _TABLES:
                shape = _SHAPES[name]
                cur.execute(f"{shape.select} WHERE workshop_id = ?", (wid,))
                tables[name] = shape.by_ref(cur.fetchall())
            count, last = conn.execute(
                select(func.count(), func.coalesce(func.max(_EVENT.c.seq), 0)).where(_EVENT.c.workshop_id == wid)
            ).one()
        return WorkshopRows(head, tables, int(count), int(last))

    def events(self, workshop: int | str, *, since: int = 0, changes: bool = True) -> list[LoggedEvent]:
        """The event log, in order (events after seq `since`); without `changes`, each event's
        row changes are left out (empty), which is most of what the log holds: for a summary of
        who changed what when."""
        with self.store.read() as conn:
            wid = self._find_workshop(conn, workshop)["id"]
            if not changes:
                cur = cursor(conn)
                cur.execute("SELECT seq, at, actor, action, summary, phase, target FROM event "
                            "WHERE workshop_id = ? AND seq > ? ORDER BY seq", (wid, since))
                return [LoggedEvent(seq=seq, at=at, actor=actor, action=action, summary=summary,
                                    phase=phase, target=target, changes=[])
                        for seq, at, actor, action, summary, phase, target in cur.fetchall()]
            rows = conn.execute(
                select(_EVENT.c.seq, _EVENT.c.at, _EVENT.c.actor, _EVENT.c.action, _EVENT.c.summary,
                       _EVENT.c.phase, _EVENT.c.target, _EVENT.c.payload)
                .where(_EVENT.c.workshop_id == wid, _EVENT.c.seq > since)
                .order_by(_EVENT.c.seq)
            ).all()
        # Plain tuples: a mapping per row costs more than the row itself on a long log.
        return [
            LoggedEvent(seq=seq, at=at, actor=actor, action=action, summary=summary, phase=phase,
                        target=target, changes=payload.get("changes", []))
            for seq, at, actor, action, summary, phase, target, payload in rows
        ]

    def last_seq(self, workshop: int | str) -> int:
        """The seq of the newest event: a cheap way to notice another process's change."""
        with self.store.read() as conn:
            wid = self._find_workshop(conn, workshop)["id"]
            return int(conn.execute(
                select(func.coalesce(func.max(_EVENT.c.seq), 0)).where(_EVENT.c.workshop_id == wid)
            ).scalar_one())

    # undo and redo ---------------------------------------------------------------------------

    @staticmethod
    def _target(conn: Connection, wid: int, action: str, actor: str = "") -> int | None:
        """The seq that `undo` (or `redo`) by `actor` would act on, or None.

        Each actor has their own two stacks: their changes, and the undos and redos of those
        (an undo or redo counts as the actor's whose change it acts on, so even an older log where
        someone undid another's change reads right). Everyone else's events are left out of the
        walk, so another's change in between neither blocks nor is taken back. The stack of done
        changes is always in seq order, so walking the actor's log backwards finds the answer after
        their few newest events instead of reading the whole log: the newest change whose latest
        undo-or-redo is not an undo can be undone; the newest undo not redone since, with no new
        change of theirs after it, can be redone. Moving between phases and the timer are
        navigation, not a change of content: logged (replay shows them) but passed over, so ctrl+z
        after switching screens undoes the last edit.
        """
        latest: dict[int, str] = {}
        cur = cursor(conn)
        rows = cur.execute(
            "SELECT e.seq, e.action, e.target FROM event e "
            "LEFT JOIN event t ON t.workshop_id = e.workshop_id AND t.seq = e.target "
            "WHERE e.workshop_id = ? AND (CASE WHEN e.action IN ('undo', 'redo') "
            "THEN coalesce(t.actor, e.actor) ELSE e.actor END) = ? "
            "ORDER BY e.seq DESC", (wid, actor))
        try:
            for seq, kind, target in rows:
                if kind in ("undo", "redo"):
                    if action == "redo" and kind == "undo" and target not in latest:
                        return target
                    latest.setdefault(target, kind)
                elif kind in _NAVIGATION or kind.startswith("timer."):
                    continue
                elif kind == "workshop.create" or action == "redo":
                    return None  # a new change since the last undo leaves nothing to redo
                elif latest.get(seq) != "undo":
                    return seq
            return None
        finally:
            cur.close()

    def _replay_inverse(self, workshop: int | str, action: str, actor: str | None) -> Undone:
        actor = actor_name(actor)
        with self._change(workshop, action, actor) as tx:
            target = self._target(tx.conn, tx.wid, action, actor)
            if target is None:
                raise RuleRefused(nothing_left(tx, action, actor, _NAVIGATION))
            row = tx.conn.execute(
                select(_EVENT).where(_EVENT.c.workshop_id == tx.wid, _EVENT.c.seq == target)
            ).mappings().one()
            changes = row["payload"]["changes"]
            steps = [invert(c) for c in reversed(changes)] if action == "undo" else list(changes)
            TakeBack(tx, action, actor, since=target).run(steps)
            tx.target = target
            tx.summary = f"{action}: {row['summary']}"
            said = words(tx, action, row["action"], row["summary"], changes)
        assert tx.seq is not None
        return Undone(action=action, target=target, seq=tx.seq, summary=tx.summary, words=said)

    def undo(self, workshop: int | str, *, actor: str | None = None) -> Undone:
        """Undo `actor`'s newest change not yet undone ("" or None: the changes logged without an
        actor); everyone else's changes stay. Refused, changing nothing, when someone has changed
        or built on that change since."""
        return self._replay_inverse(workshop, "undo", actor)

    def redo(self, workshop: int | str, *, actor: str | None = None) -> Undone:
        """Redo `actor`'s newest undone change, if they have made no new change since."""
        return self._replay_inverse(workshop, "redo", actor)

    @staticmethod
    def new_uid() -> str:
        return secrets.token_hex(8)

    @staticmethod
    def unique_slug(conn: Connection, title: str) -> str:
        base = slugify(title)
        taken = {r[0] for r in conn.execute(select(_WORKSHOP.c.slug).where(_WORKSHOP.c.slug.like(f"{base}%")))}
        if base not in taken and not base.isdigit():
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"


__all__ = ["EngineBase", "LoggedEvent", "Undone", "WorkshopRows", "WorkshopSummary", "slugify", "workshop_row"]
