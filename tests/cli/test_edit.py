"""Editing and removing every kind of thing from the command line, voting, undo and redo."""

from __future__ import annotations

from dataclasses import replace

import pytest


def test_brief_and_rules_change_only_what_is_given(run, snapshot, shop) -> None:
    run("edit", "brief", shop, "--title", "Pakker på villspor", "--measure", "Færre samtaler",
        "--constraint", "Ingen nye systemer", "--date", "2025-05-06")
    run("edit", "brief", shop, "--no-constraints")
    run("edit", "rules", shop, "--dots", "5", "--cap", "2", "--no-blind", "--silent")
    state, _ = snapshot(shop)
    assert (state.title, state.success_measures, state.constraints, state.date) == (
        "Pakker på villspor", ("Færre samtaler",), (), "2025-05-06")
    assert state.challenge == "Hvordan kan vi …?"  # untouched
    assert (state.dots_per_participant, state.cap_per_idea, state.blind, state.silent) == (5, 2, False, True)
    run("edit", "rules", shop, "--no-cap", "--no-silent")
    state, _ = snapshot(shop)
    assert state.cap_per_idea is None and not state.silent and state.dots_per_participant == 5


def test_people_stages_and_criteria(run, snapshot, shop) -> None:
    run("edit", "participant", shop, "åse ødegård", "--name", "Åse Øde", "--facilitator")
    run("edit", "persona", shop, "R1", "--description", "Tunge ting, langt fra veien")
    run("edit", "stage", shop, "Delivery and use", "--name", "Levering", "--position", "1")
    run("add", "criterion", shop, "Kunden vet dagen")
    run("add", "criterion", shop, "Ingen må ringe")
    run("edit", "criterion", shop, "D2", "--text", "Ingen skal måtte ringe", "--position", "1")
    state, _ = snapshot(shop)
    assert state.participants[0].name == "Åse Øde" and state.participants[0].facilitator
    assert state.personas[0].description == "Tunge ting, langt fra veien"
    assert [s.name for s in state.stages][:2] == ["Levering", "Marketing"]
    assert [c.text for c in state.criteria] == ["Ingen skal måtte ringe", "Kunden vet dagen"]


def test_a_touchpoint_is_edited_moved_and_cleared(run, snapshot, shop) -> None:
    run("add", "touchpoint", shop, "Jeg ringer og venter", "--stage", "Customer service", "--feeling", "-1")
    run("edit", "touchpoint", shop, "T1", "--text", "Jeg venter og venter", "--stage", "S4", "--position", "1",
        "--no-pains", "--no-persona", "--no-count", "--no-moment-of-truth", "--channel", "phone")
    state, _ = snapshot(shop)
    tp = state.touchpoint("T1")
    assert (tp.text, tp.stage, tp.pains, tp.persona, tp.evidence_count, tp.moment_of_truth, tp.channel) == (
        "Jeg venter og venter", "S4", (), None, None, False, "phone")
    assert [t.ref for t in state.touchpoints_in("S4")] == ["T1", "T2"]
    assert tp.feeling == -2  # not given, so kept
    run("edit", "touchpoint", shop, "T1", "--no-feeling", "--pain", "Kø", "--pain", "Ingen svar")
    assert snapshot(shop)[0].touchpoint("T1").pains == ("Kø", "Ingen svar")


def test_ideas_link_unlink_and_themes(run, snapshot, shop) -> None:
    run("add", "touchpoint", shop, "Sporingen står stille", "--stage", "3")
    run("edit", "idea", shop, "I1", "--link", "T2", "--unlink", "T1", "--text", "SMS ved forsinkelse")
    idea = snapshot(shop)[0].idea("I1")
    assert idea.touchpoints == ("T2",) and idea.text == "SMS ved forsinkelse"
    run("theme", shop, "Beskjed", "Varsling")
    assert snapshot(shop)[0].idea("I1").theme == "Varsling"
    run("edit", "idea", shop, "I1", "--theme", "")
    assert snapshot(shop)[0].idea("I1").theme == ""


def test_concepts_assumptions_and_pilots(run, snapshot, shop) -> None:
    run("add", "assumption", shop, "Kundene leser SMS", "--concept", "C1", "--kind", "value", "--critical")
    run("edit", "concept", shop, "C1", "--effect", "2", "--wow", "--rationale", "Færre samtaler")
    run("edit", "assumption", shop, "A1", "--kind", "scale", "--no-critical", "--test", "Spør 20 kunder")
    run("edit", "pilot", shop, "P1", "--tests", "A1", "--pin", "1", "--decision", "iterate",
        "--learnings", "Kundene svarte", "--status", "done", "--owner", "Bjørn Æsøy", "--end", "")
    state, _ = snapshot(shop)
    c, a, p = state.concepts[0], state.assumptions[0], state.pilots[0]
    assert (c.effect, c.cost, c.wow, c.rationale) == (2, 2, True, "Færre samtaler")
    assert (a.kind, a.critical, a.test) == ("scale", False, "Spør 20 kunder")
    assert (p.tests, p.pin, p.decision, p.learnings, p.status, p.owner, p.end_date) == (
        ("A1",), 1, "iterate", "Kundene svarte", "done", "Bjørn Æsøy", None)
    run("edit", "pilot", shop, "P1", "--no-tests", "--no-pin")
    p = snapshot(shop)[0].pilots[0]
    assert p.tests == () and p.pin is None


@pytest.mark.parametrize(("kind", "ref", "gone"), [
    ("pilot", "P1", lambda s: not s.pilots),
    ("participant", "Bjørn Æsøy", lambda s: [p.name for p in s.participants] == ["Åse Ødegård"]),
    ("persona", "R1", lambda s: not s.personas and s.touchpoint("T1").persona is None),
    ("touchpoint", "T1", lambda s: not s.touchpoints and s.idea("I1").touchpoints == ()),
    ("stage", "Marketing", lambda s: "Marketing" not in [x.name for x in s.stages]),
])
def test_remove_then_undo_brings_it_back(run, snapshot, shop, kind, ref, gone) -> None:
    before, events = snapshot(shop)
    run("remove", kind, shop, ref)
    assert gone(snapshot(shop)[0])
    run("undo", shop)
    after, later = snapshot(shop)
    assert replace(after, event_count=before.event_count) == before and later == events + 2
    run("redo", shop)
    assert gone(snapshot(shop)[0])


def test_dots_are_cast_taken_back_and_revealed(run, run_json, snapshot, shop) -> None:
    out = run("vote", shop, "--participant", "Åse Ødegård", "--idea", "I1", "--dots", "2").stdout
    assert out == "Åse Ødegård put 2 dots on I1; 1 of 3 left\n"
    assert run_json("unvote", shop, "--participant", "U1", "--idea", "i1")["left"] == 3
    run("vote", shop, "--participant", "Bjørn Æsøy", "--idea", "I1")
    assert "1 dot " not in run("show", shop).stdout  # blind: no tallies yet
    run("reveal", shop)
    assert "1 dot " in run("show", shop).stdout
    run("reveal", shop, "--hide")
    assert not snapshot(shop)[0].revealed


def test_copy_and_delete_a_workshop(run, run_json, shop) -> None:
    copy = run_json("copy", shop, "--title", "Ny runde på samme reise")
    assert copy == {"id": 2, "slug": "ny-runde-pa-samme-reise"}
    run("delete", copy["slug"], input="n\n", code=1)
    assert len(run_json("list")["workshops"]) == 2
    run("delete", copy["slug"], "--yes")
    assert [w["slug"] for w in run_json("list")["workshops"]] == [shop]
