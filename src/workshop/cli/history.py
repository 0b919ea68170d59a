"""Provides the commands that look back: `replay W` (the terminal interface, read-only, stepping
through the event log) and `compare A B` (what moved between two workshops on the same journey)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from workshop.cli.context import session
from workshop.cli.launch import projector_on, run_tui
from workshop.cli.options import AsJson, Projector, Workshop
from workshop.domain.errors import InvalidInput


def replay(
    ctx: typer.Context,
    workshop: Workshop,
    projector: Projector = False,
) -> None:
    """Step through how a workshop went, read-only: one event at a time, phase by phase, or playing."""
    s = session(ctx)
    wid = s.engine.workshop_id(workshop)
    projector = projector_on(s, projector)

    def replayer() -> Callable[..., int]:
        from workshop.tui.replay_app import run_replay

        return run_replay

    run_tui(s, replayer, "replay: the terminal interface is not available in this installation; "
                         f"`workshop log {workshop}` shows the event log and `workshop export {workshop} "
                         "--at EVENT` the workshop as it was", wid, projector=projector)


def compare(
    ctx: typer.Context,
    then: Annotated[str, typer.Argument(metavar="A", help="The earlier workshop: its id or slug.", show_default=False)],
    now: Annotated[str, typer.Argument(metavar="B", help="The later workshop: its id or slug.", show_default=False)],
    pair: Annotated[Optional[list[str]], typer.Option(
        "--pair", metavar="THEN=NOW", show_default=False,
        help="Pair by hand what the text did not match: a touchpoint (T3=T9) or a stage (S5=S6); "
             "repeat for more.")] = None,
    then_at: Annotated[Optional[str], typer.Option(
        "--then-at", metavar="EVENT|TIME", show_default=False,
        help="Take A as it was after this event number or at this time (ISO, local unless an "
             "offset is given).")] = None,
    now_at: Annotated[Optional[str], typer.Option(
        "--now-at", metavar="EVENT|TIME", show_default=False,
        help="Take B as it was after this event number or at this time.")] = None,
    tui: Annotated[bool, typer.Option(
        "--tui", help="Show the comparison in the terminal interface (pair by hand with p).")] = False,
    projector: Projector = False,
    out: Annotated[Optional[Path], typer.Option(
        "--out", metavar="FILE", show_default=False, help="Write the Markdown to this file instead of printing (`-`: print).")] = None,
    as_json: AsJson = False,
) -> None:
    """Compare two workshops on the same journey: feelings that moved, pains gone and new, moments
    of truth, the weakest link then and now, pilots carried over. Prints Markdown (or JSON)."""
    import json

    from workshop.cli.io import write_out
    from workshop.compare import compare as compare_states
    from workshop.compare import compare_markdown, parse_pair, to_json
    from workshop.replay import state_at_point

    pairs = [parse_pair(p) for p in pair or []]
    s = session(ctx)
    engine = s.engine
    if tui:
        if then_at or now_at or as_json or out:
            raise InvalidInput("tui", "--tui shows both workshops as they are now; leave out "
                                      "--then-at, --now-at, --json and --out")
        a_id, b_id = engine.workshop_id(then), engine.workshop_id(now)
        from workshop.compare import compare as check

        check(engine.load(a_id), engine.load(b_id), pairs=pairs)  # a bad pair is refused here
        projector = projector_on(s, projector)

        def comparer() -> Callable[..., int]:
            from workshop.tui.screens.compare import run_compare

            return run_compare

        run_tui(s, comparer, "tui: the terminal interface is not available in this installation",
                a_id, b_id, pairs, projector=projector)
        return
    a = state_at_point(engine, then, then_at)[0] if then_at else engine.load(then)
    b = state_at_point(engine, now, now_at)[0] if now_at else engine.load(now)
    result = compare_states(a, b, pairs=pairs)
    content = json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n" if as_json else compare_markdown(result)
    write_out(out, content)


def register(app: typer.Typer) -> None:
    """Add `replay` and `compare` to the `workshop` command."""
    app.command("replay")(replay)
    app.command("compare")(compare)


__all__ = ["compare", "register", "replay"]
