"""Themes as the room regroups ideas: several themes merged into one, several ideas put in one
theme; each one change in the log (undone together, replayed alike); refusals change nothing."""

from __future__ import annotations

import pytest

from workshop.domain.errors import InvalidInput, NotFound, RuleRefused
from workshop.engine import Engine
from workshop.replay import Replay


@pytest.fixture
def grouped(engine: Engine, workshop: int) -> int:
    engine.add_idea(workshop, "SMS før levering", theme="Beskjed [b]nå[/b]")
    engine.add_idea(workshop, "Sporing på kart", theme="Synlighet")
    engine.add_idea(workshop, "Ring kunden", theme="Kontakt")
    engine.add_idea(workshop, "Hentested på Økern")
    return workshop


def themes_of(engine: Engine, wid: int) -> list[str]:
    return [i.theme for i in engine.load(wid).ideas]


def test_merging_themes_is_one_change_undone_together_and_replayed_alike(engine: Engine, grouped: int) -> None:
    before = engine.last_seq(grouped)
    moved = engine.merge_themes(grouped, ["Synlighet", "Kontakt"], "Beskjed [b]nå[/b]")
    assert moved == 2
    assert themes_of(engine, grouped) == ["Beskjed [b]nå[/b]"] * 3 + [""]
    [event] = engine.events(grouped)[before:]
    assert event.action == "theme.merge"
    assert event.summary == "merged themes 'Synlighet', 'Kontakt' into 'Beskjed [b]nå[/b]' (2 ideas)"
    assert Replay.open(engine, grouped).state_at(event.seq).ideas == engine.load(grouped).ideas
    engine.undo(grouped)
    assert themes_of(engine, grouped) == ["Beskjed [b]nå[/b]", "Synlighet", "Kontakt", ""]


def test_several_ideas_are_put_in_one_theme_in_one_change(engine: Engine, grouped: int) -> None:
    before = engine.last_seq(grouped)
    assert engine.set_theme(grouped, ["I2", "i4", "I2"], "Æ ø å") == ["I2", "I4"]
    assert themes_of(engine, grouped) == ["Beskjed [b]nå[/b]", "Æ ø å", "Kontakt", "Æ ø å"]
    [event] = engine.events(grouped)[before:]
    assert (event.action, event.summary) == ("idea.theme", "put ideas I2, I4 in theme 'Æ ø å'")
    assert Replay.open(engine, grouped).state_at(event.seq).ideas == engine.load(grouped).ideas
    engine.set_theme(grouped, ["I2", "I4"], "")
    assert themes_of(engine, grouped)[1::2] == ["", ""]
    engine.undo(grouped)
    engine.undo(grouped)
    assert themes_of(engine, grouped) == ["Beskjed [b]nå[/b]", "Synlighet", "Kontakt", ""]


@pytest.mark.parametrize(("act", "error", "field"), [
    (lambda e, w: e.merge_themes(w, ["Synlighet", "Finnes ikke"], "Ny"), RuleRefused, "theme"),
    (lambda e, w: e.merge_themes(w, [], "Ny"), InvalidInput, "theme"),
    (lambda e, w: e.merge_themes(w, ["Synlighet"], "T3"), InvalidInput, "theme"),
    (lambda e, w: e.merge_themes(w, ["Synlighet"], "Synlighet"), RuleRefused, "theme"),
    (lambda e, w: e.set_theme(w, ["I1", "I99"], "Ny"), NotFound, "idea"),
    (lambda e, w: e.set_theme(w, [], "Ny"), InvalidInput, "idea"),
    (lambda e, w: e.set_theme(w, ["I2"], "Synlighet"), RuleRefused, "theme"),
    (lambda e, w: e.set_theme(w, ["I2"], "bad\x1b[31m"), InvalidInput, "theme"),
])
def test_a_refused_regrouping_names_the_field_and_changes_nothing(engine: Engine, grouped: int, act, error,
                                                                   field: str) -> None:
    before = (engine.load(grouped), engine.last_seq(grouped))
    with pytest.raises(error) as caught:
        act(engine, grouped)
    assert caught.value.message.startswith(f"{field}:")
    assert (engine.load(grouped), engine.last_seq(grouped)) == before
