"""Provides the engine's foundation: finding workshops and items, one transaction per action,
queries that return plain values, and undo and redo as compensating events."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, select

from workshop.domain.errors import NotFound, RuleRefused
from workshop.engine.reading import LoggedEvent, Reader, WorkshopRows, WorkshopSummary, reference, required
from workshop.engine.tx import _EVENT, _WORKSHOP, Tx, actor_name, invert, workshop_row
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


class EngineBase(Reader):
    """Holds the store; every public method of the engine is one user action or one query."""

    store: Store

    def __init__(self, store: Store) -> None:
        super().__init__(store)

    # finding ---------------------------------------------------------------------------------

    @staticmethod
    def _find_workshop(conn: Connection, key: int | str) -> dict[str, Any]:
        return required(Tx.find_workshop(conn, key), key)

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

    ref = staticmethod(reference)

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
