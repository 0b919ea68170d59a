"""Provides how-might-we prompts suggested from a workshop's pains, moments of truth and weakest
link, worded by the patterns in the playbook's `prompts.md`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workshop.domain.model import Touchpoint, WorkshopState
from workshop.domain.views import weakest_link
from workshop.playbook.markdown import Document
from workshop.playbook.vocabulary import Vocabulary, placeholders

FIELDS: dict[str, set[str]] = {
    "pain": {"pain", "touchpoint", "stage", "persona", "channel", "feeling"},
    "moment_of_truth": {"touchpoint", "stage", "persona", "channel", "feeling"},
    "weakest_link": {"stage"},
}
"""The pattern lists of `prompts.md` and the placeholders each may use."""
REQUIRED = ("pain", "moment_of_truth")


@dataclass(frozen=True)
class Prompt:
    """A suggested how-might-we question and where it came from."""

    text: str
    kind: str
    """pain, moment-of-truth or weakest-link."""
    stage: str
    """The stage reference (S1…)."""
    touchpoint: str | None = None
    """The touchpoint reference (T1…), None for the weakest link."""


def problems(doc: Document, lang: str) -> list[tuple[int, str]]:
    """What is wrong in a prompts file."""
    found: list[tuple[int, str]] = []
    meta = doc.meta
    if meta.get("lang") != lang:
        found.append((doc.line_of("lang"), f"lang must be {lang!r}, the name of its folder (not {meta.get('lang')!r})"))
    customer = meta.get("customer")
    if not isinstance(customer, str) or not customer.strip():
        found.append((doc.line_of("customer"), "customer: the words that stand in for {persona} when a touchpoint has none"))
    for kind, allowed in FIELDS.items():
        patterns = meta.get(kind)
        if patterns is None:
            if kind in REQUIRED:
                found.append((1, f"missing {kind!r}: a list of how-might-we patterns"))
            continue
        if not isinstance(patterns, list) or not patterns:
            found.append((doc.line_of(kind), f"{kind} must be a list of patterns (one '- …' line each)"))
            continue
        for index, pattern in enumerate(patterns):
            found.extend(_pattern_problems(doc.line_of(kind, index), kind, pattern, allowed))
    return found


def _pattern_problems(line: int, kind: str, pattern: Any, allowed: set[str]) -> list[tuple[int, str]]:
    if not isinstance(pattern, str) or not pattern.strip():
        return [(line, f"{kind}: a pattern must be text")]
    try:
        used = placeholders(pattern)
    except ValueError as error:
        return [(line, f"{kind}: broken placeholder in {pattern!r} ({error}); write braces as {{name}}")]
    unknown = [name for name in used if name not in allowed]
    if unknown:
        names = ", ".join("{" + a + "}" for a in sorted(allowed))
        return [(line, f"{kind}: unknown placeholder {{{unknown[0]}}} (this list may use {names})")]
    return []


class _Picker:
    """Turns through each list of patterns, so neighbouring prompts are not worded alike."""

    def __init__(self, meta: dict[str, Any]) -> None:
        self.patterns = {kind: [p for p in meta.get(kind) or [] if isinstance(p, str)] for kind in FIELDS}
        self.turn = {kind: 0 for kind in FIELDS}

    def word(self, kind: str, values: dict[str, str]) -> str | None:
        patterns = self.patterns[kind]
        for step in range(len(patterns)):
            pattern = patterns[(self.turn[kind] + step) % len(patterns)]
            try:
                if all(values.get(name) for name in placeholders(pattern)):
                    self.turn[kind] += step + 1
                    return pattern.format_map(values)
            except (ValueError, KeyError, IndexError):
                continue
        return None


def suggest(state: WorkshopState, meta: dict[str, Any], vocabulary: Vocabulary) -> list[Prompt]:
    """Prompts for the weakest link first, then for the lowest-felt touchpoints: one per moment of
    truth and one per pain, in the playbook's words."""
    picker = _Picker(meta)
    customer = str(meta.get("customer") or "")
    made: list[Prompt] = []
    seen: set[str] = set()

    def add(text: str | None, kind: str, stage: str, touchpoint: str | None = None) -> None:
        if text and text not in seen:
            seen.add(text)
            made.append(Prompt(text=text, kind=kind, stage=stage, touchpoint=touchpoint))

    weakest = weakest_link(state)
    if weakest is not None:
        add(picker.word("weakest_link", {"stage": weakest.stage.name}), "weakest-link", weakest.stage.ref)
    journey = state.journey()
    order = {tp.ref: i for i, tp in enumerate(journey)}

    def urgency(tp: Touchpoint) -> tuple[int, bool, int]:
        return (tp.feeling if tp.feeling is not None else 0, not tp.moment_of_truth, order[tp.ref])

    for tp in sorted((t for t in journey if t.pains or t.moment_of_truth), key=urgency):
        persona = state.persona(tp.persona) if tp.persona else None
        values = {
            "touchpoint": tp.text.strip(),
            "stage": state.stage(tp.stage).name,
            "persona": persona.name if persona else customer,
            "channel": vocabulary.channel(tp.channel),
            "feeling": vocabulary.feeling(tp.feeling),
        }
        if tp.moment_of_truth:
            add(picker.word("moment_of_truth", values), "moment-of-truth", tp.stage, tp.ref)
        for pain in tp.pains:
            add(picker.word("pain", values | {"pain": pain.strip()}), "pain", tp.stage, tp.ref)
    return made
