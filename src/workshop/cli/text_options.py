"""Plain options without pydantic: `workshop list` need not import a validation library.

Typer 0.29 checks each parameter's value with a pydantic `TypeAdapter`, and the first one it
builds imports pydantic (about 90 ms, as long as all the rest of `workshop list`), even for an
option typed `str` that was not given. Text from the command line needs no such check: Typer's own adapter for `str`
only turns bytes into text and anything else into `str`, and a flag is already `True` or `False`.
A choice and a path are checked by Typer's own functions (`coerce_cli_choice`, `coerce_cli_path`),
which its adapters only wrap. `install()` gives parameters typed `str`, `bool`, an enum or a
`Path` (one value, no parser, not a file) that same result without pydantic; a flag given as
text (from an environment variable), numbers, lists and every other type still go through
Typer's adapters, unchanged.

This relies on Typer's internal `typer.core.build_runtime_param` and `typer._coercion.RuntimeParam`
(Typer 0.29); with another version of Typer, `install()` leaves Typer as it is and only the
start-up is slower. tests/cli/test_reads_without_the_orm.py fails if pydantic comes back.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _as_text(value: Any) -> str:
    """What Typer's `str` adapter makes of a value: bytes decoded as the command line's, else str."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        try:
            return value.decode(sys.getfilesystemencoding())
        except UnicodeError:
            return value.decode("utf-8", "replace")
    return str(value)


def install() -> None:
    """Let Typer convert plain options itself (see the module's docstring)."""
    import typer

    if not typer.__version__.startswith("0.29."):  # pragma: no cover - its internals may differ
        return
    try:
        from typer import core
        from typer._click.exceptions import BadParameter
        from typer._click.utils import _escape_control_characters
        from typer._coercion import RuntimeParam, TypeDescriptor
        from typer._param_types import coerce_cli_choice, coerce_cli_path
    except ImportError:  # pragma: no cover - another Typer: its own adapters, only slower
        return
    original = getattr(core, "build_runtime_param", None)
    if original is None or getattr(original, "plain_first", False):
        return

    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):  # type: ignore[misc]
        """A text, flag, choice or path as Typer's adapters would give it, without pydantic."""

        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            descriptor, info = self.descriptor, self.parameter_info
            if descriptor.is_choice:
                choices = descriptor.choices
                try:
                    return coerce_cli_choice(value, choices=choices, case_sensitive=info.case_sensitive,
                                             ctx=ctx)
                except ValueError as exc:  # worded as Typer's adapter words it
                    raise BadParameter(_escape_control_characters(f"Value error, {exc}"),
                                       ctx=ctx, param=param) from None
            if descriptor.is_path:
                if isinstance(value, str):
                    value = Path(value)
                return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
            if self.annotation is str:
                return _as_text(value)
            if self.annotation is bool and isinstance(value, bool):
                return value
            return original(descriptor)._coerce_value(value, param=param, ctx=ctx)

    def plain(descriptor: TypeDescriptor) -> bool:
        """Whether Typer's adapter for this parameter does nothing the plain conversion does not."""
        info = descriptor.parameter_info
        if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
            return False
        if descriptor.is_list or descriptor.is_tuple:
            return False
        if descriptor.is_choice:
            return True
        if descriptor.is_path:  # a `Path` option; a subclass or `path_type=` goes to Typer
            return descriptor.annotation is Path and getattr(info, "path_type", None) is None
        return descriptor.annotation in (str, bool)

    def build_runtime_param(descriptor: TypeDescriptor) -> Any:
        if plain(descriptor):
            return PlainRuntimeParam(parameter_info=descriptor.parameter_info,
                                     annotation=descriptor.annotation, descriptor=descriptor)
        return original(descriptor)

    build_runtime_param.plain_first = True  # type: ignore[attr-defined]
    build_runtime_param.typers_own = original  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param
