"""Provides the `workshop` command: the Typer app, its global options and `main()`.

Every action of the facilitation engine has a command here, so a whole workshop can be run from
a script. Commands open the engine lazily and only the ones that open the terminal interface
import it (and with it Textual).
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from workshop.cli import add, edit, history, io, remove, serve, timer, votes, workshops
from workshop.cli.playbook import app as playbook_app
from workshop.cli.context import ErrorReportingGroup, Session
from workshop.cli.launch import open_tui
from workshop.domain import validate
from workshop.domain.errors import InvalidInput

app = typer.Typer(
    name="workshop",
    cls=ErrorReportingGroup,
    help=(
        "Run design-thinking workshops about a customer journey: What Is, What If, What Wows, "
        "What Works. Without a command, opens the workshop picker in the terminal interface."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Optional[str],
        typer.Option("--db", metavar="PATH",
                     help="The database file (default: WORKSHOP_DB, else your user data folder)."),
    ] = None,
    lang: Annotated[
        Optional[str],
        typer.Option("--lang", envvar="WORKSHOP_LANG",
                     help="Language of the playbook and stage names for new workshops (en, nb)."),
    ] = None,
    playbook: Annotated[
        Optional[str],
        typer.Option("--playbook", metavar="DIR", envvar="WORKSHOP_PLAYBOOK",
                     help="A playbook folder to use instead of the bundled one."),
    ] = None,
    actor: Annotated[
        Optional[str],
        typer.Option("--actor", metavar="NAME", envvar="WORKSHOP_ACTOR",
                     help="Who makes the changes, as written in the event log; undo and redo take "
                          "back only this actor's changes (in the terminal interface: default the "
                          "brief's facilitator, else \"Facilitator\")."),
    ] = None,
    projector: Annotated[
        bool,
        typer.Option("--projector",
                     help="Open the terminal interface in projector mode: large, high-contrast text "
                          "(for the picker and every command that opens the interface; or set "
                          "WORKSHOP_PROJECTOR=1)."),
    ] = False,
) -> None:
    """Run design-thinking workshops about a customer journey."""
    # Checked before anything opens, like any name typed: one line, no control characters.
    actor = validate.name("actor", actor, required=False) or None
    if db is not None and not db.strip():
        raise InvalidInput("db", "is empty; give a database file, or leave --db out to use "
                                 "WORKSHOP_DB, else the one in your user data folder")
    session = Session(db=db, lang=lang, playbook=playbook, actor=actor, projector=projector)
    ctx.obj = session
    ctx.call_on_close(session.close)
    if ctx.invoked_subcommand is None:
        open_tui(session)


looking_back = typer.Typer()
history.register(looking_back)
for part in (workshops.app, votes.app, timer.app, io.app, serve.app, looking_back):
    app.add_typer(part)
app.add_typer(add.app, name="add", help="Add a participant, persona, stage or item to a workshop.")
app.add_typer(edit.app, name="edit", help="Change the brief, the rules, a participant or an item.")
app.add_typer(remove.app, name="remove", help="Remove a participant, persona, stage or item.")

app.add_typer(playbook_app, name="playbook")


def main() -> None:
    """Run the `workshop` command; a user's mistake ends with a message and its exit code."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)


__all__ = ["app", "main"]
