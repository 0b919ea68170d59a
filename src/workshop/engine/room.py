"""Provides the actions of participants on their own devices: joining the workshop from a phone
or a laptop, and the facilitator removing (or giving back) a participant's access; and the check
that a participant changes only their own items, made inside the action's transaction."""

from __future__ import annotations

from typing import Any

from workshop.domain import validate
from workshop.domain.errors import AccessRemoved, NotFound, NotYours, RuleRefused
from workshop.engine.base import EngineBase
from workshop.engine.tx import Tx
from workshop.engine.workshops import quote


def owns(author: str, owner: str) -> bool:
    """Whether an item written by `author` is `owner`'s (names match as participants' names do:
    trimmed, in any case)."""
    return bool(owner.strip()) and author.strip().casefold() == owner.strip().casefold()


def check_owner(row: dict[str, Any], owner: str | None, label: str) -> None:
    """Refuse the change when `owner` is given and the item is not theirs. Called inside the
    action's transaction, on the row as it is now, so no other change can slip in between."""
    if owner is None:
        return
    if not owns(row.get("author") or "", owner):
        raise NotYours(f"{label}: {row['ref']} is someone else's; you can change only your own", label)


def check_author(fields: dict[str, Any], owner: str | None) -> None:
    """Refuse giving an item of `owner`'s to another author: what a participant writes stays theirs."""
    if owner is not None and "author" in fields and not owns(fields["author"], owner):
        raise NotYours("author: you can write only under your own name", "author")


class RoomActions(EngineBase):
    """Joining from a device and the access the facilitator gives."""

    def join_participant(self, workshop: int | str, name_or_ref: str, *, create: bool = False) -> str:
        """A participant joins from their own device: by their name or reference on the list or,
        with `create` and the workshop's `open_join` rule on, by a name of their own that is then
        added to the list. Returns the participant's reference.

        The first join of each participant is an event (`participant.join`, with the participant
        as actor) that undo and redo pass over, like a move between phases; joining again changes
        nothing. A participant whose access is removed is refused (`AccessRemoved`), and so is a
        name not on the list (`NotFound`) unless it may be added."""
        key = validate.name("name", name_or_ref)
        with self.store.write() as conn:
            head = self._find_workshop(conn, workshop)
            tx = Tx(conn, head["id"], head)
            row = self._joining(tx, key, create)
            if row is None:
                ref = tx.next_ref("U")
                tx.insert("participant", ref, {"name": key, "role": "", "facilitator": False,
                                               "joined": True, "blocked": False, "done_voting": False})
                tx.summary = f"{key} joined from a device and was added as participant {ref}"
                tx.record("participant.join", key)
                return ref
            if row["blocked"]:
                raise AccessRemoved(f"name: the facilitator has removed the access of {row['name']}", "name")
            if not row["joined"]:
                tx.update("participant", row["ref"], joined=True)
                tx.summary = f"{row['name']} joined from a device"
                tx.record("participant.join", row["name"])
            return row["ref"]

    def _joining(self, tx: Tx, key: str, create: bool) -> dict[str, Any] | None:
        """The participant a join names, or None for a new name that may be added."""
        if create:
            folded = key.casefold()
            found = [r for r in tx.rows("participant") if r["name"].casefold() == folded]
            if found:
                return found[0]
            if not tx.workshop["open_join"]:
                raise RuleRefused(f"name: {key!r} is not on the list, and the facilitator has not "
                                  "allowed adding your own name; pick your name from the list", "name")
            return None
        try:
            return self._named(tx, "participant", "U", key, "participant")
        except NotFound:
            raise NotFound(f"name: {key!r} is not on the participant list; pick your name from the "
                           "list or ask the facilitator to add you", "name") from None

    def set_access(self, workshop: int | str, participant: str, *, blocked: bool,
                   actor: str | None = None) -> str:
        """Remove a participant's access from their devices (`blocked`), or give it back: a
        removed participant's session is refused by the server, and so is a new join. Their items
        and dots stay."""
        with self._change(workshop, "participant.access", actor) as tx:
            row = self._named(tx, "participant", "U", participant, "participant")
            if bool(row["blocked"]) == bool(blocked):
                state = "has no access" if blocked else "has access"
                raise RuleRefused(f"participant: {row['name']} already {state}", "participant")
            tx.update("participant", row["ref"], blocked=bool(blocked))
            tx.summary = (f"removed the access of participant {row['ref']} {quote(row['name'])}" if blocked
                          else f"gave participant {row['ref']} {quote(row['name'])} access again")
            return row["ref"]


__all__ = ["RoomActions", "check_author", "check_owner", "owns"]
