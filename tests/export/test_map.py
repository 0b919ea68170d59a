"""The printable journey map and the emotion curve, read back as a browser builds them: the grid
of stages and lanes with every text typed, the curve with a point per rated touchpoint and none
for an unrated one, nothing that loads or runs, and hostile text that stays text."""

from __future__ import annotations

import re

import pytest
from map_checks import grid, loads_nothing, read_curve, read_page, reading, shape, text_of

from workshop.export import render

HOSTILE = ("<img src=x onerror=alert(1)> </script><script>alert(2)</script> {{ 7*7 }} {% raw %} ${x} "
           "& &amp; &lt;b&gt; \" ' ` <!-- --> ]]> <![CDATA[ x ]]> æøå 🙂 שלום \ufeff \u200b\n"
           "<svg onload=alert(3)> javascript:alert(4) url(http://x.no/a.png) @import 'http://x.no';")


def test_the_map_is_a_grid_of_stages_and_lanes_holding_every_text_typed(nordic) -> None:
    state = nordic.state
    page = render("map", state)
    text = text_of(page)
    for value in (state.title, state.challenge, state.scope, *state.success_measures, *state.constraints,
                  state.facilitator):
        assert value in text
    for persona in state.personas:
        assert persona.name in text and persona.description in text
    for stage in state.stages:
        assert stage.name in text
    for tp in state.touchpoints:
        assert tp.text in text, tp.ref
        for pain in tp.pains:
            assert pain in text
        if tp.evidence:
            assert tp.evidence in text
    for criterion in state.criteria:
        assert criterion.text in text
    # A column per touchpoint, and the stage without touchpoints (Oppfølging) keeps one of its own.
    assert 'repeat(6, minmax(0, 1fr))' in page
    assert text.count("No touchpoints in this stage yet.") == 1


def test_the_stages_show_what_answers_them_and_where_the_journey_hurts_most(nordic) -> None:
    lanes = grid(render("map", nordic.state))
    assert list(lanes) == ["Stage", "Touchpoints in the customer's words", "Channel", "Feeling", "Pains",
                           "Evidence", "Moment of truth", "Ideas", "Pilots"]
    assert ["weakest link" in s for s in lanes["Stage"]] == [False, False, False, True, False]  # Kundeservice: −2
    assert lanes["Channel"] == ["social", "web", "email", "store", "phone", ""]
    assert lanes["Moment of truth"] == ["", "", "T3", "", "T5", ""]
    ideas = lanes["Ideas"]
    assert ideas[0] == ideas[4] == "No ideas for this stage yet."
    assert ideas[1].startswith("I4 Hentested-velger som viser avstand og åpningstider ● 2 (T2)")
    assert "I1 Proaktiv SMS" in ideas[2] and "I2 Live-kart" in ideas[2] and ideas[3].startswith("I3 Utvid")
    pilots = lanes["Pilots"]
    # SMS comes from I1 (T3 in stage 3); the evening shift from I3 (T5, stage 4).
    assert pilots[2].startswith("#1 P1 SMS-varsel ved forsinkelse i Oslo Bjørn Kværnes · 2025-04-01 → 2025-05-15")
    assert "P3 Kart-prototype i appen" in pilots[2] and "Kveldsvakt i påsken" in pilots[3]
    assert pilots[0] == pilots[1] == pilots[4] == ""
    # The idea still hidden (written in silence) is only counted.
    text = text_of(render("map", nordic.state))
    assert "Pakkeboks ved døra" not in text and "1 idea written in silence is hidden" in text


def test_the_map_loads_nothing_and_runs_nothing(nordic) -> None:
    page = render("map", nordic.state)
    assert loads_nothing(page) == []
    assert "default-src 'none'" in page  # even text that became markup could fetch or run nothing
    assert "@page { size: A3 landscape" in page


def test_the_curve_has_a_point_per_rated_touchpoint_and_none_for_an_unrated_one(engine) -> None:
    wid, _ = engine.create_workshop("Kurve", stages=["Før", "Under", "Etter"])
    for stage, text, feeling in (("S1", "Ser annonsen", 1), ("S1", "Leser vilkårene", None),
                                 ("S2", "Venter på pakken", -2), ("S2", "Ringer", 0), ("S3", "Får pakken", 2)):
        engine.add_touchpoint(wid, text, stage=stage, feeling=feeling, moment_of_truth=text == "Ringer")
    state = engine.load(wid)
    curve = read_curve(render("curve", state))
    assert len(curve.points) == 4
    xs = [x for x, _ in curve.points]
    assert xs == sorted(xs)  # journey order
    ys = [y for _, y in curve.points]
    # +1, −2, 0, +2: higher feeling, higher on the slide (smaller y); 0 is not where "not rated" is.
    assert ys[3] < ys[0] < ys[2] < ys[1]
    assert "not rated" in curve.texts
    assert any(t.startswith("T2: Leser vilkårene") for t in curve.titles)
    assert curve.root.get("font-family") == "sans-serif"
    assert [t for t in curve.texts if t in ("T1", "T2", "T3", "T4", "T5")] == ["T1", "T2", "T3", "T4", "T5"]
    rings = curve.root.findall(".//{http://www.w3.org/2000/svg}g[@class='points']//*[@class='mot-ring']")
    assert len(rings) == 1
    # The map draws the same line through its columns.
    page = render("map", state)
    (points,) = re.findall(r'<polyline class="line" points="([^"]*)"', page)
    assert len(points.split()) == 4


@pytest.mark.parametrize("what", ["map", "curve"])
def test_a_workshop_with_nothing_mapped_yet_still_exports(engine, what: str) -> None:
    bare, _ = engine.create_workshop("Tom", stages=["Første"])
    out = render(what, engine.load(bare))
    assert "polyline" not in out
    assert ("No touchpoints yet" in out) if what == "curve" else ("No touchpoints in this stage yet." in out)
    engine.remove_stage(bare, "S1")
    out = render(what, engine.load(bare))
    if what == "curve":
        read_curve(out)
    else:
        assert "No stages yet" in out and loads_nothing(out) == []


def test_hidden_ideas_and_blind_dots_stay_hidden(engine) -> None:
    from export_workshop import build

    state = engine.load(build(engine, reveal=False))
    page = render("map", state)
    text = text_of(page)
    assert "Pakkeboks ved døra" not in text
    assert "1 idea written in silence is hidden" in text
    assert "(the tally is hidden)" in text and "●" not in text.replace("● dots from the vote", "")



def test_the_glance_names_a_tie_for_the_weakest_link_and_the_top_three_pilots(engine) -> None:
    w, _ = engine.create_workshop("Uavgjort", stages=["Bestilling", "Levering", "Retur"])
    engine.add_touchpoint(w, "Skjemaet er langt", stage="S1", feeling=-2, pains=["Tregt"])
    engine.add_touchpoint(w, "Pakken er borte", stage="S2", feeling=-2, pains=["Ingen svar"])
    engine.add_touchpoint(w, "Returen er enkel", stage="S3", feeling=1)
    engine.add_idea(w, "Kortere skjema")
    concept = engine.add_concept(w, "I1")
    for n, owner in enumerate(["Åse", "Bjørn", "Kari", "Per"], start=1):
        engine.add_pilot(w, f"Pilot {n} på Østlandet", concept=concept, owner=owner)
    text = " ".join(text_of(render("map", engine.load(w))).split())
    assert "Weakest link: a tie between 2 stages S1 Bestilling mean feeling −2.0" in text
    assert "S2 Levering mean feeling −2.0" in text
    top = text.split("Top pilots in the backlog")[1].split("Stage")[0]
    assert "#1 P1 Pilot 1 på Østlandet owner Åse" in top and "#3 P3" in top and "owner Kari" in top
    assert "owner Per" not in top

def _hostile_workshop(engine, note: str, name: str) -> int:
    w, _ = engine.create_workshop(name, challenge=note, stages=[name], facilitator=name)
    engine.edit_brief(w, scope=note, success_measures=[note], constraints=[note])
    engine.add_persona(w, name, description=note)
    engine.add_touchpoint(w, note, stage="S1", persona="R1", feeling=-1, pains=[note], evidence=note,
                          evidence_count=3, moment_of_truth=True)
    engine.add_criterion(w, note)
    engine.add_idea(w, note, touchpoints=["T1"])
    engine.add_concept(w, "I1", big_idea=note, effect=4, cost=2)
    engine.add_pilot(w, name, concept="C1", owner=name, start="2025-04-01", end="2025-04-30")
    engine.set_rules(w, blind=False)
    return w


def test_hostile_text_is_text_in_the_map_and_the_curve(engine) -> None:
    plain = engine.load(_hostile_workshop(engine, "notat", "navn"))
    name = HOSTILE.replace("\n", " ")[:190]
    hostile = engine.load(_hostile_workshop(engine, HOSTILE, name))
    page = render("map", hostile)
    assert shape(page) == shape(render("map", plain))
    assert loads_nothing(page) == []
    texts = read_page(page).texts
    assert sum(HOSTILE in t for t in texts) >= 9 and sum(name in t for t in texts) >= 5
    assert "{{ 7*7 }}" in page and "49" not in text_of(page)
    curve = read_curve(render("curve", hostile))
    assert len(curve.points) == 1
    assert any(HOSTILE in t for t in curve.titles) and any(name in t for t in curve.titles)


def test_characters_xml_cannot_hold_become_a_replacement_mark(engine) -> None:
    wid, _ = engine.create_workshop("Ikke-tegn \uffff", stages=["Bruk \ufffe"])
    engine.add_touchpoint(wid, "Pakke \uffff kommer", stage="S1", feeling=1)
    curve = read_curve(render("curve", engine.load(wid)))
    assert any("Pakke \ufffd kommer" in t for t in curve.titles)
    assert "\uffff" not in render("map", engine.load(wid))


def test_the_figures_on_top_and_what_answers_no_stage(engine) -> None:
    wid, _ = engine.create_workshop("Tall", stages=["Før", "Etter"], facilitator="Åse")
    engine.add_touchpoint(wid, "Bestiller", stage="S1", feeling=-1, pains=["Treg kasse"], moment_of_truth=True)
    engine.add_touchpoint(wid, "Pakker opp", stage="S2", feeling=1)
    both = engine.add_idea(wid, "Én idé for hele reisen", touchpoints=["T1", "T2"])
    engine.add_idea(wid, "Løs idé uten kobling")
    engine.add_participant(wid, "Ola", role="Lager")
    engine.set_rules(wid, blind=False)
    engine.cast_vote(wid, "U1", both, dots=2)
    concept = engine.add_concept(wid, both, effect=4, cost=2)
    engine.add_pilot(wid, "Prøv det i Bergen", concept=concept, owner="Kari", start="2025-05-01", end="2025-06-01")
    page = render("map", engine.load(wid))
    lanes = grid(page)
    # The idea linked to both stages stands in both, and so does its pilot.
    assert [i.startswith("I1 Én idé for hele reisen ● 2 (T1 T2)") for i in lanes["Ideas"]] == [True, True]
    assert all("#1 P1 Prøv det i Bergen Kari · 2025-05-01 → 2025-06-01 · proposed" in p for p in lanes["Pilots"])
    text = reading(page)
    assert "Not tied to a stage I2 Løs idé uten kobling ● 0" in text
    assert "Weakest link S1 Før mean feeling −1.0 across 1 rated; 1 of 1 touchpoint with pains (1 in all)" in text
    assert "Moments of truth T1" in text
    assert "2 touchpoints (2 rated) · 2 ideas · 2 dots · 1 pilot" in text
    assert "Top pilot in the backlog #1 P1 Prøv det i Bergen owner Kari · 2025-05-01 → 2025-06-01 · proposed" in text
    assert "In the room Ola (Lager)" in text
