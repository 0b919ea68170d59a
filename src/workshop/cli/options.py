"""Provides the arguments and options that many commands share, so each reads the same everywhere."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from workshop.cli.context import fail

Workshop = Annotated[str, typer.Argument(metavar="W", help="The workshop: its id or its slug.",
                                         show_default=False)]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")]
Text = Annotated[str, typer.Argument(metavar="TEXT", help="The text, in the customer's or the room's words.",
                                     show_default=False)]
Name = Annotated[str, typer.Argument(metavar="NAME", help="The name.", show_default=False)]


def ref_argument(kind: str, example: str, by_name: bool = False) -> Any:
    """The positional reference of the item a command works on."""
    also = " or its name" if by_name else ""
    return Annotated[str, typer.Argument(metavar="REF", show_default=False,
                                         help=f"The {kind}: its short reference ({example}){also}.")]


def text_option(flag: str, help: str, metavar: str = "TEXT") -> Any:
    return Annotated[Optional[str], typer.Option(flag, metavar=metavar, help=help, show_default=False)]


def int_option(flag: str, help: str, metavar: str = "N") -> Any:
    return Annotated[Optional[int], typer.Option(flag, metavar=metavar, help=help, show_default=False)]


def list_option(flag: str, help: str, metavar: str = "TEXT") -> Any:
    return Annotated[Optional[list[str]], typer.Option(flag, metavar=metavar, help=help, show_default=False)]


def switch(flags: str, help: str) -> Any:
    """An on/off option that is left alone when not given (for edits)."""
    return Annotated[Optional[bool], typer.Option(flags, help=help, show_default=False)]


def flag(name: str, help: str) -> Any:
    return Annotated[bool, typer.Option(name, help=help)]


PROJECTOR_HELP = "Large, high-contrast text for a projector (or set WORKSHOP_PROJECTOR=1)."
Projector = flag("--projector", PROJECTOR_HELP)
"""`--projector` on a command that opens the terminal interface (`workshop --projector`, or
WORKSHOP_PROJECTOR=1, turns it on for every such command)."""


Author = text_option("--author", "Who said it (a participant's name).", "NAME")
Position = int_option("--position", "Its place in the order, from 1.")
Feeling = int_option("--feeling", "How the customer feels: -2 frustrated, -1 unhappy, 0 neutral, "
                     "1 content, 2 delighted.")
Channel = text_option("--channel", "web, app, email, phone, chat, store, social, letter, in person or other.",
                      "CHANNEL")
Evidence = text_option("--evidence", "What shows it, e.g. \"12 calls a week about delivery time\".")
Count = int_option("--count", "The number in the evidence, e.g. 12.")
Pains = list_option("--pain", "A pain (friction) the customer meets; repeat for several.")
Persona = text_option("--persona", "The persona (R1 or a name) whose touchpoint it is.", "P")
Links = list_option("--touchpoint", "A touchpoint the idea answers (T3); repeat for several.", "T")
NewText = text_option("--text", "The new text.")
NewName = text_option("--name", "The new name.", "NAME")
Theme = text_option("--theme", "The theme (cluster) the idea belongs to.", "NAME")


def given(**fields: Any) -> dict[str, Any]:
    """The options the user gave (those not left at None)."""
    return {k: v for k, v in fields.items() if v is not None}


def needs_change(fields: dict[str, Any], *others: Any) -> None:
    """Refuse an edit that names nothing to change."""
    if not fields and not any(o is not None and o is not False and o != [] for o in others):
        fail("give at least one option to change (see --help)", 2)


def exclusive(**pairs: tuple[Any, bool]) -> None:
    """Refuse a value and its `--no-…` opposite given together."""
    for name, (value, cleared) in pairs.items():
        if cleared and value is not None:
            fail(f"--{name} and --no-{name} cannot be given together", 2)


# Options that adding and editing a concept or a pilot share.
Benefits = text_option("--benefits", "Who benefits, and how.")
Execution = text_option("--execution", "How we would deliver it.")
Rationale = text_option("--rationale", "Why it is worth doing.")
Effect = int_option("--effect", "Expected effect, 1 (little) to 5 (large).")
Cost = int_option("--cost", "Cost, 1 (cheap) to 5 (expensive).")
Hypothesis = text_option("--hypothesis", "\"We believe that … for … will …, measured by …\"")
Metric = text_option("--metric", "The success metric and its threshold.")
Owner = text_option("--owner", "Who owns the pilot.", "NAME")
Budget = text_option("--budget", "The affordable loss.")
