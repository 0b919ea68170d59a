"""Provides `workshop remove KIND W REF` for every kind of item; each removal can be undone."""

from collections.abc import Callable

import typer

from workshop.cli.context import session
from workshop.cli.options import AsJson, Workshop, ref_argument
from workshop.cli.output import done

app = typer.Typer(no_args_is_help=True)

# kind: (engine method, example reference, found by name too, what removing it also does)
KINDS: dict[str, tuple[str, str, bool, str]] = {
    "participant": ("remove_participant", "U2", True, "with the dots they cast"),
    "persona": ("remove_persona", "R1", True, "its touchpoints stay, seen by the customer in general"),
    "stage": ("remove_stage", "S6", True, "refused while it holds touchpoints"),
    "touchpoint": ("remove_touchpoint", "T3", False, "ideas linked to it stay, without the link"),
    "criterion": ("remove_criterion", "D2", False, ""),
    "idea": ("remove_idea", "I12", False, "with its links and dots; refused while a concept grows from it"),
    "concept": ("remove_concept", "C2", False, "with its assumptions; refused while a pilot tests it"),
    "assumption": ("remove_assumption", "A4", False, "pilots stop testing it"),
    "pilot": ("remove_pilot", "P1", False, ""),
}


def _command(kind: str, method: str, example: str, by_name: bool) -> Callable[..., None]:
    # Annotations are evaluated here (no postponed evaluation in this module), inside the closure.
    Ref = ref_argument(kind, example, by_name)

    def command(ctx: typer.Context, workshop: Workshop, ref: Ref, as_json: AsJson = False) -> None:
        s = session(ctx)
        removed = getattr(s.engine, method)(workshop, ref, actor=s.actor)
        done(as_json, removed, f"removed {removed}", removed=True)

    return command


for _kind, (_method, _example, _by_name, _also) in KINDS.items():
    _label = "design criterion" if _kind == "criterion" else _kind
    app.command(_kind, help=f"Remove a {_label}" + (f" ({_also})." if _also else "."))(
        _command(_label, _method, _example, _by_name))
