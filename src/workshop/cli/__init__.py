"""Provides the `workshop` command: the Typer app, its global options and `main()`.

Every action of the facilitation engine has a command here, so a whole workshop can be run from
a script. Commands open the engine lazily and only the ones that open the terminal interface
import it (and with it Textual).
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any, Optional

import typer
from typer._click.core import ParameterSource

from workshop.cli import text_options
from workshop.cli.context import ErrorReportingGroup, LazyCommands, Session
from workshop.cli.launch import open_tui
from workshop.domain import validate
from workshop.domain.errors import InvalidInput

text_options.install()

PARTS: dict[str, tuple[str, ...]] = {
    "workshops": ("new", "list", "show", "copy", "delete", "phase", "undo", "redo", "theme", "open", "demo"),
    "votes": ("vote", "unvote", "reveal"),
    "timer": ("timer",),
    "io": ("export", "import", "log"),
    "serve": ("serve",),
    "batch": ("batch",),
    "history": ("replay", "compare"),
    "add": ("add",),
    "edit": ("edit",),
    "remove": ("remove",),
    "playbook": ("playbook",),
}
"""The modules of `workshop.cli` and the commands each holds, in the order `--help` lists them.
A command's module is imported when the command runs (or `--help` lists it), not with the others:
`workshop list` imports what `list` needs. tests/cli/test_reads_without_the_orm.py checks this
table against what the modules hold."""

GROUPS = {
    "add": "Add a participant, persona, stage or item to a workshop.",
    "edit": "Change the brief, the rules, a participant or an item.",
    "remove": "Remove a participant, persona, stage or item.",
    "playbook": None,  # its own help
}
"""The parts that are a group of commands (`workshop add idea …`), with their help."""


def load_part(part: str) -> dict[str, Any]:
    """The commands of the module `part` of `workshop.cli`, made as Typer makes them."""
    from typer.main import TyperInfo, get_group_from_info

    module = importlib.import_module(f"workshop.cli.{part}")
    if part == "history":
        holder = typer.Typer()
        module.register(holder)
    else:
        holder = module.app
    settings = {"pretty_exceptions_short": app.pretty_exceptions_short, "rich_markup_mode": app.rich_markup_mode,
                "suggest_commands": app.suggest_commands}
    if part in GROUPS:
        info = TyperInfo(holder, name=part) if GROUPS[part] is None else TyperInfo(holder, name=part, help=GROUPS[part])
        return {part: get_group_from_info(info, **settings)}
    return dict(get_group_from_info(TyperInfo(holder), **settings).commands)


class RootGroup(ErrorReportingGroup):
    """The `workshop` command: its commands made when first asked for (see `PARTS`)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.commands, PARTS, load_part)


app = typer.Typer(
    name="workshop",
    cls=RootGroup,
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
    outer = ctx.obj if isinstance(ctx.obj, Session) else None
    if outer is not None:
        # A line of `workshop batch`: it runs on the batch's database, in the batch's engine.
        if db is not None:
            raise InvalidInput("db", "a batch runs every line on one database; give --db before "
                                     "`batch`, not on a line")
        # The environment was read once for the batch: what a line does not give on it is the
        # batch's (`--actor X batch` keeps X for every line, whatever WORKSHOP_ACTOR says).
        typed = {name: value for name, value in (("lang", lang), ("playbook", playbook), ("actor", actor))
                 if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE}
        session = outer.line(**{"lang": None, "playbook": None, "actor": None, **typed})
    else:
        session = Session(db=db, lang=lang, playbook=playbook, actor=actor, projector=projector)
        ctx.call_on_close(session.close)
    ctx.obj = session
    if ctx.invoked_subcommand is None:
        open_tui(session)




def main() -> None:
    """Run the `workshop` command; a user's mistake ends with a message and its exit code."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)


__all__ = ["app", "main"]
