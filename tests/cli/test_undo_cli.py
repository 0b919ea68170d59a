"""`workshop undo` and `redo` from the command line take back only the actor's own changes, say
what they took back, and refuse (exit 5, nothing changed) where someone else's work is in the way;
an actor that is not a clean one-line name is refused at the door (exit 3)."""

from __future__ import annotations

import pytest

KARI = "Kari Nordmann"


def test_two_actors_interleaved_each_undo_their_own(run, run_json, snapshot, shop) -> None:
    run("--actor", KARI, "add", "idea", shop, "Hentested på jobben")  # I2
    run("add", "criterion", shop, "Ingen skal måtte ringe oss")  # no actor: the command line's
    run("--actor", KARI, "edit", "touchpoint", shop, "T1", "--feeling", "1")

    assert run("undo", shop).stdout == "Undid: added design criterion D1 'Ingen skal måtte ringe oss'\n"
    state, _ = snapshot(shop)
    assert state.criteria == () and state.touchpoint("T1").feeling == 1 and state.idea("I2")

    out = run_json("--actor", KARI, "undo", shop)
    assert out["summary"] == "undo: edited touchpoint T1 'Jeg venter på pakken i ti dager': feeling"
    assert out["words"] == "Undid: edited touchpoint T1 'Jeg venter på pakken i ti dager': feeling"
    log = run_json("log", shop)["events"]
    assert out["seq"] == log[-1]["seq"] and out["undone"] == log[-3]["seq"] and log[-1]["actor"] == KARI
    # --actor also reads naturally after the command.
    assert run("undo", shop, "--actor", KARI).stdout == "Undid: added idea I2 'Hentested på jobben'\n"
    state, _ = snapshot(shop)
    assert state.touchpoint("T1").feeling == -2 and state.idea("I2") is None

    redone = run_json("redo", shop, "--actor", KARI)
    added = next(e["seq"] for e in log if e["summary"].startswith("added idea I2"))
    assert redone["words"] == "Redid: added idea I2 'Hentested på jobben'" and redone["redone"] == added
    assert run("redo", shop).stdout == "Redid: added design criterion D1 'Ingen skal måtte ringe oss'\n"
    result = run("redo", shop, code=5)
    assert result.stderr == "error: redo: nothing of yours to redo (Kari Nordmann's changes are theirs)\n"


def test_nothing_of_yours_names_whose_changes_there_are(run, shop) -> None:
    result = run("--actor", "Ingrid Sæther", "undo", shop, code=5)
    assert result.stderr == "error: undo: nothing of yours to undo (the CLI's changes are theirs)\n"


def test_an_undo_that_would_take_someone_elses_dots_is_refused_and_changes_nothing(run, snapshot, shop) -> None:
    run("--actor", "Ingrid Sæther", "add", "idea", shop, "Ring kunden før levering")  # I2
    run("--actor", "Åse Ødegård", "vote", shop, "--participant", "Åse Ødegård", "--idea", "I2")
    before = snapshot(shop)
    result = run("--actor", "Ingrid Sæther", "undo", shop, code=5)
    assert result.stderr == "error: undo: idea I2 has dots from Åse Ødegård since; nothing undone\n"
    assert snapshot(shop) == before  # the rows and the number of events


def test_the_log_names_who_undid(run, shop) -> None:
    run("--actor", KARI, "add", "criterion", shop, "Svar samme dag")
    run("--actor", KARI, "undo", shop)
    lines = run("log", shop).stdout.splitlines()
    assert KARI in lines[-2] and "added design criterion D1" in lines[-2]
    assert KARI in lines[-1] and "undo: added design criterion D1" in lines[-1]


@pytest.mark.parametrize(("actor", "problem"), [
    ("Kari\x1b[31m", "actor: contains a control character (U+001B"),
    ("Kari\nNordmann", "actor: must be one line"),
    ("K" * 201, "actor: is 201 characters long; the limit is 200"),
])
def test_an_actor_that_is_not_a_clean_name_is_refused_with_exit_3(run, snapshot, shop, monkeypatch,
                                                                  actor, problem) -> None:
    before = snapshot(shop)
    for args in (("--actor", actor, "add", "criterion", shop, "Gratis frakt"),
                 ("undo", shop, "--actor", actor)):
        assert run(*args, code=3).stderr.startswith(f"error: {problem}")
    monkeypatch.setenv("WORKSHOP_ACTOR", actor)
    assert run("add", "criterion", shop, "Gratis frakt", code=3).stderr.startswith(f"error: {problem}")
    assert snapshot(shop) == before
