"""The phase timers in the engine: start, pause, reset and a new timebox are each one event with
the timers' row change; the time left follows from the stored start; bad input is refused naming
the field and changes nothing; undo and redo pass over the timers as they pass over phase moves."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.domain.errors import InvalidInput, NotFound, RuleRefused, WorkshopError
from workshop.domain.timers import (TIMER_ACTIONS, PhaseClock, clock_text, left_words, minutes, parse_moment,
                                    utc_now)
from workshop.domain.values import Phase
from workshop.engine import Engine
from workshop.engine.base import _NAVIGATION


def _clock(engine: Engine, workshop: int, phase: Phase = Phase.WHAT_IF) -> PhaseClock:
    clock = engine.load(workshop).timer(phase)
    assert clock is not None
    return clock


def test_a_timer_counts_from_its_start_and_holds_still_while_paused(engine: Engine, workshop: int) -> None:
    assert engine.start_timer(workshop, "what-if", default_minutes=10) == "started the What If timer (10:00 left)"
    clock = _clock(engine, workshop)
    event = engine.events(workshop)[-1]
    assert (event.action, event.summary) == ("timer.start", "started the What If timer (10:00 left)")
    assert clock.running and clock.timebox == 600 and clock.since == event.at  # counted from the event
    assert event.changes == [{"t": "workshop", "ref": "W", "before": {"timers": {}},
                              "after": {"timers": {"what-if": {"timebox": 600, "elapsed": 0.0, "since": event.at}}}}]
    assert 597 <= clock.remaining(utc_now()) <= 600
    assert engine.pause_timer(workshop, "what-if").startswith("paused the What If timer (")
    paused = _clock(engine, workshop)
    assert not paused.running and paused.elapsed >= 0
    later = utc_now() + dt.timedelta(minutes=5)
    assert paused.remaining(later) == paused.remaining(utc_now())  # paused: it holds still
    engine.start_timer(workshop, "what-if")  # resumed with the time it had left
    resumed = _clock(engine, workshop)
    assert resumed.elapsed == paused.elapsed and resumed.running
    assert engine.reset_timer(workshop, "what-if") == "reset the What If timer (10:00 left)"
    assert _clock(engine, workshop) == PhaseClock(Phase.WHAT_IF, 600)
    assert [e.action for e in engine.events(workshop)][-4:] == ["timer.start", "timer.pause", "timer.start",
                                                                "timer.reset"]


def test_without_a_phase_the_timer_is_the_current_phases(engine: Engine, workshop: int) -> None:
    engine.set_phase(workshop, "what-wows")
    assert engine.start_timer(workshop, default_minutes=40) == "started the What Wows timer (40:00 left)"
    assert [c.phase for c in engine.load(workshop).timers] == [Phase.WHAT_WOWS]
    assert engine.pause_timer(workshop).startswith("paused the What Wows timer")


def test_the_timebox_is_the_timers_own_once_it_has_one(engine: Engine, workshop: int) -> None:
    engine.start_timer(workshop, "what-if", default_minutes=10)
    engine.pause_timer(workshop, "what-if")
    engine.start_timer(workshop, "what-if", default_minutes=99)  # the playbook changed: the timer keeps its own
    assert _clock(engine, workshop).timebox == 600
    summary = engine.set_timebox(workshop, "What If", minutes=15)
    assert summary.startswith("set the What If timebox to 15 minutes (14:5") or summary == \
        "set the What If timebox to 15 minutes (15:00 left)"
    clock = _clock(engine, workshop)
    assert clock.timebox == 900 and clock.running  # still running, with the time it has used
    assert engine.set_timebox(workshop, "what-is", minutes=7.5) == "set the What Is timebox to 7.5 minutes (7:30 left)"
    assert _clock(engine, workshop, Phase.WHAT_IS) == PhaseClock(Phase.WHAT_IS, 450)
    assert engine.start_timer(workshop, "what-is", minutes="2,5") == "started the What Is timer (2:30 left)"
    assert [c.phase for c in engine.load(workshop).timers] == [Phase.WHAT_IS, Phase.WHAT_IF]  # phase order


@pytest.mark.parametrize(("act", "error", "message"), [
    (lambda e, w: e.start_timer(w, "what-next", default_minutes=10), InvalidInput, "phase: must be one of: brief,"),
    (lambda e, w: e.start_timer(w, "what-if", minutes=-5), InvalidInput,
     "minutes: must be a number of minutes above 0 and at most 480, not -5"),
    (lambda e, w: e.start_timer(w, "what-if", minutes=0), InvalidInput, "minutes: must be a number of minutes"),
    (lambda e, w: e.set_timebox(w, "what-if", minutes=481), InvalidInput, "minutes: must be a number of minutes"),
    (lambda e, w: e.set_timebox(w, "what-if", minutes=float("nan")), InvalidInput, "minutes: must be a number"),
    (lambda e, w: e.set_timebox(w, "what-if", minutes=float("inf")), InvalidInput, "minutes: must be a number"),
    (lambda e, w: e.set_timebox(w, "what-if", minutes=True), InvalidInput, "minutes: must be a number"),
    (lambda e, w: e.reset_timer(w, "what-is", minutes="tjue"), InvalidInput, "minutes: must be a number"),
    (lambda e, w: e.start_timer(w, "what-if"), InvalidInput, "minutes: the What If timer has no timebox yet"),
    (lambda e, w: e.start_timer(w, "what-if", default_minutes=1e6), InvalidInput, "timebox: must be a number"),
    (lambda e, w: e.start_timer(w, "what-is"), RuleRefused, "timer: the What Is timer is already running"),
    (lambda e, w: e.pause_timer(w, "what-if"), RuleRefused, "timer: the What If timer is not running"),
    (lambda e, w: e.pause_timer(w, "brief"), RuleRefused, "timer: the Brief timer is not running"),
    (lambda e, w: e.reset_timer(w, "what-if"), RuleRefused, "timer: the What If timer has not been started"),
    (lambda e, w: e.reset_timer(w, "what-wows"), RuleRefused, "timer: the What Wows timer is already full and paused"),
    (lambda e, w: e.set_timebox(w, "what-wows", minutes=20), RuleRefused, "minutes: the What Wows timebox is already 20"),
    (lambda e, w: e.start_timer(999, "what-if", default_minutes=10), NotFound, "workshop: no workshop '999'"),
])
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(engine: Engine, workshop: int, act, error,
                                                                   message: str) -> None:
    engine.start_timer(workshop, "what-is", default_minutes=45)
    engine.set_timebox(workshop, "what-wows", minutes=20)
    before, log = engine.load(workshop), engine.events(workshop)
    with pytest.raises(error) as refused:
        act(engine, workshop)
    assert str(refused.value).startswith(message), str(refused.value)
    assert refused.value.exit_code == {InvalidInput: 3, NotFound: 4, RuleRefused: 5}[error]
    assert engine.load(workshop) == before and engine.events(workshop) == log


def test_undo_and_redo_pass_over_the_timers(engine: Engine, workshop: int) -> None:
    engine.start_timer(workshop, "what-if", default_minutes=10)
    criterion = engine.add_criterion(workshop, "Kunden skal aldri måtte ringe")
    engine.pause_timer(workshop, "what-if")
    engine.set_timebox(workshop, "what-is", minutes=30)
    timers = engine.load(workshop).timers
    assert engine.undo(workshop).summary.startswith("undo: added design criterion")
    assert engine.load(workshop).criteria == () and engine.load(workshop).timers == timers
    engine.reset_timer(workshop, "what-if")  # a timer event leaves what can be redone alone
    timers = engine.load(workshop).timers
    assert engine.redo(workshop).summary.startswith("redo: added design criterion")
    state = engine.load(workshop)
    assert [c.ref for c in state.criteria] == [criterion] and state.timers == timers
    engine.undo(workshop)
    assert engine.undo(workshop).summary.startswith("undo: added participant")  # the timers are never undone
    with pytest.raises(RuleRefused, match="nothing to undo"):
        engine.undo(workshop)
    assert engine.load(workshop).timers == timers


def test_every_timer_action_is_one_that_undo_passes_over(engine: Engine, workshop: int) -> None:
    assert set(TIMER_ACTIONS) <= _NAVIGATION
    engine.start_timer(workshop, "brief", default_minutes=20)
    engine.set_timebox(workshop, "brief", minutes=25)
    engine.reset_timer(workshop, "brief")
    engine.start_timer(workshop, "brief")
    engine.pause_timer(workshop, "brief")
    logged = {e.action for e in engine.events(workshop) if e.action.startswith("timer.")}
    assert logged == set(TIMER_ACTIONS)


def test_a_copy_keeps_the_timeboxes_with_every_timer_full_and_paused(engine: Engine, workshop: int) -> None:
    engine.start_timer(workshop, "what-if", minutes=25)
    engine.set_timebox(workshop, "what-is", minutes=30)
    copy, _ = engine.duplicate_workshop(workshop, "Leveranser, høsten")
    assert engine.load(copy).timers == (PhaseClock(Phase.WHAT_IS, 1800), PhaseClock(Phase.WHAT_IF, 1500))
    assert engine.load(workshop).timer(Phase.WHAT_IF).running


def test_the_time_left_in_words_and_digits() -> None:
    start = dt.datetime(2026, 12, 1, 9, 40, tzinfo=dt.UTC)
    clock = PhaseClock(Phase.WHAT_IF, 600, 12.5, start.isoformat())
    assert clock.remaining(start + dt.timedelta(seconds=30)) == 557.5
    assert clock_text(clock.remaining(start)) == "9:48"  # 587.5 s: a countdown shows the second it is in
    assert clock_text(600) == "10:00" and clock_text(0.4) == "0:01" and clock_text(0) == "0:00"
    late = start + dt.timedelta(seconds=617.5)
    assert clock.over(late) and clock_text(clock.remaining(late)) == "-0:30"
    assert left_words(clock, late) == "0:30 over" and left_words(clock, start) == "9:48 left"
    assert clock.remaining(start - dt.timedelta(hours=1)) == 587.5  # a clock set back never runs backwards
    assert parse_moment("2026-12-01T09:40:00") == start  # a moment without an offset is UTC
    assert not PhaseClock(Phase.BRIEF).over(late) and left_words(PhaseClock(Phase.BRIEF), late) == "no timebox"
    with pytest.raises(WorkshopError):
        minutes("")
