"""Provides the forms for each kind of item (touchpoint, idea, participant, persona, stage,
design criterion, brief, voting rules): which fields they show and which engine action saves them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from workshop.domain import validate
from workshop.domain.errors import NotFound
from workshop.domain.model import Idea, Participant, Persona, Stage, Touchpoint, WorkshopState
from workshop.domain.values import CHANNELS, FEELINGS
from workshop.engine.reading import reference
from workshop.tui.dialogs.form import Field, FormDialog, person_field
from workshop.tui.widgets.board import FACES
from workshop.tui.words import t, vocabulary

if TYPE_CHECKING:
    from workshop.engine import Engine

def feeling_choices() -> list[tuple[str, int]]:
    """The feeling scale to choose from: face, number and the room's word for it."""
    words = vocabulary()
    return [(f"{FACES[k]}  {k:+d} {words.feeling(k)}".replace("+0", " 0"), k) for k in sorted(FEELINGS)]


def channel_choices() -> list[tuple[str, str]]:
    """The channels to choose from, in the room's words."""
    words = vocabulary()
    return [(words.channel(c), c) for c in CHANNELS]


def refs(text: str | None) -> list[str]:
    """Item references typed as 'T3, T7' or 't3 t7'."""
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


def touchpoint_links(text: str | None, state: WorkshopState) -> list[str]:
    """The touchpoint references typed in a Touchpoints field, each checked against the
    workshop (refused with the field named: `T3Beta` or `T99` never becomes a link or a theme)."""
    links = []
    for part in refs(text):
        ref = reference(part, "T", "touchpoint")
        if state.touchpoint(ref) is None:
            raise NotFound(t("items.no_touchpoint", ref=ref), "touchpoint")
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
        Field("text", t("items.tp_text"), value=tp.text if tp else None,
              placeholder=t("items.tp_text_example")),
        Field("feeling", t("items.feeling"), kind="choice", choices=feeling_choices(),
              value=tp.feeling if tp else None, placeholder=t("items.not_rated")),
        Field("pains", t("items.pains"), kind="lines", value=tp.pains if tp else (), aliases=("pain",),
              hint=t("items.one_a_line")),
        Field("channel", t("items.channel"), kind="choice", choices=channel_choices(),
              value=tp.channel if tp else None, keep=True),
        Field("moment_of_truth", t("items.moment"), kind="flag", value=tp.moment_of_truth if tp else False),
        Field("persona", t("items.persona"), kind="choice", choices=personas, value=tp.persona if tp else None,
              keep=True),
        Field("evidence", t("items.evidence"), value=tp.evidence if tp else None,
              placeholder=t("items.evidence_example")),
        Field("evidence_count", t("items.evidence_count"), kind="number",
              value=tp.evidence_count if tp else None, aliases=("count",), hint=t("items.number_optional")),
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
        return FormDialog(t("items.edit_touchpoint", ref=tp.ref), fields, save, on_saved=on_saved, enter_saves=False,
                          check=check, focus="text", intro=t("items.edit_intro"))
    where = next((name for name, ref in stages if ref == stage), "")
    return FormDialog(t("items.add_touchpoints_to", stage=where) if where else t("items.add_touchpoints"), fields,
                      save, again=True, on_saved=on_saved, enter_saves=False, check=check,
                      save_label=t("items.add"), focus="text", keep=t("items.keep_channel"),
                      saved_words=lambda ref, v: t("items.added_touchpoint", ref=ref, text=quoted(v["text"])),
                      intro=t("items.add_touchpoints_intro"))


def idea_form(engine: Engine, state: WorkshopState, idea: Idea | None = None, *,
              touchpoints: list[str] | None = None, theme: str = "", intro: str = "",
              on_saved: Callable[[Any], None] | None = None,
              latest: Callable[[], WorkshopState] | None = None) -> FormDialog:
    """Add ideas one after another (the form stays open), or edit one idea. `latest` gives the
    workshop as it is now (touchpoints typed are checked against it)."""
    fields = [
        Field("text", t("items.idea"), value=idea.text if idea else None, placeholder=t("items.idea_placeholder")),
        Field("touchpoints", t("items.idea_touchpoints"), keep=True,
              value=" ".join(idea.touchpoints if idea else touchpoints or []),
              aliases=("touchpoint",), placeholder=t("items.refs_example"), hint=t("items.refs_optional")),
        Field("theme", t("items.theme"), value=idea.theme if idea else theme, keep=True,
              placeholder=t("items.optional")),
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
        return FormDialog(t("items.edit_idea", ref=idea.ref), fields, save, on_saved=on_saved, check=check)

    def words(ref: str, v: dict[str, Any]) -> str:
        links = " ".join(r.upper() for r in refs(v["touchpoints"]))
        return (t("items.added", ref=ref, text=quoted(v["text"])) + (f" → {links}" if links else "")
                + (" " + t("items.in_theme", theme=quoted(v["theme"], 24)) if v["theme"].strip() else "")
                + ". " + t("items.type_next_idea"))

    return FormDialog(t("items.add_ideas"), fields, save, again=True, on_saved=on_saved, save_label=t("items.add"),
                      check=check, keep=t("newcomer.ideas.keep"),
                      keep_on=bool(touchpoints or theme), saved_words=words,
                      intro=intro or t("items.add_ideas_intro"))


def participant_form(engine: Engine, state: WorkshopState, person: Participant | None = None) -> FormDialog:
    fields = [
        Field("name", t("items.name"), value=person.name if person else None),
        Field("role", t("items.role"), value=person.role if person else None),
        Field("facilitator", t("items.facilitator"), kind="flag", value=person.facilitator if person else False),
    ]

    def save(v: dict[str, Any]) -> str:
        if person is None:
            return engine.add_participant(state.id, v["name"], role=v["role"], facilitator=v["facilitator"])
        edits = changed({"name": person.name, "role": person.role, "facilitator": person.facilitator}, v)
        return engine.edit_participant(state.id, person.ref, **edits) if edits else person.ref

    return FormDialog(t("items.edit_participant", ref=person.ref) if person else t("items.add_participant"),
                      fields, save)


def persona_form(engine: Engine, state: WorkshopState, persona: Persona | None = None) -> FormDialog:
    fields = [
        Field("name", t("items.name"), value=persona.name if persona else None,
              placeholder=t("items.persona_example")),
        Field("description", t("items.description"), kind="note", value=persona.description if persona else None),
    ]

    def save(v: dict[str, Any]) -> str:
        if persona is None:
            return engine.add_persona(state.id, v["name"], description=v["description"])
        edits = changed({"name": persona.name, "description": persona.description}, v)
        return engine.edit_persona(state.id, persona.ref, **edits) if edits else persona.ref

    return FormDialog(t("items.edit_persona", ref=persona.ref) if persona else t("items.add_persona"), fields, save)


def stage_form(engine: Engine, state: WorkshopState, stage: Stage | None = None) -> FormDialog:
    fields = [
        Field("name", t("items.name"), value=stage.name if stage else None),
        Field("position", t("items.position"), kind="number", value=stage.position if stage else None,
              hint=t("items.position_hint", most=len(state.stages) + (0 if stage else 1))),
    ]

    def save(v: dict[str, Any]) -> str:
        if stage is None:
            return engine.add_stage(state.id, v["name"], position=v["position"])
        edits = changed({"name": stage.name, "position": stage.position}, v)
        return engine.edit_stage(state.id, stage.ref, **edits) if edits else stage.ref

    return FormDialog(t("items.edit_stage", ref=stage.ref) if stage else t("items.add_stage"), fields, save)


def criterion_form(engine: Engine, state: WorkshopState, criterion: Any | None = None) -> FormDialog:
    fields = [Field("text", t("items.criterion"), value=criterion.text if criterion else None,
                    placeholder=t("items.criterion_example"))]

    def save(v: dict[str, Any]) -> str:
        if criterion is None:
            return engine.add_criterion(state.id, v["text"])
        if v["text"] == criterion.text:
            return criterion.ref
        return engine.edit_criterion(state.id, criterion.ref, text=v["text"])

    return FormDialog(t("items.edit_criterion", ref=criterion.ref) if criterion else t("items.add_criterion"),
                      fields, save)


def brief_form(engine: Engine, state: WorkshopState, focus: str | None = None) -> FormDialog:
    fields = [
        Field("title", t("brief.title"), value=state.title),
        Field("challenge", t("brief.challenge"), kind="note", value=state.challenge, hint=t("picker.challenge_example")),
        Field("scope", t("brief.scope"), kind="note", value=state.scope, hint=t("items.scope_hint")),
        Field("success_measures", t("brief.success"), kind="lines", value=state.success_measures,
              aliases=("success measure",), hint=t("items.one_a_line")),
        Field("constraints", t("brief.constraints"), kind="lines", value=state.constraints,
              aliases=("constraint",), hint=t("items.one_a_line")),
        Field("date", t("brief.date"), value=state.date, placeholder=t("items.date_format")),
        Field("facilitator", t("brief.facilitator"), value=state.facilitator),
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

    return FormDialog(t("items.edit_brief"), fields, save, focus=focus)


def rules_form(engine: Engine, state: WorkshopState) -> FormDialog:
    fields = [
        Field("dots", t("items.dots"), kind="number", value=state.dots_per_participant),
        Field("cap", t("items.cap"), kind="number", value=state.cap_per_idea, hint=t("items.cap_hint")),
        Field("blind", t("items.blind"), kind="flag", value=state.blind),
        Field("silent", t("items.silent"), kind="flag", value=state.silent),
    ]

    def save(v: dict[str, Any]) -> int:
        current = {"dots": state.dots_per_participant, "cap": state.cap_per_idea,
                   "blind": state.blind, "silent": state.silent}
        edits = changed(current, v)
        if edits:
            engine.set_rules(state.id, **edits)
        return state.id

    return FormDialog(t("items.rules"), fields, save)
