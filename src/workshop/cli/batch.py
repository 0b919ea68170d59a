"""Provides `workshop batch`: many commands, one a line, run in one process through the same
command definitions as `workshop` itself, so a script of a thousand changes pays the start-up once.

Each line is a command as typed after `workshop` (a leading `workshop` is allowed), split with
the shell's quoting rules (`shlex`); `#` starts a comment where the shell's would. The whole input
is read and split before the first line runs: a quote never closed, or text that is not UTF-8,
runs nothing.
"""

from __future__ import annotations

import contextlib
import io
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer
# The Click that Typer carries, whose exceptions it raises.
from typer._click import Command, exceptions
from typer._click.utils import get_binary_stream

from workshop.cli.context import Session, batch_line, refuse_in_batch, session
from workshop.domain.errors import InvalidInput
from workshop.domain.text import visible
from workshop.files import MiB, read_bytes

app = typer.Typer()

LIMIT = 64 * MiB
"""The most a batch may hold, from a file or the standard input."""


@dataclass(frozen=True)
class Line:
    number: int
    """Its line number in the input, from 1."""
    args: list[str]


def _uncommented(text: str) -> str:
    """The line without its comment: from a `#` that starts a word outside quotes, as in the
    shell (`T#3` and `"a # b"` keep theirs). A quote left open is left for `shlex` to report."""
    quote = ""
    escaped = False
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif ch == "\\" and quote != "'":
            escaped = True
        elif quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1].isspace()):
            return text[:i]
    return text


def parse(text: str) -> list[Line]:
    """The commands of a batch, each with its line number; blank lines and comments left out."""
    lines = []
    for number, raw in enumerate(text.split("\n"), 1):
        raw = raw.removesuffix("\r")
        try:
            args = shlex.split(_uncommented(raw))
        except ValueError as exc:  # shlex says "No closing quotation" or "No escaped character"
            problem = str(exc).lower()
            if "quotation" in problem:
                problem = "a quote is opened and never closed"
            elif "escaped" in problem:
                problem = "it ends in a backslash with nothing after it"
            raise InvalidInput(f"line {number}", f"{problem}; nothing was run") from None
        if args and args[0] == "workshop":
            args = args[1:]
            if not args:
                raise InvalidInput(f"line {number}", "holds `workshop` and no command; nothing was run")
        if args:
            lines.append(Line(number, args))
    return lines


def decode(raw: bytes, source: str) -> str:
    """The batch as text, or `InvalidInput` naming the line whose bytes are not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidInput("FILE", f"line {line} of {source} is not UTF-8 text ({exc.reason} at "
                                   f"byte {column} of the line); nothing was run") from None


def _read_stdin() -> bytes:
    stream = get_binary_stream("stdin")
    if stream.isatty():
        typer.echo("Reading commands, one a line; end with Ctrl+D.", err=True)
    raw = stream.read(LIMIT + 1)
    if len(raw) > LIMIT:
        raise InvalidInput("FILE", f"the standard input holds more than {LIMIT // MiB} MiB; split "
                                   "the batch; nothing was run")
    return raw


def read(file: str) -> list[Line]:
    """The commands of `file` (`-`: the standard input)."""
    if file == "-":
        return parse(decode(_read_stdin(), "the standard input"))
    return parse(decode(read_bytes(Path(file), LIMIT, field="FILE"), file))


class _RollBack(Exception):
    """Ends an atomic batch whose line failed: its one transaction is rolled back."""


def run_line(root: Command, line: Line, outer: Session) -> int:
    """Run one line as `workshop ARGS…` would, in this process; its exit code. Its output is what
    the command prints; a failure is told on stderr as `line N: …`."""
    token = batch_line.set(line.number)
    try:
        try:
            code = root.main(args=line.args, prog_name="workshop", standalone_mode=False, obj=outer)
        except typer.Abort:
            typer.echo(f"line {line.number}: stopped", err=True)
            return 1
        except exceptions.ClickException as exc:
            message = exc.format_message()
            if isinstance(exc, exceptions.UsageError) and exc.ctx is not None:
                message = f"{message.rstrip('.')}; see `{exc.ctx.command_path} --help`"
            typer.echo(f"line {line.number}: {visible(message)}", err=True)
            return exc.exit_code
        return code if isinstance(code, int) else 0
    finally:
        batch_line.reset(token)


def _run(root: Command, lines: list[Line], outer: Session, keep_going: bool) -> list[tuple[int, int]]:
    """Run the lines in order; the line number and exit code of each that failed (only the first
    unless `keep_going`)."""
    failed = []
    for line in lines:
        code = run_line(root, line, outer)
        if code:
            failed.append((line.number, code))
            if not keep_going:
                break
    return failed


def _lines(failed: list[tuple[int, int]]) -> str:
    """`line 3`, or `lines 3, 7, 9` (the first ten)."""
    shown = ", ".join(str(n) for n, _ in failed[:10])
    return ("line " if len(failed) == 1 else "lines ") + shown + (", …" if len(failed) > 10 else "")


@app.command("batch")
def batch(
    ctx: typer.Context,
    file: Annotated[Optional[str], typer.Argument(
        metavar="[FILE|-]", show_default=False,
        help="The commands, one a line, as typed after `workshop` (shell quoting, `#` comments); "
             "`-` or nothing: the standard input.")] = None,
    atomic: Annotated[bool, typer.Option(
        "--atomic", help="All in one transaction: every line's change is kept, each as its own "
                         "event, or none at all.")] = False,
    keep_going: Annotated[bool, typer.Option(
        "--keep-going", help="Go on past a failing line (each told as `line N: …`); the exit code "
                             "is the first failure's.")] = False,
) -> None:
    """Run many commands, one a line, in one process (from FILE or the standard input)."""
    refuse_in_batch("`batch`")
    lines = read("-" if file is None else file)
    s = session(ctx)
    root = ctx.find_root().command
    if not atomic:
        failed = _run(root, lines, s, keep_going)
        if failed and keep_going:
            typer.echo(f"note: {len(failed)} of {len(lines)} commands failed ({_lines(failed)}); "
                       "the others ran", err=True)
        elif failed:
            later = len(lines) - 1 - next(i for i, line in enumerate(lines) if line.number == failed[0][0])
            if later:
                typer.echo(f"note: stopped at line {failed[0][0]}; the {later} command"
                           f"{'s' if later != 1 else ''} after it did not run (--keep-going goes on)",
                           err=True)
    else:
        failed = []
        # What the lines print is held until the batch is saved: a reference printed is one
        # that exists.
        with contextlib.redirect_stdout(io.StringIO()) as held:
            try:
                with s.engine.store.batch():
                    failed = _run(root, lines, s, keep_going)
                    if failed:
                        raise _RollBack
            except _RollBack:
                pass
        if failed:
            typer.echo(f"note: nothing of the batch was saved (--atomic): {_lines(failed)} failed",
                       err=True)
        else:
            typer.echo(held.getvalue(), nl=False)
    if failed:
        raise typer.Exit(failed[0][1])
