"""Provides how commands print: one JSON object with `--json`, otherwise aligned text tables and
short confirmations; and the workshop state turned into plain data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import typer

from workshop.domain.model import WorkshopState
from workshop.domain.text import visible, writable


def emit(as_json: bool, data: dict[str, Any], text: str | Callable[[], str]) -> None:
    """Print `data` as one JSON object, or the human-readable `text` (made only when needed), in
    which a control character another program left in a stored text shows as its mark, so it can
    never act on the terminal (JSON escapes them itself)."""
    if as_json:
        typer.echo(writable(json.dumps(data, ensure_ascii=False, indent=2, default=_plain)))
    else:
        typer.echo(visible(text() if callable(text) else text))


def done(as_json: bool, ref: str | int, text: str | None = None, **extra: Any) -> None:
    """Confirm an action on an item: `{"id": ref, ...}` with --json, else `text` (or the id)."""
    emit(as_json, {"id": ref, **extra}, text if text is not None else str(ref))


def edited(as_json: bool, ref: str | int) -> None:
    """Confirm an edit: `edited T3`, or `{"id": "T3"}` with --json."""
    done(as_json, ref, f"edited {ref}")


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return data(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot show {type(value).__name__} as JSON")


def data(obj: Any) -> Any:
    """A dataclass (and what it holds) as dicts, lists and plain values; private fields left out."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: data(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if not f.name.startswith("_")}
    if isinstance(obj, (list, tuple)):
        return [data(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): data(v) for k, v in obj.items()}
    if isinstance(obj, enum.Enum):
        return obj.value
    return obj


def state_data(state: WorkshopState) -> dict[str, Any]:
    """The whole workshop as plain data; while voting is blind the dots stay hidden."""
    from workshop.domain import views

    result = data(state)
    visible = state.votes_visible
    for idea in result["ideas"]:
        idea["dots"] = state.dots_for(idea["ref"]) if visible else None
    if not visible:
        result["votes"] = None
    result["votes_hidden"] = not visible
    result["dots_spent"] = {p.ref: state.dots_spent(p.ref) for p in state.participants}
    weakest = views.weakest_link(state)
    result["weakest_link"] = weakest.stage.ref if weakest else None
    result["backlog"] = [
        {"rank": r.rank, "pilot": r.pilot.ref, "effect": r.effect, "cost": r.cost,
         "votes": r.votes if visible else None}
        for r in views.rank_pilots(state)
    ]
    return result


# text ------------------------------------------------------------------------------------------


def width(text: str) -> int:
    """How many terminal columns `text` takes (wide East Asian characters take two)."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def one_line(text: str, limit: int | None = None) -> str:
    """User text on one line, shortened with an ellipsis past `limit` columns."""
    line = " ".join(str(text).split())
    if limit is not None and width(line) > limit:
        while width(line) > limit - 1:
            line = line[:-1]
        line = line.rstrip() + "…"
    return line


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, indent: str = "") -> str:
    """Rows aligned under their headers, columns two spaces apart; the last column is not padded."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [pad(c, widths[i]) if i < len(row) - 1 else c for i, c in enumerate(row)]
        lines.append((indent + "  ".join(parts)).rstrip())
    return "\n".join(lines)


def local_time(iso: str | None) -> str:
    """A stored UTC time as local time, to the second."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def signed(feeling: int | None) -> str:
    """A feeling as −2 … +2 (a real minus sign), or a dash when not rated."""
    if feeling is None:
        return "·"
    return "0" if feeling == 0 else f"{feeling:+d}".replace("-", "−")
