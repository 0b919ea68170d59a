"""Provides importing a JSON archive: every field is checked first, then the workshop, its rows
and its event log are written exactly as archived, in one transaction.

The format is described in `docs/archive.md`, written by `workshop.export.archive` and checked by
`workshop.export.archive_check`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from workshop.engine.base import EngineBase
from workshop.engine.tx import _EVENT, _TABLES, _WORKSHOP
from workshop.export.archive import SECTIONS
from workshop.export.archive_check import check_archive
from workshop.store.db import lock_catalogue


class Imported(tuple):  # type: ignore[type-arg]
    """What an import made: unpacks as `(id, slug)`, and says what had to change because the
    archive's uid or slug was already taken in this database, and which texts were cleaned of
    control characters (their paths in the archive)."""

    id: int
    slug: str
    uid: str
    changed: tuple[str, ...]
    cleaned: tuple[str, ...]

    def __new__(cls, wid: int, slug: str, *, uid: str, changed: tuple[str, ...],
                cleaned: tuple[str, ...] = ()) -> Imported:
        made = super().__new__(cls, (wid, slug))
        made.id, made.slug, made.uid, made.changed, made.cleaned = wid, slug, uid, changed, cleaned
        return made


class ArchiveActions(EngineBase):
    """Bringing a workshop in from an archive."""

    def import_archive(self, data: dict[str, Any], *, actor: str | None = None) -> Imported:
        """Restore a workshop from an archive (as read by `workshop.export.read_archive`): its
        row, every item row and its event log, exactly, in one transaction, after checking every
        value and proving that the log folds to the rows (`workshop.export.archive_check`); nothing
        is written when anything is refused. Texts with control characters or terminal escape
        sequences (which older versions stored) are cleaned as pasted text is, and listed in
        `Imported.cleaned`. A uid or slug already in this database is replaced by a fresh one (see
        `Imported.changed`). The import adds no event of its own, so the log stays as archived;
        `actor` is accepted like every action's but not recorded."""
        checked = check_archive(data)
        head, tables, counters, events = checked.head, checked.tables, checked.counters, checked.events
        with self.store.write() as conn:
            lock_catalogue(conn)
            changed = []
            if conn.execute(select(_WORKSHOP.c.id).where(_WORKSHOP.c.uid == head["uid"])).first():
                head["uid"] = self.new_uid()
                changed.append("uid")
            if conn.execute(select(_WORKSHOP.c.id).where(_WORKSHOP.c.slug == head["slug"])).first():
                head["slug"] = self.unique_slug(conn, head["slug"])
                changed.append("slug")
            wid = conn.execute(insert(_WORKSHOP).values(**head)).inserted_primary_key[0]
            if counters:
                conn.execute(insert(_TABLES["counter"]),
                             [{"workshop_id": wid, "ref": k, "value": n} for k, n in counters.items()])
            for key, (table, _names) in SECTIONS.items():
                rows = [{"workshop_id": wid, "ref": r} | row for r, row in tables[key].items()]
                if rows:
                    conn.execute(insert(_TABLES[table]), rows)
            if events:
                conn.execute(insert(_EVENT), [
                    {"workshop_id": wid, "seq": e["seq"], "at": e["at"], "actor": e["actor"],
                     "action": e["action"], "target": e["target"], "summary": e["summary"],
                     "phase": e["phase"], "payload": {"changes": e["changes"]}}
                    for e in events
                ])
        return Imported(wid, head["slug"], uid=head["uid"], changed=tuple(changed), cleaned=checked.cleaned)

    def copy_to(self, workshop: int | str, to: ArchiveActions, *, actor: str | None = None) -> Imported:
        """Copy a workshop with its whole event log into another database (a file to a server or
        back): exactly what `export --what json` then `import` there would do, so the copy exports
        the same Markdown. The workshop stays here too."""
        from workshop.export.archive import read_archive, render

        text = render(self.load(workshop), self.events(workshop))
        return to.import_archive(read_archive(text), actor=actor)
