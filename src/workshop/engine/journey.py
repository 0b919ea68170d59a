"""Provides the What Is actions and the people in the room: participants, personas, stages,
touchpoints and design criteria."""

from __future__ import annotations

from typing import Any

from workshop.domain import validate
from workshop.domain.errors import RuleRefused
from workshop.domain.values import CHANNELS, FEELINGS
from workshop.engine.base import EngineBase
from workshop.engine.room import check_author, check_owner, owns
from workshop.engine.tx import Tx
from workshop.engine.workshops import _UNSET, quote


def _feeling_words(feeling: int | None) -> str:
    if feeling is None:
        return "feeling not rated"
    return f"feeling {feeling:+d}".replace("+0", "0").replace("-", "−") + f" ({FEELINGS[feeling]})"


def reorder(tx: Tx, table: str, rows: list[dict[str, Any]], moving: str | None, index: int | None) -> None:
    """Number rows 1..n by position, putting `moving` at `index` (0-based; None for the end)."""
    ordered = sorted((r for r in rows if r["ref"] != moving), key=lambda r: (r["position"], int(r["ref"][1:])))
    refs = [r["ref"] for r in ordered]
    if moving is not None:
        at = len(refs) if index is None else max(0, min(index, len(refs)))
        refs.insert(at, moving)
    current = {r["ref"]: r["position"] for r in rows}
    for position, ref in enumerate(refs, start=1):
        if current.get(ref) != position:
            tx.update(table, ref, position=position)


class JourneyActions(EngineBase):
    # participants ----------------------------------------------------------------------------

    def add_participant(self, workshop: int | str, name: str, *, role: str | None = None,
                        facilitator: bool = False, actor: str | None = None) -> str:
        name = validate.name("name", name)
        role = validate.name("role", role, required=False)
        with self._change(workshop, "participant.add", actor) as tx:
            if any(r["name"].casefold() == name.casefold() for r in tx.rows("participant")):
                raise RuleRefused(f"name: there is already a participant called {name!r}")
            ref = tx.next_ref("U")
            tx.insert("participant", ref, {"name": name, "role": role, "facilitator": facilitator,
                                           "joined": False, "blocked": False, "done_voting": False})
            tx.summary = f"added participant {ref} {quote(name)}" + (f" ({role})" if role else "")
            return ref

    def edit_participant(self, workshop: int | str, participant: str, *, name: str | None = None,
                         role: str | None = None, facilitator: bool | None = None,
                         actor: str | None = None) -> str:
        fields: dict[str, Any] = {}
        if name is not None:
            fields["name"] = validate.name("name", name)
        if role is not None:
            fields["role"] = validate.name("role", role, required=False)
        if facilitator is not None:
            fields["facilitator"] = facilitator
        with self._change(workshop, "participant.edit", actor) as tx:
            row = self._named(tx, "participant", "U", participant, "participant")
            if "name" in fields and any(
                r["name"].casefold() == fields["name"].casefold() and r["ref"] != row["ref"]
                for r in tx.rows("participant")
            ):
                raise RuleRefused(f"name: there is already a participant called {fields['name']!r}")
            tx.update("participant", row["ref"], **fields)
            carried = 0
            if "name" in fields and fields["name"] != row["name"]:
                # What they wrote stays theirs: the author of their touchpoints and ideas is their
                # name (it decides what they may change from their own device), so it follows.
                for table in ("touchpoint", "idea"):
                    for item in tx.rows(table):
                        if owns(item["author"] or "", row["name"]):
                            tx.update(table, item["ref"], author=fields["name"])
                            carried += 1
            tx.summary = f"edited participant {row['ref']} {quote(fields.get('name', row['name']))}" + (
                f" (and the author of {carried} item{'s' if carried != 1 else ''} they wrote)" if carried else "")
            return row["ref"]

    def remove_participant(self, workshop: int | str, participant: str, *, actor: str | None = None) -> str:
        """Remove a participant and the dots they cast."""
        with self._change(workshop, "participant.remove", actor) as tx:
            row = self._named(tx, "participant", "U", participant, "participant")
            for vote in tx.rows("vote", participant=row["ref"]):
                tx.delete("vote", vote["ref"])
            tx.delete("participant", row["ref"])
            tx.summary = f"removed participant {row['ref']} {quote(row['name'])}"
            return row["ref"]

    # personas --------------------------------------------------------------------------------

    def add_persona(self, workshop: int | str, name: str, *, description: str | None = None,
                    actor: str | None = None) -> str:
        name = validate.name("name", name)
        description = validate.note("description", description, required=False)
        with self._change(workshop, "persona.add", actor) as tx:
            if any(r["name"].casefold() == name.casefold() for r in tx.rows("persona")):
                raise RuleRefused(f"name: there is already a persona called {name!r}")
            ref = tx.next_ref("R")
            tx.insert("persona", ref, {"name": name, "description": description})
            tx.summary = f"added persona {ref} {quote(name)}"
            return ref

    def edit_persona(self, workshop: int | str, persona: str, *, name: str | None = None,
                     description: str | None = None, actor: str | None = None) -> str:
        fields: dict[str, Any] = {}
        if name is not None:
            fields["name"] = validate.name("name", name)
        if description is not None:
            fields["description"] = validate.note("description", description, required=False)
        with self._change(workshop, "persona.edit", actor) as tx:
            row = self._named(tx, "persona", "R", persona, "persona")
            tx.update("persona", row["ref"], **fields)
            tx.summary = f"edited persona {row['ref']} {quote(fields.get('name', row['name']))}"
            return row["ref"]

    def remove_persona(self, workshop: int | str, persona: str, *, actor: str | None = None) -> str:
        """Remove a persona; its touchpoints stay, seen by the customer in general."""
        with self._change(workshop, "persona.remove", actor) as tx:
            row = self._named(tx, "persona", "R", persona, "persona")
            for tp in tx.rows("touchpoint", persona=row["ref"]):
                tx.update("touchpoint", tp["ref"], persona=None)
            tx.delete("persona", row["ref"])
            tx.summary = f"removed persona {row['ref']} {quote(row['name'])}"
            return row["ref"]

    # stages ----------------------------------------------------------------------------------

    def add_stage(self, workshop: int | str, name: str, *, position: int | None = None,
                  actor: str | None = None) -> str:
        name = validate.name("name", name)
        position = validate.count("position", position, minimum=1)
        with self._change(workshop, "stage.add", actor) as tx:
            stages = tx.rows("stage")
            if any(r["name"].casefold() == name.casefold() for r in stages):
                raise RuleRefused(f"name: there is already a stage called {name!r}")
            ref = tx.next_ref("S")
            tx.insert("stage", ref, {"name": name, "position": len(stages) + 1})
            reorder(tx, "stage", tx.rows("stage"), ref, None if position is None else position - 1)
            tx.summary = f"added stage {ref} {quote(name)}"
            return ref

    def edit_stage(self, workshop: int | str, stage: str, *, name: str | None = None,
                   position: int | None = None, actor: str | None = None) -> str:
        new_name = validate.name("name", name) if name is not None else None
        position = validate.count("position", position, minimum=1)
        with self._change(workshop, "stage.edit", actor) as tx:
            row = self._stage(tx, stage)
            stages = tx.rows("stage")
            if new_name is not None:
                if any(r["name"].casefold() == new_name.casefold() and r["ref"] != row["ref"] for r in stages):
                    raise RuleRefused(f"name: there is already a stage called {new_name!r}")
                tx.update("stage", row["ref"], name=new_name)
            if position is not None:
                reorder(tx, "stage", stages, row["ref"], position - 1)
            tx.summary = f"edited stage {row['ref']} {quote(new_name or row['name'])}"
            return row["ref"]

    def remove_stage(self, workshop: int | str, stage: str, *, actor: str | None = None) -> str:
        with self._change(workshop, "stage.remove", actor) as tx:
            row = self._stage(tx, stage)
            held = tx.count("touchpoint", stage=row["ref"])
            if held:
                raise RuleRefused(
                    f"stage: {row['name']!r} still holds {held} touchpoint{'s' if held != 1 else ''}; "
                    "move or remove them first"
                )
            tx.delete("stage", row["ref"])
            reorder(tx, "stage", tx.rows("stage"), None, None)
            tx.summary = f"removed stage {row['ref']} {quote(row['name'])}"
            return row["ref"]

    # touchpoints -----------------------------------------------------------------------------

    def _touchpoint_fields(self, tx: Tx, given: dict[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for key, value in given.items():
            if value is _UNSET:
                continue
            if key == "text":
                fields["text"] = validate.note("text", value)
            elif key == "channel":
                fields["channel"] = validate.choice("channel", value, CHANNELS)
            elif key == "feeling":
                fields["feeling"] = validate.feeling(value)
            elif key == "pains":
                fields["pains"] = validate.lines("pain", value)
            elif key == "evidence":
                fields["evidence"] = validate.note("evidence", value, required=False)
            elif key == "evidence_count":
                fields["evidence_count"] = validate.count("count", value)
            elif key == "moment_of_truth":
                fields["moment_of_truth"] = bool(value)
            elif key == "author":
                fields["author"] = validate.name("author", value, required=False)
            elif key == "persona":
                fields["persona"] = self._named(tx, "persona", "R", value, "persona")["ref"] if value else None
        return fields

    def add_touchpoint(self, workshop: int | str, text: str, *, stage: str, channel: str | None = None,
                       feeling: int | None = None, pains: list[str] | None = None,
                       evidence: str | None = None, evidence_count: int | None = None,
                       moment_of_truth: bool = False, persona: str | None = None,
                       author: str | None = None, position: int | None = None,
                       actor: str | None = None) -> str:
        """A touchpoint, in the customer's words, at the end of its stage (or at `position`)."""
        validate.note("text", text)
        validate.count("position", position, minimum=1)
        with self._change(workshop, "touchpoint.add", actor or author) as tx:
            fields = self._touchpoint_fields(tx, {
                "text": text, "channel": channel, "feeling": feeling, "pains": pains or [],
                "evidence": evidence, "evidence_count": evidence_count,
                "moment_of_truth": moment_of_truth, "persona": persona, "author": author,
            })
            row = self._stage(tx, stage)
            siblings = tx.rows("touchpoint", stage=row["ref"])
            ref = tx.next_ref("T")
            tx.insert("touchpoint", ref, fields | {"stage": row["ref"], "position": len(siblings) + 1})
            if position is not None:
                reorder(tx, "touchpoint", tx.rows("touchpoint", stage=row["ref"]), ref, position - 1)
            tx.summary = (f"added touchpoint {ref} {quote(fields['text'])} to {row['name']}, "
                          f"{_feeling_words(fields['feeling'])}")
            return ref

    def edit_touchpoint(self, workshop: int | str, touchpoint: str, *, text: Any = _UNSET,
                        channel: Any = _UNSET, feeling: Any = _UNSET, pains: Any = _UNSET,
                        evidence: Any = _UNSET, evidence_count: Any = _UNSET,
                        moment_of_truth: Any = _UNSET, persona: Any = _UNSET, author: Any = _UNSET,
                        actor: str | None = None, owner: str | None = None) -> str:
        """Change the fields given; a field left out keeps its value. With `owner`, only a
        touchpoint of theirs (and it stays theirs)."""
        with self._change(workshop, "touchpoint.edit", actor) as tx:
            row = self._item(tx, "touchpoint", "T", touchpoint)
            check_owner(row, owner, "touchpoint")
            fields = self._touchpoint_fields(tx, {
                "text": text, "channel": channel, "feeling": feeling, "pains": pains,
                "evidence": evidence, "evidence_count": evidence_count,
                "moment_of_truth": moment_of_truth, "persona": persona, "author": author,
            })
            check_author(fields, owner)
            tx.update("touchpoint", row["ref"], **fields)
            changed = ", ".join(k.replace("_", " ") for k in fields if fields[k] != row[k])
            tx.summary = f"edited touchpoint {row['ref']} {quote(fields.get('text', row['text']))}: {changed}"
            return row["ref"]

    def move_touchpoint(self, workshop: int | str, touchpoint: str, *, stage: str | None = None,
                        position: int | None = None, actor: str | None = None,
                        owner: str | None = None) -> str:
        """Move a touchpoint within its stage or to another stage (at `position`, else the end);
        with `owner`, only a touchpoint of theirs."""
        validate.count("position", position, minimum=1)
        with self._change(workshop, "touchpoint.move", actor) as tx:
            row = self._item(tx, "touchpoint", "T", touchpoint)
            check_owner(row, owner, "touchpoint")
            target = self._stage(tx, stage) if stage is not None else tx.require("stage", row["stage"], "stage")
            if target["ref"] != row["stage"]:
                tx.update("touchpoint", row["ref"], stage=target["ref"])
                reorder(tx, "touchpoint", tx.rows("touchpoint", stage=row["stage"]), None, None)
            siblings = tx.rows("touchpoint", stage=target["ref"])
            reorder(tx, "touchpoint", siblings, row["ref"], None if position is None else position - 1)
            tx.summary = f"moved touchpoint {row['ref']} {quote(row['text'])} to {target['name']}" + (
                f", position {position}" if position else "")
            return row["ref"]

    def remove_touchpoint(self, workshop: int | str, touchpoint: str, *, actor: str | None = None,
                          owner: str | None = None) -> str:
        """Remove a touchpoint; ideas linked to it stay, without the link. With `owner`, only a
        touchpoint of theirs."""
        with self._change(workshop, "touchpoint.remove", actor) as tx:
            row = self._item(tx, "touchpoint", "T", touchpoint)
            check_owner(row, owner, "touchpoint")
            for link in tx.rows("link", touchpoint=row["ref"]):
                tx.delete("link", link["ref"])
            tx.delete("touchpoint", row["ref"])
            reorder(tx, "touchpoint", tx.rows("touchpoint", stage=row["stage"]), None, None)
            tx.summary = f"removed touchpoint {row['ref']} {quote(row['text'])}"
            return row["ref"]

    # design criteria -------------------------------------------------------------------------

    def add_criterion(self, workshop: int | str, text: str, *, actor: str | None = None) -> str:
        text = validate.note("text", text)
        with self._change(workshop, "criterion.add", actor) as tx:
            ref = tx.next_ref("D")
            tx.insert("criterion", ref, {"text": text, "position": tx.count("criterion") + 1})
            tx.summary = f"added design criterion {ref} {quote(text)}"
            return ref

    def edit_criterion(self, workshop: int | str, criterion: str, *, text: str | None = None,
                       position: int | None = None, actor: str | None = None) -> str:
        new_text = validate.note("text", text) if text is not None else None
        validate.count("position", position, minimum=1)
        with self._change(workshop, "criterion.edit", actor) as tx:
            row = self._item(tx, "criterion", "D", criterion)
            if new_text is not None:
                tx.update("criterion", row["ref"], text=new_text)
            if position is not None:
                reorder(tx, "criterion", tx.rows("criterion"), row["ref"], position - 1)
            tx.summary = f"edited design criterion {row['ref']} {quote(new_text or row['text'])}"
            return row["ref"]

    def remove_criterion(self, workshop: int | str, criterion: str, *, actor: str | None = None) -> str:
        with self._change(workshop, "criterion.remove", actor) as tx:
            row = self._item(tx, "criterion", "D", criterion)
            tx.delete("criterion", row["ref"])
            reorder(tx, "criterion", tx.rows("criterion"), None, None)
            tx.summary = f"removed design criterion {row['ref']} {quote(row['text'])}"
            return row["ref"]
