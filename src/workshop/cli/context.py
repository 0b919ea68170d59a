"""Provides what every command shares: the session (global options and a lazily opened engine),
the group that turns a user's mistake into a message and an exit code, and opening the TUI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from workshop.domain.errors import WorkshopError
from workshop.domain.text import visible

if TYPE_CHECKING:
    from workshop.engine import Engine


@dataclass
class Session:
    """The global options of one run of the command, and the engine it opens on first use."""

    db: str | None = None
    lang: str | None = None
    playbook: str | None = None
    actor: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def db_path(self) -> str:
        from workshop.paths import resolve_db

        return resolve_db(self.db)

    @property
    def engine(self) -> Engine:
        """The engine on the chosen database, opened the first time a command needs it."""
        if self._engine is None:
            from workshop.engine import open_engine

            self._engine = open_engine(self.db_path)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.store.close()
            self._engine = None


def session(ctx: typer.Context) -> Session:
    """The session made by the root command (a bare one when a sub-app runs on its own)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
        root.call_on_close(root.obj.close)
    return root.obj


def fail(message: str, code: int = 2) -> None:
    """Stop with a message on stderr and the given exit code."""
    typer.echo(f"error: {visible(message)}", err=True)
    raise typer.Exit(code)


class ErrorReportingGroup(TyperGroup):
    """The root group: a `WorkshopError` anywhere below becomes `error: …` on stderr and its
    documented exit code, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except WorkshopError as exc:
            fail(exc.message, exc.exit_code)


class TuiUnavailable(WorkshopError):
    """The terminal interface is not part of this installation."""

    exit_code = 1


def open_tui(session: Session, workshop: int | None = None, *, projector: bool = False,
             replay: bool = False) -> None:
    """Open the terminal interface (the only place the command line imports Textual)."""
    try:
        from workshop.tui.app import run_app
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("workshop.tui"):
            raise
        raise TuiUnavailable(
            "the terminal interface is not available in this installation; "
            "every action has a command instead (see `workshop --help`)"
        ) from None
    db = session.db_path
    session.close()
    code = run_app(db, workshop, projector=projector, playbook=session.playbook, lang=session.lang,
                   replay=replay, actor=session.actor)
    if code:
        raise typer.Exit(code)
