"""Provides the workshop-level actions: create, duplicate, delete, the brief, the voting rules,
the phase, and revealing what was hidden."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select

from workshop.domain import timers, validate
from workshop.domain.errors import InvalidInput, NotFound, RuleRefused
from workshop.domain.timers import PhaseClock
from workshop.domain.values import ANONYMOUS, Phase
from workshop.engine.base import EngineBase
from workshop.engine.tx import _EVENT, _TABLES, _WORKSHOP, Tx, item_row, now
from workshop.store.db import lock_catalogue

_UNSET: Any = object()


def quote(text: str, limit: int = 40) -> str:
    """A short, one-line quotation of user text for the event log."""
    line = " ".join(text.split())
    return f"'{line[: limit - 1]}…'" if len(line) > limit else f"'{line}'"


class WorkshopActions(EngineBase):
    def create_workshop(
        self,
        title: str,
        *,
        challenge: str | None = None,
        template: str = "",
        stages: list[str] | None = None,
        facilitator: str | None = None,
        playbook: str = "",
        lang: str = "en",
        actor: str | None = None,
    ) -> tuple[int, str]:
        """A new workshop with its stages; returns its id and slug."""
        title = validate.name("title", title)
        challenge = validate.note("challenge", challenge, required=False)
        facilitator = validate.name("facilitator", facilitator, required=False)
        names = [validate.name("stage", s) for s in stages or []]
        with self.store.write() as conn:
            lock_catalogue(conn)
            row = {
                "uid": self.new_uid(),
                "slug": self.unique_slug(conn, title),
                "title": title,
                "challenge": challenge,
                "facilitator": facilitator,
                "template": template,
                "playbook": playbook,
                "lang": lang,
                "phase": Phase.BRIEF.value,
                "created_at": now(),
                "success_measures": [],
                "constraints": [],
            }
            wid = conn.execute(insert(_WORKSHOP).values(**row)).inserted_primary_key[0]
            head = dict(conn.execute(select(_WORKSHOP).where(_WORKSHOP.c.id == wid)).mappings().one())
            tx = Tx(conn, wid, head)
            tx.changes.append({"t": "workshop", "ref": "W", "before": None, "after": {k: v for k, v in head.items() if k != "id"}})
            for position, name in enumerate(names, start=1):
                tx.insert("stage", tx.next_ref("S"), {"name": name, "position": position})
            tx.summary = f"created workshop {quote(title)}"
            tx.record("workshop.create", actor)
            return wid, row["slug"]

    def duplicate_workshop(self, workshop: int | str, title: str | None = None, *, actor: str | None = None) -> tuple[int, str]:
        """A copy of a workshop as it is now, with a fresh event log that starts from the copy."""
        state_head, tables = self._raw(workshop)
        title = validate.name("title", title if title is not None else f"{state_head['title']} (copy)")
        with self.store.write() as conn:
            lock_catalogue(conn)
            head = {k: v for k, v in state_head.items() if k != "id"}
            head.update(uid=self.new_uid(), slug=self.unique_slug(conn, title), title=title, created_at=now())
            # A new session keeps the timeboxes, with every timer full and paused.
            head["timers"] = timers.stored([PhaseClock(c.phase, c.timebox) for c in timers.clocks(head.get("timers"))])
            wid = conn.execute(insert(_WORKSHOP).values(**head)).inserted_primary_key[0]
            tx = Tx(conn, wid, dict(head, id=wid))
            tx.changes.append({"t": "workshop", "ref": "W", "before": None, "after": head})
            for name, rows in tables.items():
                for ref, row in rows.items():
                    tx.insert(name, ref, row)
            tx.summary = f"created workshop {quote(title)} as a copy of {quote(state_head['title'])}"
            tx.record("workshop.create", actor)
            return wid, head["slug"]

    def _raw(self, workshop: int | str) -> tuple[dict[str, Any], dict[str, dict[str, dict[str, Any]]]]:
        with self.store.read() as conn:
            head = self._find_workshop(conn, workshop)
            tables = {}
            for name, table in _TABLES.items():
                rows = conn.execute(select(table).where(table.c.workshop_id == head["id"])).mappings()
                tables[name] = {r["ref"]: item_row(r) for r in rows}
        return head, tables

    def delete_workshop(self, workshop: int | str) -> str:
        """Remove a workshop and everything it holds (not undoable: the picker asks first)."""
        with self.store.write() as conn:
            head = self._find_workshop(conn, workshop)
            conn.execute(delete(_EVENT).where(_EVENT.c.workshop_id == head["id"]))
            for table in reversed(list(_TABLES.values())):
                conn.execute(delete(table).where(table.c.workshop_id == head["id"]))
            conn.execute(delete(_WORKSHOP).where(_WORKSHOP.c.id == head["id"]))
            return head["title"]

    def edit_brief(
        self,
        workshop: int | str,
        *,
        title: str | None = None,
        challenge: str | None = None,
        scope: str | None = None,
        success_measures: list[str] | None = None,
        constraints: list[str] | None = None,
        date: str | None = None,
        facilitator: str | None = None,
        actor: str | None = None,
    ) -> None:
        """Change the brief; only the fields given change."""
        fields: dict[str, Any] = {}
        if title is not None:
            fields["title"] = validate.name("title", title)
        if challenge is not None:
            fields["challenge"] = validate.note("challenge", challenge, required=False)
        if scope is not None:
            fields["scope"] = validate.note("scope", scope, required=False)
        if success_measures is not None:
            fields["success_measures"] = validate.lines("success measure", success_measures)
        if constraints is not None:
            fields["constraints"] = validate.lines("constraint", constraints)
        if date is not None:
            fields["date"] = validate.date("date", date)
        if facilitator is not None:
            fields["facilitator"] = validate.name("facilitator", facilitator, required=False)
        with self._change(workshop, "brief.edit", actor) as tx:
            tx.update_workshop(**fields)
            tx.summary = "edited the brief (" + ", ".join(k.replace("_", " ") for k in fields) + ")"

    def set_rules(
        self,
        workshop: int | str,
        *,
        dots: int | None = None,
        cap: int | None = _UNSET,
        blind: bool | None = None,
        silent: bool | None = None,
        open_join: bool | None = None,
        anonymous: str | None = None,
        actor: str | None = None,
    ) -> None:
        """Change the voting rules, silent brainstorming and the rules of participants' own
        devices (`open_join`: they may add their own name; `anonymous`: when their cards hide the
        author from the others, one of `ANONYMOUS`); a cap of None means no cap."""
        fields: dict[str, Any] = {}
        if dots is not None:
            fields["dots_per_participant"] = validate.count("dots", dots, minimum=1)
        if cap is not _UNSET:
            fields["cap_per_idea"] = validate.count("cap", cap, minimum=1)
        if blind is not None:
            fields["blind"] = bool(blind)
        if silent is not None:
            fields["silent"] = bool(silent)
        if open_join is not None:
            fields["open_join"] = bool(open_join)
        if anonymous is not None:
            fields["anonymous"] = validate.choice("anonymous", anonymous, ANONYMOUS, required=True)
        with self._change(workshop, "rules.edit", actor) as tx:
            if "dots_per_participant" in fields:
                self._check_dots_fit(tx, fields["dots_per_participant"])
            if fields.get("cap_per_idea"):
                self._check_cap_fits(tx, fields["cap_per_idea"])
            tx.update_workshop(**fields)
            if fields.get("silent") is False:
                self._reveal_ideas(tx)
            tx.summary = "changed the rules: " + ", ".join(
                f"{k.replace('_', ' ')} {v if v is not None else 'none'}" for k, v in fields.items()
            )

    def _check_dots_fit(self, tx: Tx, dots: int) -> None:
        spent: dict[str, int] = {}
        for vote in tx.rows("vote"):
            spent[vote["participant"]] = spent.get(vote["participant"], 0) + vote["dots"]
        over = [p for p, n in spent.items() if n > dots]
        if over:
            raise RuleRefused(f"dots: {', '.join(sorted(over))} already spent more than {dots} dots")

    def _check_cap_fits(self, tx: Tx, cap: int) -> None:
        tally: dict[str, int] = {}
        for vote in tx.rows("vote"):
            tally[vote["idea"]] = tally.get(vote["idea"], 0) + vote["dots"]
        over = [i for i, n in tally.items() if n > cap]
        if over:
            raise RuleRefused(f"cap: {', '.join(sorted(over))} already hold more than {cap} dots")

    def set_phase(self, workshop: int | str, phase: str | Phase, *, actor: str | None = None) -> Phase:
        try:
            target = Phase(str(phase).strip().lower().replace(" ", "-").replace("_", "-"))
        except ValueError:
            options = ", ".join(p.value for p in Phase)
            raise InvalidInput("phase", f"must be one of: {options} (not {phase!r})") from None
        with self._change(workshop, "phase", actor) as tx:
            if tx.workshop["phase"] == target.value:
                raise RuleRefused(f"phase: the workshop is already in {target.title}")
            tx.update_workshop(phase=target.value)
            tx.summary = f"moved to {target.title}"
        return target

    def reveal_votes(self, workshop: int | str, *, hide: bool = False, actor: str | None = None) -> None:
        with self._change(workshop, "votes.reveal" if not hide else "votes.hide", actor) as tx:
            if tx.workshop["revealed"] == (not hide):
                raise RuleRefused("votes: they are already " + ("hidden" if hide else "revealed"))
            tx.update_workshop(revealed=not hide)
            tx.summary = "hid the votes" if hide else "revealed the votes"

    def reveal_ideas(self, workshop: int | str, *, actor: str | None = None) -> int:
        """Show the ideas written silently; returns how many were revealed."""
        with self._change(workshop, "ideas.reveal", actor) as tx:
            n = self._reveal_ideas(tx)
            if not n:
                raise RuleRefused("ideas: there are no hidden ideas to reveal")
            tx.summary = f"revealed {n} hidden idea{'s' if n != 1 else ''}"
            return n

    @staticmethod
    def _reveal_ideas(tx: Tx) -> int:
        hidden = tx.rows("idea", hidden=True)
        for idea in hidden:
            tx.update("idea", idea["ref"], hidden=False)
        return len(hidden)

    def find_ref(self, workshop: int | str, key: str) -> tuple[str, str]:
        """The table and reference of an item named by reference (T3, I12...)."""
        kinds = {"S": "stage", "T": "touchpoint", "I": "idea", "C": "concept", "A": "assumption",
                 "P": "pilot", "U": "participant", "R": "persona", "D": "criterion"}
        text = str(key).strip().upper()
        table = kinds.get(text[:1])
        if not table or not text[1:].isdigit():
            raise NotFound(f"item: {key!r} is not an item reference (like T3, I12, C2, A4, P1)")
        return table, f"{text[0]}{int(text[1:])}"
