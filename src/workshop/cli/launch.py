"""Provides opening the terminal interface from a command: the workshop picker, a workshop or its
replay (with `replay` and `compare --tui` in `workshop.cli.history`, the only places the command
line imports Textual, and only when the interface opens)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import typer

from workshop.cli.context import Session
from workshop.domain.errors import InvalidInput, WorkshopError


class TuiUnavailable(WorkshopError):
    """The terminal interface is not part of this installation."""

    exit_code = 1


_ON, _OFF = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def projector_on(session: Session, asked: bool = False) -> bool:
    """Whether the interface opens in projector mode: asked by the command's `--projector`, by
    `workshop --projector`, or by `WORKSHOP_PROJECTOR` (1, true, yes or on; 0, false, no, off or
    unset leave it off; anything else is refused, naming the variable)."""
    if asked or session.projector:
        return True
    value = os.environ.get("WORKSHOP_PROJECTOR", "")
    if value.strip().lower() in _ON:
        return True
    if value.strip().lower() in _OFF:
        return False
    raise InvalidInput("WORKSHOP_PROJECTOR", f"give 1 to turn projector mode on or 0 for off, not {value!r}")


def open_tui(session: Session, workshop: int | None = None, *, projector: bool = False,
             replay: bool = False) -> None:
    """Open the terminal interface on `workshop` (else the workshop picker), or its read-only replay;
    in projector mode when asked here or for every command (`workshop --projector`)."""
    projector = projector_on(session, projector)
    unavailable = ("the terminal interface is not available in this installation; "
                   "every action has a command instead (see `workshop --help`)")
    if replay:
        def replayer() -> Callable[..., int]:
            from workshop.tui.replay_app import run_replay

            return run_replay

        run_tui(session, replayer, unavailable, workshop, projector=projector)
        return

    def facilitation() -> Callable[..., int]:
        from workshop.tui.app import run_app

        return run_app

    run_tui(session, facilitation, unavailable, workshop, projector=projector, playbook=session.playbook,
            lang=session.lang, actor=session.actor)


def run_tui(session: Session, load: Callable[[], Callable[..., int]], unavailable: str, *args: Any,
            **options: Any) -> None:
    """Run the interface that `load` imports on the session's database (closed first, the interface
    opens its own), with `args` and `options`; `unavailable` says what to do instead when the
    interface is not part of this installation. Exits with the interface's exit code."""
    try:
        run = load()
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith(("textual", "workshop.tui")):
            raise
        raise TuiUnavailable(unavailable) from None
    db = session.db_path
    session.close()
    code = run(db, *args, **options)
    if code:
        raise typer.Exit(code)
