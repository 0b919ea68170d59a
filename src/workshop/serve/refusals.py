"""Provides the refusals of the participant server and how each goes out over HTTP: a status code
and `{"error": message, "field": field}`, the message the engine (and so the CLI) gives for the
same mistake. Never a traceback, and never a 500 for something a participant sent."""

from __future__ import annotations

import re
from typing import Any

from workshop.domain.errors import (
    AccessRemoved, InvalidInput, NotFound, NotYours, RuleRefused, StoreBusy, WorkshopError,
)


class Refused(WorkshopError):
    """A refusal of the server itself (not of a workshop rule), with its HTTP status, and the key
    of the page string that says it in the workshop's language."""

    status = 400
    key = ""

    def __init__(self, message: str, field: str | None = None, *, key: str = "") -> None:
        super().__init__(message, field)
        self.key = key or type(self).key


class BadRequest(Refused):
    """A body that is not what the API takes: not JSON, not an object, a field of a wrong type."""

    status = 400


class TooLarge(Refused):
    status = 413


class WrongType(Refused):
    status = 415


class NotSignedIn(Refused):
    """No session: the participant has not joined, or the server was restarted since."""

    status = 401
    key = "session_gone"


class Forbidden(Refused):
    """A wrong join code, a missing CSRF token, a request from another site."""

    status = 403


class TooMany(Refused):
    """Too many wrong join codes from one client."""

    status = 429
    key = "too_many"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, "code")
        self.retry_after = retry_after


_STATUS: list[tuple[type[WorkshopError], int]] = [
    (AccessRemoved, 403),
    (NotYours, 403),
    (InvalidInput, 422),
    (NotFound, 404),
    (RuleRefused, 409),
    (StoreBusy, 503),
]

_FIELD = re.compile(r"^([a-z][a-z_ ]*(?:\[\d+\])?):\s")


def status(exc: WorkshopError) -> int:
    """The HTTP status of a refusal."""
    if isinstance(exc, Refused):
        return exc.status
    for kind, code in _STATUS:
        if isinstance(exc, kind):
            return code
    return 503  # the database cannot be used just now (damaged, unavailable): not the client's fault


def field(exc: WorkshopError) -> str | None:
    """The field a refusal names: the one it was raised with, else the start of its message
    (`dots: Kari has 0 of 3 dots left …` names `dots`)."""
    if exc.field:
        return exc.field
    match = _FIELD.match(exc.message)
    return match.group(1) if match else None


def body(exc: WorkshopError) -> dict[str, Any]:
    """The JSON body of a refusal."""
    return {"error": exc.message, "field": field(exc)}


__all__ = ["BadRequest", "Forbidden", "NotSignedIn", "Refused", "TooLarge", "TooMany", "WrongType",
           "body", "field", "status"]
