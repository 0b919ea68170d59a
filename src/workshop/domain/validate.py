"""Provides the checks every value a user types goes through before anything is written."""

from __future__ import annotations

import datetime as dt
import re

from workshop.domain.errors import InvalidInput
from workshop.domain.text import FORBIDDEN, describe

MAX_NOTE = 2000
MAX_NAME = 200
MAX_INTEGER = 2**63 - 1
"""The largest whole number the database holds (SQLite's integers are 64-bit, signed)."""
MIN_INTEGER = -(2**63)


def note(field: str, value: str | None, *, required: bool = True, limit: int = MAX_NOTE) -> str:
    """A free-text note: one or more lines, stripped at the ends, at most `limit` characters."""
    if value is None:
        if required:
            raise InvalidInput(field, "is required")
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = FORBIDDEN.search(text)
    if bad:
        raise InvalidInput(field, f"contains a control character ({describe(bad.group())}); remove it")
    text = text.strip()
    if not text:
        if required:
            raise InvalidInput(field, "must not be empty or blank")
        return ""
    if len(text) > limit:
        raise InvalidInput(field, f"is {len(text)} characters long; the limit is {limit}")
    return text


def name(field: str, value: str | None, *, required: bool = True) -> str:
    """A one-line name (participant, persona, stage, theme, title)."""
    text = note(field, value, required=required, limit=MAX_NAME)
    if "\n" in text or "\t" in text:
        raise InvalidInput(field, "must be one line (no line breaks or tabs)")
    return text


_TOUCHPOINT_REFS = re.compile(r"^\s*[Tt]\d+(?:[\s,;]+[Tt]\d+)*\s*$")
"""Text that is nothing but touchpoint references: `T3`, `t3 t7`, `T3, T7`."""


def not_references(field: str, text: str, *, put: str = "in the touchpoints it improves") -> str:
    """Refuse text that is only touchpoint references (typed in the wrong field, they would become
    an idea called "T3" or a theme named "T3" instead of links)."""
    if text and _TOUCHPOINT_REFS.match(text):
        raise InvalidInput(field, f"{text.strip()!r} is a touchpoint reference, not a {field}; put it {put}")
    return text


def idea_text(value: str | None) -> str:
    """An idea's words: a note, never only touchpoint references."""
    return not_references("text", note("text", value), put="in the touchpoints it improves, and the idea here")


def theme(value: str | None, *, field: str = "theme") -> str:
    """A theme (a cluster of ideas): a one-line name, never a touchpoint reference."""
    return not_references(field, name(field, value, required=False))


def feeling(value: int | None) -> int | None:
    """A feeling on the five-step scale −2 … +2, or none yet."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not -2 <= value <= 2:
        raise InvalidInput("feeling", f"must be a whole number from -2 to 2, not {value!r}")
    return value


def score(field: str, value: int | None) -> int | None:
    """An effect or cost on the scale 1 … 5, or none yet."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidInput(field, f"must be a whole number from 1 to 5, not {value!r}")
    return value


def integer(field: str, value: int) -> int:
    """A whole number the database can hold (64-bit, signed)."""
    if not MIN_INTEGER <= value <= MAX_INTEGER:
        raise InvalidInput(field, f"{value} is too {'large' if value > 0 else 'small'}; whole numbers "
                                  f"go from {MIN_INTEGER} to {MAX_INTEGER}")
    return value


def count(field: str, value: int | None, *, minimum: int = 0) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(field, f"must be a whole number of at least {minimum}, not {value!r}")
    if value > MAX_INTEGER:
        raise InvalidInput(field, f"must be a whole number from {minimum} to {MAX_INTEGER}, not {value}")
    return value


def choice(field: str, value: str | None, options: tuple[str, ...], *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise InvalidInput(field, f"is required; one of: {', '.join(options)}")
        return None
    folded = value.strip().lower().replace("_", " ")
    for option in options:
        if folded == option or folded == option.replace(" ", "-"):
            return option
    raise InvalidInput(field, f"must be one of: {', '.join(options)} (not {value!r})")


def date(field: str, value: str | dt.date | None) -> str | None:
    """An ISO date (YYYY-MM-DD), stored as text."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidInput(field, f"must be a date as YYYY-MM-DD, not {value!r}") from None


def date_range(start: str | None, end: str | None) -> None:
    if start and end and end < start:
        raise InvalidInput("end", f"{end} is before the start {start}")


def lines(field: str, values: list[str] | None) -> list[str]:
    """A list of notes (pains, success measures, constraints); blank entries are refused."""
    return [note(f"{field}[{i + 1}]" if len(values or []) > 1 else field, v) for i, v in enumerate(values or [])]
