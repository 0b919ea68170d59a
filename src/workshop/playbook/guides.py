"""Provides the phase guides: what the facilitator reads beside the board, with the phase's
timebox and its activities in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.domain.values import Phase
from workshop.playbook.markdown import Document

PHASES = tuple(p.value for p in Phase)


def phase_id(text: str) -> str | None:
    """The phase id for what a user typed ("What If", "what_if", "what-if"), or None."""
    key = " ".join(str(text).split()).lower().replace(" ", "-").replace("_", "-")
    if key in PHASES:
        return key
    titles = {p.title.lower().replace(" ", "-"): p.value for p in Phase}
    return titles.get(key)


@dataclass(frozen=True)
class Activity:
    """One activity of a phase, with its own timebox."""

    name: str
    minutes: int


@dataclass(frozen=True)
class Guide:
    """The guide for one phase, in the language it was found in."""

    phase: str
    title: str
    timebox: int
    """Minutes for the whole phase (the sum of the activities)."""
    activities: tuple[Activity, ...]
    body: str
    """The Markdown under the front matter, as the facilitator wrote it."""
    sections: dict[str, str]
    """The required sections by key (goal, steps, questions, good_output, traps), as Markdown."""
    lang: str
    """The language the guide is written in."""
    requested: str
    """The language that was asked for."""
    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    """A visible note when the guide is not in the language asked for, or not from the playbook asked for."""

    @property
    def fallback(self) -> bool:
        """True when the guide is shown in another language than the one asked for."""
        return self.lang != self.requested


def _minutes(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def problems(doc: Document, file_phase: str, section_names: dict[str, str]) -> list[tuple[int, str]]:
    """What is wrong in a phase guide whose file is named `file_phase`."""
    found: list[tuple[int, str]] = []
    meta = doc.meta
    phase = meta.get("phase")
    if phase is None:
        found.append((1, f"missing 'phase' in the front matter (one of: {', '.join(PHASES)})"))
    elif phase not in PHASES:
        found.append((doc.line_of("phase"), f"unknown phase {phase!r} (phases: {', '.join(PHASES)})"))
    elif phase != file_phase:
        found.append((doc.line_of("phase"), f"phase {phase!r} does not match the file name {file_phase}.md"))
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        found.append((doc.line_of("title"), "title: give the guide a title (text)"))
    timebox = _minutes(meta.get("timebox"))
    if "timebox" not in meta:
        found.append((1, "missing 'timebox': the minutes for the whole phase"))
    elif timebox is None:
        found.append((doc.line_of("timebox"), f"timebox must be a whole number of minutes (not {meta['timebox']!r})"))
    elif timebox <= 0:
        found.append((doc.line_of("timebox"), f"timebox must be a positive number of minutes (not {timebox})"))
        timebox = None
    found.extend(_activity_problems(doc, timebox))
    found.extend(_section_problems(doc, section_names))
    return found


def _activity_problems(doc: Document, timebox: int | None) -> list[tuple[int, str]]:
    activities = doc.meta.get("activities")
    if activities is None:
        return [(1, "missing 'activities': list them in order, each with a name and minutes")]
    if not isinstance(activities, list) or not activities:
        return [(doc.line_of("activities"), "activities must be a list of '- name: …' items with minutes")]
    found: list[tuple[int, str]] = []
    total = 0
    for index, item in enumerate(activities):
        line = doc.line_of("activities", index)
        if not isinstance(item, dict):
            found.append((line, f"activity {index + 1} must have a name and minutes"))
            total = -1
            continue
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            found.append((doc.line_of("activities", index, "name"), f"activity {index + 1} needs a name"))
        minutes = _minutes(item.get("minutes"))
        if minutes is None or minutes <= 0:
            found.append((doc.line_of("activities", index, "minutes"),
                          f"activity {index + 1} needs a positive whole number of minutes (not {item.get('minutes')!r})"))
            total = -1
        elif total >= 0:
            total += minutes
    if timebox is not None and total >= 0 and total != timebox:
        found.append((doc.line_of("timebox"),
                      f"the activities add up to {total} minutes, but the timebox is {timebox}"))
    return found


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _section_problems(doc: Document, section_names: dict[str, str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    present: dict[str, list[tuple[int, str]]] = {}
    for heading, text in doc.sections(2):
        present.setdefault(_fold(heading.text), []).append((heading.line, text))
    wanted = ", ".join(section_names[k] for k in section_names)
    for key, name in section_names.items():
        hits = present.get(_fold(name))
        if not hits:
            found.append((doc.body_line, f"missing section '## {name}' (every guide needs: {wanted})"))
            continue
        if len(hits) > 1:
            found.append((hits[1][0], f"section '## {name}' appears twice"))
        if not hits[0][1].strip():
            found.append((hits[0][0], f"section '## {name}' is empty"))
    return found


def build(doc: Document, path: Path, section_names: dict[str, str], *, lang: str, requested: str,
          note: str = "") -> Guide:
    """A `Guide` from a file that has passed `problems`."""
    sections: dict[str, str] = {}
    by_name = {_fold(h.text): text for h, text in doc.sections(2)}
    for key, name in section_names.items():
        sections[key] = by_name.get(_fold(name), "")
    meta = doc.meta
    activities = tuple(Activity(str(a["name"]), int(a["minutes"])) for a in meta.get("activities") or [])
    return Guide(phase=str(meta["phase"]), title=str(meta["title"]), timebox=int(meta["timebox"]),
                 activities=activities, body=doc.body, sections=sections, lang=lang, requested=requested,
                 path=path, meta=dict(meta), note=note)
