"""Provides the words of the playbook: section names, phase titles, the feeling scale, channels,
assumption kinds, pilot statuses and the notes the tool shows, one `vocabulary.md` per language."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from workshop.domain.values import ASSUMPTION_KINDS, CHANNELS, FEELINGS, PILOT_DECISIONS, PILOT_STATUSES, Phase
from workshop.playbook.markdown import Document

SECTION_KEYS = ("goal", "steps", "questions", "good_output", "traps")
"""The sections every phase guide has; each language names them in its vocabulary."""

NOTE_FIELDS = {
    "fallback": {"language", "lang"},
    "playbook_gone": {"path"},
    "playbook_changed": {"path"},
}
"""The notes the tool shows, and the placeholders each may use."""

# What each block may hold: the ids are the tool's, the words are the playbook's.
BLOCKS: dict[str, tuple[Any, ...]] = {
    "sections": SECTION_KEYS,
    "phases": tuple(p.value for p in Phase),
    "feelings": tuple(FEELINGS),
    "channels": CHANNELS,
    "assumption_kinds": ASSUMPTION_KINDS,
    "pilot_statuses": PILOT_STATUSES,
    "pilot_decisions": PILOT_DECISIONS,
    "notes": tuple(NOTE_FIELDS),
}
WITH_HINTS = ("feelings", "assumption_kinds")


@dataclass(frozen=True)
class Word:
    """A word shown to the room, with an optional hint that explains it."""

    word: str
    hint: str = ""

    def __str__(self) -> str:
        return self.word


@dataclass(frozen=True)
class Vocabulary:
    """The words of one language, with English filling any gap."""

    lang: str
    language: str
    sections: dict[str, str] = field(default_factory=dict)
    phases: dict[str, str] = field(default_factory=dict)
    feelings: dict[int, Word] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    assumption_kinds: dict[str, Word] = field(default_factory=dict)
    pilot_statuses: dict[str, str] = field(default_factory=dict)
    pilot_decisions: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def feeling(self, value: int | None) -> str:
        """The word for a feeling on the −2…+2 scale."""
        if value is None:
            return ""
        found = self.feelings.get(value)
        return found.word if found else FEELINGS.get(value, str(value))

    def channel(self, channel: str | None) -> str:
        """The room's word for a channel id."""
        if not channel:
            return ""
        return self.channels.get(channel, channel)

    def phase(self, phase: str) -> str:
        """The title of a phase in this language."""
        return self.phases.get(str(phase), str(phase))

    def note(self, key: str, **values: str) -> str:
        """One of the notes the tool shows, with its placeholders filled."""
        return self.notes.get(key, key).format_map(_Blank(values))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _as_word(value: Any) -> Word:
    if isinstance(value, dict):
        return Word(str(value.get("word", "")), str(value.get("hint", "") or ""))
    return Word(str(value))


def merge(lang: str, metas: list[dict[str, Any]]) -> Vocabulary:
    """One vocabulary from front matters, later ones overriding earlier ones key by key."""
    blocks: dict[str, dict[Any, Any]] = {name: {} for name in BLOCKS}
    language = lang
    for meta in metas:
        if meta.get("lang") == lang and meta.get("language"):
            language = str(meta["language"])
        for name in BLOCKS:
            value = meta.get(name)
            if isinstance(value, dict):
                blocks[name].update(value)
    words = {name: {k: _as_word(v) for k, v in blocks[name].items()} for name in WITH_HINTS}
    feelings = {}
    for key, word in words["feelings"].items():
        try:
            feelings[int(key)] = word
        except (TypeError, ValueError):
            continue
    plain = {name: {str(k): str(v) for k, v in blocks[name].items()} for name in BLOCKS if name not in WITH_HINTS}
    return Vocabulary(lang=lang, language=language, feelings=feelings,
                      assumption_kinds=words["assumption_kinds"], **plain)


def placeholders(pattern: str) -> list[str]:
    """The `{names}` used in a pattern; raises ValueError for unbalanced braces."""
    return [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]


def problems(doc: Document, lang: str, *, complete: bool) -> list[tuple[int, str]]:
    """What is wrong in a vocabulary file; `complete` asks for every word (the English one)."""
    found: list[tuple[int, str]] = []
    meta = doc.meta
    if meta.get("lang") != lang:
        found.append((doc.line_of("lang"), f"lang must be {lang!r}, the name of its folder (not {meta.get('lang')!r})"))
    if not isinstance(meta.get("language"), str) or not meta["language"].strip():
        found.append((doc.line_of("language"), "language: give the language's own name, e.g. 'Norsk (bokmål)'"))
    for name, ids in BLOCKS.items():
        value = meta.get(name)
        required = complete or name == "sections"
        if value is None:
            if required:
                found.append((1, f"missing {name!r}: it must name {', '.join(str(i) for i in ids)}"))
            continue
        if not isinstance(value, dict):
            found.append((doc.line_of(name), f"{name} must be a set of 'id: word' lines"))
            continue
        for key, word in value.items():
            line = doc.line_of(name, str(key))
            if key not in ids:
                found.append((line, f"{name}: unknown id {key!r} (known: {', '.join(str(i) for i in ids)})"))
                continue
            text = word.get("word") if isinstance(word, dict) and name in WITH_HINTS else word
            if not isinstance(text, str) or not text.strip():
                found.append((line, f"{name}: {key!r} needs a word"))
            elif name == "notes":
                found.extend(_note_problems(line, key, text))
        missing = [str(i) for i in ids if i not in value]
        if missing and required:
            found.append((doc.line_of(name), f"{name}: missing {', '.join(missing)}"))
    return found


def _note_problems(line: int, key: str, text: str) -> list[tuple[int, str]]:
    try:
        used = placeholders(text)
    except ValueError as error:
        return [(line, f"notes: {key!r} has a broken placeholder ({error})")]
    unknown = sorted(set(used) - NOTE_FIELDS[key])
    if unknown:
        allowed = ", ".join("{" + f + "}" for f in sorted(NOTE_FIELDS[key]))
        return [(line, f"notes: {key!r} uses unknown placeholder {{{unknown[0]}}} (allowed: {allowed})")]
    return []
