"""`workshop timer`: the phase timers from a script. Every phase starts from its playbook's
timebox; start, pause, reset and set change the stored timer, show reads it; the time left
agrees with the clock (within a couple of seconds: the machine may be busy)."""

from __future__ import annotations

from pathlib import Path


def test_show_gives_every_phase_its_playbook_timebox(run, run_json, shop) -> None:
    lines = run("timer", shop).stdout.splitlines()
    assert lines[0].split() == ["PHASE", "TIMEBOX", "LEFT", "STATE"]
    assert lines[1].split() == ["Brief", "20:00", "20:00", "not", "started"]
    assert lines[2].split() == ["What", "Is", "45:00", "45:00", "not", "started"]
    assert len(lines) == 6
    shown = run_json("timer", shop, "show")
    assert shown["phase"] == "brief"
    assert [(t["phase"], t["timebox"], t["running"]) for t in shown["timers"]] == [
        ("brief", 1200, False), ("what-is", 2700, False), ("what-if", 2400, False),
        ("what-wows", 2400, False), ("what-works", 2100, False)]


def test_start_pause_resume_and_reset_the_current_phase(run, run_json, snapshot, shop) -> None:
    assert run("timer", shop, "start").stdout == "started the Brief timer (20:00 left)\n"
    [brief] = run_json("timer", shop, "show", "--phase", "brief")["timers"]
    assert brief["running"] and brief["state"] == "running"
    assert 1200 - 3 <= brief["remaining"] <= 1200
    paused = run_json("timer", shop, "pause")
    assert paused["summary"].startswith("paused the Brief timer (19:5") or paused["summary"] == \
        "paused the Brief timer (20:00 left)"
    assert not paused["timer"]["running"] and paused["timer"]["state"] == "paused"
    left = paused["timer"]["remaining"]
    assert run_json("timer", shop, "show", "--phase", "brief")["timers"][0]["remaining"] == left  # paused: it stays
    run("timer", shop, "start")
    run("timer", shop, "reset")
    [brief] = run_json("timer", shop, "show", "--phase", "brief")["timers"]
    assert (brief["remaining"], brief["running"], brief["state"]) == (1200, False, "not started")
    state, _events = snapshot(shop)
    assert [t.phase.value for t in state.timers] == ["brief"]
    log = run("log", shop).stdout
    for said in ("started the Brief timer (20:00 left)", "paused the Brief timer", "reset the Brief timer (20:00 left)"):
        assert said in log


def test_minutes_and_phase_give_a_timer_its_own_timebox(run, run_json, shop) -> None:
    assert run("timer", shop, "start", "--phase", "what-if", "--minutes", "12.5").stdout == \
        "started the What If timer (12:30 left)\n"
    changed = run_json("timer", shop, "set", "--phase", "What If", "--minutes", "15")
    assert changed["summary"].startswith("set the What If timebox to 15 minutes (1")
    assert changed["timer"]["timebox"] == 900 and changed["timer"]["running"]  # still running
    assert run("timer", shop, "reset", "--phase", "what_if", "--minutes", "7,5").stdout == \
        "reset the What If timer (7:30 left)\n"
    line = next(ln for ln in run("timer", shop).stdout.splitlines() if ln.startswith("What If"))
    assert line.split() == ["What", "If", "7:30", "7:30", "not", "started"]


def test_the_timebox_comes_from_the_playbook_the_workshop_was_run_with(run, tmp_path: Path) -> None:
    book = tmp_path / "playbook"
    run("playbook", "init", str(book))
    guide = book / "en" / "guides" / "what-if.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("timebox: 40", "timebox: 33").replace("minutes: 12", "minutes: 5", 1),
                     encoding="utf-8")
    assert run("playbook", "check", str(book)).exit_code == 0
    wid = run("--playbook", str(book), "new", "Returer").stdout.strip()
    run("phase", wid, "what-if")
    assert run("timer", wid, "start").stdout == "started the What If timer (33:00 left)\n"  # no --playbook needed
    # Given on the command line, another playbook decides, as it does for the terminal interface.
    assert run("timer", wid, "start", "--phase", "what-wows").stdout == "started the What Wows timer (40:00 left)\n"


def test_a_timer_does_not_fill_undo(run, shop) -> None:
    run("timer", shop, "start")
    run("add", "criterion", shop, "Kunden skal aldri måtte ringe")
    run("timer", shop, "pause")
    assert run("undo", shop).stdout.startswith("Undid: added design criterion")
    shown = run("timer", shop, "show", "--phase", "brief").stdout
    assert shown.splitlines()[1].split()[-1] == "paused"
    assert "Kunden skal aldri måtte ringe" not in run("show", shop).stdout
