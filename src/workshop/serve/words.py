"""Provides the words of the participants' pages in the workshop's language: the page strings
from the catalogue files in `catalogues/` (one TOML file per language; Swedish or Danish is added
by adding `sv.toml` or `da.toml`), and the room's words (phases, feelings, channels) from the
workshop's playbook, English filling any gap."""

from __future__ import annotations

import string
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from workshop.domain.errors import WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.values import CHANNELS, FEELINGS, PILOT_STATUSES, Phase

BASE = "en"


def languages() -> list[str]:
    """The languages that have a catalogue file."""
    folder = resources.files("workshop.serve") / "catalogues"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


@cache
def _catalogue(lang: str) -> dict[str, str]:
    file = resources.files("workshop.serve") / "catalogues" / f"{lang}.toml"
    if not file.is_file():
        return {}
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def strings(lang: str) -> dict[str, str]:
    """The page strings of `lang` (its main part: `nb-NO` is `nb`), English filling any gap."""
    code = (lang or BASE).strip().lower().replace("_", "-").split("-")[0]
    return {**_catalogue(BASE), **_catalogue(code)}


def fill(pattern: str, **values: Any) -> str:
    """A page string with its placeholders filled; a placeholder with no value stays as written."""
    names = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name}
    return pattern.format(**{name: values.get(name, "{" + name + "}") for name in names})


@cache
def _room_words(lang: str, playbook: str) -> dict[str, Any]:
    from workshop.playbook import Playbook

    try:
        vocabulary = Playbook.for_workshop(WorkshopState(id=0, uid="", slug="", title="", lang=lang,
                                                         playbook=playbook)).vocabulary
    except (WorkshopError, OSError):  # a broken playbook must not take the pages down: English words
        return {"phases": {p.value: p.title for p in Phase}, "feelings": dict(FEELINGS),
                "channels": {c: c for c in CHANNELS}, "statuses": {s: s for s in PILOT_STATUSES}}
    return {"phases": {p.value: vocabulary.phase(p.value) for p in Phase},
            "feelings": {n: vocabulary.feeling(n) for n in FEELINGS},
            "channels": {c: vocabulary.channel(c) for c in CHANNELS},
            "statuses": {s: vocabulary.pilot_statuses.get(s, s) for s in PILOT_STATUSES}}


def room_words(state: WorkshopState) -> dict[str, Any]:
    """The room's words for a workshop: phase titles, feeling words (−2 … 2), channel names and
    pilot statuses, from the playbook and language it is run with."""
    return _room_words(state.lang or BASE, state.playbook or "")


__all__ = ["BASE", "fill", "languages", "room_words", "strings"]
