"""Provides the sizes an archive may have and the first pass over every value of one read back:
how deep it nests, how many items each list holds, how long each text is, that every text is valid
Unicode and every number fits a database column. Text holding control characters or terminal
escape sequences (which an older version may have stored) is cleaned as pasted text is.

The limits are far above what a real workshop reaches (the benchmarks' largest synthetic workshop,
2,000 touchpoints, 10,000 ideas, 50,000 votes and 70,000 events, makes a 48 MiB archive of about
3.5 million values) and are documented in `docs/cli.md` and `docs/archive.md`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from workshop.domain.errors import InvalidInput
from workshop.domain.text import FORBIDDEN, clean_paste, describe
from workshop.files import MiB

MAX_BYTES = 64 * MiB
"""The largest archive file read."""

MAX_VALUES = 8_000_000
"""The most values (texts, numbers, lists, objects) an archive may hold; counted before it is
parsed, from its commas, colons and brackets, so a file that would fill memory is refused unread."""

MAX_DEPTH = 16
"""How deep an archive may nest (an archive nests 9 deep: an event's change's timers)."""

MAX_ROWS = 500_000
"""The most rows in one list of an archive (touchpoints, votes …), events in its log and changes
in one event."""

MAX_ITEMS = 1_000
"""The most items in a list inside a row (a touchpoint's pains, the success measures, the
constraints, the assumptions a pilot tests)."""

MAX_TEXT = 100_000
"""The longest text of an archive, in characters (each field has its own, shorter limit)."""

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
"""What an SQLite integer column holds."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def count_values(text: str) -> None:
    """Refuse archive text that holds more than `MAX_VALUES` values, before it is parsed."""
    found = 1 + sum(text.count(mark) for mark in "[{,:")
    if found > MAX_VALUES:
        raise InvalidInput("archive", f"holds more than {MAX_VALUES:,} values (about {found:,}); "
                                      f"an archive may hold at most {MAX_VALUES:,}")


def _label(path: list[str | int]) -> str:
    """A value's path as the archive's messages write it: `events[3].changes[1].after.text`."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Walk:
    """One pass over an archive's values, in the order they are written. The path of a value is
    kept as a list of keys and indexes and made into words only for a message."""

    def __init__(self) -> None:
        self.cleaned: list[str] = []
        self.path: list[str | int] = []

    def _refuse(self, at: str | int, problem: str) -> None:
        raise InvalidInput(_label([*self.path, at]), problem)

    def _text(self, at: str | int, value: str) -> str:
        if len(value) > MAX_TEXT:
            self._refuse(at, f"is {len(value):,} characters long; a text of an archive has at most {MAX_TEXT:,}")
        surrogate = _SURROGATE.search(value)
        if surrogate:
            self._refuse(at, f"is not valid Unicode: it holds a lone surrogate ({describe(surrogate.group())})")
        self.cleaned.append(_label([*self.path, at]))
        return clean_paste(value, one_line=False)[0]

    def _scalar(self, at: str | int, value: Any) -> None:
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, int):
            if not _INT_MIN <= value <= _INT_MAX:
                self._refuse(at, f"is a number beyond what workshop stores ({len(str(abs(value)))} digits)")
        elif isinstance(value, float):
            if not math.isfinite(value):
                self._refuse(at, f"must be a finite number, not {value!r}")
        elif isinstance(value, str):
            pass
        else:
            self._refuse(at, f"must be plain JSON, not {type(value).__name__}")

    def container(self, node: dict[str, Any] | list[Any], depth: int) -> None:
        """Check the values of one object or list (at `depth`), cleaning its texts in place."""
        if isinstance(node, list):
            # The lists of the archive (rows, events) and an event's changes may be long; a list
            # inside a row is a field's (pains, tests …).
            limit = MAX_ROWS if depth == 1 or self.path[-1:] == ["changes"] else MAX_ITEMS
            if len(node) > limit:
                raise InvalidInput(_label(self.path), f"holds {len(node):,} items; at most {limit:,} may be there")
            items: Any = enumerate(node)
        else:
            items = node.items()
        for at, item in items:
            kind = type(item)
            if kind is str:
                if len(item) > MAX_TEXT or _SEARCH(item):
                    node[at] = self._text(at, item)
            elif kind is dict or kind is list:
                if depth + 1 >= MAX_DEPTH:
                    self._refuse(at, f"nests deeper than {MAX_DEPTH} levels")
                self.path.append(at)
                self.container(item, depth + 1)
                self.path.pop()
            elif kind is not int and kind is not bool and item is not None or kind is int and not (
                    _INT_MIN <= item <= _INT_MAX):
                self._scalar(at, item)


_SEARCH = FORBIDDEN.search


def bound(data: dict[str, Any]) -> list[str]:
    """Check every value of an archive (as parsed) against the limits; refuse naming the first
    value that is too deep, too long, too large or not valid Unicode. Text with control characters
    or escape sequences is cleaned in place, with the rules of pasted text; returns the paths of
    the texts cleaned (lists count from 1, as every message of the archive's check does)."""
    walk = _Walk()
    walk.container(data, 0)
    return walk.cleaned


__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_ITEMS", "MAX_ROWS", "MAX_TEXT", "MAX_VALUES", "bound", "count_values"]
