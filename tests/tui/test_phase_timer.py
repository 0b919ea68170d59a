"""The phase timer as the room meets it: stored with the workshop, so it keeps its time when the
app is closed and opened again, a second window (or the command line) shows the same time within
a second, undo passes over it, and a replay shows it as it stood at the event shown.

Times are compared with a tolerance of a few seconds: the machine running the tests may be busy.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from phase_helpers import notices, open_form, open_on, screen_text, seconds_shown, timer_shown, until
from textual.widgets import Input

from workshop.domain.timers import utc_now
from workshop.domain.values import Phase
from workshop.engine import Engine, open_engine
from workshop.replay import parse_time
from workshop.tui.app import create_app
from workshop.tui.replay_app import ReplayApp
from workshop.tui.screens.what_if import WhatIfScreen
from workshop.tui.screens.what_is import WhatIsScreen

FULL = 40 * 60
"""What If's timebox in the bundled playbook."""


def _left(engine: Engine, workshop: int, phase: Phase) -> float:
    """The time left on a phase's timer as the database has it, now."""
    return engine.load(workshop).timer(phase).remaining(utc_now())


def test_the_timer_keeps_running_when_the_app_is_closed_and_opened_again(engine: Engine, journey: int,
                                                                         db_path: Path) -> None:
    async def first() -> int:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await until(pilot, lambda: timer_shown(app) == ("40:00", "paused (t)"))
            await pilot.press("t")
            await until(pilot, lambda: timer_shown(app)[1] == "running")
            return seconds_shown(app)

    async def second(other: Engine) -> tuple[int, float]:
        app = create_app(other, journey)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await until(pilot, lambda: timer_shown(app)[1] == "running")
            return seconds_shown(app), _left(other, journey, Phase.WHAT_IF)

    shown_before = asyncio.run(first())
    assert FULL - 5 <= shown_before <= FULL
    time.sleep(1.5)  # closed for a moment: the timer runs on
    other = open_engine(str(db_path))  # as another process would open the file
    try:
        shown_after, stored = asyncio.run(second(other))
    finally:
        other.store.close()
    assert abs(shown_after - stored) <= 2
    assert shown_after <= FULL - 1  # the time the app was closed counted
    assert shown_after >= FULL - 30


def test_a_timer_started_and_paused_in_one_window_shows_so_in_the_other(engine: Engine, journey: int,
                                                                       db_path: Path) -> None:
    other = open_engine(str(db_path))

    async def scenario() -> None:
        here, there = open_on(engine, journey, "what-if"), create_app(other, journey)
        async with here.run_test(size=(120, 36)) as pilot, there.run_test(size=(120, 36)) as other_pilot:
            await until(pilot, lambda: isinstance(here.screen, WhatIfScreen))
            await until(other_pilot, lambda: timer_shown(there) == ("40:00", "paused (t)"))
            await pilot.press("t")
            await until(pilot, lambda: timer_shown(here)[1] == "running")
            await until(other_pilot, lambda: timer_shown(there)[1] == "running", timeout=4)
            assert abs(seconds_shown(there) - seconds_shown(here)) <= 2
            await other_pilot.press("t")  # paused in the second window
            await until(other_pilot, lambda: timer_shown(there)[1] == "paused (t)")
            await until(pilot, lambda: timer_shown(here)[1] == "paused (t)", timeout=4)
            stored = _left(engine, journey, Phase.WHAT_IF)
            await asyncio.sleep(1.2)  # paused: neither window counts down any more
            await until(pilot, lambda: timer_shown(here)[0] == timer_shown(there)[0])
            assert abs(seconds_shown(here) - stored) <= 1

    try:
        asyncio.run(scenario())
    finally:
        other.store.close()


def test_a_timer_started_from_the_command_line_shows_running_in_the_open_app(engine: Engine, journey: int,
                                                                            db_path: Path) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await until(pilot, lambda: timer_shown(app)[1] == "paused (t)")
            done = await asyncio.to_thread(
                subprocess.run, [sys.executable, "-m", "workshop", "--db", str(db_path), "timer", str(journey),
                                 "start", "--minutes", "25"],
                capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
            assert done.returncode == 0, done.stderr
            assert done.stdout == "started the What If timer (25:00 left)\n"
            await until(pilot, lambda: timer_shown(app)[1] == "running", timeout=4)
            assert 25 * 60 - 6 <= seconds_shown(app) <= 25 * 60

    asyncio.run(scenario())


def test_time_up_is_announced_once_per_run_and_not_again_after_a_restart(engine: Engine, journey: int) -> None:
    engine.set_phase(journey, "what-if")
    engine.start_timer(journey, minutes=0.02)  # about a second, run out before the app opens
    time.sleep(1.3)

    async def scenario() -> None:
        app = create_app(engine, journey)
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await until(pilot, lambda: "TIME IS UP" in screen_text(app))
            await asyncio.sleep(1.2)
            await pilot.pause()
            assert "Time is up for What If." not in notices(app)  # it was said when it ran out
            used = engine.load(journey).timer(Phase.WHAT_IF).used(utc_now())
            engine.set_timebox(journey, "what-if", minutes=(used + 3) / 60)  # more time (another window): a new run
            await until(pilot, lambda: timer_shown(app)[1] == "running")
            await until(pilot, lambda: "Time is up for What If." in notices(app), timeout=8)
            await asyncio.sleep(1.2)
            await pilot.pause()
            assert notices(app).count("Time is up for What If.") == 1

    asyncio.run(scenario())


def test_undo_undoes_the_change_and_leaves_the_timer_as_it_is(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await pilot.press("t")
            await until(pilot, lambda: timer_shown(app)[1] == "running")
            await pilot.press("a")
            form = await open_form(pilot, app)
            form.query_one("#field-text", Input).focus()
            await pilot.press(*"Hentested i nabolaget", "enter")
            await until(pilot, lambda: len(engine.load(journey).ideas) == 1)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await until(pilot, lambda: "Hentested i nabolaget" in screen_text(app))
            await pilot.press("t")
            await until(pilot, lambda: timer_shown(app)[1] == "paused (t)")
            paused = engine.load(journey).timer(Phase.WHAT_IF)
            await pilot.press("ctrl+z")
            await until(pilot, lambda: "Undid: added idea I1" in " ".join(notices(app)))
            await until(pilot, lambda: "Hentested i nabolaget" not in screen_text(app))
            assert engine.load(journey).ideas == ()
            assert engine.load(journey).timer(Phase.WHAT_IF) == paused
            assert timer_shown(app)[1] == "paused (t)"
            await pilot.press("ctrl+z")  # the timer is still not what undo takes back
            await until(pilot, lambda: "Nothing of yours to undo" in " ".join(notices(app)))
            assert engine.load(journey).timer(Phase.WHAT_IF) == paused
        actions = [e.action for e in engine.events(journey)]
        assert actions[-4:] == ["timer.start", "idea.add", "timer.pause", "undo"]

    asyncio.run(scenario())


def test_the_timebox_is_set_and_the_timer_reset_from_the_command_palette(engine: Engine, journey: int) -> None:
    async def scenario() -> None:
        app = open_on(engine, journey, "what-if")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WhatIfScreen))
            await pilot.press("ctrl+p", *"Set the timebox")
            await until(pilot, lambda: "Set the timebox" in screen_text(app))
            await pilot.press("enter")
            form = await open_form(pilot, app)
            field = form.query_one("#field-minutes", Input)
            assert field.value == "40"  # the playbook's
            field.value = "0"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Minutes: must be a number of minutes above 0" in screen_text(app))
            assert engine.load(journey).timer(Phase.WHAT_IF) is None
            field.value = "7,5"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: timer_shown(app) == ("7:30", "paused (t)"))
            assert "Set the What If timebox to 7.5 minutes (7:30 left)" in notices(app)
            assert engine.load(journey).timer(Phase.WHAT_IF).timebox == 450
            await pilot.press("t")
            await until(pilot, lambda: timer_shown(app)[1] == "running")
            await pilot.press("ctrl+p", *"Reset the timer")
            await until(pilot, lambda: "Reset the timer" in screen_text(app))
            await pilot.press("enter")
            await until(pilot, lambda: "Reset the What If timer (7:30 left)" in notices(app))
            assert timer_shown(app) == ("7:30", "paused (t)")

    asyncio.run(scenario())


def test_a_replay_shows_the_timer_as_it_stood_at_each_event(engine: Engine, journey: int) -> None:
    engine.set_phase(journey, "what-is")
    engine.start_timer(journey, default_minutes=45)
    time.sleep(1.1)
    engine.add_touchpoint(journey, "Får en SMS om at pakken er forsinket", stage="Delivery and use", feeling=0)
    time.sleep(1.1)
    engine.pause_timer(journey)
    log = engine.events(journey)
    started = next(k for k, e in enumerate(log, 1) if e.action == "timer.start")
    since = parse_time(log[started - 1].at)
    during = (2700 - (parse_time(log[started].at) - since).total_seconds())
    paused = engine.load(journey).timer(Phase.WHAT_IS)
    time.sleep(1.1)  # by now, a clock read now would show less than at any event

    async def scenario() -> None:
        app = ReplayApp(engine, journey)
        async with app.run_test(size=(130, 40)) as pilot:
            await until(pilot, lambda: app.replay_controller is not None and app.replay_controller.position == 1)
            await pilot.press("home", *["right"] * (started - 2))
            await until(pilot, lambda: app.replay_controller.position == started - 1
                        and isinstance(app.screen, WhatIsScreen))
            await until(pilot, lambda: timer_shown(app) == ("45:00", "paused (t)"))  # not started yet
            await pilot.press("right")
            await until(pilot, lambda: "started the What Is timer (45:00 left)" in screen_text(app))
            await until(pilot, lambda: timer_shown(app) == ("45:00", "running"))
            await pilot.press("right")
            await until(pilot, lambda: "added touchpoint" in screen_text(app))
            await until(pilot, lambda: timer_shown(app)[1] == "running")
            assert abs(seconds_shown(app) - during) <= 1
            assert seconds_shown(app) < 2700
            await pilot.press("right")
            await until(pilot, lambda: "paused the What Is timer" in screen_text(app))
            await until(pilot, lambda: timer_shown(app)[1] == "paused (t)")
            assert abs(seconds_shown(app) - paused.remaining(utc_now())) <= 1
            await pilot.press("t")  # a replay changes nothing, the timer neither
            await until(pilot, lambda: any("This is a replay" in n for n in notices(app)))
        assert engine.load(journey).timer(Phase.WHAT_IS) == paused

    asyncio.run(scenario())
