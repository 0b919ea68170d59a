"""The demo workshop: rich enough for every screen and export, and a log that replays like a session."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from workshop.demo import build_demo
from workshop.domain.model import WorkshopState
from workshop.engine import open_engine
from workshop.export import render
from workshop.replay import Replay


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[WorkshopState, list, Replay]:
    engine = open_engine(str(tmp_path_factory.mktemp("demo") / "workshop.db"))
    try:
        wid = build_demo(engine, today=dt.date(2025, 5, 6))
        return engine.load(wid), engine.events(wid), Replay.open(engine, wid)
    finally:
        engine.store.close()


def test_the_brief_and_the_room(demo) -> None:
    state, _, _ = demo
    assert state.slug == "demo" and state.phase.value == "what-works" and state.lang == "nb"
    assert state.challenge.startswith("Hvordan kan vi") and state.scope
    assert len(state.success_measures) >= 3 and len(state.constraints) >= 3
    assert 6 <= len(state.participants) <= 8
    assert len({p.role for p in state.participants}) == len(state.participants)
    assert sum(p.facilitator for p in state.participants) == 1
    names = " ".join(p.name for p in state.participants).casefold()
    assert all(ch in names for ch in "æøå")
    assert len(state.personas) == 3 and all(p.description for p in state.personas)


def test_what_is_is_full(demo) -> None:
    state, _, _ = demo
    assert 15 <= len(state.touchpoints) <= 20
    assert all(state.touchpoints_in(s.ref) for s in state.stages)
    assert all(tp.feeling is not None and tp.author for tp in state.touchpoints)
    assert {tp.feeling for tp in state.touchpoints} == {-2, -1, 0, 1, 2}
    assert sum(tp.moment_of_truth for tp in state.touchpoints) >= 4
    assert sum(bool(tp.pains) for tp in state.touchpoints) >= 12
    assert any(tp.evidence_count for tp in state.touchpoints)
    assert {tp.persona for tp in state.touchpoints} >= {"R1", "R2", "R3"}
    assert len(state.criteria) >= 4


def test_what_if_and_what_wows(demo) -> None:
    state, _, _ = demo
    assert 14 <= len(state.ideas) <= 18 and not any(i.hidden for i in state.ideas)
    assert len({i.theme for i in state.ideas if i.theme}) >= 4
    assert all(i.touchpoints for i in state.ideas)
    assert state.revealed
    for participant in state.participants:
        assert state.dots_spent(participant.ref) == state.dots_per_participant, participant.name
    chosen = {c.idea for c in state.concepts}
    assert 3 <= len(state.concepts) <= 4
    top = sorted(state.ideas, key=lambda i: -state.dots_for(i.ref))[:2]
    assert {i.ref for i in top} <= chosen
    assert all(c.effect and c.cost and c.benefits and c.execution and c.rationale for c in state.concepts)
    assert any(c.wow for c in state.concepts)
    assert {a.kind for a in state.assumptions} == {"value", "execution", "scale", "defensibility"}
    assert all(state.assumptions_of(c.ref) for c in state.concepts)


def test_what_works(demo) -> None:
    state, _, _ = demo
    names = {p.name for p in state.participants}
    assert len(state.pilots) == 3
    for pilot in state.pilots:
        assert pilot.owner in names and pilot.hypothesis.startswith("Vi tror at") and pilot.metric
        assert dt.date(2025, 5, 6) < dt.date.fromisoformat(pilot.start_date) < dt.date.fromisoformat(pilot.end_date)
        assert pilot.tests and pilot.budget


def test_the_log_replays_as_a_session(demo) -> None:
    state, events, replay = demo
    assert [p.phase.value for p in replay.phase_changes()] == [
        "brief", "what-is", "what-if", "what-wows", "what-works"]
    assert replace(replay.state_at(len(replay)), created_at=state.created_at) == state
    actors = Counter(e.actor for e in events)
    assert len(actors) == len(state.participants)  # everyone in the room did something
    actions = {e.action for e in events}
    assert {"undo", "touchpoint.move", "ideas.reveal", "votes.reveal", "theme.rename",
            "vote.withdraw"} <= actions


def test_every_export_renders(demo) -> None:
    state, events, _ = demo
    for what in ("journey", "backlog", "report", "csv", "json", "map", "curve"):
        assert "Lyngvik" in render(what, state, events) or what == "csv"


def test_the_demo_is_refreshed_and_other_workshops_kept(run, run_json, snapshot) -> None:
    run("new", "Demo")  # a user's own workshop that happens to take the slug `demo`
    mine = run_json("new", "Vårt eget verksted")["id"]
    first = run_json("demo", "--no-tui")
    built = snapshot(first["slug"])[1]
    run("add", "idea", first["slug"], "Noe vi la til etterpå")
    second = run_json("demo", "--no-tui")
    slugs = {w["slug"]: w["title"] for w in run_json("list")["workshops"]}
    assert slugs["demo"] == "Demo" and slugs[second["slug"]].startswith("Lyngvik Hage")
    assert len(slugs) == 3  # one demo, rebuilt from scratch
    assert snapshot(second["slug"])[1] == built
    assert snapshot(mine)[1] == 1


def test_demo_without_the_tui_prints_its_id(run, db_path: Path) -> None:
    out = run("demo", "--no-tui").stdout
    assert out.strip().isdigit()
    assert run("show", out.strip()).stdout.startswith("Lyngvik Hage")
