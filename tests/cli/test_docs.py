"""Every command has help text and is documented in docs/cli.md, with the exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from workshop.cli import app
from workshop.domain.errors import EXIT_CODES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _commands(group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield path, command
            yield from _commands(command, path)
        else:
            yield path, command


COMMANDS = list(_commands(get_command(app)))


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_has_help_and_is_documented(path, command) -> None:
    assert (command.help or "").strip(), f"workshop {' '.join(path)} has no help text"
    for param in command.params:
        if param.name not in ("ctx",) and getattr(param, "help", None) is not None:
            assert param.help.strip()
    heading = re.compile(rf"^#+ .*`workshop {re.escape(' '.join(path))}\b", re.MULTILINE)
    assert heading.search(DOCS.read_text(encoding="utf-8")), f"docs/cli.md lacks `workshop {' '.join(path)}`"


def test_every_exit_code_is_in_the_table() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES.items():
        assert re.search(rf"^\| {code} \| {re.escape(meaning)} \|", text, re.MULTILINE), code


def test_help_runs_for_every_command(run, db_path) -> None:
    for path, _ in COMMANDS:
        assert "Usage:" in run(*path, "--help").stdout
