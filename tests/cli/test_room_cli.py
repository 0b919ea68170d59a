"""The rules of participants' own devices and their access, from the command line."""

from __future__ import annotations


def test_the_device_rules_are_set_and_shown(run, run_json, shop) -> None:
    assert "Own devices: participants pick their names from the list; cards anonymous while silent." in run(
        "show", shop).stdout
    run("edit", "rules", shop, "--open-join", "--anonymous", "always")
    shown = run_json("show", shop)
    assert (shown["open_join"], shown["anonymous"]) == (True, "always")
    assert "participants may add their own names; cards always anonymous" in run("show", shop).stdout
    run("edit", "rules", shop, "--no-open-join", "--anonymous", "never")
    assert (run_json("show", shop)["open_join"], run_json("show", shop)["anonymous"]) == (False, "never")


def test_a_wrong_anonymous_rule_is_refused_naming_it(run, run_json, shop) -> None:
    before = run_json("show", shop)
    result = run("edit", "rules", shop, "--anonymous", "sometimes", "--dots", "5", code=3)
    assert result.stderr.startswith("error: anonymous: must be one of: silent, always, never")
    assert run_json("show", shop) == before


def test_access_is_removed_and_given_back(run, run_json, shop) -> None:
    run("--actor", "Ingrid", "edit", "participant", shop, "Bjørn Æsøy", "--no-access")
    people = {p["name"]: p for p in run_json("show", shop)["participants"]}
    assert people["Bjørn Æsøy"]["blocked"] and not people["Åse Ødegård"]["blocked"]
    assert "no access" in [line for line in run("show", shop).stdout.splitlines() if "Bjørn" in line][0]
    assert "removed the access of participant U2 'Bjørn Æsøy'" in run("log", shop).stdout
    result = run("edit", "participant", shop, "U2", "--no-access", code=5)
    assert result.stderr == "error: participant: Bjørn Æsøy already has no access\n"
    run("edit", "participant", shop, "U2", "--access")
    assert not run_json("show", shop)["participants"][1]["blocked"]
