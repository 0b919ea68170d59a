"""Helpers for the playbook tests: find a line in a playbook file, edit a file as a facilitator would."""

from __future__ import annotations

from pathlib import Path


def line_of(path: Path, startswith: str) -> int:
    """The 1-based number of the first line of a file that starts with `startswith`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(startswith):
            return number
    raise AssertionError(f"no line starting with {startswith!r} in {path}")


def replace(path: Path, old: str, new: str) -> None:
    """Edit a playbook file the way a facilitator would, in a text editor."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
