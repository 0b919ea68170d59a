"""Provides the words of the facilitator's interface in the room's language.

Every label, title, placeholder, message and help text of the TUI is looked up here by key, from
the catalogue files in `catalogues/<lang>/*.toml` (TOML tables become dotted keys: `[footer]` with
`undo = "Undo"` is `footer.undo`). English is the base: a key missing from another language shows
in English, and Swedish or Danish is a matter of adding `catalogues/sv/` or `catalogues/da/`.

A count is grammatical: an entry written as a table of plural forms
(`pilots = { one = "{n} pilot", other = "{n} pilots" }`) is chosen by `tn(key, n)` with the
language's plural rule.

The playbook's own words (phase titles, feelings, channels, assumption kinds, pilot statuses)
are not repeated here: `vocabulary()` gives them in the same language, from the playbook.

This module imports neither Textual nor the data layer (the playbook only when its words are
first asked for), so the CLI and tests may use it freely.
"""

from __future__ import annotations

import os
import string
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

BASE = "en"
_ALIASES = {"no": "nb", "nn": "nb"}

# The plural category of a count, per language (CLDR's cardinal rules for the integers): English
# and the Scandinavian languages have "one" for 1 and "other" for the rest.
_ONE_OTHER: Callable[[int], str] = lambda n: "one" if abs(n) == 1 else "other"  # noqa: E731
PLURAL_RULES: dict[str, Callable[[int], str]] = {"en": _ONE_OTHER, "nb": _ONE_OTHER,
                                                 "sv": _ONE_OTHER, "da": _ONE_OTHER}

Entry = str | dict[str, str]


def normalise(lang: str | None) -> str:
    """"nb_NO.UTF-8", "nb-NO" and "no" all name Norwegian bokmål, "nb"; nothing names English."""
    text = (lang or "").strip().lower().replace("_", "-")
    code = text.split(".")[0].split("@")[0].split("-")[0]
    return _ALIASES.get(code, code) or BASE


def languages() -> list[str]:
    """The languages the interface has a catalogue for (English first)."""
    folder = resources.files("workshop.tui") / "catalogues"
    found = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("_"))
    return sorted(found, key=lambda code: code != BASE)


def _flatten(table: Mapping[str, Any], prefix: str, into: dict[str, Entry], source: str) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, str):
            entry: Entry | None = value
        elif isinstance(value, Mapping) and value and all(isinstance(v, str) for v in value.values()) \
                and "other" in value:
            entry = {str(k): str(v) for k, v in value.items()}
        elif isinstance(value, Mapping):
            _flatten(value, f"{name}.", into, source)
            continue
        else:
            raise ValueError(f"{source}: {name} is neither text nor a table of plural forms")
        if name in into:
            raise ValueError(f"{source}: {name} is given twice")
        into[name] = entry


@cache
def catalogue(lang: str) -> dict[str, Entry]:
    """Every entry one language's files give (not filled from English)."""
    folder = resources.files("workshop.tui") / "catalogues" / lang
    entries: dict[str, Entry] = {}
    if not folder.is_dir():
        return entries
    for file in sorted((p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name):
        _flatten(tomllib.loads(file.read_text(encoding="utf-8")), "", entries, f"{lang}/{file.name}")
    return entries


class Words:
    """The interface's words in one language, English filling any gap."""

    def __init__(self, lang: str | None = None, vocabulary: Any = None) -> None:
        self.lang = normalise(lang)
        self._entries = {**catalogue(BASE), **catalogue(self.lang)}
        self._plural = PLURAL_RULES.get(self.lang, _ONE_OTHER)
        self._vocabulary = vocabulary

    @property
    def vocabulary(self) -> Any:
        """The playbook's words in this language (phase titles, feelings, channels, kinds and
        statuses): the open workshop's playbook's when the app gave it, else the bundled one's."""
        if self._vocabulary is None:
            self._vocabulary = bundled_vocabulary(self.lang)
        return self._vocabulary

    def described(self, text: str) -> str:
        """A key's description as the footer, `?` and the palette show it: a catalogue key, or
        the English words of a binding, looked up in `[binding]` the way gettext looks up its
        message ids (a description with no entry shows as written, and the catalogue test names
        it)."""
        if not text:
            return text
        if text in self._entries:
            return self.t(text)
        return self.t(f"binding.{text}") if f"binding.{text}" in self._entries else text

    def has(self, key: str) -> bool:
        return key in self._entries

    def t(self, key: str, /, **values: Any) -> str:
        """The text of `key`, its `{placeholders}` filled from `values`; an unknown key is shown
        as itself, so a gap is visible (and the catalogue test names it)."""
        entry = self._entries.get(key, key)
        if isinstance(entry, dict):
            entry = entry.get("other", key)
        return fill(entry, **values)

    def tn(self, key: str, n: int, /, **values: Any) -> str:
        """The text of a count: the plural form `n` takes in this language, `{n}` filled in."""
        entry = self._entries.get(key, key)
        if isinstance(entry, str):
            return fill(entry, n=n, **values)
        form = entry.get(self._plural(n)) or entry.get("other", key)
        return fill(form, n=n, **values)


def fill(pattern: str, **values: Any) -> str:
    """A pattern with its placeholders filled; a placeholder with no value stays as written."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:  # a stray brace in a translation: show it as written rather than fail
        return pattern
    names = {name for _text, name, _spec, _conv in parts if name}
    if not names:
        return pattern.replace("{{", "{").replace("}}", "}")
    return pattern.format(**{name: values.get(name, "{" + name + "}") for name in names})


@cache
def bundled_vocabulary(lang: str) -> Any:
    """The bundled playbook's vocabulary in `lang` (English filling its gaps)."""
    from workshop.playbook import Playbook

    return Playbook.resolve(None, lang).vocabulary


_current = Words(os.environ.get("WORKSHOP_LANG"))


def use(lang: str | None, vocabulary: Any = None) -> Words:
    """Switches the interface to `lang` (None: `WORKSHOP_LANG`, else English) and returns it;
    `vocabulary` is the open workshop's playbook's words (else the bundled playbook's)."""
    global _current
    _current = Words(lang if lang else os.environ.get("WORKSHOP_LANG"), vocabulary)
    return _current


def current() -> Words:
    return _current


def t(key: str, /, **values: Any) -> str:
    """The text of `key` in the interface's current language."""
    return _current.t(key, **values)


def tn(key: str, n: int, /, **values: Any) -> str:
    """A grammatical count in the interface's current language: `tn("count.pilots", 2)`."""
    return _current.tn(key, n, **values)


def refusal(err: Any, label: str | None = None) -> str:
    """An engine's refusal (English, `field: problem`) framed in the interface's language: the
    field named by `label` (a form's own label), else by its `[field]` entry; the problem itself
    stays as the engine said it."""
    field, message = getattr(err, "field", None), str(getattr(err, "message", err))
    if not field:  # a refusal that names its field only in its words: `rank: the backlog has …`
        head = message.split(": ", 1)[0]
        field = head if head.isascii() and head.replace(" ", "").isalpha() and head.islower() else None
    if not field or not message.startswith(f"{field}: "):
        return message
    name = label or (t(f"field.{field}") if _current.has(f"field.{field}") else field)
    return t("form.refused", field=name, problem=message[len(field) + 2:])


def vocabulary() -> Any:
    """The playbook's words in the interface's current language (a `Vocabulary`)."""
    return _current.vocabulary


def phase_title(phase: object) -> str:
    """A phase's title in the interface's current language, from the playbook's vocabulary."""
    return str(_current.vocabulary.phase(str(phase)))


__all__ = ["BASE", "PLURAL_RULES", "Words", "bundled_vocabulary", "catalogue", "current", "fill", "languages",
           "normalise", "phase_title", "refusal", "t", "tn", "use", "vocabulary"]
