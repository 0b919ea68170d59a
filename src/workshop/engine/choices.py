"""Provides the What Wows and What Works actions: concepts, assumptions and pilots."""

from __future__ import annotations

from typing import Any

from workshop.domain import validate
from workshop.domain.errors import RuleRefused
from workshop.domain.values import ASSUMPTION_KINDS, PILOT_DECISIONS, PILOT_STATUSES
from workshop.engine.base import EngineBase
from workshop.engine.tx import Tx
from workshop.engine.workshops import _UNSET, quote

_CONCEPT_NOTES = ("big_idea", "benefits", "execution", "rationale")
_PILOT_NOTES = ("hypothesis", "metric", "budget", "scope", "learnings")


def _given(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not _UNSET}


class ChoiceActions(EngineBase):
    # concepts --------------------------------------------------------------------------------

    @staticmethod
    def _concept_fields(given: dict[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for key, value in given.items():
            if key in _CONCEPT_NOTES:
                fields[key] = validate.note(key.replace("_", " "), value, required=False)
            elif key in ("effect", "cost"):
                fields[key] = validate.score(key, value)
            elif key == "wow":
                fields[key] = bool(value)
        return fields

    def add_concept(self, workshop: int | str, idea: str, *, big_idea: str | None = None,
                    benefits: str | None = None, execution: str | None = None,
                    rationale: str | None = None, effect: int | None = None,
                    cost: int | None = None, wow: bool = False, actor: str | None = None) -> str:
        """Promote an idea to a concept with its napkin pitch."""
        fields = self._concept_fields({"big_idea": big_idea, "benefits": benefits, "execution": execution,
                                       "rationale": rationale, "effect": effect, "cost": cost, "wow": wow})
        with self._change(workshop, "concept.add", actor) as tx:
            source = self._item(tx, "idea", "I", idea)
            if source["hidden"]:
                raise RuleRefused(f"idea: {source['ref']} is hidden until the ideas are revealed")
            ref = tx.next_ref("C")
            fields["big_idea"] = fields["big_idea"] or source["text"]
            tx.insert("concept", ref, {"idea": source["ref"]} | fields)
            tx.summary = f"made concept {ref} {quote(fields['big_idea'])} from idea {source['ref']}"
            return ref

    def edit_concept(self, workshop: int | str, concept: str, *, big_idea: Any = _UNSET,
                     benefits: Any = _UNSET, execution: Any = _UNSET, rationale: Any = _UNSET,
                     effect: Any = _UNSET, cost: Any = _UNSET, wow: Any = _UNSET,
                     actor: str | None = None) -> str:
        fields = self._concept_fields(_given({"big_idea": big_idea, "benefits": benefits,
                                              "execution": execution, "rationale": rationale,
                                              "effect": effect, "cost": cost, "wow": wow}))
        if fields.get("big_idea") == "":
            fields["big_idea"] = validate.note("big idea", "")
        with self._change(workshop, "concept.edit", actor) as tx:
            row = self._item(tx, "concept", "C", concept)
            tx.update("concept", row["ref"], **fields)
            tx.summary = f"edited concept {row['ref']} {quote(fields.get('big_idea', row['big_idea']))}"
            return row["ref"]

    def remove_concept(self, workshop: int | str, concept: str, *, actor: str | None = None) -> str:
        """Remove a concept with its assumptions; refused while a pilot tests it."""
        with self._change(workshop, "concept.remove", actor) as tx:
            row = self._item(tx, "concept", "C", concept)
            pilots = tx.rows("pilot", concept=row["ref"])
            if pilots:
                raise RuleRefused(f"concept: {row['ref']} has pilot {pilots[0]['ref']}; remove the pilot first")
            for assumption in tx.rows("assumption", concept=row["ref"]):
                tx.delete("assumption", assumption["ref"])
            tx.delete("concept", row["ref"])
            tx.summary = f"removed concept {row['ref']} {quote(row['big_idea'])}"
            return row["ref"]

    # assumptions -----------------------------------------------------------------------------

    def add_assumption(self, workshop: int | str, text: str, *, concept: str, kind: str,
                       critical: bool = False, test: str | None = None, actor: str | None = None) -> str:
        """What must be true for a concept to work, and how to test it."""
        text = validate.note("text", text)
        kind = validate.choice("kind", kind, ASSUMPTION_KINDS, required=True)
        test = validate.note("test", test, required=False)
        with self._change(workshop, "assumption.add", actor) as tx:
            owner = self._item(tx, "concept", "C", concept)
            ref = tx.next_ref("A")
            tx.insert("assumption", ref, {"concept": owner["ref"], "text": text, "kind": kind,
                                          "critical": critical, "test": test})
            tx.summary = f"added {'critical ' if critical else ''}{kind} assumption {ref} {quote(text)} to {owner['ref']}"
            return ref

    def edit_assumption(self, workshop: int | str, assumption: str, *, text: Any = _UNSET,
                        kind: Any = _UNSET, critical: Any = _UNSET, test: Any = _UNSET,
                        actor: str | None = None) -> str:
        fields: dict[str, Any] = {}
        if text is not _UNSET:
            fields["text"] = validate.note("text", text)
        if kind is not _UNSET:
            fields["kind"] = validate.choice("kind", kind, ASSUMPTION_KINDS, required=True)
        if critical is not _UNSET:
            fields["critical"] = bool(critical)
        if test is not _UNSET:
            fields["test"] = validate.note("test", test, required=False)
        with self._change(workshop, "assumption.edit", actor) as tx:
            row = self._item(tx, "assumption", "A", assumption)
            tx.update("assumption", row["ref"], **fields)
            tx.summary = f"edited assumption {row['ref']} {quote(fields.get('text', row['text']))}"
            return row["ref"]

    def remove_assumption(self, workshop: int | str, assumption: str, *, actor: str | None = None) -> str:
        with self._change(workshop, "assumption.remove", actor) as tx:
            row = self._item(tx, "assumption", "A", assumption)
            for pilot in tx.rows("pilot", concept=row["concept"]):
                if row["ref"] in pilot["tests"]:
                    tx.update("pilot", pilot["ref"], tests=[t for t in pilot["tests"] if t != row["ref"]])
            tx.delete("assumption", row["ref"])
            tx.summary = f"removed assumption {row['ref']} {quote(row['text'])}"
            return row["ref"]

    # pilots ----------------------------------------------------------------------------------

    def _pilot_fields(self, tx: Tx, concept_ref: str, given: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for key, value in given.items():
            if key == "name":
                fields[key] = validate.name("name", value)
            elif key in _PILOT_NOTES:
                fields[key] = validate.note(key, value, required=False)
            elif key == "owner":
                fields[key] = validate.name("owner", value, required=False)
            elif key in ("start_date", "end_date"):
                fields[key] = validate.date(key.split("_")[0], value)
            elif key == "status":
                fields[key] = validate.choice("status", value, PILOT_STATUSES, required=True)
            elif key == "decision":
                fields[key] = validate.choice("decision", value, PILOT_DECISIONS)
            elif key == "pin":
                fields[key] = validate.count("pin", value, minimum=1)
            elif key == "tests":
                refs = []
                for item in value or []:
                    a = self._item(tx, "assumption", "A", item)
                    if a["concept"] != concept_ref:
                        raise RuleRefused(f"tests: assumption {a['ref']} belongs to concept {a['concept']}, not {concept_ref}")
                    refs.append(a["ref"])
                fields[key] = refs
        validate.date_range(fields.get("start_date", current.get("start_date")),
                            fields.get("end_date", current.get("end_date")))
        return fields

    def add_pilot(self, workshop: int | str, name: str, *, concept: str, hypothesis: str | None = None,
                  metric: str | None = None, owner: str | None = None, start: str | None = None,
                  end: str | None = None, budget: str | None = None, scope: str | None = None,
                  tests: list[str] | None = None, status: str = "proposed", actor: str | None = None) -> str:
        """A learning launch from a concept: small, owned, with a timeline."""
        validate.name("name", name)
        with self._change(workshop, "pilot.add", actor) as tx:
            source = self._item(tx, "concept", "C", concept)
            fields = self._pilot_fields(tx, source["ref"], {
                "name": name, "hypothesis": hypothesis, "metric": metric, "owner": owner,
                "start_date": start, "end_date": end, "budget": budget, "scope": scope,
                "tests": tests, "status": status or "proposed"}, {})
            ref = tx.next_ref("P")
            tx.insert("pilot", ref, {"concept": source["ref"], "decision": None, "learnings": "", "pin": None} | fields)
            tx.summary = f"made pilot {ref} {quote(fields['name'])} from concept {source['ref']}" + (
                f", owner {fields['owner']}" if fields.get("owner") else "")
            return ref

    def edit_pilot(self, workshop: int | str, pilot: str, *, name: Any = _UNSET, hypothesis: Any = _UNSET,
                   metric: Any = _UNSET, owner: Any = _UNSET, start: Any = _UNSET, end: Any = _UNSET,
                   budget: Any = _UNSET, scope: Any = _UNSET, tests: Any = _UNSET, status: Any = _UNSET,
                   decision: Any = _UNSET, learnings: Any = _UNSET, pin: Any = _UNSET,
                   actor: str | None = None) -> str:
        with self._change(workshop, "pilot.edit", actor) as tx:
            row = self._item(tx, "pilot", "P", pilot)
            fields = self._pilot_fields(tx, row["concept"], _given({
                "name": name, "hypothesis": hypothesis, "metric": metric, "owner": owner,
                "start_date": start, "end_date": end, "budget": budget, "scope": scope, "tests": tests,
                "status": status, "decision": decision, "learnings": learnings, "pin": pin}), row)
            tx.update("pilot", row["ref"], **fields)
            tx.summary = f"edited pilot {row['ref']} {quote(fields.get('name', row['name']))}"
            return row["ref"]

    def remove_pilot(self, workshop: int | str, pilot: str, *, actor: str | None = None) -> str:
        with self._change(workshop, "pilot.remove", actor) as tx:
            row = self._item(tx, "pilot", "P", pilot)
            tx.delete("pilot", row["ref"])
            tx.summary = f"removed pilot {row['ref']} {quote(row['name'])}"
            return row["ref"]

    def move_pilot(self, workshop: int | str, pilot: str, rank: int, *, actor: str | None = None) -> str:
        """Pin a pilot at a rank of the backlog. A pilot pinned at that rank already takes the
        rank the moved one leaves, so moving a pilot past a pinned neighbour swaps the two in one
        change (and one undo)."""
        from workshop.domain.views import rank_pilots

        rank = validate.count("rank", rank, minimum=1)
        current = {r.pilot.ref: r.rank for r in rank_pilots(self.load(workshop))}
        with self._change(workshop, "pilot.edit", actor) as tx:
            row = self._item(tx, "pilot", "P", pilot)
            if rank > len(current):
                raise RuleRefused(f"rank: the backlog has {len(current)} pilots; {rank} is past its end")
            for other in tx.rows("pilot"):
                if other["ref"] != row["ref"] and other["pin"] == rank:
                    tx.update("pilot", other["ref"], pin=current.get(row["ref"], rank))
            tx.update("pilot", row["ref"], pin=rank)
            tx.summary = f"pinned pilot {row['ref']} {quote(row['name'])} at rank {rank}"
            return row["ref"]
