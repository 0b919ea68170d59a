"""Options converted without pydantic (`workshop.cli.text_options`) give exactly what Typer's own
adapters give: the same value, or the same refusal in the same words, for every parameter of every
command and for hostile values (markup, escape codes, other scripts, paths that do not exist)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer import core
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer.main import get_command

from workshop.cli import app

ROOT = get_command(app)


def _params() -> list[tuple[str, Any, Any]]:
    found = []

    def walk(group: Any, prefix: str) -> None:
        for param in group.params:
            found.append((f"{prefix} {param.name}".strip(), group, param))
        for name, command in getattr(group, "commands", {}).items():
            walk(command, f"{prefix} {name}".strip())

    walk(ROOT, "")
    return found


PARAMS = _params()
NOT_UTF8 = os.fsdecode(b"\xff\xfe\xc3")


def _values(tmp: Path) -> list[Any]:
    (tmp / "a file.md").write_text("x", encoding="utf-8")
    return ["", "  mellomrom  ", "journey", "JOURNEY", "nope", "backticks", "jira", "Per [/] Hansen", "[b]fet[/b]",
            "\x1b[31mrød\x1b[0m", "Åse Ødegård", "-", "1", "-2", "99999999999999999999", NOT_UTF8,
            "/proc/nope/x.md", str(tmp), str(tmp / "a file.md"), b"bytes \xc3\xa6", True, False]


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return "refused", exc.format_message()
    return type(result).__name__, result


def test_the_plain_conversion_is_in_place() -> None:
    assert getattr(core.build_runtime_param, "plain_first", False)


def test_every_parameter_converts_as_typers_own_adapters_do(tmp_path: Path) -> None:
    own = core.build_runtime_param.typers_own
    plain = core.build_runtime_param
    values = _values(tmp_path)
    compared = 0
    differences = []
    for name, command, param in PARAMS:
        ctx = Context(command)
        descriptor = param.type_descriptor
        mine, theirs = plain(descriptor), own(descriptor)
        if type(mine) is type(theirs):
            continue  # not one of ours: Typer's adapter either way
        for value in values:
            if param.multiple or param.nargs != 1:
                value = (value,)
            compared += 1
            got, expected = _outcome(mine, value, param, ctx), _outcome(theirs, value, param, ctx)
            if got != expected:
                differences.append(f"{name} {value!r}: {got} instead of {expected}")
    assert compared > 500, compared  # every text, flag, choice and path option of every command
    assert differences == [], "\n".join(differences[:20])


@pytest.mark.parametrize("kind", ["text", "choice", "path", "flag"])
def test_each_kind_of_option_is_converted_without_pydantic(kind: str) -> None:
    from workshop.cli.text_options import install

    install()  # a second call changes nothing
    kinds = {"text": str, "flag": bool}
    seen = []
    for name, _command, param in PARAMS:
        descriptor = param.type_descriptor
        is_kind = (descriptor.is_choice if kind == "choice" else descriptor.is_path if kind == "path"
                   else descriptor.annotation is kinds[kind] and not descriptor.is_path)
        if is_kind and not (param.multiple or param.nargs != 1):
            seen.append(name)
            assert type(core.build_runtime_param(descriptor)).__name__ == "PlainRuntimeParam", name
    assert seen, kind
