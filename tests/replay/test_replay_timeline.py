"""Replay of the demo: each phase built step by step, the events in words with local time, the
index of phase changes, seeking by event or by time, and nothing written while replaying."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path

import pytest

from workshop.demo import build_demo
from workshop.domain.errors import InvalidInput, NotFound
from workshop.domain.values import Phase
from workshop.engine import Engine, LoggedEvent
from workshop.replay import Replay, describe, state_at_point


@pytest.fixture
def oslo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local time is Oslo's, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "Europe/Oslo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, int]:
    from workshop.engine import open_engine

    engine = open_engine(str(tmp_path_factory.mktemp("demo") / "w.db"))
    yield engine, build_demo(engine)
    engine.store.close()


def _event(at: str, action: str, summary: str, actor: str = "") -> LoggedEvent:
    return LoggedEvent(seq=7, at=at, actor=actor, action=action, summary=summary, phase="what-is",
                       target=None, changes=[])


def test_the_demo_is_built_phase_by_phase(demo: tuple[Engine, int]) -> None:
    engine, w = demo
    replay = Replay.open(engine, w)
    starts = replay.phase_changes()
    assert [p.phase for p in starts] == [Phase.BRIEF, Phase.WHAT_IS, Phase.WHAT_IF, Phase.WHAT_WOWS, Phase.WHAT_WORKS]
    assert starts[0].position == 1
    first = replay.state_at(1)
    assert first.touchpoints == () and [s.name for s in first.stages][0] == "Markedsføring"
    # Each phase begins with what the earlier ones built and ends with more of its own.
    counts = []
    for start, end in zip(starts, [*starts[1:], None]):
        last = (end.position - 1) if end else len(replay)
        at_start, at_end = replay.state_at(start.position), replay.state_at(last)
        assert at_start.phase == at_end.phase == start.phase
        counts.append((len(at_end.touchpoints), len(at_end.ideas), len(at_end.votes), len(at_end.pilots)))
    assert counts[0] == (0, 0, 0, 0)
    assert counts[1][0] == 19 and counts[1][1] == 0
    assert counts[2][1] == 16 and counts[2][2] == 0
    assert counts[3][2] > 0 and counts[3][3] == 0
    assert counts[4][3] == 3
    assert replay.state_at(len(replay)) == engine.load(w)


def test_stepping_touchpoint_by_touchpoint(demo: tuple[Engine, int]) -> None:
    engine, w = demo
    replay = Replay.open(engine, w)
    what_is = replay.phase_changes()[1].position
    seen = [len(replay.state_at(k).touchpoints) for k in range(what_is, what_is + 20)]
    assert seen == list(range(0, 20))
    assert "added touchpoint T1 " in replay.describe(what_is + 1)


def test_undo_shows_in_the_replay(demo: tuple[Engine, int]) -> None:
    engine, w = demo
    replay = Replay.open(engine, w)
    undo = next(k for k in range(1, len(replay) + 1) if replay.event(k).action == "undo")
    before, at = replay.state_at(undo - 1), replay.state_at(undo)
    assert len(at.criteria) == len(before.criteria) - 1
    assert "undid: added design criterion D2" in replay.describe(undo)


def test_events_in_words_with_local_time(oslo: None) -> None:
    added = _event("2026-03-14T09:42:10.000+00:00", "touchpoint.add",
                   "added touchpoint T7 'Waits for the parcel' to Delivery and use, feeling −2 (frustrated)", "Kari")
    assert describe(added) == ("10:42 Kari added touchpoint T7 'Waits for the parcel' to Delivery and use, "
                               "feeling −2 (frustrated)")
    assert describe(added, date=True).startswith("2026-03-14 10:42 Kari")
    # Summer time in Oslo is two hours ahead of UTC.
    voted = _event("2026-06-14T09:05:00.000+00:00", "vote.cast", "Åse put 2 dots on idea I3 (cast by Kari)", "Kari")
    assert describe(voted) == "11:05 Åse put 2 dots on idea I3 (cast by Kari)"
    undone = _event("2026-06-14T09:06:00.000+00:00", "undo", "undo: added idea I3 'Pakkeboks'")
    assert describe(undone) == "11:06 The facilitator undid: added idea I3 'Pakkeboks'"


def test_seeking_by_event_number_and_by_time(engine: Engine, workshop: int, oslo: None) -> None:
    engine.add_touchpoint(workshop, "Venter på pakken", stage="3", feeling=-2)
    first_two = engine.events(workshop)
    time.sleep(0.002)  # times are kept to the millisecond: the next event is a moment later
    engine.add_touchpoint(workshop, "Ringer kundeservice", stage="4", feeling=-1)
    state, events = state_at_point(engine, workshop, "3")
    assert [t.text for t in state.touchpoints] == ["Venter på pakken"] and len(events) == 3
    assert state_at_point(engine, workshop, "#2")[0].touchpoints == ()
    # A moment: the state after the last event at or before it (here given with its offset).
    moment = dt.datetime.fromisoformat(first_two[-1].at)
    state, events = state_at_point(engine, workshop, moment.isoformat())
    assert len(events) == 3 and len(state.touchpoints) == 1
    # A local time without offset, and a date alone (the end of that day), reach the newest event.
    local = (dt.datetime.now() + dt.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M")
    assert len(state_at_point(engine, workshop, local)[0].touchpoints) == 2
    assert len(state_at_point(engine, workshop, dt.date.today().isoformat())[1]) == 4


def test_bad_points_are_refused_naming_the_field(engine: Engine, workshop: int) -> None:
    with pytest.raises(InvalidInput, match=r"^at: there is no event 9; the log has events 1 to 2"):
        state_at_point(engine, workshop, "9")
    with pytest.raises(InvalidInput, match=r"^at: give an event number"):
        state_at_point(engine, workshop, "i går")
    with pytest.raises(InvalidInput, match=r"^at: the workshop did not exist yet"):
        state_at_point(engine, workshop, "2001-01-01T00:00+00:00")
    with pytest.raises(NotFound, match="^workshop: "):
        state_at_point(engine, "ingen-slik", "1")
    replay = Replay.open(engine, workshop)
    for k in (0, 3, -1):
        with pytest.raises(InvalidInput, match="^event: must be a position from 1 to 2"):
            replay.state_at(k)


def test_replay_writes_nothing(rich_file_copy: Path) -> None:
    from workshop.engine import open_engine

    engine = open_engine(str(rich_file_copy))
    w = engine.list_workshops()[0].id
    engine.store.checkpoint()
    digest = hashlib.sha256(rich_file_copy.read_bytes()).hexdigest()
    replay = Replay.open(engine, w, interval=4)
    for k in range(1, len(replay) + 1):
        replay.state_at(k)
        replay.describe(k)
    state_at_point(engine, w, "5")
    engine.store.checkpoint()
    assert hashlib.sha256(rich_file_copy.read_bytes()).hexdigest() == digest
    engine.store.close()


def test_seeking_back_and_forth_gives_the_same_state(rich: tuple[Engine, int]) -> None:
    engine, w = rich
    replay = Replay.open(engine, w, interval=5)
    forward = [replay.state_at(k) for k in range(1, len(replay) + 1)]
    for k in (len(replay), 1, 17, 3, 26, 17, len(replay) - 1):
        assert replay.state_at(k) == forward[k - 1]
    # The snapshots are not disturbed by what a caller does with the rows it gets.
    head, tables = replay.rows_at(12)
    tables["touchpoint"]["T1"]["pains"].append("x")
    tables["touchpoint"].clear()
    head["title"] = "x"
    assert replay.state_at(12) == forward[11]
