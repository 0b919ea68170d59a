"""Every argument and option of every command (found in the app itself, so a new command is
covered without a line here) refuses bytes that are not UTF-8 and whole numbers beyond what the
database holds with a message naming it and exit code 3: never a traceback, nothing changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from workshop.cli import app
from workshop.cli.context import field_name
from workshop.domain.errors import InvalidInput

NOT_UTF8 = os.fsdecode(b"\xff\xfe\xc3")
"""What Python makes of bytes of another encoding in argv (lone surrogates)."""
HUGE = "99999999999999999999"
"""Beyond SQLite's 64-bit integers."""
STARTS_SOMETHING = {("open",), ("replay",), ("serve",), ("demo",)}
"""Commands that open the terminal interface or a server (or build the demo) once their
arguments are accepted: run here only with arguments they refuse."""


def _leaves(group: Any, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from _leaves(command, path)
        else:
            yield path, command


ROOT = get_command(app)
COMMANDS = list(_leaves(ROOT))
TEXT_PARAMS = [(path, p) for path, c in [((), ROOT), *COMMANDS] for p in c.params
               if p.type_descriptor.annotation is not bool and not p.hidden
               and p.name not in ("install_completion", "show_completion")]
INT_PARAMS = [(path, p) for path, p in TEXT_PARAMS if p.type_descriptor.annotation is int]


def _is_int(param: Any) -> bool:
    return param.type_descriptor.annotation is int


def _valid_args(command: Any, instead: Any = None, value: str = "") -> list[str]:
    """Arguments the command accepts as far as their form goes (workshop 1, reference 1 …), with
    `value` for the parameter `instead`."""
    args: list[str] = []
    for param in command.params:
        given = value if param is instead else "1"
        if param.param_type_name == "argument":
            args.append(given)
        elif param is instead:
            args.append(f"{max(param.opts, key=len)}={given}")
        elif param.required:
            args += [max(param.opts, key=len), given]
    return args


def _ids(cases: list[tuple[tuple[str, ...], Any]]) -> list[str]:
    return [" ".join(path) + " " + field_name(p) for path, p in cases]


def _invoke(args: list[str]) -> Any:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"workshop {' '.join(map(repr, args))}: {type(result.exception).__name__}: {result.exception}")
    assert "Traceback" not in result.output
    return result


def test_the_enumeration_finds_the_commands_and_their_numbers() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"show", "export", "add touchpoint", "edit rules", "edit pilot", "playbook init"} <= names
    numbers = {" ".join(path) + " " + field_name(p) for path, p in INT_PARAMS}
    assert {"add touchpoint count", "edit rules dots", "edit rules cap", "edit pilot pin", "vote dots",
            "serve port"} <= numbers


@pytest.mark.parametrize(("path", "param"), TEXT_PARAMS, ids=_ids(TEXT_PARAMS))
def test_bytes_that_are_not_utf8_are_refused_naming_the_field(path, param, shop, snapshot, tmp_path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = snapshot(1)
    command = ROOT if not path else dict(COMMANDS)[path]
    args = [*path, *_valid_args(command, param, NOT_UTF8)] if path else [*_valid_args(command, param, NOT_UTF8), "list"]
    result = _invoke(args)
    if param.type_descriptor.is_choice or _is_int(param):
        # not one of the choices, not a number: refused as any other typo there
        assert result.exit_code == 2, result.output
        assert f"'{max(param.opts, key=len)}'" in result.output
    else:
        assert result.exit_code == InvalidInput.exit_code, result.output
        assert f"error: {field_name(param)}: is not valid UTF-8 (\\xff\\xfe\\xc3)" in result.output
    assert snapshot(1) == before
    assert not [p for p in tmp_path.rglob("*") if "\udcff" in p.name]  # no file made under that name


@pytest.mark.parametrize(("path", "param"), INT_PARAMS, ids=_ids(INT_PARAMS))
@pytest.mark.parametrize("number", [HUGE, "-" + HUGE, str(2**63)])
def test_whole_numbers_beyond_64_bits_are_refused_naming_the_field(path, param, number, shop, snapshot) -> None:
    before = snapshot(1)
    result = _invoke([*path, *_valid_args(dict(COMMANDS)[path], param, number)])
    if param.type_descriptor.is_ranged:  # a range of its own (a port): refused as out of it
        assert result.exit_code == 2 and f"'{max(param.opts, key=len)}'" in result.output, result.output
    else:
        assert result.exit_code == InvalidInput.exit_code, result.output
        assert f"error: {field_name(param)}: " in result.output and number in result.output
    assert snapshot(1) == before


NAMING = [(path, p) for path, p in TEXT_PARAMS
          if path and path not in STARTS_SOMETHING and not _is_int(p) and not p.type_descriptor.is_choice]
"""Every text argument and option: a workshop, an item, a stage by its number, an event number…"""


@pytest.mark.parametrize(("path", "param"), NAMING, ids=_ids(NAMING))
def test_a_huge_number_where_a_workshop_an_item_or_an_event_is_named_is_no_traceback(
        path, param, shop, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _invoke([*path, *_valid_args(dict(COMMANDS)[path], param, HUGE)])


@pytest.mark.parametrize("path", sorted(STARTS_SOMETHING))
def test_commands_that_start_something_refuse_a_huge_workshop_number(path, shop) -> None:
    result = _invoke([*path, HUGE] if path != ("demo",) else [*path, "--help"])
    assert result.exit_code in (0, 4), result.output


def test_a_number_with_another_scripts_digits_names_no_workshop(run, shop) -> None:
    assert "no workshop '²'" in run("show", "²", code=4).stderr


def test_the_real_command_refuses_raw_bytes_in_argv_and_the_environment(shop, db_path: Path, tmp_path: Path) -> None:
    env = {k.encode(): v.encode() for k, v in os.environ.items()}
    cases = [
        ([b"show", b"\xff\xfe"], "workshop"),
        ([b"add", b"touchpoint", b"1", b"Kassen \xe6\xf8\xe5 latin-1", b"--stage", b"S1"], "text"),
        ([b"--db", os.fsencode(tmp_path) + b"/\xff.db", b"list"], "db"),
    ]
    for args, field in cases:
        done = subprocess.run([sys.executable.encode(), b"-m", b"workshop", *args], capture_output=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=60)
        stderr = done.stderr.decode("utf-8")
        assert done.returncode == InvalidInput.exit_code, stderr
        assert f"error: {field}: is not valid UTF-8" in stderr and "Traceback" not in stderr
    done = subprocess.run([sys.executable.encode(), b"-m", b"workshop", b"list"], capture_output=True,
                          env={**env, b"WORKSHOP_ACTOR": b"\xc5se"}, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == InvalidInput.exit_code
    assert "error: actor: is not valid UTF-8 (\\xc5se)" in done.stderr.decode("utf-8")


def test_an_empty_db_is_refused_naming_it(run, shop) -> None:
    for empty in ("", "  "):
        result = run("--db", empty, "list", code=InvalidInput.exit_code)
        assert "error: db: is empty" in result.stderr
