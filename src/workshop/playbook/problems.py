"""Provides the problems a playbook file can have, each named by file and line."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.domain.errors import InvalidInput


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a playbook file; `line` is None when the whole file is missing."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


class PlaybookInvalid(InvalidInput):
    """A playbook file the tool needs cannot be used as it is."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("playbook", "; ".join(str(p) for p in problems) or "invalid")
        # The field prefix would only repeat what the file name already says.
        self.message = "\n".join(str(p) for p in problems)
