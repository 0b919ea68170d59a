"""Provides the forms for each kind of item (touchpoint, idea, participant, persona, stage,
design criterion, brief, voting rules): which fields they show and which engine action saves them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from workshop.domain import validate
from workshop.domain.errors import NotFound
from workshop.domain.model import Idea, Participant, Persona, Stage, Touchpoint, WorkshopState
from workshop.domain.values import CHANNELS, FEELINGS
from workshop.engine.base import EngineBase
from workshop.engine import Engine
from workshop.tui.dialogs.form import Field, FormDialog, person_field
from workshop.tui.words import t
from workshop.tui.widgets.board import FACES

FEELING_CHOICES = [(f"{FACES[k]}  {k:+d} {word}".replace("+0", " 0"), k) for k, word in sorted(FEELINGS.items())]


def refs(text: str | None) -> list[str]:
    """Item references typed as 'T3, T7' or 't3 t7'."""
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


def touchpoint_links(text: str | None, state: WorkshopState) -> list[str]:
    """The touchpoint references typed in a Touchpoints field, each checked against the
    workshop (refused with the field named: `T3Beta` or `T99` never becomes a link or a theme)."""
    links = []
    for part in refs(text):
        ref = EngineBase.ref(part, "T", "touchpoint")
        if state.touchpoint(ref) is None:
            raise NotFound(f"touchpoint: no touchpoint {ref} in this workshop")
        links.append(ref)
    return links


def quoted(text: str, limit: int = 40) -> str:
    """User text, short and on one line, in quotation marks."""
    line = " ".join(str(text).split())
    return f"“{line[:limit - 1]}…”" if len(line) > limit else f"“{line}”"


def changed(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Only the values that differ from the item as it is (the engine refuses a change of nothing)."""
    return {k: v for k, v in values.items() if current.get(k) != v}


def touchpoint_form(engine: Engine, state: WorkshopState, tp: Touchpoint | None = None, *,
                    stage: str | None = None, on_saved: Callable[[Any], None] | None = None) -> FormDialog:
    """Add touchpoints one after another (`tp` None, in `stage`; the form stays open) or edit one."""
    stages = [(s.name, s.ref) for s in state.stages]
    personas = [(p.name, p.ref) for p in state.personas]
    chosen = tp.stage if tp else (stage or (stages[0][1] if stages else None))
    default = next((name for name, ref in stages if ref == chosen), "")
    fields = [
        # First, so the facilitator sees where the touchpoint goes before typing it.
        Field("stage", t("newcomer.stage.label"), kind="choice", choices=stages, sticky=True, value=chosen,
              hint=t("newcomer.stage.in_column", stage=default) if tp is None and default else ""),
        Field("text", "What the customer does, in the customer's words", value=tp.text if tp else None,
              placeholder="e.g. Ringer kundeservice for å spørre om leveringsdato"),
        Field("feeling", "Feeling", kind="choice", choices=FEELING_CHOICES,
              value=tp.feeling if tp else None, placeholder="(not rated)"),
        Field("pains", "Pains", kind="lines", value=tp.pains if tp else (), aliases=("pain",),
              hint="one a line"),
        Field("channel", "Channel", kind="choice", choices=[(c, c) for c in CHANNELS],
              value=tp.channel if tp else None, keep=True),
        Field("moment_of_truth", "Moment of truth", kind="flag", value=tp.moment_of_truth if tp else False),
        Field("persona", "Persona", kind="choice", choices=personas, value=tp.persona if tp else None,
              keep=True),
        Field("evidence", "Evidence", value=tp.evidence if tp else None,
              placeholder="e.g. 12 calls a week about delivery time"),
        Field("evidence_count", "Evidence count", kind="number",
              value=tp.evidence_count if tp else None, aliases=("count",), hint="a number, optional"),
    ]
    wid = state.id

    def check(v: dict[str, Any]) -> None:
        # The engine's own checks, before the form empties: a refusal keeps what was typed.
        validate.note("text", v["text"])
        validate.lines("pain", v["pains"])
        validate.note("evidence", v["evidence"], required=False)
        validate.count("count", v["evidence_count"])

    def save(v: dict[str, Any]) -> str:
        if tp is None:
            return engine.add_touchpoint(
                wid, v["text"], stage=v["stage"] or "", channel=v["channel"], feeling=v["feeling"],
                pains=v["pains"], evidence=v["evidence"], evidence_count=v["evidence_count"],
                moment_of_truth=v["moment_of_truth"], persona=v["persona"])
        target = v.pop("stage")
        v["pains"] = tuple(v["pains"])
        edits = changed({k: getattr(tp, k) for k in v}, v)
        if "pains" in edits:
            edits["pains"] = list(edits["pains"])
        if edits:
            engine.edit_touchpoint(wid, tp.ref, **edits)
        if target and target != tp.stage:
            engine.move_touchpoint(wid, tp.ref, stage=target)
        return tp.ref

    if tp is not None:
        return FormDialog(f"Edit touchpoint {tp.ref}", fields, save, on_saved=on_saved, enter_saves=False,
                          check=check, focus="text", intro="tab or enter: next field · ctrl+s: save")
    where = next((name for name, ref in stages if ref == stage), "")
    return FormDialog(f"Add touchpoints to {where}" if where else "Add touchpoints", fields, save,
                      again=True, on_saved=on_saved, enter_saves=False, check=check, save_label="Add",
                      focus="text",
                      keep="Keep the channel and persona for the next touchpoint",
                      saved_words=lambda ref, v: f"Added {ref} {quoted(v['text'])}. Type the next one, "
                                                 "or esc to close.",
                      intro="tab or enter: next field · ctrl+s adds it and starts the next · esc closes")


def idea_form(engine: Engine, state: WorkshopState, idea: Idea | None = None, *,
              touchpoints: list[str] | None = None, theme: str = "", intro: str = "",
              on_saved: Callable[[Any], None] | None = None,
              latest: Callable[[], WorkshopState] | None = None) -> FormDialog:
    """Add ideas one after another (the form stays open), or edit one idea. `latest` gives the
    workshop as it is now (touchpoints typed are checked against it)."""
    fields = [
        Field("text", "Idea", value=idea.text if idea else None, placeholder="type the idea, then enter"),
        Field("touchpoints", "Touchpoints it improves", keep=True,
              value=" ".join(idea.touchpoints if idea else touchpoints or []),
              aliases=("touchpoint",), placeholder="e.g. T3 T7", hint="references, optional"),
        Field("theme", "Theme", value=idea.theme if idea else theme, keep=True, placeholder="optional"),
        person_field("author", t("newcomer.person.author"), [p.name for p in state.participants],
                     idea.author if idea else "", aliases=("who",), keep=True),
    ]
    wid = state.id

    def check(v: dict[str, Any]) -> None:
        # The engine's own checks, before the form empties for the next idea.
        validate.idea_text(v["text"])
        touchpoint_links(v["touchpoints"], latest() if latest is not None else state)
        validate.theme(v["theme"])
        validate.name("author", v["author"], required=False)

    def save(v: dict[str, Any]) -> str:
        links = [r.upper() for r in refs(v["touchpoints"])]
        if idea is None:
            return engine.add_idea(wid, v["text"], touchpoints=links, theme=v["theme"], author=v["author"])
        edits = changed({"text": idea.text, "theme": idea.theme, "author": idea.author},
                        {"text": v["text"], "theme": v["theme"], "author": v["author"].strip()})
        if edits:
            engine.edit_idea(wid, idea.ref, **edits)
        added = [r for r in links if r not in idea.touchpoints]
        removed = [r for r in idea.touchpoints if r not in links]
        if added:
            engine.link_idea(wid, idea.ref, added)
        if removed:
            engine.link_idea(wid, idea.ref, removed, unlink=True)
        return idea.ref

    if idea is not None:
        return FormDialog(f"Edit idea {idea.ref}", fields, save, on_saved=on_saved, check=check)

    def words(ref: str, v: dict[str, Any]) -> str:
        links = " ".join(r.upper() for r in refs(v["touchpoints"]))
        return (f"Added {ref} {quoted(v['text'])}" + (f" → {links}" if links else "")
                + (f" in {quoted(v['theme'], 24)}" if v["theme"].strip() else "") + ". Type the next idea.")

    return FormDialog("Add ideas", fields, save, again=True, on_saved=on_saved, save_label="Add",
                      check=check, keep=t("newcomer.ideas.keep"),
                      keep_on=bool(touchpoints or theme), saved_words=words,
                      intro=intro or "Type an idea and press enter; the form stays open for the next.")


def participant_form(engine: Engine, state: WorkshopState, person: Participant | None = None) -> FormDialog:
    fields = [
        Field("name", "Name", value=person.name if person else None),
        Field("role", "Department or role", value=person.role if person else None),
        Field("facilitator", "Facilitator", kind="flag", value=person.facilitator if person else False),
    ]

    def save(v: dict[str, Any]) -> str:
        if person is None:
            return engine.add_participant(state.id, v["name"], role=v["role"], facilitator=v["facilitator"])
        edits = changed({"name": person.name, "role": person.role, "facilitator": person.facilitator}, v)
        return engine.edit_participant(state.id, person.ref, **edits) if edits else person.ref

    return FormDialog(f"Edit participant {person.ref}" if person else "Add a participant", fields, save)


def persona_form(engine: Engine, state: WorkshopState, persona: Persona | None = None) -> FormDialog:
    fields = [
        Field("name", "Name", value=persona.name if persona else None, placeholder="e.g. Travel småbarnsforelder"),
        Field("description", "Short description", kind="note", value=persona.description if persona else None),
    ]

    def save(v: dict[str, Any]) -> str:
        if persona is None:
            return engine.add_persona(state.id, v["name"], description=v["description"])
        edits = changed({"name": persona.name, "description": persona.description}, v)
        return engine.edit_persona(state.id, persona.ref, **edits) if edits else persona.ref

    return FormDialog(f"Edit persona {persona.ref}" if persona else "Add a persona", fields, save)


def stage_form(engine: Engine, state: WorkshopState, stage: Stage | None = None) -> FormDialog:
    fields = [
        Field("name", "Name", value=stage.name if stage else None),
        Field("position", "Position", kind="number", value=stage.position if stage else None,
              hint=f"1 to {len(state.stages) + (0 if stage else 1)}; empty for the end"),
    ]

    def save(v: dict[str, Any]) -> str:
        if stage is None:
            return engine.add_stage(state.id, v["name"], position=v["position"])
        edits = changed({"name": stage.name, "position": stage.position}, v)
        return engine.edit_stage(state.id, stage.ref, **edits) if edits else stage.ref

    return FormDialog(f"Edit stage {stage.ref}" if stage else "Add a stage", fields, save)


def criterion_form(engine: Engine, state: WorkshopState, criterion: Any | None = None) -> FormDialog:
    fields = [Field("text", "Design criterion", value=criterion.text if criterion else None,
                    placeholder="e.g. The customer always knows when the parcel arrives")]

    def save(v: dict[str, Any]) -> str:
        if criterion is None:
            return engine.add_criterion(state.id, v["text"])
        if v["text"] == criterion.text:
            return criterion.ref
        return engine.edit_criterion(state.id, criterion.ref, text=v["text"])

    return FormDialog(f"Edit design criterion {criterion.ref}" if criterion else "Add a design criterion",
                      fields, save)


def brief_form(engine: Engine, state: WorkshopState, focus: str | None = None) -> FormDialog:
    fields = [
        Field("title", "Title", value=state.title),
        Field("challenge", "Challenge", kind="note", value=state.challenge, hint="How might we …"),
        Field("scope", "Scope", kind="note", value=state.scope, hint="which journey, where it starts and ends"),
        Field("success_measures", "Success measures", kind="lines", value=state.success_measures,
              aliases=("success measure",), hint="one a line"),
        Field("constraints", "Constraints", kind="lines", value=state.constraints,
              aliases=("constraint",), hint="one a line"),
        Field("date", "Date", value=state.date, placeholder="YYYY-MM-DD"),
        Field("facilitator", "Facilitator", value=state.facilitator),
    ]

    def save(v: dict[str, Any]) -> int:
        current = {f.name: getattr(state, f.name) for f in fields}
        current["success_measures"] = list(state.success_measures)
        current["constraints"] = list(state.constraints)
        current["date"] = state.date or ""
        edits = changed(current, v)
        if edits:
            engine.edit_brief(state.id, **edits)
        return state.id

    return FormDialog("Edit the brief", fields, save, focus=focus)


def rules_form(engine: Engine, state: WorkshopState) -> FormDialog:
    fields = [
        Field("dots", "Dots per participant", kind="number", value=state.dots_per_participant),
        Field("cap", "Most dots on one idea", kind="number", value=state.cap_per_idea, hint="empty for no cap"),
        Field("blind", "Blind voting (tallies hidden until revealed)", kind="flag", value=state.blind),
        Field("silent", "Silent brainstorming (ideas hidden until revealed)", kind="flag", value=state.silent),
    ]

    def save(v: dict[str, Any]) -> int:
        current = {"dots": state.dots_per_participant, "cap": state.cap_per_idea,
                   "blind": state.blind, "silent": state.silent}
        edits = changed(current, v)
        if edits:
            engine.set_rules(state.id, **edits)
        return state.id

    return FormDialog("Voting rules", fields, save)
