"""Provides `workshop timer W [start|pause|reset|set|show]`: the phase timers, stored with the
workshop, so a script, every window of the terminal interface and a replay see the same time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from workshop.cli.context import fail, session
from workshop.cli.options import AsJson, Workshop
from workshop.cli.output import emit, table
from workshop.domain import timers
from workshop.domain.errors import WorkshopError
from workshop.domain.timers import PhaseClock, clock_text, state_words, utc_now
from workshop.domain.values import PHASE_TITLES, Phase

if TYPE_CHECKING:
    from workshop.cli.context import Session
    from workshop.domain.model import WorkshopState

app = typer.Typer()

ACTIONS = ("start", "pause", "reset", "set", "show")

Action = Annotated[str, typer.Argument(
    metavar="ACTION", show_default=False,
    help="start (or resume), pause, reset (full and paused), set (the timebox, with --minutes) "
         "or show (the default).")]
PhaseOption = Annotated[Optional[str], typer.Option(
    "--phase", metavar="PHASE", show_default=False,
    help="The phase whose timer it is: brief, what-is, what-if, what-wows or what-works "
         "(default: the phase the workshop is in; show: every phase).")]
Minutes = Annotated[Optional[str], typer.Option(
    "--minutes", metavar="M", show_default=False,
    help="The timebox in minutes, for start, reset and set (default: the playbook's for the phase).")]


def playbook_minutes(s: Session, state: WorkshopState, phase: Phase) -> int | None:
    """The playbook's timebox for a phase, chosen as the terminal interface chooses it: the
    playbook or language given on the command line, else the one the workshop was run with."""
    from workshop.playbook import Playbook

    try:
        book = Playbook.for_open(state, s.playbook, s.lang)
    except WorkshopError:
        return None  # no playbook to read: the timer needs --minutes
    return book.timebox(phase.value)


def shown_clock(state: WorkshopState, phase: Phase, default: int | None) -> PhaseClock:
    """The phase's stored timer, else one with the playbook's timebox, full and paused."""
    stored = state.timer(phase)
    if stored is not None and stored.has_timebox:
        return stored
    return PhaseClock(phase, (default or 0) * 60)


def timer_data(clock: PhaseClock, now: dt.datetime) -> dict[str, Any]:
    """A timer as plain data, with the time left at `now`."""
    return {
        "phase": clock.phase.value,
        "timebox": clock.timebox or None,
        "remaining": round(clock.remaining(now), 1) if clock.has_timebox else None,
        "running": clock.running,
        "over": clock.over(now),
        "state": state_words(clock, now) if clock.has_timebox else "no timebox",
        "elapsed": round(clock.used(now), 1),
        "since": clock.since,
    }


@app.command("timer")
def timer(
    ctx: typer.Context,
    workshop: Workshop,
    action: Action = "show",
    phase: PhaseOption = None,
    minutes: Minutes = None,
    as_json: AsJson = False,
) -> None:
    """Start, pause, reset or show a phase's timer, or set its timebox; every window shows the same time."""
    s = session(ctx)
    word = action.strip().lower()
    if word not in ACTIONS:
        fail(f"action: must be one of: {', '.join(ACTIONS)} (not {action!r})", 2)
    if minutes is not None and word in ("pause", "show"):
        fail(f"--minutes: is for start, reset and set, not {word}", 2)
    if word == "set" and minutes is None:
        fail("--minutes: set needs the timebox in minutes", 2)
    chosen = None if phase is None else timers.phase(phase)
    engine = s.engine
    state = engine.load(workshop)
    if word == "show":
        _show(s, state, chosen, as_json)
        return
    which = chosen or state.phase
    if word == "start":
        default = playbook_minutes(s, state, which) if state.timer(which) is None else None
        summary = engine.start_timer(state.id, which, minutes=minutes, default_minutes=default, actor=s.actor)
    elif word == "pause":
        summary = engine.pause_timer(state.id, which, actor=s.actor)
    elif word == "reset":
        summary = engine.reset_timer(state.id, which, minutes=minutes, actor=s.actor)
    else:
        summary = engine.set_timebox(state.id, which, minutes=minutes, actor=s.actor)  # type: ignore[arg-type]
    clock = shown_clock(engine.load(state.id), which, None)
    emit(as_json, {"id": state.id, "phase": which.value, "summary": summary,
                   "timer": timer_data(clock, utc_now())}, summary)


def _show(s: Session, state: WorkshopState, chosen: Phase | None, as_json: bool) -> None:
    now = utc_now()
    shown = [shown_clock(state, p, None if state.timer(p) else playbook_minutes(s, state, p))
             for p in ([chosen] if chosen else list(Phase))]

    def text() -> str:
        rows = []
        for clock in shown:
            if not clock.has_timebox:
                rows.append((PHASE_TITLES[clock.phase], "-", "-", "no timebox"))
                continue
            rows.append((PHASE_TITLES[clock.phase], clock_text(clock.timebox), clock_text(clock.remaining(now)),
                         state_words(clock, now)))
        return table(("PHASE", "TIMEBOX", "LEFT", "STATE"), rows)

    emit(as_json, {"id": state.id, "phase": state.phase.value,
                   "timers": [timer_data(c, now) for c in shown]}, text)
