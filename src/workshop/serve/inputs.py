"""Provides reading what a request sends: a JSON object or a form, no larger than a limit, and the
fields each action takes, each of the type it must have. The values themselves are left to the
engine's checks, so a participant meets the same message the command line gives."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request

from workshop.domain.errors import InvalidInput
from workshop.serve.refusals import BadRequest, TooLarge, WrongType

MAX_BODY = 64 * 1024
"""The most a request may send: room for every field at its longest, and no more."""

Check = Callable[[str, Any], Any]
REQUIRED: Any = object()


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"body: {declared} bytes is more than the {limit} a request may send", "body")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"body: more than the {limit} bytes a request may send", "body")
        chunks.append(chunk)
    return b"".join(chunks)


def _media(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


async def read_json(request: Request, limit: int = MAX_BODY) -> dict[str, Any]:
    """The request's JSON object, or a refusal saying what is wrong with the body."""
    if _media(request) != "application/json":
        raise WrongType("body: send JSON, with Content-Type: application/json", "body")
    raw = await _body(request, limit)
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BadRequest("body: is not UTF-8 text", "body") from None
    except json.JSONDecodeError as exc:
        raise BadRequest(f"body: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", "body") from None
    except (ValueError, RecursionError) as exc:  # NaN, a number too long, nesting too deep
        raise BadRequest(f"body: is not JSON this server reads ({exc})", "body") from None
    if not isinstance(data, dict):
        raise BadRequest("body: must be a JSON object ({...})", "body")
    return data


async def read_form(request: Request, limit: int = MAX_BODY) -> dict[str, list[str]]:
    """The fields of a form the page posted (URL-encoded, as browsers send a form)."""
    if _media(request) != "application/x-www-form-urlencoded":
        raise WrongType("body: send the page's form, URL-encoded", "body")
    raw = await _body(request, limit)
    try:
        return parse_qs(raw.decode("utf-8"), keep_blank_values=True, max_num_fields=500)
    except UnicodeDecodeError:
        raise BadRequest("body: is not UTF-8 text", "body") from None
    except ValueError as exc:
        raise BadRequest(f"body: {exc}", "body") from None


# the type of each field --------------------------------------------------------------------


def text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidInput(name, f"must be text, not {_kind(value)}")
    return value


def optional_text(name: str, value: Any) -> str | None:
    return None if value is None else text(name, value)


def texts(name: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise InvalidInput(name, f"must be a list of texts, not {_kind(value)}")
    return [text(f"{name}[{i}]", v) for i, v in enumerate(value, 1)]


def stage(name: str, value: Any) -> str:
    """A stage: its reference, its name or its number in the journey (as `--stage` takes it)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text(name, value)


def anything(_name: str, value: Any) -> Any:
    """A value the engine checks whole (a feeling: a whole number from -2 to 2, or null)."""
    return value


def _kind(value: Any) -> str:
    return {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object",
            type(None): "null", str: "text"}.get(type(value), type(value).__name__)


TOUCHPOINT: dict[str, tuple[Check, Any]] = {
    "text": (text, REQUIRED), "stage": (stage, REQUIRED), "feeling": (anything, None),
    "pains": (texts, []), "channel": (optional_text, None),
}
IDEA: dict[str, tuple[Check, Any]] = {"text": (text, REQUIRED), "touchpoints": (texts, [])}
JOIN: dict[str, tuple[Check, Any]] = {"code": (text, REQUIRED), "name": (text, REQUIRED)}
VOTE: dict[str, tuple[Check, Any]] = {"idea": (text, REQUIRED)}


def fields(data: dict[str, Any], schema: dict[str, tuple[Check, Any]], what: str, *,
           partial: bool = False) -> dict[str, Any]:
    """The fields of `data` as `schema` takes them. A field it does not know is refused, so a
    request cannot slip in one (an author, a hidden flag) that the action does not take. With
    `partial` (an edit) only the fields given are returned, and at least one must be."""
    unknown = sorted(set(data) - set(schema))
    if unknown:
        raise InvalidInput(unknown[0], f"is not a field of {what} (the fields are: {', '.join(schema)})")
    result: dict[str, Any] = {}
    for name, (check, default) in schema.items():
        if name in data:
            result[name] = check(name, data[name])
        elif partial:
            continue
        elif default is REQUIRED:
            raise InvalidInput(name, "is required")
        else:
            result[name] = list(default) if isinstance(default, list) else default
    if partial and not result:
        raise InvalidInput("body", f"give at least one field to change ({', '.join(schema)})")
    return result


def edit_schema(kind: str) -> tuple[dict[str, tuple[Check, Any]], str]:
    """The fields an edit of a touchpoint (T) or an idea (I) takes."""
    return (TOUCHPOINT, "a touchpoint") if kind == "T" else (IDEA, "an idea")


__all__ = ["IDEA", "JOIN", "MAX_BODY", "TOUCHPOINT", "VOTE", "edit_schema", "fields", "read_form", "read_json"]
