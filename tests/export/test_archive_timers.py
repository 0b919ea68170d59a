"""The phase timers in the JSON archive (version 2 and later): export and import give back every
timer as it was, a running one still running; a version-1 archive, written before timers were stored, is
still imported, with no timers; damaged timers are refused naming the field."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.timers import utc_now
from workshop.domain.values import Phase
from workshop.engine import Engine, open_engine
from workshop.export import read_archive, render
from workshop.export.archive import VERSION

V1_ARCHIVE = Path(__file__).resolve().parents[1] / "data" / "workshop-v1.archive.json"


@pytest.fixture
def timed(engine: Engine, workshop: int) -> int:
    """The workshop with a timer paused in What Is, one running in What If, and a timebox set
    for What Wows that has not been started."""
    engine.start_timer(workshop, "what-is", default_minutes=45)
    engine.pause_timer(workshop, "what-is")
    engine.start_timer(workshop, "what-if", minutes=12.5)
    engine.set_timebox(workshop, "what-wows", minutes=40)
    return workshop


@pytest.fixture
def fresh(tmp_path: Path) -> Engine:
    other = open_engine(str(tmp_path / "other.db"))
    yield other
    other.store.close()


def test_the_timers_come_back_exactly(engine: Engine, timed: int, fresh: Engine) -> None:
    text = render("json", engine.load(timed), engine.events(timed))
    data = json.loads(text)
    assert data["version"] == VERSION
    assert list(data["workshop"]["timers"]) == ["what-is", "what-if", "what-wows"]
    assert data["workshop"]["timers"]["what-if"]["timebox"] == 750
    assert data["workshop"]["timers"]["what-if"]["since"] is not None
    wid, _ = fresh.import_archive(read_archive(text))
    assert render("json", fresh.load(wid), fresh.events(wid)) == text
    before, after = engine.load(timed), fresh.load(wid)
    assert after.timers == before.timers
    now = utc_now()
    assert after.timer(Phase.WHAT_IF).running
    assert after.timer(Phase.WHAT_IF).remaining(now) == before.timer(Phase.WHAT_IF).remaining(now)
    assert not after.timer(Phase.WHAT_IS).running
    # The log came along: the imported workshop pauses the running timer and undo passes over it.
    fresh.pause_timer(wid, "what-if")
    assert fresh.undo(wid).summary.startswith("undo: added participant U1")


def test_a_version_1_archive_is_imported_with_no_timers(fresh: Engine) -> None:
    text = V1_ARCHIVE.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == 1
    wid, _ = fresh.import_archive(read_archive(text))
    state = fresh.load(wid)
    assert state.timers == ()
    again = json.loads(render("json", state, fresh.events(wid)))
    original = json.loads(text)
    assert again.pop("version") == VERSION and original.pop("version") == 1
    assert again["workshop"].pop("timers") == {}
    # What versions 3 and 4 added takes its default: nobody has joined from a device, nobody is
    # done voting.
    assert (again["workshop"].pop("open_join"), again["workshop"].pop("anonymous")) == (False, "silent")
    for person in again["participants"]:
        assert (person.pop("joined"), person.pop("blocked"), person.pop("done_voting")) == (False, False, False)
    assert again == original
    assert fresh.start_timer(wid, default_minutes=35) == "started the What Works timer (35:00 left)"


def test_a_version_1_archive_cannot_carry_timers(fresh: Engine) -> None:
    data = json.loads(V1_ARCHIVE.read_text(encoding="utf-8"))
    data["workshop"]["timers"] = {"what-if": {"timebox": 600, "elapsed": 0, "since": None}}
    with pytest.raises(InvalidInput, match=r"^workshop\.timers: is not a field of this archive version"):
        fresh.import_archive(data)
    assert fresh.list_workshops() == []


@pytest.mark.parametrize(("timers", "message"), [
    ([], "workshop.timers: must be an object from phase to its timer"),
    ({"what-next": {"timebox": 600}}, "workshop.timers.what-next: is not a phase (brief, what-is,"),
    ({"what-if": {"timebox": 0}}, "workshop.timers.what-if.timebox: must be a whole number from 1 to 28800, not 0"),
    ({"what-if": {"timebox": 600.5}}, "workshop.timers.what-if.timebox: must be a whole number"),
    ({"what-if": {}}, "workshop.timers.what-if.timebox: is required"),
    ({"what-if": {"timebox": 600, "elapsed": -3}}, "workshop.timers.what-if.elapsed: must be a number of seconds, 0 or more"),
    ({"what-if": {"timebox": 600, "elapsed": True}}, "workshop.timers.what-if.elapsed: must be a number of seconds"),
    ({"what-if": {"timebox": 600, "since": "i går"}}, "workshop.timers.what-if.since: must be a time as ISO 8601"),
    ({"what-if": {"timebox": 600, "colour": "rød"}}, "workshop.timers.what-if.colour: is not a field"),
    ({"what-if": "10 minutter"}, "workshop.timers.what-if: must be an object"),
])
def test_damaged_timers_are_refused_naming_the_field(engine: Engine, timed: int, fresh: Engine,
                                                     timers: object, message: str) -> None:
    data = json.loads(render("json", engine.load(timed), engine.events(timed)))
    data = copy.deepcopy(data)
    data["workshop"]["timers"] = timers
    with pytest.raises(InvalidInput) as refused:
        fresh.import_archive(data)
    assert str(refused.value).startswith(message), str(refused.value)
    assert fresh.list_workshops() == []
