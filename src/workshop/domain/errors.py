"""Provides the errors a user can meet, each with its documented exit code."""

from __future__ import annotations


class WorkshopError(Exception):
    """A refusal the user can understand and act on; never shown as a traceback."""

    exit_code = 1

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class InvalidInput(WorkshopError):
    """A value the user typed is not acceptable (blank, too long, out of range...)."""

    exit_code = 3

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}", field)


class NotFound(WorkshopError):
    """An unknown workshop, stage, participant or item."""

    exit_code = 4


class RuleRefused(WorkshopError):
    """The action breaks a workshop rule (dots, caps, dates, nothing to undo...)."""

    exit_code = 5


class AccessRemoved(RuleRefused):
    """The facilitator has removed this participant's access from their own device."""


class NotYours(WorkshopError):
    """A participant may change only their own items; this one is someone else's."""

    exit_code = 12


class AddressUnavailable(WorkshopError):
    """The participant server cannot listen where asked (the port is in use, the address is not
    this machine's)."""

    exit_code = 13


class StoreRefused(WorkshopError):
    """The file is not a workshop database (not SQLite, or another program's)."""

    exit_code = 6


class StoreDamaged(WorkshopError):
    """The file looks like a workshop database but is truncated or corrupt."""

    exit_code = 7


class StoreTooNew(WorkshopError):
    """The file was written by a newer version of workshop."""

    exit_code = 8


class StoreBusy(WorkshopError):
    """Another process held the database for longer than the busy timeout."""

    exit_code = 9


class StoreUnavailable(WorkshopError):
    """The file or its folder cannot be opened or written (permissions, read-only)."""

    exit_code = 10


class FileUnavailable(WorkshopError):
    """A file named on the command line cannot be read or written (missing, folder absent...)."""

    exit_code = 11


class DiskFull(WorkshopError):
    """The disk (or the user's quota) has no room left for a write; what was saved before stays,
    and the same command works again once there is room."""

    exit_code = 14


EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected error (a bug: please report it)",
    2: "usage error (unknown command or option)",
    InvalidInput.exit_code: "invalid input (the message names the field)",
    NotFound.exit_code: "unknown workshop, stage, participant or item",
    RuleRefused.exit_code: "refused by a workshop rule (dots, caps, dates, nothing to undo)",
    StoreRefused.exit_code: "the file is not a workshop database",
    StoreDamaged.exit_code: "the database file is damaged or truncated",
    StoreTooNew.exit_code: "the database was written by a newer version of workshop",
    StoreBusy.exit_code: "the database is locked by another process",
    StoreUnavailable.exit_code: "the database file or its folder cannot be opened or written",
    FileUnavailable.exit_code: "a file to import or export to cannot be read or written",
    NotYours.exit_code: "the item is someone else's (a participant changes only their own)",
    AddressUnavailable.exit_code: "the participant server cannot listen on that address or port",
    DiskFull.exit_code: "the disk is full (nothing saved before is lost; free some space and try again)",
}
