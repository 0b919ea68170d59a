"""Provides what every command shares: the session (global options and a lazily opened engine),
and the group that turns a user's mistake into a message and an exit code (opening the TUI is
`workshop.cli.launch`)."""

from __future__ import annotations

import enum
import errno
import gc
import math
import os
import sys
from collections.abc import Callable, Iterator, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from workshop.domain.errors import DiskFull, InvalidInput, WorkshopError
from workshop.domain.text import visible

if TYPE_CHECKING:
    from workshop.engine import Engine
    from workshop.engine.reading import Reader


@dataclass
class Session:
    """The global options of one run of the command, and the engine it opens on first use."""

    db: str | None = None
    lang: str | None = None
    playbook: str | None = None
    actor: str | None = None
    projector: bool = False
    """Projector mode for whichever command opens the terminal interface (`workshop --projector`)."""
    _engine: Engine | None = field(default=None, repr=False)
    _reader: Reader | None = field(default=None, repr=False)
    batch: Session | None = field(default=None, repr=False)
    """The session of the batch this line of it runs in: its database and its engine are the
    batch's, opened once for every line (see `workshop batch`)."""

    def line(self, *, lang: str | None, playbook: str | None, actor: str | None) -> Session:
        """The session of one line of a batch run in this session: the line's own global options,
        the batch's where the line gives none, and the batch's engine."""
        return Session(db=self.db, lang=lang or self.lang, playbook=playbook or self.playbook,
                       actor=actor or self.actor, batch=self)

    @property
    def db_path(self) -> str:
        if self.batch is not None:
            return self.batch.db_path
        from workshop.paths import resolve_db

        return resolve_db(self.db)

    @property
    def engine(self) -> Engine:
        """The engine on the chosen database, opened the first time a command needs it."""
        if self.batch is not None:
            return self.batch.engine
        if self._engine is None:
            from workshop.engine import open_engine

            self._engine = open_engine(self.db_path)
        return self._engine

    @property
    def reader(self) -> Reader:
        """What a command that only reads reads through: the engine when one is open (a batch's,
        or this run's), else the database read without the data layer where it is an SQLite file
        of this version (see `workshop.engine.reading`)."""
        if self.batch is not None:
            return self.batch.engine
        if self._engine is not None:
            return self._engine
        if self._reader is None:
            from workshop.engine.opening import open_reader

            self._reader = open_reader(self.db_path)
        return self._reader

    @staticmethod
    def keep_what_was_read(events: int) -> None:
        """What a command read of a large workshop (`events` long) lives until the command ends:
        out of the garbage collector's walks, which would otherwise go over all of it again and
        again while the output is made."""
        if events >= 5000:
            gc.freeze()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.store.close()
            self._engine = None
        if self._reader is not None:
            self._reader.store.close()
            self._reader = None


def session(ctx: typer.Context) -> Session:
    """The session made by the root command (a bare one when a sub-app runs on its own)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
        root.call_on_close(root.obj.close)
    return root.obj


batch_line: ContextVar[int | None] = ContextVar("batch_line", default=None)
"""The number of the line of `workshop batch` being run (None outside a batch)."""


def fail(message: str, code: int = 2) -> None:
    """Stop with a message on stderr and the given exit code (`line N: …` for a line of a batch,
    otherwise `error: …`)."""
    typer.echo(f"{failure_prefix()}{visible(message)}", err=True)
    raise typer.Exit(code)


def failure_prefix() -> str:
    line = batch_line.get()
    return "error: " if line is None else f"line {line}: "


class NotInBatch(WorkshopError):
    """A command that cannot run as a line of a batch (it opens the terminal interface, serves,
    or is a batch itself)."""

    exit_code = 2


def refuse_in_batch(what: str) -> None:
    """Refuse, inside a batch, what only makes sense typed on its own (`what` says what it does)."""
    if batch_line.get() is not None:
        raise NotInBatch(f"{what} cannot run inside a batch; run it on its own")


def refuse_prompt(what: str, option: str) -> None:
    """Inside a batch, refuse what would stop to ask (a batch read from the standard input would
    take its next line for the answer)."""
    if batch_line.get() is not None:
        fail(f"{what} asks first, and a batch cannot stop to ask; give {option}", 2)


def field_name(param: Any) -> str:
    """How a message names an argument or option: `count` for `--count`, `workshop` for W."""
    if getattr(param, "param_type_name", "") == "option" and param.opts:
        return max(param.opts, key=len).lstrip("-")
    return str(param.name)


def check_value(name: str, value: Any) -> None:
    """Refuse what no field may take, whatever the command: text that is not UTF-8 (the bytes
    of another encoding, which Python keeps as lone surrogates), a whole number beyond what the
    database holds, a number that is not finite."""
    from workshop.domain import validate

    if value is None or isinstance(value, (bool, enum.Enum)):
        return
    if isinstance(value, int):
        validate.integer(name, value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInput(name, f"must be a finite number, not {value}")
    elif isinstance(value, (str, os.PathLike)):
        text = os.fspath(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(text)
            shown = "".join(chr(b) if 0x20 <= b < 0x7F else f"\\x{b:02x}" for b in raw)
            raise InvalidInput(name, f"is not valid UTF-8 ({shown}); give it in UTF-8") from None
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_value(name, item)


def _checked(callback: Callable[..., Any] | None) -> Callable[..., Any]:
    def check(ctx: Any, param: Any, value: Any) -> Any:
        check_value(field_name(param), value)
        return value if callback is None else callback(ctx, param, value)

    check.workshop_checked = True  # type: ignore[attr-defined]
    return check


def check_every_parameter(command: Any) -> None:
    """Have every argument and option of `command` and of every command below it refused by
    `check_value` before the command runs (so a new command is covered without a line of its own;
    a command made later, see `LazyCommands`, is covered when it is made)."""
    for param in command.params:
        if not getattr(param.callback, "workshop_checked", False):
            param.callback = _checked(param.callback)
    below = getattr(command, "commands", {})
    for sub in (below.made() if isinstance(below, LazyCommands) else below.values()):
        check_every_parameter(sub)


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name, each part's made when one of its commands is first asked for:
    `parts` names the commands of each part, `load(part)` makes them."""

    def __init__(self, made: dict[str, Any], parts: dict[str, tuple[str, ...]],
                 load: Callable[[str], dict[str, Any]]) -> None:
        self._made = dict(made)
        self._part_of = {name: part for part, names in parts.items() for name in names}
        self._load = load

    def made(self) -> list[Any]:
        """The commands made so far."""
        return list(self._made.values())

    def __getitem__(self, name: str) -> Any:
        if name not in self._made and name in self._part_of:
            for made_name, command in self._load(self._part_of[name]).items():
                check_every_parameter(command)
                self._made.setdefault(made_name, command)
        return self._made[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._made[name] = command

    def __delitem__(self, name: str) -> None:
        del self._made[name]
        self._part_of.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._part_of
        yield from (name for name in self._made if name not in self._part_of)

    def __len__(self) -> int:
        return len(set(self._part_of) | set(self._made))

    def __contains__(self, name: object) -> bool:
        return name in self._part_of or name in self._made


class ErrorReportingGroup(TyperGroup):
    """The root group: a `WorkshopError` anywhere below becomes `error: …` on stderr and its
    documented exit code, never a traceback; so does a full disk when printing; and every
    argument and option of every command is checked by `check_value`."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        check_every_parameter(self)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names, without making every command

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        # The global options are read here, before `invoke`.
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except WorkshopError as exc:
            fail(exc.message, exc.exit_code)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except WorkshopError as exc:
            fail(exc.message, exc.exit_code)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            # What is left in the buffer could never be written either.
            sys.stdout = typer._click.utils.PacifyFlushWrapper(sys.stdout)  # type: ignore[attr-defined]
            full = DiskFull("output: disk full: there is no room left to write what the command "
                            "prints; everything saved before is kept")
            fail(full.message, full.exit_code)
