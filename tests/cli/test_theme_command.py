"""`workshop theme` as a facilitator regroups ideas after the session: a theme renamed, several
themes merged into one, several ideas put in one theme; each one change, undone in one step;
bad input refused with the field named and its exit code, changing nothing."""

from __future__ import annotations

import pytest


@pytest.fixture
def themed(run, shop) -> str:
    run("add", "idea", shop, "Sporing på kart", "--theme", "Synlighet")
    run("add", "idea", shop, "Ring før levering", "--theme", "Kontakt [b]nå[/b]")
    run("add", "idea", shop, "Hentested på Økern")
    return shop


def _themes(snapshot, shop) -> dict[str, str]:
    return {i.ref: i.theme for i in snapshot(shop)[0].ideas}


def test_several_themes_merge_into_one_and_one_undo_splits_them_again(run, snapshot, themed) -> None:
    before = _themes(snapshot, themed)
    result = run("theme", themed, "Synlighet", "Kontakt [b]nå[/b]", "Åpen beskjed")
    assert result.stdout.strip() == "merged 2 themes: 2 ideas moved"
    after = _themes(snapshot, themed)
    assert sorted(ref for ref, theme in after.items() if theme == "Åpen beskjed") == ["I2", "I3"]
    run("undo", themed)
    assert _themes(snapshot, themed) == before


def test_several_ideas_go_into_one_theme_and_an_empty_theme_takes_them_out(run, run_json, snapshot, themed) -> None:
    assert run_json("theme", themed, "Levering [/] æøå", "--idea", "I2", "--idea", "I4,I1") == {
        "id": snapshot(themed)[0].id, "theme": "Levering [/] æøå", "ideas": ["I2", "I4", "I1"]}
    assert {ref for ref, theme in _themes(snapshot, themed).items() if theme == "Levering [/] æøå"} == {"I1", "I2", "I4"}
    run("theme", themed, "", "--idea", "I4")
    assert _themes(snapshot, themed)["I4"] == ""
    run("undo", themed)
    run("undo", themed)
    assert _themes(snapshot, themed)["I2"] == "Synlighet"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["Synlighet"], 3, "error: theme: give the theme's name now and its new name"),
    (["Synlighet", "Ny", "--idea", "I1"], 3, "error: theme: with --idea give only the theme"),
    (["Synlighet", "Finnes ikke", "Ny"], 5, "error: theme: no idea has the theme 'Finnes ikke'"),
    (["Synlighet", "Kontakt [b]nå[/b]", "T3"], 3, "error: theme:"),
    (["Ny", "--idea", "I99"], 4, "error: idea: no idea I99"),
])
def test_bad_input_names_the_field_and_changes_nothing(run, snapshot, themed, args, code, message) -> None:
    before = snapshot(themed)
    result = run("theme", themed, *args, code=code)
    assert result.stderr.startswith(message)
    assert snapshot(themed) == before
